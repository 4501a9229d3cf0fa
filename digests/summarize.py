"""Condense one Article into a Summary: headline, gist, who, numbers, when, where, key points."""

from __future__ import annotations

from digests import keypoints
from digests.clean import is_furniture
from digests.entities import extract_entities
from digests.errors import ArticleError
from digests.model import Article, Figure, Summary
from digests.numbers import extract_figures
from digests.sentences import split_sentences
from digests.when import find_when
from digests.where import find_where

HEADLINE_CHARS = 150


def summarize(article: Article, points: int | None = None) -> Summary:
    """The Summary of one article; `points` asks for exactly that many key points."""
    if points is not None and points < 1:
        raise ValueError("points must be at least 1")
    sentences = [s for s in split_sentences(article.text) if not is_furniture(s)]
    chosen = keypoints.select(sentences, article.title, points)
    if not chosen:
        raise ArticleError(article.source, "no sentence in the text reads like an article")
    key_points = tuple(sentences[i] for i in chosen)
    gist = sentences[keypoints.gist(chosen, sentences, article.title)]
    entities = extract_entities(article.title, sentences, dateline=article.dateline)
    published = article.published.date() if article.published else None
    when, when_text = find_when(sentences, published)
    return Summary(
        source=article.source,
        headline=article.title or _shorten(gist),
        gist=gist,
        who=tuple(entities),
        numbers=_unique(extract_figures(sentences)),
        when=when,
        when_text=when_text,
        where=tuple(find_where(sentences, entities, article.dateline)),
        key_points=key_points,
    )


def _unique(figures: list[Figure]) -> tuple[Figure, ...]:
    """Each figure once: a figure repeated word for word keeps its first clause."""
    seen: set[str] = set()
    kept = []
    for figure in figures:
        if figure.text not in seen:
            seen.add(figure.text)
            kept.append(figure)
    return tuple(kept)


def _shorten(sentence: str) -> str:
    """A headline for an untitled article: its gist, cut at a word if long."""
    if len(sentence) <= HEADLINE_CHARS:
        return sentence
    return sentence[:HEADLINE_CHARS].rsplit(" ", 1)[0] + "…"
