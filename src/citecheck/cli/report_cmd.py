"""``citecheck report``: the citations that need a look, in text, Markdown, HTML, JSON or CSV."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from citecheck import report
from citecheck.cli._base import (
    CONTEXT_SETTINGS,
    config_option,
    db_option,
    load_settings,
    main,
    translate_errors,
)
from citecheck.errors import StoreError
from citecheck.store import open_db


@main.command(name="report", context_settings=CONTEXT_SETTINGS)
@db_option
@config_option
@click.option("--format", "fmt", type=click.Choice(report.FORMATS), default="text", show_default=True)
@click.option("--only-problems", is_flag=True, help="Only citations that need a human look.")
@click.option("--since", help="Only problems that began (or pages that changed) since: 2026-01-31, 7d, 12h.")
@click.option("--article", "articles", multiple=True, help="Only this article (id or source). Repeatable.")
@click.option(
    "--verdict",
    "verdicts",
    multiple=True,
    type=click.Choice(report.VERDICTS),
    help="Only this verdict. Repeatable.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to FILE.")
@click.option("--schema", "print_schema", is_flag=True, help="Print the JSON report's JSON Schema and exit.")
@translate_errors
def report_command(
    db_path: str | None,
    config_file: str | None,
    fmt: str,
    only_problems: bool,
    since: str | None,
    articles: tuple[str, ...],
    verdicts: tuple[str, ...],
    output: str | None,
    print_schema: bool,
) -> None:
    """Report the citations of each article, those that need a look first (newest problem first).

    Shows the claim, verdict and score, the evidence with the matched words
    highlighted, what changed at the last check, the review state, and the live,
    local-archive and Wayback copies. Dismissed problems stay out until the page
    changes. Exit code 0 when every citation is supported, 1 when any needs a
    look, 2 on error (so it can gate CI and cron).

    \b
    Examples:
      citecheck report
      citecheck report --only-problems --since 7d --format markdown
      citecheck report --format html -o report.html
      citecheck report --format json | jq '.articles[].citations[] | .verdict'
      citecheck report --format csv -o problems.csv --only-problems
      citecheck report --only-problems -o problems.txt || notify-editors problems.txt
    """
    if print_schema:
        click.echo(json.dumps(report.REPORT_SCHEMA, indent=2))
        return
    settings = load_settings(config_file, db_path=db_path)
    if not Path(settings.db_path).exists():
        raise StoreError(f"no database at {settings.db_path}: run `citecheck check` first")
    db = open_db(settings.db_path)
    now = datetime.now(UTC)
    data = report.collect(
        db,
        only_problems=only_problems,
        since=report.parse_since(since, now) if since else None,
        articles=articles,
        verdicts=verdicts,
        now=now,
    )
    text = report.render(data, fmt)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
    sys.exit(report.exit_code(data))
