"""Where the event happened: the dateline, else the places the lead sentences put it in."""

from __future__ import annotations

import re
from collections.abc import Sequence

from digests.gazetteer import is_place
from digests.model import Entity, EntityKind

_LOCATIVE = re.compile(
    r"\b(?:in|at|near|outside|inside|across)\s+(?:the\s+)?"
    r"(?P<place>(?:St\.? |Saint |New |Los |Las |San |Santa |El |La |Le )?[A-Z][\w’'-]+"
    r"(?: [A-Z][\w’'-]+){0,2})"
)
LEAD_SENTENCES = 4


def find_where(
    sentences: Sequence[str], entities: Sequence[Entity], dateline: str | None = None
) -> list[str]:
    """The event's places: the dateline first, then places named after 'in', 'at', 'near'."""
    places = [e.name for e in entities if e.kind is EntityKind.PLACE]
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
            if candidate and candidate not in found:
                found.append(candidate)
    return found[:3]
