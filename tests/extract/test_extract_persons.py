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
