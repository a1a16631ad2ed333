"""The fetch stage: URL -> FetchResult (attempts, redirect chain, decoded text, Outcome).

::

    fetcher.py     Fetcher: retries, classification, soft-404 probes, mirrors, robots
    transfer.py    one attempt: redirects by hand, hops and exchanges recorded
    body.py        raw + content-decoded body with a decompression-bomb cap
    politeness.py  global/per-host caps, per-host spacing, backoff, Retry-After
    classify.py    Outcome rules;  page.py: HTML signals and cues;  urlshape.py: URL shapes
    decode.py      bytes -> text (declared charsets checked against the bytes)
    robots.py      optional robots.txt policy
"""

from __future__ import annotations

from citecheck.fetch.decode import decode_body
from citecheck.fetch.fetcher import Fetcher

__all__ = ["Fetcher", "decode_body"]
