"""The package's public API: explicit, sorted, and every name importable."""

from __future__ import annotations

import subprocess
import sys

import pytest

import citecheck


def test_all_is_sorted_and_complete() -> None:
    names = [n for n in citecheck.__all__ if n != "__version__"]
    assert names == sorted(names)
    assert set(names) == set(citecheck._LAZY)


@pytest.mark.parametrize("name", [n for n in citecheck.__all__ if n != "__version__"])
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(citecheck, name) is not None


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        _ = citecheck.no_such_thing  # type: ignore[attr-defined]


def test_import_is_light() -> None:
    code = "import sys, citecheck; print('trafilatura' in sys.modules, 'httpx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_public_functions_do_not_shadow_submodules() -> None:
    import citecheck.extract
    import citecheck.recheck

    assert callable(citecheck.extract_page)
    assert callable(citecheck.recheck_citations)
    assert hasattr(citecheck.extract, "extract_bytes")
    assert hasattr(citecheck.recheck, "recheck_async")
