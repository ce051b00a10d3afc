import itertools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# --- numbers in words with scales inside them -------------------------------------------

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
]
_ONES += ["fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS_WORDS = [
    "_",
    "_",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
]


def spell(n: int, *, joiner: str = "-", british: bool = False) -> str:
    """An independent speller (the oracle): 2300 -> "two thousand three hundred"."""

    def below_thousand(k: int) -> list[str]:
        words: list[str] = []
        hundreds, rest = divmod(k, 100)
        if hundreds:
            words += [_ONES[hundreds], "hundred"]
            if rest and british:
                words.append("and")
        if rest >= 20:
            tens, ones = divmod(rest, 10)
            words.append(_TENS_WORDS[tens] + (joiner + _ONES[ones] if ones else ""))
        elif rest:
            words.append(_ONES[rest])
        return words

    if n == 0:
        return "zero"
    words: list[str] = []
    for scale, name in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand"), (1, "")):
        group, n = divmod(n, scale)
        if group:
            words += below_thousand(group) + ([name] if name else [])
    return " ".join(words)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("two thousand three hundred", 2300),
        ("one million two hundred thousand", 1_200_000),
        ("two hundred thousand three hundred", 200_300),
        ("one thousand and five", 1005),
        ("a thousand and one", 1001),
        ("a thousand two hundred", 1200),
        ("a hundred and fifty", 150),
        ("five hundred million", 500_000_000),
        ("one billion five hundred million", 1_500_000_000),
        ("three million", 3_000_000),
        ("seven thousand", 7000),
        ("twelve m", 12_000_000),
        ("forty two k", 42_000),
        ("twenty two bn", 22_000_000_000),
    ],
)
def test_scale_words_inside_a_number(text, value):
    assert parse_number(text) == value
    sentence = f"Officers arrested {text} people."
    assert [(n.value, n.text) for n in find_numbers(sentence)] == [(value, text)]


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=1, max_value=999_999_999_999),
    st.sampled_from(["-", " "]),
    st.booleans(),
)
def test_any_number_spelled_out_reads_back(n, joiner, british):
    words = spell(n, joiner=joiner, british=british)
    found = find_numbers(f"Police seized {words} pills.")
    assert [(x.value, x.text, x.words) for x in found] == [(n, words, True)]


def test_scale_words_without_a_count_are_not_numbers():
    for text in ("hundred", "thousand", "m", "one thousand million", "a", "a million", "and", ""):
        assert parse_number(text) is None, text
    # a scale word on its own in running text is no number either
    assert find_numbers("Thousands of officers and a hundredfold rise") == []


def test_a_dozen_and_a_hundred_fold_into_their_scale():
    assert parse_number("a dozen") == 12
    assert parse_number("two dozen") == 24
    assert parse_number("a dozen million") == 12_000_000
    assert parse_number("a hundred") == 100


def test_number_in_words_through_graphkit_extract(tmp_path):
    """The CLI reads a number with a scale inside it as one count (it read none before)."""
    from typer.testing import CliRunner

    from graphkit.cli import app

    report = tmp_path / "report.txt"
    report.write_text(
        "Police arrested two thousand three hundred suspects in Spain.\n\n"
        "The Guardia Civil seized one million two hundred thousand euros in cash.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["extract", str(report), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    nodes = {n["label"]: n["properties"] for n in doc["nodes"]}
    assert nodes["Operation"]["arrests"] == 2300
    assert nodes["Seizure"]["quantity"] == 1_200_000
    assert nodes["Seizure"]["unit"] == "EUR"
    arrested = [r for r in doc["relationships"] if r["type"] == "ARRESTED_IN"]
    assert [(r["to"]["key"], r["properties"]["count"]) for r in arrested] == [("ES", 2300)]


# --- digits -------------------------------------------------------------------------------


def test_fifteen_digits_is_the_cap_grouped_or_not():
    assert parse_number("123456789012345") == 123456789012345
    assert parse_number("1234567890123456") is None
    assert parse_number("999 999 999 999 999") == 999_999_999_999_999
    assert parse_number("9 999 999 999 999 999") is None
    assert parse_number("9,999,999,999,999,999") is None
    assert [n.value for n in find_numbers("9 999 999 999 999 999 euros and 7 cars")] == [7]


@pytest.mark.parametrize("space", ["\u00a0", "\u202f"])
def test_non_breaking_spaces_group_thousands(space):
    assert parse_number(f"8{space}255") == 8255
    assert parse_number(f"2{space}400{space}000") == 2_400_000
    assert [n.value for n in find_numbers(f"EUR 8{space}255 seized")] == [8255]


def test_mixed_separators_are_no_number_and_hide_nothing_after_them():
    # "1,234.567" groups with two different separators: not trusted, but the count after
    # it in the same sentence must still be found
    assert parse_number("1,234.567") is None
    found = find_numbers("Between 1,234.567 kg and 12 suspects, then seven more.")
    assert [(n.value, n.text) for n in found] == [(12, "12"), (7, "seven")]


def test_scales_in_any_case_after_digits():
    assert parse_number("2.4 Million") == 2_400_000
    assert parse_number("3 MLN") == 3_000_000
    assert parse_number("5bn") == 5_000_000_000
    assert parse_number("7 k") == 7000
    assert parse_number("7-thousand") == 7000
    assert parse_number("3 hundred") == 300


def test_digit_and_word_mentions_come_in_text_order():
    text = "seven thousand three hundred and 12,5 tonnes"
    found = find_numbers(text)
    assert [(n.value, n.text, n.words) for n in found] == [
        (7300, "seven thousand three hundred", True),
        (12.5, "12,5", False),
    ]
    assert [(n.start, n.end) for n in found] == [(0, 28), (33, 37)]
    # a scale word after digits belongs to the digit mention
    assert [(n.text, n.words) for n in find_numbers("5 thousand suspects")] == [
        ("5 thousand", False)
    ]
    assert [n.text for n in find_numbers("12 and twelve")] == ["12", "twelve"]


def test_as_int():
    assert find_numbers("2.5 tonnes")[0].as_int is None
    assert find_numbers("25 tonnes")[0].as_int == 25


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "7",
                "12,5",
                "3 140",
                "2.4",
                "m",
                "k",
                "a",
                "dozen",
                "hundred",
                "thousand",
                "million",
                "seven",
                "forty",
                "and",
                "x",
            ]
        ),
        max_size=20,
    ),
    st.lists(st.sampled_from([" ", "-", ",", ".", "", "\u00a0"]), min_size=20, max_size=20),
)
def test_mentions_never_overlap_and_keep_their_text(parts, separators):
    text = "".join(p + s for p, s in zip(parts, separators, strict=False))
    found = find_numbers(text, offset=3)
    for n in found:
        assert text[n.start - 3 : n.end - 3] == n.text
        assert n.value == parse_number(n.text)
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start


_NUMBER_PIECES = st.sampled_from(
    ["seven", "Seven", "thırty", "ſix", "İSTANBUL", "twelve", "a dozen", "a hundred", "A",
     "four", "fourteenth", "sixteen", "and", "suspects", "2", "1,500", "-", " ", ", "]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_NUMBER_PIECES, max_size=14).map(" ".join))
def test_number_words_are_what_the_whole_scan_finds(text: str) -> None:
    """Number words are only tried where one can start; the case-blind letters that lower-
    case differently (ı, ſ, İ) and the words "a" starts ("a dozen") take the whole scan."""
    from graphkit.extract.numbers import WORD_RE, _word_matches

    whole = [(m.start(), m.end()) for m in WORD_RE.finditer(text)]
    assert [(m.start(), m.end()) for m in _word_matches(text)] == whole


@pytest.mark.parametrize(
    "text",
    [
        "thırty suspects",  # dotless i matches "i" case-blind
        "ſix suspects",  # long s matches "s"
        "İSTANBUL: twelve suspects",  # İ lower-cases to two characters: offsets would move
        "seven, seven and seven",  # every occurrence, not only the first and the last
        "a dozen suspects",
    ],
)
def test_number_words_in_texts_the_quick_scan_cannot_read(text: str) -> None:
    from graphkit.extract.numbers import WORD_RE, _word_matches

    assert [m.span() for m in _word_matches(text)] == [m.span() for m in WORD_RE.finditer(text)]
    assert _word_matches(text)
