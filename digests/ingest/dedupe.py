"""Dedupe keys: one story per article (canonical URL, text fingerprint), one cluster per event.

`canonical_url` and `fingerprint` find the same article again; `signature`, `similarity` and
`best_cluster` group different outlets' reports of one event.

Canonical URLs. Only http(s) URLs with a host are rewritten; anything else comes back stripped
and otherwise unchanged, and nothing raises. The scheme is kept (the canonical URL is also
the link readers follow, and some sites serve only http), the host is lower-cased and
IDNA-encoded, user info, the scheme's default port, the fragment and tracking parameters
(`utm_*`, `fbclid`, `ref` and the rest of `_TRACKING`) are dropped, the remaining query
parameters are sorted by name (the values of a repeated name keep their order), runs of "/"
collapse and dot segments resolve, and a trailing "/" is dropped from a non-root path (CMSs
serve both). The path keeps its case.

Fingerprints: blake2b-128 of the text's words, case-folded and NFKC-normalised, with every run
of punctuation and whitespace folded to one space, so curly and straight quotes, dashes and
re-wrapped lines do not matter; a changed word does.

Signatures: a bottom-k MinHash (Broder) of the headline and key points. Features are content
words (case-folded, stop words dropped, light suffix stemming, irregular verbs lemmatised) and
numbers ("2,000" = "2000", "5.50" = "5.5", a score "2-1" stays one token), weighted by copies:
a word counts 1, a number 3, a name (capitalised inside a key point) 1 more, a headline term 2
more; the names and figures two outlets share mark one event, the headline says what it is.
A term is hashed once (blake2b: a 32-bit value per copy) and the `SKETCH` smallest values are
kept. Jaccard is estimated as a theta sketch does, from the values below both sketches'
cut-offs; a headline and five key points rarely have more than `SKETCH` features, and then the
estimate is the exact weighted Jaccard. Layout: a version byte, a 1,024-bit filter of the kept
values (best_cluster skips a candidate whose shared bits cannot reach the threshold), then the
values as little-endian uint32. Word 1-shingles, because outlets word one event differently:
on the pairs below, unweighted 3-shingles scored same-event reports 0.00-0.08 and 2-shingles
0.06-0.15, no higher than different events (up to 0.05 and 0.12).

CLUSTER_THRESHOLD = 0.28, from pairs written for it (tests/ingest/test_dedupe.py). Tuning set:
seven events, each in a wire style and a broadcaster's (the Fed holds rates, Liverpool 2-1
City, the Morocco earthquake, Microsoft-Activision, the UK election call, the CrowdStrike
outage, the Trump verdict), score 0.30-0.47; different events, same-topic ones included (other
Fed decisions, other matches, the Turkey earthquake, Microsoft-LinkedIn, the election result,
an AWS outage, Trump's sentencing delay), at most 0.25. Held out (written after the weights and
threshold were chosen): four more events score 0.33-0.41, different events at most 0.26
(Altman fired, and back five days later). Only a recurring decision at the same figures weeks
apart scores above the threshold (a Fed hike and a later hold at 5.25%-5.50%: 0.32; a Bank of
England cut and hold: 0.30-0.34); the caller's time window keeps those apart. Of the 79,800
pairs of the 400 dev summaries (BBC and CNN/DM, as bench/ reads them), 14 reach 0.28: two
duplicated articles, two events told by two outlets (Clarkson's suspension, the Vallejo
kidnapping), seven pairs of one running story (a drugs ban and its appeal, the Greek
sprinters' hearings), and three CNN Student News episodes that share their boilerplate.
"""

from __future__ import annotations

import posixpath
import re
import struct
import sys
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from hashlib import blake2b
from itertools import chain
from operator import itemgetter
from urllib.parse import quote, unquote, urlsplit

import idna

CLUSTER_THRESHOLD = 0.28
SKETCH = 128  # hashes kept per signature
_VERSION = b"\x01"  # bump it when terms or weights change: older signatures then match nothing
_BLOOM_BYTES = 128  # a 1,024-bit filter of the kept hashes
_BLOOM_MASK = _BLOOM_BYTES * 8 - 1
_HEADER = 1 + _BLOOM_BYTES
_MAX_WEIGHT = 5  # a number in the headline
_NO_CUT = 1 << 32
_LITTLE = sys.byteorder == "little"
_FIRST = [itemgetter(slice(0, weight)) for weight in range(_MAX_WEIGHT + 1)]
_BITS = tuple(1 << bit for bit in range(_BLOOM_BYTES * 8))
_TERMS, _NAMES = itemgetter(0), itemgetter(1)

# ---- canonical URLs ------------------------------------------------------------------------

_TRACKING = frozenset(
    """
    fbclid gclid gclsrc dclid gbraid wbraid msclkid yclid twclid ttclid li_fat_id igshid
    mc_cid mc_eid mkt_tok _hsenc _hsmi __hssc __hstc __hsfp hsctatracking vero_id vero_conv
    ref ref_src ref_url referrer cmpid cmp ocid smid smtyp at_medium at_campaign at_custom1
    at_custom2 at_custom3 at_custom4 at_ptr at_link_id at_link_origin at_link_type at_format
    at_bbc_team _ga _gl spm scm wt.mc_id wt_mc_id ncid sr_share oly_anon_id oly_enc_id
    s_cid __twitter_impression rss_source
    """.split()  # noqa: SIM905 (a list would take 60 lines)
)
_HOST = re.compile(r"[a-z0-9_.-]+|\[[0-9a-f:.]+\]")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_PATH_SAFE = "/%:@!$&'()*+,;=~"
_QUERY_SAFE = "/%:@!$'()*+,;=?~"


def canonical_url(url: str) -> str:
    """The dedupe key of a link to an article; the stripped input when it is no http(s) URL."""
    stripped = url.strip()
    try:
        canonical = _canonical(stripped)
        if canonical is not None and _canonical(canonical) == canonical:
            return canonical
    except (ValueError, UnicodeError):
        pass
    return stripped


_DEFAULT_PORTS = {"http": 80, "https": 443}


def _canonical(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = _host(parts.hostname)
    if host is None:
        return None
    scheme = parts.scheme.lower()
    if parts.port not in (None, _DEFAULT_PORTS[scheme]):
        host = f"{host}:{parts.port}"
    path = _path(parts.path)
    query = _query(parts.query)
    return f"{scheme}://{host}{path}{'?' + query if query else ''}"


def _host(hostname: str) -> str | None:
    host = hostname.rstrip(".")
    if ":" in host:  # an IPv6 literal; urlsplit took the brackets off
        host = f"[{host}]"
    elif not host.isascii():
        try:
            host = idna.encode(host, uts46=True).decode("ascii")
        except idna.IDNAError:  # IDNA 2008 refuses some names that browsers take
            host = host.encode("idna").decode("ascii")
    host = host.lower()
    return host if _HOST.fullmatch(host) else None


def _path(path: str) -> str:
    path = re.sub(r"/{2,}", "/", _escapes(path, _PATH_SAFE))
    path = posixpath.normpath(path) if path not in ("", "/") else "/"
    return "/" + path.lstrip("/") if path != "." else "/"


def _query(query: str) -> str:
    pairs = []
    for pair in query.split("&"):
        if not pair:
            continue
        name = unquote(pair.partition("=")[0]).strip()
        if name.lower().startswith("utm_") or name.lower() in _TRACKING:
            continue
        pairs.append((name, _escapes(pair, _QUERY_SAFE)))
    # by name only: a repeated name's values keep their order, which may matter to the site
    return "&".join(pair for _, pair in sorted(pairs, key=lambda p: p[0]))


def _escapes(text: str, safe: str) -> str:
    """Percent-escapes in one form: upper-case hex, unreserved characters decoded."""

    def one(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in _UNRESERVED else "%" + match.group(1).upper()

    return quote(_ESCAPE.sub(one, text), safe=safe)


# ---- fingerprints --------------------------------------------------------------------------

_WORDS = re.compile(r"[^\W_]+")


def fingerprint(text: str) -> str:
    """A hex digest of the text that ignores case, quotes, punctuation and whitespace."""
    words = _WORDS.findall(unicodedata.normalize("NFKC", text).casefold())
    return blake2b(" ".join(words).encode("utf-8"), digest_size=16).hexdigest()


# ---- near-duplicate signatures -------------------------------------------------------------

_STOP = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    said says say told tell mr mrs ms sir dr one two new year years per cent percent may might
    must shall last first next week weeks month months day days time since still even well back
    around according people official officials statement report reported reports news added
    st nd rd th monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
    """.split()  # noqa: SIM905 (a list would take 150 lines)
)
_IRREGULAR = dict(
    pair.split(":")
    for pair in """
    held:hold won:win struck:strike fell:fall fallen:fall rose:rise risen:rise sold:sell
    bought:buy left:leave kept:keep lost:lose ran:run began:begin begun:begin gave:give
    given:give took:take taken:take made:make met:meet paid:pay sent:send spent:spend went:go
    gone:go came:come chose:choose chosen:choose drew:draw drawn:draw led:lead shot:shoot
    stood:stand found:find brought:bring caught:catch fought:fight sought:seek saw:see seen:see
    knew:know known:know grew:grow grown:grow wrote:write written:write sank:sink sunk:sink
    beaten:beat broke:break broken:break flew:fly flown:fly froze:freeze frozen:freeze
    hid:hide hidden:hide slid:slide spoke:speak spoken:speak stole:steal stolen:steal
    swore:swear sworn:swear threw:throw thrown:throw woke:wake woken:wake wore:wear worn:wear
    """.split()  # noqa: SIM905 (a list would take 90 lines)
)
_UNITS = {"bn": "billion", "bln": "billion", "m": "million", "mln": "million", "tn": "trillion"}
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*(?:-\d+(?:[.,]\d+)*)?|[^\W\d_]+(?:'[^\W\d_]+)*")
_ABBREVIATION = re.compile(r"\b(?:[^\W\d_]\.){2,}")  # U.S. -> US
_QUOTES = str.maketrans("‘’‛′`", "'''''")


def signature(headline: str, key_points: Sequence[str]) -> bytes:
    """A MinHash of the headline and key points; no words at all give one that matches nothing."""
    head = set(chain.from_iterable(map(_TERMS, map(_chunk, headline.split()))))
    lines = [list(map(_chunk, text.split())) for text in key_points]
    terms = head.union(*[chain.from_iterable(map(_TERMS, line)) for line in lines])
    # Capitalised past a key point's first word; a title-case headline is no clue.
    names = set(chain.from_iterable(map(_NAMES, chain.from_iterable(li[1:] for li in lines))))
    numbers = {term for term in terms if term[0].isdigit()}
    plain = terms - numbers - names
    hashes: set[int] = set()
    # A term counts 1, a number 3, a name 1 more, a headline term 2 more: its first that many
    # copies. Sets of terms of one weight at a time keep the work in C.
    for weight, some in (
        (1, plain - head),
        (2, names - head),
        (3, plain & head),
        (4, names & head),
        (3, numbers - head),
        (5, numbers & head),
    ):
        hashes.update(*map(_FIRST[weight], map(_copies, some)))
    kept = sorted(hashes)[:SKETCH]
    bloom = sum(map(_BITS.__getitem__, {h & _BLOOM_MASK for h in kept}))
    packed = struct.pack(f"<{len(kept)}I", *kept)
    return _VERSION + bloom.to_bytes(_BLOOM_BYTES, "little") + packed


@lru_cache(maxsize=16384)  # about 5 MB when full
def _chunk(chunk: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The terms of a run of non-space characters, and those of its capitalised words."""
    if not chunk.isascii():
        chunk = unicodedata.normalize("NFKC", chunk).translate(_QUOTES)
    words = [(word, _term(word)) for word in _TOKEN.findall(_ABBREVIATION.sub(_undot, chunk))]
    return (
        tuple(term for _, term in words if term),
        tuple(term for word, term in words if term and word[0].isupper()),
    )


def _undot(match: re.Match[str]) -> str:
    return match.group().replace(".", "")


def _term(word: str) -> str | None:
    """A word's stem (or a number's normal form), None for a stop word."""
    word = word.casefold()
    if word[0].isdigit():
        return "-".join(_number(part) for part in word.split("-"))
    word = word.removesuffix("'s")
    word = _UNITS.get(word, _IRREGULAR.get(word, word))
    if word in _STOP or len(word) < 2:
        return None
    if len(word) > 3:
        if word.endswith("ies") and len(word) > 4:
            word = word[:-3] + "y"
        elif word.endswith("sses"):
            word = word[:-2]
        elif word.endswith("ing") and len(word) > 5:
            word = word[:-3]
        elif word.endswith("ed") and len(word) > 4:
            word = word[:-2]
        elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


def _number(text: str) -> str:
    text = text.replace(",", "")
    return text.rstrip("0").rstrip(".") if "." in text else text


@lru_cache(maxsize=16384)  # about 5 MB when full
def _copies(term: str) -> tuple[int, ...]:
    """The 32-bit hashes of a term's copies: a term of weight w is its first w copies."""
    digest = blake2b(term.encode("utf-8"), digest_size=4 * _MAX_WEIGHT).digest()
    return struct.unpack(f"<{_MAX_WEIGHT}I", digest)


def _unpack(sig: bytes) -> memoryview | tuple[int, ...]:
    """A signature's hashes, ascending; none for an empty or foreign signature."""
    if sig[:1] != _VERSION or len(sig) % 4 != _HEADER % 4 or len(sig) < _HEADER:
        return ()
    if _LITTLE:
        return memoryview(sig)[_HEADER:].cast("I")
    return struct.unpack_from(f"<{(len(sig) - _HEADER) // 4}I", sig, _HEADER)


def similarity(a: bytes, b: bytes) -> float:
    """The estimated Jaccard similarity of two signatures' feature sets, from 0 to 1."""
    first, second = _unpack(a), _unpack(b)
    if not first or not second:
        return 0.0
    return _estimate(set(first), first, second)


def _estimate(members: set[int], first: Sequence[int], second: Sequence[int]) -> float:
    """Jaccard from two sketches, as a theta sketch does: only hashes below both cut-offs count."""
    cut = min(_cutoff(first), _cutoff(second))
    if cut < _NO_CUT:  # a sketch was truncated
        first, second = first[: bisect_right(first, cut)], second[: bisect_right(second, cut)]
        members = set(first)
    common = len(members.intersection(second))
    return common / (len(first) + len(second) - common)


def _cutoff(sketch: Sequence[int]) -> int:
    return sketch[-1] if len(sketch) >= SKETCH else _NO_CUT


def best_cluster(sig: bytes, candidates: Iterable[tuple[int, int, bytes]]) -> int | None:
    """The cluster of the most similar candidate (story, cluster, signature), if similar enough."""
    first = _unpack(sig)
    if not first:
        return None
    members, bloom = set(first), int.from_bytes(sig[1:_HEADER], "little")
    best, best_score = None, CLUSTER_THRESHOLD
    for _, cluster, other in candidates:
        # Each shared hash sets a shared filter bit, and the estimate is at most the shared
        # share of the longer sketch: a cheap bound that rules out nearly every other story.
        size = max(len(first), (len(other) - _HEADER) // 4)
        shared = (bloom & int.from_bytes(other[1:_HEADER], "little")).bit_count()
        if shared < best_score * size or not (second := _unpack(other)):
            continue
        score = _estimate(members, first, second)
        if score > best_score or (best is None and score >= best_score):
            best, best_score = cluster, score
    return best
