"""Load a dev set (articles/ and summaries/ side by side) as our Articles and references."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from digests import Article, read_file


@dataclass(frozen=True)
class Case:
    name: str
    article: Article
    raw: str
    reference: list[str]


def load(folder: Path) -> list[Case]:
    """Every article of a dev set with its reference summary, in name order."""
    cases = []
    for path in sorted((folder / "articles").glob("*.txt")):
        ref = folder / "summaries" / path.name
        reference = [ln.strip() for ln in ref.read_text(encoding="utf-8").splitlines()]
        cases.append(
            Case(
                name=path.stem,
                article=read_file(path),
                raw=path.read_text(encoding="utf-8"),
                reference=[ln for ln in reference if ln],
            )
        )
    return cases


def halves(cases: list[Case]) -> dict[str, list[Case]]:
    """The tuning half (even places in name order), the held-out half (odd places), and all."""
    return {"tune": cases[0::2], "held-out": cases[1::2], "all": cases}
