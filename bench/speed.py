"""Articles per second on one core, and peak memory: ours beside Lead-3 and sumy's LexRank.

Usage: python bench/speed.py DIR [--repeat N]   (DIR: a folder whose articles/ subfolders, or
itself, hold .txt articles, like ../shared/data/dev). Every summarizer starts from the raw
text in memory and gets the same cleaning and sentences; only the choosing differs.

Then whole processes, as a user runs them: `newsbot summarize --json` of 200 files (the
held-out half) beside a process that reads them and runs sumy's LexRank, and `newsbot
summarize` of one article. Bytecode is cached for them, as an installed package has it.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
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


def paths(root: Path) -> list[Path]:
    """The articles of the dev sets with reference summaries (BBC, CNN/DM), or of a folder."""
    found = [p for p in root.rglob("articles/*.txt") if (p.parents[1] / "summaries").is_dir()]
    return sorted(found) or sorted(root.glob("*.txt"))


def texts(root: Path) -> list[str]:
    return [f.read_text(encoding="utf-8") for f in paths(root)]


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


# The peer as a whole process: read the files, our cleaning and sentences, LexRank's choice.
_LEXRANK_PROCESS = """
import sys
from pathlib import Path
from sumy.summarizers.lex_rank import LexRankSummarizer
from bench.peers import sumy_summarizer
from digests import read_file
from digests.sentences import split_sentences
lexrank = sumy_summarizer(LexRankSummarizer)
for name in sys.argv[1:]:
    print(lexrank(split_sentences(read_file(Path(name)).text), 3))
"""


def seconds(command: list[str], repeat: int) -> float:
    """The best wall time of `repeat` runs of a command (after one to warm the caches)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1])
    best = float("inf")
    for _ in range(repeat + 1):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        best = min(best, time.perf_counter() - start)
    return best


def whole_processes(files: list[Path], repeat: int) -> None:
    """Whole processes, start-up included: 200 articles beside LexRank, and one article."""
    names = [str(f) for f in files[1::2][:200]]
    ours = seconds([sys.executable, "-m", "bot", "summarize", "--json", *names], repeat)
    lexrank = seconds([sys.executable, "-c", _LEXRANK_PROCESS, *names], 2)
    one = seconds([sys.executable, "-m", "bot", "summarize", names[0]], repeat * 2)
    one_json = seconds([sys.executable, "-m", "bot", "summarize", "--json", names[0]], repeat * 2)
    start = seconds([sys.executable, "-c", "pass"], repeat * 2)
    print(f"\nwhole processes, one core, best of the repeat runs ({len(names)} articles)")
    print(f"{'process':<46}{'s':>8}{'x LexRank':>11}")
    print(f"{'newsbot summarize --json, the articles':<46}{ours:>8.2f}{lexrank / ours:>11.1f}")
    print(f"{'sumy LexRank, the same articles':<46}{lexrank:>8.2f}{1:>11.1f}")
    print(f"{'newsbot summarize, one article':<46}{one:>8.3f}")
    print(f"{'newsbot summarize --json, one article':<46}{one_json:>8.3f}")
    print(f"{'python -c pass (the interpreter alone)':<46}{start:>8.3f}")


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
    whole_processes(paths(args.dir), args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
