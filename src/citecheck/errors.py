"""citecheck's exception tree.

::

    CitecheckError              anything the CLI turns into one clear message (exit 2)
    ├── ConfigError             a bad config file, environment variable or flag
    ├── InputError              an article that cannot be read (missing, empty, binary)
    ├── ReplayError             a WARC or evaluation set that cannot be read
    ├── StoreError              the SQLite store cannot be opened or migrated
    └── NetworkError            a request failed in a way the caller must hear about
        └── UnsafeURLError      a URL refused by the safety guard (scheme or address)

Library errors (httpx, sqlite3, warcio) are translated into these exactly once, at the
boundary where they occur, with ``raise ... from exc``.
"""

from __future__ import annotations


class CitecheckError(Exception):
    """Base class: a failure that can be told to the user in one line."""

    exit_code = 2


class ConfigError(CitecheckError):
    """A setting is malformed or out of range."""


class InputError(CitecheckError):
    """An article cannot be read or parsed."""


class ReplayError(CitecheckError):
    """A WARC file or evaluation set cannot be used as a replay source."""


class StoreError(CitecheckError):
    """The database cannot be opened, migrated or written."""


class NetworkError(CitecheckError):
    """A network request failed."""


class UnsafeURLError(NetworkError):
    """A URL was refused: a non-http scheme, or a host resolving to a private address."""
