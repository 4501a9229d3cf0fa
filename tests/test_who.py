"""Who a reader can trust: the people, organisations and places a story is about, once each.

Each article is written for its test after a case a reader met (issue 11).
"""

from __future__ import annotations

from digests import Article, EntityKind, Summary, summarize

PERSON, ORGANIZATION, PLACE = EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.PLACE


def _summary(text: str, title: str | None = None) -> Summary:
    return summarize(Article("story.txt", text, title=title))


def _names(summary: Summary) -> dict[str, EntityKind]:
    return {e.name: e.kind for e in summary.who}


def test_a_street_is_no_name_and_never_glued_to_one() -> None:
    names = _names(
        _summary(
            "A tram derailed and overturned in Croydon on Wednesday morning, injuring 50 people.\n"
            "The tram left the rails on a bend near Addiscombe Road Ben Morgan, a passenger, "
            "said the tram had been going very fast.\n"
            "Ben Morgan said he was thrown across the carriage.",
            title="Tram derails in Croydon",
        )
    )
    assert names.get("Ben Morgan") is PERSON
    assert not [n for n in names if "Addiscombe" in n]
    assert "Croydon Tram" not in names


def test_the_event_place_of_the_lead_is_where() -> None:
    summary = _summary(
        "Seven people died after a tram derailed and overturned in Croydon on Wednesday.\n"
        "Rescuers worked through the morning to free passengers from the carriage.",
        title="Tram derails in south London",
    )
    assert summary.where[:1] == ("Croydon",)


def test_a_product_name_and_everyday_abbreviation_are_no_names() -> None:
    names = _names(
        _summary(
            "Farmers in the valley now sell their crops through the Agricultural Information "
            "System run by a local charity, its director Carlos Mendoza said.\n"
            "The system sends agricultural information by text message, and the panels that "
            "power it resist UV light.\n"
            "Operators plan High-Speed Downlink Packet Access for the network, which brings "
            "high-speed data to the valley, Mendoza said.",
            title="Farmers get crop prices by text",
        )
    )
    assert names.get("Carlos Mendoza") is PERSON
    for wrong in ("Information System", "UV", "Speed Downlink Packet Access"):
        assert wrong not in names, names


def test_a_band_name_with_a_comma_is_one_name() -> None:
    names = _names(
        _summary(
            "Singer David Crosby hit a jogger with his car on Sunday, his spokesman said.\n"
            "Crosby, a founding member of Crosby, Stills & Nash, was not hurt.\n"
            "The jogger was taken to hospital with injuries that were not life-threatening.",
            title="David Crosby hits jogger with car",
        )
    )
    assert names.get("David Crosby") is PERSON
    assert "Stills & Nash" not in names


def test_a_sponsor_of_an_event_is_no_name_and_initials_are_a_name() -> None:
    names = _names(
        _summary(
            "JB Holmes took a two-shot lead at the Honda Classic on Friday with a round of 64.\n"
            "Rory McIlroy threw a club into the water after a bad shot and finished eight shots "
            "behind Holmes.\n"
            "Holmes won the event two years ago.",
            title="Holmes leads in Florida as McIlroy throws club",
        )
    )
    assert names.get("JB Holmes") is PERSON
    assert names.get("Rory McIlroy") is PERSON
    assert "Honda" not in names


def test_a_surname_that_is_a_month_is_a_name() -> None:
    names = _names(
        _summary(
            "The BBC has dropped presenter Jeremy Clarkson from its motoring show, the "
            "broadcaster said on Wednesday.\n"
            "His co-presenter James May said he was sad to see him go.\n"
            "May and Clarkson worked together for twelve years. The BBC TV show is watched in "
            "200 countries.",
            title="BBC drops Clarkson",
        )
    )
    assert names.get("James May") is PERSON
    assert names.get("BBC") is ORGANIZATION
    assert "BBC TV" not in names


def test_an_organisation_and_its_initials_or_spelling_are_one() -> None:
    names = _names(
        _summary(
            "British Airways will cut 600 jobs at its London base, the airline said on Monday.\n"
            "BA said the cuts would save £40m a year. Unions said BA had not consulted them.\n"
            "Media group Time Warner said its profits rose 12%. TimeWarner owns CNN and HBO.",
            title="BA to cut jobs",
        )
    )
    assert names.get("British Airways") is ORGANIZATION
    assert "BA" not in names
    assert names.get("Time Warner") is ORGANIZATION
    assert "TimeWarner" not in names


def test_a_company_and_the_town_it_is_of_are_two_names() -> None:
    names = _names(
        _summary(
            "Harbour Medical Inc said on Friday it bought Lakeside Pharmaceuticals Inc of "
            "St. Petersburg for $40 million in shares.\n"
            "Lakeside makes thyroid drugs, the company said.",
            title="Harbour Medical buys Lakeside",
        )
    )
    assert names.get("Lakeside Pharmaceuticals Inc") is ORGANIZATION
    assert names.get("St. Petersburg") is PLACE


def test_a_country_by_its_short_name_is_a_place() -> None:
    names = _names(
        _summary(
            "Bosnia's ruling party on Friday called on voters to end a boycott of the "
            "elections, state radio said.\n"
            "The party's leader said the vote would go ahead in September.",
            title="Ruling party ends vote boycott",
        )
    )
    assert names.get("Bosnia") is PLACE


def test_the_lead_place_keeps_its_seat_among_many_people() -> None:
    people = [
        "Ann Barrow", "Ben Carver", "Cora Dunne", "Dev Ellery", "Edna Frame", "Finn Garrow",
        "Gita Hollis", "Hugo Ingram", "Iris Jowett", "Jack Kettle", "Kay Lowther", "Leo Marsh",
        "Mia Norwood",
    ]  # fmt: skip
    body = "".join(f"{name} was among the volunteers who filled sandbags.\n" for name in people)
    names = _names(
        _summary(
            "Floods cut off the centre of Leeds on Tuesday after two days of rain.\n" + body,
            title="Floods hit western towns",
        )
    )
    assert len(names) == 12
    assert names.get("Leeds") is PLACE
    assert next(iter(names)) != "Leeds"  # shown by salience, not by where it was named


def test_a_state_abbreviation_in_a_dateline_is_a_place() -> None:
    names = _names(
        _summary(
            "A fire destroyed a warehouse in Sacramento, Calif. The owner, Dana Price, said "
            "nobody was hurt.\n"
            "Officials in Tampa, Fla., said a second fire there was unrelated.",
            title="Warehouse fire",
        )
    )
    assert names.get("Calif.") is PLACE
    assert names.get("Fla.") is PLACE
    assert names.get("Dana Price") is PERSON


def test_towns_and_counties_that_play_are_clubs_and_countries_stay_places() -> None:
    names = _names(
        _summary(
            "Durham beat Sussex by six wickets on Friday to go top of the county table.\n"
            "Spain beat Italy 2-1 in a friendly in Seville on the same evening.\n"
            "Bristol City striker Tom Okafor signed for Dynamo Minsk for an undisclosed fee.\n"
            "Okafor said he was proud to join Dynamo Minsk.",
            title="Durham go top",
        )
    )
    assert names.get("Durham") is ORGANIZATION
    assert names.get("Sussex") is ORGANIZATION
    assert names.get("Spain") is PLACE
    assert names.get("Italy") is PLACE
    assert names.get("Seville") is PLACE
    assert names.get("Bristol City") is ORGANIZATION
    assert names.get("Dynamo Minsk") is ORGANIZATION
    assert names.get("Tom Okafor") is PERSON


def test_the_people_of_a_valley_are_no_place_and_technologies_are_no_organisations() -> None:
    names = _names(
        _summary(
            "The Rural Information Project for Growers of the Kessen Valley sends crop prices "
            "by text message, project manager Ana Ruiz said.\n"
            "The growers pay nothing for the rural information it sends.\n"
            "Ruiz said the network would move from GSM to HSDPA next year, and to WCDMA later.",
            title="Growers get prices by text",
        )
    )
    assert names.get("Ana Ruiz") is PERSON
    assert names.get("Kessen Valley") is PLACE
    assert not [n for n in names if "Growers" in n], names
    for technology in ("GSM", "HSDPA", "WCDMA"):
        assert technology not in names


def test_an_unknown_word_after_club_or_firm_is_an_organisation_unless_a_surname() -> None:
    names = _names(
        _summary(
            "Winger Paolo Renzi has been loaned to club Ventora for a season, newspapers "
            "reported on Friday.\n"
            "The security firm Veloxa said the deal was not its concern.\n"
            "Booksellers made London-based Kemble's novel the favourite, though author Ruth "
            "Kemble said she did not expect to win.",
            title="Renzi loaned to Ventora",
        )
    )
    assert names.get("Ventora") is ORGANIZATION
    assert names.get("Veloxa") is ORGANIZATION
    assert names.get("Ruth Kemble") is PERSON
    assert "Kemble" not in names
