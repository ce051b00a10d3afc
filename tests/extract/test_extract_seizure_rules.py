"""Seizures: the rules behind each figure, one at a time: units and their codes, money
before or after its figure, conversions and prices, counts that are not seizures, amounts
without a figure, an item taken from context, and figures restated."""

from __future__ import annotations

import pytest
from helpers_extract import analyse

from graphkit.extract.seizures import find_seizures


def seized(text: str) -> list[tuple]:
    return [(s.item, s.quantity, s.unit) for s in find_seizures(analyse(text))]


@pytest.mark.parametrize(
    "written,unit,quantity",
    [
        ("5 kilogrammes", "kg", 5),
        ("5 kilograms", "kg", 5),
        ("5 kilos", "kg", 5),
        ("5 kgs", "kg", 5),
        ("5 kg", "kg", 5),
        ("500 grammes", "g", 500),
        ("500 grams", "g", 500),
        ("500 g", "g", 500),
        ("5 tonnes", "tonnes", 5),
        ("5 tons", "tonnes", 5),
        ("5 t", "tonnes", 5),
        ("5 litres", "litres", 5),
        ("5 liters", "litres", 5),
        ("5 l", "litres", 5),
        ("20 ml", "ml", 20),
        ("50 pounds", "lbs", 50),
        ("50 lbs", "lbs", 50),
        ("5 or so kg", "kg", None),
    ],
)
def test_units(written, unit, quantity):
    assert seized(f"Police seized {written} of cocaine.") == [("cocaine", quantity, unit)]


def test_a_lone_letter_is_no_unit_without_its_item():
    assert seized("Police seized 3 t.") == []
    assert seized("Police seized 3 g.") == []
    assert seized("Police seized 3 kg.") == []  # no item anywhere in the sentence


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Police seized EUR 5 million (about $5.4 million).", [("cash", 5e6, "EUR")]),
        ("Police seized cash (EUR 50 000).", [("cash", 50_000, "EUR")]),
        ("Police seized jewellery (EUR 50 000).", [("jewellery", 50_000, "EUR")]),
        ("Police seized a €100 note.", []),
        ("Police seized 5 cars worth EUR 100 000.", [("cars", 5, None)]),
        ("Police froze 87 bank accounts worth EUR 2 million.", [("bank accounts", 2e6, "EUR")]),
        ("Police seized EUR 2.4 million in Greece.", [("cash", 2.4e6, "EUR")]),
        ("Police seized EUR 5 000 or so in cash.", [("cash", None, "EUR")]),
        ("Police seized thousands of euros in cash.", [("cash", None, "EUR")]),
        ("Police seized EUR 40 000 worth of gold.", [("gold", 40_000, "EUR")]),
        ("Police seized gold worth EUR 40 000.", [("gold", 40_000, "EUR")]),
    ],
)
def test_money(text, expected):
    assert seized(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Police seized 2019 cars.", []),  # a year
        ("Police raided 19 houses and seized drugs.", [("drugs", None, None)]),
        ("Police seized 30 people believed to be victims.", []),
        ("Police seized 12 phones.", [("phones", 12, None)]),
        (
            "Police seized 2 800 bank and virtual-asset accounts.",
            [("bank and virtual-asset accounts", 2800, None)],
        ),
    ],
)
def test_counts(text, expected):
    assert seized(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Police seized hundreds of kilograms of heroin.", [("heroin", None, "kg")]),
        ("Police seized numerous forged passports.", [("forged passports", None, None)]),
    ],
)
def test_amounts_without_a_figure(text, expected):
    assert seized(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Police seized cocaine (1.2 tonnes).", [("cocaine", 1.2, "tonnes")]),
        (
            "Police seized 5 kg of heroin, and in France another 3 kg.",
            [("heroin", 5, "kg"), ("heroin", 3, "kg")],
        ),
        (
            "180 000 banknotes were seized in Serbia, and over 500 000 in North Macedonia.",
            [("banknotes", 180_000, None), ("banknotes", 500_000, None)],
        ),
        (
            "Police seized 100 kg of glass eels (about 300 000 specimens).",
            [("glass eels", 100, "kg")],
        ),
    ],
)
def test_an_item_from_context_and_figures_restated(text, expected):
    assert seized(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("€5 000 in cash was seized.", [("cash", 5000, "EUR")]),
        ("Police seized EUR 5 million (equivalent to $5.4 million).", [("cash", 5e6, "EUR")]),
        (
            "Police seized €95,000 (around $105,246) in cryptocurrency.",
            [("cryptocurrency", 95_000, "EUR")],
        ),
        ("Police seized 5 000 euros in cryptocurrency.", [("cryptocurrency", 5000, "EUR")]),
        (
            "Police seized vintage luxury red Italian sports cars worth EUR 1 million.",
            [("luxury red Italian sports cars", 1e6, "EUR")],  # the last five words
        ),
        (
            "Police seized a gun and fake money worth EUR 160 000.",
            [("fake money", 160_000, "EUR"), ("gun", 1, None)],
        ),
        (
            "Police seized houses, including a villa valued at EUR 6 million.",
            [("houses", None, None)],
        ),
        (
            "Officers searched the house; jewellery worth EUR 5 000 was seized.",
            [("jewellery", 5000, "EUR")],
        ),
        (
            "Police seized 5 kg of cocaine and EUR 100 000 in cash.",
            [("cocaine", 5, "kg"), ("cash", 100_000, "EUR")],
        ),
        ("Police seized 5 kg of cocaine worth EUR 100 000.", [("cocaine", 5, "kg")]),
    ],
)
def test_money_phrasings(text, expected):
    assert seized(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Police seized 1899 cigarettes.", [("cigarettes", 1899, None)]),
        ("Police seized 1900 cigarettes.", []),  # read as a year
        ("Police seized 2100 cigarettes.", []),
        ("Police seized 2101 cigarettes.", [("cigarettes", 2101, None)]),
        ("Police seized two thousand cigarettes.", [("cigarettes", 2000, None)]),
        ("Police seized 12 items.", []),
        ("Police seized 12 packages of cocaine.", [("cocaine", 12, None)]),
        ("Police seized 3 boxes of cigarettes.", [("cigarettes", 3, None)]),
        (
            "Officers confiscated 40 cartons of counterfeit perfume.",
            [("counterfeit perfume", 40, None)],
        ),
        ("Customs found 7 crates of ammunition.", [("ammunition", 7, None)]),
        ("Five sacks of cannabis resin were seized.", [("cannabis resin", 5, None)]),
        (
            "Police seized 12 bottles of vodka and 3 bottles.",
            [("vodka", 12, None), ("bottles", 3, None)],
        ),
        ("Police seized thousands of cigarettes.", [("cigarettes", None, None)]),
        ("Police seized dozens of kilos of cocaine.", [("cocaine", None, "kg")]),
        ("Police seized the drugs (about 3 kg).", [("drugs", 3, "kg")]),
        ("Police seized 3 kg (about 6 lbs) of cocaine.", [("cocaine", 3, "kg")]),
    ],
)
def test_counts_and_measures_more(text, expected):
    assert seized(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Police seized 5 g of cocaine and another 3 g.", [("cocaine", 5, "g")]),
        ("Police seized 5 t of cocaine and another 3 t.", [("cocaine", 5, "tonnes")]),
        ("Police seized 5 l of acid and another 3 l.", [("acid", 5, "litres")]),
        (
            "Police seized 5 kg of cocaine and another 3 kg.",
            [("cocaine", 5, "kg"), ("cocaine", 3, "kg")],
        ),
    ],
)
def test_a_lone_letter_after_a_figure_takes_no_item_from_context(text, expected):
    assert seized(text) == expected


def test_a_value_in_brackets_after_its_item():
    assert seized("Police seized cash (about EUR 50 000).") == [("cash", 50_000, "EUR")]
    assert seized("Police seized cash (EUR 50 000).") == [("cash", 50_000, "EUR")]


# --- lists of seized things ----------------------------------------------------------


def items(text: str) -> list[str]:
    return [s.item for s in find_seizures(analyse(text))]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Police seized cocaine, along with cash and firearms.", ["cocaine", "cash", "firearms"]),
        ("Police seized cocaine, as well as cash and firearms.", ["cocaine", "cash", "firearms"]),
        ("Cocaine was seized and bank accounts frozen.", ["cocaine", "bank accounts"]),
        ("Police seized aircrafts, devises and monies.", ["aircraft", "devices", "money"]),
        ("Police seized cash; cars and firearms.", ["cash"]),
        ("Seized:\n• cash\n• cars\n• firearms", ["cash", "cars", "firearms"]),
        (
            "Police seized 75 tonnes of pesticides, the farm chemicals banned in the EU.",
            ["pesticides"],
        ),
        ("Police seized cash, among them dollars and euros, and firearms.", ["cash"]),
        ("The cocaine had been seized as evidence.", ["cocaine"]),
        ("The analysis built on intercepted messages and phones.", []),
        (
            "Police seized Rolex watches, Gucci bags and cash.",
            ["Rolex watches", "Gucci bags", "cash"],
        ),
        (
            "Police seized cash, very old rare vintage luxury cars and firearms.",
            ["cash", "firearms"],
        ),
        (
            "Police seized cash, old rare vintage luxury cars and firearms.",
            ["cash", "old rare vintage luxury cars", "firearms"],
        ),
    ],
)
def test_lists_of_seized_things(text, expected):
    assert items(text) == expected


def test_each_listed_item_is_placed_where_it_is_written():
    text = "Police seized cash, phones, cars, watches, jewellery and firearms."
    analysis = analyse(text)
    found = find_seizures(analysis)
    assert [s.item for s in found] == ["cash", "phones", "cars", "watches", "jewellery", "firearms"]
    assert [s.pos for s in found] == [text.index(s.item) for s in found]


def test_bulleted_figures_under_a_heading():
    assert seized("Seized:\n• 20 kg of cocaine\n• 3 firearms") == [
        ("cocaine", 20, "kg"),
        ("firearms", 3, None),
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Police seized 500 rounds of ammunition.", [("rounds of ammunition", 500, None)]),
        ("Police seized 1 round of ammunition.", [("round of ammunition", 1, None)]),
        ("Police seized 12 bars of gold.", [("bars of gold", 12, None)]),
        ("Police seized 30 pieces of jewellery.", [("pieces of jewellery", 30, None)]),
        ("Police seized 3 bags of cocaine.", [("cocaine", 3, None)]),
        ("Police seized 12 aircrafts.", [("aircraft", 12, None)]),
        ("Police seized 5 kg of the cocaine.", [("cocaine", 5, "kg")]),
        ("Police seized 5 kg of a white powder.", [("white powder", 5, "kg")]),
        ("Police seized 5 kg of an unknown powder.", [("unknown powder", 5, "kg")]),
        ("Police seized 5 kg of their stock.", [("stock", 5, "kg")]),
        ("Police seized 5 kg of its heroin.", [("heroin", 5, "kg")]),
        ("Police seized 5 kg of his heroin.", [("heroin", 5, "kg")]),
        ("Police seized 5 kg of her heroin.", [("heroin", 5, "kg")]),
        (
            "Police seized 5 kg of high purity Colombian cocaine base.",
            [("high purity Colombian cocaine", 5, "kg")],  # four words at most
        ),
    ],
)
def test_the_words_that_name_an_item(text, expected):
    assert seized(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Police seized a car, a boat, jewellery worth EUR 5 000.",
            [("jewellery", 5000, "EUR"), ("car", 1, None), ("boat", 1, None)],
        ),
        (
            "Police seized a car; jewellery worth EUR 5 000.",
            [("jewellery", 5000, "EUR"), ("car", 1, None)],
        ),
        (
            "Police seized a gun and a knife and fake money worth EUR 5 000.",
            [("fake money", 5000, "EUR"), ("gun", 1, None), ("knife", 1, None)],
        ),
    ],
)
def test_what_a_value_prices_ends_at_the_last_comma_or_and(text, expected):
    assert seized(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Police seized 3 cars of the suspects.", [("cars", 3, None)]),
        ("Police seized 3 cars and arrested 12 members of the organisation.", [("cars", 3, None)]),
    ],
)
def test_an_item_ends_before_of_and_its_head_is_the_word_before_of(text, expected):
    assert seized(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Police seized cash (EUR 50 000 or so).", [("cash", None, "EUR")]),
        ("Police seized gold worth about EUR 40 000.", [("gold", 40_000, "EUR")]),
        ("Police seized gold worth an estimated EUR 40 000.", [("gold", 40_000, "EUR")]),
        ("Police seized gold valued at EUR 40 000.", [("gold", 40_000, "EUR")]),
        ("Police seized gold totalling EUR 40 000.", [("gold", 40_000, "EUR")]),
        ("Police froze 12 accounts with a total of EUR 2 million.", [("accounts", 2e6, "EUR")]),
    ],
)
def test_values_and_what_they_price(text, expected):
    assert seized(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Police seized thousands of euros.", [("cash", None, "EUR")]),
        ("Police seized thousands of euros in cryptocurrency.", [("cryptocurrency", None, "EUR")]),
        ("Police seized several thousand EUR in cash.", [("cash", None, "EUR")]),
        ("Police seized hundreds of t of cocaine.", []),
        ("Police seized hundreds of l of acid.", []),
        ("Police seized hundreds of g of cocaine.", []),
        ("Police seized some 12 cars.", [("cars", 12, None)]),
        (
            "Police seized some 12 cars and numerous phones.",
            [("cars", 12, None), ("phones", None, None)],
        ),
        (
            "Police seized 5 cars, and jewellery worth EUR 5 000.",
            [("cars", 5, None), ("jewellery", 5000, "EUR")],
        ),
    ],
)
def test_amounts_without_a_figure_and_new_objects(text, expected):
    assert seized(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "In Spain and Andorra, cash and cars were seized.",
            [("cash", None, None), ("cars", None, None)],
        ),
        (
            "Police seized a gun, a large number of phones and one car.",
            [("car", 1, None), ("phones", None, None), ("gun", 1, None)],
        ),
        ("Police seized clothing that looked like uniforms.", [("clothing", None, None)]),
        ("Police seized a number of luxury vehicles.", [("luxury vehicles", None, None)]),
        (
            "Police seized diplomatic and administrative documents.",
            [("administrative documents", None, None)],
        ),
    ],
)
def test_list_pieces(text, expected):
    assert seized(text) == expected
