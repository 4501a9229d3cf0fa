"""PoliteClient against a real loopback server: politeness, caps, timeouts, hostile answers."""

from __future__ import annotations

import socket
import threading
import tracemalloc
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import httpx
import pytest

from digests.errors import DigestError
from digests.ingest._guards import HostGate, private_kind, retry_after
from digests.ingest._network import connect_problem
from digests.ingest.errors import FetchError
from digests.ingest.http import Fetched, PoliteClient
from digests.version import USER_AGENT
from tests.support.clocks import FakeClock
from tests.support.feed_samples import gzip_of_zeros
from tests.support.loopback import Loopback, drip, respond, stream


@pytest.fixture()
def client() -> Iterator[PoliteClient]:
    with PoliteClient(
        allow_private=True, min_interval=0, connect_timeout=2, read_timeout=2, deadline=5
    ) as polite:
        yield polite


def test_a_get_sends_newsbots_user_agent_and_returns_the_body(
    loopback: Loopback, client: PoliteClient
) -> None:
    loopback.serve("/a", b"hello", content_type="text/html; charset=utf-8")
    fetched = client.get(loopback.url("/a"))
    assert (fetched.status, fetched.body, fetched.charset) == (200, b"hello", "utf-8")
    assert fetched.content_type == "text/html; charset=utf-8"
    assert fetched.url == loopback.url("/a") and not fetched.not_modified
    assert loopback.headers("/a")["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("newsbot/")


def test_fetch_errors_are_digest_errors_naming_url_and_problem(
    loopback: Loopback, client: PoliteClient
) -> None:
    with pytest.raises(FetchError) as caught:
        client.get(loopback.url("/missing"))
    error = caught.value
    assert isinstance(error, DigestError)
    assert error.url == loopback.url("/missing") and error.status == 404
    assert "HTTP 404" in error.problem and "\n" not in str(error)


@pytest.mark.parametrize("url", ["ftp://example.com/feed", "file:///etc/passwd", "not a url"])
def test_only_http_and_https_urls_are_fetched(client: PoliteClient, url: str) -> None:
    with pytest.raises(FetchError, match="http and https"):
        client.get(url)


# --- one request a second per host -------------------------------------------------------


def test_two_requests_to_one_host_are_spaced_by_the_interval(
    loopback: Loopback, clock: FakeClock
) -> None:
    loopback.serve("/a", b"a")
    with PoliteClient(allow_private=True, min_interval=1.0, clock=clock, sleep=clock.sleep) as c:
        c.get(loopback.url("/a"))
        c.get(loopback.url("/a"))
        c.get(loopback.url("/a"))
    assert clock.sleeps == [1.0, 1.0]


def test_requests_to_two_hosts_do_not_wait_for_each_other(
    loopback: Loopback, clock: FakeClock
) -> None:
    loopback.serve("/a", b"a")
    with PoliteClient(allow_private=True, min_interval=1.0, clock=clock, sleep=clock.sleep) as c:
        c.get(loopback.url("/a", host="127.0.0.1"))
        c.get(loopback.url("/a", host="localhost"))
    assert clock.sleeps == []


def test_a_host_that_was_quiet_long_enough_is_not_waited_for(clock: FakeClock) -> None:
    gate = HostGate(1.0, clock, clock.sleep)
    gate.wait("a.example")
    clock.now += 5
    gate.wait("a.example")
    gate.wait("a.example")
    assert clock.sleeps == [1.0]


def test_the_gate_gives_each_thread_its_own_slot() -> None:
    clock = FakeClock(advance=False)
    gate = HostGate(0.5, clock, clock.sleep)
    threads = [threading.Thread(target=gate.wait, args=("one.example",)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(clock.sleeps) == [0.5 * n for n in range(1, 8)]


# --- redirects -----------------------------------------------------------------------------


def test_redirects_are_followed_and_the_final_url_reported(
    loopback: Loopback, client: PoliteClient
) -> None:
    loopback.redirect("/old", "/new", status=301)
    loopback.redirect("/new", loopback.url("/final"), status=307)
    loopback.serve("/final", b"here")
    fetched = client.get(loopback.url("/old"))
    assert (fetched.body, fetched.url) == (b"here", loopback.url("/final"))


def test_a_redirect_loop_is_an_error(loopback: Loopback, client: PoliteClient) -> None:
    loopback.redirect("/loop/a", "/loop/b")
    loopback.redirect("/loop/b", "/loop/a")
    with pytest.raises(FetchError, match="redirect loop"):
        client.get(loopback.url("/loop/a"))
    assert loopback.paths() == ["/loop/a", "/loop/b"]


def test_more_than_five_redirects_is_an_error(loopback: Loopback, client: PoliteClient) -> None:
    for n in range(10):
        loopback.redirect(f"/hop/{n}", f"/hop/{n + 1}")
    with pytest.raises(FetchError, match=r"too many redirects \(more than 5\)"):
        client.get(loopback.url("/hop/0"))
    assert len(loopback.paths()) == 6


# --- size caps and compression ------------------------------------------------------------


def _fifty_megabytes(req: BaseHTTPRequestHandler, announce: bool) -> None:
    size, block = 50_000_000, b"x" * 65536
    headers = {"Content-Type": "application/xml"}
    if announce:
        headers["Content-Length"] = str(size)
    stream(req, (block for _ in range(size // len(block))), headers)


def test_a_50_mb_body_is_refused_from_its_content_length(loopback: Loopback) -> None:
    loopback.route("/big", lambda req: _fifty_megabytes(req, announce=True))
    with (
        PoliteClient(allow_private=True, min_interval=0, max_bytes=1_000_000) as c,
        pytest.raises(FetchError, match=r"over 1\.0 MB \(50\.0 MB announced\)"),
    ):
        c.get(loopback.url("/big"))


def test_a_50_mb_body_without_a_length_stops_at_the_cap(loopback: Loopback) -> None:
    loopback.route("/big", lambda req: _fifty_megabytes(req, announce=False))
    with (
        PoliteClient(allow_private=True, min_interval=0, max_bytes=1_000_000) as c,
        pytest.raises(FetchError, match=r"the response is over 1\.0 MB"),
    ):
        c.get(loopback.url("/big"))


def test_a_gzip_bomb_stops_at_the_cap_without_inflating_it_all(loopback: Loopback) -> None:
    bomb = gzip_of_zeros(50_000_000)
    assert len(bomb) < 100_000
    headers = {"Content-Encoding": "gzip", "Content-Type": "application/xml"}
    loopback.route("/bomb", lambda req: respond(req, 200, bomb, headers))
    with PoliteClient(allow_private=True, min_interval=0, max_bytes=1_000_000) as c:
        tracemalloc.start()
        try:
            with pytest.raises(FetchError, match=r"over 1\.0 MB once decompressed"):
                c.get(loopback.url("/bomb"))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 10_000_000  # the whole bomb would be 50 MB


@pytest.mark.parametrize("coding", ["gzip", "deflate", "raw-deflate"])
def test_compressed_bodies_are_decoded(
    loopback: Loopback, client: PoliteClient, coding: str
) -> None:
    text = b"<rss>" + b"news " * 2000 + b"</rss>"
    wbits = {"gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS, "raw-deflate": -15}[coding]
    z = zlib.compressobj(6, zlib.DEFLATED, wbits)
    body = z.compress(text) + z.flush()
    header = coding.removeprefix("raw-")
    loopback.route("/z", lambda req: respond(req, 200, body, {"Content-Encoding": header}))
    assert client.get(loopback.url("/z")).body == text
    assert "gzip" in loopback.headers("/z")["accept-encoding"]


def test_a_truncated_gzip_body_is_an_error(loopback: Loopback, client: PoliteClient) -> None:
    body = gzip_of_zeros(100_000)[:-12]
    loopback.route("/cut", lambda req: respond(req, 200, body, {"Content-Encoding": "gzip"}))
    with pytest.raises(FetchError, match="gzip body is corrupt"):
        client.get(loopback.url("/cut"))


def test_an_unknown_content_encoding_is_an_error(loopback: Loopback, client: PoliteClient) -> None:
    loopback.route("/br", lambda req: respond(req, 200, b"??", {"Content-Encoding": "br"}))
    with pytest.raises(FetchError, match="unsupported Content-Encoding 'br'"):
        client.get(loopback.url("/br"))


# --- slow and silent servers --------------------------------------------------------------


def test_a_slow_drip_body_is_cut_off_at_the_deadline(loopback: Loopback) -> None:
    headers = {"Content-Length": "1000", "Content-Type": "text/plain"}
    loopback.route("/drip", lambda req: stream(req, drip(b"x" * 1000, 0.02), headers))
    with (
        PoliteClient(allow_private=True, min_interval=0, read_timeout=5, deadline=0.3) as c,
        pytest.raises(FetchError, match=r"gave up after 0\.3 s"),
    ):
        c.get(loopback.url("/drip"))


def test_slow_drip_headers_are_cut_off_at_the_deadline(loopback: Loopback) -> None:
    def handler(req: BaseHTTPRequestHandler) -> None:
        req.wfile.write(b"HTTP/1.1 200 OK\r\n")
        for byte in drip(b"X-Slow: " + b"y" * 1000 + b"\r\n\r\n", 0.02):
            req.wfile.write(byte)
            req.wfile.flush()

    loopback.route("/slow-headers", handler)
    with (
        PoliteClient(allow_private=True, min_interval=0, read_timeout=5, deadline=0.3) as c,
        pytest.raises(FetchError, match=r"gave up after 0\.3 s"),
    ):
        c.get(loopback.url("/slow-headers"))


def test_a_silent_server_hits_the_read_timeout(loopback: Loopback) -> None:
    loopback.route("/silent", lambda req: stream(req, drip(b"x", 1.0, limit=2), {}))
    with (
        PoliteClient(allow_private=True, min_interval=0, read_timeout=0.1, deadline=5) as c,
        pytest.raises(FetchError, match=r"sent nothing for 0\.1 s"),
    ):
        c.get(loopback.url("/silent"))


# --- charsets -------------------------------------------------------------------------------


def test_text_uses_the_declared_charset(loopback: Loopback, client: PoliteClient) -> None:
    loopback.serve("/k", "Привет".encode("koi8-r"), content_type="text/plain; charset=koi8-r")
    assert client.get(loopback.url("/k")).text() == "Привет"


def test_a_wrong_utf8_declaration_falls_back_to_windows_1252(
    loopback: Loopback, client: PoliteClient
) -> None:
    loopback.serve("/w", b"\x93Caf\xe9\x94 costs \x805", content_type="text/html; charset=utf-8")
    assert client.get(loopback.url("/w")).text() == "“Café” costs €5"


def test_iso_8859_1_is_read_as_windows_1252_like_browsers_do(
    loopback: Loopback, client: PoliteClient
) -> None:
    loopback.serve("/l", b"\x93Caf\xe9\x94", content_type="text/html; charset=ISO-8859-1")
    assert client.get(loopback.url("/l")).text() == "“Café”"


def test_an_unknown_charset_label_does_not_crash(loopback: Loopback, client: PoliteClient) -> None:
    loopback.serve("/u", "naïve".encode(), content_type="text/plain; charset=x-no-such-thing")
    assert client.get(loopback.url("/u")).text() == "naïve"


def test_text_without_a_charset_is_utf8_else_windows_1252() -> None:
    def fetched(body: bytes) -> Fetched:
        return Fetched("http://x.example/", 200, body, None, None, None, None)

    assert fetched("naïve".encode()).text() == "naïve"
    assert fetched(b"na\xefve").text() == "naïve"


# --- conditional GET, errors and Retry-After --------------------------------------------


def test_conditional_get_reports_not_modified(loopback: Loopback, client: PoliteClient) -> None:
    etag, modified = '"v1"', "Tue, 24 Nov 2026 06:00:00 GMT"

    def handler(req: BaseHTTPRequestHandler) -> None:
        if req.headers.get("If-None-Match") == etag:
            respond(req, 304, b"", {"ETag": etag})
        else:
            respond(req, 200, b"<rss/>", {"ETag": etag, "Last-Modified": modified})

    loopback.route("/feed", handler)
    first = client.get(loopback.url("/feed"))
    assert (first.etag, first.last_modified, first.not_modified) == (etag, modified, False)
    again = client.get(loopback.url("/feed"), etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.status == 304 and again.body == b""
    sent = loopback.headers("/feed")
    assert (sent["if-none-match"], sent["if-modified-since"]) == (etag, modified)


def test_a_bare_304_keeps_the_validators_that_were_sent(
    loopback: Loopback, client: PoliteClient
) -> None:
    loopback.serve("/feed", b"", status=304)
    again = client.get(loopback.url("/feed"), etag='"v7"', last_modified="Mon, 01 Jan 2026")
    assert again.not_modified and (again.etag, again.last_modified) == ('"v7"', "Mon, 01 Jan 2026")


def test_if_modified_since_alone_gets_a_304(loopback: Loopback, client: PoliteClient) -> None:
    modified = "Tue, 24 Nov 2026 06:00:00 GMT"

    def handler(req: BaseHTTPRequestHandler) -> None:
        same = req.headers.get("If-Modified-Since") == modified
        respond(req, 304 if same else 200, b"" if same else b"new", {"Last-Modified": modified})

    loopback.route("/feed", handler)
    assert client.get(loopback.url("/feed"), last_modified=modified).not_modified


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_is_recorded_on_the_error(
    loopback: Loopback, client: PoliteClient, status: int
) -> None:
    loopback.serve("/busy", b"slow down", status=status, headers={"Retry-After": "120"})
    with pytest.raises(FetchError, match=f"HTTP {status}") as caught:
        client.get(loopback.url("/busy"))
    assert (caught.value.status, caught.value.retry_after) == (status, 120.0)


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert retry_after("30") == 30.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past: no wait
    far = retry_after("Fri, 31 Dec 2999 23:59:59 GMT")
    assert far is not None and far > 1e9
    assert retry_after("soon") is None and retry_after(None) is None
    assert retry_after("²") is None  # str.isdigit() takes it; float() does not


def test_a_hostile_retry_after_is_no_wait_not_a_crash(
    loopback: Loopback, client: PoliteClient
) -> None:
    loopback.serve("/busy", b"slow down", status=429, headers={"Retry-After": "\u00b2"})
    with pytest.raises(FetchError, match="HTTP 429") as caught:
        client.get(loopback.url("/busy"))
    assert caught.value.retry_after is None


def test_cache_control_max_age_is_reported(loopback: Loopback, client: PoliteClient) -> None:
    loopback.serve("/c", b"x", headers={"Cache-Control": "public, max-age=600"})
    assert client.get(loopback.url("/c")).max_age == 600.0


# --- robots.txt -------------------------------------------------------------------------------


def test_robots_txt_is_honoured_for_article_pages(loopback: Loopback, client: PoliteClient) -> None:
    loopback.serve("/robots.txt", b"User-agent: *\nDisallow: /private/\n")
    loopback.serve("/private/page", b"secret")
    loopback.serve("/public/page", b"open")
    with pytest.raises(FetchError, match=r"robots.txt .* does not allow"):
        client.get(loopback.url("/private/page"), check_robots=True)
    assert client.get(loopback.url("/public/page"), check_robots=True).body == b"open"
    assert client.get(loopback.url("/private/page")).body == b"secret"  # a feed: no check
    assert loopback.paths().count("/robots.txt") == 1  # cached for the client's lifetime
    assert "/private/page" in loopback.paths()[-1:]


def test_robots_rules_for_newsbot_by_name_apply(loopback: Loopback, client: PoliteClient) -> None:
    loopback.serve("/robots.txt", b"User-agent: newsbot\nDisallow: /\n\nUser-agent: *\nAllow: /\n")
    loopback.serve("/page", b"x")
    with pytest.raises(FetchError, match="does not allow"):
        client.get(loopback.url("/page"), check_robots=True)


def test_a_missing_robots_txt_allows_everything(loopback: Loopback, client: PoliteClient) -> None:
    loopback.serve("/page", b"x")
    assert client.get(loopback.url("/page"), check_robots=True).body == b"x"


def test_a_failing_robots_txt_keeps_newsbot_out(loopback: Loopback, client: PoliteClient) -> None:
    loopback.serve("/robots.txt", b"oops", status=500)
    loopback.serve("/page", b"x")
    with pytest.raises(FetchError, match=r"robots.txt .* could not be read"):
        client.get(loopback.url("/page"), check_robots=True)
    assert "/page" not in loopback.paths()


# --- private addresses ----------------------------------------------------------------------


class _Internet(httpx.BaseTransport):
    """A transport where public.example answers with a redirect, rebind.example lands on
    loopback, and every other request goes to the real network (loopback)."""

    def __init__(self, port: int) -> None:
        self._port = port
        self._real = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.host == "public.example":
            location = f"http://127.0.0.1:{self._port}/secret"
            return httpx.Response(302, headers={"Location": location})
        if request.url.host == "rebind.example":
            request.url = request.url.copy_with(host="127.0.0.1", port=self._port)
        return self._real.handle_request(request)

    def close(self) -> None:
        self._real.close()


def _public(host: str, port: int) -> list[str]:
    return ["93.184.216.34"]


def test_a_private_address_is_refused_unless_allowed(loopback: Loopback) -> None:
    loopback.serve("/secret", b"internal")
    with PoliteClient(min_interval=0) as c:
        assert c.allow_private is False
        with pytest.raises(FetchError, match=r"127.0.0.1 is loopback.*ALLOW_PRIVATE_URLS=true"):
            c.get(loopback.url("/secret"))
        assert c.get(loopback.url("/secret"), allow_private=True).body == b"internal"
    assert loopback.paths() == ["/secret"]


def test_a_name_resolving_to_a_private_address_is_refused(loopback: Loopback) -> None:
    with PoliteClient(min_interval=0) as c, pytest.raises(FetchError, match="loopback"):
        c.get(loopback.url("/secret", host="localhost"))
    assert loopback.paths() == []


def test_a_redirect_to_a_private_address_is_refused(loopback: Loopback) -> None:
    loopback.serve("/secret", b"internal")
    with (
        PoliteClient(min_interval=0, resolver=_public, transport=_Internet(loopback.port)) as c,
        pytest.raises(FetchError, match=r"redirected to http://127.0.0.1.*is loopback"),
    ):
        c.get("http://public.example/story")
    assert loopback.paths() == []


def test_a_name_that_rebinds_to_loopback_is_refused_at_connect(loopback: Loopback) -> None:
    loopback.serve("/secret", b"internal")
    with (
        PoliteClient(min_interval=0, resolver=_public, transport=_Internet(loopback.port)) as c,
        pytest.raises(FetchError, match=r"127.0.0.1 is loopback"),
    ):
        c.get("http://rebind.example/secret")
    assert loopback.paths() == []


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.1", "private"),
        ("172.16.5.4", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::ffff:127.0.0.1", "loopback"),
        ("100.64.0.1", "not globally routable"),
        ("240.0.0.1", "reserved"),
        ("93.184.216.34", None),
        ("2606:2800:220:1:248:1893:25c8:1946", None),
    ],
)
def test_address_kinds(address: str, kind: str | None) -> None:
    assert private_kind(address) == kind


def test_a_name_that_cannot_be_looked_up_is_said_to_be_the_network_or_the_host() -> None:
    lookup = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    failed = httpx.ConnectError("[Errno -2] Name or service not known")
    failed.__cause__ = lookup
    said = connect_problem(failed, httpx.URL("https://news.example/a"))
    assert said == (
        "the name news.example could not be looked up (Name or service not known): "
        "no network, or no such host"
    )
