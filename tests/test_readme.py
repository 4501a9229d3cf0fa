"""The README and the command line agree, as sqlite-utils' docs tests hold its docs: every
command and option `--help` shows is in the README's command reference, and every `newsbot`
command the README shows exists, with the options it is shown with."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from tests.support.cli_tree import every_command

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
SHOWN = re.compile(r"(?<![@\w])newsbot((?: [a-z][a-z-]*)+)((?: [^`\n#|]*)?)")


def commands() -> Iterator[tuple[str, click.Command]]:
    """Every command that does something (not a group), with its full name."""
    return ((name, c) for name, c in every_command() if not isinstance(c, click.Group))


def options(command: click.Command) -> set[str]:
    """The long options `--help` shows for a command (not --help itself)."""
    return {
        opt
        for param in command.params
        if isinstance(param, click.Option) and not param.hidden
        for opt in param.opts
        if opt.startswith("--") and opt != "--help"
    }


def reference() -> dict[str, str]:
    """The command reference's rows: each `newsbot …` form shown there, by command name."""
    section = README.split("## Command reference", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, str] = {}
    for row in re.findall(r"^\| (.*?) \| ", section, flags=re.M):
        for form in re.findall(r"`(newsbot [^`]*)`", row):
            name = " ".join(w for w in form.split()[:3] if re.fullmatch(r"[a-z]+", w))
            rows[name] = rows.get(name, "") + " " + form
    return rows


def code() -> str:
    """Everything the README shows as code: inline spans and fenced blocks."""
    blocks = re.findall(r"^```\w*\n(.*?)^```", README, flags=re.M | re.S)
    return "\n".join(blocks + re.findall(r"`([^`\n]+)`", README))


ALL = dict(commands())


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_command_and_option_is_in_the_command_reference(name: str) -> None:
    rows = reference()
    assert name in rows, f"{name} is not in the README's command reference"
    missing = {opt for opt in options(ALL[name]) if opt not in rows[name].split()}
    missing = {opt for opt in missing if f"[{opt}" not in rows[name]}
    assert not missing, f"{name}: {sorted(missing)} not in the command reference"


def test_every_command_the_readme_shows_exists_with_the_options_shown() -> None:
    groups = {n.split()[1] for n, c in every_command() if isinstance(c, click.Group)}
    wrong = []
    for words, rest in SHOWN.findall(code()):
        parts = words.split()
        name = "newsbot " + " ".join(parts[:2] if parts[0] in groups else parts[:1])
        if name not in ALL:
            wrong.append(f"newsbot{words}")
            continue
        shown = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", rest))
        wrong += [f"{name} {opt}" for opt in shown - options(ALL[name]) - {"--help"}]
    assert wrong == []


def test_the_check_finds_a_command_or_option_that_does_not_exist() -> None:
    found = SHOWN.findall("newsbot serve --port 80\nnewsbot search x --fuzzy")
    assert [("".join(words).split()[0], rest) for words, rest in found] == [
        ("serve", " --port 80"),
        ("search", " --fuzzy"),
    ]


def test_the_readme_says_once_how_to_activate_and_runs_newsbot_one_way() -> None:
    assert README.count(". .venv/bin/activate") >= 1
    # the quick start's one line, and the sentence that says what to type without activating
    assert README.count(".venv/bin/newsbot") == 2
    assert "Without activating, write `.venv/bin/newsbot` instead." in README


def test_ingest_from_standard_input_is_in_the_command_reference() -> None:
    assert "`newsbot ingest [--feeds \\| URL \\| PATH \\| - ...]`" in README
    assert "newsbot ingest -" in README


def test_each_performance_figure_names_the_command_that_reproduces_it() -> None:
    section = README.split("## Performance", 1)[1].split("\n## ", 1)[0]
    rows = [r for r in section.splitlines() if r.startswith("| ") and not r.startswith("| what")]
    assert len(rows) >= 8
    root = Path(__file__).resolve().parents[1]
    for row in rows:
        found = re.search(r"`python (bench/\w+\.py)( DEV)?`", row.split("|")[-2])
        assert found and (root / found[1]).is_file(), row
    assert (root / "bench" / "README.md").is_file()


def test_the_license_is_mit_as_pyproject_says() -> None:
    root = Path(__file__).resolve().parents[1]
    assert (root / "LICENSE").read_text().startswith("MIT License\n")
    assert 'license = {text = "MIT"}' in (root / "pyproject.toml").read_text()
