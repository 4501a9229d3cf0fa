"""Cleaning a scraped page: the article stays, the page's furniture goes."""

from __future__ import annotations

from digests.clean import clean_page


def test_seed_page_keeps_the_title_once_and_the_body(seed_text: str) -> None:
    page = clean_page(seed_text)
    assert page.title == "Putin promises Belarus Iskander-M missiles to counter ‘aggressive’ West"
    assert page.title not in page.body
    assert page.body.startswith("Russia will supply Belarus with Iskander-M missile systems")
    assert page.body.endswith("and that passenger traffic is unaffected.")


def test_seed_page_drops_caption_credit_disclosure_and_teasers(seed_text: str) -> None:
    body = clean_page(seed_text).body
    for noise in (
        "chairs a meeting with members of the Security Council",
        "Mikhail Metzel",
        "Getty Images",
        "Disclosure",
        "Source",
        "Korea Zinc",
        "Read More",
        "Pentagon",
        "BBC",
    ):
        assert noise not in body


def test_daily_mail_byline_and_timestamps_are_dropped() -> None:
    text = (
        "By . Daily Mail Reporter . PUBLISHED: 12:01 EST, 3 June 2013 . | . "
        "UPDATED: 12:01 EST, 3 June 2013 . A council has banned dogs from its beaches."
    )
    assert clean_page(text).body == "A council has banned dogs from its beaches."


def test_agency_dateline_becomes_the_dateline() -> None:
    page = clean_page("WASHINGTON (Reuters) - The Senate passed the bill on Tuesday.")
    assert page.dateline == "WASHINGTON"
    assert page.body == "The Senate passed the bill on Tuesday."
    cnn = clean_page("Moscow (CNN)Russian President Vladimir Putin appeared in photos.")
    assert cnn.dateline == "Moscow"
    assert cnn.body.startswith("Russian President Vladimir Putin")


def test_prompts_copyright_and_photo_lines_are_dropped() -> None:
    text = "\n".join(
        [
            "Council approves new bridge",
            "By Jane Smith",
            "The city council approved a new bridge over the river on Monday.",
            "Photo: Jane Smith/Reuters",
            "Sign up for our morning newsletter.",
            "Work will start next spring, the mayor said.",
            "Share this article",
            "© 2026 Example News. All rights reserved.",
        ]
    )
    page = clean_page(text)
    assert page.body.splitlines() == [
        "The city council approved a new bridge over the river on Monday.",
        "Work will start next spring, the mayor said.",
    ]


def test_sentences_beginning_like_furniture_words_stay() -> None:
    text = "Sources close to the minister said the plan would fail.\nPublished research agrees."
    assert clean_page(text).body == text


def test_credit_and_prompt_sentences_inside_a_paragraph_are_furniture() -> None:
    from digests.clean import is_furniture

    assert is_furniture("CNN's Dana Reyes and Tom Hale contributed to this report.")
    assert is_furniture('Read more: "Night Harbour" from novel to the small screen .')
    assert is_furniture("Click here to access the transcript of today's program.")
    assert is_furniture("Follow Jane Smith on Twitter.")
    assert not is_furniture("Investigators said they would read more of the messages.")
    assert not is_furniture("Fans who follow the band on tour were delighted.")


def test_any_source_tag_glued_to_the_first_word_is_dropped() -> None:
    page = clean_page("(Rolling Stone)Kanye West fans are used to high prices.")
    assert page.body == "Kanye West fans are used to high prices."
    kept = "Apple (AAPL) shares rose 3% on Monday."
    assert clean_page(kept).body == kept


def _article(headline: str) -> str:
    return (
        f"{headline}\n\n"
        "Fewer households are without a fast connection than a year ago, a survey found.\n\n"
        "The gap between the best and worst served regions shrank by a third, it said.\n"
    )


def test_first_line_ending_in_a_quote_is_the_headline() -> None:
    page = clean_page(_article("Broadband gap 'narrowing'"))
    assert page.title == "Broadband gap 'narrowing'"
    assert page.body.startswith("Fewer households")


def test_first_line_ending_in_a_bracket_or_question_is_the_headline() -> None:
    assert clean_page(_article("Leeds v Hull (Sat)")).title == "Leeds v Hull (Sat)"
    assert clean_page(_article("What next for the league?")).title == "What next for the league?"


def test_first_line_that_ends_a_quoted_sentence_is_no_headline() -> None:
    text = 'The mayor said: "We will build it."\nWork starts in May, the council said.'
    page = clean_page(text)
    assert page.title is None
    assert page.body == text


def test_headline_cut_short_is_the_headline_not_a_teaser() -> None:
    page = clean_page(_article("Rivals of the £300 tablet..."))
    assert page.title == "Rivals of the £300 tablet..."
    assert page.body.startswith("Fewer households")
    assert page.body.endswith("it said.")


def test_line_cut_short_inside_the_article_ends_nothing() -> None:
    text = (
        "Council approves new bridge\n"
        "The council voted for the bridge on Monday after a long debate...\n"
        "Work will start next spring, the mayor said.\n"
    )
    assert clean_page(text).body.endswith("Work will start next spring, the mayor said.")
