"""``citecheck recheck``: re-fetch and re-verify stored citations that are due."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from citecheck import recheck as recheck_api
from citecheck.cli._base import (
    CONTEXT_SETTINGS,
    config_option,
    db_option,
    load_settings,
    main,
    source_options,
    translate_errors,
)
from citecheck.errors import StoreError
from citecheck.fetch.offline import offline_warning
from citecheck.recheck import RecheckItem, RecheckResult
from citecheck.store import open_db

# Exit code after Ctrl-C (SIGINT), the shell convention 128 + signal number 2.
EXIT_INTERRUPTED = 130


def line(item: RecheckItem) -> str:
    """One line for a rechecked citation."""
    if item.result is None:
        return f"citation {item.citation_id}: error: {item.error}"
    verdict = item.result.verdict
    outcome = item.result.fetch.outcome if item.result.fetch else "-"
    notes = []
    if item.previous_label and item.previous_label != verdict.label.value:
        notes.append(f"was {item.previous_label}")
    if outcome != "-" and item.previous_outcome and item.previous_outcome != outcome:
        notes.append(f"link was {item.previous_outcome}")
    if verdict.basis.value not in ("live", "none"):
        notes.append(f"judged on the {verdict.basis.value} copy")
    if item.drift and item.drift != "unchanged":
        notes.append(f"page {item.drift}")
    if item.new_problem:
        notes.append("NEW PROBLEM")
    tail = f"  ({', '.join(notes)})" if notes else ""
    return (
        f"[{item.result.citation.marker}] {verdict.label.value:<11} {verdict.score:.2f}  {outcome!s:<9} "
        f"{item.result.citation.url}  citation {item.citation_id}{tail}"
    )


def summary(result: RecheckResult) -> str:
    """The closing line: how many, which labels, how many new problems."""
    if not result.items:
        return "nothing to recheck"
    labels = ", ".join(f"{count} {label}" for label, count in result.label_counts.items()) or "none"
    new = sum(1 for i in result.items if i.new_problem)
    errors = sum(1 for i in result.items if i.error)
    text = (
        f"{len(result.items)} citation(s) rechecked over {result.urls} URL(s): {labels}; {new} new problem(s)"
    )
    return text + (f"; {errors} error(s)" if errors else "")


@main.command(name="recheck", context_settings=CONTEXT_SETTINGS)
@click.option("--due", "due_only", is_flag=True, help="Only citations whose next check time has come.")
@click.option("--article", "articles", multiple=True, help="Only this article (id or source). Repeatable.")
@click.option("--limit", type=click.IntRange(min=1), help="Recheck at most N URLs.")
@click.option("--dry-run", is_flag=True, help="List what would be rechecked; fetch nothing.")
@db_option
@config_option
@source_options
@click.option("--allow-private-networks", is_flag=True, default=None, help="Allow private/loopback URLs.")
@click.option("--no-wayback", is_flag=True, help="Do not look up or save Wayback snapshots.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary.")
@translate_errors
def recheck_command(
    due_only: bool,
    articles: tuple[str, ...],
    limit: int | None,
    dry_run: bool,
    db_path: str | None,
    config_file: str | None,
    archive_dir: str | None,
    replay: tuple[str, ...],
    evalset: str | None,
    allow_private_networks: bool | None,
    no_wayback: bool,
    quiet: bool,
) -> None:
    """Re-fetch, re-archive and re-verify stored citations; record how their pages drifted.

    Without --due every active citation is rechecked. Several rechecks may run at
    once on one database: each URL is claimed by one of them. Exit code 0 when no
    new problem appeared, 1 when a citation became a problem (its page changed or
    died, or its verdict got worse), 2 on error.

    \b
    Examples:
      citecheck recheck --due                     # from cron or a systemd timer, hourly
      citecheck recheck --article 3 --limit 20
      citecheck recheck --evalset examples/istanbul/later
    """
    flags = {"db_path": db_path, "archive_dir": archive_dir, "allow_private_networks": allow_private_networks}
    if no_wayback:
        flags |= {"wayback_enabled": False, "wayback_save": False}
    settings = load_settings(config_file, **flags)
    if not Path(settings.db_path).exists():
        raise StoreError(f"no database at {settings.db_path}: run `citecheck check` first")
    db = open_db(settings.db_path)
    if dry_run:
        from citecheck.report import resolve_articles

        ids = resolve_articles(db, list(articles)) if articles else None
        rows = recheck_api.due(db, now=recheck_api.utcnow(), due_only=due_only, article_ids=ids)
        for row in rows:
            click.echo(
                f"citation {row['id']}  [{row['marker']}]  next {row['next_check_at'] or 'now'}  {row['url']}"
            )
        click.echo(f"{len(rows)} citation(s) over {len({r['url'] for r in rows})} URL(s) would be rechecked")
        return

    try:
        result = recheck_api.recheck(
            settings=settings,
            db=db,
            replay=replay,
            evalset=evalset,
            due_only=due_only,
            articles=articles,
            limit=limit,
        )
    except KeyboardInterrupt:  # the run is marked interrupted; its finished verdicts are stored
        click.echo(
            "interrupted: the verdicts finished so far are stored; the run is marked interrupted "
            "and the next recheck picks up what is left",
            err=True,
        )
        sys.exit(EXIT_INTERRUPTED)
    for item in sorted(result.items, key=lambda i: (i.article_id, i.citation_id)):
        if item.error:
            click.echo(line(item), err=True)
        elif not quiet:
            click.echo(line(item))
    click.echo(summary(result))
    offline = offline_warning(i.result.fetch if i.result else None for i in result.items)
    if offline:
        click.echo(f"warning: {offline}", err=True)
    sys.exit(result.exit_code)
