"""Read a capitalised run: split it into pieces and say what each names, with any role."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from digests.entities._kinds import classify, is_acronym, is_name_like, is_title_word
from digests.entities._lexicon import (
    COMPANY_SUFFIXES,
    CONNECTORS,
    HONORIFICS,
    NAME_OPENERS,
    PARTICLES,
    POSSESSIVES,
    ROLE_MODIFIERS,
    RSQUO,
    SKIP_RUNS,
    SPONSORED_EVENTS,
    STREETS,
    WEEKDAYS,
)
from digests.gazetteer import is_known_organization
from digests.model import EntityKind


class Reading(NamedTuple):
    """What a piece of a run names, worked out from its words alone, so it can be cached."""

    text: str
    kind: EntityKind | None
    name_at: int = 0
    name: str = ""
    titled: bool = False
    role: bool = False
    prefix: tuple[str, EntityKind] | None = None
    parts: tuple[tuple[int, Reading], ...] = ()
    droppable: bool = False


@lru_cache(maxsize=1 << 16)
def readings(run: str) -> tuple[tuple[int, Reading], ...]:
    """The pieces of a run, each with where it starts and what it names."""
    if "-" in run or "'" in run or RSQUO in run:
        pieces = _pieces(run)
    elif " " not in run:  # one plain word, the commonest run
        return ((0, read_piece(run)),)
    else:  # no possessive and no hyphenated word to split at
        tokens = run.split(" ")
        start = 0
        while start < len(tokens) and tokens[start] in SKIP_RUNS:
            start += 1
        piece = _joined(tokens[start:])
        pieces = [(len(" ".join(tokens[:start])) + bool(start), piece)] if piece else []
    return tuple((offset, read_piece(piece)) for offset, piece in _after_streets(pieces))


def _after_streets(pieces: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Pieces cut after a street's name when a person's name follows: "Addiscombe Road",
    "Ben Morgan" (a scraped page that lost its comma glues them; "Abbey Road Studios" stays),
    and at "of" after a company's suffix: "Acme Inc", "Chicago"."""
    split: list[tuple[int, str]] = []
    for offset, piece in pieces:
        tokens = piece.split(" ")
        cut = next((at for at, word in enumerate(tokens[:-2]) if word in STREETS and at), None)
        skip = 0
        if cut is None or not is_name_like(tokens[cut + 1 :]):
            # "Daniels Pharmaceuticals Inc of St. Petersburg": a company, then where it is
            cut = next(
                (
                    at
                    for at, word in enumerate(tokens[1:-2], 1)
                    if word.rstrip(".") in COMPANY_SUFFIXES and tokens[at + 1] == "of"
                ),
                None,
            )
            skip = 1
        if cut is None:
            split.append((offset, piece))
            continue
        head = " ".join(tokens[: cut + 1])
        tail = " ".join(tokens[cut + 1 + skip :])
        split += [(offset, head), (offset + len(piece) - len(tail), tail)]
    return split


def _pieces(run: str) -> list[tuple[int, str]]:
    """Split a run at possessives and hyphenated modifiers, trimming function words off the ends."""
    pieces: list[tuple[int, str]] = []
    tokens: list[str] = []
    offset = piece_start = 0
    for token in run.split(" "):
        word = token[:-2] if token.endswith(POSSESSIVES) else token
        if "-" in word and word.rsplit("-", 1)[1][:1].islower():
            pieces.append((piece_start, _joined(tokens)))
            tokens, piece_start = [], offset + len(token) + 1
        elif not tokens and word in SKIP_RUNS:
            piece_start = offset + len(token) + 1
        else:
            tokens.append(word)
        if word is not token:
            pieces.append((piece_start, _joined(tokens)))
            tokens, piece_start = [], offset + len(token) + 1
        offset += len(token) + 1
    pieces.append((piece_start, _joined(tokens)))
    return [(at, piece) for at, piece in pieces if piece]


def _joined(tokens: list[str]) -> str:
    """The words of a piece as written, without trailing weekdays and connectors."""
    while tokens and (tokens[-1] in WEEKDAYS or tokens[-1] in CONNECTORS):
        tokens = tokens[:-1]
    return " ".join(tokens)


@lru_cache(maxsize=1 << 16)
def read_piece(piece: str) -> Reading:
    """What a piece of a run names, from its words alone."""
    tokens = piece.split(" ")
    several = len(tokens) > 1
    titled = _read_titled(tokens) if several else None
    if titled is not None:
        return titled
    kind = classify(tokens, piece)
    parts: tuple[tuple[int, Reading], ...] = ()
    prefix = None
    if kind is None and several:
        if "of" in tokens or "for" in tokens:
            parts = tuple((at, read_piece(part)) for at, part in _parts(piece))
        else:  # "Germanwings Flight", "Boston Marathon": who or where it opens with
            prefix = _named_in_role(tokens[:-1])
            if (
                prefix is not None
                and is_acronym(prefix[0])
                and not is_known_organization(prefix[0])
            ):
                prefix = None  # "ROLL CALL": no acronym for anyone
            elif (
                prefix is not None
                and prefix[1] is EntityKind.ORGANIZATION
                and tokens[-1] in SPONSORED_EVENTS
            ):
                prefix = None  # "the Honda Classic": a sponsor, not who
    return Reading(
        piece,
        kind,
        name="" if kind is None and several else piece,
        prefix=prefix,
        parts=parts,
        droppable=several and (kind is None or kind is EntityKind.PERSON),
    )


def _parts(piece: str) -> list[tuple[int, str]]:
    """The stretches of a piece between "of", "for" and "the": "Minister", "Foreign Affairs"."""
    parts: list[tuple[int, str]] = []
    offset = part_start = 0
    for token in [*piece.split(" "), "of"]:
        if token in CONNECTORS:
            if offset > part_start:
                parts.append((part_start, piece[part_start : offset - 1]))
            part_start = offset + len(token) + 1
        offset += len(token) + 1
    return parts


def _read_titled(tokens: list[str]) -> Reading | None:
    """Read "Russian President Vladimir Putin": a person, a role, and whatever the role names."""
    lowered = [token.lower().rstrip(".") for token in tokens]
    if NAME_OPENERS.isdisjoint(lowered):
        return None
    titles = [i for i, word in enumerate(lowered) if word in NAME_OPENERS]
    name_tokens: list[str] = []
    for title in reversed(titles):
        name_tokens = _name_after_title(tokens[title + 1 :])
        # A role noun that is no title ("actor") only stands before a full name.
        full = len(name_tokens) > 1 or is_title_word(tokens[title])
        if name_tokens and full and is_name_like(name_tokens):
            break
        name_tokens = []
    if not name_tokens:
        return None
    role_tokens = tokens[: len(tokens) - len(name_tokens)]
    return Reading(
        " ".join(tokens),
        EntityKind.PERSON,
        name_at=len(" ".join(role_tokens)) + 1,
        name=" ".join(name_tokens),
        titled=True,
        role=not all(token.lower().rstrip(".") in HONORIFICS for token in role_tokens),
        prefix=_named_in_role(_strip_modifiers(tokens[: titles[0]])),
    )


def _named_in_role(tokens: list[str]) -> tuple[str, EntityKind] | None:
    """The organisation or place some words open with: "U.S. Treasury" -> "U.S.", a place."""
    for size in range(len(tokens), 0, -1):
        name = " ".join(tokens[:size])
        kind = classify(tokens[:size], name)
        if kind is EntityKind.PLACE or kind is EntityKind.ORGANIZATION:
            return name, kind
    return None


def _name_after_title(rest: list[str]) -> list[str]:
    """The name after a title: all of it, or its last two or three words after "of"."""
    if not rest or rest[0] not in CONNECTORS:
        return rest
    size = 3 if len(rest) > 3 and (rest[-2] in PARTICLES or rest[-2].endswith(".")) else 2
    after = [token for token in rest if token not in CONNECTORS]
    return rest[-size:] if len(after) > size else []


def _strip_modifiers(tokens: list[str]) -> list[str]:
    """Drop role words from the end of a role's prefix: "Senate Majority" -> "Senate"."""
    while tokens and (tokens[-1].lower() in ROLE_MODIFIERS or tokens[-1] in CONNECTORS):
        tokens = tokens[:-1]
    return tokens
