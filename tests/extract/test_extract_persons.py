"""Suspects named with their age: where the text gives a reason to take them for suspects,
in several phrasings; officials quoted with their age are not suspects."""

from __future__ import annotations

import pytest
from helpers_extract import analyse

from graphkit.extract.persons import find_persons


def persons(text: str) -> list[tuple[str, int, bool]]:
    return [(p.name, p.age, p.arrested) for p in find_persons(analyse(text))]


@pytest.mark.parametrize(
    "text",
    [
        "Anna Lind, 33, was arrested in Sweden.",
        "Police charged Anna Lind, 33, with fraud.",
        "Anna Lind, aged 33, was detained at the airport.",
    ],
)
def test_a_name_with_its_age_in_a_sentence_about_arrests_or_charges(text):
    assert [p[:2] for p in persons(text)] == [("Anna Lind", 33)]


@pytest.mark.parametrize(
    "text,arrested",
    [
        ("The ring, led by Tom Berg, 39, of Oslo, sold heroin.", False),
        ("Tom Berg, 39, was the ringleader. He fled abroad.", False),
        ("The group's boss, Tom Berg, 39, ran the workshop.", False),
        ("Tom Berg, 39, bought the guns. Officers arrested Berg and two others.", True),
        ("The group, headed by Tom Berg, 39, smuggled guns. Berg was detained in May.", True),
    ],
)
def test_a_suspect_named_for_their_role_or_named_again_where_the_arrest_is_told(text, arrested):
    assert persons(text) == [("Tom Berg", 39, arrested)]


@pytest.mark.parametrize(
    "text",
    [
        "Attorney General Jane Roe, 52, said the case mattered. Police arrested 3 people.",
        "Inspector Mark Hill, 48, welcomed the result. Police arrested 3 people.",
        "Prosecutor Eva Holm, 50, led the case. The suspects were charged in May.",
    ],
)
def test_officials_quoted_with_their_age_are_not_suspects(text):
    assert persons(text) == []


def mention(text: str):
    (found,) = find_persons(analyse(text))
    return found


@pytest.mark.parametrize(
    "text,country",
    [
        ("Anna Lind, 33, was arrested in Sweden.", "SE"),
        ("Anna Lind, 33, from Sweden, was arrested in Norway.", "NO"),  # "from": not where
        ("Anna Lind, 33, was arrested in Stockholm.", None),  # a city is not a country here
        ("Anna Lind, 33, was arrested in Sweden and in Norway.", None),  # two: neither
        ("Anna Lind, 33, was arrested.", None),
    ],
)
def test_the_country_a_suspect_was_arrested_in(text, country):
    assert mention(text).country == country


def test_the_mention_keeps_its_own_sentence_and_the_first_of_two():
    text = "The ring was run by Anna Lind, 33, of Oslo. Anna Lind, 33, was arrested in Sweden."
    found = mention(text)
    assert found.sentence.text == "The ring was run by Anna Lind, 33, of Oslo."
    assert found.arrested is True  # the arrest is told where she is named again


def test_a_three_word_name_is_found_again_by_its_surname():
    text = "John Michael Smith, 45, bought the guns. Officers arrested Smith in Spain."
    assert persons(text) == [("John Michael Smith", 45, True)]


def test_every_suspect_of_a_sentence_after_one_that_is_no_name():
    text = "Police Officer Jan Kos, 45, and Anna Lind, 33, were arrested."
    assert [p[0] for p in persons(text)] == ["Anna Lind"]


def test_the_arrest_is_read_in_the_sentence_that_names_the_suspect():
    text = "Investigators charged Lind's brother. Anna Lind, 33, was arrested in Sweden."
    assert persons(text) == [("Anna Lind", 33, True)]


def test_a_name_that_is_no_suspect_does_not_hide_the_next_one():
    text = "Jan Kos, 45, and Anna Lind, 33, met in Oslo. Police later arrested Lind."
    assert persons(text) == [("Anna Lind", 33, True)]
