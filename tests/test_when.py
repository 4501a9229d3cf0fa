"""When the event happened, resolved against the published date."""

from __future__ import annotations

from datetime import date

from digests.when import find_when

SATURDAY_STORY = ["Putin told a meeting with Lukashenko on Saturday that missiles would come."]


def test_weekday_without_published_date_keeps_the_words_only() -> None:
    assert find_when(SATURDAY_STORY, None) == (None, "on Saturday")


def test_weekday_resolves_to_the_last_such_day_on_or_before_publication() -> None:
    assert find_when(SATURDAY_STORY, date(2022, 6, 27)) == (date(2022, 6, 25), "on Saturday")
    assert find_when(SATURDAY_STORY, date(2022, 6, 25)) == (date(2022, 6, 25), "on Saturday")


def test_full_dates_need_no_published_date() -> None:
    found = find_when(["The deal was signed on June 22, 2022 in Geneva."], None)
    assert found == (date(2022, 6, 22), "on June 22, 2022")
    assert find_when(["It opened on 3 March 2021."], None) == (date(2021, 3, 3), "on 3 March 2021")


def test_day_and_month_take_the_published_year_and_never_the_future() -> None:
    assert find_when(["Talks began on March 14."], date(2026, 3, 20))[0] == date(2026, 3, 14)
    assert find_when(["Talks began on Dec. 30."], date(2026, 1, 2))[0] == date(2025, 12, 30)


def test_yesterday_is_the_day_before_publication() -> None:
    assert find_when(["Shares fell yesterday."], date(2026, 11, 24)) == (
        date(2026, 11, 23),
        "yesterday",
    )


def test_impossible_dates_and_no_dates_give_none() -> None:
    assert find_when(["It happened on February 31."], date(2026, 3, 1)) == (
        None,
        "on February 31",
    )
    assert find_when(["Nothing dated here."], None) == (None, None)


def test_a_sentence_that_looks_ahead_means_the_next_such_day() -> None:
    sentences = ["The champion will fight a younger rival on Saturday in his home town."]
    assert find_when(sentences, date(1996, 8, 30)) == (date(1996, 8, 31), "on Saturday")
    later = ["The airport will be closed from September 21 to 26, the agency said."]
    assert find_when(later, date(1996, 8, 30))[0] == date(1996, 9, 21)


def test_a_deadline_is_not_the_day_of_the_event() -> None:
    sentences = ["They agreed on Saturday to defer the decision until December 31, 2001."]
    assert find_when(sentences, date(1996, 8, 31)) == (date(1996, 8, 31), "on Saturday")
    assert find_when(["Talks must end by Friday."], date(1996, 8, 28)) == (None, None)
