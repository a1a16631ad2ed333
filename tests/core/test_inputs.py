"""Reading articles: missing, empty, binary and odd encodings give clear errors or text."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.errors import InputError
from citecheck.inputs import read_article_file


def test_missing_empty_binary_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        read_article_file(str(tmp_path / "nope.txt"))
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_article_file(str(tmp_path / "empty.txt"))
    (tmp_path / "bin.dat").write_bytes(bytes(range(256)) * 10)
    with pytest.raises(InputError, match="binary"):
        read_article_file(str(tmp_path / "bin.dat"))
    with pytest.raises(InputError, match="folder"):
        read_article_file(str(tmp_path))


def test_cp1251_and_bom(tmp_path: Path) -> None:
    text = "Статья со сноской [i] о переговорах в Стамбуле и их итогах.\n[i] https://ria.ru/x.html\n" * 3
    (tmp_path / "a.txt").write_bytes(text.encode("cp1251"))
    assert read_article_file(str(tmp_path / "a.txt")).raw == text
    (tmp_path / "b.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert read_article_file(str(tmp_path / "b.txt")).raw == text
