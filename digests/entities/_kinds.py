"""Tell a candidate name's kind from its words: a person, an organisation, a place or none."""

from __future__ import annotations

from digests.entities._lexicon import (
    CLUB_ENDINGS,
    CLUB_OPENERS,
    COMMON_ABBREVIATIONS,
    EVENT_FORMS,
    HONORIFICS,
    MONTHS_IN_NAMES,
    NAMES_LIKE_WORDS,
    NON_NAME,
    NOT_IN_NAMES,
    ORG_CUE_FORMS,
    PARTICLES,
    PLACE_PREFIXES,
    PLACE_SUFFIXES,
    ROLE_MODIFIERS,
    ROLE_NOUNS,
    ROMAN,
    SKIP_RUNS,
    STREETS,
    SURNAMES_LIKE_TITLES,
    TITLES,
    WORD_ENDINGS,
)
from digests.gazetteer import is_club_home, is_known_organization, is_place, place_of_adjective
from digests.model import EntityKind


def is_title_word(token: str) -> bool:
    """A title or honorific: "President", "Sen.", "Mr"."""
    word = token.lower().rstrip(".")
    return word in TITLES or word in HONORIFICS


def is_role_noun(token: str) -> bool:
    """A title or role noun, or its plural: "Minister", "Magistrates"."""
    word = token.lower().rstrip(".")
    return word in ROLE_NOUNS or (word.endswith("s") and word[:-1] in ROLE_NOUNS)


def _is_role_word(token: str) -> bool:
    """A title, role noun or role modifier, or its plural: "Minister", "Veterans", "Deputy"."""
    word = token.lower().rstrip(".")
    singular = word[:-1] if word.endswith("s") else word
    return any(
        form in ROLE_NOUNS or form in ROLE_MODIFIERS or form in HONORIFICS
        for form in (word, singular)
    )


# --- Classifying ------------------------------------------------------------------------------


def classify(tokens: list[str], name: str) -> EntityKind | None:
    """The kind of a candidate name; None for a lone word or a name that is no entity."""
    if is_place(name) or (name.isupper() and len(name) > 3 and is_place(name.title())):
        return EntityKind.PLACE
    if is_known_organization(name):
        return EntityKind.ORGANIZATION
    if len(tokens) == 1:
        return EntityKind.ORGANIZATION if is_acronym(name) else None
    if tokens[-1] in STREETS:
        return None  # an address, not who
    cue = not ORG_CUE_FORMS.isdisjoint(tokens)
    if not cue and not EVENT_FORMS.isdisjoint(tokens):
        return None
    if cue or "&" in tokens or tokens[0] in CLUB_OPENERS:
        return EntityKind.ORGANIZATION
    if tokens[0] in PLACE_PREFIXES or (
        tokens[-1] in PLACE_SUFFIXES and "of" not in tokens and "for" not in tokens
    ):  # "Farmers of the Chancay Valley" are no place; "Isle of Wight" is one
        return EntityKind.PLACE
    if _is_team(tokens):
        return EntityKind.ORGANIZATION
    return EntityKind.PERSON if is_name_like(tokens) else None


def is_acronym(name: str) -> bool:
    """A lone all-capitals word of two to six letters: "NATO", "AT&T"; not initials ("A.J."),
    a shouted word ("YOU") or an everyday abbreviation ("TV", "DNA")."""
    letters = name.replace("&", "")
    return (
        1 < len(letters) < 7
        and letters.isalpha()
        and letters.isupper()
        and name not in COMMON_ABBREVIATIONS
        and name.capitalize() not in SKIP_RUNS
    )


def _is_team(tokens: list[str]) -> bool:
    """A place, then words ending in a plural: "Boston Celtics", "Queens Park Rangers"; a
    town, then a club's ending: "Norwich City"."""
    if tokens[-1] in CLUB_ENDINGS and is_club_home(" ".join(tokens[:-1])):
        return True
    if not tokens[-1].endswith("s"):
        return False
    return any(is_place(" ".join(tokens[:size])) for size in range(len(tokens) - 1, 0, -1))


def _initials(tokens: list[str]) -> bool:
    """Whether a name opens with two initials written without stops: "JB Holmes"."""
    first = tokens[0]
    return (
        len(first) == 2
        and len(tokens) > 1
        and first not in COMMON_ABBREVIATIONS
        and not is_place(first)
        and not is_known_organization(first)
    )


def is_name_like(tokens: list[str]) -> bool:
    """Whether these words could be a person's name: "Alexander Lukashenko", "Obama"."""
    first = tokens[0]
    if (
        first in NON_NAME
        or _is_role_word(first)
        or (first.lower().endswith(WORD_ENDINGS) and first not in NAMES_LIKE_WORDS)
    ):
        return False
    if len(tokens) > 1 and (
        len(first) == 1
        or is_place(first)
        or (is_role_noun(tokens[-1]) and tokens[-1] not in SURNAMES_LIKE_TITLES)
    ):
        return False
    core = 0
    for at, token in enumerate(tokens):
        if token in PARTICLES or token.endswith(".") or token in ROMAN:
            continue
        core += 1
        if (
            not token[:1].isupper()
            or (token in NOT_IN_NAMES and not (at and token in MONTHS_IN_NAMES))
            or place_of_adjective(token) is not None
            or (token.isupper() and len(token) > 1 and not (at == 0 and _initials(tokens)))
        ):
            return False
    name = " ".join(tokens)
    return 0 < core < 5 and not is_place(name) and not is_known_organization(name)
