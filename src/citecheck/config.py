"""Settings: each declared once, with a default and help; loaded defaults < file < env < flags.

The file is TOML (``config.toml``), grouped in sections that only organise it: a key's
section is given in its field's metadata and the key is the field's name. Environment
variables are ``CITECHECK_<NAME>`` (``CITECHECK_DB_PATH``, ``CITECHECK_ALLOW_PRIVATE_NETWORKS``).
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from citecheck.errors import ConfigError

ENV_PREFIX = "CITECHECK_"
DEFAULT_CONFIG_NAME = "config.toml"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _setting(default: Any, section: str, help: str) -> Any:
    if isinstance(default, list):
        return field(default_factory=lambda: list(default), metadata={"section": section, "help": help})
    return field(default=default, metadata={"section": section, "help": help})


@dataclass(frozen=True)
class Settings:
    """Every setting citecheck reads, with its default."""

    # [store]
    db_path: str = _setting("citecheck.db", "store", "SQLite database file.")
    # [archive]
    archive_dir: str = _setting("archive", "archive", "Folder for local WARC files and index.cdxj.")
    warc_max_bytes: int = _setting(
        512 * 1024 * 1024, "archive", "Start a new WARC file when the current one passes this size."
    )
    # [fetch]
    user_agent: str = _setting(
        "citecheck/{version} (citation checker; +{contact_url})",
        "fetch",
        "User-Agent header; {version} and {contact_url} are filled in.",
    )
    contact_url: str = _setting(
        "https://github.com/citecheck/citecheck", "fetch", "Where site owners can reach you."
    )
    connect_timeout: float = _setting(10.0, "fetch", "Seconds to wait for a connection.")
    read_timeout: float = _setting(30.0, "fetch", "Seconds to wait between bytes of a response.")
    total_timeout: float = _setting(60.0, "fetch", "Seconds one attempt may take in all.")
    max_body_bytes: int = _setting(
        20 * 1024 * 1024, "fetch", "Largest body read (decoded); larger bodies are cut and flagged."
    )
    max_redirects: int = _setting(10, "fetch", "Longest redirect chain followed before it is an error.")
    retries: int = _setting(2, "fetch", "Retries on timeouts, connection errors, 429 and 5xx.")
    backoff_base: float = _setting(0.5, "fetch", "First retry delay in seconds; doubles each retry.")
    max_retry_after: float = _setting(120.0, "fetch", "Longest Retry-After honoured, in seconds.")
    concurrency: int = _setting(16, "fetch", "Requests in flight at once, over all hosts.")
    per_host_concurrency: int = _setting(1, "fetch", "Requests in flight at once to one host.")
    per_host_interval: float = _setting(1.0, "fetch", "Minimum seconds between requests to one host.")
    http2: bool = _setting(True, "fetch", "Use HTTP/2 where the server offers it.")
    respect_robots: bool = _setting(
        False,
        "fetch",
        "Obey robots.txt. Off: a citation check fetches single pages a human chose to cite.",
    )
    allow_private_networks: bool = _setting(
        False, "fetch", "Allow URLs on loopback/private/link-local addresses (tests, intranets)."
    )
    soft404_probe: bool = _setting(
        True, "fetch", "Compare suspicious pages with a probe of a surely-missing URL on the host."
    )
    mirrors: list[list[str]] = _setting(  # noqa: RUF009
        [["ctrana.one", "strana.today", "strana.ua", "ctrana.news"]],
        "fetch",
        "Groups of equivalent domains tried when one is dead or blocked.",
    )
    # [wayback]
    wayback_enabled: bool = _setting(True, "wayback", "Look up Wayback snapshots (live runs only).")
    wayback_save: bool = _setting(True, "wayback", "Ask Save Page Now for a new capture (live runs).")
    wayback_access_key: str = _setting("", "wayback", "SPN2 access key (or CITECHECK_WAYBACK_ACCESS_KEY).")
    wayback_secret_key: str = _setting("", "wayback", "SPN2 secret key (or CITECHECK_WAYBACK_SECRET_KEY).")
    wayback_cdx_per_minute: int = _setting(24, "wayback", "CDX/availability requests per minute.")
    wayback_save_per_minute: int = _setting(3, "wayback", "Save Page Now submissions per minute.")
    # [verify]
    judge: str = _setting("default", "verify", "Judge: default | nli | llm.")
    cpu_processes: int = _setting(
        0, "verify", "Worker processes for extraction and judging in large runs (0: one per core, 1: none)."
    )
    nli_model_path: str = _setting("", "verify", "Local path (or hub id, if nli_allow_hub) of an NLI model.")
    nli_allow_hub: bool = _setting(False, "verify", "Allow the nli judge to download from a hub.")
    llm_endpoint: str = _setting("", "verify", "OpenAI-compatible base URL, e.g. http://127.0.0.1:11434/v1.")
    llm_model: str = _setting("", "verify", "Model name sent to the llm endpoint.")
    llm_api_key: str = _setting("", "verify", "API key for the llm endpoint (or CITECHECK_LLM_API_KEY).")
    llm_cache_dir: str = _setting("", "verify", "Folder for cached llm answers (empty: kept in memory only).")
    escalate_below: float = _setting(
        0.0,
        "verify",
        "nli/llm judges: ask the model only when the default verdict scores below this (0: always).",
    )
    # [schedule]
    recheck_young_hours: float = _setting(24.0, "schedule", "Recheck interval while an article is young.")
    young_days: float = _setting(7.0, "schedule", "Days an article counts as young.")
    recheck_weekly_days: float = _setting(7.0, "schedule", "Interval after the young period.")
    recheck_monthly_after_days: float = _setting(60.0, "schedule", "Age after which rechecks go monthly.")
    recheck_monthly_days: float = _setting(30.0, "schedule", "Interval for old articles.")
    failure_recheck_hours: float = _setting(24.0, "schedule", "First recheck after a failed fetch.")
    dead_confirm_checks: int = _setting(3, "schedule", "Failed checks before a link is confirmed dead.")
    dead_confirm_days: float = _setting(3.0, "schedule", "Days the failed checks must span.")
    dead_backoff_max_days: float = _setting(90.0, "schedule", "Longest interval for a dead link.")

    def replace(self, **changes: Any) -> Settings:
        """A copy with some settings changed (validated)."""
        return load(overrides=changes, base=self, read_env=False)

    @property
    def user_agent_string(self) -> str:
        """The User-Agent with version and contact filled in."""
        from citecheck import __version__

        return self.user_agent.format(version=__version__, contact_url=self.contact_url)


def setting_fields() -> tuple[dataclasses.Field[Any], ...]:
    """All declared settings, in order."""
    return fields(Settings)


def _convert(name: str, value: Any, default: Any, origin: str) -> Any:
    """Coerce ``value`` to the type of ``default``, or raise ConfigError naming ``origin``."""
    try:
        if isinstance(default, bool):
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
            raise ValueError(f"expected true or false, got {value!r}")
        if isinstance(default, int):
            if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                raise ValueError(f"expected a whole number, got {value!r}")
            result: Any = int(value)
            if result < 0:
                raise ValueError("must not be negative")
            return result
        if isinstance(default, float):
            if isinstance(value, bool):
                raise ValueError(f"expected a number, got {value!r}")
            result = float(value)
            if result != result or result < 0:
                raise ValueError("must be a non-negative number")
            return result
        if isinstance(default, list):
            if isinstance(value, str):  # env form: "a,b;c,d"
                return [[p.strip() for p in g.split(",") if p.strip()] for g in value.split(";") if g.strip()]
            if not isinstance(value, list) or not all(
                isinstance(g, list) and all(isinstance(d, str) for d in g) for g in value
            ):
                raise ValueError("expected a list of lists of domain names")
            return [list(g) for g in value]
        if not isinstance(value, str):
            raise ValueError(f"expected a string, got {value!r}")
        return value
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{origin}: setting {name!r}: {exc}") from exc


def find_config_file(explicit: str | os.PathLike[str] | None = None) -> Path | None:
    """The config file to read: explicit path, CITECHECK_CONFIG, or ./config.toml if present."""
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise ConfigError(f"config file not found: {path}")
        return path
    env = os.environ.get(ENV_PREFIX + "CONFIG")
    if env:
        return find_config_file(env)
    default = Path(DEFAULT_CONFIG_NAME)
    return default if default.is_file() else None


def read_config_file(path: Path) -> dict[str, Any]:
    """Flatten a TOML config file to ``{setting: value}``, rejecting unknown keys."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from exc
    known = {f.name: f.metadata["section"] for f in fields(Settings)}
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            for sub, subvalue in value.items():
                if sub not in known:
                    raise ConfigError(f"{path}: unknown setting [{key}] {sub}")
                flat[sub] = subvalue
        elif key in known:
            flat[key] = value
        else:
            raise ConfigError(f"{path}: unknown setting {key!r}")
    return flat


def load(
    config_file: str | os.PathLike[str] | None = None,
    overrides: Mapping[str, Any] | None = None,
    *,
    base: Settings | None = None,
    read_env: bool = True,
    read_file: bool = True,
) -> Settings:
    """Build Settings from defaults < config file < ``CITECHECK_*`` variables < ``overrides``.

    Args:
        config_file: a TOML file; default ``CITECHECK_CONFIG`` or ``./config.toml`` if present.
        overrides: values from command-line flags (``None`` values are ignored).
        base: start from these settings instead of the defaults (no file is read).
        read_env: whether to read ``CITECHECK_*`` environment variables.
        read_file: whether to look for a config file at all.

    Returns:
        The validated settings.
    """
    current = base or Settings()
    values: dict[str, Any] = {}
    defaults = {f.name: getattr(current, f.name) for f in fields(Settings)}
    if base is None and read_file:
        path = find_config_file(config_file)
        if path is not None:
            for name, value in read_config_file(path).items():
                values[name] = _convert(name, value, defaults[name], str(path))
    if read_env:
        for f in fields(Settings):
            raw = os.environ.get(ENV_PREFIX + f.name.upper())
            if raw is not None:
                values[f.name] = _convert(f.name, raw, defaults[f.name], ENV_PREFIX + f.name.upper())
    for name, value in (overrides or {}).items():
        if value is None:
            continue
        if name not in defaults:
            raise ConfigError(f"unknown setting {name!r}")
        values[name] = _convert(name, value, defaults[name], f"option --{name.replace('_', '-')}")
    return dataclasses.replace(current, **values)


def render_toml(settings: Settings | None = None) -> str:
    """A commented config.toml holding every setting (defaults unless ``settings`` is given)."""
    current = settings or Settings()
    lines = [
        "# citecheck settings. Precedence: defaults < this file < CITECHECK_<NAME> variables < flags.",
        "# Each key can also be set in the environment, e.g. CITECHECK_DB_PATH=checks.db.",
    ]
    section = None
    for f in fields(Settings):
        if f.metadata["section"] != section:
            section = f.metadata["section"]
            lines += ["", f"[{section}]"]
        lines.append(f"# {f.metadata['help']}")
        lines.append(f"{f.name} = {_toml_value(getattr(current, f.name))}")
    return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
