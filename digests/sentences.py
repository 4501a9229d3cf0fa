"""Paragraph-aware sentence splitting, safe around abbreviations, figures and quotations."""

from __future__ import annotations

from typing import cast

import nupunkt

_CLOSERS = "”\"’')]"
MAX_QUOTED = 4  # sentences one quotation may hold together


def split_sentences(body: str) -> list[str]:
    """The body's sentences in order; a sentence never crosses a paragraph break, and the
    sentences of a quotation inside one paragraph stay one: ‘“No. Never,” she said.’"""
    sentences: list[str] = []
    cursor = 0
    held: list[str] = []
    for chunk in cast(list[str], nupunkt.sent_tokenize(body)):
        at = body.find(chunk, cursor)
        cursor = at + len(chunk) if at >= 0 else cursor
        pieces = [s.strip() for s in chunk.split("\n")]
        for number, piece in enumerate(pieces):
            if piece:
                held.append(piece)
            paragraph_ends = number < len(pieces) - 1 or body[cursor : cursor + 1] in ("\n", "")
            if held and (
                paragraph_ends or len(held) == MAX_QUOTED or not has_open_quote(" ".join(held))
            ):
                sentences.append(" ".join(held))
                held = []
    if held:
        sentences.append(" ".join(held))
    return sentences


def has_open_quote(text: str) -> bool:
    """Whether the text opens or closes a double quote it does not close or open."""
    return text.count('"') % 2 == 1 or text.count("“") != text.count("”")


def is_statement(sentence: str) -> bool:
    """A full sentence worth quoting: ends like one and has at least five words."""
    # a string test, as fast at any length; a final newline is passed over, as a regex's $ is
    ends = sentence.removesuffix("\n").rstrip(_CLOSERS).endswith((".", "!", "?"))
    return ends and sentence.count(" ") >= 4
