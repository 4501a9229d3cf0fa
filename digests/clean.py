"""Strip a scraped news page down to its article: title, dateline and body paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from digests.datelines import dateline as wire_dateline
from digests.datelines import read_date

# Runs of blanks, and of non-word characters, but a lone space, which is already what a run
# becomes: far fewer to replace. A run starts with its class (the engine skips ahead to it)
# and goes on unless it is one space: its first character is none, or a second follows.
_WS = re.compile(
    r"[ \t\u00a0\u2009\u202f](?:(?<! )|(?=[ \t\u00a0\u2009\u202f]))[ \t\u00a0\u2009\u202f]*"
)
_NON_WORDS = re.compile(r"\W(?:(?<! )|(?=\W))\W*")
_CREDIT = re.compile(r"^[^|.!?]{2,60}(?:\s\|\s[^|.!?]{2,60}){1,4}$")
_CREDIT_PREFIX = re.compile(r"^[^|.!?]{2,60}(?:\s\|\s[^|.!?]{2,60}){1,4}\s(?=[A-Z])")
_PHOTO_LINE = re.compile(
    r"^(?:\(?(?:photo|photograph|picture|image|credit)s?(?: credit| source| by)?\s*:"
    r"|image (?:caption|copyright|source)\b|(?:AP|AFP|Reuters|Getty) (?:Photo|Images)\b"
    r"|[A-Z]+/[A-Z][\w .]+$)",
    re.I,
)
_CAPTION_CUE = re.compile(r"^image caption\b[, :]*", re.I)
_BOILERPLATE = re.compile(
    r"^(?:disclosure|disclaimer|editor[’']s note|correction|copyright|all rights reserved|©"
    r"|sign up\b|subscribe\b|follow (?:us|@)|share (?:this|on)\b|click here|advertisement$"
    r"|scroll down for|watch the video|listen to (?:this|the)|read the full\b"
    r"|\(?reporting by|additional reporting|editing by|writing by"
    r"|(?:last )?(?:updated|published|posted)\b[: ]*(?:at |on )?\d|by [\w .’'-]{2,60}$)",
    re.I,
)
# one pattern for the openings and one for anywhere: as one, the openings were tried everywhere
_FURNITURE_OPENING = re.compile(
    r"(?:read more|related|watch|see also|click here"
    r"|scroll down|sign up|subscribe|follow (?:us\b|@|[\w .@]{1,40} on (?:twitter|x|instagram))"
    r"|like us on|share this|this (?:article|story) (?:was|has been|first))\b",
    re.I,
)
_CONTRIBUTED = re.compile(r"contributed (?:to )?(?:this|the) report", re.I)
_PUBLISHED_LINE = re.compile(r"^(?:published|posted)\b", re.I)
_READ_MORE = re.compile(r"^(?:read more|continue reading|more:?|related:?)\s*[:›»>]?$", re.I)
_TRUNCATED = re.compile(r"(?:\[…\]|\[\.\.\.\]|…|\.\.\.)$")
_END_PUNCT = re.compile(r"[.!?:;”\"’')\]]$")
_CLOSERS = "”\"’')]"
_SENTENCE_END = re.compile(r"[.!:;]$")
_DAILY_MAIL_BYLINE = re.compile(
    r"^By \. .{1,80}? \. (?:(?:PUBLISHED|UPDATED): .{1,40}? \. (?:\| \. )?){1,2}", re.S
)
_LEADING_BYLINE = re.compile(r"^(?:By|From) [A-Z][\w .’'-]{1,60}? \. ")
# "(CNN)", "London (Reuters) -", "(Rolling Stone)Kanye": a known agency, or any short
# capitalised tag glued to the first word or followed by a dash ("Apple (AAPL) shares" is not)
_AGENCY_DATELINE = re.compile(
    r"^(?:(?P<place>[A-Z][\w .,’'-]{1,60}?)\s*)?"
    r"(?:\((?:CNN|Reuters|AP|AFP|UPI|Bloomberg|dpa)\)\s*(?:--|—|–|-)?\s*"
    r"|\([A-Z][\w&.’'-]*(?: [A-Z][\w&.’'-]*){0,3}\)(?:\s*(?:--|—|–|-)\s*|(?=[A-Z“\"])))"
)
_CAPS_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Z .,’'-]{2,40}?)\s+(?:--|—|–)\s+(?=[A-Z])")


@dataclass(frozen=True)
class Page:
    """A cleaned page: the title if known, where and when it was filed, the body paragraphs."""

    title: str | None
    dateline: str | None
    body: str
    published: date | None = None


def _norm(line: str) -> str:
    return _NON_WORDS.sub(" ", line).strip().casefold()


def _is_title_like(line: str) -> bool:
    """A short line without a sentence end: a headline, label or subheading."""
    return len(line.split()) <= 25 and not _END_PUNCT.search(line)


def _is_headline(line: str) -> bool:
    """A first line that reads as a headline: short, with no sentence end once closing quotes
    and brackets are set aside ("Divide 'narrowing'", "France v Wales (Sat)", "What now?"),
    or cut short with an ellipsis ("Rivals of the £400 Apple...")."""
    if len(line.split()) > 25:
        return False
    return bool(_TRUNCATED.search(line)) or not _SENTENCE_END.search(line.rstrip(_CLOSERS))


def _is_credit(line: str) -> bool:
    return bool(_CREDIT.match(line) or _PHOTO_LINE.match(line))


def _is_teaser_line(line: str) -> bool:
    """A line of a list of other stories: a title, a cut-short blurb, a credit, "Read More"."""
    return bool(
        _is_title_like(line)
        or _TRUNCATED.search(line)
        or _READ_MORE.match(line)
        or _CREDIT_PREFIX.match(line)
        or _is_credit(line)
    )


def _teaser_start(lines: list[str], first: int) -> int:
    """Index where a trailing list of other stories ("Read More", "[…]") begins.

    The list is the run of teasers' lines (titles, blurbs cut short, credits) that ends the
    page, when it holds a "Read More" or a blurb cut short ("…", "[…]"); a line cut short
    inside the article, or the headline (the lines before `first`), starts no list.
    """
    start = len(lines)
    while start > first and _is_teaser_line(lines[start - 1]):
        start -= 1
    marked = any(_READ_MORE.match(ln) or _TRUNCATED.search(ln) for ln in lines[start:])
    return start if marked else len(lines)


def _strip_prefixes(line: str) -> tuple[str, str | None, date | None]:
    """Drop a leading byline or agency tag from the first body line; return its dateline
    and the date a byline says it was published."""
    byline = _DAILY_MAIL_BYLINE.match(line)
    published = read_date(byline.group()) if byline else None
    line = line[byline.end() :] if byline else line
    line = _LEADING_BYLINE.sub("", line)
    for pattern in (_AGENCY_DATELINE, _CAPS_DATELINE):
        m = pattern.match(line)
        if m:
            place = (m.group("place") or "").strip(" ,") or None
            return line[m.end() :], place, published
    return line, None, published


def _unwrapped(lines: list[str]) -> list[str]:
    """Hard-wrapped text as paragraphs: a line that stops mid-sentence goes on in the next
    line when that one starts in lower case ("The National Bank of Poland / refrained …")."""
    joined: list[str] = []
    for line in lines:
        if joined and line[0].islower() and not _END_PUNCT.search(joined[-1]):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _masthead(lines: list[str], title: str | None) -> tuple[list[str], Page]:
    """The lines after a wire dateline ("LONDON 1996-08-30") and what the lines above say:
    the headline (whatever its last mark), the place and the date; bylines between go."""
    found = wire_dateline(lines)
    if found is None:
        return lines, Page(title, None, "")
    at, after, place, published = found
    if at and title is None:
        title = lines[0]
    elif at and _norm(lines[0]) != _norm(title or ""):
        return lines, Page(title, None, "")
    return lines[after:], Page(title, place, "", published)


def clean_page(text: str, title: str | None = None) -> Page:
    """The article inside a scraped page; `title` is used when the caller knows it."""
    raw = [ln.strip() for ln in _WS.sub(" ", text).replace("\r\n", "\n").split("\n")]
    lines, head = _masthead(_unwrapped([ln for ln in raw if ln]), title)
    title, dateline, published = head.title, head.dateline, head.published
    first = 0
    if title is None and len(lines) > 1 and _is_headline(lines[0]):
        title, first = lines[0], 1
    lines = lines[: _teaser_start(lines, first)]
    title_key = _norm(title) if title else None
    body: list[str] = []
    for i, line in enumerate(lines):
        if title_key and _norm(line) == title_key:
            continue
        if _BOILERPLATE.match(line):
            if published is None and _PUBLISHED_LINE.match(line):
                published = read_date(line)
            continue
        if _is_credit(line):
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if nxt and _CREDIT.match(nxt) and not _CAPTION_CUE.match(line):
            continue  # a photo caption stands right above its credit line
        if _CAPTION_CUE.match(line):
            continue
        if not body:
            line, place, said = _strip_prefixes(line)
            dateline, published = dateline or place, published or said
            if not line:
                continue
        body.append(line)
    return Page(title, dateline, "\n".join(body), published)


def is_furniture(sentence: str) -> bool:
    """A sentence the page adds around the story: credits, prompts, "Read more: …" links."""
    return bool(_FURNITURE_OPENING.match(sentence) or _CONTRIBUTED.search(sentence))
