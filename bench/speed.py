"""Articles per second on one core, and peak memory: ours beside Lead-3 and sumy's LexRank.

Usage: python bench/speed.py DIR [--repeat N]   (DIR: a folder whose articles/ subfolders, or
itself, hold .txt articles, like ../shared/data/dev). Every summarizer starts from the raw
text in memory and gets the same cleaning and sentences; only the choosing differs.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sumy.summarizers.lex_rank import LexRankSummarizer

from bench.peers import lead, sumy_summarizer
from digests import article_from_text, summarize
from digests.sentences import split_sentences

POINTS = 3


def texts(root: Path) -> list[str]:
    files = sorted(root.rglob("articles/*.txt")) or sorted(root.glob("*.txt"))
    return [f.read_text(encoding="utf-8") for f in files]


def summarizers() -> dict[str, Callable[[str], object]]:
    lexrank = sumy_summarizer(LexRankSummarizer)

    def ours(text: str) -> object:
        return summarize(article_from_text(text, "bench"), POINTS)

    def lead3(text: str) -> object:
        return lead(split_sentences(article_from_text(text, "bench").text), POINTS)

    def sumy_lexrank(text: str) -> object:
        return lexrank(split_sentences(article_from_text(text, "bench").text), POINTS)

    return {"newsbot (full Summary)": ours, "Lead-3": lead3, "sumy LexRank": sumy_lexrank}


def rate(fn: Callable[[str], object], articles: list[str], repeat: int) -> float:
    """Articles per second over all the articles: the best of `repeat` runs."""
    fn(articles[0])  # warm caches and lazy loads
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in articles:
            fn(text)
        best = min(best, time.perf_counter() - start)
    return len(articles) / best


def peak_mib(fn: Callable[[str], object], articles: list[str]) -> float:
    tracemalloc.start()
    for text in articles:
        fn(text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    articles = texts(args.dir)
    if not articles:
        print(f"no articles in {args.dir}", file=sys.stderr)
        return 2
    print(f"{len(articles)} articles, one core, best of the repeat runs\n")
    print(f"{'summarizer':<24}{'articles/s':>12}{'x LexRank':>11}{'peak MiB':>10}")
    results = {}
    for name, fn in summarizers().items():
        repeat = 2 if "sumy" in name else args.repeat
        results[name] = (rate(fn, articles, repeat), peak_mib(fn, articles))
    base = results["sumy LexRank"][0]
    for name, (speed, peak) in results.items():
        print(f"{name:<24}{speed:>12.0f}{speed / base:>11.1f}{peak:>10.1f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nprocess peak RSS {rss:.0f} MiB (all of the above, interpreter and libraries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
