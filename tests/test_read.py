"""Reading what a user hands newsbot: files, HTML, bytes of every kind."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digests import ArticleError, article_from_bytes, article_from_text, read_file
from digests.read import MAX_ARTICLE_BYTES, expand_paths
from tests.support.html_pages import HTML_PAGE


def test_html_page_is_reduced_to_its_article() -> None:
    article = article_from_text(HTML_PAGE, "page.html")
    assert "reopened to traffic on Monday" in article.text
    assert "30,000 vehicles" in article.text
    for noise in ("Home", "roadfan99", "Copyright"):
        assert noise not in article.text


def test_empty_and_blank_input_is_a_clear_error() -> None:
    for text in ("", "   \n\n\t  "):
        with pytest.raises(ArticleError, match="no article text"):
            article_from_text(text, "empty.txt")


def test_binary_bytes_are_refused() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 10
    with pytest.raises(ArticleError, match="binary data"):
        article_from_bytes(png, "photo.png")


def test_mis_encoded_bytes_still_read() -> None:
    latin = "The café’s owner said prices rose 5% this year.".encode("cp1252")
    article = article_from_bytes(latin, "latin.txt")
    assert "café’s owner" in article.text


def test_a_20_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as f:
        f.truncate(20_000_000)
    with pytest.raises(ArticleError, match=r"too large \(20\.0 MB\)"):
        read_file(big)
    with pytest.raises(ArticleError, match="too large"):
        article_from_bytes(b"word " * (MAX_ARTICLE_BYTES // 5 + 1), "-")


def test_missing_file_names_the_problem(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="No such file"):
        read_file(tmp_path / "nope.txt")


def test_a_folder_means_every_visible_file_in_it(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("a")
    (tmp_path / ".hidden.txt").write_text("h")
    assert [p.name for p in expand_paths(tmp_path)] == ["b.txt", "a.txt"]


@given(st.binary(max_size=4000))
def test_any_bytes_give_an_article_or_a_clear_error(data: bytes) -> None:
    try:
        article = article_from_bytes(data, "fuzz.bin")
    except ArticleError as exc:
        assert exc.source == "fuzz.bin" and exc.problem
    else:
        assert article.text.strip()


@given(st.lists(st.sampled_from(["<p>", "</p>", "<div>", "<a href='x'>", "Words here.", "\n"])))
def test_any_tag_soup_gives_an_article_or_a_clear_error(parts: list[str]) -> None:
    try:
        article_from_text("".join(parts), "soup.html")
    except ArticleError as exc:
        assert exc.problem


def test_control_characters_in_a_feed_item_are_dropped() -> None:
    article = article_from_text(
        "The plan\x00 would cost\x07 5 million euros, the minister said.", "feed", title="A\x00B"
    )
    assert article.text == "The plan would cost 5 million euros, the minister said."
    assert article.title == "AB"


def test_terminal_escapes_in_a_text_and_its_title_are_dropped() -> None:
    article = article_from_text(
        "Red\x1b[31m alert\x9b2J: the council said it would close the bridge\x7f for a year.",
        "feed",
        title="\x1b]0;owned\x07Bridge\tto close\nfor a year",
    )
    assert article.text == "Red[31m alert2J: the council said it would close the bridge for a year."
    assert article.title == "]0;ownedBridge to close for a year"
