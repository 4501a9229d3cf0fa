"""Where the event happened: the dateline, else the places the lead sentences put it in."""

from __future__ import annotations

import re
from collections.abc import Sequence

from digests.entities._lexicon import NOT_IN_NAMES, SKIP_RUNS
from digests.gazetteer import is_known_organization, is_place, place_of_adjective
from digests.model import Entity, EntityKind

_LOCATIVE = re.compile(
    r"\b(in|at|near|outside|inside|across)\s+(?:the\s+)?"
    r"(?P<place>(?:St\.? |Saint |New |Los |Las |San |Santa |El |La |Le )?[A-Z][\w’'-]+"
    r"(?: [A-Z][\w’'-]+){0,2})"
)
LEAD_SENTENCES = 4


def find_where(
    sentences: Sequence[str], entities: Sequence[Entity], dateline: str | None = None
) -> list[str]:
    """The event's places: the dateline first, then places named after 'in', 'at', 'near';
    after 'in' or 'near', a name that is no one's may be a place the gazetteer lacks."""
    places = [e.name for e in entities if e.kind is EntityKind.PLACE]
    others = [e.name for e in entities if e.kind is not EntityKind.PLACE]
    found: list[str] = []
    if dateline:
        found.append(dateline.title() if dateline.isupper() else dateline)
    for sentence in sentences[:LEAD_SENTENCES]:
        for m in _LOCATIVE.finditer(sentence):
            name = m.group("place")
            if name.endswith(("’s", "'s")):
                continue  # "near Belarus’s borders" is not in Belarus
            match = next((p for p in places if name.startswith(p)), None)
            candidate = match or (name if is_place(name) else None)
            if candidate is None and m.group(1) in ("in", "near") and _unknown_place(name, others):
                candidate = name
            if candidate and candidate not in found:
                found.append(candidate)
    return found[:3]


def _unknown_place(name: str, others: Sequence[str]) -> bool:
    """Whether a name after 'in' can only be a place: no one's name, no month, no institution
    ("in Parliament"), no language ("in English"), no known organisation."""
    return not (
        any(word in NOT_IN_NAMES or word in SKIP_RUNS for word in name.split())
        or any(other.startswith(name) or name.startswith(other) for other in others)
        or place_of_adjective(name) is not None
        or is_known_organization(name)
    )
