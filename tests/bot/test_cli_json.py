"""Every command's `--json` is DESIGN.md's schema: the same fields, of the same types."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bot.cli import main
from tests.support.cli_tree import every_command

ARTICLE = (
    "Council approves harbour bridge repairs\n\n"
    "The city council approved £12m of repairs to the harbour bridge on Monday, ending a "
    "two-year dispute over who should pay, council leader Gerald Vernon-Jackson said.\n\n"
    "Engineers will replace 40 steel cables and resurface the 600-metre deck in Portsmouth.\n\n"
    "About 30,000 vehicles a day cross the bridge, which will close for eight months from March.\n"
)
UTC_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
OPTIONAL_TEXT = (str, type(None))

# DESIGN.md, "What a Summary holds" and "Command line": each field and the types it may take
WHO = {"name": (str,), "kind": (str,), "role": OPTIONAL_TEXT}
FIGURE = {
    "text": (str,),
    "value": (int, float, type(None)),
    "unit": OPTIONAL_TEXT,
    "kind": (str,),
    "context": (str,),
}
SUMMARY_FIELDS = {
    "gist": (str,),
    "who": (list,),
    "numbers": (list,),
    "when": OPTIONAL_TEXT,
    "when_text": OPTIONAL_TEXT,
    "where": (list,),
    "key_points": (list,),
}
SUMMARY = {"source": (str,), "headline": (str,), **SUMMARY_FIELDS}
HIT = {
    "id": (int,),
    "headline": (str,),
    "url": OPTIONAL_TEXT,
    "source": (str,),
    "published": OPTIONAL_TEXT,
    "seen": (str,),
    "score": (int, float),
}
STORY = {**HIT, **SUMMARY_FIELDS}
FEED = {
    "id": (int,),
    "url": (str,),
    "title": OPTIONAL_TEXT,
    "last_success": OPTIONAL_TEXT,
    "failures": (int,),
    "last_error": OPTIONAL_TEXT,
}
KINDS = {
    "who": {"person", "organization", "place"},
    "numbers": {"money", "percent", "quantity", "count", "date", "duration"},
}


def holds(record: dict[str, Any], schema: dict[str, tuple[type, ...]]) -> None:
    """Assert that `record` has exactly the schema's fields, each of its types."""
    assert set(record) == set(schema), sorted(set(record) ^ set(schema))
    for name, types in schema.items():
        assert isinstance(record[name], types), (name, record[name])
    for name in ("published", "seen", "last_success"):
        if record.get(name) is not None:
            assert UTC_TIME.fullmatch(record[name]), (name, record[name])
    if "when" in record and record["when"] is not None:
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", record["when"])
    for entity in record.get("who", []):
        holds(entity, WHO)
        assert entity["kind"] in KINDS["who"]
    for figure in record.get("numbers", []):
        holds(figure, FIGURE)
        assert figure["kind"] in KINDS["numbers"]
    for text in record.get("where", []) + record.get("key_points", []):
        assert isinstance(text, str)


@pytest.fixture()
def newsbot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A newsbot command on a database holding one feed and one story; its JSON lines."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'news.db'}")
    (tmp_path / "bridge.txt").write_text(ARTICLE, encoding="utf-8")

    def run(*args: str) -> list[dict[str, Any]]:
        return [json.loads(line) for line in succeeds(*args).splitlines()]

    succeeds("feeds", "add", "https://town.example/rss")
    succeeds("ingest", "bridge.txt")
    return run


def succeeds(*args: str) -> str:
    """What a newsbot command that went well printed."""
    done = CliRunner().invoke(main, list(args))
    assert done.exit_code == 0, done.output
    return done.stdout


# every command with --json, the arguments that make it print something, and its schema
COMMANDS: dict[str, tuple[tuple[str, ...], dict[str, tuple[type, ...]]]] = {
    "summarize": (("summarize", "bridge.txt", "--json"), SUMMARY),
    "demo": (("demo", "--json"), SUMMARY),
    "search": (("search", "bridge", "--json"), HIT),
    "story": (("story", "1", "--json"), STORY),
    "feeds list": (("feeds", "list", "--json"), FEED),
}


def commands_with_json() -> set[str]:
    """The name of every newsbot command that has a --json option ("feeds list")."""
    return {
        name.removeprefix("newsbot ")
        for name, command in every_command()
        if any("--json" in p.opts for p in command.params)
    }


def test_every_command_with_json_is_held_to_a_schema() -> None:
    assert commands_with_json() == set(COMMANDS)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_json_output_is_the_documented_schema(newsbot, command: str) -> None:  # type: ignore[no-untyped-def]
    args, schema = COMMANDS[command]
    records = newsbot(*args)
    assert records
    for record in records:
        holds(record, schema)


def test_story_json_is_the_search_hit_plus_its_whole_summary(newsbot) -> None:  # type: ignore[no-untyped-def]
    (hit,) = newsbot("search", "bridge", "--json")
    (story,) = newsbot("story", str(hit["id"]), "--json")
    (summary,) = newsbot("summarize", "bridge.txt", "--json")
    assert {k: story[k] for k in HIT if k != "score"} == {k: hit[k] for k in HIT if k != "score"}
    assert {k: story[k] for k in SUMMARY_FIELDS} == {k: summary[k] for k in SUMMARY_FIELDS}
    assert story["who"] and story["numbers"] and story["key_points"]
