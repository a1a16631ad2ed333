"""The development evaluation set: citation precision/recall 1.0, claim token-F1 >= 0.90."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from citecheck.articles import parse_article, score_articles
from citecheck.models import ArticleFormat, ParsedArticle

# Floors from issue 3.
MIN_PRECISION = 1.0
MIN_RECALL = 1.0
MIN_CLAIM_TOKEN_F1 = 0.90


def _load(dev_set: Path) -> list[tuple[dict[str, Any], ParsedArticle]]:
    out = []
    for line in (dev_set / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            path = dev_set / entry["file"]
            out.append((entry, parse_article(path.read_text(encoding="utf-8"), source=str(path))))
    return out


def test_dev_set_scores_meet_the_floors(dev_set: Path) -> None:
    parsed = _load(dev_set)
    scores = score_articles([(entry["citations"], list(pa.citations)) for entry, pa in parsed])
    assert scores["expected"] > 0
    assert scores["precision"] >= MIN_PRECISION, scores
    assert scores["recall"] >= MIN_RECALL, scores
    assert scores["claim_token_f1"] >= MIN_CLAIM_TOKEN_F1, scores


def test_dev_set_formats_are_detected(dev_set: Path) -> None:
    for entry, pa in _load(dev_set):
        assert pa.article.format == ArticleFormat(entry["format"]), entry["file"]


def test_dev_set_expected_warnings_are_reported(dev_set: Path) -> None:
    """Entries with a null url or claim are warnings: each shows up as one, never as a citation."""
    for entry, pa in _load(dev_set):
        warned = {(w.kind, w.marker) for w in pa.warnings}
        for expected in entry["citations"]:
            if expected["url"] is None:
                assert {
                    ("marker-without-note", expected["marker"]),
                    ("note-without-url", expected["marker"]),
                } & warned
            if expected["claim"] is None:
                assert ("unused-note", expected["marker"]) in warned
                assert expected["url"] not in {c.url for c in pa.citations}


def test_dev_set_spans_point_at_claims(dev_set: Path) -> None:
    for _, pa in _load(dev_set):
        for citation in pa.citations:
            assert pa.article.text[citation.span.start : citation.span.end] == citation.claim
            assert citation.claim.strip()
            assert citation.claim in citation.context or citation.context in citation.claim
