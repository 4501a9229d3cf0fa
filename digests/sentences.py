"""Paragraph-aware sentence splitting, safe around abbreviations and figures."""

from __future__ import annotations

import re
from typing import cast

import nupunkt

_SENTENCE_END = re.compile(r"[.!?][”\"’')\]]*$")


def split_sentences(body: str) -> list[str]:
    """The body's sentences in order; a sentence never crosses a paragraph break."""
    sentences: list[str] = []
    for chunk in cast(list[str], nupunkt.sent_tokenize(body)):
        sentences.extend(s.strip() for s in chunk.split("\n") if s.strip())
    return sentences


def is_statement(sentence: str) -> bool:
    """A full sentence worth quoting: ends like one and has at least five words."""
    return bool(_SENTENCE_END.search(sentence)) and sentence.count(" ") >= 4
