"""Cut the clause around a figure out of its sentence."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_INITIAL_ENDS = frozenset(f".{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_PAIRS = (("(", ")"), ("[", "]"), ("\u201c", "\u201d"))
_PAIR_REACH = 300
_CLAUSE_REACH = 400
_TRIM = frozenset(" \t\n,;:.!?-\u2013—\"“”\u2018\u2019'()[]")
_CLAUSE_BREAK = re.compile(  # every branch opens with a literal, for a fast scan
    r";|:(?=\s)|—"
    r"|,[”\"\u2019]?\s(?:(?:but|and|or|so|yet|while|whereas)\b|(?=(?:which|who|whom|whose|where"
    r"|when|although|though|because|as|after|before|since|unless|until|if|including"
    r"|according\sto|said|says)\b|[a-z]{1,20}ing\b))"
    r"| (?:--?(?=\s)|\u2013(?=\s)|but\b|and(?=\s(?:can|could|will|would|should|may|might|must"
    r"|is|are|was|were|has|have|had|did|does|do|said|says)\b))"
)


class Clauses:
    """One sentence's clause breaks, to cut the clause around a figure out of it."""

    def __init__(self, text: str, low: int, high: int) -> None:
        self.text, self.low, self.high = text, low, high
        breaks = [(b.start(), b.end()) for b in _CLAUSE_BREAK.finditer(text, low, high)]
        self.starts = [b[0] for b in breaks]
        self.ends = [b[1] for b in breaks]
        self.trimmed_starts: dict[int, int] = {}
        self.trimmed_ends: dict[int, int] = {}

    def around(self, start: int, end: int) -> str:
        """The clause holding text[start:end], trimmed of punctuation outside the figure."""
        text = self.text
        before = bisect_right(self.ends, start)
        low = self.ends[before - 1] if before else self.low
        after = bisect_left(self.starts, end)
        high = self.starts[after] if after < len(self.starts) else self.high
        if start - low > _CLAUSE_REACH:  # no clause is that long: keep the words nearby
            space = text.find(" ", start - _CLAUSE_REACH, start)
            low = space + 1 if space >= 0 else start
        if high - end > _CLAUSE_REACH:
            space = text.rfind(" ", end, end + _CLAUSE_REACH)
            high = max(space, end)
        low = min(self._trim_start(low), start)
        high = max(self._trim_end(high), end)
        reach = max(low, high - _PAIR_REACH)
        for opener, closer in _PAIRS:  # "up to 500 km (300 miles)" keeps its ")"
            if text[high : high + 1] == closer and text.rfind(opener, reach, high) > text.rfind(
                closer, reach, high
            ):
                high += 1
        if text[high : high + 1] == "." and text[high - 2 : high] in _INITIAL_ENDS:
            high += 1  # keep the full stop of "the U.S."
        return text[low:high]

    def _trim_start(self, low: int) -> int:
        """Where the clause from `low` starts once leading punctuation and blanks are dropped."""
        if low not in self.trimmed_starts:
            kept = low
            while kept < self.high and self.text[kept] in _TRIM:
                kept += 1
            self.trimmed_starts[low] = kept
        return self.trimmed_starts[low]

    def _trim_end(self, high: int) -> int:
        """Where the clause up to `high` ends once trailing punctuation and blanks are dropped."""
        if high not in self.trimmed_ends:
            kept = high
            while kept > self.low and self.text[kept - 1] in _TRIM:
                kept -= 1
            self.trimmed_ends[high] = kept
        return self.trimmed_ends[high]
