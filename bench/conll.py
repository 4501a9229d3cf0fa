"""Who against CoNLL-2003 gold names: document-level precision, typed precision, recall.

The folder holds `articles/<doc>.txt` (headline, dateline, one sentence a line) and
`gold/<doc>.json` (names by type: PER, ORG, LOC; MISC is no name for `who`). A name of ours
is right when it is a gold name (case, dots and a company suffix aside), a surname of a gold
person or the short form a gold organisation opens with ("Magna" of "Magna International
Inc"); typed right when that gold name's type is our kind. Recall counts the salient gold
entities (a name and its short forms are one): named in the headline, dateline or lead
sentence, or twice in the document.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from digests import EntityKind

TYPES = {"PER": EntityKind.PERSON, "ORG": EntityKind.ORGANIZATION, "LOC": EntityKind.PLACE}
_SUFFIXES = frozenset({"inc", "co", "corp", "ltd", "plc", "llc", "sa", "ag", "nv"})
_RESULT_LINE = re.compile(r"\d")
_TABLE_HEADLINE = re.compile(r"\b(?:RESULTS?|SCORES|STANDINGS|SCOREBOARD)\b", re.I)
# the capitalised-runs baseline: runs of capitalised words, without the function words and
# pronouns that open sentences
_RUN = re.compile(r"[A-Z][\w'&.-]*(?: [A-Z][\w'&.-]*)*")
_OPENER_WORDS = """The A An In On At For But And Or If As It He She They We I This That These
Those His Her Its Their Our After Before When While With By From To Of Under Over There Here
What Who"""
_OPENERS = frozenset(_OPENER_WORDS.split())


@dataclass(frozen=True)
class Doc:
    """One CoNLL document: its name, text, lines and gold names by type."""

    name: str
    text: str
    lines: list[str]
    gold: dict[EntityKind, list[str]]

    @property
    def is_table(self) -> bool:
        """A result table: its headline says so, or most lines hold figures and no sentence end."""
        if _TABLE_HEADLINE.search(self.lines[0]):
            return True
        body = self.lines[2:]
        tabular = [ln for ln in body if _RESULT_LINE.search(ln) and not ln.rstrip().endswith(".")]
        return len(tabular) > len(body) / 2


def load(folder: Path) -> list[Doc]:
    """Every document of the folder with its gold names, in name order."""
    docs = []
    for path in sorted((folder / "articles").glob("*.txt")):
        raw = json.loads((folder / "gold" / f"{path.stem}.json").read_text("utf-8"))
        text = path.read_text("utf-8")
        gold = {kind: raw.get(tag, []) for tag, kind in TYPES.items()}
        docs.append(Doc(path.stem, text, text.splitlines(), gold))
    return docs


def _words(name: str) -> tuple[str, ...]:
    words = [w.strip(".,").casefold() for w in name.split()]
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    return tuple(w for w in words if w)


def _short_form(short: tuple[str, ...], full: tuple[str, ...], kind: EntityKind) -> bool:
    """Whether `short` names the same as `full`: equal, a surname, an organisation's opening."""
    if short == full:
        return True
    if len(short) >= len(full):
        return False
    if kind is EntityKind.PERSON:
        return full[-len(short) :] == short
    if kind is EntityKind.ORGANIZATION:
        return full[: len(short)] == short
    return False


def _groups(doc: Doc) -> list[tuple[EntityKind, list[str]]]:
    """The gold entities: each type's names, a name and its short forms together."""
    groups: list[tuple[EntityKind, list[str]]] = []
    for kind, names in doc.gold.items():
        mine: list[list[str]] = []
        for name in sorted(set(names), key=lambda n: (-len(_words(n)), n)):
            home = next(
                (
                    g
                    for g in mine
                    if any(_short_form(_words(name), _words(other), kind) for other in g)
                ),
                None,
            )
            if home is None:
                mine.append([name])
            else:
                home.append(name)
        groups.extend((kind, g) for g in mine)
    return groups


def _occurrences(text: str, name: str) -> int:
    return len(re.findall(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.I))


def salient(doc: Doc) -> list[tuple[EntityKind, list[str]]]:
    """The gold entities in the headline, dateline or lead, or named twice."""
    top = "\n".join(doc.lines[:4])  # headline, (byline,) dateline, lead
    kept = []
    for kind, names in _groups(doc):
        shortest = min(names, key=lambda n: len(_words(n)))
        if any(_occurrences(top, n) for n in names) or _occurrences(doc.text, shortest) >= 2:
            kept.append((kind, names))
    return kept


def matches(doc: Doc, name: str) -> set[EntityKind]:
    """The gold types of the gold names that `name` names."""
    words = _words(name)
    return {
        kind
        for kind, names in doc.gold.items()
        if any(_short_form(words, _words(gold), kind) for gold in names)
    }


@dataclass
class Tally:
    """Counts for precision, typed precision and recall over documents."""

    named: int = 0
    right: int = 0
    typed: int = 0
    salient: int = 0
    found: int = 0

    def add(self, doc: Doc, ours: Sequence[tuple[str, EntityKind | None]]) -> None:
        for name, kind in ours:
            kinds = matches(doc, name)
            self.named += 1
            self.right += bool(kinds)
            self.typed += kind in kinds
        for kind, names in salient(doc):
            self.salient += 1
            self.found += any(
                _short_form(_words(ours_name), _words(gold), kind)
                or _short_form(_words(gold), _words(ours_name), kind)
                for ours_name, _ in ours
                for gold in names
            )

    def cells(self, typed: bool = True) -> str:
        p = self.right / max(1, self.named)
        r = self.found / max(1, self.salient)
        f1 = 2 * p * r / max(1e-9, p + r)
        tp = f"{100 * self.typed / max(1, self.named):5.1f}" if typed else "    –"
        return f"{100 * p:5.1f} / {tp} / {100 * r:5.1f} / {100 * f1:5.1f}"


def baseline(doc: Doc) -> list[tuple[str, EntityKind | None]]:
    """Every capitalised run of the body once: the plain baseline, untyped."""
    runs: dict[str, None] = {}
    for line in doc.lines[1:]:
        for run in _RUN.findall(line):
            words = run.split()
            while words and words[0] in _OPENERS:
                words.pop(0)
            if words:
                runs.setdefault(" ".join(words).rstrip(".,"))
    return [(run, None) for run in runs if run]


def report(
    docs: Iterable[Doc], who: Callable[[Doc], Sequence[tuple[str, EntityKind | None]]]
) -> dict[str, Tally]:
    """Tallies for the tuning half, held-out half and all, with and without result tables."""
    docs = list(docs)
    parts = {
        "tune": docs[0::2],
        "held-out": docs[1::2],
        "all": docs,
        "held-out, no tables": [d for d in docs[1::2] if not d.is_table],
        "all, no tables": [d for d in docs if not d.is_table],
    }
    tallies = {}
    for label, part in parts.items():
        tally = Tally()
        for doc in part:
            tally.add(doc, who(doc))
        tallies[label] = tally
    return tallies


def events(folder: Path) -> dict[str, tuple[str | None, date | None]]:
    """The hand-read place and date of each document's main event (bench/conll_events.json)."""
    raw = json.loads((Path(__file__).parent / "conll_events.json").read_text("utf-8"))
    return {
        name: (place, date.fromisoformat(day) if day else None)
        for name, (place, day) in raw["events"].items()
        if (folder / "articles" / f"{name}.txt").exists()
    }


def same_place(ours: str | None, gold: str) -> bool:
    """Whether our place names the gold one: "Milwaukee, Wisconsin" names "Milwaukee"."""
    return ours is not None and ours.split(",")[0].strip().casefold() == gold.casefold()


def first_run(doc: Doc) -> str | None:
    """The where baseline: the first capitalised run after the headline."""
    for line in doc.lines[1:]:
        for run in _RUN.findall(line):
            if run.split()[0] not in _OPENERS:
                return run.title() if run.isupper() else run
    return None
