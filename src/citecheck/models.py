"""Frozen records passed between pipeline stages, and the enums they use.

Every stage is a function of these records (plus an injected client, database and clock).
Outcomes such as ``dead`` or ``soft-404`` are values, never exceptions and never ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class ArticleFormat(StrEnum):
    """The syntax an article is written in."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"


class Outcome(StrEnum):
    """The fetch stage's classification of what a URL answered."""

    OK = "ok"
    DEAD = "dead"
    BLOCKED = "blocked"
    PAYWALLED = "paywalled"
    SOFT_404 = "soft-404"
    MOVED = "moved"
    ERROR = "error"

    @property
    def usable(self) -> bool:
        """True when the page can be read as the cited article."""
        return self in (Outcome.OK, Outcome.MOVED)


class Label(StrEnum):
    """A verdict on whether a page supports a claim."""

    SUPPORTED = "supported"
    PARTIAL = "partial"
    UNSUPPORTED = "unsupported"
    DEAD = "dead"


class Basis(StrEnum):
    """Which copy of a page a verdict rests on."""

    LIVE = "live"
    LOCAL_ARCHIVE = "local-archive"
    WAYBACK = "wayback"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets ``[start, end)`` into a text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """An article to check: its source, plain text and format.

    ``text`` is the article as plain text (HTML and Markdown rendered to text); every
    :class:`Citation` span indexes into it.
    """

    source: str
    text: str
    format: ArticleFormat
    title: str | None = None
    raw: str = ""


@dataclass(frozen=True, slots=True)
class Citation:
    """One use of a footnote (or inline link): a marker, its URL and the claim it vouches for.

    ``span`` locates ``claim`` in :attr:`Article.text` (``text[span.start:span.end] == claim``
    up to surrounding whitespace). ``urls`` holds every URL of the note (the first is ``url``).
    """

    marker: str
    url: str | None
    claim: str
    span: Span
    context: str = ""
    note: str = ""
    kind: str = "footnote"
    urls: tuple[str, ...] = ()
    occurrence: int = 0


@dataclass(frozen=True, slots=True)
class ParseWarning:
    """A problem found while parsing an article; never fatal."""

    kind: str  # marker-without-note | unused-note | repeated-marker | note-without-url | bad-url
    message: str
    marker: str | None = None
    url: str | None = None
    offset: int | None = None


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    """An article with the citations and warnings the parser found in it."""

    article: Article
    citations: tuple[Citation, ...]
    warnings: tuple[ParseWarning, ...] = ()


@dataclass(frozen=True, slots=True)
class Hop:
    """One request/response in a redirect chain."""

    url: str
    status: int | None
    location: str | None = None


@dataclass(frozen=True, slots=True)
class Exchange:
    """One HTTP exchange as it went over the wire, for the WARC writer.

    ``raw_body`` is the body as received with transfer-encoding removed but content-encoding
    kept; ``headers`` are the response headers in order, as received.
    """

    url: str
    method: str
    request_headers: tuple[tuple[str, str], ...]
    status: int
    reason: str
    http_version: str
    headers: tuple[tuple[str, str], ...]
    raw_body: bytes
    started_at: datetime
    remote_ip: str | None = None


@dataclass(frozen=True, slots=True)
class Attempt:
    """One try at a URL (a fetch retries timeouts, resets, 429 and 5xx)."""

    started_at: datetime
    elapsed: float
    status: int | None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class FetchResult:
    """Everything the fetch stage saw for one URL (after retries and redirects)."""

    url: str
    final_url: str
    outcome: Outcome
    status: int | None
    chain: tuple[Hop, ...] = ()
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    text: str | None = None
    encoding: str | None = None
    content_type: str | None = None
    error: str | None = None
    reason: str = ""
    elapsed: float = 0.0
    attempts: int = 1
    fetched_at: datetime | None = None
    exchanges: tuple[Exchange, ...] = ()
    mirror: str | None = None
    not_modified: bool = False
    attempt_log: tuple[Attempt, ...] = ()


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Where a fetch's response was archived."""

    url: str
    warc_path: str | None
    offset: int | None
    length: int | None
    payload_digest: str | None
    record_id: str | None = None
    revisit: bool = False
    wayback_url: str | None = None
    captured_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """The main text and metadata read from one page."""

    url: str
    outcome: str  # "ok" | "no_text"
    text: str
    title: str | None = None
    date: str | None = None
    author: str | None = None
    site: str | None = None
    lang: str | None = None
    canonical: str | None = None
    normalized_hash: str = ""
    method: str = ""
    extractor_version: str = ""
    settings: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Verdict:
    """A judge's decision on one claim against one page, with evidence and reasons."""

    label: Label
    score: float
    evidence: str = ""
    evidence_span: Span | None = None
    reasons: dict[str, Any] = field(default_factory=dict)
    judge: str = "default"
    basis: Basis = Basis.LIVE


@dataclass(frozen=True, slots=True)
class CitationResult:
    """The whole pipeline's result for one citation."""

    citation: Citation
    fetch: FetchResult | None
    snapshot: Snapshot | None
    extraction: Extraction | None
    verdict: Verdict
    citation_id: int | None = None
