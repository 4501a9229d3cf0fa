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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from digests.model import EntityKind, Story

if TYPE_CHECKING:
    from digests.store import Store

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


@dataclass(frozen=True)
class Candidate:
    """What ranking needs of a story, light enough to read 10,000 of from the store."""

    id: int
    cluster: int
    source: str
    feed_id: int | None
    first_seen: datetime
    sources: int  # the cluster's size over the whole store
    named: int  # people and organisations named
    figures: int

    @classmethod
    def of(cls, story: Story) -> Candidate:
        named = sum(1 for e in story.summary.who if e.kind is not EntityKind.PLACE)
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


Load = Callable[[list[int]], list[Story]]
LOAD_BATCH = 20  # stories read at a time while keyword rules leave some out


def importance(candidate: Candidate, sources: int, until: datetime, priority: float = 1.0) -> float:
    """How much a story deserves a place in the digest (the module docstring has the formula)."""
    hours = max((until - candidate.first_seen).total_seconds() / 3600.0, 0.0)
    freshness = math.pow(0.5, hours / HALF_LIFE_HOURS)
    weight = min(candidate.named, WEIGHT_CAP) + min(candidate.figures, WEIGHT_CAP)
    return (1.0 + math.log(max(sources, 1))) * freshness * (1.0 + weight / 10.0) * priority


def compose(
    stories: Sequence[Story], *, since: datetime, until: datetime, rules: Rules | None = None
) -> Digest:
    """The digest of `stories` (a window): one entry per cluster, the best `max_stories`."""
    by_id = {story.id: story for story in stories}
    candidates = [Candidate.of(story) for story in stories]
    return compose_candidates(
        candidates,
        lambda ids: [by_id[i] for i in ids],
        since=since,
        until=until,
        rules=rules,
    )


def compose_candidates(
    candidates: Sequence[Candidate],
    load: Load,
    *,
    since: datetime,
    until: datetime,
    rules: Rules | None = None,
) -> Digest:
    """The digest of a window given as candidates; only the stories it shows are loaded
    (with keyword rules, a few more: those the rules leave out)."""
    rules = rules or Rules()
    include, exclude = _matcher(rules.include), _matcher(rules.exclude)
    clusters: dict[int, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        clusters[candidate.cluster].append(candidate)
    ranked = sorted(
        (_best(members, until, rules) for members in clusters.values()),
        key=lambda e: (-e[2], e[0].first_seen, e[0].id),
    )
    entries: list[DigestEntry] = []
    for start in range(0, len(ranked), LOAD_BATCH):
        if len(entries) >= rules.max_stories:
            break
        batch = ranked[start : start + LOAD_BATCH]
        loaded = {story.id: story for story in load([c.id for c, _, _ in batch])}
        for candidate, sources, score in batch:
            story = loaded.get(candidate.id)
            if story is None or len(entries) >= rules.max_stories:
                continue
            if include or exclude:
                text = _searchable(story)
                if (include and not include.search(text)) or (exclude and exclude.search(text)):
                    continue
            entries.append(DigestEntry(story, sources, score, story.source))
    return Digest(since, until, _grouped(entries), len(candidates))


def _best(members: list[Candidate], until: datetime, rules: Rules) -> tuple[Candidate, int, float]:
    """The cluster's most important member (among equals the earliest seen: the original
    report), how many sources carry it, and its score."""
    sources = max(len({c.source for c in members}), max(c.sources for c in members))

    def score(candidate: Candidate) -> float:
        feed = candidate.feed_id
        priority = rules.feed_priority.get(feed, 1.0) if feed is not None else 1.0
        return importance(candidate, sources, until, priority)

    best = min(members, key=lambda c: (-score(c), c.first_seen, c.id))
    return best, sources, score(best)


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


def compose_window(
    store: Store,
    *,
    since: datetime,
    until: datetime,
    channel: str | None,
    rules: Rules | None = None,
) -> Digest:
    """A channel's digest of the stories first seen in [since, until), read from the store:
    every story's ranking facts, then only the stories the digest shows."""
    candidates = store.window_candidates(since, until, channel)
    return compose_candidates(candidates, store.stories, since=since, until=until, rules=rules)
