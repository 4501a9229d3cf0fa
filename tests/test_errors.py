"""Every failure newsbot raises on purpose is one family: a script catches DigestError and
reads a one-line problem."""

from __future__ import annotations

import pytest

from bot.config import ConfigError
from bot.slack.parse import UsageError
from bot.slack.poster import DigestNotPosted
from bot.slack.server import ServeError
from digests import ArticleError, DigestError
from digests.ingest.errors import FeedError, FetchError, OpmlError
from digests.store import StoreConflict, StoreError

RAISED = [
    ArticleError("page.html", "only page furniture"),
    FetchError("https://n.example/rss", "HTTP 404", status=404),
    FeedError("https://n.example/rss", "not RSS or Atom"),
    OpmlError("feeds.opml", "not OPML"),
    StoreError("database is locked"),
    StoreConflict("a story with this URL exists"),
    ConfigError(["PORT must be a number"]),
    UsageError("`/news search <words>`"),
    DigestNotPosted("not_in_channel"),
    ServeError("port 3000 is taken"),
]


@pytest.mark.parametrize("error", RAISED, ids=lambda e: type(e).__name__)
def test_a_script_catches_every_error_as_one_family_with_its_problem(error: DigestError) -> None:
    with pytest.raises(DigestError) as caught:
        raise error
    assert caught.value.problem and "\n" not in caught.value.problem
    assert caught.value.problem in str(caught.value)
