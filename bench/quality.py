"""ROUGE of our key points beside Lead-3, LexRank and TextRank; readability; who; numbers.

Usage: python bench/quality.py DIR   (DIR: one dev set with articles/ and summaries/, or a
folder of such sets, like ../shared/data/dev; a set with gold/ instead of summaries/ is
CoNLL-2003, for who). Every summarizer gets the same sentences (ours) and the same budget
of 3; sumy runs with its defaults, as in the issue's peer figures.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from rouge_score import rouge_scorer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import conll, figures
from bench.devset import Case, halves, load
from bench.peers import peers
from bench.readability import dangling, no_report, unbalanced_quote
from digests import ArticleError, Summary, read_file, summarize
from digests.numbers import extract_figures
from digests.sentences import split_sentences

POINTS = 3
_SCORER = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
_SPACE = re.compile(r"\s+")


def rouge(reference: Sequence[str], ours: Sequence[str]) -> tuple[float, float, float]:
    """ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 (in %), one sentence a line."""
    got = _SCORER.score("\n".join(reference), "\n".join(ours))
    return tuple(100 * got[k].fmeasure for k in ("rouge1", "rouge2", "rougeLsum"))  # type: ignore[return-value]


def numbers_recall(case: Case, summary: Summary, verbatim: bool) -> tuple[int, int]:
    """(reference figures found among ours, reference figures); with `verbatim`, only the
    reference figures that the article writes the same way."""
    ours = [f.text for f in summary.numbers]
    wanted = [f.text for f in extract_figures(case.reference)]
    if verbatim:
        wanted = [w for w in wanted if w in case.raw]
    return sum(1 for w in wanted if any(w in o for o in ours)), len(wanted)


def faithful(case: Case, summary: Summary) -> tuple[int, int]:
    """(figures and sentences found verbatim in the article, figures and sentences)."""
    article = _SPACE.sub(" ", case.raw)
    pieces = [f.text for f in summary.numbers] + [summary.gist, *summary.key_points]
    return sum(1 for p in pieces if _SPACE.sub(" ", p) in article), len(pieces)


def mean(rows: list[tuple[float, float, float]]) -> str:
    n = max(1, len(rows))
    return " / ".join(f"{sum(r[k] for r in rows) / n:5.1f}" for k in range(3))


def report(name: str, cases: list[Case]) -> None:
    summaries = {c.name: summarize(c.article, POINTS) for c in cases}
    sentences = {c.name: split_sentences(c.article.text) for c in cases}
    runners: dict[str, Callable[[Case], list[str]]] = {
        "newsbot": lambda c: list(summaries[c.name].key_points)
    }
    for peer, run in peers().items():
        runners[peer] = lambda c, run=run: run(sentences[c.name], POINTS)
    scored = {
        label: {c.name: rouge(c.reference, fn(c)) for c in cases} for label, fn in runners.items()
    }
    print(f"\n== {name}: {len(cases)} articles; ROUGE-1 / ROUGE-2 / ROUGE-Lsum F1 (%)")
    print(f"{'summarizer':<22}" + "".join(f"{h:>24}" for h in halves(cases)))
    for label, per_case in scored.items():
        cells = [mean([per_case[c.name] for c in part]) for part in halves(cases).values()]
        print(f"{label:<22}" + "".join(f"{cell:>24}" for cell in cells))
    print("\nkey points with a dangling opening / an unbalanced quote (share of all key points)")
    for label, fn in runners.items():
        cells = [readability(part, fn) for part in halves(cases).values()]
        print(f"{label:<22}" + "".join(f"{cell:>24}" for cell in cells))
    gists = [(int(no_report(summaries[c.name].gist)), 1) for c in cases]
    print(f"gists that open with a dangling word, a quotation or a question {share(gists)}")
    lost = [headline_lost(c, summaries[c.name]) for c in cases if has_headline(c)]
    if lost:
        print(f"headlines lost {share([(n, 1) for n in lost])}")
    found = [numbers_recall(c, summaries[c.name], verbatim=False) for c in cases]
    written = [numbers_recall(c, summaries[c.name], verbatim=True) for c in cases]
    true = [faithful(c, summaries[c.name]) for c in cases]
    print(f"numbers recall {share(found)} of the reference's figures, {share(written)} of those")
    print("  the article writes as the reference does")
    print(f"faithfulness {share(true)} of our figures, gists and key points found verbatim")


def readability(cases: list[Case], fn: Callable[[Case], list[str]]) -> str:
    """'1.2% / 0.4%': key points with a dangling opening, and with an unbalanced quote."""
    points = dangles = quotes = 0
    for case in cases:
        chosen = fn(case)
        points += len(chosen)
        dangles += len(dangling(case.article.text, chosen))
        quotes += sum(1 for p in chosen if unbalanced_quote(p))
    return f"{100 * dangles / max(1, points):4.1f}% / {100 * quotes / max(1, points):4.1f}%"


def has_headline(case: Case) -> bool:
    """Whether the dev file opens with a headline line and a blank line (BBC's layout)."""
    lines = case.raw.split("\n", 2)
    return len(lines) == 3 and bool(lines[0].strip()) and not lines[1].strip()


def headline_lost(case: Case, summary: Summary) -> int:
    """1 when the file's first line is not our headline, else 0."""
    return int(summary.headline != case.raw.split("\n", 1)[0].strip())


def who_report(folder: Path) -> None:
    """Who against CoNLL-2003's gold names, beside the capitalised-runs baseline."""
    docs = conll.load(folder)

    summaries: dict[str, Summary | None] = {}
    for doc in docs:
        try:
            summaries[doc.name] = summarize(read_file(folder / "articles" / f"{doc.name}.txt"))
        except ArticleError:  # a result table without one sentence
            summaries[doc.name] = None

    def ours(doc: conll.Doc) -> list[tuple[str, conll.EntityKind | None]]:
        summary = summaries[doc.name]
        return [(e.name, e.kind) for e in summary.who] if summary else []

    print(f"\n== {folder.name}: {len(docs)} documents ({sum(d.is_table for d in docs)} result")
    print("tables); who: precision / typed precision / recall of salient gold names / F1 (%)")
    for label, fn in (("newsbot", ours), ("capitalised runs", conll.baseline)):
        for part, tally in conll.report(docs, fn).items():
            print(f"{label:<18}{part:<22}{tally.cells(typed=label == 'newsbot')}")
    when_where(folder, docs, summaries)


def when_where(folder: Path, docs: list[conll.Doc], summaries: dict[str, Summary | None]) -> None:
    """Where and when against the hand-read event of each document, beside baselines: the
    first capitalised run after the headline, and the date the dateline gives."""
    gold = conll.events(folder)
    print("where (our first place is the event's) / when (our date is the event's), % of the")
    print("documents that say; baselines: the first capitalised run, the dateline's date")
    for part, chosen in (("held-out", docs[1::2]), ("all", docs)):
        hits = {"where": [0, 0, 0], "when": [0, 0, 0]}
        for doc in chosen:
            place, day = gold.get(doc.name, (None, None))
            summary = summaries[doc.name]
            if place is not None:
                ours = summary.where[0] if summary and summary.where else None
                hits["where"][0] += conll.same_place(ours, place)
                hits["where"][1] += conll.same_place(conll.first_run(doc), place)
                hits["where"][2] += 1
            if day is not None:
                dated = read_file(folder / "articles" / f"{doc.name}.txt").published
                hits["when"][0] += bool(summary and summary.when == day)
                hits["when"][1] += bool(dated and dated.date() == day)
                hits["when"][2] += 1
        cells = [
            f"{what} {100 * o / max(1, n):5.1f}% (baseline {100 * b / max(1, n):5.1f}%, of {n})"
            for what, (o, b, n) in hits.items()
        ]
        print(f"newsbot {part:<10}" + "   ".join(cells))


def share(counts: list[tuple[int, int]]) -> str:
    """'97.5% (39 of 40)' from (found, of) pairs."""
    found, total = sum(f for f, _ in counts), sum(t for _, t in counts)
    return f"{100 * found / max(1, total):.1f}% ({found} of {total})"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    root = Path(argv[0])
    sets = (
        [root]
        if (root / "articles").is_dir()
        else sorted(p for p in root.iterdir() if (p / "articles").is_dir())
    )
    if not sets:
        print(f"no articles/ folder in {root}", file=sys.stderr)
        return 2
    for folder in sets:
        if (folder / "gold").is_dir():
            who_report(folder)
        else:
            report(folder.name, load(folder))
    if len(sets) > 1:
        print(
            f"\nnumbers precision, 100 held-out figures checked by hand: {figures.precision(root)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
