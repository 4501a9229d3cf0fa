"""The engine's typed values: an Article in, a Summary out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

FILE_SOURCE = "file "  # a story read from a file: "file sport-023.txt", never the file's path
EVERY_CHANNEL = "*"  # the channel of a global feed's subscription: every channel gets it


class EntityKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"


class FigureKind(StrEnum):
    MONEY = "money"
    PERCENT = "percent"
    QUANTITY = "quantity"
    COUNT = "count"
    DATE = "date"
    DURATION = "duration"


@dataclass(frozen=True)
class Article:
    """One news article: where it came from, its title, dateline and plain body text."""

    source: str
    text: str
    title: str | None = None
    published: datetime | None = None
    url: str | None = None
    dateline: str | None = None
    site: str | None = None  # the site's own name, from an HTML page's metadata


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place the article names, with its role if given."""

    name: str
    kind: EntityKind
    role: str | None = None


@dataclass(frozen=True)
class Figure:
    """A figure as written, its value, unit and kind, and the clause it belongs to."""

    text: str
    value: float | None
    unit: str | None
    kind: FigureKind
    context: str


@dataclass(frozen=True)
class Summary:
    """What one article says: headline, gist, who, numbers, when, where, key points."""

    source: str
    headline: str
    gist: str
    who: tuple[Entity, ...]
    numbers: tuple[Figure, ...]
    when: date | None
    when_text: str | None
    where: tuple[str, ...]
    key_points: tuple[str, ...]


@dataclass(frozen=True)
class Story:
    """A stored article: its Summary, where it came from and when newsbot first saw it."""

    id: int
    url: str | None
    source: str
    title: str
    published: datetime | None
    fetched: datetime
    first_seen: datetime
    summary: Summary
    cluster: int
    sources: int = 1
    score: float = 0.0
    feed_id: int | None = None


@dataclass(frozen=True)
class Feed:
    """A subscribed feed, its health, and the channels that subscribe to it."""

    id: int
    url: str
    title: str | None
    last_success: datetime | None
    failures: int
    last_error: str | None
    etag: str | None = None
    last_modified: str | None = None
    channels: tuple[str, ...] = ()
    priority: float = 1.0  # its stories' weight in digests

    @property
    def is_global(self) -> bool:
        """Every channel gets it (NEWS_FEEDS, or `newsbot feeds add` without a channel)."""
        return EVERY_CHANNEL in self.channels


@dataclass(frozen=True)
class RankingFacts:
    """What ranking a story for a digest needs of it, light enough to read 10,000 of."""

    id: int
    cluster: int
    source: str
    feed_id: int | None
    first_seen: datetime
    sources: int  # the cluster's size over the whole store
    named: int  # people and organisations named
    figures: int

    @classmethod
    def of(cls, story: Story) -> RankingFacts:
        named = len([e for e in story.summary.who if e.kind is not EntityKind.PLACE])
        return cls(
            story.id,
            story.cluster,
            story.source,
            story.feed_id,
            story.first_seen,
            story.sources,
            named,
            len(story.summary.numbers),
        )
