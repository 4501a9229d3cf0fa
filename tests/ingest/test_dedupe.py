"""Dedupe keys: canonical URLs, text fingerprints, and clusters of one event's reports."""

from __future__ import annotations

import itertools
import random
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from digests.ingest.dedupe import (
    CLUSTER_THRESHOLD,
    best_cluster,
    canonical_url,
    fingerprint,
    signature,
    similarity,
)

# ---- canonical URLs ------------------------------------------------------------------------


def test_tracking_fragment_host_case_and_default_port_give_one_key() -> None:
    variants = [
        "https://www.example.com/news/fed-holds-rates?id=12",
        "HTTPS://WWW.Example.COM/news/fed-holds-rates?id=12",
        "https://www.example.com:443/news/fed-holds-rates?id=12",
        "https://www.example.com/news/fed-holds-rates?id=12#comments",
        "https://www.example.com/news/fed-holds-rates?utm_source=rss&utm_medium=feed&id=12",
        "https://www.example.com/news/fed-holds-rates?id=12&fbclid=IwAR0abc&gclid=xyz&ref=hp",
        "https://www.example.com/news/fed-holds-rates?UTM_Campaign=x&id=12&mc_cid=1&mc_eid=2",
        "https://www.example.com/news/fed-holds-rates/?id=12",
        "https://www.example.com//news//fed-holds-rates?id=12",
        "https://www.example.com/news/./world/../fed-holds-rates?id=12",
        "https://www.example.com/news/fed-holds-rates?id=12&igshid=a&ocid=b&smid=c&_ga=d&spm=e",
        "https://www.example.com/news/fed-holds-rates?at_medium=x&at_campaign=y&cmpid=z&id=12",
        "https://reader:secret@www.example.com/news/fed-holds-rates?id=12",
        "  https://www.example.com/news/fed-holds-rates?id=12\n",
        "https://www.example.com./news/fed-holds-rates?id=12",
    ]
    keys = {canonical_url(url) for url in variants}
    assert keys == {"https://www.example.com/news/fed-holds-rates?id=12"}


def test_the_scheme_is_kept_for_http_only_sites() -> None:
    assert canonical_url("HTTP://example.com:80/a?utm_source=x") == "http://example.com/a"
    assert canonical_url("http://example.com:443/a") == "http://example.com:443/a"


def test_remaining_query_parameters_are_sorted_by_name() -> None:
    assert canonical_url("https://example.com/a?page=2&id=7&lang=en") == canonical_url(
        "https://example.com/a?lang=en&id=7&page=2"
    )
    # A repeated name keeps its values' order: sites may read them as a list.
    assert canonical_url("https://example.com/a?t=2&b=1&t=1") == "https://example.com/a?b=1&t=2&t=1"


def test_percent_escapes_are_written_one_way() -> None:
    assert canonical_url("https://example.com/caf%c3%a9/%7Euser") == canonical_url(
        "https://example.com/café/~user"
    )
    assert canonical_url("https://example.com/caf%c3%a9") == "https://example.com/caf%C3%A9"


def test_root_path_and_other_ports_are_kept() -> None:
    assert canonical_url("HTTP://Example.com") == "http://example.com/"
    assert canonical_url("https://example.com/?utm_source=x#top") == "https://example.com/"
    assert canonical_url("http://example.com:8080/a/") == "http://example.com:8080/a"
    assert canonical_url("http://[2001:DB8::1]:8080/a") == "http://[2001:db8::1]:8080/a"


def test_international_host_is_idna_encoded() -> None:
    assert canonical_url("https://Bücher.example/neu") == "https://xn--bcher-kva.example/neu"
    assert canonical_url("https://xn--bcher-kva.example/neu") == "https://xn--bcher-kva.example/neu"


def test_different_articles_give_different_keys() -> None:
    urls = [
        "https://example.com/news/fed-holds-rates",
        "https://example.com/news/Fed-Holds-Rates",  # paths keep their case
        "https://example.com/news/fed-cuts-rates",
        "https://example.com/article?id=12",
        "https://example.com/article?id=13",
        "https://example.com/article?page=2&id=12",
        "https://example.org/news/fed-holds-rates",
        "https://news.example.com/news/fed-holds-rates",
        "https://example.com:8443/news/fed-holds-rates",
    ]
    assert len({canonical_url(url) for url in urls}) == len(urls)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "-",
        "stories/fed.txt",
        "/home/ann/news/fed.html",
        "example.com/news",
        "mailto:desk@example.com",
        "ftp://example.com/file.txt",
        "http://",
        "http://example.com:port/a",
        "http://example.com:99999/a",
        "http://[::1/a",
        "http://exa mple.com/a",
        "https://exa<mple.com/a",
    ],
)
def test_text_that_is_no_http_url_comes_back_stripped(text: str) -> None:
    assert canonical_url(f" {text} ") == text


URL_CHARS = string.ascii_letters + string.digits + "-._~:/?#[]@!$&'()*+,;=% ü€\t"
url_like = st.builds(
    "{}://{}{}".format,
    st.sampled_from(["http", "https", "HTTP", "ftp", "", "hTTps"]),
    st.text(alphabet=string.ascii_letters + string.digits + ".-:[]@üß", max_size=30),
    st.text(alphabet=URL_CHARS, max_size=60),
)


@given(st.one_of(st.text(), url_like))
def test_canonical_url_never_raises_and_is_idempotent(url: str) -> None:
    key = canonical_url(url)
    assert isinstance(key, str)
    assert canonical_url(key) == key


# ---- fingerprints --------------------------------------------------------------------------

ARTICLE = (
    "The Federal Reserve left interest rates unchanged on Wednesday. “We are not there yet,” "
    "Jerome Powell told reporters — adding that inflation remains above the 2% target.\n\n"
    "Markets had expected the decision."
)


def test_rescraped_text_with_other_whitespace_and_quotes_has_the_same_fingerprint() -> None:
    rescraped = (
        "  The Federal  Reserve left interest rates unchanged\non Wednesday.\n"
        '"We are not there yet," Jerome Powell told reporters - adding that inflation '
        "remains above the 2% target.\r\nMarkets had expected the decision. "
    )
    assert fingerprint(rescraped) == fingerprint(ARTICLE)
    assert fingerprint(ARTICLE.upper()) == fingerprint(ARTICLE)
    assert fingerprint(ARTICLE.replace("\u2019", "'")) == fingerprint(ARTICLE)


def test_a_changed_sentence_changes_the_fingerprint() -> None:
    changed = ARTICLE.replace("Markets had expected", "Markets had not expected")
    assert fingerprint(changed) != fingerprint(ARTICLE)
    assert fingerprint(ARTICLE.replace("2%", "3%")) != fingerprint(ARTICLE)


def test_fingerprint_is_a_128_bit_hex_digest() -> None:
    digest = fingerprint(ARTICLE)
    assert len(digest) == 32
    assert int(digest, 16) >= 0


# ---- clusters: pairs written for CLUSTER_THRESHOLD -----------------------------------------

Story = tuple[str, tuple[str, ...]]

FED_HOLD_WIRE: Story = (
    "Fed holds rates steady, still sees two cuts this year",
    (
        "The Federal Reserve left its benchmark overnight interest rate unchanged in the "
        "5.25%-5.50% range on Wednesday, as widely expected.",
        "Policymakers still project two quarter-point rate cuts by the end of 2024, new "
        "quarterly projections showed.",
        "Fed Chair Jerome Powell told reporters that inflation had eased substantially but "
        "remained above the central bank's 2% target.",
        "U.S. stocks extended gains after the decision, with the S&P 500 up 0.6%.",
    ),
)
FED_HOLD_BROADCAST: Story = (
    "US interest rates held at 23-year high as Federal Reserve waits on inflation",
    (
        "The US central bank has kept interest rates on hold at between 5.25% and 5.5%, "
        "the highest level for 23 years.",
        "Federal Reserve chairman Jerome Powell said officials needed greater confidence that "
        "inflation was moving sustainably towards its 2% goal.",
        "Officials still expect to cut rates twice before the end of the year.",
        "The decision had been widely expected by investors.",
    ),
)
FED_HIKE_JULY: Story = (
    "Fed raises rates to 22-year high, leaves door open to another hike",
    (
        "The Federal Reserve raised its benchmark interest rate by a quarter of a percentage "
        "point to the 5.25%-5.50% range on Wednesday, the highest in 22 years.",
        "Fed Chair Jerome Powell said it was possible the central bank would raise rates again "
        "in September if the data warranted it.",
        "Inflation has fallen from a peak of 9.1% last June but remains well above the 2% target.",
    ),
)
FED_CUT_SEPT: Story = (
    "Fed cuts rates by half a point in first reduction since 2020",
    (
        "The Federal Reserve cut interest rates by half a percentage point on Wednesday, "
        "lowering its policy rate to the 4.75%-5.00% range.",
        "It was the first rate cut since the early days of the Covid-19 pandemic in March 2020.",
        "Fed Governor Michelle Bowman dissented in favour of a smaller quarter-point cut.",
        "Chair Jerome Powell said the move reflected growing confidence that inflation was "
        "heading back to 2%.",
    ),
)

LIVERPOOL_CITY_WIRE: Story = (
    "Salah double sends Liverpool top with 2-1 win over Manchester City",
    (
        "Mohamed Salah scored twice as Liverpool came from behind to beat Manchester City 2-1 "
        "at Anfield on Sunday and move top of the Premier League.",
        "Erling Haaland had given City the lead in the 27th minute.",
        "Salah equalised from close range after the break and won the match with a penalty in "
        "the 84th minute.",
        "Liverpool now lead Arsenal by two points with nine games left.",
    ),
)
LIVERPOOL_CITY_BROADCAST: Story = (
    "Liverpool 2-1 Man City: Reds go top after Mohamed Salah scores twice",
    (
        "Liverpool moved to the top of the Premier League after Mohamed Salah's late penalty "
        "completed a comeback victory against champions Manchester City.",
        "Haaland put the visitors ahead with a header before half-time.",
        "Salah levelled early in the second half and then converted from the spot with six "
        "minutes remaining.",
        "Jurgen Klopp's side are two points clear of Arsenal.",
    ),
)
LIVERPOOL_ARSENAL: Story = (
    "Liverpool held to goalless draw by Arsenal at Anfield",
    (
        "Liverpool and Arsenal drew 0-0 at Anfield on Saturday in a tense Premier League "
        "meeting between the title rivals.",
        "Mohamed Salah hit the post for Liverpool in the first half.",
        "Arsenal goalkeeper David Raya made a fine late save from Darwin Nunez.",
        "The result leaves Liverpool one point ahead of Arsenal at the top of the table.",
    ),
)
CITY_CHELSEA: Story = (
    "Haaland hat-trick as Manchester City beat Chelsea 3-1",
    (
        "Erling Haaland scored a hat-trick as Manchester City beat Chelsea 3-1 at the Etihad "
        "on Saturday to close the gap on Liverpool at the top of the Premier League.",
        "Cole Palmer had equalised for Chelsea with a penalty against his former club.",
        "Pep Guardiola's side have now won eight league games in a row.",
    ),
)

QUAKE_MOROCCO_WIRE: Story = (
    "Morocco earthquake kills more than 2,000 people",
    (
        "A powerful earthquake struck Morocco's High Atlas mountains late on Friday, killing "
        "more than 2,000 people, the interior ministry said.",
        "The magnitude 6.8 quake was centred about 72 km (45 miles) south-west of Marrakech.",
        "Rescuers were digging through the rubble of collapsed homes in remote villages.",
        "King Mohammed VI declared three days of national mourning.",
    ),
)
QUAKE_MOROCCO_BROADCAST: Story = (
    "Morocco quake: Death toll passes 2,000 as rescuers search rubble",
    (
        "More than 2,000 people have died after a 6.8-magnitude earthquake hit Morocco, "
        "officials say.",
        "The epicentre was in the Atlas mountains, 72km from the tourist city of Marrakech.",
        "Many of the victims lived in mountain villages where mud-brick houses collapsed.",
        "Three days of national mourning have been declared.",
    ),
)
QUAKE_TURKEY: Story = (
    "Turkey-Syria earthquake death toll passes 20,000",
    (
        "The death toll from the earthquake that struck Turkey and Syria on Monday has passed "
        "20,000, officials said.",
        "The magnitude 7.8 quake hit near the Turkish city of Gaziantep before dawn.",
        "Rescuers were still pulling survivors from the rubble of collapsed buildings.",
        "President Recep Tayyip Erdogan declared a three-month state of emergency in ten "
        "provinces.",
    ),
)

MSFT_ACTIVISION_WIRE: Story = (
    "Microsoft to buy Activision Blizzard for $68.7 billion in biggest gaming deal",
    (
        "Microsoft Corp said on Tuesday it would buy Activision Blizzard Inc for $68.7 "
        "billion in cash.",
        "The deal, at $95 a share, is the biggest in the history of the video game industry.",
        "Activision chief executive Bobby Kotick will continue to run the company until the "
        "deal closes.",
        "Activision shares jumped 26% in premarket trading.",
    ),
)
MSFT_ACTIVISION_BROADCAST: Story = (
    "Microsoft buys Call of Duty maker Activision Blizzard for $69bn",
    (
        "Microsoft is buying Activision Blizzard, the maker of Call of Duty and Candy Crush, "
        "for $68.7bn (£50.5bn).",
        "It will pay $95 for each Activision share, in what would be the tech giant's "
        "largest acquisition.",
        "Boss Bobby Kotick, who has faced criticism over the firm's workplace culture, will "
        "stay on until the deal is completed.",
    ),
)
MSFT_LINKEDIN: Story = (
    "Microsoft to buy LinkedIn for $26.2 billion",
    (
        "Microsoft Corp said on Monday it would buy professional social network LinkedIn "
        "Corp for $26.2 billion in cash.",
        "Microsoft will pay $196 a share, a 50% premium to LinkedIn's closing price on Friday.",
        "LinkedIn chief executive Jeff Weiner will remain in his role and report to Satya Nadella.",
    ),
)

ELECTION_CALL_WIRE: Story = (
    "UK PM Sunak calls July 4 election",
    (
        "British Prime Minister Rishi Sunak on Wednesday called a national election for "
        "July 4, betting he can overturn a large opinion poll lead held by the opposition "
        "Labour Party.",
        "Speaking outside his Downing Street office in the rain, Sunak said the country had "
        "turned a corner on inflation.",
        "Labour leader Keir Starmer said the election was a chance for change.",
    ),
)
ELECTION_CALL_BROADCAST: Story = (
    "Rishi Sunak announces general election for 4 July",
    (
        "Rishi Sunak has announced that the UK will go to the polls on 4 July.",
        "Speaking in Downing Street as heavy rain fell, the prime minister said the time had "
        "come for Britain to choose its future.",
        "Sir Keir Starmer's Labour Party has a double-digit lead in the opinion polls.",
        "Parliament will be dissolved next week.",
    ),
)
ELECTION_RESULT: Story = (
    "Labour wins UK election landslide as Starmer becomes prime minister",
    (
        "Keir Starmer's Labour Party won a landslide victory in the UK general election, "
        "ending 14 years of Conservative government.",
        "Labour won 412 of the 650 seats in parliament, while Rishi Sunak's Conservatives "
        "were reduced to 121.",
        "Sunak conceded defeat and apologised to Conservative candidates who lost their seats.",
    ),
)

OUTAGE_WIRE: Story = (
    "Faulty CrowdStrike update causes global IT outage, grounding flights",
    (
        "A faulty software update from cybersecurity firm CrowdStrike caused a global IT "
        "outage on Friday, grounding flights and knocking banks and broadcasters offline.",
        "Computers running Microsoft Windows displayed the so-called blue screen of death.",
        "CrowdStrike chief executive George Kurtz said the problem was not a cyberattack and "
        "a fix had been deployed.",
        "Shares in CrowdStrike fell 11%.",
    ),
)
OUTAGE_BROADCAST: Story = (
    "Global IT outage: Airlines, banks and broadcasters hit by CrowdStrike glitch",
    (
        "Airlines, banks, hospitals and broadcasters around the world have been hit by a "
        "major IT outage.",
        "The problem was caused by an update to CrowdStrike software used on Microsoft "
        "Windows machines.",
        "CrowdStrike boss George Kurtz said it was not a security incident or cyber attack.",
        "Thousands of flights were cancelled.",
    ),
)
OUTAGE_AWS: Story = (
    "Amazon Web Services outage knocks websites and apps offline",
    (
        "An outage at Amazon Web Services on Tuesday knocked thousands of websites and apps "
        "offline, including Disney+ and Netflix.",
        "Amazon said the problem was caused by an automated process in its US-EAST-1 region.",
        "Services were restored after about seven hours.",
    ),
)

VERDICT_WIRE: Story = (
    "Trump found guilty on all 34 counts in hush money trial",
    (
        "A New York jury on Thursday found Donald Trump guilty of falsifying documents to "
        "cover up a hush money payment to porn star Stormy Daniels.",
        "Trump was convicted on all 34 felony counts and becomes the first former U.S. "
        "president to be convicted of a crime.",
        "Justice Juan Merchan set sentencing for July 11.",
        "Trump called the trial a disgrace and said the real verdict would come in November.",
    ),
)
VERDICT_BROADCAST: Story = (
    "Donald Trump convicted in hush-money trial, a first for a former US president",
    (
        "Donald Trump has been found guilty of all 34 charges of falsifying business records "
        "in his New York hush-money trial.",
        "The jury of 12 New Yorkers reached the unanimous verdict after two days of deliberations.",
        "He will be sentenced on 11 July.",
        "Mr Trump told reporters the trial had been rigged.",
    ),
)
SENTENCING_DELAYED: Story = (
    "Judge postpones Trump sentencing in hush money case until after election",
    (
        "Justice Juan Merchan on Friday postponed Donald Trump's sentencing in his New York "
        "hush money case until November 26.",
        "Trump had been due to be sentenced on September 18.",
        "The judge said the delay would avoid any appearance that the court was trying to "
        "affect the presidential election.",
    ),
)

# Held out: written after the weights and CLUSTER_THRESHOLD were chosen.

BOE_CUT_WIRE: Story = (
    "Bank of England cuts rates for first time since 2020",
    (
        "The Bank of England cut interest rates on Thursday for the first time since the start "
        "of the COVID-19 pandemic, lowering Bank Rate to 5.0% from 5.25%.",
        "The Monetary Policy Committee voted 5-4 for the cut, with Governor Andrew Bailey "
        "casting the deciding vote.",
        "Bailey said the bank would need to be careful not to cut rates too quickly or by "
        "too much.",
        "Sterling fell half a cent against the dollar after the decision.",
    ),
)
BOE_CUT_BROADCAST: Story = (
    "Interest rates cut to 5% in first fall in four years",
    (
        "The Bank of England has cut interest rates from a 16-year high of 5.25% to 5%.",
        "It is the first reduction since March 2020, and will bring relief to millions of "
        "mortgage holders.",
        "The decision was a close call, with five members of the bank's nine-member committee "
        "voting in favour.",
        "Governor Andrew Bailey warned that rates would not come down quickly.",
    ),
)
BOE_HOLD: Story = (
    "Bank of England holds rates at 5.25% as inflation falls to target",
    (
        "The Bank of England kept interest rates at a 16-year high of 5.25% on Thursday, "
        "despite inflation falling to its 2% target.",
        "Seven members of the Monetary Policy Committee voted to hold, while two voted for a cut.",
        "Governor Andrew Bailey said the bank needed to be sure inflation would stay low.",
    ),
)
BOEING_WIRE: Story = (
    "Alaska Airlines grounds Boeing 737 MAX 9 jets after cabin panel blows out",
    (
        "Alaska Airlines grounded its fleet of 65 Boeing 737 MAX 9 aircraft on Saturday after a "
        "cabin panel blew out in mid-air shortly after take-off from Portland, Oregon.",
        "Flight 1282 returned safely to Portland with 171 passengers and six crew on board.",
        "The Federal Aviation Administration said it was investigating the incident.",
    ),
)
BOEING_BROADCAST: Story = (
    "Boeing 737 Max 9: Plane window and fuselage blow out mid-flight",
    (
        "An Alaska Airlines flight was forced to make an emergency landing after a window and "
        "part of the fuselage blew out at 16,000ft.",
        "The Boeing 737 Max 9 had just taken off from Portland, Oregon, bound for Ontario, "
        "California.",
        "None of the 171 passengers and six crew were seriously hurt.",
        "The airline has temporarily grounded all 65 of its Max 9 planes.",
    ),
)
STARLINER: Story = (
    "Boeing Starliner astronauts' return delayed again by thruster problems",
    (
        "NASA said on Friday that the return of Boeing's Starliner capsule from the "
        "International Space Station had been delayed again.",
        "Astronauts Butch Wilmore and Suni Williams have been on the station since June 6.",
        "Engineers are still studying helium leaks and thruster failures.",
    ),
)
UCL_WIRE: Story = (
    "Real Madrid beat Dortmund 2-0 to win 15th European Cup",
    (
        "Real Madrid won the Champions League for a record-extending 15th time on Saturday, "
        "beating Borussia Dortmund 2-0 at Wembley.",
        "Dani Carvajal headed the opener in the 74th minute and Vinicius Jr added the second.",
        "Dortmund had wasted several chances in the first half.",
        "It was Toni Kroos's last club game before retirement.",
    ),
)
UCL_BROADCAST: Story = (
    "Borussia Dortmund 0-2 Real Madrid: Carlo Ancelotti's side win Champions League again",
    (
        "Real Madrid claimed a 15th European Cup as they beat Borussia Dortmund at Wembley.",
        "Dani Carvajal's header broke the deadlock with 16 minutes left before Vinicius Junior "
        "doubled the lead.",
        "Dortmund had the better of the first half but failed to take their chances.",
    ),
)
MBAPPE: Story = (
    "Kylian Mbappe joins Real Madrid on five-year deal",
    (
        "Real Madrid have signed France captain Kylian Mbappe on a free transfer from Paris "
        "St-Germain.",
        "The 25-year-old forward has agreed a contract until 2029.",
        "Mbappe scored 256 goals in 308 games for PSG.",
    ),
)
ALTMAN_WIRE: Story = (
    "OpenAI ousts CEO Sam Altman, says board lost confidence",
    (
        "OpenAI said on Friday it had removed Sam Altman as chief executive after a review "
        "found he was not consistently candid in his communications with the board.",
        "Chief technology officer Mira Murati will serve as interim CEO.",
        "Co-founder Greg Brockman said he was quitting as president hours later.",
    ),
)
ALTMAN_BROADCAST: Story = (
    "ChatGPT-maker OpenAI fires boss Sam Altman",
    (
        "Sam Altman, the boss of ChatGPT maker OpenAI, has been fired by the firm's board.",
        "The board said it no longer had confidence in his ability to lead the company.",
        "Mira Murati, the chief technology officer, has been appointed interim chief executive.",
        "Co-founder Greg Brockman also announced his departure.",
    ),
)
ALTMAN_BACK: Story = (
    "Sam Altman to return as OpenAI CEO with new board",
    (
        "OpenAI said on Wednesday that Sam Altman would return as chief executive, days after "
        "the board fired him.",
        "The company has agreed a new initial board chaired by former Salesforce co-CEO Bret "
        "Taylor.",
        "More than 700 of OpenAI's 770 staff had threatened to quit unless the board resigned.",
    ),
)
MAUI: Story = (
    "Maui wildfire death toll rises to 93, deadliest in modern US history",
    (
        "The death toll from the wildfire that destroyed the town of Lahaina on Maui rose to 93 "
        "on Saturday.",
        "Hawaii Governor Josh Green said it was the largest natural disaster in the state's "
        "history.",
        "More than 2,200 structures were damaged or destroyed.",
    ),
)
CANADA_FIRES: Story = (
    "Wildfires force 30,000 to flee Yellowknife in Canada",
    (
        "All 20,000 residents of Yellowknife, the capital of Canada's Northwest Territories, "
        "were ordered to leave as wildfires approached.",
        "About 30,000 people across the territory have now been evacuated.",
        "Officials said the fire was 15 km from the city.",
    ),
)

SAME_EVENT = [
    (FED_HOLD_WIRE, FED_HOLD_BROADCAST),
    (LIVERPOOL_CITY_WIRE, LIVERPOOL_CITY_BROADCAST),
    (QUAKE_MOROCCO_WIRE, QUAKE_MOROCCO_BROADCAST),
    (MSFT_ACTIVISION_WIRE, MSFT_ACTIVISION_BROADCAST),
    (ELECTION_CALL_WIRE, ELECTION_CALL_BROADCAST),
    (OUTAGE_WIRE, OUTAGE_BROADCAST),
    (VERDICT_WIRE, VERDICT_BROADCAST),
    (BOE_CUT_WIRE, BOE_CUT_BROADCAST),
    (BOEING_WIRE, BOEING_BROADCAST),
    (UCL_WIRE, UCL_BROADCAST),
    (ALTMAN_WIRE, ALTMAN_BROADCAST),
]
STORIES = [story for pair in SAME_EVENT for story in pair] + [
    FED_HIKE_JULY,
    FED_CUT_SEPT,
    LIVERPOOL_ARSENAL,
    CITY_CHELSEA,
    QUAKE_TURKEY,
    MSFT_LINKEDIN,
    ELECTION_RESULT,
    OUTAGE_AWS,
    SENTENCING_DELAYED,
    BOE_HOLD,
    STARLINER,
    MBAPPE,
    ALTMAN_BACK,
    MAUI,
    CANADA_FIRES,
]
# A central bank's decisions weeks apart at the same rates read alike word for word; the
# ingest's clustering window (days) keeps them apart, not the threshold.
RECURRING = [
    (FED_HIKE_JULY, FED_HOLD_WIRE),
    (FED_HIKE_JULY, FED_HOLD_BROADCAST),
    (BOE_HOLD, BOE_CUT_WIRE),
    (BOE_HOLD, BOE_CUT_BROADCAST),
]


def _key(a: Story, b: Story) -> frozenset[str]:
    return frozenset((a[0], b[0]))


DIFFERENT_EVENTS = [
    (a, b)
    for a, b in itertools.combinations(STORIES, 2)
    if _key(a, b) not in {_key(*pair) for pair in SAME_EVENT + RECURRING}
]


def _sig(story: Story) -> bytes:
    return signature(story[0], story[1])


@pytest.mark.parametrize("a, b", SAME_EVENT, ids=[a[0][:40] for a, _ in SAME_EVENT])
def test_same_event_reports_from_two_outlets_cluster(a: Story, b: Story) -> None:
    assert similarity(_sig(a), _sig(b)) >= CLUSTER_THRESHOLD


def test_different_events_do_not_cluster() -> None:
    assert len(DIFFERENT_EVENTS) > 400
    clustered = [
        (a[0], b[0], round(similarity(_sig(a), _sig(b)), 3))
        for a, b in DIFFERENT_EVENTS
        if similarity(_sig(a), _sig(b)) >= CLUSTER_THRESHOLD
    ]
    assert clustered == []


def test_different_events_on_one_topic_do_not_cluster() -> None:
    for a, b in [
        (FED_HOLD_WIRE, FED_CUT_SEPT),
        (FED_HIKE_JULY, FED_CUT_SEPT),
        (LIVERPOOL_CITY_WIRE, CITY_CHELSEA),
        (LIVERPOOL_CITY_BROADCAST, LIVERPOOL_ARSENAL),
        (QUAKE_MOROCCO_WIRE, QUAKE_TURKEY),
        (VERDICT_BROADCAST, SENTENCING_DELAYED),
    ]:
        assert similarity(_sig(a), _sig(b)) < CLUSTER_THRESHOLD, (a[0], b[0])


def test_best_cluster_is_the_most_similar_story_above_the_threshold() -> None:
    candidates = [
        (1, 1, _sig(FED_CUT_SEPT)),
        (2, 2, _sig(QUAKE_TURKEY)),
        (3, 3, _sig(FED_HOLD_BROADCAST)),
        (4, 4, _sig(CITY_CHELSEA)),
        (5, 3, _sig(FED_HOLD_WIRE)),  # a near copy, in cluster 3 too
        (6, 6, _sig(ELECTION_RESULT)),
    ]
    wire = FED_HOLD_WIRE[0], (*FED_HOLD_WIRE[1][:3], "Stocks rose after the decision.")
    assert best_cluster(_sig(wire), candidates) == 3
    assert best_cluster(_sig(QUAKE_MOROCCO_WIRE), candidates) is None
    assert best_cluster(_sig(QUAKE_MOROCCO_WIRE), []) is None


def test_best_cluster_prefers_the_higher_similarity() -> None:
    sig = _sig(LIVERPOOL_CITY_WIRE)
    near = _sig((LIVERPOOL_CITY_WIRE[0], LIVERPOOL_CITY_WIRE[1][:3]))
    far = _sig(LIVERPOOL_CITY_BROADCAST)
    assert similarity(sig, near) > similarity(sig, far) >= CLUSTER_THRESHOLD
    assert best_cluster(sig, [(1, 10, far), (2, 20, near)]) == 20
    assert best_cluster(sig, [(2, 20, near), (1, 10, far)]) == 20


def test_empty_input_matches_nothing() -> None:
    empty = signature("", [])
    only_stop_words = signature("It is what it was", ["They said that it would be."])
    some = _sig(FED_HOLD_WIRE)
    for sig in (empty, only_stop_words):
        assert similarity(sig, sig) == 0.0
        assert similarity(sig, some) == similarity(some, sig) == 0.0
        assert best_cluster(sig, [(1, 1, sig), (2, 2, some)]) is None
    assert best_cluster(some, [(1, 1, empty)]) is None


def test_foreign_or_corrupt_signatures_match_nothing() -> None:
    some = _sig(FED_HOLD_WIRE)
    for other in (b"", b"\x00" + some[1:], some[:-1], b"not a signature"):
        assert similarity(some, other) == 0.0
        assert best_cluster(some, [(1, 1, other)]) is None


def test_wording_case_quotes_and_plurals_do_not_change_the_signature() -> None:
    a = signature("Fed Holds Rates Steady", ["The Fed’s rates were held at 5.50%, officials said."])
    b = signature(
        "fed holds rates steady", ["The Fed's rate was holding at 5.5%, an official says."]
    )
    assert similarity(a, b) == 1.0


def _words(rng: random.Random, count: int) -> list[str]:
    return ["".join(rng.choices(string.ascii_lowercase, k=9)) for _ in range(count)]


def test_long_inputs_keep_a_bounded_signature_that_estimates_jaccard() -> None:
    rng = random.Random(3)
    shared, only_a, only_b = _words(rng, 300), _words(rng, 300), _words(rng, 300)
    a = signature("", [" ".join(shared + only_a)])
    b = signature("", [" ".join(shared + only_b)])
    assert len(a) == len(b) == 1 + 128 + 4 * 128
    assert similarity(a, a) == 1.0
    assert similarity(a, b) == pytest.approx(1 / 3, abs=0.1)
    assert similarity(a, _sig(FED_HOLD_WIRE)) < 0.05


CONTENT = (  # noqa: SIM905 (a list would take 25 lines)
    "Fed rates inflation Powell 5.25% held cut Liverpool Salah 2-1 earthquake Morocco 2,000 "
    "Microsoft Activision $68.7bn election Sunak outage CrowdStrike verdict jury U.S. café"
).split()
FILLER = ["the", "a", "of", "to", "and", "said", "it", "was", "that", "on", "in"]
text_with_words = st.lists(st.sampled_from(CONTENT + FILLER), max_size=40).map(" ".join)
any_text = st.one_of(st.text(), text_with_words)


@given(any_text, st.sampled_from(CONTENT), st.lists(any_text, max_size=5))
def test_a_signature_is_fully_similar_to_itself(
    headline: str, word: str, key_points: list[str]
) -> None:
    sig = signature(f"{headline} {word}", key_points)
    assert similarity(sig, sig) == 1.0


@given(any_text, st.lists(any_text, max_size=5), any_text, st.lists(any_text, max_size=5))
def test_similarity_is_symmetric_and_between_zero_and_one(
    headline_a: str, points_a: list[str], headline_b: str, points_b: list[str]
) -> None:
    a, b = signature(headline_a, points_a), signature(headline_b, points_b)
    assert 0.0 <= similarity(a, b) <= 1.0
    assert similarity(a, b) == similarity(b, a)
