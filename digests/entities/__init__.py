"""Who an article names: people, organisations and places, merged and ranked by salience."""

from __future__ import annotations

from collections.abc import Sequence

from digests.entities._mentions import (
    ROLE_BEFORE,
    ArticleText,
    Mention,
    has_word,
    scan,
    take_dateline,
)
from digests.entities._merge import Candidate, count_title, resolve
from digests.model import Entity, EntityKind

__all__ = ["extract_entities"]

_KIND_RANK = {EntityKind.PERSON: 0, EntityKind.ORGANIZATION: 1, EntityKind.PLACE: 2}


def extract_entities(
    title: str | None, sentences: Sequence[str], limit: int = 12, dateline: str | None = None
) -> list[Entity]:
    """People, organisations and places the article names, most salient first; the places of
    its dateline ("Milwaukee, Wisconsin") count as named in the first sentence."""
    if limit <= 0 or not sentences:
        return []
    starts = [0]
    for sentence in sentences[:-1]:
        starts.append(starts[-1] + len(sentence) + 1)
    mentions = [
        Mention(place.strip(), EntityKind.PLACE, 0, 0)
        for place in (dateline or "").split(",")
        if place.strip()
    ]
    article = ArticleText(take_dateline("\n".join(sentences), mentions), starts, mentions)
    scan(article)
    candidates = [c for c in resolve(mentions) if not _common_words(c, article.text)]
    if title:
        count_title(title, candidates)
    scored = [(-c.score(), _KIND_RANK[c.kind], c.first, c) for c in candidates]
    scored.sort(key=lambda item: item[:3])
    if len(scored) > limit:
        # The dozen keeps the names of the title, dateline and lead first, shown by score.
        kept = {id(c) for *_, c in sorted(scored, key=lambda item: not item[-1].leads())[:limit]}
        scored = [item for item in scored if id(item[-1]) in kept]
    return [Entity(c.name, c.kind, c.role(article)) for *_, c in scored]


def _common_words(candidate: Candidate, text: str) -> bool:
    """Whether a would-be person named once, untitled, opens with a word the article writes
    in lower case: "Information System", "Speed Downlink Packet Access" are no one."""
    first, _, rest = candidate.name.partition(" ")
    return (
        candidate.kind is EntityKind.PERSON
        and bool(rest)
        and all(m.role_from == ROLE_BEFORE and m.name == candidate.name for m in candidate.mentions)
        and has_word(text, first.lower())
    )
