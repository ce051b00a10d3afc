"""Arrests: the rules behind each count, one at a time: what a number must be to count
people, when detentions are set apart, one-person arrests, where a count's country comes
from (after it, before it, beside it, the authorities, a previous sentence), lists under a
heading, and how the total is chosen."""

from __future__ import annotations

import pytest
from helpers_extract import analyse

from graphkit.extract.arrests import find_arrests


def arrests(text: str) -> tuple[int | None, dict[str, int]]:
    result = find_arrests(analyse(text))
    return result.total, {k: v[0] for k, v in result.by_country.items()}


# --- what counts people --------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Police arrested 99999 people.", 99999),
        ("Police arrested 100000 people.", None),  # no operation arrests 100 000
        ("Police arrested 2000 suspects.", 2000),  # a year-like number with people after it
        ("Police arrested 1899.", 1899),
        ("Police arrested 1900.", None),  # a year
        ("Police arrested 2100.", None),
        ("Police arrested 2101.", 2101),
    ],
)
def test_counts_and_years(text, expected):
    assert arrests(text)[0] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Aged 45, the leader was arrested in Spain.", (None, {})),
        ("A man aged 45 was arrested.", (1, {})),
    ],
)
def test_an_age_is_not_a_count(text, expected):
    assert arrests(text) == expected


@pytest.mark.parametrize("money", ["€5 000", "EUR 5 000", "$5 000", "£5 000", "USD 5 000"])
def test_money_is_not_a_count(money):
    # without the currency, "5 000 in Spain" would read as Spain's arrests
    assert arrests(f"Police arrested 4 people and seized {money} in Spain.") == (4, {})


# --- detentions set apart ------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Police raided homes. Two were arrested and eleven detained.", 2),
        ("Three suspects were detained for questioning. Two were arrested and eleven detained.", 2),
        (
            "Police arrested two people, and officers detained 11 more. "
            "Two were arrested and eleven detained.",
            2,
        ),
        ("Two arrests and eleven detentions were made.", 2),
        ("Eleven suspects were detained and two were arrested.", 2),
        ("Two were arrested; eleven detained.", 11),  # two clauses: detentions are arrests
        ("Two were arrested and eleven more detained.", 2),
    ],
)
def test_detentions_set_apart_are_not_arrests(text, expected):
    assert arrests(text)[0] == expected


def test_detentions_are_apart_only_when_the_two_verbs_are_close():
    near = "Two were arrested and on that date eleven were detained."
    far = "Two were arrested and on that night eleven were detained."

    def between(text):
        return text[text.index("arrested") + 8 : text.index("detained")]

    assert (len(between(near)), len(between(far))) == (30, 31)
    assert arrests(near)[0] == 2
    assert arrests(far)[0] == 11  # two actions: the detentions are arrests


# --- one person ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("A Dutch national was detained in Germany.", (1, {"DE": 1})),
        ("A Dutch national was apprehended in Germany.", (1, {"DE": 1})),
        ("One man was arrested in Spain.", (1, {"ES": 1})),
        (
            "One man was arrested in Spain and a woman was arrested in France.",
            (None, {"ES": 1, "FR": 1}),
        ),
        ("Over the past years, a man was arrested in Spain.", (None, {})),
    ],
)
def test_one_persons_arrest(text, expected):
    assert arrests(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("A woman was detained in France.", {}),
        ("A man was arrested in Spain after he was detained at the airport.", {"ES": 1}),
        ("After the arrests, a woman was detained in France.", {}),
        ("After being detained, a man was arrested in Spain.", {"ES": 1}),
    ],
)
def test_one_persons_detention_when_detentions_are_set_apart(text, expected):
    # the first sentence sets detentions apart; a single's own verb decides
    assert arrests(f"Police arrested 3 people and detained 2. {text}") == (3, expected)


# --- which numbers are this sentence's counts ----------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Of the 20 members, 12 were arrested.", (12, {})),
        ("Police from 12 agencies made 3 arrests.", (3, {})),  # the cue is 3's
        ("Police searched 12 houses.", (None, {})),
        ("Four people remain in custody in Spain.", (None, {})),
    ],
)
def test_which_numbers_count(text, expected):
    assert arrests(text) == expected


# --- the country of a count ----------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Police from Spain arrested 4 people in France.", {"FR": 4}),
        ("4 suspects were arrested near Lyon.", {}),
        ("4 people were arrested by officers of the unit in Spain.", {"ES": 4}),  # 9 words
        ("4 people were arrested by officers of the local unit in Spain.", {}),  # 10 words
        ("Eight people, officials among them, were arrested in Malta.", {"MT": 8}),
        ("Police arrested 4 people and seized drugs in Spain.", {}),
        ("4 people were arrested in Spain and France.", {}),
        ("4 people were arrested in Spain and the Netherlands.", {}),
        ("4 people were arrested in Spain & France.", {}),
        ("Spain saw 13 arrests.", {"ES": 13}),
        ("Spain and France saw 13 arrests.", {}),
        ("Police in Spain said on Monday that they arrested 13 people.", {"ES": 13}),
        ("Police in Spain said late on Monday that they arrested 13 people.", {}),
        (
            "The operation led to arrests in Spain (4 suspects) and France (2 suspects).",
            {"ES": 4, "FR": 2},
        ),
        (
            "In Spain, police arrested 4 suspects and another 3 were arrested later, "
            "Europol said in The Hague.",
            {"ES": 7},
        ),
    ],
)
def test_the_country_of_a_count(text, expected):
    assert arrests(text)[1] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The Guardia Civil led the case. Police arrested 7 people.", {}),
        ("Guardia Civil officers arrested 7 people.", {"ES": 7}),
        ("Europol and the Guardia Civil arrested 7 people.", {"ES": 7}),
        ("Seven people were arrested, the Spanish police said.", {}),
        ("Seven people were arrested by the Spanish police.", {"ES": 7}),
    ],
)
def test_the_authorities_that_made_the_arrests(text, expected):
    assert arrests(text)[1] == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The Guardia Civil raided homes. Three men were arrested there.", {"ES": 3}),
        ("Guardia Civil officers raided homes. Three men were arrested there.", {"ES": 3}),
        ("Europol supported the Guardia Civil in raids. Three men were arrested there.", {"ES": 3}),
        (
            "Police raided homes in France. Officers then left. Three men were arrested there. "
            "The Guardia Civil thanked Europol.",
            {"FR": 3},
        ),
        ("Police arrested 4 people in Spain. Three more were arrested there.", {"ES": 7}),
    ],
)
def test_there_is_the_previous_sentences_place(text, expected):
    assert arrests(text)[1] == expected


# --- sums per country ----------------------------------------------------------------


def test_counts_of_one_sentence_add_up_and_so_do_further_ones():
    text = (
        "In Spain, police arrested 4 people in Madrid and 2 in Seville. "
        "Another 3 were arrested in Valencia."
    )
    assert arrests(text) == (9, {"ES": 9})
    assert arrests("Police arrested 4 people in Spain. Police arrested 3 more in Spain.") == (
        7,
        {"ES": 7},
    )


# --- lists under a heading -----------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Arrests:\nSerbia: 5\nCroatia: 1\nPolice thanked Europol.", {"RS": 5, "HR": 1}),
        ("Arrests:\nSerbia: 5\nSerbia arrested 5 more people on Monday.", {"RS": 10}),
        (
            "Arrests by country:\nSerbia: 5\nCroatia: 1\nIn addition, police arrested 4 people "
            "in Spain.",
            {"RS": 5, "HR": 1, "ES": 4},
        ),
        ("Arrests in the operation\nSerbia 5\nCroatia 1", {"RS": 5, "HR": 1}),  # 4 words
        ("Arrests in the joint operation\nSerbia 5\nCroatia 1", {}),  # 5 words, no colon
    ],
)
def test_list_lines(text, expected):
    assert arrests(text)[1] == expected


def test_a_heading_is_shorter_than_80_characters():
    heading = "Arrests made by the authorities of the countries taking part, listed by country:"
    assert len(heading) == 80
    assert arrests(f"{heading}\nSerbia 5\nCroatia 1")[1] == {}
    shorter = heading.replace("listed", "shown")
    assert len(shorter) == 79
    assert arrests(f"{shorter}\nSerbia 5\nCroatia 1")[1] == {"RS": 5, "HR": 1}


# --- the total -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Police arrested 40 people. In total, 31 suspects were arrested.", 31),
        ("Police arrested 40 people. Overall 31 suspects were arrested.", 31),
        ("Police arrested 4 members of the gang. The 10 suspects arrested earlier are Dutch.", 4),
        ("Police arrested 4 people in Spain and 3 in France.", None),
        (
            "Arrests were made in France. Police arrested 4 people in Spain. "
            "Arrests were also made in Spain.",
            None,  # arrests in France too: Spain's 4 are not the total
        ),
        ("Police arrested 4 people in Spain. More arrests were made in Spain.", 4),
    ],
)
def test_the_total(text, expected):
    assert arrests(text)[0] == expected


def test_a_headline_restating_the_total_is_not_its_sentence():
    result = find_arrests(analyse("Police arrest 12 in raids\nPolice arrested 12 people in raids."))
    assert result.total == 12 and result.total_sentence.index == 1
