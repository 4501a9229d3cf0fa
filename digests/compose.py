"""A window of stories made into a Digest: ranked by importance, one entry per event.

Importance of a story = (1 + ln sources) × freshness × (1 + weight / 10) × feed priority, where
- sources: how many sources in the window carry the event (its cluster), so an event three
  outlets report outranks one only a single outlet has;
- freshness: 0.5 ** (hours from first seen to the window's end / 12): newsbot's own first
  sight, never the claimed publication time, which feeds get wrong or backdate;
- weight: the people and organisations named plus the figures given, each capped at 5: a
  story with who and numbers says more than one without;
- feed priority: per feed, 1.0 unless a channel's rules say otherwise.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from digests.model import EntityKind, Story

HALF_LIFE_HOURS = 12.0
WEIGHT_CAP = 5


@dataclass(frozen=True)
class DigestEntry:
    """One event in a digest: the story that represents its cluster, and how many carry it."""

    story: Story
    sources: int
    score: float
    group: str


@dataclass(frozen=True)
class Digest:
    """The best stories first seen in [since, until), grouped by source."""

    since: datetime
    until: datetime
    entries: tuple[DigestEntry, ...]
    considered: int

    @property
    def quiet(self) -> bool:
        """Nothing made it in."""
        return not self.entries


@dataclass(frozen=True)
class Rules:
    """A channel's say in its digest."""

    max_stories: int = 10
    include: tuple[str, ...] = ()  # when given, a story must match one of these
    exclude: tuple[str, ...] = ()  # a story matching one of these is left out
    feed_priority: Mapping[int, float] = field(default_factory=dict)


def importance(story: Story, sources: int, until: datetime, priority: float = 1.0) -> float:
    """How much a story deserves a place in the digest (the module docstring has the formula)."""
    hours = max((until - story.first_seen).total_seconds() / 3600.0, 0.0)
    freshness = math.pow(0.5, hours / HALF_LIFE_HOURS)
    named = sum(1 for e in story.summary.who if e.kind is not EntityKind.PLACE)
    weight = min(named, WEIGHT_CAP) + min(len(story.summary.numbers), WEIGHT_CAP)
    return (1.0 + math.log(max(sources, 1))) * freshness * (1.0 + weight / 10.0) * priority


def compose(
    stories: Sequence[Story], *, since: datetime, until: datetime, rules: Rules | None = None
) -> Digest:
    """The digest of `stories` (a window): one entry per cluster, the best `max_stories`."""
    rules = rules or Rules()
    include, exclude = _matcher(rules.include), _matcher(rules.exclude)
    clusters: dict[int, list[Story]] = defaultdict(list)
    for story in stories:
        text = _searchable(story) if include or exclude else ""
        if include and not include.search(text):
            continue
        if exclude and exclude.search(text):
            continue
        clusters[story.cluster].append(story)
    entries = [_entry(members, until, rules) for members in clusters.values()]
    entries.sort(key=lambda e: (-e.score, e.story.first_seen, e.story.id))
    return Digest(since, until, _grouped(entries[: rules.max_stories]), len(stories))


def _entry(members: list[Story], until: datetime, rules: Rules) -> DigestEntry:
    sources = max(len({s.source for s in members}), max(s.sources for s in members))

    def score(story: Story) -> float:
        priority = rules.feed_priority.get(story.feed_id, 1.0) if story.feed_id else 1.0
        return importance(story, sources, until, priority)

    # the most important member; among equals the earliest seen, the original report
    best = min(members, key=lambda s: (-score(s), s.first_seen, s.id))
    return DigestEntry(best, sources, score(best), best.source)


def _grouped(entries: list[DigestEntry]) -> tuple[DigestEntry, ...]:
    """Entries under their source, the sources in the order of their best entry."""
    groups: dict[str, list[DigestEntry]] = {}
    for entry in entries:  # best first, so each group's first entry is its best
        groups.setdefault(entry.group, []).append(entry)
    return tuple(entry for group in groups.values() for entry in group)


def _matcher(keywords: tuple[str, ...]) -> re.Pattern[str] | None:
    words = [re.escape(k.strip()) for k in keywords if k.strip()]
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)


def _searchable(story: Story) -> str:
    summary = story.summary
    names = " ".join(e.name for e in summary.who)
    return "\n".join((summary.headline, summary.gist, *summary.key_points, names))
