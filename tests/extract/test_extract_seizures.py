from helpers_extract import analyse

from graphkit.extract.seizures import find_seizures


def seized(text: str) -> list[tuple]:
    return [(s.item, s.quantity, s.unit) for s in find_seizures(analyse(text))]


def test_seed_style_list():
    text = (
        "The operation resulted in 39 premises searches, the dismantlement of 15 indoor cannabis "
        "plantations and seizure of 8255 cannabis plants, around 100.000 euros in cash and gold, "
        "four luxury vehicles, 63 electronic devices."
    )
    assert seized(text) == [
        ("cannabis plants", 8255, None),
        ("cash", 100000, "EUR"),
        ("luxury vehicles", 4, None),
        ("electronic devices", 63, None),
    ]


def test_money_forms():
    text = (
        "Over €12 million in cash was seized in Portugal, EUR 3.8 million in Spain and "
        "over R$1 million and US$169 000 in cash were seized in Brazil."
    )
    assert seized(text) == [
        ("cash", 12_000_000, "EUR"),
        ("cash", 3_800_000, "EUR"),
        ("cash", 1_000_000, "BRL"),
        ("cash", 169_000, "USD"),
    ]


def test_measures_and_containers():
    text = (
        "Customs intercepted a 675 kilo shipment of cocaine and seized over 3 tonnes of hashish, "
        "30 litres of PMK and over 100 kg MDMA crystals."
    )
    assert seized(text) == [
        ("cocaine", 675, "kg"),
        ("hashish", 3, "tonnes"),
        ("PMK", 30, "litres"),
        ("MDMA crystals", 100, "kg"),
    ]


def test_worth_prices_a_counted_item_but_names_an_uncounted_one():
    text = (
        "163 houses seized in Brazil worth in excess of R$132 million. "
        "Assets and bank accounts worth over EUR 11.5 million were frozen."
    )
    assert seized(text) == [
        ("houses", 163, None),
        ("Assets and bank accounts", 11_500_000, "EUR"),
    ]


def test_conversions_in_brackets_are_not_second_seizures():
    text = "Police seized cash worth 50.8 million euros (more than $56 million)."
    assert seized(text) == [("cash", 50_800_000, "EUR")]


def test_unquantified_seizures():
    text = (
        "Officers seized dozens of kilograms of cocaine, thousands of euros in cash, "
        "numerous stolen vehicles and several thousand rounds of ammunition."
    )
    assert seized(text) == [
        ("cocaine", None, "kg"),
        ("cash", None, "EUR"),
        ("stolen vehicles", None, None),
        ("rounds of ammunition", None, None),
    ]


def test_sentences_without_a_seizure_verb_are_ignored():
    text = "The network made profits of €100 million and imported 45 tonnes of cocaine."
    assert seized(text) == []


def test_people_and_searches_are_not_seized():
    text = "Police seized 20 kg of heroin, arrested 5 suspects and carried out 12 searches."
    assert seized(text) == [("heroin", 20, "kg")]


def test_headline_repeat_is_dropped():
    text = "350 firearms seized in Europe\nOver 350 weapons have since been recovered."
    assert seized(text) == [("weapons", 350, None)]


def test_currency_sign_after_the_amount():
    assert seized("Police seized 500 000 € in cash.") == [("cash", 500_000, "EUR")]
