"""``citecheck schedule``: print a crontab line or a systemd service+timer that run ``recheck --due``."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
from pathlib import Path

import click

from citecheck.cli._base import CONTEXT_SETTINGS, main

# Minute past the hour for cron: off the top of the hour, when every other job starts.
CRON_MINUTE = 17
UNIT_NAME = "citecheck-recheck"
_SYSTEMD_PLAIN = re.compile(r"^[A-Za-z0-9_./:=@+-]+$")


def _systemd_quote(word: str) -> str:
    if _SYSTEMD_PLAIN.match(word):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%") + '"'


def recheck_argv(executable: str, db_path: str | None, config_file: str | None) -> list[str]:
    """The command a scheduler runs: ``citecheck recheck --due --quiet`` with the store and config."""
    argv = [executable, "recheck", "--due", "--quiet"]
    if db_path:
        argv += ["--db", db_path]
    if config_file:
        argv += ["--config", config_file]
    return argv


def cron_snippet(
    *, executable: str, workdir: str, db_path: str | None = None, config_file: str | None = None
) -> str:
    """A commented crontab line running the due rechecks hourly.

    Args:
        executable: the ``citecheck`` program (absolute path).
        workdir: the folder holding the store, config.toml and archive.
        db_path: the store, if not the config's.
        config_file: the settings file, if not ./config.toml.

    Returns:
        Text for ``crontab -e``.
    """
    command = " ".join(shlex.quote(a) for a in recheck_argv(executable, db_path, config_file))
    log = shlex.quote(str(Path(workdir) / "recheck.log"))
    return (
        "# citecheck: recheck due citations every hour (add with `crontab -e`).\n"
        "# Exit code 1 means new problems were found; see `citecheck report --only-problems`.\n"
        f"{CRON_MINUTE} * * * * cd {shlex.quote(workdir)} && {command} >> {log} 2>&1\n"
    )


def systemd_snippet(
    *, executable: str, workdir: str, db_path: str | None = None, config_file: str | None = None
) -> str:
    """A systemd user service and timer running the due rechecks hourly (same arguments as cron)."""
    command = " ".join(_systemd_quote(a) for a in recheck_argv(executable, db_path, config_file))
    return f"""# ~/.config/systemd/user/{UNIT_NAME}.service
[Unit]
Description=citecheck: recheck due citations
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
WorkingDirectory={workdir}
ExecStart={command}
# Exit code 1 means new problems were found, not that the run failed.
SuccessExitStatus=1
Nice=10

# ~/.config/systemd/user/{UNIT_NAME}.timer
[Unit]
Description=Run citecheck recheck --due every hour

[Timer]
OnCalendar=hourly
RandomizedDelaySec=10min
Persistent=true

[Install]
WantedBy=timers.target

# Then:
#   systemctl --user daemon-reload
#   systemctl --user enable --now {UNIT_NAME}.timer
#   loginctl enable-linger "$USER"    # keep the timer running while logged out
#   journalctl --user -u {UNIT_NAME}  # what the rechecks printed
"""


def default_executable() -> str:
    """The absolute path of the running ``citecheck`` program."""
    found = shutil.which("citecheck")
    if found:
        return str(Path(found).resolve())
    argv0 = Path(sys.argv[0])
    return str(argv0.resolve()) if argv0.name == "citecheck" else "citecheck"


@main.command(name="schedule", context_settings=CONTEXT_SETTINGS)
@click.option("--print", "kind", type=click.Choice(["cron", "systemd"]), required=True, help="Which snippet.")
@click.option("--workdir", type=click.Path(file_okay=False), help="Folder to run in (default: this one).")
@click.option("--db", "db_path", default=None, help="Store to recheck (default from config).")
@click.option("--config", "config_file", default=None, help="Settings file to use.")
@click.option("--executable", default=None, help="Path of citecheck (default: the one running).")
def schedule_command(
    kind: str, workdir: str | None, db_path: str | None, config_file: str | None, executable: str | None
) -> None:
    """Print a crontab line or a systemd service+timer that run `citecheck recheck --due` hourly.

    Rechecks are safe to overlap (each URL is claimed by one of them), and the
    recheck policy in config.toml [schedule] decides how much each run does.

    \b
    Examples:
      citecheck schedule --print cron
      citecheck schedule --print systemd --db /srv/checks/citecheck.db
    """
    where = str(Path(workdir).resolve()) if workdir else os.getcwd()
    args = {"executable": executable or default_executable(), "workdir": where}
    snippet = cron_snippet if kind == "cron" else systemd_snippet
    click.echo(snippet(**args, db_path=db_path, config_file=config_file), nl=False)
