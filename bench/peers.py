"""The summarizers we measure against: Lead-3, and sumy's LexRank and TextRank on our sentences."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from nltk.tokenize import NLTKWordTokenizer
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.nlp.tokenizers import Tokenizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from digests.sentences import split_sentences


class SameSentencesTokenizer(Tokenizer):  # type: ignore[misc]
    """sumy's tokenizer without NLTK's punkt data: our sentences, NLTK's word tokenizer."""

    def __init__(self) -> None:  # sumy's own __init__ loads punkt data; skip it
        self._language = "english"
        self._words = NLTKWordTokenizer()

    def to_sentences(self, paragraph: str) -> list[str]:
        return split_sentences(paragraph)

    def to_words(self, sentence: str) -> list[str]:
        return [w for w in self._words.tokenize(sentence) if any(c.isalnum() for c in w)]


def lead(sentences: Sequence[str], n: int) -> list[str]:
    return list(sentences[:n])


def sumy_summarizer(
    kind: type, stop_words: bool = False
) -> Callable[[Sequence[str], int], list[str]]:
    """sumy's top-n of the given sentences, in article order; its defaults use no stop list."""
    tokenizer = SameSentencesTokenizer()
    summarizer = kind(Stemmer("english"))
    if stop_words:
        summarizer.stop_words = get_stop_words("english")

    def run(sentences: Sequence[str], n: int) -> list[str]:
        doc = ObjectDocumentModel([Paragraph([Sentence(s, tokenizer) for s in sentences])])
        return [str(s) for s in summarizer(doc, n)]

    return run


def peers() -> dict[str, Callable[[Sequence[str], int], list[str]]]:
    return {
        "Lead-3": lead,
        "LexRank": sumy_summarizer(LexRankSummarizer),
        "TextRank": sumy_summarizer(TextRankSummarizer),
        # not in the peer figures: sumy with its English stop list, for a fuller picture
        "LexRank, stop words": sumy_summarizer(LexRankSummarizer, stop_words=True),
        "TextRank, stop words": sumy_summarizer(TextRankSummarizer, stop_words=True),
    }
