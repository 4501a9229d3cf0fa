"""Choose an article's key points: central, early, non-redundant sentences in article order."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from digests.sentences import has_open_quote, is_statement

_WORD = re.compile(r"[a-z0-9]+(?:[’'][a-z]+)?")
_DIGIT = re.compile(r"\d")
_OPENING_QUOTES = "\"“‘'"
_CLOSERS = "\"”’')]"
# A sentence opening with one of these leans on the sentence before it: "He asked", "But".
_LEANS_BACK = re.compile(
    r"[\"“‘'(]?(?:he|she|it|they|him|them|his|her|its|their|this|that|these|those|such|but"
    r"|however|yet|also|meanwhile|instead|still|nevertheless|nonetheless|moreover|furthermore"
    r"|besides|and|or|so|then|thus|hence|therefore)\b",
    re.I,
)
STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is
    it its itself just me more most my myself no nor not now of off on once only or other our
    ours ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself
    yourselves said says say told mr mrs ms one two new year years
    """.split()  # noqa: SIM905 (a list would take 150 lines)
)
DEFAULT_POINTS = 3
MAX_POINTS = 5
REDUNDANCY = 0.6
# Weights tuned on the even-numbered half of each dev set (bench/quality.py reports both halves).
CENTRALITY_WEIGHT = 1.0
TOPIC_BIAS = 3.0
TITLE_WEIGHT = 0.3
POSITION_WEIGHT = 2.5
POSITION_DECAY = 0.5
FIGURE_BONUS = 0.3
# a sentence of few content words says little: up to a dozen, each more counts
LENGTH_WEIGHT = 0.2
LENGTH_CAP = 12


def content_words(sentence: str) -> set[str]:
    """The sentence's lower-cased words minus stop words, with a crude plural fold."""
    return {_fold(w) for w in set(_WORD.findall(sentence.lower())) - STOPWORDS if len(w) > 2}


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    return word[:-1] if len(word) > 4 and word[-1] == "s" and word[-2] != "s" else word


def _scores(
    sentences: Sequence[str], bags: Sequence[set[str]], title: str | None, strict: bool = True
) -> list[float]:
    """Each sentence's score; -inf for one that cannot be a point (not a full sentence when
    `strict`, fewer than five words, or half a quotation)."""
    title_words = content_words(title) if title else set()
    # Degree centrality, the sum of a sentence's cosine similarity to every other sentence:
    # sum_j |a & b_j| / sqrt(|a| |b_j|) = sum over a's words w of (weight[w] - share_a) / sqrt(|a|),
    # where weight[w] sums share_j = 1/sqrt(|b_j|) over the sentences j that have w. With a
    # headline, a sentence j on its subject counts more (its cosine to the headline times
    # TOPIC_BIAS), so that a point is central to what the story is about, not to a side
    # thread that many sentences repeat (topic-sensitive LexRank, Otterbacher et al. 2005).
    weight: dict[str, float] = {}
    shares = []
    for bag in bags:
        share = 1 / math.sqrt(len(bag)) if bag else 0.0
        if share and title_words:
            share *= 1 + TOPIC_BIAS * share * len(bag & title_words) / math.sqrt(len(title_words))
        for w in bag:
            weight[w] = weight.get(w, 0.0) + share
        shares.append(share)
    scores = []
    for i, bag in enumerate(bags):
        usable = is_statement(sentences[i]) if strict else sentences[i].count(" ") >= 4
        if not bag or not usable or has_open_quote(sentences[i]):
            scores.append(-math.inf)
            continue
        centrality = sum(weight[w] - shares[i] for w in bag) / math.sqrt(len(bag))
        scores.append(
            CENTRALITY_WEIGHT * centrality
            + TITLE_WEIGHT * len(bag & title_words)
            + POSITION_WEIGHT / (1 + i) ** POSITION_DECAY
            + (FIGURE_BONUS if _DIGIT.search(sentences[i]) else 0.0)
            + LENGTH_WEIGHT * math.log(min(len(bag), LENGTH_CAP))
        )
    return scores


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def select(sentences: Sequence[str], title: str | None, points: int | None = None) -> list[int]:
    """Indices of the key-point sentences in article order: `points` of them, else 3 to 5;
    a page without one full sentence (a table of results) gives its longer lines."""
    bags = [content_words(s) for s in sentences]
    scores = _scores(sentences, bags, title)
    if all(score == -math.inf for score in scores):
        scores = _scores(sentences, bags, title, strict=False)
    usable = sorted(
        (i for i in range(len(sentences)) if scores[i] != -math.inf), key=lambda i: -scores[i]
    )
    want = points if points is not None else _natural_count(len(usable))
    chosen: list[int] = []
    for i in usable:
        _take(i, sentences, scores, chosen, want, lambda j: _novel(bags, chosen, j))
    if points is not None:  # asked for exactly N: fill up with the redundant ones if need be
        for i in usable:
            _take(i, sentences, scores, chosen, want, lambda j: j not in chosen)
    return sorted(chosen)


def _novel(bags: Sequence[set[str]], chosen: list[int], i: int) -> bool:
    return i not in chosen and all(_overlap(bags[i], bags[j]) <= REDUNDANCY for j in chosen)


def _take(
    i: int,
    sentences: Sequence[str],
    scores: Sequence[float],
    chosen: list[int],
    want: int,
    fits: Callable[[int], bool],
) -> None:
    """Choose sentence i if it fits; one that leans on the sentence before it ("He asked")
    comes with that sentence, or not at all."""
    if len(chosen) == want or not fits(i):
        return
    if i == 0 or i - 1 in chosen or not _LEANS_BACK.match(sentences[i]):
        chosen.append(i)
        return
    before = i - 1
    if (
        want - len(chosen) >= 2
        and scores[before] != -math.inf
        and fits(before)
        and (before == 0 or before - 1 in chosen or not _LEANS_BACK.match(sentences[before]))
    ):
        chosen.append(before)
        if fits(i):
            chosen.append(i)
        else:
            chosen.pop()


def _natural_count(usable: int) -> int:
    """3 key points, up to 5 for long articles with many sentences."""
    return max(DEFAULT_POINTS, min(MAX_POINTS, usable // 8))


def gist(chosen: Sequence[int], sentences: Sequence[str], title: str | None) -> int:
    """The chosen sentence that says what happened: the earliest that reports (a scene-setting
    "It was…", a quotation or a question does not), unless a later one is the clear best
    match for the headline."""
    reports = [i for i in chosen if _reports(sentences[i])] or list(chosen)
    if not title:
        return reports[0]
    title_words = content_words(title)
    overlap = {i: len(title_words & content_words(sentences[i])) for i in reports}
    best = max(reports, key=lambda i: (overlap[i], -i))
    return best if overlap[best] >= overlap[reports[0]] + 2 else reports[0]


def _reports(sentence: str) -> bool:
    """Whether a sentence reports on its own: no leaning back, no quotation, no question."""
    return not (
        _LEANS_BACK.match(sentence)
        or sentence[:1] in _OPENING_QUOTES
        or sentence.rstrip(_CLOSERS).endswith("?")
    )
