"""``citecheck extract``: show what citecheck reads from one page (metadata and body text)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import click
import httpx

from citecheck.cli._base import CONTEXT_SETTINGS, config_option, load_settings, main, translate_errors
from citecheck.config import Settings
from citecheck.errors import InputError, NetworkError
from citecheck.extract import extract_bytes
from citecheck.fetch import Fetcher
from citecheck.models import Extraction, FetchResult
from citecheck.net.client import make_client

# The keys --json always prints first, in this order.
JSON_KEYS = ("title", "date", "author", "site", "lang", "url", "outcome", "text")
_URL_SCHEMES = ("http://", "https://")


async def _get(url: str, settings: Settings) -> FetchResult:
    async with make_client(settings) as client:
        return await Fetcher(client, settings).fetch(url)


def fetch_page(url: str, settings: Settings) -> FetchResult:
    """Fetch a page through the fetch stage (redirects, retries, safety guard, classification)."""
    try:
        return asyncio.run(_get(url, settings))
    except httpx.HTTPError as exc:
        raise NetworkError(f"cannot fetch {url}: {exc}") from exc


def _read_file(source: str) -> tuple[bytes, str]:
    path = Path(source)
    if not path.exists():
        raise InputError(f"file not found: {source}")
    if not path.is_file():
        raise InputError(f"not a file: {source}")
    try:
        return path.read_bytes(), path.resolve().as_uri()
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc.strerror or exc}") from exc


def _as_json(extraction: Extraction, status: int | None) -> str:
    data: dict[str, Any] = {key: getattr(extraction, key) for key in JSON_KEYS}
    data.update(
        canonical=extraction.canonical,
        method=extraction.method,
        chars=len(extraction.text),
        normalized_hash=extraction.normalized_hash,
        extractor_version=extraction.extractor_version,
    )
    if status is not None:
        data["status"] = status
    return json.dumps(data, ensure_ascii=False, indent=2)


def _as_text(extraction: Extraction, status: int | None) -> str:
    rows = [
        ("title", extraction.title),
        ("date", extraction.date),
        ("author", extraction.author),
        ("site", extraction.site),
        ("lang", extraction.lang),
        ("url", extraction.url),
        ("canonical", extraction.canonical),
        ("status", status),
        (
            "outcome",
            f"{extraction.outcome} ({extraction.method or 'no method'}, {len(extraction.text)} chars)",
        ),
    ]
    head = "\n".join(
        f"{name + ':':<11}{'-' if value is None else value}"
        for name, value in rows
        if name != "status" or value
    )
    return f"{head}\n\n{extraction.text}" if extraction.text else head


@main.command(name="extract", context_settings=CONTEXT_SETTINGS)
@click.argument("source", metavar="FILE_OR_URL")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of text.")
@click.option("--url", help="The page's URL, for a saved FILE (default: its file:// path).")
@config_option
@translate_errors
def extract_command(source: str, as_json: bool, url: str | None, config_file: str | None) -> None:
    """Print what citecheck reads from one page: title, date, author, site, language,
    outcome and the body text, so you can see what a verdict rests on.

    \b
    Examples:
      citecheck extract saved/ria-lavrov.html --url https://ria.ru/20250218/lavrov-2000217384.html
      citecheck extract https://tass.ru/politika/23183745 --json
    """
    status: int | None = None
    if source.lower().startswith(_URL_SCHEMES):
        fetched = fetch_page(source, load_settings(config_file))
        status = fetched.status
        extraction = extract_bytes(fetched.body, url or fetched.final_url, fetched.content_type)
        if not fetched.outcome.usable:
            why = fetched.reason or fetched.error or f"HTTP {status}"
            click.echo(f"note: {fetched.final_url} is {fetched.outcome}: {why}", err=True)
    else:
        body, file_url = _read_file(source)
        extraction = extract_bytes(body, url or file_url)
    click.echo(_as_json(extraction, status) if as_json else _as_text(extraction, status))
