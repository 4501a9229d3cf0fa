"""The errors of ingest: a download, a feed or an OPML file that could not be used."""

from __future__ import annotations

from digests.errors import DigestError


class FetchError(DigestError):
    """A URL could not be fetched; `problem` says why in one line.

    `status` is the HTTP status when the server answered with an error, and
    `retry_after` the seconds it asked us to wait (429 and 503), so a poller can back off.
    `unreachable`: no connection was made at all (refused, name not found, no route).
    """

    def __init__(
        self,
        url: str,
        problem: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        unreachable: bool = False,
    ) -> None:
        super().__init__(problem, url)
        self.url = url
        self.status = status
        self.retry_after = retry_after
        self.unreachable = unreachable


class FeedError(DigestError):
    """A download was not a feed that could be read; `problem` says why in one line."""

    def __init__(self, url: str, problem: str) -> None:
        super().__init__(problem, url)
        self.url = url


class OpmlError(DigestError):
    """An OPML file could not be read; `source` names it, `problem` says why."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(problem, source)
        self.source = source
