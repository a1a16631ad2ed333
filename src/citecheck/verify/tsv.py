"""Reading the packaged word lists (``data/*.tsv``): tab-separated rows, ``#`` comments."""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterator


def tsv_rows(text: str, name: str, columns: Collection[int], logger: logging.Logger) -> Iterator[list[str]]:
    """The cells of each data row of a word list; blank lines and ``#`` comments are skipped.

    Args:
        text: the list's text.
        name: the list's name, for warnings.
        columns: the numbers of columns a row may have.
        logger: where a row with another number of columns is reported (and skipped).

    Yields:
        Each row's cells.
    """
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) not in columns:
            wanted = " or ".join(str(n) for n in sorted(columns))
            logger.warning("%s: skipped a row without %s columns: %r", name, wanted, line)
            continue
        yield cells
