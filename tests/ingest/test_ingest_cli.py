"""`newsbot ingest`, `feeds`, `search` and `story` as an admin runs them, against loopback."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar, Protocol

import pytest
from click.testing import CliRunner

from bot.cli import main
from digests.ingest import pipeline
from digests.ingest.http import PoliteClient
from digests.ingest.pipeline import Ingestor
from digests.store import Store

NOW = datetime.now(UTC)
BRIDGE = (
    "The city council approved £12m of repairs to the harbour bridge on Monday, ending a "
    "two-year dispute over who should pay. Engineers will replace 40 steel cables and resurface "
    "the 600-metre deck, council leader Gerald Vernon-Jackson said. About 30,000 vehicles a day "
    "cross the bridge, which will close for eight months from March. Shops near the crossing "
    "said they feared losing trade while it is shut, and the council promised a free shuttle "
    "bus for residents of the island for the whole closure."
)
STRIKE = (
    "Rail workers will strike for 48 hours from Friday after talks over pay collapsed, the RMT "
    "union said. General secretary Mick Lynch said members had rejected a 3% offer. Network "
    "Rail said it would run about half of its usual services during the walkout. Passengers "
    "were advised to travel only if they must and to check before setting out, while the "
    "government said the offer on the table was fair and urged the union to return to talks."
)
PAGE = (
    "<!doctype html><html><head><title>Storm closes ports</title></head><body>"
    "<nav><a href='/'>Home</a></nav><article><h1>Storm closes ports</h1>"
    "<p>Storm Darragh closed ports across Wales on Saturday as gusts of 93mph hit the coast, the "
    "Met Office said.</p><p>About 200,000 homes lost power, Energy Networks Association said.</p>"
    "<p>Ferries between Holyhead and Dublin were cancelled until Sunday.</p></article>"
    "</body></html>"
)


def _rss(items: list[tuple[str, str, str, datetime]]) -> str:
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>{format_datetime(when)}</pubDate><description>{text}</description></item>"
        for t, link, text, when in items
    )
    channel = f"<channel><title>Town News</title>{body}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'


# a feed whose titles would retitle the admin's terminal window (ESC ] 0; … BEL), paint it red
# (ESC [31m) and clear the screen (a character reference to ESC, then [2J)
HOSTILE_FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel>'
    "<title>\x1b]0;owned\x07Evil \x1b[31mNews</title>"
    "<item><title>Vote &#x1b;[2Jon the bridge\x9b31m</title><link>{base}/vote</link>"
    f"<pubDate>{format_datetime(NOW)}</pubDate><description>{BRIDGE}</description></item>"
    "</channel></rss>"
)
TERMINAL_CONTROLS = ("\x1b", "\x07", "\x9b")


class _Site(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, str]]] = {}
    dynamic: ClassVar[dict[str, Callable[[], tuple[int, str, str]]]] = {}

    def do_GET(self) -> None:
        if self.path in self.dynamic:
            status, kind, body = self.dynamic[self.path]()
        else:
            status, kind, body = self.routes.get(self.path, (404, "text/plain", "not found"))
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    _Site.routes = {
        "/robots.txt": (200, "text/plain", "User-agent: *\nDisallow: /private/\n"),
        "/town.xml": (
            200,
            "application/rss+xml",
            _rss(
                [
                    ("Council approves bridge repairs", f"{base}/bridge", BRIDGE, NOW),
                    ("Rail strike called", f"{base}/strike?utm_source=rss", STRIKE, NOW),
                    ("Storm closes ports", f"{base}/storm", "Storm closes ports…", NOW),
                    (
                        "Old news",
                        f"{base}/old",
                        STRIKE.replace("Rail", "Bus"),
                        NOW - timedelta(days=9),
                    ),
                ]
            ),
        ),
        "/storm": (200, "text/html", PAGE),
        "/dated": (
            200,
            "text/html",
            PAGE.replace(
                "<title>",
                '<meta property="article:published_time" content="2026-11-21T09:00:00Z"><title>',
            ),
        ),
        "/broken.xml": (200, "application/rss+xml", "<rss><channel><item><title>oops"),
        "/hostile.xml": (200, "application/rss+xml", HOSTILE_FEED.replace("{base}", base)),
    }
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


class Newsbot(Protocol):
    def __call__(self, *args: str) -> tuple[int, list[str]]: ...


class NewsbotWithInput(Protocol):
    def __call__(self, data: bytes, *args: str) -> tuple[int, list[str]]: ...


@pytest.fixture()
def newsbot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Newsbot:
    """Run a newsbot command with its own SQLite database; returns (exit code, stdout lines)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'news.db'}")
    monkeypatch.delenv("NEWS_FEEDS", raising=False)

    def run(*args: str) -> tuple[int, list[str]]:
        result = CliRunner().invoke(main, list(args))
        return result.exit_code, result.stdout.splitlines()

    return run


@pytest.fixture()
def newsbot_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> NewsbotWithInput:
    """Like `newsbot`, with bytes on standard input."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'news.db'}")

    def run(data: bytes, *args: str) -> tuple[int, list[str]]:
        result = CliRunner().invoke(main, list(args), input=data)
        return result.exit_code, result.stdout.splitlines()

    return run


def test_ingesting_a_feed_stores_its_articles_and_search_finds_them(
    newsbot: Newsbot, site: str
) -> None:
    assert newsbot("feeds", "add", f"{site}/town.xml")[0] == 0
    code, lines = newsbot("ingest")
    assert code == 0
    assert lines[-1].startswith("ingest: 4 new")
    code, lines = newsbot("search", "bridge", "--json")
    found = [json.loads(line) for line in lines]
    assert [s["headline"] for s in found] == ["Council approves bridge repairs"]
    assert found[0]["url"] == f"{site}/bridge"
    assert found[0]["source"] == "Town News"
    assert found[0]["seen"].endswith("Z")


def test_a_teaser_item_is_read_from_its_page(newsbot: Newsbot, site: str) -> None:
    newsbot("feeds", "add", f"{site}/town.xml")
    newsbot("ingest", "--feeds")
    _, lines = newsbot("search", "Holyhead", "--json")
    story = json.loads(lines[0])
    assert story["headline"] == "Storm closes ports"
    _code, lines = newsbot("story", str(story["id"]))
    assert "200,000 homes" in "\n".join(lines)


def test_a_page_published_time_is_the_story_published_date(newsbot: Newsbot, site: str) -> None:
    assert newsbot("ingest", f"{site}/dated")[0] == 0
    _, lines = newsbot("search", "Holyhead", "--json")
    assert json.loads(lines[0])["published"] == "2026-11-21T00:00:00Z"


def test_ingesting_again_stores_nothing_twice(newsbot: Newsbot, site: str, tmp_path: Path) -> None:
    newsbot("feeds", "add", f"{site}/town.xml")
    newsbot("ingest")
    _code, lines = newsbot("ingest")
    assert lines[-1] == "ingest: 4 unchanged"
    copy = tmp_path / "bridge-copy.txt"
    copy.write_text("Council approves bridge repairs\n\n" + BRIDGE.replace(" ", "  "))
    assert newsbot("ingest", str(copy))[1][-1] == "ingest: 1 unchanged"
    assert len(newsbot("search", "bridge", "--json")[1]) == 1


@pytest.mark.slow  # over 3 s in a full run
def test_a_broken_feed_is_recorded_and_the_others_go_on(newsbot: Newsbot, site: str) -> None:
    newsbot("feeds", "add", f"{site}/broken.xml", f"{site}/missing.xml", f"{site}/town.xml")
    code, lines = newsbot("ingest")
    assert code == 1
    assert "4 new" in lines[-1] and "2 failed" in lines[-1]
    health = {f["url"]: f for f in map(json.loads, newsbot("feeds", "list", "--json")[1])}
    assert health[f"{site}/missing.xml"]["failures"] == 1
    assert "404" in health[f"{site}/missing.xml"]["last_error"]
    assert health[f"{site}/broken.xml"]["failures"] == 1
    assert health[f"{site}/town.xml"]["failures"] == 0
    assert health[f"{site}/town.xml"]["last_success"].endswith("Z")


def test_feeds_from_news_feeds_are_polled_too(
    newsbot: Newsbot, site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWS_FEEDS", f"{site}/town.xml")
    _code, lines = newsbot("ingest")
    assert lines[-1].startswith("ingest: 4 new")


def test_files_and_folders_are_ingested(newsbot: Newsbot, tmp_path: Path) -> None:
    folder = tmp_path / "clips"
    folder.mkdir()
    (folder / "bridge.txt").write_text("Council approves bridge repairs\n\n" + BRIDGE)
    (folder / "strike.txt").write_text("Rail strike called\n\n" + STRIKE)
    (folder / "junk.bin").write_bytes(b"\x00\x01" * 50)
    code, lines = newsbot("ingest", str(folder))
    assert code == 1
    assert lines[-1] == "ingest: 2 new, 1 failed"
    code, lines = newsbot("search", "strike", "--who", "Mick Lynch", "--json")
    assert [json.loads(x)["headline"] for x in lines] == ["Rail strike called"]


def test_feeds_list_shows_each_feeds_priority(newsbot: Newsbot) -> None:
    newsbot("feeds", "add", "https://plain.example/rss")
    newsbot("feeds", "add", "https://favoured.example/rss", "--priority", "2")
    _code, lines = newsbot("feeds", "list")
    assert "plain.example/rss  (untitled; priority 1; last never; ok)" in lines[0]
    assert "favoured.example/rss  (untitled; priority 2; last never; ok)" in lines[1]


def test_importing_one_feed_says_one_feed(newsbot: Newsbot, tmp_path: Path) -> None:
    (tmp_path / "one.opml").write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline xmlUrl="https://one.example/rss"/></body></opml>'
    )
    assert newsbot("feeds", "import", "one.opml")[1] == ["imported 1 feed from one.opml"]


def test_feeds_export_and_import_round_trip(newsbot: Newsbot, site: str, tmp_path: Path) -> None:
    newsbot("feeds", "add", f"{site}/town.xml", f"{site}/broken.xml")
    _code, lines = newsbot("feeds", "export")
    opml = tmp_path / "feeds.opml"
    opml.write_text("\n".join(lines))
    assert newsbot("feeds", "remove", f"{site}/town.xml")[0] == 0
    assert newsbot("feeds", "remove", "999")[0] == 1
    assert newsbot("feeds", "import", str(opml))[0] == 0
    urls = {json.loads(x)["url"] for x in newsbot("feeds", "list", "--json")[1]}
    assert urls == {f"{site}/town.xml", f"{site}/broken.xml"}


def test_unknown_story_and_bad_database_url(
    newsbot: Newsbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert newsbot("story", "12345")[0] == 1
    monkeypatch.setenv("DATABASE_URL", "mysql://nope")
    assert newsbot("search", "anything")[0] == 2


def test_first_fetch_marks_old_items_as_backlog_not_news(
    newsbot: Newsbot, site: str, tmp_path: Path
) -> None:
    newsbot("feeds", "add", f"{site}/town.xml")
    newsbot("ingest")
    with sqlite3.connect(tmp_path / "news.db") as db:
        backlog = dict(db.execute("SELECT title, backlog FROM stories").fetchall())
    assert backlog == {
        "Council approves bridge repairs": 0,
        "Rail strike called": 0,
        "Storm closes ports": 0,
        "Old news": 1,
    }


def test_an_article_on_standard_input_is_stored(newsbot_stdin: NewsbotWithInput) -> None:
    code, lines = newsbot_stdin(("Rail strike called\n\n" + STRIKE).encode(), "ingest", "-")
    assert (code, lines[-1]) == (0, "ingest: 1 new")
    (hit,) = map(json.loads, newsbot_stdin(b"", "search", "strike", "--json")[1])
    assert hit["source"] == "standard input"


def test_a_feed_that_fails_for_a_moment_is_tried_once_more(tmp_path: Path, site: str) -> None:
    calls = {"n": 0}
    original = _Site.routes["/town.xml"]

    def flaky() -> tuple[int, str, str]:
        calls["n"] += 1
        return (503, "text/plain", "busy") if calls["n"] == 1 else original

    _Site.dynamic["/town.xml"] = flaky
    waits: list[float] = []
    with (
        Store(f"sqlite:///{tmp_path / 'retry.db'}") as store,
        PoliteClient(allow_private=True, min_interval=0.0) as client,
    ):
        store.migrate()
        feed = store.add_feed(f"{site}/town.xml")
        outcomes = list(Ingestor(store, client, sleep=waits.append).feed(feed))
    assert [o.status for o in outcomes] == ["new"] * 4
    assert waits == [2.0]
    _Site.dynamic.clear()


def test_two_reports_of_one_event_in_one_feed_are_one_event(tmp_path: Path, site: str) -> None:
    demo = Path(__file__).resolve().parents[2] / "digests" / "sample" / "demo"
    pages = ("capital-post-belarus-missiles.html", "baltic-times-belarus-iskander.html")
    items = [(f"Report {i}", f"{site}/report/{i}", "Missiles for Belarus…", NOW) for i in (1, 2)]
    _Site.routes["/wire.xml"] = (200, "application/rss+xml", _rss(items))
    for i, page in enumerate(pages, 1):
        _Site.routes[f"/report/{i}"] = (200, "text/html", (demo / page).read_text())
    with (
        Store(f"sqlite:///{tmp_path / 'wire.db'}") as store,
        PoliteClient(allow_private=True, min_interval=0.0) as client,
    ):
        store.migrate()
        outcomes = list(Ingestor(store, client).feed(store.add_feed(f"{site}/wire.xml")))
        assert [o.status for o in outcomes] == ["new", "new"]
        first, second = (store.story(o.story_id or 0) for o in outcomes)
        assert first is not None and second is not None
        assert second.cluster == first.cluster == first.id
        assert first.sources == second.sources == 2


def test_reports_of_one_event_read_in_different_groups_are_one_event(
    tmp_path: Path, site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "FEED_GROUP", 1)  # each item stored before the next is read
    test_two_reports_of_one_event_in_one_feed_are_one_event(tmp_path, site)


def test_a_stopped_poll_keeps_what_it_stored_and_leaves_the_feed_to_read_again(
    tmp_path: Path, site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "FEED_GROUP", 2)
    stop = threading.Event()
    with (
        Store(f"sqlite:///{tmp_path / 'stop.db'}") as store,
        PoliteClient(allow_private=True, min_interval=0.0) as client,
    ):
        store.migrate()
        feed = store.add_feed(f"{site}/town.xml")
        outcomes = []
        for outcome in Ingestor(store, client, stop=stop).feed(feed):
            outcomes.append(outcome)
            stop.set()  # SIGTERM arrives while the first group is being handed out
        assert [o.status for o in outcomes] == ["new", "new"]
        assert store.count() == 2
        again = store.feed(str(feed.id))
        assert again is not None and again.last_success is None  # read in full next time
        rest = list(Ingestor(store, client).feed(again))
        assert sorted(o.status for o in rest) == ["new", "new", "unchanged", "unchanged"]


def test_a_feed_titled_with_terminal_escapes_lists_and_searches_as_plain_text(
    newsbot: Newsbot, site: str
) -> None:
    newsbot("feeds", "add", f"{site}/hostile.xml")
    assert newsbot("ingest")[0] == 0
    feed = json.loads(newsbot("feeds", "list", "--json")[1][0])
    assert feed["title"] == "]0;ownedEvil [31mNews"  # stored without its control characters
    story = json.loads(newsbot("search", "bridge", "--json")[1][0])
    assert story["headline"] == "Vote [2Jon the bridge›31m"  # feedparser reads 0x9b as cp1252
    shown = [newsbot("feeds", "list"), newsbot("search", "bridge"), newsbot("story", "1")]
    for code, lines in shown:
        assert code == 0
        assert not any(char in "\n".join(lines) for char in TERMINAL_CONTROLS)
    assert "Evil [31mNews" in shown[0][1][0] and "Vote [2Jon the bridge" in shown[1][1][0]


def test_titles_stored_before_with_escapes_still_print_as_plain_text(
    newsbot: Newsbot, site: str, tmp_path: Path
) -> None:
    newsbot("feeds", "add", f"{site}/town.xml")
    newsbot("ingest")
    hostile = "\x1b]0;owned\x07Evil\x1b[31m\x9b2J"
    with sqlite3.connect(tmp_path / "news.db") as db:
        db.execute("UPDATE feeds SET title = ?, last_error = ?, failures = 1", (hostile, hostile))
        db.execute(
            "UPDATE stories SET title = ?, source = ?, "
            "summary_json = json_set(summary_json, '$.headline', ?, '$.gist', ?)",
            (hostile, hostile, hostile, hostile),
        )
    story = json.loads(newsbot("search", "bridge", "--json")[1][0])
    shown = [
        newsbot("feeds", "list"),
        newsbot("feeds", "list", "--json"),
        newsbot("search", "bridge"),
        newsbot("search", "bridge", "--json"),
        newsbot("story", str(story["id"])),
        newsbot("story", str(story["id"]), "--json"),
        newsbot("digest", "--channel", "C0NEWS", "--dry-run"),
    ]
    for code, lines in shown:
        assert code == 0
        assert "Evil" in "\n".join(lines)
        assert not any(char in "\n".join(lines) for char in TERMINAL_CONTROLS)


def test_a_file_named_with_escapes_is_reported_as_plain_text(tmp_path: Path) -> None:
    folder = tmp_path / "clips"
    folder.mkdir()
    (folder / "\x1b]0;owned\x07.bin").write_bytes(b"\x00\x01" * 50)
    result = CliRunner().invoke(main, ["summarize", str(folder)])
    assert result.exit_code == 1
    assert "binary data" in result.stderr
    assert not any(char in result.stderr for char in TERMINAL_CONTROLS)


def test_story_shows_its_headline_once_and_its_address(newsbot: Newsbot, site: str) -> None:
    newsbot("feeds", "add", f"{site}/town.xml")
    newsbot("ingest")
    (hit,) = [json.loads(line) for line in newsbot("search", "bridge", "--json")[1]]
    code, lines = newsbot("story", str(hit["id"]))
    assert code == 0
    assert "\n".join(lines).count("Council approves bridge repairs") == 1
    assert f"{site}/bridge" in lines
    assert any(line.startswith("Gist: ") for line in lines)


def test_stories_from_files_are_named_for_readers_never_by_a_server_path(
    newsbot: Newsbot, tmp_path: Path
) -> None:
    clips = tmp_path / "srv" / "clips"
    clips.mkdir(parents=True)
    (clips / "bridge-023.txt").write_text("Council approves bridge repairs\n\n" + BRIDGE)
    saved_page = PAGE.replace(
        "<head>", '<head><meta property="og:site_name" content="Wales Daily">'
    )
    (clips / "storm.html").write_text(saved_page)
    assert newsbot("ingest", str(clips))[0] == 0
    sources = {
        hit["headline"]: hit["source"]
        for words in ("bridge", "Holyhead")
        for hit in map(json.loads, newsbot("search", words, "--json")[1])
    }
    assert sources == {
        "Council approves bridge repairs": "file bridge-023.txt",
        "Storm closes ports": "Wales Daily",
    }
    code, lines = newsbot("digest", "--channel", "C0NEWS", "--dry-run", "--blocks")
    slack = "\n".join(lines)
    assert code == 0 and "file bridge-023.txt" in slack and "Wales Daily" in slack
    assert str(tmp_path) not in slack and "/srv/clips" not in slack
