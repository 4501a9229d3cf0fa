"""Numbers precision: 100 of our figures from the held-out half, checked by hand.

The sample is the 100 figures whose keys hash lowest, so that it is the same for the same
output; bench/figures_checked.json holds the verdicts (true: a quantity the story reports,
with its unit or counted noun; false: a rank, an address, a model name, a list marker…).
`python bench/figures.py DIR --unchecked` prints the sampled figures that have no verdict yet.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.devset import load
from digests import summarize

SAMPLE = 100
VERDICTS = Path(__file__).with_name("figures_checked.json")


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


class Sampled(NamedTuple):
    """A sampled figure: its verdict key (no article text in it) and its sentence."""

    key: str
    context: str


def sample(root: Path) -> list[Sampled]:
    """The sampled figures: held-out articles of every set with summaries."""
    found = []
    for folder in sorted(p for p in root.iterdir() if (p / "summaries").is_dir()):
        for case in load(folder)[1::2]:
            for figure in summarize(case.article).numbers:
                where = f"{folder.name}/{case.name} | {figure.text}"
                order = sha1(f"{where} | {figure.context}")
                found.append(
                    (order, Sampled(f"{where} | {sha1(figure.context)[:12]}", figure.context))
                )
    found.sort()
    return [sampled for _, sampled in found[:SAMPLE]]


def verdicts() -> dict[str, bool]:
    return dict(json.loads(VERDICTS.read_text("utf-8"))["verdicts"]) if VERDICTS.exists() else {}


def precision(root: Path) -> str:
    """'97.0% (97 of 100 checked)' and how many sampled figures await a verdict."""
    checked = verdicts()
    keys = [sampled.key for sampled in sample(root)]
    known = [checked[k] for k in keys if k in checked]
    missing = len(keys) - len(known)
    share = 100 * sum(known) / max(1, len(known))
    note = f", {missing} not yet checked" if missing else ""
    return f"{share:.1f}% ({sum(known)} of {len(known)} checked{note})"


def main(argv: list[str]) -> int:
    root = Path(argv[0])
    if "--unchecked" in argv:
        checked = verdicts()
        for sampled in sample(root):
            if sampled.key not in checked:
                print(json.dumps(sampled.key), sampled.context, sep="\n  ")
        return 0
    print(f"numbers precision on hand-checked held-out figures: {precision(root)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
