"""Arrest breakdowns in the forms press releases use: our own sentences, several phrasings
for each form, plus the numbers that are not arrests at all."""

from __future__ import annotations

import pytest
from helpers_extract import analyse

from graphkit.extract.arrests import find_arrests


def arrests(text: str) -> tuple[int | None, dict[str, int]]:
    result = find_arrests(analyse(text))
    return result.total, {k: v[0] for k, v in result.by_country.items()}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The action day resulted in 14 arrests in France.", {"FR": 14}),
        ("Officers made 14 arrests in France and 3 arrests in Belgium.", {"FR": 14, "BE": 3}),
        (
            "There were 14 arrests in France, 3 in Belgium and one in Spain.",
            {"FR": 14, "BE": 3, "ES": 1},
        ),
    ],
)
def test_n_arrests_in_a_country(text, expected):
    assert arrests(text)[1] == expected


@pytest.mark.parametrize(
    "text",
    [
        "In Ireland, two people were arrested, while in the Netherlands eight were detained.",
        "In Ireland two suspects were arrested; in the Netherlands, eight.",
        "Two people were arrested in Ireland, whereas eight were arrested in the Netherlands.",
        "Police arrested two people in Ireland and eight in the Netherlands.",
    ],
)
def test_clauses_each_with_their_country(text):
    assert arrests(text)[1] == {"IE": 2, "NL": 8}


@pytest.mark.parametrize(
    "text",
    [
        "Arrests by country:\nBosnia and Herzegovina: 3\nSerbia: 5\nCroatia: 1",
        "Arrests\n• Bosnia and Herzegovina – 3\n• Serbia – 5\n• Croatia – 1",
        "Suspects arrested per country:\n- Bosnia and Herzegovina (3)\n- Serbia (5)\n- Croatia (1)",
        "Arrested:\nBosnia and Herzegovina 3\nSerbia 5\nCroatia 1",
    ],
)
def test_list_lines_under_an_arrest_heading(text):
    assert arrests(text)[1] == {"BA": 3, "RS": 5, "HR": 1}


def test_list_lines_under_another_heading_are_not_arrests():
    text = "House searches by country:\nSerbia: 5\nCroatia: 1\nPolice arrested 4 people."
    assert arrests(text) == (4, {})


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Police arrested 20 suspects, of whom 12 in Spain and 8 in Portugal.",
            (20, {"ES": 12, "PT": 8}),
        ),
        ("20 suspects were arrested, 12 of them in Spain.", (20, {"ES": 12})),
        ("Of the 20 people arrested, 12 were detained in Spain.", (20, {"ES": 12})),
    ],
)
def test_part_of_a_total(text, expected):
    assert arrests(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The Spanish police arrested 7 suspects.", {"ES": 7}),
        ("Seven suspects were arrested by the Spanish Guardia Civil.", {"ES": 7}),
        (
            "Portuguese officers detained three men, and the Spanish police arrested seven.",
            {"PT": 3, "ES": 7},
        ),
        (
            "Spanish law enforcement authorities seized 100 kg of glass eels. "
            "The seizure led to the arrest of two people.",
            {"ES": 2},
        ),
    ],
)
def test_country_named_by_its_authorities(text, expected):
    assert arrests(text)[1] == expected


def test_arrests_over_several_paragraphs():
    text = (
        "Police dismantled a trafficking ring across Europe.\n\n"
        "In Spain, officers raided 12 homes and arrested nine suspects.\n\n"
        "In Italy, the Carabinieri searched warehouses. Four people were arrested there.\n\n"
        "Another three suspects were later arrested in Spain."
    )
    assert arrests(text)[1] == {"ES": 12, "IT": 4}


@pytest.mark.parametrize(
    "text",
    [
        "On the first action day, 5 suspects were arrested in Spain. On the second action day, "
        "a further 3 were arrested in Spain.",
        "46 facilitators were arrested yesterday (3 in Spain and 2 in Italy), and previous "
        "operations led to the arrest of 5 members in Spain and 1 in Italy.",
    ],
)
def test_counts_of_separate_action_days_add_up(text):
    assert arrests(text)[1]["ES"] == 8


def test_a_repeated_figure_is_not_added():
    text = (
        "Five arrested in Spain\n"
        "Police arrested five suspects in Spain. The five suspects arrested in Spain will "
        "appear before a judge."
    )
    assert arrests(text) == (5, {"ES": 5})


@pytest.mark.parametrize(
    "text,expected",
    [
        ("In Spain, 400 officers took part and 12 people were arrested.", {"ES": 12}),
        ("In Spain, police rescued 30 victims and arrested 12 people.", {"ES": 12}),
        ("In Spain, officers searched 25 houses; 12 people were arrested.", {"ES": 12}),
        (
            "In Spain, where the gang has been active since 2019, 12 people were arrested.",
            {"ES": 12},
        ),
        ("In 2021, 12 people were arrested in Spain.", {"ES": 12}),
    ],
)
def test_other_numbers_are_not_arrests(text, expected):
    assert arrests(text)[1] == expected


@pytest.mark.parametrize(
    "text,total",
    [
        (
            "More than 400 officers were deployed and 40 premises searched. Police arrested 12 "
            "people in Spain and 3 in France.",
            None,
        ),
        (
            "Police arrested 12 people in Spain and rescued 30 victims. Across Europe, 15 "
            "suspects were arrested.",
            15,
        ),
        (
            "Since 2016, the taskforce has led to 1 200 arrests worldwide. This week, police "
            "arrested 12 people in Spain and 3 in France.",
            None,
        ),
        ("In total, 15 suspects were arrested in Spain and France.", 15),
    ],
)
def test_the_total_is_only_a_number_stated_for_the_operation(text, total):
    assert arrests(text)[0] == total


def test_a_single_country_figure_is_not_a_total_when_other_arrests_are_uncounted():
    text = "Police arrested 12 people in Spain. Other suspects were also arrested in France."
    assert arrests(text) == (None, {"ES": 12})


def test_foreign_regions_are_not_one_country():
    text = "Agents in 23 field divisions and seven foreign offices arrested 617 persons."
    assert arrests(text) == (617, {})


def test_arrest_in_a_country_of_n_people():
    assert arrests("The strike led to the arrest in Ukraine of two ransomware operators.") == (
        2,
        {"UA": 2},
    )


@pytest.mark.parametrize(
    "text",
    [
        "The second phase took place in Poland. Police searched a dozen sites around the "
        "country and arrested nine people.",
        "Officers then moved to Poland. Nine people were arrested across the country.",
    ],
)
def test_the_country_refers_back_to_the_last_one(text):
    assert arrests(text)[1] == {"PL": 9}


def test_a_count_in_quotes_is_still_a_count():
    assert arrests("Six “high-value targets” were arrested in Dubai.")[1] == {"AE": 6}


def test_a_relative_clause_keeps_its_authorities():
    text = (
        "Searches were carried out by the Dutch police in 17 different localities, where "
        "seven suspects were arrested."
    )
    assert arrests(text) == (7, {"NL": 7})


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Nine suspects were detained in Austria. In addition, a Croatian man was arrested "
            "in Slovenia.",
            {"AT": 9, "SI": 1},
        ),
        (
            "Police arrested four suspects in Spain and later arrested a fifth man in Spain.",
            {"ES": 5},
        ),
        ("Officers in Italy arrested a 45-year-old man.", {"IT": 1}),
    ],
)
def test_one_persons_arrest_counts_one_where_it_is_placed(text, expected):
    assert arrests(text)[1] == expected


def test_one_persons_arrest_is_not_the_total_beside_a_count():
    text = "Police arrested 30 suspects across Europe. A Dutch man was also arrested in Spain."
    assert arrests(text) == (30, {"ES": 1})


def test_a_count_whose_verb_follows_an_aside():
    text = (
        "A total of 12 suspects, including the leader, were arrested in Spain (9) and Portugal (3)."
    )
    assert arrests(text) == (12, {"ES": 9, "PT": 3})


def test_officers_before_an_arrest_verb_are_not_arrested():
    text = "About 450 officers, working in ten countries, ended with the arrest of 42 people."
    assert arrests(text)[0] == 42


def test_an_opening_place_does_not_reach_past_a_contrast():
    text = "In Senegal alone, 95 suspects were arrested, while Ghanaian police detained 61."
    assert arrests(text)[1] == {"SN": 95, "GH": 61}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("17 people were taken into custody in Hungary.", (17, {"HU": 17})),
        ("Police took 17 people into custody in Hungary.", (17, {"HU": 17})),
        ("Officers in Hungary took 17 suspects into police custody.", (17, {"HU": 17})),
        ("In total, 17 individuals were taken into custody.", (17, {})),
        (
            "Police took 17 people into custody in Hungary and 3 in Slovakia.",
            (None, {"HU": 17, "SK": 3}),
        ),
    ],
)
def test_taken_into_custody_is_an_arrest(text, expected):
    """ "into custody" is part of the verb, not a movement into the country after it."""
    assert arrests(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "17 people were taken into custody in Hungary.",
        "Border guards apprehended 17 people in Hungary.",
    ],
)
def test_an_arrest_in_custody_words_is_an_operation_with_its_country(text):
    from graphkit.extract import extract_text

    doc = extract_text(text, source="custody.txt")
    operation = next(n for n in doc.nodes if n.label == "Operation")
    assert operation.properties["arrests"] == 17
    arrested = [r for r in doc.relationships if r.type == "ARRESTED_IN"]
    assert [(r.dst.key, r.properties["count"]) for r in arrested] == [("HU", 17)]
