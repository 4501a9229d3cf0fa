"""Text cut to size: at line breaks, then spaces; never inside a word, an entity or a <token>."""

from __future__ import annotations

import re

# A word: a run of non-spaces, where a Slack <token> (link, mention, date) counts as one
# character, so the spaces inside `<https://x|two words>` do not end it.
_WORD = re.compile(r"(?:<[^<>]*>|[^ ])+")
# A word's parts: its tokens, the text between them, and a lone < that opens no token.
_PART = re.compile(r"<[^<>]*>|[^<]+|<")
_TOKEN = re.compile(r"<[^<>]*>")
_ENTITY = re.compile(r"&(?:amp|lt|gt);")  # what escape.mrkdwn writes; never cut in two
# control characters but tab and line break: invisible, and 6 characters each in JSON
_CONTROL = dict.fromkeys([*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)])


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, cut at line breaks, else at spaces; never inside a
    word or a Slack <token> unless that word or token alone is longer than `limit`.

    The separators cut at are dropped; pieces of only whitespace are left out.
    """
    if limit < 1:
        raise ValueError(f"a piece must hold at least 1 character, not {limit}")
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        if current and len(current) + 1 + len(line) <= limit:
            current += "\n" + line
            continue
        if current:
            pieces.append(current)
        current = line if len(line) <= limit else ""
        if current or not line:
            continue
        for word in _WORD.findall(line):
            if current and len(current) + 1 + len(word) <= limit:
                current += " " + word
                continue
            if current:
                pieces.append(current)
            *whole, current = _cut_word(word, limit)
            pieces.extend(whole)
    pieces.append(current)
    return [piece for piece in pieces if piece.strip()] or [""]


def _cut_word(word: str, limit: int) -> list[str]:
    """`word` in pieces of at most `limit`: tokens kept whole where they fit in a piece."""
    if len(word) <= limit:
        return [word]
    pieces: list[str] = []
    current = ""
    for part in _PART.findall(word):
        if len(current) + len(part) <= limit:
            current += part
            continue
        if len(part) <= limit and _TOKEN.fullmatch(part):
            pieces.append(current)
            current = part
            continue
        current += part  # text, or a token longer than any piece: cut where it must be
        while len(current) > limit:
            at = hard_cut(current, limit)
            pieces.append(current[:at])
            current = current[at:]
    pieces.append(current)
    return [piece for piece in pieces if piece]


def hard_cut(text: str, limit: int) -> int:
    """Where to cut `text` to at most `limit` characters without cutting an &entity; in two."""
    start = text.rfind("&", max(0, limit - 4), limit)
    if start > 0:
        entity = _ENTITY.match(text, start)
        if entity and entity.end() > limit:
            return start
    return limit


def shorten(text: str, limit: int) -> str:
    """Outside `text` without control characters, cut at a word to at most `limit` characters,
    with … when cut; "" when `limit` is 0."""
    if limit < 1:
        return ""
    head = text[: 2 * limit].translate(_CONTROL)  # a huge text is read no further than needed
    if len(head) <= limit and len(text) <= 2 * limit:
        return head
    cut = head[: limit - 1].rsplit(" ", 1)[0].rstrip()
    return (cut or head[: limit - 1]) + "…"


def clip(text: str, limit: int) -> str:
    """mrkdwn `text` cut as split_text cuts it, to at most `limit` characters, with … when cut."""
    text = text.strip()
    if len(text) <= limit:
        return text
    return split_text(text, max(limit - 1, 1))[0].rstrip() + "…"


def plain(text: str) -> str:
    """mrkdwn `text` with the bold and code marks our own sentences use taken out."""
    return text.replace("*", "").replace("`", "")
