"""Engine values as plain JSON-ready dicts: the published schema, written down as TypedDicts.

These field names are a contract (`newsbot summarize --json`, `search --json`, `story --json`,
`feeds list --json` and the stored summary column): other tools read them, so a field is added,
never renamed or removed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TypedDict

from digests.model import Feed, Story, Summary


class EntityJSON(TypedDict):
    """One of `who`: kind is person, organization or place; role null when none is given."""

    name: str
    kind: str
    role: str | None


class FigureJSON(TypedDict):
    """One of `numbers`: kind is money, percent, quantity, count, date or duration."""

    text: str
    value: float | None  # null for dates
    unit: str | None  # an ISO currency code for money, a unit word, or null
    kind: str
    context: str


class SummaryFields(TypedDict):
    """The fields of a Summary that a stored story's detail repeats."""

    gist: str
    who: list[EntityJSON]
    numbers: list[FigureJSON]
    when: str | None  # YYYY-MM-DD
    when_text: str | None
    where: list[str]
    key_points: list[str]


class SummaryJSON(SummaryFields):
    """`newsbot summarize --json`: one a line."""

    source: str
    headline: str


class StoryJSON(TypedDict):
    """A search hit (`newsbot search --json`); times in UTC, ISO 8601 with a Z."""

    id: int
    headline: str
    url: str | None
    source: str
    published: str | None
    seen: str | None
    score: float


class StoryDetailJSON(StoryJSON, SummaryFields):
    """`newsbot story ID --json`: a search hit and every Summary field it lacks."""


class FeedJSON(TypedDict):
    """A feed and its health (`newsbot feeds list --json`)."""

    id: int
    url: str
    title: str | None
    last_success: str | None
    failures: int
    last_error: str | None


def summary_fields(summary: Summary) -> SummaryFields:
    return {
        "gist": summary.gist,
        "who": [{"name": e.name, "kind": str(e.kind), "role": e.role} for e in summary.who],
        "numbers": [
            {
                "text": f.text,
                "value": f.value,
                "unit": f.unit,
                "kind": str(f.kind),
                "context": f.context,
            }
            for f in summary.numbers
        ],
        "when": summary.when.isoformat() if summary.when else None,
        "when_text": summary.when_text,
        "where": list(summary.where),
        "key_points": list(summary.key_points),
    }


def summary_to_dict(summary: Summary) -> SummaryJSON:
    """The Summary as its JSON object; unknown values are None."""
    return {"source": summary.source, "headline": summary.headline, **summary_fields(summary)}


def _utc(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a Z, as the command line prints times."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def story_to_dict(story: Story) -> StoryJSON:
    """A stored story as a search hit's JSON object."""
    return {
        "id": story.id,
        "headline": story.title,
        "url": story.url,
        "source": story.source,
        "published": _utc(story.published),
        "seen": _utc(story.first_seen),
        "score": round(story.score, 4),
    }


def story_detail_to_dict(story: Story) -> StoryDetailJSON:
    """A stored story with its summary, as `newsbot story ID --json` prints it."""
    return {**story_to_dict(story), **summary_fields(story.summary)}


def feed_to_dict(feed: Feed) -> FeedJSON:
    """A feed and its health as its JSON object."""
    return {
        "id": feed.id,
        "url": feed.url,
        "title": feed.title,
        "last_success": _utc(feed.last_success),
        "failures": feed.failures,
        "last_error": feed.last_error,
    }
