"""Shipped word lists: known places with their adjectives, and well-known organisations."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class _Places:
    """Place names and the adjectives or demonyms that point at them."""

    names: frozenset[str]
    adjectives: dict[str, str]
    nations: frozenset[str]  # countries, nations, continents, regions and seas


def _data_lines(filename: str) -> list[str]:
    """The non-blank, non-comment lines of a file under digests/data/."""
    text = (Path(__file__).parent / "data" / filename).read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


# The sections of places.txt whose places are no club's home: a country's team is the country.
_NATION_SECTIONS = ("# Countries", "# Nations", "# Continents")


@cache
def _places() -> _Places:
    names: set[str] = set()
    adjectives: dict[str, str] = {}
    nations: set[str] = set()
    nation = False
    text = (Path(__file__).parent / "data" / "places.txt").read_text("utf-8")
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("# ") and line[2:3].isupper():
            nation = line.startswith(_NATION_SECTIONS)
        if not line or line[0] == "#":
            continue
        name, _, adjective_list = line.partition("|")
        name = name.strip()
        names.add(name)
        if nation:
            nations.add(name)
        for adjective in adjective_list.split(","):
            if adjective.strip():
                adjectives.setdefault(adjective.strip(), name)
    return _Places(frozenset(names), adjectives, frozenset(nations))


@cache
def _organizations() -> frozenset[str]:
    return frozenset(_data_lines("organizations.txt"))


def is_place(name: str) -> bool:
    """Whether `name`, as written in its proper form, is a known country, state, city or region."""
    return name in _places().names


def is_club_home(name: str) -> bool:
    """Whether a club may bear the place's name: a city, county, state or province, not a
    country, continent or sea ("Essex beat Kent": two clubs; "Spain beat Italy": two nations)."""
    places = _places()
    return name in places.names and name not in places.nations


def place_of_adjective(word: str) -> str | None:
    """The place an adjective or demonym refers to: "Russian" -> "Russia", else None."""
    return _places().adjectives.get(word)


def is_known_organization(name: str) -> bool:
    """Whether `name` is a well-known organisation whose name carries no cue word (NATO, Google)."""
    return name in _organizations()
