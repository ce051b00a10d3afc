import pytest

from graphkit.extract.numbers import find_numbers, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("8255", 8255),
        ("8 255", 8255),
        ("8,255", 8255),
        ("100.000", 100000),
        ("1 500", 1500),
        ("3.8 million", 3_800_000),
        ("2,5 million", 2_500_000),
        ("3 thousand", 3000),
        ("12m", 12_000_000),
        ("sixty-four", 64),
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
    text = "Police arrested sixty-four people and seized EUR 3.8 million and 8 255 plants."
    found = find_numbers(text)
    assert [(n.value, text[n.start : n.end]) for n in found] == [
        (64, "sixty-four"),
        (3_800_000, "3.8 million"),
        (8255, "8 255"),
    ]
    assert found[0].words and not found[1].words


def test_offsets_are_shifted():
    found = find_numbers("seven in France", offset=100)
    assert (found[0].start, found[0].end) == (100, 105)


def test_separate_small_numbers_are_not_grouped():
    # "5 in Romania and 6 in the UK" must not read as one number
    assert [n.value for n in find_numbers("11 searches (5 in Romania and 6 in the UK)")] == [
        11,
        5,
        6,
    ]


def test_absurd_digit_runs_are_ignored_quickly():
    assert find_numbers("9" * 200_000) == []
