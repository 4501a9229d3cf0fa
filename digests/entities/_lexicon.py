"""The word lists that tell names, roles, organisations, places and events apart."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a word list written out as text."""
    return frozenset(text.split())


# Typographic marks, as escapes so that no one mistakes them for their ASCII look-alikes.
LSQUO, RSQUO, LDQUO, RDQUO, EN_DASH, EM_DASH = "\u2018\u2019\u201c\u201d\u2013\u2014"
APOSTROPHES = "'" + RSQUO
POSSESSIVES = ("'s", RSQUO + "s")

ABBREVIATIONS = _words(
    """
    Mr Mrs Ms Dr St Sen Rep Gov Gen Lt Col Capt Sgt Cpl Maj Adm Cmdr Prof Rev Det Insp Supt Pvt
    Jr Sr Mt Ft Hon Atty
    Ala Ariz Ark Calif Colo Conn Fla Ga Ill Kan Ky Md Mich Minn Mont Neb Nev Okla Ore Tenn Tex Va
    Vt Wis Wyo
    """
)
STOP = _words(
    """
    The A An In At On Of For To By With From As Into About After Before During Since Until Over
    Under Between Among Through Across Against Without Within Inside Outside Near Around Behind
    Beyond Despite Following Including According Amid Upon Via Per Like Unlike Unless Than
    He She It They We I You His Her Its Their Our My Your Him Them Me It's He's She's They're
    We're I'm I'll I've I'd You're That's There's Here's What's Let's Don't Didn't Can't Won't
    Isn't Wasn't But And Or Nor So Yet If When While Whilst Although Though Because Whether Once
    Then Now Today Tonight Yesterday Tomorrow Here There This That These Those What Which Who Whom
    Whose Where Why How However Meanwhile Moreover Furthermore Still Also Even Just Only Some Many
    Most More Much Few All Both Each Every Any No Not None Other Another Such Several Either
    Neither One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Twenty Thirty Forty
    Fifty Hundred Hundreds Thousand Thousands Million Millions Billion Dozens Dozen First Second
    Third Fourth Fifth Last Next Latest Later Earlier Yes Oh Please Thanks Thank Sorry Well Indeed
    Instead Perhaps Maybe Surely Certainly Clearly Already Again Ever Never Always Often Sometimes
    Soon Finally Eventually Currently Recently Is Are Was Were Be Been Being Has Have Had Do Does
    Did Will Would Can Could Should Shall Might Must Read Watch Click Photo Photos Video Related
    Updated Published Source Sources Share Image Images Note Dear Hi Hello Mostly Overall Nearly
    Almost Everyone Everything Nobody Nothing Someone Something Anyone Anything Whatever Whoever
    Former Early Late
    """
)
WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
TEMPORAL = WEEKDAYS | _words(
    """
    January February March April May June July August September October November December Jan
    Feb Aug Sept Sep Oct Nov Dec Christmas Easter Ramadan Thanksgiving Halloween
    """
)
SKIP_RUNS = STOP | TEMPORAL
HONORIFICS = _words("mr mrs ms miss mx dr sir dame lord lady madam mme herr")
# Titles that, written before a name, make it a person and give its role: "President Putin".
TITLES = _words(
    """
    president president-elect vice minister premier chancellor senator sen rep representative
    congressman congresswoman governor gov mayor judge justice coach manager spokesman
    spokeswoman spokesperson secretary secretary-general ambassador envoy chairman chairwoman
    chairperson ceo cfo coo director director-general commissioner chief officer sheriff
    detective det sergeant sgt lieutenant lt captain capt colonel col general gen major maj
    admiral adm commander cmdr corporal cpl private pvt marshal inspector insp superintendent supt
    constable trooper agent professor prof king queen prince princess duke duchess earl emperor
    empress pope cardinal archbishop bishop rabbi imam reverend rev pastor sheikh ayatollah emir
    sultan leader speaker deputy attorney prosecutor dean councillor councilor councilman
    councilwoman alderman lawmaker treasurer executive founder co-founder atty hon mp mep msp
    mla
    """
)
# Nouns that, right before a name or in an appositive after it, make a role: "analyst Jo Li".
ROLE_NOUNS = TITLES | _words(
    """
    chair vice-president head boss owner lawyer counsel solicitor barrister striker midfielder
    defender goalkeeper forward quarterback pitcher batsman bowler winger player champion actor
    actress singer songwriter singer-songwriter rapper musician guitarist drummer star comedian
    filmmaker producer reporter correspondent journalist editor columnist anchor host presenter
    author writer novelist poet designer architect artist photographer astronaut pilot legislator
    politician candidate nominee principal auditor administrator regulator official adviser
    advisor aide assistant negotiator mediator activist campaigner organizer organiser
    entrepreneur investor banker trader teacher student doctor surgeon nurse physician
    psychologist engineer consultant partner chef economist analyst expert strategist historian
    scientist researcher lecturer diplomat priest cleric magistrate referee umpire fan
    playwright dramatist screenwriter composer choreographer dancer sculptor broadcaster
    commentator pundit critic blogger lobbyist scholar academic athlete sprinter runner
    cyclist swimmer boxer golfer jockey driver rider trainer medallist medalist winner holder
    member frontman vocalist pianist supermodel
    """
)
# Words that, before a name inside a run, end what comes before it: "Mr", "President", "actor".
NAME_OPENERS = ROLE_NOUNS | HONORIFICS
# Words that may stand inside a role before its noun: "former deputy foreign minister".
ROLE_MODIFIERS = _words(
    """
    former deputy vice acting interim senior junior chief executive general managing assistant
    associate foreign interior defense defence finance justice health education energy trade
    prime state federal national regional local police fire team club party opposition
    government company campaign communications press security safety public military army navy
    intelligence majority minority republican democratic conservative liberal labour top lead
    then longtime veteran retired outgoing incoming new world tennis football soccer basketball
    baseball golf cricket rugby boxing hockey rock pop film music television tv radio news
    technology tech business financial legal medical university college school city county
    council district senior first co affairs sports arts operations sales planning marketing
    banking operating defending reigning founding presiding governing ruling family
    """
)
# Lower-case words that are no modifier of a role noun after them, though no function word:
# verbs that take a person ("said minister", "to replace coach") and adverbial particles.
NON_MODIFIERS = _words(
    """
    said told wrote became become met meet saw see made make gave give sent send beat won win hit
    led lead let got get took take visit replace sack fire hire join thank urge ask blame call
    back support elect face watch help invite name appoint sign defeat tell say praise criticise
    criticize accuse sue interview quote cite like love hate up out off down away old
    """
)
# Words that, as "the play" or "her album", make the capitalised run after them a work's title.
WORK_NOUNS = _words(
    "play film movie book novel album song single series show musical opera documentary sitcom"
)
WORK_DETERMINERS = _words("the his her their its")
_ORG_CUES = _words(
    """
    Ministry Department Dept Council Party Inc Corp Corporation Co Ltd LLC Plc PLC plc Group Bank
    University College School Institute Institution Academy Association Agency Authority
    Commission Committee Federation Union Club Court Police FC United Airlines Airways News Times
    Post Journal Herald Tribune Telegraph Gazette Chronicle Guardian Observer Magazine Press
    Network Networks Broadcasting Television TV Radio Channel Foundation Fund Trust Society
    Organization Organisation Administration Service Services Office Bureau Patrol Guard Army
    Navy Force Forces Corps Command Company Holdings Industries Motors Technologies Technology
    Systems Labs Laboratories Pharmaceuticals Pharma Hospital Clinic Church Museum Gallery Cabinet
    Government Board Reserve Exchange League Brigade Brigades Movement Front Coalition Alliance
    Centre Center Studios Records Entertainment Media Energy Petroleum Railways Railway Hall
    Theatre Theater Congress Senate Assembly Parliament Secretariat Directorate Tribunal
    Enterprises Capital Partners Investments Bancorp Financial Insurance Electric Steel Mining
    Telecom Communications Software Brands Stores Mission Ministries Institutes Universities
    Agencies Commissioners Unit Squad Team Lines State Affairs Laboratory Battalion Regiment
    Division Squadron Fleet Operations Solutions Brothers Associates Sons Wireless
    """
)
ORG_CUE_FORMS = _ORG_CUES | {cue + "s" for cue in _ORG_CUES}
COMPANY_SUFFIXES = _words("Inc Corp Co Ltd Plc PLC plc LLC")
PLACE_SUFFIXES = _words(
    """
    County Province Prefecture District Region River Lake Island Islands Isles Mountain Mountains
    Valley Desert Bay Gulf Sea Ocean Peninsula Strait Straits Canal Coast Square Bridge Airport
    Station Beach Heights Harbor Harbour Falls Springs Hills Glacier Reef Forest Canyon Borough
    Township Village Plaza States Stadium Arena Creek Quarter Site Highway Freeway Parkway
    """
)
# Streets are addresses, not who: "Addiscombe Road", "Downing Street".
STREETS = _words("Street Streets Avenue Avenues Road Roads Boulevard Lane Drive Terrace Crescent")
PLACE_PREFIXES = _words("Mount Mt. Lake Cape Port Fort Ft. San Santa Camp Isle River St St. Saint")
# An organisation's arm that is the organisation itself to a reader: "BBC TV" is the BBC.
DIVISIONS = _words("TV Television Radio News Online")
# Words that name events, laws or works rather than who: "Paris Fashion Week", "World Cup".
_EVENT_WORDS = _words(
    """
    Week Cup Games Olympics Olympic Paralympics Open Championship Championships Festival Awards
    Award Prize Marathon War Day Show Ceremony Summit Conference Series Tour Prix Bowl Derby
    Classic Trophy Election Elections Act Treaty Accord Agreement Program Programme Project Plan
    Index Report Oscars Grammys Emmys Globes Era Age Revolution Crisis Spring Flight Cyclone
    Hurricane Typhoon Storm Rights Reserved Record Meeting Masters Invitational
    """
)
EVENT_FORMS = _EVENT_WORDS | {word + "s" for word in _EVENT_WORDS}
# Events a sponsor names: the sponsor is not who the story is about ("the Honda Classic").
SPONSORED_EVENTS = _words(
    """
    Classic Open Cup Championship Championships Trophy Prix Bowl Series Tour Award Awards Prize
    Festival Games Masters Invitational League
    """
)
# Words that open a sports club's name, before its town: "Dynamo Moscow", "Real Madrid".
CLUB_OPENERS = _words(
    """
    Dynamo Dinamo Spartak Lokomotiv Torpedo Zenit Steaua Partizan Hapoel Maccabi Borussia
    Eintracht Hertha Werder Sporting Racing Olympique Olympiakos Atletico Athletic Deportivo Real
    Inter Slavia Sparta Standard Rapid Vitoria
    """
)
# Words that end a club's name after its town: "Norwich City", "Ipswich Town".
CLUB_ENDINGS = _words("City Town Athletic Albion Argyle Hotspur")
# Nouns that, right before an unknown word, make it an organisation: "serie A club Atalanta".
ORG_NOUNS = _words(
    """
    club side company firm group newspaper daily broadcaster carrier airline bank insurer
    broker retailer maker consultancy operator publisher label
    """
)
# Words around a place that make it a side in a match: "Essex beat Kent", "lost to Leeds".
MATCH_VERBS = (
    "beat",
    "beats",
    "defeated",
    "drew with",
    "lost to",
    "v",
    "vs",
    "v.",
    "vs.",
    "versus",
)
# Months that are names too, after a given name: "James May", "Theresa May".
MONTHS_IN_NAMES = _words("April May June August")
# Words that never open a person's name, though capitalised: "North African", "Black Hawk".
NON_NAME = _words(
    """
    North South East West Northern Southern Eastern Western Central Middle New Old Great Grand
    Greater Upper Lower High Low Big Little Black White Red Blue Golden Royal National
    International Global Federal State Supreme Holy Air Star Super World Fashion Film Music Rock
    Pop Jazz Real Annual Daily Weekly Democratic Republican Conservative Liberal Labour Socialist
    Communist Islamic Christian Catholic Jewish Muslim Buddhist Hindu Orthodox Protestant Sunni
    Shia Shiite Arab Latino Hispanic Native Indigenous Internet Web Twitter Facebook Instagram
    Google Apple Microsoft Amazon Netflix Operation Code Project Team Man Men Woman Women Boy
    Girl Baby Dr Doctor Saint Christ God Lord Allah Jesus Happy Merry Dear Welcome Breaking
    Exclusive Live Update Special Top Best True Hebrew Arabic Latin La Le Les Los Las El Il
    Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho
    Sigma Tau Upsilon Phi Chi Psi Omega Athletic Atletico Sporting Racing Olympique Dynamo
    """
)
# Words that stand in no one's name at all: "Hardline Hindu".
_NEVER_NAME = _words(
    """
    Hindu Muslim Jewish Christian Catholic Islamic Buddhist Sikh Sunni Shia Shiite Arab Latino
    Hispanic Hebrew Arabic Orthodox Protestant Evangelical Democratic Republican Socialist
    Communist Liberal Conservative Federal National International Global Royal Imperial
    """
)
# Endings of English words that are not given names ("Becoming Jane", "Social Behavior"), and
# the given names that have them.
WORD_ENDINGS = tuple(
    sorted(_words("ing ous ment ness ism ical cial tial ional ative ated ized ised ities ship"))
)
NAMES_LIKE_WORDS = _words("Sterling Irving Channing Manning Fielding Harding Ming Jing")
# Titles and role nouns that are also surnames: "Stephen King", "John Major", "Gary Player".
SURNAMES_LIKE_TITLES = _words(
    """
    King Major Dean Bishop Judge Pope Prince Duke Cardinal Marshal Chancellor Constable Singer
    Player Banker Doctor Host Pilot Star Agent Partner Counsel Head Chair Speaker Forward Writer
    Driver Rider Trainer Runner Winner Holder Dancer Boxer Swimmer
    """
)
NOT_IN_NAMES = STOP | TEMPORAL | _EVENT_WORDS | _ORG_CUES | _NEVER_NAME | STREETS
PARTICLES = _words("de del della di da do dos du der den van von la le bin ibn al y")
CONNECTORS = frozenset({"of", "for", "the", "&"})
ROMAN = _words("II III IV VI VII VIII IX XI XII")
# Everyday abbreviations and technologies' initials, no one's name: "TV", "DNA", "HSDPA".
COMMON_ABBREVIATIONS = ROMAN | _words(
    """
    OK TV PC DNA HIV AIDS DVD CD CEO CFO COO CTO GDP UFO USB SUV PDF FAQ DIY VIP RIP LOL OMG ID IQ
    AM PM GPS HD DJ MP MVP IT AI VR EV IPO ATM SMS MRI ICU ER PR HR
    GSM CDMA WCDMA HSDPA UMTS GPRS EDGE LTE WAP MMS SIM PDA LCD OLED HDTV DSL ADSL VOIP RFID
    WIMAX DRM CPU GPU RAM ROM API HTML HTTP URL XML IPTV NFC SSD HDMI BIOS LAN WLAN DVR PVR
    """
)
OPEN_QUOTES = frozenset(f"\"'{LDQUO}{LSQUO}")
CLOSE_QUOTES = frozenset(f"\"'{RDQUO}{RSQUO}")
NAME_END_PUNCTUATION = CLOSE_QUOTES | frozenset(",;:)!?")
NAME_OPEN_PUNCTUATION = OPEN_QUOTES | {"("}
OPENING = f" (-{EN_DASH}{EM_DASH}" + "".join(OPEN_QUOTES)
APPOSITIVE_BREAKERS = _words(
    "said says told is was were are has have had who which that will would did does"
)
PREPOSITIONS = _words("of for at in with on to from")
