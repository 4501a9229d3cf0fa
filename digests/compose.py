"""A window of stories made into a Digest: ranked by importance, one entry per event.

Importance of a story = (1 + ln sources) × freshness × merit, where
- sources: how many outlets carry the event (its cluster): the distinct sources among the
  cluster's stories in the window, or the cluster's stored size if larger; so an event three
  outlets report outranks one only a single outlet has;
- freshness: 0.5 ** (hours from first seen to the window's end / 12): newsbot's own first
  sight, never the claimed publication time, which feeds get wrong or backdate;
- merit = (1 + weight / 10) × feed priority, what the story is worth whenever it came:
  weight is the people and organisations named plus the figures given, each capped at 5 (a
  story with who and numbers says more than one without, a long list no more than five);
  feed priority is per feed, 1.0 unless a channel's rules say otherwise.
A cluster is shown once, by its member of highest merit; among equals the earliest seen, the
original report (a later copy is not preferred for being fresher). The entry's score is that
story's importance with the cluster's sources.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from digests.model import FILE_SOURCE, RankingFacts, Story

HALF_LIFE_HOURS = 12.0
FILES_GROUP = "Files"  # the digest heading of the stories read from files
WEIGHT_CAP = 5
FIELD_BREAK = "\x00"  # neither a word character nor a space: keywords cannot match across it


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


Load = Callable[[list[int]], list[Story]]
LOAD_BATCH = 20  # stories read at a time while keyword rules leave some out


def importance(
    candidate: RankingFacts, sources: int, until: datetime, priority: float = 1.0
) -> float:
    """How much a story deserves a place in the digest (the module docstring has the formula)."""
    fresh = freshness(candidate.first_seen, until)
    return (1.0 + math.log(max(sources, 1))) * fresh * merit(candidate, priority)


def freshness(first_seen: datetime, until: datetime) -> float:
    """1.0 when first seen at the window's end, halving every HALF_LIFE_HOURS before it."""
    hours = max((until - first_seen).total_seconds() / 3600.0, 0.0)
    return math.pow(0.5, hours / HALF_LIFE_HOURS)


def merit(candidate: RankingFacts, priority: float = 1.0) -> float:
    """What a story is worth by itself, whenever it came: who and numbers, and its feed."""
    weight = min(candidate.named, WEIGHT_CAP) + min(candidate.figures, WEIGHT_CAP)
    return (1.0 + weight / 10.0) * priority


def compose(
    stories: Sequence[Story], *, since: datetime, until: datetime, rules: Rules | None = None
) -> Digest:
    """The digest of `stories` (a window): one entry per cluster, the best `max_stories`."""
    by_id = {story.id: story for story in stories}
    candidates = [RankingFacts.of(story) for story in stories]
    return compose_candidates(
        candidates,
        lambda ids: [by_id[i] for i in ids],
        since=since,
        until=until,
        rules=rules,
    )


def compose_candidates(
    candidates: Sequence[RankingFacts],
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
    clusters: dict[int, list[RankingFacts]] = defaultdict(list)
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
            entries.append(DigestEntry(story, sources, score, _group(story)))
    return Digest(since, until, _grouped(entries), len(candidates))


def _best(
    members: list[RankingFacts], until: datetime, rules: Rules
) -> tuple[RankingFacts, int, float]:
    """The cluster's story of highest merit (among equals the earliest seen: the original
    report), how many sources carry it, and its importance."""
    if len(members) == 1:  # most clusters: one story
        (only,) = members
        sources = max(only.sources, 1)
        return only, sources, importance(only, sources, until, _priority(only, rules))
    sources = max(len({c.source for c in members}), max(c.sources for c in members))
    best = min(members, key=lambda c: (-merit(c, _priority(c, rules)), c.first_seen, c.id))
    return best, sources, importance(best, sources, until, _priority(best, rules))


def _priority(candidate: RankingFacts, rules: Rules) -> float:
    feed = candidate.feed_id
    return 1.0 if feed is None else rules.feed_priority.get(feed, 1.0)


def _group(story: Story) -> str:
    """The heading a story is listed under: its source; stories from files all under one."""
    return FILES_GROUP if story.source.startswith(FILE_SOURCE) else story.source


def _grouped(entries: list[DigestEntry]) -> tuple[DigestEntry, ...]:
    """Entries under their source, the sources in the order of their best entry."""
    groups: dict[str, list[DigestEntry]] = {}
    for entry in entries:  # best first, so each group's first entry is its best
        groups.setdefault(entry.group, []).append(entry)
    return tuple(entry for group in groups.values() for entry in group)


def _matcher(keywords: tuple[str, ...]) -> re.Pattern[str] | None:
    """Any of the keywords as a whole word or phrase, in any case: "art" does not match
    "Startup", "U.S." matches "U.S. troops", and a phrase's words may be split by any spacing."""
    phrases = [r"\s+".join(map(re.escape, k.split())) for k in keywords if k.split()]
    if not phrases:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(phrases) + r")(?!\w)", re.IGNORECASE)


def _searchable(story: Story) -> str:
    """Headline, gist, key points and names, kept apart so that no phrase spans two."""
    summary = story.summary
    names = (e.name for e in summary.who)
    return FIELD_BREAK.join((summary.headline, summary.gist, *summary.key_points, *names))
