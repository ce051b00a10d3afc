"""Seizures in the forms press releases use: our own sentences, several phrasings each."""

from __future__ import annotations

import pytest
from helpers_extract import analyse

from graphkit.extract.seizures import find_seizures, seized_spans


def seized(text: str) -> list[tuple]:
    return [(s.item, s.quantity, s.unit) for s in find_seizures(analyse(text))]


def items(text: str) -> set[str]:
    return {s.item for s in find_seizures(analyse(text))}


@pytest.mark.parametrize(
    "text",
    [
        "Officers seized cash, luxury cars and firearms.",
        "Cash, luxury cars and firearms were seized.",
        "During the raids, cash, luxury cars and firearms were confiscated.",
        "The police found cash, luxury cars and firearms in the villa.",
        "Items seized included cash, luxury cars and firearms.",
        "Seizures comprised cash, luxury cars and firearms.",
    ],
)
def test_items_without_a_number(text):
    assert items(text) == {"cash", "luxury cars", "firearms"}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Police seized EUR 151 910 in cash.", ("cash", 151_910, "EUR")),
        ("Police seized £148,000 in cash.", ("cash", 148_000, "GBP")),
        ("Police seized USD 2 million in cash.", ("cash", 2_000_000, "USD")),
        ("Police seized 2 million USD in cash.", ("cash", 2_000_000, "USD")),
        ("Police seized 45 000 euros in cash.", ("cash", 45_000, "EUR")),
        ("Police seized CHF 30,000 in banknotes.", ("banknotes", 30_000, "CHF")),
        (
            "Police seized USD 1.2 million worth of cryptocurrency.",
            ("cryptocurrency", 1_200_000, "USD"),
        ),
    ],
)
def test_money_with_codes_and_symbols(text, expected):
    assert seized(text) == [expected]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Officers seized 1.2 tonnes of cocaine.", [("cocaine", 1.2, "tonnes")]),
        (
            "Officers seized 3 t of hashish and 40 kilos of heroin.",
            [("hashish", 3, "tonnes"), ("heroin", 40, "kg")],
        ),
        (
            "Officers seized 60 kg (about 180 000 specimens) of glass eels.",
            [("glass eels", 60, "kg")],
        ),
        (
            "Officers seized 100 kg of glass eels (about 300 000 specimens).",
            [("glass eels", 100, "kg")],
        ),
    ],
)
def test_weights_and_bracketed_restatements(text, expected):
    assert seized(text) == expected


def test_a_list_under_a_heading():
    text = (
        "Results of the operation\n"
        "Seized:\n"
        "• 387 kg of glass eels\n"
        "• 25 kg of adult eels\n"
        "• Cars, boats and other vehicles.\n"
        "Europol supported the investigation."
    )
    assert seized(text) == [
        ("glass eels", 387, "kg"),
        ("adult eels", 25, "kg"),
        ("cars", None, None),
        ("boats", None, None),
        ("vehicles", None, None),
    ]


def test_bullet_lines_with_their_verb():
    text = "Results:\n• 129 firearms seized\n• 299 detonators seized\n• 6 hand grenades seized"
    assert seized(text) == [
        ("firearms", 129, None),
        ("detonators", 299, None),
        ("hand grenades", 6, None),
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Police seized two luxury vehicles worth EUR 217 000.", [("luxury vehicles", 2, None)]),
        (
            "Police froze 87 bank accounts worth EUR 1.3 million.",
            [("bank accounts", 1_300_000, "EUR")],
        ),
        (
            "Police froze bank accounts holding EUR 1.3 million.",
            [("bank accounts", 1_300_000, "EUR")],
        ),
        (
            "Police seized a gun and fake money worth EUR 160 000.",
            [("fake money", 160_000, "EUR"), ("gun", 1, None)],
        ),
    ],
)
def test_worth_prices_counted_things_and_names_accounts(text, expected):
    assert sorted(seized(text), key=str) == sorted(expected, key=str)


@pytest.mark.parametrize(
    "text",
    [
        "Officers raided 19 houses and seized cocaine.",
        "Officers carried out 19 house searches and seized cocaine.",
        "On June 14, police seized cocaine.",
        "Police seized cocaine and identified 30 people believed to be victims.",
        "Police seized cocaine; 12 operations were launched in 2023.",
        "Police seized cocaine and a forged copy of the new €100 note.",
        "The drugs could have brought in €31 million in profits; police seized cocaine.",
    ],
)
def test_numbers_that_are_not_seizures(text):
    assert [s for s in seized(text) if s[1] is not None] == []
    assert "cocaine" in [s[0] for s in seized(text)]


def test_an_elliptic_second_figure_takes_the_first_ones_item():
    text = "Police seized 180 000 counterfeit banknotes in Serbia, and over 500 000 in Croatia."
    assert seized(text) == [
        ("counterfeit banknotes", 180_000, None),
        ("counterfeit banknotes", 500_000, None),
    ]


def test_a_repeated_sum_is_one_seizure():
    text = (
        "Counterfeit notes worth EUR 90,000 were seized. "
        "Police seized fake money worth EUR 90,000 during the raids."
    )
    assert len(seized(text)) == 1


def test_the_headline_rounds_the_bodys_figure():
    text = "USD 130 million intercepted\nPolice intercepted USD 129,975,440 in virtual assets."
    assert seized(text) == [("virtual assets", 129_975_440, "USD")]


def test_a_seizure_keeps_the_country_the_text_places_it_in():
    from helpers_extract import node, rels

    from graphkit.extract import extract_text

    text = (
        "Police dismantled a counterfeiting ring. Officers seized 180 000 counterfeit "
        "banknotes in Serbia, and over 500 000 in Croatia. In Spain, police seized 20 kg of "
        "cocaine. Europol seized nothing itself but supported the operation; cash was also "
        "seized."
    )
    doc = extract_text(text, source="t.txt")
    found = {
        (p["item"], p["quantity"]): p["country"]
        for p in (node(doc, r.dst) for r in rels(doc, "SEIZED"))
    }
    assert found[("counterfeit banknotes", 180_000)] == "RS"
    assert found[("counterfeit banknotes", 500_000)] == "HR"
    assert found[("cocaine", 20)] == "ES"
    assert found[("cash", None)] is None


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Police seized cocaine (1.2 tonnes) and cash (EUR 50 000).",
            [("cocaine", 1.2, "tonnes"), ("cash", 50_000, "EUR")],
        ),
        ("Officers seized heroin (about 20 kg) in the boot.", [("heroin", 20, "kg")]),
        (
            "Police in Spain seized 5 kg of heroin, and in France another 3 kg.",
            [("heroin", 5, "kg"), ("heroin", 3, "kg")],
        ),
        (
            "Police seized EUR 5 million (around USD 5.4 million) in cash.",
            [("cash", 5_000_000, "EUR")],
        ),
    ],
)
def test_quantities_in_brackets_and_elided_items(text, expected):
    assert seized(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Officers seized XOF 12 million in cash.", ("cash", 12_000_000, "XOF")),
        ("Police seized AED 40,000 in cash.", ("cash", 40_000, "AED")),
        ("Police seized 2 million rupees in cash.", ("cash", 2_000_000, "INR")),
        ("Police seized ₺750 000 in cash.", ("cash", 750_000, "TRY")),
    ],
)
def test_every_iso_currency_and_more_symbols(text, expected):
    assert seized(text) == [expected]


def test_a_word_in_capitals_is_no_currency():
    assert seized("ALL 200 kg of the cocaine were seized.") == [("cocaine", 200, "kg")]


# --- where each list of seized things starts and ends (issue 12's survivors) ----------


def spans(text: str) -> list[str]:
    analysis = analyse(text)
    return [analysis.text[lo:hi].strip() for lo, hi in seized_spans(analysis)]


@pytest.mark.parametrize(
    "text,expected_spans,expected_items",
    [
        (
            "Heroin was seized along with 3 pistols, cash and gold.",
            ["Heroin", "3 pistols, cash and gold"],
            [("pistols", 3, None), ("heroin", None, None), ("cash", None, None)],
        ),
        (
            "Heroin was seized, together with 3 pistols, cash and gold, in Madrid.",
            ["Heroin", "3 pistols, cash and gold,"],
            [("pistols", 3, None), ("heroin", None, None), ("cash", None, None)],
        ),
        (
            "Heroin was seized as were 3 pistols, cash and gold.",
            ["Heroin", "3 pistols, cash and gold"],
            [("pistols", 3, None), ("heroin", None, None), ("cash", None, None)],
        ),
    ],
)
def test_things_seized_along_with_the_subject(text, expected_spans, expected_items):
    assert spans(text) == expected_spans
    assert seized(text)[:3] == expected_items
    assert ("gold", None, None) in seized(text)


@pytest.mark.parametrize(
    "text,second",
    [
        ("Cash was seized and 4 boats and jewellery impounded.", "4 boats and jewellery"),
        ("Cash was seized and 4 phones and laptops confiscated.", "4 phones and laptops"),
    ],
)
def test_a_second_seizure_verb_after_and(text, second):
    """ "X was seized and Y impounded": Y's list is read like X's, counts and all."""
    found = spans(text)
    assert found[:2] == ["Cash", second]
    items = {i for i, _, _ in seized(text)}
    assert {"cash", second.split()[1], second.split()[-1]} <= items
    assert (second.split()[1], 4, None) in seized(text)


@pytest.mark.parametrize(
    "text",
    [
        "Police seized 5 cars, cash and jewellery.",
        "Officers confiscated 5 cars, cash and jewellery.",
        "5 cars, cash and jewellery were seized.",
    ],
)
def test_a_counted_first_item_does_not_hide_the_rest(text):
    assert seized(text) == [("cars", 5, None), ("cash", None, None), ("jewellery", None, None)]


def test_a_passive_use_of_the_verb_does_not_end_the_sentence_s_lists():
    text = "The boat had been seized as evidence; officers also seized cash and phones."
    assert spans(text) == ["cash and phones", "The boat"]
    assert {"cash", "phones", "boat"} == {i for i, _, _ in seized(text)}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("In Spain and France, cars and boats were seized.", ["cars and boats"]),
        ("During the raids in Spain, cars and boats were seized.", ["cars and boats"]),
        ("Officers said that cars and boats were seized.", ["cars and boats"]),
        ("Investigators added that cars, boats and gold were seized.", ["cars, boats and gold"]),
        ("Two men were held; cars and boats were seized.", ["cars and boats"]),
        ("Police arrested two men and cash was seized.", ["cash"]),
        ("Police arrested two men, and cash was seized.", ["cash"]),
        ("Police held two men, and cash, cars and guns were seized.", ["cash, cars and guns"]),
        (
            "Officers detained two men and cash, a boat and gold were seized.",
            ["cash, a boat and gold"],
        ),
        (
            "Two men were arrested in Spain and France, and cars and boats were seized.",
            ["cars and boats"],
        ),
        (
            "Police searched a villa in Nice, where cash and two boats were found.",
            ["cash and two boats"],
        ),
        ("Police said cash, cars and gold were seized.", ["cash, cars and gold"]),
        ("Officers reported cars and boats were confiscated.", ["cars and boats"]),
    ],
)
def test_where_the_subject_of_a_passive_seizure_starts(text, expected):
    assert spans(text)[-len(expected) :] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Police seized cash and shell companies.", ["cash", "shell companies"]),
        ("Police seized cash and a company.", ["cash", "company"]),
        ("Police seized cash and GPS trackers.", ["cash", "GPS trackers"]),
        ("Police seized cash and Rolex Daytona.", ["cash"]),  # a name, not a thing
        ("Police seized cash and an AK.", ["cash"]),
        ("Police seized cash and an ox.", ["cash"]),
        ("Police seized cash and X-rays.", ["cash"]),
        ("Rolex watches and cash were seized.", ["Rolex watches", "cash"]),
        ("Cash, cars and firearms were seized.", ["cash", "cars", "firearms"]),
        ("Jewellery and cars were seized.", ["jewellery", "cars"]),
        ("Police seized cash and cars, and cash was also seized.", ["cash", "cars"]),
        ("Police seized cash (in a bag) and cars.", ["cash", "cars"]),
    ],
)
def test_which_list_pieces_name_a_thing(text, expected):
    assert [i for i, _, _ in seized(text)] == expected


def test_an_article_counts_one_thing():
    assert seized("Police seized cash and a company.")[1] == ("company", 1.0, None)
    assert seized("Police seized a car and a gun.") == [("car", 1.0, None), ("gun", 1.0, None)]


def test_a_headed_list_s_lines():
    text = "Seized:\n• 12 pistols\n• Cash, cars and boats\n• 3 kg of heroin"
    assert seized(text) == [
        ("pistols", 12, None),
        ("cash", None, None),
        ("cars", None, None),
        ("boats", None, None),
        ("heroin", 3, "kg"),
    ]
    assert spans(text) == ["", "12 pistols", "Cash, cars and boats", "3 kg of heroin"]
    text = "Items seized:\n- 7 rifles seized\n- Jewellery and gold"
    assert seized(text) == [("rifles", 7, None), ("jewellery", None, None), ("gold", None, None)]


def test_a_figure_told_twice_is_one_seizure():
    text = "Police seized 3 red cars. The 3 red cars were seized in Madrid."
    assert seized(text) == [("red cars", 3, None)]


@pytest.mark.parametrize(
    "text,expected",
    [
        (  # within 1% (exactly 1% here): the headline's rounding of the body's figure
            "EUR 99 million seized\nPolice seized EUR 100 million in cash.",
            [("cash", 100e6, "EUR")],
        ),
        (  # 2% apart: two sums
            "EUR 100 million seized\nPolice seized EUR 102 million in cash.",
            [("cash", 100e6, "EUR"), ("cash", 102e6, "EUR")],
        ),
        (  # a counted headline and an uncounted body are not the same seizure
            "Five cars seized in Spain\nPolice seized cash and jewellery in Madrid.",
            [("cars", 5, None), ("cash", None, None), ("jewellery", None, None)],
        ),
    ],
)
def test_a_headline_figure_and_the_body_s(text, expected):
    assert seized(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Officers intercepted 12 pistols at the port and arrested Novak and four associates.",
            [("pistols", 12, None)],
        ),
        ("Police seized 3 cars and then arrested 4 drivers.", [("cars", 3, None)]),
        ("Customs seized 2 boats and also detained 5 crew members.", [("boats", 2, None)]),
        (
            "Police seized 3 cars, 2 boats and 4 trailers.",
            [("cars", 3, None), ("boats", 2, None), ("trailers", 4, None)],
        ),
    ],
)
def test_a_new_clause_with_its_own_verb_ends_the_seized_things(text, expected):
    assert seized(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Authorities froze bank accounts and seized real estate and cash.",
            ["bank accounts", "real estate", "cash"],
        ),
        ("Police seized cocaine and confiscated 3 cars.", ["cars", "cocaine"]),
        ("Customs intercepted heroin and then recovered gold bars.", ["heroin", "gold bars"]),
    ],
)
def test_a_second_seizure_verb_starts_a_list_of_its_own(text, expected):
    """ "froze X and seized Y": Y is not "seized Y"."""
    assert [i for i, _, _ in seized(text)] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Police seized 4,500 US dollars.", [("cash", 4500, "USD")]),
        ("Police seized 4 500 U.S. dollars in cash.", [("cash", 4500, "USD")]),
        ("Police seized 2 million Canadian dollars.", [("cash", 2_000_000, "CAD")]),
        ("Police seized 90,000 Hong Kong dollars.", [("cash", 90_000, "HKD")]),
    ],
)
def test_dollars_named_by_their_country(text, expected):
    assert seized(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Europol helped by analysing seized phone data and funding a meeting.",
        "Experts spent weeks examining seized laptops and writing reports.",
        "The case rests on decrypting intercepted messages and tracing payments.",
    ],
)
def test_a_seizure_verb_after_a_gerund_is_an_adjective(text):
    """ "analysing seized phone data": no list of seized things starts there."""
    assert seized(text) == []
