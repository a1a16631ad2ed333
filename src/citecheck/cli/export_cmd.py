"""``citecheck export-warc``: one WARC with every archived page an article cites."""

from __future__ import annotations

from pathlib import Path

import click

from citecheck.archive.export import article_snapshots, export_warc
from citecheck.cli._base import (
    CONTEXT_SETTINGS,
    config_option,
    db_option,
    load_settings,
    main,
    translate_errors,
)
from citecheck.errors import InputError, StoreError
from citecheck.report import resolve_articles
from citecheck.store import open_db


@main.command(name="export-warc", context_settings=CONTEXT_SETTINGS)
@click.option("--article", "article", required=True, help="The article (id or source).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=True, writable=True),
    help="WARC file to write (or a folder); default article-ID.warc.gz here.",
)
@click.option("--latest", is_flag=True, help="Only the newest snapshot of each URL (default: every check).")
@db_option
@config_option
@click.option("--archive", "archive_dir", default=None, help="Folder of the WARC files (default: config).")
@translate_errors
def export_warc_command(
    article: str,
    output: str | None,
    latest: bool,
    db_path: str | None,
    config_file: str | None,
    archive_dir: str | None,
) -> None:
    """Write one WARC holding every archived copy of the pages an article cites.

    The file replays on its own (redirects, requests, metadata records and the
    originals of revisit records are included) in pywb, ReplayWeb.page or
    ``citecheck check --replay``.

    \b
    Examples:
      citecheck export-warc --article 1
      citecheck export-warc --article article.txt --latest -o evidence.warc.gz
    """
    settings = load_settings(config_file, db_path=db_path, archive_dir=archive_dir)
    if not Path(settings.db_path).exists():
        raise StoreError(f"no database at {settings.db_path}: run `citecheck check` first")
    db = open_db(settings.db_path)
    ids = resolve_articles(db, [article])
    if len(ids) != 1:
        raise InputError(f"{article!r} matches {len(ids)} articles: give its id")
    snapshots = article_snapshots(db, ids[0], archive_dir=settings.archive_dir, latest=latest)
    if not snapshots:
        raise InputError(f"article {ids[0]} has no archived sources (was it checked with archiving on?)")
    path = export_warc(snapshots, output or f"article-{ids[0]}.warc.gz")
    click.echo(f"{path}: {len(snapshots)} snapshot(s) of article {ids[0]}")
