"""Engine values as plain JSON-ready dicts, in the field names of the published schema."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from digests.model import Feed, Story, Summary


def summary_to_dict(summary: Summary) -> dict[str, Any]:
    """The Summary as DESIGN.md's JSON object; unknown values are None."""
    return {
        "source": summary.source,
        "headline": summary.headline,
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


def _utc(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a Z, as the command line prints times."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def story_to_dict(story: Story) -> dict[str, Any]:
    """A stored story as DESIGN.md's JSON object."""
    return {
        "id": story.id,
        "headline": story.title,
        "url": story.url,
        "source": story.source,
        "published": _utc(story.published),
        "seen": _utc(story.first_seen),
        "score": round(story.score, 4),
    }


def story_detail_to_dict(story: Story) -> dict[str, Any]:
    """A stored story with its summary: a search hit plus every Summary field but the source
    and headline, which the hit has (as `newsbot story ID --json` prints it)."""
    summary = summary_to_dict(story.summary)
    del summary["source"], summary["headline"]
    return story_to_dict(story) | summary


def feed_to_dict(feed: Feed) -> dict[str, Any]:
    """A feed and its health as DESIGN.md's JSON object."""
    return {
        "id": feed.id,
        "url": feed.url,
        "title": feed.title,
        "last_success": _utc(feed.last_success),
        "failures": feed.failures,
        "last_error": feed.last_error,
    }
