"""Every country mention of a sentence, with its role and its exact text, in order.

The role tests elsewhere ask "is Spain a place?"; these pin the whole list, so a mention
lost after another (a loop that stops early), a role given to the wrong mention of a list,
or an offset off by a token shows. Our own sentences, one per rule of countries.py."""

from __future__ import annotations

import re

import pytest
from helpers_extract import analyse

from graphkit.extract.agencies import find_agencies
from graphkit.extract.countries import Role, country_at, country_mentions, find_places

P, N, ORIG, D, A, B = (
    Role.PLACE,
    Role.NATIONALITY,
    Role.ORIGIN,
    Role.DESTINATION,
    Role.AGENCY,
    Role.BACKGROUND,
)
PART, NAME = Role.PARTICIPANT, Role.NAME


def _homes(analysis):
    return [(m.start, m.end, m.agency.country) for m in find_agencies(analysis)]


def mentions(text: str) -> list[tuple[str, str, Role, int]]:
    """(country, the text it was read from, role, sentence index) for every mention."""
    analysis = analyse(text)
    return [
        (c.iso2, analysis.text[c.start : c.end], c.role, c.sentence.index)
        for c in country_mentions(analysis, _homes(analysis))
    ]


CASES = [
    # lists: one cue governs every entry, and every entry is kept
    (
        "The suspects, nationals of Albania and Kosovo, were arrested in Italy, Spain and Greece.",
        [
            ("AL", "Albania", N),
            ("XK", "Kosovo", N),
            ("IT", "Italy", P),
            ("ES", "Spain", P),
            ("GR", "Greece", P),
        ],
    ),
    # a list runs through brackets after a name and through cities, back to its cue
    (
        "Police arrested nationals of Albania (mostly from Tirana) and Kosovo in Italy.",
        [("AL", "Albania", N), ("XK", "Kosovo", N), ("IT", "Italy", P)],
    ),
    (
        "Cocaine imported from Guayaquil (Ecuador) and Peru was seized in Spain.",
        [("EC", "Ecuador", ORIG), ("PE", "Peru", ORIG), ("ES", "Spain", P)],
    ),
    (
        "Drugs imported from Guayaquil, Lima and Bolivia were seized in Spain.",
        [("BO", "Bolivia", ORIG), ("ES", "Spain", P)],
    ),
    (
        "Countries such as Spain and Italy took part.",
        [("ES", "Spain", PART), ("IT", "Italy", PART)],
    ),
    ("Via Spain, couriers carried the cocaine to Italy.", [("ES", "Spain", D), ("IT", "Italy", P)]),
    # "arrests were made in" a country, goods "made in" one
    ("Arrests were made in Spain and Italy.", [("ES", "Spain", P), ("IT", "Italy", P)]),
    (
        "Counterfeit watches made in China were seized in Italy.",
        [("CN", "China", ORIG), ("IT", "Italy", P)],
    ),
    ("The Prosecution Service of Antwerp ordered raids in France.", [("FR", "France", P)]),
    (
        "Cocaine bought online from Colombia was seized in Spain.",
        [("CO", "Colombia", ORIG), ("ES", "Spain", P)],
    ),
    # words after the list
    (
        "A Germany-led operation targeted the network in Italy.",
        [("DE", "Germany", PART), ("IT", "Italy", P)],
    ),
    (
        "A Panama-flagged vessel was boarded in Spain.",
        [("PA", "Panama", ORIG), ("ES", "Spain", P)],
    ),
    ("The suspects were arrested on UK soil.", [("GB", "UK", P)]),
    ("The scam targeted UK and London consumers.", [("GB", "UK", N)]),
    ("Arrests were made in Spain: ten suspects were detained.", [("ES", "Spain", P)]),
    # parts of other names
    ("Traffickers from Benin City were arrested in Italy.", [("IT", "Italy", P)]),
    (
        "Couriers from Kuwait City were arrested in Spain.",
        [("KW", "Kuwait", NAME), ("ES", "Spain", P)],
    ),
    (
        "The US Federal Trade Commission warned consumers in France.",
        [("US", "US", NAME), ("FR", "France", P)],
    ),
    (
        "Cocaine was found on an Ecuador Airways plane in Spain.",
        [("EC", "Ecuador", NAME), ("ES", "Spain", P)],
    ),
    (
        "Police raided a warehouse owned by a Netherlands Antilles company in Spain.",
        [("NL", "Netherlands", NAME), ("ES", "Spain", P)],
    ),
    ("Spain Telecom offices were searched.", [("ES", "Spain", NAME)]),
    (
        "Police searched houses in Lisbon, Brazil Telecom shops and Porto.",
        [("PT", "Lisbon", P), ("BR", "Brazil", NAME), ("PT", "Porto", P)],
    ),
    # a capitalised "And", "Or", "As" joins names, it does not continue one
    (
        "Police in the Netherlands And Belgium arrested ten suspects.",
        [("NL", "Netherlands", P), ("BE", "Belgium", P)],
    ),
    (
        "Police in the Netherlands Or Belgium arrested ten suspects.",
        [("NL", "Netherlands", P), ("BE", "Belgium", P)],
    ),
    (
        "Police in the Netherlands As well as Belgium arrested ten suspects.",
        [("NL", "Netherlands", P), ("BE", "Belgium", P)],
    ),
    # agencies: inside a name (first, last word, the first of two names), in brackets
    (
        "Spain Police and the Hellenic Police arrested ten suspects.",
        [("ES", "Spain", A), ("ES", "Spain Police", P), ("GR", "Hellenic Police", P)],
    ),
    (
        "Officers of the Federal Police of Belgium arrested ten suspects in France.",
        [("BE", "Belgium", A), ("FR", "France", P)],
    ),
    (
        "Officers from Belgium (Federal Judicial Police) arrested ten suspects.",
        [("BE", "Belgium", A)],
    ),
    ("Police arrested ten suspects in Belgium (Antwerp).", [("BE", "Belgium", P)]),
    ("Ten suspects were arrested in Belgium (mostly in Antwerp.", [("BE", "Belgium", P)]),
    (
        "Police arrested ten suspects in Belgium (Antwerp) and five in Greece (Hellenic Police).",
        [("BE", "Belgium", P), ("GR", "Greece", A)],
    ),
    ("Ten suspects were arrested in Spain by the Guardia Civil.", [("ES", "Spain", P)]),
    ("Europol supported raids at Spain's ports.", [("ES", "Spain", P)]),
    ("Police raided villas on Spain's Costa del Sol.", [("ES", "Spain", P)]),
    # authorities named by their country's adjective
    (
        "Czech, Polish and Slovenian authorities arrested ten suspects.",
        [("CZ", "Czech", P), ("PL", "Polish", P), ("SI", "Slovenian", P)],
    ),
    (
        "Spanish and UK authorities searched 20 houses.",
        [("ES", "Spanish", P), ("GB", "UK", P)],
    ),
    (
        "Spanish and Italy's authorities arrested ten suspects.",
        [("ES", "Spanish", P), ("IT", "Italy", P)],
    ),
    (
        "The Spanish-Portuguese authorities arrested ten suspects.",
        [("ES", "Spanish", P), ("PT", "Portuguese", P)],
    ),
    ("The Spanish Authorities arrested ten suspects.", []),  # a name we do not know
    (
        "The operation, supported by Spanish authorities, targeted suspects in France.",
        [("ES", "Spanish", PART), ("FR", "France", P)],
    ),
    ("In a separate case, Spanish authorities arrested five people.", [("ES", "Spanish", B)]),
    # national agencies acting where their clause names no place
    ("Interpol officers arrested ten suspects.", []),
    ("In a separate case, the Guardia Civil arrested five people.", []),
    ("The Guardia Civil arrested ten suspects as part of EMPACT.", []),  # boilerplate
    ("Portugal saw the Guardia Civil arrest ten suspects.", [("PT", "Portugal", P)]),
    (
        "The Guardia Civil arrested two suspects in Portugal, while the Hellenic Police "
        "searched ten houses.",
        [("PT", "Portugal", P), ("GR", "Hellenic Police", P)],
    ),
    # seats and datelines
    ("Europol's headquarters in The Hague coordinated raids in Spain.", [("ES", "Spain", P)]),
    (
        "LYON, France – Police arrested ten suspects in Spain.",
        [("FR", "France", B), ("ES", "Spain", P)],
    ),
    ("Raids in Belgium.", [("BE", "Belgium", P)]),
]


@pytest.mark.parametrize(
    ("text", "expected"), CASES, ids=[re.sub(r"[^\w ]", "", c[0][:50]) for c in CASES]
)
def test_every_mention_with_its_role_and_text(text, expected):
    assert mentions(text) == [(*e, 0) for e in expected]


def test_mentions_stay_in_their_sentence():
    """An agency acting in one sentence makes no place of another."""
    assert mentions("The Guardia Civil arrested ten suspects. Officers seized cocaine.") == [
        ("ES", "Guardia Civil", P, 0)
    ]
    assert mentions("Officers seized cocaine. The Guardia Civil arrested ten suspects.") == [
        ("ES", "Guardia Civil", P, 1)
    ]


def test_a_sentence_may_end_on_a_country_or_an_adjective():
    # no full stop: the country or adjective is the sentence's last token
    assert mentions("Police arrested ten suspects.\nThe suspects were arrested in Spain") == [
        ("ES", "Spain", P, 1)
    ]
    assert mentions("Police arrested ten suspects.\nMost of them were Spanish") == []


def test_a_headline_is_title_case_not_a_name():
    text = "Europol Helps The Netherlands Dismantle Network\nPolice arrested ten suspects."
    assert mentions(text) == [("NL", "Netherlands", P, 0)]


def test_a_line_of_names_only_is_a_dateline_up_to_sixty_characters():
    short = "Belgium, France, Germany, Italy, Spain, Portugal or Austria"
    longer = "Belgium, France, Germany, Italy, Spain, Portugal and Austria"
    assert (len(short), len(longer)) == (59, 60)
    for line, role in ((short, B), (longer, P)):
        found = mentions(f"Police arrested ten suspects.\n{line}\nMore follows.")
        assert [(c, r) for c, _, r, _ in found] == [
            (c, role) for c in ("BE", "FR", "DE", "IT", "ES", "PT", "AT")
        ]
    assert mentions("Police arrested ten suspects.\nSpain\nMore follows.") == [
        ("ES", "Spain", B, 1)
    ]


def _at(text: str, anchor: str, places=None) -> str | None:
    analysis = analyse(text)
    found = find_places(analysis, _homes(analysis)) if places is None else places(analysis)
    pos = text.index(anchor) if anchor else -1
    view = next(v for v in analysis.sentences if v.start <= max(pos, 0) < v.end or pos < 0)
    return country_at(found, view, pos)


def test_country_at_takes_the_clause_place_nearest_after():
    text = "180 000 notes were seized in Serbia, and 500 000 in Croatia."
    assert _at(text, "180 000") == "RS"
    assert _at(text, "500 000") == "HR"
    assert _at(text, "") is None  # no position, two places: no telling
    # the place before it in its clause, when none follows
    assert _at("Police in Spain seized 20 kg of cocaine.", "20 kg") == "ES"
    # a clause that names its place before the position, in a sentence naming two
    text = "Police in Spain seized 20 kg of cocaine, while officers in Italy made arrests."
    assert _at(text, "20 kg") == "ES"
    text = "In Spain, officers seized 20 kg of cocaine, while in Italy they seized 5 kg."
    assert _at(text, "5 kg") == "IT"
    # a position at a place is that place's
    assert _at("20 kg were seized in Spain and Italy.", "Spain") == "ES"
    # a position at offset 0 still looks at its clause
    assert _at("20 kg were seized in Spain, and 5 kg in Italy.", "20 kg") == "ES"


def test_country_at_falls_back_to_the_one_place_of_the_sentence():
    assert _at("In Spain, officers seized 20 kg of cocaine.", "20 kg") == "ES"
    assert _at("Police seized cocaine in Spain.", "") == "ES"
    text = "Police in Spain and Italy cooperated, and 20 kg of cocaine were seized."
    assert _at(text, "20 kg") is None
    assert _at("Officers seized 20 kg of cocaine.", "20 kg") is None


def test_country_at_reads_places_of_its_own_sentence_only():
    text = "Police seized cocaine in Spain. Officers seized 20 kg of heroin in Italy."
    assert _at(text, "20 kg") == "IT"
    assert _at("Police seized cocaine in Spain. Officers seized 20 kg of heroin.", "20 kg") is None


def test_country_at_ignores_mentions_that_are_not_places():
    text = "Nationals of Albania were caught with 5 kg of cocaine in Spain."
    every = lambda analysis: country_mentions(analysis, _homes(analysis))  # noqa: E731
    assert _at(text, "5 kg", every) == "ES"
