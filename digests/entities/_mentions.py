"""Find the mentions in an article: its dateline and capitalised runs, read piece by piece."""

from __future__ import annotations

import re
from dataclasses import dataclass

from digests.entities._lexicon import (
    ABBREVIATIONS,
    APOSTROPHES,
    CLOSE_QUOTES,
    CONNECTORS,
    EM_DASH,
    EN_DASH,
    MATCH_VERBS,
    OPEN_QUOTES,
    OPENING,
    ORG_NOUNS,
    SKIP_RUNS,
    TEMPORAL,
    WORK_DETERMINERS,
    WORK_NOUNS,
)
from digests.entities._reading import Reading, read_piece, readings
from digests.gazetteer import is_club_home, is_known_organization, is_place
from digests.model import EntityKind

ROLE_BEFORE = -1  # a role may stand in the words before the name
_NO_ROLE = -2  # no role: the name follows an honorific


@dataclass(slots=True)
class Mention:
    """One naming of a candidate in a sentence; kind None is a lone word not yet resolved.

    `role_from` says where a role may be read: from a title starting at that offset, from
    the words before the name (ROLE_BEFORE), or not at all (_NO_ROLE, after an honorific).
    """

    name: str
    kind: EntityKind | None
    sentence: int
    start: int
    role_from: int = -1
    guessed: bool = False  # an organisation by the words before it: a surname may claim it


@dataclass(frozen=True, slots=True)
class ArticleText:
    """The sentences joined by newlines (no run crosses one), where each starts, the mentions."""

    text: str
    starts: list[int]
    mentions: list[Mention]


# --- Capitalised runs -------------------------------------------------------------------------

_WORK_ENDINGS = frozenset(noun[-2:] for noun in WORK_NOUNS)
_UPPER = "".join(c for c in map(chr, range(0x41, 0x530)) if c.isupper())
_LETTER = r"[^\W\d_]"


def _abbreviation_dot() -> str:
    """A full stop that ends one of ABBREVIATIONS ("Mr.", "Sen."): one look-behind per length.

    The stop comes first, so that the look-behinds are tried only after a word with a stop.
    """
    by_length: dict[int, list[str]] = {}
    for abbreviation in sorted(ABBREVIATIONS):
        by_length.setdefault(len(abbreviation), []).append(rf"\b{abbreviation}\.")
    behind = "|".join(f"(?<={'|'.join(group)})" for group in by_length.values())
    return rf"(?:\.(?:{behind}))?"


# A capitalised word, initials ("U.S.", "W.") or a dotted abbreviation; it never runs on into
# digits, a hyphen or another dotted word: "Su-25", "Iskander-M" and "U.S.-led" are no tokens.
# Each starts with its capital letter so that the regex engine can skip ahead to capitals fast.
_TOKEN_TAIL = (
    rf"(?:\.(?:[{_UPPER}]\.)*|{_LETTER}*(?:[{APOSTROPHES}]{_LETTER}+)*(?:-{_LETTER}{{2,}})*(?:&{_LETTER}+)?"
    rf"{_abbreviation_dot()})(?![\w-]|\.\w)"
)
_FIRST_TOKEN = rf"[{_UPPER}](?<![\w{APOSTROPHES}.-][{_UPPER}]){_TOKEN_TAIL}"
_TOKEN = rf"(?:(?:al|el|as|ad|ar|an|ash)-)?[{_UPPER}]{_TOKEN_TAIL}"
_CONNECTOR = (
    r"(?:of(?: the)?|for|de|del|della|di|da|do|dos|du|der|den|van|von|la|le|bin|ibn|al|y|&)"
)
_RUN = re.compile(rf"{_FIRST_TOKEN}(?:(?: {_CONNECTOR})? {_TOKEN})*")

# "WASHINGTON (Reuters) - ", "Ferguson, Missouri (CNN)": a dateline and its agency credit.
_DATELINE = re.compile(
    r"[ \t]*(?P<place>[A-Z][^()\n]{0,60}?)?[ \t]*\([A-Z][\w .&'-]{0,30}\)"
    rf"(?:[ \t]*[-{EN_DASH}{EM_DASH}]+[ \t]*|(?=\S))"
)
_DATELINE_PART = re.compile(rf"[A-Z][^\W\d_]*(?:[ .{APOSTROPHES}-]+[A-Z][^\W\d_]*)*\.?")

# --- Scanning ---------------------------------------------------------------------------------


def take_dateline(text: str, mentions: list[Mention]) -> str:
    """Record a leading dateline's places and blank it and its agency credit out."""
    match = _DATELINE.match(text)
    if match is None:
        return text
    place = match.group("place")
    if place:
        offset = match.start("place")
        for part in _DATELINE_PART.finditer(place):
            if not any(word in TEMPORAL for word in part.group().split()):
                mentions.append(Mention(part.group(), EntityKind.PLACE, 0, offset + part.start()))
    return " " * match.end() + text[match.end() :]


def scan(article: ArticleText) -> None:
    """Find the capitalised runs of the article and turn them into mentions."""
    text, starts = article.text, article.starts
    matches = list(_RUN.finditer(text))
    index, next_start = -1, 0
    glued = -1
    for number, match in enumerate(matches):
        run = match.group()
        if run in SKIP_RUNS:
            continue
        start, end = match.span()
        if _glues_to_next(text, matches, number):
            glued = start  # "Crosby, Stills & Nash": one name with a comma in it
            continue
        if glued >= 0:
            start, run, glued = glued, text[glued:end], -1
        if text[start - 3 : start - 1] in _WORK_ENDINGS and _titles_a_work(text, start):
            continue  # "the play Hamlet": the quick test on how a work noun ends saves a call
        while start >= next_start:
            index += 1
            next_start = starts[index + 1] if index + 1 < len(starts) else len(text) + 1
        before_place = (
            text.startswith(", ", end)
            and number + 1 < len(matches)
            and matches[number + 1].start() == end + 2
            and is_place(matches[number + 1].group())
        )
        quoted = start > 0 and text[start - 1] in OPEN_QUOTES and _closes_quote(text, end)
        for offset, reading in readings(run):
            _record(article, index, start + offset, reading, before_place, quoted)


def _glues_to_next(text: str, matches: list[re.Match[str]], number: int) -> bool:
    """Whether a one-word run and a comma open the "&" name after it: "Crosby, Stills & Nash"."""
    match = matches[number]
    end = match.end()
    if " " in match.group() or number + 1 == len(matches) or not text.startswith(", ", end):
        return False
    after = matches[number + 1]
    return after.start() == end + 2 and " & " in after.group()


def _titles_a_work(text: str, start: int) -> bool:
    """Whether the run at `start` follows "the play", "her album" and the like: a work's title."""
    if text[start - 1] != " ":
        return False
    space = text.rfind(" ", max(0, start - 14), start - 1)
    if space < 0 or text[space + 1 : start - 1] not in WORK_NOUNS:
        return False
    words = text[max(0, space - 6) : space].split()
    return bool(words) and words[-1].lower() in WORK_DETERMINERS


def _closes_quote(text: str, end: int) -> bool:
    """Whether a quote closes right at `end`, or after one punctuation mark: "Mad Men," """
    return text[end : end + 1] in CLOSE_QUOTES or text[end + 1 : end + 2] in CLOSE_QUOTES


def _record(
    article: ArticleText, index: int, start: int, reading: Reading, before_place: bool, quoted: bool
) -> None:
    """Turn the reading of a piece at `start` into mentions, with what the sentence adds."""
    if reading.droppable and (
        reading.text.count(" ") > 1 or _is_initial(article.text, article.starts[index], start)
    ):
        first = reading.text.split(" ", 1)[0]
        if f" {first.lower()} " in article.text:
            at = len(first) + 1
            while reading.text[at:].split(" ", 1)[0] in CONNECTORS:  # "for Farmers"
                at = reading.text.index(" ", at) + 1
            rest = read_piece(reading.text[at:])
            _record(article, index, start + at, rest, before_place, quoted)
            return
    for offset, part in reading.parts:
        _record(article, index, start + offset, part, False, quoted)
    mentions = article.mentions
    if reading.prefix is not None:
        mentions.append(Mention(reading.prefix[0], reading.prefix[1], index, start))
    if not reading.name:
        return
    kind = reading.kind
    if before_place and not reading.titled and kind is not EntityKind.ORGANIZATION:
        kind = EntityKind.PLACE
    if (
        kind is EntityKind.PERSON
        and not reading.titled
        and (
            quoted
            or (reading.name[-1] == "s" and _names_a_group(article.text, start, reading.name))
        )
    ):
        return
    if kind is EntityKind.ORGANIZATION and _modifies(article.text, start, reading.name):
        return
    guessed = kind is None and " " not in reading.name and _after_org_noun(article.text, start)
    if guessed:
        kind = EntityKind.ORGANIZATION  # "club Atalanta", "Bergamo-based Atalanta"
    if kind is EntityKind.PLACE and _plays(article.text, start, reading.name):
        kind = EntityKind.ORGANIZATION  # "Essex beat Kent": two clubs
    role_from = _NO_ROLE if reading.titled and not reading.role else ROLE_BEFORE
    if reading.role:
        role_from = start
    mentions.append(Mention(reading.name, kind, index, start + reading.name_at, role_from, guessed))


def _after_org_noun(text: str, start: int) -> bool:
    """Whether an unknown word follows a noun for an organisation or "-based"."""
    before = text[max(0, start - 16) : start]
    if not before.endswith(" "):
        return False
    word = before[:-1].rpartition(" ")[2]
    return word in ORG_NOUNS or (word.endswith("-based") and word[0].isupper())


_MATCH_AFTER = re.compile(rf" (?:{'|'.join(map(re.escape, MATCH_VERBS))}) [A-Z]")
_MATCH_BEFORE = re.compile(rf"(?<![\w.])(?:{'|'.join(map(re.escape, MATCH_VERBS))}) \Z")


def _plays(text: str, start: int, name: str) -> bool:
    """Whether a town, county or state is a side in a match: "Essex beat Kent", "lost to Leeds"
    (a country's side is the country: "Spain beat Italy")."""
    if not is_club_home(name.title() if name.isupper() else name):
        return False
    end = start + len(name)
    return bool(
        _MATCH_AFTER.match(text, end, end + 20)
        or _MATCH_BEFORE.search(text, max(0, start - 12), start)
    )


def _modifies(text: str, start: int, name: str) -> bool:
    """Whether an unknown acronym only qualifies the word after it: "UV light", "GPS data"."""
    end = start + len(name)
    return (
        name.isupper()
        and " " not in name
        and text[end : end + 1] == " "
        and text[end + 1 : end + 2].islower()
        and not is_known_organization(name)
    )


def _names_a_group(text: str, start: int, name: str) -> bool:
    """Whether a name ending in a plural ("Arctic Monkeys") names a group or a work, not a person.

    So it is when "the" stands before it or the plural stands in lower case in the article, and
    the last word never stands alone, as a surname would ("Tiger Woods ... Woods said").
    """
    first, _, last = name.rpartition(" ")
    if not first or not _is_plural(last) or text.count(last) > text.count(name):
        return False
    before = text[max(0, start - 5) : start].lower()
    if before.endswith("the ") and (len(before) < 5 or not before[0].isalnum()):
        return True
    return has_word(text, last.lower())


def _is_plural(word: str) -> bool:
    """Whether a capitalised word reads as a plural: "Monkeys", "Monologues"; not "Ross"."""
    return (
        len(word) > 3
        and word[-1] == "s"
        and word[-2].islower()
        and not word.endswith(("ss", "us", "is"))
    )


def _is_initial(text: str, sentence_start: int, start: int) -> bool:
    """Whether `start` opens its sentence, but for quotes and brackets."""
    return start - sentence_start <= 3 and not text[sentence_start:start].strip(OPENING)


def has_word(text: str, word: str) -> bool:
    """Whether `word` occurs in `text` as a whole word."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalnum()) and (
            end == len(text) or not text[end].isalnum()
        ):
            return True
        at = text.find(word, at + 1)
    return False
