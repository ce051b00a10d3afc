from helpers_extract import analyse

from graphkit.extract.seizures import find_seizures


def seized(text: str) -> list[tuple]:
    return [(s.item, s.quantity, s.unit) for s in find_seizures(analyse(text))]


def test_list_after_seizure_of():
    text = (
        "The action led to 27 house searches, the dismantling of 11 indoor cannabis "
        "farms and seizure of 3140 cannabis plants, about 70.000 euros in cash and jewellery, "
        "five sports cars, 48 mobile phones."
    )
    assert seized(text) == [
        ("cannabis plants", 3140, None),
        ("cash", 70000, "EUR"),
        ("sports cars", 5, None),
        ("mobile phones", 48, None),
    ]


def test_money_forms():
    text = (
        "Over €9 million in cash was seized in Italy, EUR 2.4 million in Greece and "
        "over R$3 million and US$238 000 in cash were seized in Brazil."
    )
    assert seized(text) == [
        ("cash", 9_000_000, "EUR"),
        ("cash", 2_400_000, "EUR"),
        ("cash", 3_000_000, "BRL"),
        ("cash", 238_000, "USD"),
    ]


def test_measures_and_containers():
    text = (
        "The coast guard intercepted a 940 kilo cargo of heroin and seized over 6 tonnes of "
        "marijuana, 45 litres of BMK and over 80 kg MDMA powder."
    )
    assert seized(text) == [
        ("heroin", 940, "kg"),
        ("marijuana", 6, "tonnes"),
        ("BMK", 45, "litres"),
        ("MDMA powder", 80, "kg"),
    ]


def test_worth_prices_a_counted_item_but_names_an_uncounted_one():
    text = (
        "210 apartments seized in Mexico worth an estimated US$95 million. "
        "Properties and savings accounts worth more than EUR 7.2 million were frozen."
    )
    assert seized(text) == [
        ("apartments", 210, None),
        ("properties and savings accounts", 7_200_000, "EUR"),
    ]


def test_conversions_in_brackets_are_not_second_seizures():
    text = "Police seized cash worth 28.4 million euros (about $33 million)."
    assert seized(text) == [("cash", 28_400_000, "EUR")]


def test_unquantified_seizures():
    text = (
        "Officers seized hundreds of kilograms of heroin, thousands of dollars in cash, "
        "numerous forged passports and several hundred rounds of ammunition."
    )
    assert seized(text) == [
        ("heroin", None, "kg"),
        ("cash", None, "USD"),
        ("forged passports", None, None),
        ("rounds of ammunition", None, None),
    ]


def test_sentences_without_a_seizure_verb_are_ignored():
    text = "The cartel made profits of €80 million and shipped 30 tonnes of heroin."
    assert seized(text) == []


def test_people_and_searches_are_not_seized():
    text = "Police seized 20 kg of heroin, arrested 5 suspects and carried out 12 searches."
    assert seized(text) == [("heroin", 20, "kg")]


def test_headline_repeat_is_dropped():
    text = "270 pistols seized in the Balkans\nMore than 270 guns were later recovered."
    assert seized(text) == [("guns", 270, None)]


def test_currency_sign_after_the_amount():
    assert seized("Police seized 500 000 € in cash.") == [("cash", 500_000, "EUR")]
