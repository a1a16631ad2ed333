"""``citecheck review``: record a human decision on a citation's verdict."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from citecheck import review as review_api
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


@main.command(name="review", context_settings=CONTEXT_SETTINGS)
@click.argument("citation_id", type=int)
@click.option("--accept", "action", flag_value="accept", help="The verdict is right: the problem is real.")
@click.option(
    "--dismiss", "action", flag_value="dismiss", help="A false alarm: hide it until the page changes."
)
@click.option("--note", default=None, help="Why (with --accept/--dismiss), or a note on its own.")
@click.option("--by", default=None, help="Who decides (default: your login name).")
@click.option("--history", "show_history", is_flag=True, help="Print the citation's review history.")
@db_option
@config_option
@translate_errors
def review_command(
    citation_id: int,
    action: str | None,
    note: str | None,
    by: str | None,
    show_history: bool,
    db_path: str | None,
    config_file: str | None,
) -> None:
    """Accept or dismiss the verdict of CITATION_ID, or add a note; the history is kept.

    A dismissed problem leaves `citecheck report` until the page changes or the
    verdict's label changes. Citation ids are shown by `citecheck report`.

    \b
    Examples:
      citecheck review 12 --dismiss --note "the page says it in other words"
      citecheck review 12 --accept --by alice
      citecheck review 12 --note "asked the author"
      citecheck review 12 --history
    """
    if action is None and note is None and not show_history:
        raise click.UsageError("give --accept, --dismiss, --note TEXT or --history")
    settings = load_settings(config_file, db_path=db_path)
    if not Path(settings.db_path).exists():
        raise StoreError(f"no database at {settings.db_path}: run `citecheck check` first")
    db = open_db(settings.db_path)
    if action is not None or note is not None:
        done = review_api.record_review(
            db,
            citation_id,
            action or "note",
            note=note,
            by=by or review_api.default_reviewer(),
            now=datetime.now(UTC),
        )
        verb = {"accept": "accepted", "dismiss": "dismissed", "note": "noted"}[done.action]
        click.echo(f"citation {citation_id}: {verb} ({done.label or 'unchecked'}) by {done.by}")
    if show_history:
        for r in review_api.history(db, citation_id):
            click.echo(
                f"{r.at}  {r.action:<7} {r.label or 'unchecked':<11} {r.by or '-'}  {r.note or ''}".rstrip()
            )
