"""Settings: precedence, validation, and that config.toml documents every setting."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from citecheck.config import load, read_config_file, render_toml, setting_fields
from citecheck.errors import ConfigError
from tests.conftest import REPO


def test_every_setting_is_documented_in_config_toml() -> None:
    text = (REPO / "config.toml").read_text(encoding="utf-8")
    lines = text.splitlines()
    for f in setting_fields():
        assigned = [i for i, line in enumerate(lines) if line.startswith(f"{f.name} = ")]
        assert assigned, f"{f.name} missing from config.toml"
        assert lines[assigned[0] - 1].startswith("# "), f"{f.name} has no comment"
    assert read_config_file(REPO / "config.toml")  # parses, no unknown keys


def test_config_toml_matches_the_defaults() -> None:
    assert (REPO / "config.toml").read_text(encoding="utf-8") == render_toml()


def test_precedence_defaults_file_env_flags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('[store]\ndb_path = "file.db"\n[fetch]\nretries = 5\nconcurrency = 3\n', encoding="utf-8")
    monkeypatch.setenv("CITECHECK_RETRIES", "7")
    monkeypatch.setenv("CITECHECK_ALLOW_PRIVATE_NETWORKS", "1")
    settings = load(cfg, overrides={"concurrency": 9, "judge": None})
    assert settings.db_path == "file.db"
    assert settings.retries == 7
    assert settings.concurrency == 9
    assert settings.allow_private_networks is True
    assert settings.judge == "default"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[fetch]\nretries = 'many'\n", "retries"),
        ("[fetch]\nbogus = 1\n", "unknown setting"),
        ("[fetch\n", "cannot read config file"),
        ("[fetch]\nhttp2 = 3\n", "http2"),
        ("[fetch]\nmirrors = [1, 2]\n", "mirrors"),
    ],
)
def test_bad_config_files_give_clear_errors(tmp_path: Path, content: str, message: str) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load(cfg)


def test_bad_env_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITECHECK_CONCURRENCY", "-3")
    with pytest.raises(ConfigError, match="CITECHECK_CONCURRENCY"):
        load(read_file=False)


def test_env_mirrors_and_missing_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITECHECK_MIRRORS", "a.com,b.com;c.org,d.org")
    assert load(read_file=False).mirrors == [["a.com", "b.com"], ["c.org", "d.org"]]
    with pytest.raises(ConfigError, match="not found"):
        load("nope.toml")


def test_rendered_toml_round_trips() -> None:
    data = tomllib.loads(render_toml())
    assert set(data) == {"store", "archive", "fetch", "wayback", "verify", "schedule"}
