import pytest

from graphkit.extract.numbers import find_numbers, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3140", 3140),
        ("3 140", 3140),
        ("3,140", 3140),
        ("70.000", 70000),
        ("2 700", 2700),
        ("2.4 million", 2_400_000),
        ("4,5 million", 4_500_000),
        ("4 thousand", 4000),
        ("12m", 12_000_000),
        ("forty-two", 42),
        ("seven", 7),
        ("Eighteen", 18),
        ("a dozen", 12),
        ("a thousand", 1000),
        ("two hundred and fifty", 250),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_find_numbers_keeps_spans():
    text = "Police arrested forty-two people and seized EUR 2.4 million and 3 140 plants."
    found = find_numbers(text)
    assert [(n.value, text[n.start : n.end]) for n in found] == [
        (42, "forty-two"),
        (2_400_000, "2.4 million"),
        (3140, "3 140"),
    ]
    assert found[0].words and not found[1].words


def test_offsets_are_shifted():
    found = find_numbers("seven in France", offset=100)
    assert (found[0].start, found[0].end) == (100, 105)


def test_separate_small_numbers_are_not_grouped():
    # "8 in Latvia and 6 in Estonia" must not read as one number
    assert [n.value for n in find_numbers("14 searches (8 in Latvia and 6 in Estonia)")] == [
        14,
        8,
        6,
    ]


def test_absurd_digit_runs_are_ignored_quickly():
    assert find_numbers("9" * 200_000) == []
