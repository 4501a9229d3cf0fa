"""`newsbot summarize` and `newsbot demo` as a user runs them."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pty
import re
import socket
import struct
import subprocess
import sys
import termios
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main

SCHEMA_KEYS = {
    "source", "headline", "gist", "who", "numbers", "when", "when_text", "where", "key_points",
}  # fmt: skip
ARTICLE = (
    "Council approves harbour bridge repairs\n\n"
    "The city council approved £12m of repairs to the harbour bridge on Monday, ending a "
    "two-year dispute over who should pay.\n\n"
    "Engineers will replace 40 steel cables and resurface the 600-metre deck, council leader "
    "Gerald Vernon-Jackson said.\n\n"
    "About 30,000 vehicles a day cross the bridge, which will close for eight months from March.\n"
)


def run(*args: str, stdin: bytes | None = None) -> tuple[int, list[str], str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.stdout.splitlines(), result.stderr


def test_summarize_json_prints_the_published_schema(tmp_path: Path) -> None:
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, lines, _ = run("summarize", str(path), "--json")
    assert code == 0
    record = json.loads(lines[0])
    assert set(record) == SCHEMA_KEYS
    assert record["source"] == str(path)
    assert record["headline"] == "Council approves harbour bridge repairs"
    money = next(n for n in record["numbers"] if n["kind"] == "money")
    assert money == {
        "text": "£12m",
        "value": 12000000,
        "unit": "GBP",
        "kind": "money",
        "context": money["context"],
    }
    assert all(set(w) == {"name", "kind", "role"} for w in record["who"])


def test_summarize_a_folder_goes_on_past_a_bad_file(tmp_path: Path) -> None:
    (tmp_path / "a-good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b-binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "c-good.txt").write_text(ARTICLE, encoding="utf-8")
    code, lines, err = run("summarize", str(tmp_path), "--json")
    records = [json.loads(line) for line in lines]
    assert code == 1
    assert [("error" in r) for r in records] == [False, True, False]
    assert records[1] == {
        "source": str(tmp_path / "b-binary.txt"),
        "error": "binary data, not text or HTML",
    }
    assert "b-binary.txt: binary data" in err


def test_summarize_reads_standard_input_with_exact_points() -> None:
    code, lines, _ = run("summarize", "-", "--json", "--points", "2", stdin=ARTICLE.encode())
    assert code == 0
    record = json.loads(lines[0])
    assert record["source"] == "-"
    assert len(record["key_points"]) == 2


def test_summarize_for_a_person_shows_the_key_points(tmp_path: Path) -> None:
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, lines, _ = run("summarize", str(path))
    text = "\n".join(lines)
    assert code == 0
    assert "Council approves harbour bridge repairs" in text
    assert "Key points:" in text
    assert "• The city council approved £12m of repairs" in text


def test_a_summary_piped_into_a_file_keeps_each_line_whole(tmp_path: Path) -> None:
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    _, lines, _ = run("summarize", str(path))
    gist = "Gist: The city council approved £12m of repairs to the harbour bridge on Monday"
    (line,) = [line for line in lines if line.startswith(gist)]
    assert line.endswith("who should pay.") and len(line) > 100


def test_a_summary_on_a_terminal_is_wrapped_to_its_width(tmp_path: Path) -> None:
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    leader, follower = pty.openpty()  # a terminal 60 columns wide, as a person has
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 60, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "summarize", str(path)], stdout=follower, env=env
    )
    os.close(follower)
    shown = b""
    with contextlib.suppress(OSError):  # the terminal closes when the process ends
        while chunk := os.read(leader, 65536):
            shown += chunk
    os.close(leader)
    assert process.wait(30) == 0
    lines = re.sub(r"\x1b\[[0-9;]*m", "", shown.decode()).splitlines()
    assert max(len(line) for line in lines) <= 60
    assert any(line.startswith("Gist: The city council") for line in lines)


def test_missing_file_and_wrong_usage_exit_codes(tmp_path: Path) -> None:
    code, _, err = run("summarize", str(tmp_path / "missing.txt"))
    assert code == 1
    assert "missing.txt: no such file or folder" in err
    assert run("summarize")[0] == 2
    assert run("summarize", "-", "--points", "0")[0] == 2


def test_demo_json_summarizes_the_bundled_sample_page() -> None:
    code, lines, _ = run("demo", "--json")
    record = json.loads(lines[0])
    assert code == 0
    assert record["who"][0]["name"] == "Vladimir Putin"


def test_demo_prints_todays_digest_of_the_sample_corpus_offline() -> None:
    code, lines, _ = run("demo")
    text = " ".join(" ".join(lines).split())  # as read, whatever the terminal's width
    assert code == 0
    assert "Stored 9 stories from the bundled sample corpus." in text
    assert "News digest ·" in text
    assert "Putin promises Belarus Iskander-M missiles" in text
    assert "(3 sources)" in text  # the sample page and two other outlets' reports: one entry
    assert text.count("Iskander-M missiles") == 1
    for heading in ("Business Desk", "Tech Wire"):
        assert heading in text
    assert "13%" not in text  # the sample page's teasers stay out


def test_demo_blocks_are_slack_messages_within_limits() -> None:
    code, lines, _ = run("demo", "--blocks")
    posted = json.loads("\n".join(lines))
    assert code == 0
    assert posted["parent"]["blocks"][0]["type"] == "header"
    assert "3 sources" in json.dumps(posted["parent"])
    assert all(len(m["blocks"]) <= 50 for m in [posted["parent"], *posted["thread"]])
    assert "news_more" in json.dumps(posted["thread"])


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path in ("/bridge", "/huge"):
            body = ARTICLE.encode() if self.path == "/bridge" else b"word " * 500_000
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)  # newsbot hangs up on /huge at its size cap
        else:
            self.send_error(404)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def page_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_summarize_a_url_and_report_a_broken_one(page_server: str) -> None:
    code, lines, _ = run("summarize", f"{page_server}/bridge", f"{page_server}/gone", "--json")
    good, bad = (json.loads(line) for line in lines)
    assert code == 1
    assert good["source"] == f"{page_server}/bridge"
    assert good["headline"] == "Council approves harbour bridge repairs"
    assert bad == {
        "source": f"{page_server}/gone",
        "error": "the server answered HTTP 404 Not Found",
    }


def test_summarize_a_url_too_large_to_be_an_article(page_server: str) -> None:
    code, lines, _ = run("summarize", f"{page_server}/huge", "--json")
    assert code == 1
    assert json.loads(lines[0]) == {
        "source": f"{page_server}/huge",
        "error": "the response is over 2.0 MB (2.5 MB announced)",
    }


def test_summarizing_a_url_whose_host_refuses_blames_the_host_not_robots_txt() -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code, _, err = run("summarize", f"http://127.0.0.1:{port}/x.html")
    assert code == 1
    assert err == (
        f"newsbot: http://127.0.0.1:{port}/x.html: 127.0.0.1 refused the connection on port "
        f"{port} (nothing is listening there)\n"
    )


_LOADED_STACKS = """
import sys
from bot.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
heavy = ("slack_sdk", "slack_bolt", "sqlalchemy", "alembic", "psycopg", "httpx", "rich")
print(",".join(sorted({m.split(".")[0] for m in sys.modules} & set(heavy))))
"""


@pytest.mark.parametrize("flags", [(), ("--json",)])
def test_summarize_loads_no_slack_sql_or_http_stack(tmp_path: Path, flags: tuple[str, ...]) -> None:
    import subprocess
    import sys

    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _LOADED_STACKS, "summarize", *flags, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Council approves harbour bridge repairs" in done.stdout
    assert done.stdout.splitlines()[-1] == ""
