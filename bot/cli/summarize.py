"""`newsbot summarize`: articles from files, folders, URLs or stdin, each condensed."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click

from bot.cli.exits import EXIT_OK, EXIT_SOME_FAILED
from bot.cli.jsonout import echo_json
from bot.cli.summary_text import print_summary
from digests import (
    Article,
    ArticleError,
    article_from_bytes,
    expand_paths,
    read_file,
    summarize,
    summary_to_dict,
)
from digests.printable import one_line
from digests.read import MAX_ARTICLE_BYTES


def _articles(sources: tuple[str, ...]) -> Iterator[Article | ArticleError]:
    """Each source as an Article, or the error that says why it could not be read."""
    for source in sources:
        try:
            if source == "-":
                yield article_from_bytes(sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1), "-")
            elif source.startswith(("http://", "https://")):
                from digests.ingest import fetch_article

                yield fetch_article(source)
            else:
                path = Path(source)
                if not path.exists():
                    raise ArticleError(source, "no such file or folder")
                for file in expand_paths(path):
                    try:
                        yield read_file(file)
                    except ArticleError as exc:
                        yield exc
        except ArticleError as exc:
            yield exc


@click.command("summarize")
@click.argument("sources", nargs=-1, required=True, metavar="PATH|URL|- ...")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
@click.option(
    "--points",
    type=click.IntRange(1, 20),
    default=None,
    metavar="N",
    help="Exactly N key points (default: 3, or up to 5 for a long article).",
)
def summarize_command(sources: tuple[str, ...], as_json: bool, points: int | None) -> None:
    """Summarize articles: files, folders (every file in them), URLs, or - for stdin."""
    failed = False
    for item in _articles(sources):
        if isinstance(item, Article):
            try:
                summary = summarize(item, points)
            except ArticleError as exc:
                item = exc
            else:
                if as_json:
                    echo_json(summary_to_dict(summary))
                else:
                    print_summary(summary)
                continue
        failed = True
        if as_json:
            echo_json({"source": item.source, "error": item.problem})
        click.echo(one_line(f"newsbot: {item.source}: {item.problem}"), err=True)
    sys.exit(EXIT_SOME_FAILED if failed else EXIT_OK)
