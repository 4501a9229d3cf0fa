"""Stories made to order for the store tests."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from digests.model import Article, Entity, EntityKind, Summary
from digests.store import NewStory

NOW = datetime.now(UTC).replace(microsecond=0)


def summary_of(
    headline: str,
    gist: str = "",
    points: tuple[str, ...] = (),
    who: tuple[str, ...] = (),
    source: str = "example.com",
) -> Summary:
    return Summary(
        source=source,
        headline=headline,
        gist=gist or headline,
        who=tuple(Entity(name, EntityKind.PERSON) for name in who),
        numbers=(),
        when=None,
        when_text=None,
        where=(),
        key_points=points,
    )


def new_story(
    title: str,
    text: str = "",
    *,
    gist: str = "",
    points: tuple[str, ...] = (),
    who: tuple[str, ...] = (),
    url: str | None = None,
    source: str = "example.com",
    age: timedelta = timedelta(0),
    cluster: int | None = None,
    published: datetime | None = None,
    feed_id: int | None = None,
) -> NewStory:
    """A story whose fingerprint follows its text, first seen `age` ago."""
    text = text or f"{title}. {gist}"
    return NewStory(
        article=Article(source=source, text=text, title=title, published=published, url=url),
        summary=summary_of(title, gist, points, who, source),
        url=url,
        fingerprint=hashlib.sha1(text.encode()).hexdigest(),
        signature=hashlib.md5(title.encode()).digest(),
        cluster=cluster,
        fetched=NOW - age,
        seen=NOW - age,
        feed_id=feed_id,
    )
