"""The seed page, a scraped page with its noise, summarized as DESIGN.md describes."""

from __future__ import annotations

import pytest

from digests import EntityKind, FigureKind, Summary, sample_article, summarize


@pytest.fixture(scope="module")
def seed() -> Summary:
    return summarize(sample_article())


def test_seed_headline_is_the_title_once(seed: Summary) -> None:
    assert (
        seed.headline == "Putin promises Belarus Iskander-M missiles to counter ‘aggressive’ West"
    )


def test_seed_gist_says_what_happened(seed: Summary) -> None:
    assert seed.gist.startswith("Russia will supply Belarus with Iskander-M missile systems")


def test_seed_key_points_are_three_to_five_body_sentences_in_order(seed: Summary) -> None:
    body = sample_article().text
    assert 3 <= len(seed.key_points) <= 5
    positions = [body.index(p) for p in seed.key_points]
    assert positions == sorted(positions)


def test_seed_page_drops_teasers(seed: Summary) -> None:
    everything = " ".join([seed.gist, *seed.key_points, *(f.text for f in seed.numbers)])
    for teaser_fact in ("13%", "$5 billion", "40%", "$7.4 billion", "540,000 tons", "Zinc"):
        assert teaser_fact not in everything
    assert not {"Korea Zinc", "BBC", "Pentagon", "Trump"} & {e.name for e in seed.who}


def test_seed_caption_and_credit_are_out(seed: Summary) -> None:
    everything = " ".join([seed.gist, *seed.key_points, *(f.context for f in seed.numbers)])
    assert "June 22, 2022" not in everything
    assert "Getty" not in everything
    assert "Mikhail Metzel" not in {e.name for e in seed.who}


def test_seed_putin_and_lukashenko_lead_who_with_their_roles(seed: Summary) -> None:
    first, second = seed.who[:2]
    assert (first.name, first.kind, first.role) == (
        "Vladimir Putin",
        EntityKind.PERSON,
        "Russian President",
    )
    assert (second.name, second.kind, second.role) == (
        "Alexander Lukashenko",
        EntityKind.PERSON,
        "Belarusian President",
    )


def test_seed_missile_range_is_one_number_with_its_clause(seed: Summary) -> None:
    missiles = [f for f in seed.numbers if f.text.startswith("500 km")]
    assert len(missiles) == 1
    figure = missiles[0]
    assert figure.text == "500 km (300 miles)"
    assert (figure.value, figure.unit, figure.kind) == (500, "km", FigureKind.QUANTITY)
    assert "range of up to 500 km (300 miles)" in figure.context


def test_seed_four_months_ago_is_a_duration(seed: Summary) -> None:
    figure = next(f for f in seed.numbers if f.text == "four months ago")
    assert (figure.value, figure.unit, figure.kind) == (4, "month", FigureKind.DURATION)


def test_seed_one_percent_is_the_share_of_transit(seed: Summary) -> None:
    figure = next(f for f in seed.numbers if f.text == "1%")
    assert figure.kind is FigureKind.PERCENT
    assert "goods transit" in figure.context


def test_seed_when_and_where(seed: Summary) -> None:
    assert seed.when is None
    assert seed.when_text == "on Saturday"
    assert seed.where == ("St Petersburg",)


def test_seed_points_option_gives_exactly_n(seed: Summary) -> None:
    for n in (1, 3, 5):
        assert len(summarize(sample_article(), points=n).key_points) == n
