"""Polite HTTP: one request a second per host, robots.txt, timeouts, caps, no private hops."""

from __future__ import annotations

import ipaddress
import re
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from urllib.robotparser import RobotFileParser

import httpx

from digests.ingest._guards import HostGate, private_kind, refusal, resolve, retry_after
from digests.ingest._network import connect_problem
from digests.ingest._wire import Exchange, Inflater
from digests.ingest.errors import FetchError
from digests.read import decode
from digests.version import USER_AGENT

MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
ROBOTS_MAX_BYTES = 512_000
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
# Browsers read these labels as Windows-1252 (WHATWG); servers mean it that way too.
_WESTERN = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii"})
_MAX_AGE = re.compile(r"(?:^|,)\s*max-age\s*=\s*\"?(\d+)", re.I)

Resolver = Callable[[str, int], list[str]]


@dataclass(frozen=True)
class Fetched:
    """A response: final URL, status, decoded body and the headers a poller keeps."""

    url: str
    status: int
    body: bytes
    content_type: str | None
    charset: str | None
    etag: str | None
    last_modified: str | None
    not_modified: bool = False
    max_age: float | None = None  # Cache-Control max-age, when the server gave one

    def text(self) -> str:
        """The body as text: the declared charset, else UTF-8, else Windows-1252."""
        if self.charset:
            label = self.charset.strip().lower()
            try:
                return self.body.decode("cp1252" if label in _WESTERN else label)
            except (LookupError, UnicodeDecodeError):
                pass
        return decode(self.body, self.url)


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


class PoliteClient:
    """An HTTP client that is a good citizen of the web and safe against hostile servers."""

    def __init__(
        self,
        *,
        allow_private: bool = False,
        min_interval: float = 1.0,
        connect_timeout: float = 10.0,
        read_timeout: float = 15.0,
        deadline: float = 30.0,
        max_bytes: int = MAX_BYTES,
        max_redirects: int = MAX_REDIRECTS,
        user_agent: str = USER_AGENT,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        resolver: Resolver = resolve,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.allow_private = allow_private
        self.user_agent = user_agent
        self._gate = HostGate(min_interval, clock, sleep)
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        self._deadline = deadline
        self._max_bytes = max_bytes
        self._max_redirects = max_redirects
        self._resolve = resolver
        self._robots: dict[str, RobotFileParser] = {}
        self._robots_lock = threading.Lock()
        self._client = httpx.Client(
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
            follow_redirects=False,
            trust_env=False,
            transport=transport
            or httpx.HTTPTransport(limits=httpx.Limits(max_keepalive_connections=0)),
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        check_robots: bool = False,
        allow_private: bool | None = None,
        max_bytes: int | None = None,
    ) -> Fetched:
        """GET `url`, following up to max_redirects redirects; any failure is a FetchError."""
        private_ok = self.allow_private if allow_private is None else allow_private
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen: set[str] = set()
        current = url
        for _ in range(self._max_redirects + 1):
            target = self._target(url, current)
            seen.add(str(target))
            if not private_ok:
                self._guard(url, current, target)
            if check_robots and not self._robots_allow(url, target, private_ok):
                raise FetchError(url, f"robots.txt of {target.host} does not allow newsbot here")
            self._gate.wait(target.host)
            answer = self._exchange(url, target, headers, max_bytes or self._max_bytes, private_ok)
            if isinstance(answer, Fetched):
                return answer
            try:
                current = str(target.join(answer))
            except (httpx.InvalidURL, ValueError, TypeError):
                raise FetchError(url, f"a redirect to an invalid URL: {answer}") from None
            if current in seen:
                raise FetchError(url, f"redirect loop: {current} was visited already")
        raise FetchError(url, f"too many redirects (more than {self._max_redirects})")

    def _target(self, url: str, current: str) -> httpx.URL:
        try:
            target = httpx.URL(current)
        except (httpx.InvalidURL, ValueError, TypeError):
            raise FetchError(url, f"not a valid URL: {current}") from None
        if target.scheme not in ("http", "https"):
            raise FetchError(url, f"only http and https URLs can be fetched, not {current}")
        if not target.host:
            raise FetchError(url, f"the URL {current} has no host")
        return target

    def _guard(self, url: str, current: str, target: httpx.URL) -> None:
        """Refuse a URL whose host resolves to a loopback, private or otherwise local address."""
        host = target.raw_host.decode("ascii").strip("[]")
        port = target.port or (443 if target.scheme == "https" else 80)
        try:
            addresses = [str(ipaddress.ip_address(host))]
        except ValueError:
            addresses = []
        try:
            addresses = addresses or self._resolve(host, port)
        except (OSError, UnicodeError) as exc:
            raise FetchError(url, f"the host {target.host} could not be resolved ({exc})") from exc
        for address in addresses:
            kind = private_kind(address)
            if kind is not None:
                where = "refused" if current == url else f"redirected to {current}; refused"
                raise FetchError(url, f"{where}: {refusal(address, kind)}")

    def _robots_allow(self, url: str, target: httpx.URL, private_ok: bool) -> bool:
        origin = f"{target.scheme}://{target.netloc.decode('ascii')}"
        with self._robots_lock:
            rules = self._robots.get(origin)
        if rules is None:
            rules = RobotFileParser()
            try:
                fetched = self.get(
                    f"{origin}/robots.txt", allow_private=private_ok, max_bytes=ROBOTS_MAX_BYTES
                )
                rules.parse(fetched.body.decode("utf-8", errors="replace").splitlines())
            except FetchError as exc:
                if exc.unreachable:  # the host, not its robots.txt, is the problem
                    raise FetchError(url, exc.problem, unreachable=True) from exc
                if exc.status is None or exc.status >= 500:  # unreachable: RFC 9309 disallows
                    problem = f"robots.txt of {target.host} could not be read ({exc.problem})"
                    raise FetchError(url, problem) from exc
                rules.parse([])  # 4xx: there are no rules, everything is allowed
            with self._robots_lock:
                self._robots[origin] = rules
        return rules.can_fetch(self.user_agent, str(target))

    def _exchange(
        self, url: str, target: httpx.URL, headers: dict[str, str], cap: int, private_ok: bool
    ) -> Fetched | str:
        """One request: a Fetched, or the Location of a redirect."""
        watch = Exchange(self._deadline, private_ok)
        try:
            with (
                watch,
                self._client.stream(
                    "GET", target, headers=headers, extensions={"trace": watch.trace}
                ) as response,
            ):
                return self._answer(url, response, cap, watch)
        except httpx.HTTPError as exc:
            if watch.refused is not None:
                raise FetchError(url, f"refused {target}: {refusal(*watch.refused)}") from None
            if watch.expired:
                raise self._too_slow(url) from None
            if isinstance(exc, httpx.ConnectTimeout):
                problem = f"could not connect within {self._connect_timeout:g} s"
            elif isinstance(exc, httpx.ConnectError):
                raise FetchError(url, connect_problem(exc, target), unreachable=True) from None
            elif isinstance(exc, httpx.TimeoutException):
                problem = f"the server sent nothing for {self._read_timeout:g} s"
            else:
                problem = f"could not download it ({str(exc) or type(exc).__name__})"
            raise FetchError(url, problem) from None

    def _too_slow(self, url: str) -> FetchError:
        return FetchError(url, f"gave up after {self._deadline:g} s: the server is too slow")

    def _answer(
        self, url: str, response: httpx.Response, cap: int, watch: Exchange
    ) -> Fetched | str:
        status = response.status_code
        if status in _REDIRECTS:
            location: str | None = response.headers.get("location")
            if not location:
                raise FetchError(url, f"a redirect (HTTP {status}) without a Location")
            return location
        if status >= 400:
            wait = retry_after(response.headers.get("retry-after"))
            raise FetchError(
                url,
                f"the server answered HTTP {status} {response.reason_phrase}".rstrip(),
                status=status,
                retry_after=wait if status in (429, 503) else None,
            )
        if status != 304 and not 200 <= status < 300:
            raise FetchError(url, f"the server answered HTTP {status}, which newsbot cannot use")
        body = b"" if status == 304 else self._read(url, response, cap, watch)
        asked = response.request.headers if status == 304 else {}  # a 304 may omit them
        max_age = _MAX_AGE.search(response.headers.get("cache-control", ""))
        return Fetched(
            url=str(response.url),
            status=status,
            body=body,
            content_type=response.headers.get("content-type"),
            charset=response.charset_encoding,
            etag=response.headers.get("etag") or asked.get("if-none-match"),
            last_modified=response.headers.get("last-modified") or asked.get("if-modified-since"),
            not_modified=status == 304,
            max_age=float(max_age.group(1)) if max_age else None,
        )

    def _read(self, url: str, response: httpx.Response, cap: int, watch: Exchange) -> bytes:
        """The decoded body, refused as soon as it passes `cap` bytes."""
        coding = response.headers.get("content-encoding", "")
        try:
            inflater = Inflater(coding)
        except ValueError:
            raise FetchError(url, f"unsupported Content-Encoding {coding!r}") from None
        too_large = f"the response is over {_size(cap)}" + (
            " once decompressed" if inflater.coding else ""
        )
        length = response.headers.get("content-length", "")
        if inflater.coding is None and length.isascii() and length.isdigit() and int(length) > cap:
            raise FetchError(url, f"{too_large} ({_size(int(length))} announced)")
        body = bytearray()
        try:
            for chunk in response.iter_raw():
                body += inflater.feed(chunk, cap - len(body))
                if len(body) > cap:
                    raise FetchError(url, too_large)
            if not watch.expired:
                inflater.finish()
        except zlib.error as exc:
            raise FetchError(url, f"the {inflater.coding} body is corrupt ({exc})") from None
        if watch.expired:  # the watchdog cut the connection: what came is not the whole body
            raise self._too_slow(url)
        return bytes(body)
