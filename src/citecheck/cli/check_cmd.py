"""``citecheck check``: run the whole pipeline on articles."""

from __future__ import annotations

import sys

import click

from citecheck.cli._base import (
    CONTEXT_SETTINGS,
    config_option,
    db_option,
    load_settings,
    main,
    source_options,
    translate_errors,
)
from citecheck.fetch.offline import offline_warning
from citecheck.models import ArticleFormat, CitationResult, ParsedArticle
from citecheck.runner import RunResult, check

# Exit code after Ctrl-C (SIGINT), the shell convention 128 + signal number 2.
INTERRUPTED_EXIT_CODE = 130


def _line(result: CitationResult) -> str:
    verdict = result.verdict
    outcome = result.fetch.outcome if result.fetch else "-"
    basis = "" if verdict.basis.value in ("live", "none") else f" (from {verdict.basis.value})"
    return (
        f"[{result.citation.marker}] {verdict.label.value:<11} {verdict.score:.2f}  "
        f"{outcome!s:<9} {result.citation.url}{basis}"
    )


def _summary(run: RunResult) -> str:
    total = sum(len(a.citations) for a in run.articles)
    parts = [f"{count} {label}" for label, count in sorted(run.label_counts.items())]
    line = f"{total} citations in {len(run.articles)} article(s): " + (", ".join(parts) or "none")
    if run.interrupted:
        line = (
            f"interrupted: {line}; not checked: {run.pending} citation(s) of started articles, "
            f"{run.unstarted} article(s) not started (run {run.run_id} marked interrupted)"
        )
    return line


@main.command(name="check", context_settings=CONTEXT_SETTINGS)
@click.argument("articles", nargs=-1, required=True)
@db_option
@config_option
@source_options
@click.option(
    "--format", "fmt", type=click.Choice([f.value for f in ArticleFormat]), help="Force the format."
)
@click.option("--judge", default=None, help="Judge: default, nli or llm.")
@click.option("--allow-private-networks", is_flag=True, default=None, help="Allow private/loopback URLs.")
@click.option("--no-wayback", is_flag=True, help="Do not look up or save Wayback snapshots.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the total.")
@translate_errors
def check_command(
    articles: tuple[str, ...],
    db_path: str | None,
    config_file: str | None,
    archive_dir: str | None,
    replay: tuple[str, ...],
    evalset: str | None,
    fmt: str | None,
    judge: str | None,
    allow_private_networks: bool | None,
    no_wayback: bool,
    quiet: bool,
) -> None:
    """Check every citation in ARTICLES (files, URLs, or - for standard input).

    Prints one line per citation and a total. Exit code 0 when every citation is
    supported, 1 when any needs a human look, 2 on error, 130 when interrupted
    (Ctrl-C: what was checked is kept and the run is marked interrupted).

    \b
    Examples:
      citecheck check article.txt
      citecheck check https://example.org/article.html --db checks.db
      citecheck check examples/istanbul/article.txt --replay examples/istanbul/sources.warc.gz
    """
    flags = {
        "db_path": db_path,
        "archive_dir": archive_dir,
        "judge": judge,
        "allow_private_networks": allow_private_networks,
    }
    if no_wayback:
        flags |= {"wayback_enabled": False, "wayback_save": False}
    settings = load_settings(config_file, **flags)
    bar_state: dict[str, object] = {}
    show_bar = sys.stderr.isatty() and not quiet

    def on_article(parsed: ParsedArticle) -> None:
        for warning in parsed.warnings:
            click.echo(f"warning: {warning.message}", err=True)
        if not parsed.citations:
            click.echo(f"{parsed.article.source}: no citations found", err=True)
        if show_bar and parsed.citations:
            bar = click.progressbar(length=len(parsed.citations), label="checking", file=sys.stderr)
            bar.__enter__()
            bar_state["bar"] = bar

    def on_result(result: CitationResult) -> None:
        bar = bar_state.get("bar")
        if bar is not None:
            bar.update(1)  # type: ignore[attr-defined]

    run = check(
        list(articles),
        settings=settings,
        replay=replay,
        evalset=evalset,
        fmt=ArticleFormat(fmt) if fmt else None,
        on_article=on_article,
        on_result=on_result,
    )
    bar = bar_state.get("bar")
    if bar is not None:
        bar.__exit__(None, None, None)  # type: ignore[attr-defined]
    for article in run.articles:
        if article.error:
            click.echo(f"error: {article.error}", err=True)
        if not article.citations:
            continue
        if not quiet:
            click.echo(f"{article.title or article.source}")
            for result in article.citations:
                click.echo("  " + _line(result))
    if run.interrupted or any(a.citations or not a.error for a in run.articles):
        click.echo(_summary(run))
    offline = offline_warning(c.fetch for a in run.articles for c in a.citations)
    if offline:
        click.echo(f"warning: {offline}", err=True)
    sys.exit(INTERRUPTED_EXIT_CODE if run.interrupted else run.exit_code)
