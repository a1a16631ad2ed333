"""The seed article: five Roman-numeral citations with the spans an editor would give them.

Expected claims are cut from the seed's own text between phrases chosen by reading it, so the
test does not depend on the parser's rendering:

- [i] follows "…to these events." and precedes "Thus, …": it vouches for that sentence.
- [ii] closes a bulleted list with a closing quote: the list and the sentence introducing it.
- [iii] closes the Russian memorandum's list: the list and its introducing line.
- [iv] sits in the lead-in "Comments from the parties [iv] after the negotiations:": the lead-in
  and the passage under it, through the sub-heading "Statements by the Ukrainian side" (the
  comments of both parties), up to the paragraph holding [v].
- [v] closes Zelensky's quotation: from the start of the sentence that opens it to the quote's end.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.articles import parse_article
from citecheck.articles.score import token_f1

SEED_DIR = Path(__file__).resolve().parents[3] / "shared" / "seed"


def _between(text: str, start: str, end: str) -> str:
    first = text.index(start)
    return text[first : text.index(end, first) + len(end)]


@pytest.fixture
def seed() -> tuple[str, Path]:
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not files:
        pytest.skip("../shared/seed is not present")
    return files[0].read_text(encoding="utf-8"), files[0]


def _expected(raw: str) -> dict[str, str]:
    passage = _between(raw, "The head of the Russian delegation", "Andriy Yermak.")
    return {
        "i": "There was no official reaction from the White House and the Pentagon to these events.",
        "ii": _between(
            raw, "There is no point in quoting it in full", "prerequisite for peace negotiations.”"
        ),
        "iii": _between(raw, "The Russian Memorandum on the settlement", "incurred during hostilities."),
        "iv": "Comments from the parties after the negotiations:\n" + passage,
        "v": _between(raw, "After a May 19 telephone linkup", "do not want a ceasefire.”"),
    }


def test_seed_has_five_citations_with_the_right_spans(seed: tuple[str, Path]) -> None:
    raw, path = seed
    parsed = parse_article(raw, source=str(path))
    expected = _expected(raw)
    assert [c.marker for c in parsed.citations] == ["i", "ii", "iii", "iv", "v"]
    for citation in parsed.citations:
        assert parsed.article.text[citation.span.start : citation.span.end] == citation.claim
        assert citation.claim == expected[citation.marker], citation.marker
        assert "[" + citation.marker + "]" not in citation.claim


def test_seed_urls_and_notes(seed: tuple[str, Path]) -> None:
    raw, path = seed
    parsed = parse_article(raw, source=str(path))
    for citation in parsed.citations:
        line = next(x for x in raw.splitlines() if x.startswith(f"[{citation.marker}] "))
        assert citation.url == line.split(" ", 1)[1].strip()
        assert citation.note == citation.url
        assert citation.urls == (citation.url,)
        assert citation.kind == "footnote"
        assert citation.occurrence == 0


def test_seed_trailer_is_neither_citation_nor_warning(seed: tuple[str, Path]) -> None:
    raw, path = seed
    parsed = parse_article(raw, source=str(path))
    assert parsed.warnings == ()
    assert all("t.me" not in c.url for c in parsed.citations)


def test_seed_list_claims_keep_their_intro(seed: tuple[str, Path]) -> None:
    raw, path = seed
    parsed = parse_article(raw, source=str(path))
    by_marker = {c.marker: c for c in parsed.citations}
    assert by_marker["iii"].claim.count("\n- ") == 12
    assert by_marker["ii"].claim.count("\n- ") == 4
    assert token_f1(by_marker["iv"].claim, _expected(raw)["iv"]) == 1.0
