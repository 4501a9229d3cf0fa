"""What a reader trips over in key points: dangling openings, quote fragments, lost headlines.

Measured on the article's own text, not on our sentence list, so that the count does not
depend on how we split sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from digests import Summary

# A key point opening with one of these leans on the sentence before it.
_DANGLING_WORDS = """he she it they him them his her its their this that these those such but
however yet also meanwhile instead still nevertheless nonetheless moreover furthermore besides
and or so then thus hence therefore"""
DANGLING = frozenset(_DANGLING_WORDS.split())
_FIRST_WORD = re.compile(r"[\W_]*(\w+)")
_SPACE = re.compile(r"\s+")


def opens_dangling(point: str) -> bool:
    """Whether the point opens with a pronoun or connective ("He asked", "But", "However,")."""
    m = _FIRST_WORD.match(point)
    return bool(m) and m.group(1).lower() in DANGLING


def unbalanced_quote(point: str) -> bool:
    """Whether the point opens or closes a double quote it does not close or open."""
    return point.count('"') % 2 == 1 or point.count("“") != point.count("”")


def no_report(sentence: str) -> bool:
    """Whether a gist does not say what happened on its own terms: it opens with a dangling
    word ("It was an act of frustration…"), opens a quotation, or asks a question."""
    return (
        opens_dangling(sentence)
        or sentence[:1] in "\"“‘'"
        or sentence.rstrip("\"”’')]").endswith("?")
    )


def dangling(text: str, points: Sequence[str]) -> list[str]:
    """The points that open with a dangling word although the sentence before is not a point.

    A point at the start of the text has no sentence before it and does not count.
    """
    flat = _SPACE.sub(" ", text)
    spans = []
    for point in points:
        at = flat.find(_SPACE.sub(" ", point))
        spans.append((at, at + len(_SPACE.sub(" ", point))) if at >= 0 else None)
    ends = {end for span in spans if span for end in (span[1],)}
    bad = []
    for point, span in zip(points, spans, strict=True):
        if span is None or not opens_dangling(point):
            continue
        before = flat[: span[0]].rstrip()
        if before and len(before) not in ends:
            bad.append(point)
    return bad


def counts(text: str, summary: Summary) -> tuple[int, int, int]:
    """(key points, with a dangling opening, with an unbalanced quote)."""
    points = summary.key_points
    return (
        len(points),
        len(dangling(text, points)),
        sum(1 for p in points if unbalanced_quote(p)),
    )
