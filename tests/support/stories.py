"""Stories made to order: to save in a store, stored ones to render, and digests of them."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

from digests.compose import Digest, DigestEntry
from digests.model import Article, Entity, EntityKind, Figure, FigureKind, Story, Summary
from digests.store import NewStory, Store

NOW = datetime.now(UTC).replace(microsecond=0)
SEEN = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)  # when the stories to render were first seen


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
    team: str | None = None,
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
        team=team,
    )


def long_story_seen(store: Store, number: int, at: datetime) -> None:
    """A story with a long gist and key points: two of them fill a thread reply."""
    words = " ".join(f"word{number}x{i}" for i in range(220))
    points = tuple(f"Point {p} of story {number}: {words[:480]}." for p in range(5))
    made = new_story(
        f"Long story {number}",
        gist=f"Story {number} in one long sentence: {words}."[:1400],
        points=points,
        url=f"https://n.example/long/{number}",
    )
    store.save(type(made)(**{**made.__dict__, "seen": at, "fetched": at}))


def story(
    story_id: int = 7,
    *,
    headline: str = "Putin promises Belarus Iskander-M missiles",
    gist: str = "Russia will supply Belarus with Iskander-M missile systems.",
    who: int = 2,
    numbers: int = 1,
    sources: int = 1,
    source: str = "Reuters",
) -> Story:
    """A stored story as the renderers get it, first seen at SEEN."""
    summary = Summary(
        source="https://n.example/7",
        headline=headline,
        gist=gist,
        who=tuple(
            Entity(f"Person Number{i}", EntityKind.PERSON, "minister" if i % 2 else None)
            for i in range(who)
        ),
        numbers=tuple(
            Figure(f"{i} km", float(i), "km", FigureKind.QUANTITY, f"a range of up to {i} km")
            for i in range(numbers)
        ),
        when=date(2026, 11, 22),
        when_text="on Saturday",
        where=("St Petersburg",),
        key_points=(gist, "Lukashenko asked for the missiles.", "The range is 500 km."),
    )
    return Story(
        id=story_id,
        url="https://n.example/7",
        source=source,
        title=headline,
        published=None,
        fetched=SEEN,
        first_seen=SEEN,
        summary=summary,
        cluster=story_id,
        sources=sources,
    )


def digest_of(*entries: tuple[Story, int, str]) -> Digest:
    """A digest of (story, sources, group) entries, the day up to SEEN."""
    return Digest(
        since=SEEN - timedelta(days=1),
        until=SEEN,
        entries=tuple(DigestEntry(s, n, 1.0, group) for s, n, group in entries),
        considered=len(entries),
    )
