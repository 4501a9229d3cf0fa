"""A person's role as the sentence gives it: a title, words before the name, an appositive."""

from __future__ import annotations

import re

from digests.entities._kinds import is_role_noun
from digests.entities._lexicon import (
    ABBREVIATIONS,
    APPOSITIVE_BREAKERS,
    CONNECTORS,
    LDQUO,
    NAME_END_PUNCTUATION,
    NAME_OPEN_PUNCTUATION,
    NON_MODIFIERS,
    PARTICLES,
    POSSESSIVES,
    PREPOSITIONS,
    RDQUO,
    ROLE_MODIFIERS,
    ROLE_NOUNS,
    STOP,
    TEMPORAL,
)
from digests.entities._mentions import ROLE_BEFORE, Mention

_APPOSITIVE = re.compile(
    rf", (?:the |a |an )?([^,.;:()\"{LDQUO}{RDQUO}\n]{{2,80}}?)(?=[,;:\n]|\.(?!\w)|$)"
)
_LOOKBACK_WORD = re.compile(r"\S+")

_MAX_ROLE_WORDS = 8
_CONJUNCTIONS = frozenset({"and", "or", "but", "nor"})


def _role_start(text: str, start: int, titled: bool, floor: int) -> int:
    """Where the role words right before `start` begin ("former tennis coach"), or `start`.

    The words are read backwards from `start`, no further than `floor`: role nouns, and once
    one is found, modifiers, capitalised words and connectors between capitalised words; and
    while the role is all in lower case, any plain word that may qualify its noun.
    """
    window_start = max(floor, start - 100)
    words = list(_LOOKBACK_WORD.finditer(text, window_start, start))
    if words and window_start > floor and not text[window_start - 1].isspace():
        words = words[1:]
    role_start, count, previous_capital, plain = start, 0, False, False
    for match in reversed(words):
        word = match.group()
        if word[-1] in NAME_END_PUNCTUATION and not word.endswith(POSSESSIVES):
            break
        if word[0] in NAME_OPEN_PUNCTUATION or count >= _MAX_ROLE_WORDS:
            break
        lower = word.lower().rstrip(".")
        if lower in ROLE_NOUNS:
            titled = True
            plain = word.islower() and (plain or count == 0)
        elif not titled:
            break
        elif lower in ROLE_MODIFIERS or (word[0].islower() and "-" in word):
            pass
        elif word in CONNECTORS or word in PARTICLES:
            if not previous_capital:
                break
        elif plain and _is_plain_modifier(word):
            pass
        elif not word[0].isupper() or word in STOP or word in TEMPORAL:
            break
        previous_capital = word[0].isupper()
        plain = plain and not previous_capital
        role_start, count = match.start(), count + 1
    while role_start < start and text[role_start:start].split(" ", 1)[0] in CONNECTORS:
        role_start = text.index(" ", role_start) + 1
    return role_start


def _is_plain_modifier(word: str) -> bool:
    """A lower-case word that may qualify a role noun after it: "economy", "aviation".

    Function words, verbs, adverbs, plurals and possessives end a role: "said", "replacing",
    "reportedly", "includes", "women's".
    """
    return (
        word.isalpha()
        and word.islower()
        and word.capitalize() not in STOP
        and word not in NON_MODIFIERS
        and not word.endswith(("ing", "ed", "ly"))
        and not (word.endswith("s") and not word.endswith(("ss", "us", "is")))
    )


def role_of(text: str, floor: int, mention: Mention) -> str | None:
    """The role the sentence gives a person's mention: a title, words before, or an appositive."""
    role = None
    if mention.role_from >= 0:
        role_start = _role_start(text, mention.role_from, True, floor)
        role = text[role_start : mention.start].rstrip()
    elif mention.role_from == ROLE_BEFORE:
        role = _role_before(text, mention.start, floor)
    return role or _role_after(text, mention.start + len(mention.name))


def _role_before(text: str, start: int, floor: int) -> str | None:
    """A role written right before an untitled name: "tennis analyst Mary Joe Fernandez"."""
    space = max(text.rfind(" ", floor, start - 1), floor - 1)
    if text[space + 1 : start - 1].lower().rstrip(".") not in ROLE_NOUNS:
        return None
    role_start = _role_start(text, start, False, floor)
    return text[role_start:start].rstrip() or None


def _role_after(text: str, end: int) -> str | None:
    """An appositive role after a name: ", the chief executive of X," -> that phrase."""
    if text[end : end + 1] != ",":
        return None
    match = _APPOSITIVE.match(text, end)
    if match is None:
        return None
    role = match.group(1).strip()
    words = role.split()
    if (
        len(words) > 10
        or words[0] in _CONJUNCTIONS  # ", and carving out careers as dancers": a clause
        or any(word in APPOSITIVE_BREAKERS for word in words)
    ):
        return None
    if text[match.end() : match.end() + 1] == "." and (
        words[-1] in ABBREVIATIONS or len(words[-1]) == 1
    ):
        return None  # cut short at "St." or an initial
    head = words
    for at, word in enumerate(words):
        if word in PREPOSITIONS:
            head = words[:at]
            break
    return role if head and is_role_noun(head[-1]) else None
