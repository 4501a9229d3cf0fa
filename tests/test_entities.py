"""The "who" of a summary: people, organisations and places, merged, ranked, with roles."""

from __future__ import annotations

from pathlib import Path

import nupunkt
import pytest
from hypothesis import given
from hypothesis import strategies as st

from digests.entities import extract_entities
from digests.gazetteer import is_known_organization, is_place, place_of_adjective
from digests.model import Entity, EntityKind

PERSON, ORGANIZATION, PLACE = EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.PLACE
SEED_TITLE = "Putin promises Belarus Iskander-M missiles to counter \u2018aggressive\u2019 West"


def split(text: str) -> list[str]:
    return [sentence for sentence in nupunkt.sent_tokenize(text) if isinstance(sentence, str)]


def sentences_of(text: str) -> list[str]:
    """The sentences of each paragraph (paragraphs are separated by blank lines)."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    return [sentence for p in paragraphs for sentence in split(p)]


def who(text: str, title: str | None = None, limit: int = 12) -> list[Entity]:
    return extract_entities(title, sentences_of(text), limit)


def by_name(entities: list[Entity]) -> dict[str, Entity]:
    return {entity.name: entity for entity in entities}


# --- The seed article -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_entities(seed_text: str) -> list[Entity]:
    start = seed_text.index("Russia will supply Belarus")
    last = "passenger traffic is unaffected."
    body = seed_text[start : seed_text.index(last) + len(last)]
    return extract_entities(SEED_TITLE, sentences_of(body))


def test_seed_putin_then_lukashenko_with_their_roles(seed_entities: list[Entity]) -> None:
    assert seed_entities[:2] == [
        Entity("Vladimir Putin", PERSON, "Russian President"),
        Entity("Alexander Lukashenko", PERSON, "Belarusian President"),
    ]


def test_seed_organisations_and_places(seed_entities: list[Entity]) -> None:
    found = by_name(seed_entities)
    assert found["NATO"].kind is ORGANIZATION
    for place in ("Lithuania", "Poland", "Belarus", "Russia", "Minsk"):
        assert found[place] == Entity(place, PLACE)


def test_seed_weapons_adjectives_and_function_words_are_no_one(
    seed_entities: list[Entity],
) -> None:
    names = {entity.name for entity in seed_entities}
    assert not names & {"In", "He", "At", "Russian", "Western", "Soviet", "West"}
    for entity in seed_entities:
        if any(weapon in entity.name for weapon in ("Iskander", "Su-25", "SS-26", "Stone", "Scud")):
            assert entity.kind is not PERSON


def test_seed_has_no_duplicates_and_only_people_have_roles(seed_entities: list[Entity]) -> None:
    names = [entity.name for entity in seed_entities]
    assert len(names) == len(set(names))
    assert "Putin" not in names and "Lukashenko" not in names
    assert all(entity.role is None for entity in seed_entities if entity.kind is not PERSON)


# --- Short passages of different shapes -------------------------------------------------------


def test_wire_dateline_is_a_place_and_the_agency_credit_is_not_counted() -> None:
    entities = who(
        "WASHINGTON (Reuters) - U.S. Treasury Secretary Janet Yellen said on Tuesday that the "
        "economy was slowing. Yellen told lawmakers that inflation would ease by next year."
    )
    assert entities[0] == Entity("Janet Yellen", PERSON, "U.S. Treasury Secretary")
    found = by_name(entities)
    assert found["WASHINGTON"].kind is PLACE
    assert found["U.S."].kind is PLACE
    assert "Reuters" not in found
    assert "Yellen" not in found


def test_cnn_credit_and_city_dateline() -> None:
    entities = who(
        "Boston (CNN)Police in Boston arrested Jamal Carter on Monday. Carter was released on "
        "bail, a police spokesman said."
    )
    assert entities[0] == Entity("Jamal Carter", PERSON)
    assert by_name(entities)["Boston"].kind is PLACE
    assert "CNN" not in by_name(entities)


def test_sports_report() -> None:
    entities = who(
        "Marcus Rashford scored twice as Manchester United beat Arsenal 3-1 at Old Trafford on "
        'Sunday. Rashford now has ten goals this season. "We showed real character," United '
        "manager Ruben Amorim said. Arsenal goalkeeper David Raya was at fault for the second "
        "goal."
    )
    assert entities[0] == Entity("Marcus Rashford", PERSON)
    found = by_name(entities)
    assert found["Manchester United"].kind is ORGANIZATION
    assert found["Arsenal"].kind is ORGANIZATION
    assert found["Ruben Amorim"] == Entity("Ruben Amorim", PERSON, "United manager")
    assert found["David Raya"] == Entity("David Raya", PERSON, "Arsenal goalkeeper")


def test_business_story_with_a_chief_executive_appositive() -> None:
    entities = who(
        "Acme Corp said on Monday that its quarterly profit rose 12%, beating forecasts. "
        '"Demand was strong everywhere," said Jane Doe, the chief executive of Acme Corp, in a '
        "statement. Doe said the company would hire 500 people in Ohio."
    )
    assert entities[0] == Entity("Jane Doe", PERSON, "chief executive of Acme Corp")
    found = by_name(entities)
    assert found["Acme Corp"].kind is ORGANIZATION
    assert found["Ohio"].kind is PLACE


def test_honorifics_merge_into_the_full_name_and_give_no_role() -> None:
    entities = who(
        "David Crosby hit a jogger with his car on Sunday. Mr Crosby was not impaired, police "
        "said. Mr. Crosby did not see the jogger, said Michael Jensen, a Crosby spokesman."
    )
    assert entities[0] == Entity("David Crosby", PERSON)
    found = by_name(entities)
    assert found["Michael Jensen"] == Entity("Michael Jensen", PERSON, "Crosby spokesman")
    assert "Crosby" not in found and "Mr Crosby" not in found


def test_the_bank_of_england_and_its_governor() -> None:
    entities = who(
        "The Bank of England raised interest rates to 5.25% on Thursday. Governor Andrew Bailey "
        "said inflation was still too high. Bailey said the Bank of England would act again."
    )
    assert entities[0] == Entity("Andrew Bailey", PERSON, "Governor")
    assert entities[1] == Entity("Bank of England", ORGANIZATION)


def test_role_with_an_organisation_in_it_names_the_organisation_too() -> None:
    entities = who(
        "University of Oklahoma President David Boren expelled two students on Tuesday. Boren "
        "said the chant was disgraceful."
    )
    assert entities[0] == Entity("David Boren", PERSON, "University of Oklahoma President")
    assert by_name(entities)["University of Oklahoma"].kind is ORGANIZATION


def test_lowercase_role_words_before_a_name() -> None:
    entities = who(
        "More than 100 schools have been renamed. Government spokesman Mushtaq Ghani said the "
        "names honour the children. According to California Highway Patrol Spokesman Don "
        "Clotworthy, the driver was not impaired."
    )
    found = by_name(entities)
    assert found["Mushtaq Ghani"].role == "Government spokesman"
    assert found["Don Clotworthy"].role == "California Highway Patrol Spokesman"
    assert found["California Highway Patrol"].kind is ORGANIZATION


def test_city_state_pattern_and_possessive_organisation_in_a_role() -> None:
    entities = who(
        "The accident happened in Santa Ynez, California, on Sunday. Apple's chief executive "
        "Tim Cook was not involved. Cook later visited Vallejo, California."
    )
    found = by_name(entities)
    assert found["Tim Cook"] == Entity("Tim Cook", PERSON, "Apple's chief executive")
    assert found["Apple"].kind is ORGANIZATION
    assert found["Santa Ynez"].kind is PLACE
    assert found["Vallejo"].kind is PLACE
    assert found["California"].kind is PLACE


def test_shared_surnames_stay_two_people() -> None:
    entities = who(
        "Serena Williams beat her sister Venus Williams in the final on Saturday. Williams "
        "served 12 aces. Venus said she was proud of her sister."
    )
    names = [entity.name for entity in entities]
    assert names[:2] == ["Serena Williams", "Venus Williams"]
    assert "Williams" not in names and "Venus" not in names


def test_a_work_in_quotes_is_no_person_and_adjectives_are_no_one() -> None:
    entities = who(
        'Actor Jon Hamm starred in "Mad Men" for seven seasons. Russian officials and Western '
        "diplomats praised the Soviet-era drama."
    )
    assert entities[0] == Entity("Jon Hamm", PERSON, "Actor")
    names = {entity.name for entity in entities}
    assert not names & {"Mad Men", "Russian", "Western", "Soviet"}


def test_the_title_tips_the_balance() -> None:
    body = "Angela Merkel and Emmanuel Macron met in Berlin on Monday. Macron and Merkel agreed."
    assert who(body)[0].name == "Angela Merkel"
    assert who(body, title="Macron wins over Berlin")[0].name == "Emmanuel Macron"


def test_limit_and_empty_input() -> None:
    text = "Lithuania, Poland, Latvia, Estonia and Finland border Russia."
    assert len(who(text, limit=3)) == 3
    assert who(text, limit=0) == []
    assert extract_entities(None, []) == []
    assert extract_entities("Only A Title", [""]) == []


# --- Roles with lower-case modifiers, company words, tails of names, works ---------------------


def test_a_lower_case_modifier_stays_in_the_role_before_a_name() -> None:
    found = by_name(
        who(
            "Hotel bookings fell by a third, said tourism minister Ana Costa on Friday. The "
            "novel's author, Irish playwright Conor Byrne, said he was delighted. Prices will "
            "rise, said economist Marek Novak at Nordbank."
        )
    )
    assert found["Ana Costa"] == Entity("Ana Costa", PERSON, "tourism minister")
    assert found["Conor Byrne"] == Entity("Conor Byrne", PERSON, "Irish playwright")
    assert found["Marek Novak"] == Entity("Marek Novak", PERSON, "economist")


def test_verbs_and_function_words_stay_out_of_the_role() -> None:
    found = by_name(
        who(
            "The board voted to replace coach Tim Hale on Friday. The club, which includes "
            "striker Leo Marsh, was relegated in May."
        )
    )
    assert found["Tim Hale"].role == "coach"
    assert found["Leo Marsh"].role == "striker"


def test_mp_before_a_name_is_a_title() -> None:
    entities = who(
        '"We will not back down," MP Grace Otim told parliament. Otim said the vote was close.'
    )
    assert entities[0] == Entity("Grace Otim", PERSON, "MP")


@pytest.mark.parametrize(
    "name",
    [
        "Harmon Brothers",
        "Carter Associates",
        "Bellamy Partners",
        "Orion Holdings",
        "Keller Industries",
        "Vance Enterprises",
        "Dawlish Sons",
    ],
)
def test_plural_company_words_make_an_organisation(name: str) -> None:
    found = by_name(who(f"Shares in {name} fell 5% on Monday after a profit warning."))
    assert found[name].kind is ORGANIZATION


def test_an_organisation_named_by_the_tail_of_a_longer_one_merges_into_it() -> None:
    entities = who(
        "The Kenyan Film Board banned the documentary on Monday. The Film Board said the film "
        "would not be shown in Nairobi. Protesters gathered outside the Film Board."
    )
    found = by_name(entities)
    assert found["Kenyan Film Board"].kind is ORGANIZATION
    assert "Film Board" not in found
    assert entities[0].name == "Kenyan Film Board"


def test_a_shared_tail_of_two_organisations_stays_apart() -> None:
    found = by_name(
        who(
            "The Kenyan Film Board and the Ugandan Film Board met in Nairobi. The Film Board "
            "chairman did not attend."
        )
    )
    assert {"Kenyan Film Board", "Ugandan Film Board"} <= set(found)


def test_a_capitalised_run_ending_in_a_plural_noun_is_no_person() -> None:
    entities = who(
        "Tickets for Silver Sparrows sold out in an hour. The band is named after the sparrows "
        "that nest in the singer's garden. Thousands came to hear the Paper Lanterns in Leeds "
        "on Saturday."
    )
    people = {entity.name for entity in entities if entity.kind is PERSON}
    assert not people & {"Silver Sparrows", "Paper Lanterns"}
    assert "Leeds" in by_name(entities)


def test_a_surname_that_is_also_a_plural_noun_stays_a_person() -> None:
    entities = who(
        "Rachel Woods, who runs a hiking club, was lost in the woods for two days. Woods said "
        "she had followed the wrong path."
    )
    assert entities[0] == Entity("Rachel Woods", PERSON)


@pytest.mark.parametrize("work", ["play", "film", "book", "album", "song", "series", "show"])
def test_a_run_after_the_play_or_the_film_is_a_title_not_an_entity(work: str) -> None:
    names = {
        entity.name
        for entity in who(
            f"Critics in London praised the {work} Martha Quinn, which opened in May. Actor "
            "Sam Reid has a small part in it."
        )
    }
    assert "Martha Quinn" not in names
    assert {"London", "Sam Reid"} <= names
    opening = who(f"Critics were kind. The {work} Martha Quinn opened in May.")
    assert "Martha Quinn" not in {entity.name for entity in opening}


# --- The gazetteer ----------------------------------------------------------------------------


def test_gazetteer_places_adjectives_and_organisations() -> None:
    assert is_place("Minsk") and is_place("St Petersburg") and is_place("California")
    assert not is_place("minsk") and not is_place("Table")
    assert place_of_adjective("Russian") == "Russia"
    assert place_of_adjective("Belarusian") == "Belarus"
    assert place_of_adjective("Table") is None
    assert is_known_organization("NATO") and not is_known_organization("Minsk")


# --- Held-out dev articles (second half of the CNN/DailyMail folder, read by hand) ------------


@pytest.mark.parametrize(
    ("article", "name", "role"),
    [
        ("9b040dde80ca3388e9ce9512bb270c2a9e72f1de", "Kyle Waring", "self-styled entrepreneur"),
        ("a9cafc78f155e2de083c51e544e320dfaa201edb", "Denise Huskins", None),
        ("acef15de28a186c68b3051ee8c9f1bd6953ede4b", "Taraji P. Henson", "Actress"),
        ("b130dc8131c488416cc9ea176b36ab4d18f3b3b1", "Cecil Smith", None),
    ],
)
def test_held_out_dev_article_main_person_is_in_the_top_three(
    dev_data: Path, article: str, name: str, role: str | None
) -> None:
    text = (dev_data / "dev" / "cnndm" / "articles" / f"{article}.txt").read_text("utf-8")
    top = extract_entities(None, split(text))[:3]
    assert Entity(name, PERSON, role) in top


# --- Properties -------------------------------------------------------------------------------

RSQUO = "\u2019"
WORDS = [
    *["President", "Vladimir", "Putin", f"Putin{RSQUO}s", "Mr", "Mr.", "Dr", "Sen.", "of", "the"],
    *["a", ",", ".", ";", "\u201c", "\u201d", "'", f"{RSQUO}s", "'s", "(", ")", "(CNN)", "-"],
    *["\u2014", "U.S.", "U.S.-led", "NATO", "Belarus", f"Belarus{RSQUO}s", "Russian", "chief"],
    *["executive", "spokesman", "said", "In", "He", "The", "Bank", "England", "Santa", "Ynez"],
    *["California", "Iskander-M", "Su-25", "O'Brien", "al-Assad", "&", "St", "Petersburg"],
    *["WASHINGTON", "(Reuters)", "Monday", "May", "Jr.", "W.", "former", "tennis", "star", "\n"],
    "Apple's",
]
texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join),
    st.lists(st.sampled_from(WORDS), max_size=40).map("".join),
)


@given(title=st.one_of(st.none(), texts), sentences=st.lists(texts, max_size=6))
def test_any_text_gives_substrings_without_duplicates(
    title: str | None, sentences: list[str]
) -> None:
    entities = extract_entities(title, sentences)
    names = [entity.name for entity in entities]
    assert len(names) == len(set(names))
    for entity in entities:
        assert entity.name and any(entity.name in sentence for sentence in sentences)
        if entity.role is not None:
            assert entity.kind is PERSON
            assert any(entity.role in sentence for sentence in sentences)
