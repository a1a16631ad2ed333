"""``citecheck serve``: browse the store in Datasette, with citecheck's metadata and canned queries."""

from __future__ import annotations

import asyncio
import copy
import logging
import socket
from importlib import resources
from pathlib import Path
from typing import Any

import click
import yaml

from citecheck.cli._base import (
    CONTEXT_SETTINGS,
    config_option,
    db_option,
    load_settings,
    main,
    translate_errors,
)
from citecheck.errors import CitecheckError, StoreError
from citecheck.store import open_db

LOGGER = logging.getLogger(__name__)

METADATA_RESOURCE = "datasette.yaml"
# The database key used in the shipped metadata; renamed to the served file's name.
METADATA_DB_KEY = "citecheck"
DEFAULT_PORT = 8001


def load_metadata(db_name: str = METADATA_DB_KEY) -> dict[str, Any]:
    """The shipped Datasette metadata, with its database section under ``db_name``.

    Args:
        db_name: the name Datasette gives the database (the file name without ``.db``).

    Returns:
        The metadata as a dict.
    """
    text = resources.files("citecheck").joinpath(METADATA_RESOURCE).read_text(encoding="utf-8")
    metadata: dict[str, Any] = yaml.safe_load(text)
    data = copy.deepcopy(metadata)
    data["databases"] = {db_name: data["databases"].pop(METADATA_DB_KEY)}
    return data


def check_port(host: str, port: int) -> None:
    """Raise CitecheckError now when ``host:port`` cannot be listened on (in use, not local)."""
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        raise CitecheckError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


def build_datasette(db_path: str | Path) -> Any:
    """A Datasette instance on one store file, with citecheck's metadata, ready to serve."""
    from datasette.app import Datasette

    path = Path(db_path)
    metadata = load_metadata(path.stem)
    ds = Datasette(files=[str(path)], metadata=metadata, settings={"default_page_size": 50})
    asyncio.run(ds.invoke_startup())
    return ds


@main.command(name="serve", context_settings=CONTEXT_SETTINGS)
@click.option("--port", type=click.IntRange(1, 65535), default=DEFAULT_PORT, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--open", "open_browser", is_flag=True, help="Open the browser once it is listening.")
@db_option
@config_option
@translate_errors
def serve_command(
    port: int, host: str, open_browser: bool, db_path: str | None, config_file: str | None
) -> None:
    """Browse the store in Datasette: problems to review, dead links, changed pages, archives.

    Serves every table with descriptions, facets and full-text search on extracted
    text, plus canned queries. Stop it with Ctrl-C. Listens on 127.0.0.1 unless
    --host says otherwise (the store holds your articles: think before exposing it).

    \b
    Examples:
      citecheck serve --open
      citecheck serve --db checks.db --port 8080
    """
    import uvicorn

    settings = load_settings(config_file, db_path=db_path)
    path = Path(settings.db_path)
    if not path.exists():
        raise StoreError(f"no database at {path}: run `citecheck check` first")
    open_db(path).conn.close()  # migrate first, so the metadata's tables all exist
    check_port(host, port)
    ds = build_datasette(path)
    config = uvicorn.Config(ds.app(), host=host, port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    url = f"http://{host if ':' not in host else f'[{host}]'}:{port}/"
    click.echo(f"Datasette on {url}{path.stem} (Ctrl-C to stop)")
    if open_browser:

        async def serve_and_open() -> None:
            task = asyncio.create_task(server.serve())
            while not server.started and not task.done():
                await asyncio.sleep(0.05)
            if server.started:
                click.launch(url + path.stem)
            await task

        asyncio.run(serve_and_open())
    else:
        server.run()
