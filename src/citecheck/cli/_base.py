"""The click group, shared options and error translation used by every command."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from typing import Any, TypeVar

import click

from citecheck import __version__, config
from citecheck.config import Settings
from citecheck.errors import CitecheckError

# Longest error message printed: enough for a path and a cause, short of a dumped binary line.
MAX_MESSAGE_CHARS = 300
# A prefix repeated by nested error wrapping ("cannot read X: cannot read X: ...").
_REPEATS = re.compile(r"(\b[^:]{8,}: )\1+")
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}
F = TypeVar("F", bound=Callable[..., Any])


class CitecheckClickError(click.ClickException):
    """A CitecheckError shown as one line on stderr, with exit code 2."""

    exit_code = 2


def clean_message(text: str) -> str:
    """One printable line: control and undecodable characters shown as ?, long messages cut."""
    line = " ".join(text.split())
    line = "".join(ch if ch.isprintable() and ch != "\ufffd" else "?" for ch in line)
    line = _REPEATS.sub(r"\1", line)
    return line if len(line) <= MAX_MESSAGE_CHARS else line[: MAX_MESSAGE_CHARS - 3] + "..."


def translate_errors(func: F) -> F:
    """Turn CitecheckError (and OS errors on user paths) into a one-line message, exit 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except CitecheckError as exc:
            raise CitecheckClickError(clean_message(str(exc))) from exc

    return wrapper  # type: ignore[return-value]


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="citecheck")
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug).")
def main(verbose: int) -> None:
    """Check that the sources an article cites say what it claims, and archive them.

    \b
    Examples:
      citecheck check article.txt
      citecheck check examples/istanbul/article.txt --replay examples/istanbul/sources.warc.gz
      citecheck report --format html -o report.html
      citecheck eval ../shared/eval/dev
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def config_option(func: F) -> F:
    """``--config FILE``: the settings file (default ./config.toml or CITECHECK_CONFIG)."""
    return click.option(
        "--config",
        "config_file",
        type=click.Path(dir_okay=False),
        default=None,
        help="Settings file (default: ./config.toml if present, or $CITECHECK_CONFIG).",
    )(func)


def db_option(func: F) -> F:
    """``--db PATH``: the SQLite store."""
    return click.option("--db", "db_path", default=None, help="SQLite database (default from config).")(func)


def source_options(func: F) -> F:
    """``--archive DIR``, ``--replay WARC`` (repeatable), ``--evalset DIR``: where pages come from and go."""
    func = click.option(
        "--evalset", type=click.Path(exists=True, file_okay=False), help="Serve an evaluation set's pages."
    )(func)
    func = click.option(
        "--replay",
        multiple=True,
        type=click.Path(exists=True),
        help="Answer every request from this WARC file or folder (offline). Repeatable.",
    )(func)
    return click.option(
        "--archive", "archive_dir", default=None, help="Folder for WARC files (default from config)."
    )(func)


def load_settings(config_file: str | None, **flags: Any) -> Settings:
    """Settings from defaults < config file < CITECHECK_* < the given flags."""
    return config.load(config_file, overrides=flags)
