"""Dates: each way a day is written, what makes a line a publication date, how an action
date takes its year, and which sentences may date the action."""

from __future__ import annotations

import datetime

import pytest
from helpers_extract import analyse
from hypothesis import given
from hypothesis import strategies as st

from graphkit.extract.dates import Day, find_action_dates, find_published

MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def action(text: str, published: str | None = None) -> tuple[str | None, str | None]:
    return find_action_dates(analyse(text), published)


# --- how a day is written ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested 4 people on 2 December 2021.",
        "Police arrested 4 people on 2nd December 2021.",
        "Police arrested 4 people on 2 December, 2021.",
        "On December 2, 2021, police arrested 4 people.",
        "On December 2 2021 police arrested 4 people.",
        "Police arrested 4 people on 2021-12-02.",
    ],
)
def test_one_day_written_several_ways(text):
    assert action(text) == ("2021-12-02", "2021-12-02")


@pytest.mark.parametrize(
    "text",
    [
        "Raids were carried out between 10 and 12 June 2022.",
        "Raids were carried out from 10 to 12 June 2022.",
        "Raids were carried out on 10-12 June 2022.",
        "Raids were carried out on 10–12 June 2022.",
        "Raids were carried out on 10th-12th June 2022.",
        "Raids were carried out between June 10-12, 2022.",
        "Raids were carried out between June 10 and 12, 2022.",
        "Raids were carried out from June 10 to 12 2022.",
    ],
)
def test_a_range_of_days_gives_start_and_end(text):
    assert action(text) == ("2022-06-10", "2022-06-12")


def test_a_range_backwards_keeps_only_its_first_day():
    assert action("Raids were carried out between 12 and 10 June 2022.") == (
        "2022-06-12",
        "2022-06-12",
    )


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_by_name(month):
    name = MONTH_NAMES[month - 1]
    assert action(f"Police arrested 3 people on 5 {name} 2020.") == (
        f"2020-{month:02d}-05",
        f"2020-{month:02d}-05",
    )


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Police arrested 3 people on 31 May 2020.", "2020-05-31"),
        ("Police arrested 3 people on 1 May 2020.", "2020-05-01"),
        ("Police arrested 3 people on 32 May 2020.", None),
        ("Police arrested 3 people on 0 May 2020.", None),
        ("Police arrested 3 people on May 32, 2020.", None),
        ("Police arrested 3 people on 2020-12-31.", "2020-12-31"),
        ("Police arrested 3 people on 2020-01-01.", "2020-01-01"),
        ("Police arrested 3 people on 2020-13-01.", None),
        ("Police arrested 3 people on 2020-00-10.", None),
        ("Police arrested 3 people on 2020-05-32.", None),
        ("Police arrested 3 people on 2020-05-00.", None),
    ],
)
def test_impossible_days_and_months_are_not_dates(text, expected):
    assert action(text) == (expected, expected)


def test_a_range_ending_on_an_impossible_day_is_not_a_date():
    assert action("Raids were carried out between 30 and 32 May 2020.") == (None, None)
    assert action("Raids were carried out between May 30 and 32, 2020.") == (None, None)


def test_day_iso_with_and_without_a_year():
    assert Day(2021, 3, 4).iso() == "2021-03-04"
    assert Day(None, 3, 4).iso() == "--03-04"
    assert Day(None, 11, 30).iso() == "--11-30"


# --- the year of an action date ------------------------------------------------------


@pytest.mark.parametrize(
    "published,expected",
    [
        (None, "--06-10"),
        ("", "--06-10"),
        ("2023-06-14", "2023-06-10"),
        ("2023-06-09", "2022-06-10"),
        ("2023-06-10", "2023-06-10"),
        ("2023-07-01", "2023-06-10"),
        ("2023-05-31", "2022-06-10"),
        ("2023-06", "2023-06-10"),
        ("2023-05", "2022-06-10"),
        ("2023", "2023-06-10"),
        ("--06-14", "--06-10"),
        ("--06", "--06-10"),
        ("not a date", "--06-10"),
    ],
)
def test_a_day_without_a_year_takes_the_publication_year_or_the_one_before(published, expected):
    assert action("Police arrested 4 people on 10 June.", published) == (expected, expected)


def test_the_last_day_of_a_month_published_without_a_day_is_that_years():
    assert action("Police arrested 4 people on 30 June.", "2023-06") == ("2023-06-30",) * 2
    assert action("Police arrested 4 people on 1 July.", "2023-06") == ("2022-07-01",) * 2


def test_a_year_in_the_text_wins_over_the_publication():
    assert action("Police arrested 4 people on 10 June 2019.", "2023-01-01") == (
        "2019-06-10",
        "2019-06-10",
    )


def test_days_across_a_new_year_are_in_order():
    text = "Raids took place on 5 March 2022. The first arrests were made on 3 December 2021."
    assert action(text) == ("2021-12-03", "2022-03-05")
    text = "Raids took place on 5 March. The first arrests were made on 30 December."
    assert action(text, "2022-03-10") == ("2021-12-30", "2022-03-05")
    assert action(text) == ("--03-05", "--12-30")


def test_days_with_a_year_win_over_days_without_one():
    text = "Raids took place on 3 May 2021. Arrests were made on 7 June."
    assert action(text) == ("2021-05-03", "2021-05-03")


# --- month-level dates ---------------------------------------------------------------


@pytest.mark.parametrize(
    "published,expected",
    [
        (None, "--01"),
        ("2024-01-01", "2024-01"),
        ("2024-01-05", "2024-01"),
        ("2023-12-31", "2023-01"),
    ],
)
def test_a_month_without_a_year_takes_the_publication_year(published, expected):
    assert action("In January, police carried out raids.", published) == (expected, expected)


def test_a_month_before_publication_in_the_same_month_is_this_year():
    # the month is read as its first day: January, published 1 January, is that January
    assert action("In January, police carried out raids.", "2024-01-01") == ("2024-01", "2024-01")


@pytest.mark.parametrize(
    "text",
    [
        "Police carried out raids in March 2021.",
        "Police carried out raids last March 2021.",
        "Police carried out raids in early March 2021.",
        "Police carried out raids during March 2021.",
        "Police have carried out raids since March 2021.",
    ],
)
def test_month_level_phrasings(text):
    assert action(text) == ("2021-03", "2021-03")


def test_months_are_ordered_by_year_then_month():
    text = "In March 2021 police raided the first lab. Arrests followed in January 2022."
    assert action(text) == ("2021-03", "2022-01")
    text = "In March police raided the first lab. Arrests followed in January."
    assert action(text) == ("--01", "--03")
    text = "In March 2021 police raided the first lab. Arrests followed in January."
    assert action(text) == ("--01", "2021-03")


def test_a_day_wins_over_a_month():
    assert action("In March police raided the lab. Arrests were made on 4 May.") == (
        "--05-04",
        "--05-04",
    )


# --- which sentences date the action -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The report was finished on 3 May 2021.",  # no action
        "Police raid gang on 3 May 2021\nThe gang sold drugs.",  # the headline
        "In a separate case, police arrested 3 people on 4 May 2020.",  # another event
        "Since 2019, police have arrested 300 people, 40 of them on 4 May 2020.",  # background
        "Posted on 3 May 2021 after the raids.",
        "Updated 3 May 2021: arrests confirmed.",
        "published 3 May 2021 - police arrested five.",
    ],
)
def test_sentences_that_do_not_date_the_action(text):
    assert action(text) == (None, None)


def test_an_iso_date_alone_is_read():
    assert action("Police arrested 4 people on 2021-05-03 at dawn.") == ("2021-05-03",) * 2


FILLER = "The gang sold drugs. They hid cash. They used cars. They laundered money. "


def test_a_dateline_dates_the_release_in_the_first_five_sentences_only():
    dateline = "In Spain, on 4 May 2021 – a Tuesday – police arrested 12 people."
    # as the fifth sentence it reads as a dateline (after a headline and its subtitle lines)
    assert action("Europol\nPress\nNews\nCrime\n" + dateline) == (None, None)
    # as the sixth it is a sentence like any other
    assert action("Europol\n" + FILLER + dateline) == ("2021-05-04",) * 2


@pytest.mark.parametrize(
    "action_words",
    [
        "arrested 3 people",
        "raided 3 homes",
        "searched 3 homes",
        "seized 3 cars",
        "detained 3 people",
        "held action days",
        "ran the operation",
        "carried out checks",
        "dismantled a lab",
        "launched checks",
        "executed warrants",
        "intercepted a boat",
    ],
)
def test_action_words(action_words):
    assert action(f"Police {action_words} on 4 May 2021.") == ("2021-05-04",) * 2


# --- the publication date ------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Title\n17 October 2016\nText.", "2016-10-17"),
        ("Title\nPublished 17 October 2016\nText.", "2016-10-17"),
        ("Title\nPublished: 17 October 2016\nText.", "2016-10-17"),
        ("Title\nPUBLISHED: 17 October 2016\nText.", "2016-10-17"),
        ("Title\nDate: 17 October 2016\nText.", "2016-10-17"),
        ("Title\nPosted 17 October 2016\nText.", "2016-10-17"),
        ("Title\nUpdated: October 17, 2016\nText.", "2016-10-17"),
        ("Title\n2016-10-17\nText.", "2016-10-17"),
        ("Title\n17 October\nText.", "--10-17"),
        ("Title\n17 October 2016 / 1 May 2017\nText.", "2016-10-17"),
        ("Title\nText without a date.", None),
        ("", None),
    ],
)
def test_published_from_a_date_line(text, expected):
    assert find_published(text) == expected


def test_a_date_line_is_short():
    # the line's text after "Published" is at most 30 characters
    core30 = "Tuesday 17 October 2016, 10:00"
    assert len(core30) == 30
    assert find_published(f"Title\nPublished {core30}\nText.") == "2016-10-17"
    assert find_published(f"Title\nPublished {core30}0\nText.") is None


def test_a_long_line_before_the_date_line_is_skipped():
    long = "Police in Spain and Portugal arrested many people in several raids last week."
    assert len(long) > 60
    assert find_published(f"{long}\n17 October 2016\nText.") == "2016-10-17"


def test_a_date_line_is_among_the_first_forty_lines_or_at_the_end():
    lines = "\n".join(f"Line {i}." for i in range(39))
    assert find_published(f"{lines}\n17 October 2016\nText.") == "2016-10-17"
    tail = "\n" + "Police raided homes. " * 40
    assert find_published(f"{lines}\nOne more.\n17 October 2016{tail}") is None
    assert find_published(f"{lines}\nOne more.{tail}\nPublished 17 October 2016") == "2016-10-17"


def test_a_date_line_is_in_the_first_three_thousand_characters():
    long = "Police raided homes. " * 140  # one line, longer than 60: skipped
    assert len(long) < 2990
    tail = "\n" + "Police raided homes. " * 40
    assert find_published(f"{long}\n17 October 2016{tail}") == "2016-10-17"
    longer = "Police raided homes. " * 150
    assert len(longer) > 3000
    assert find_published(f"{longer}\n17 October 2016{tail}") is None


@pytest.mark.parametrize(
    "text,expected",
    [
        ("LISBON, June 14 – Police arrested 5 people in a long raid.", "--06-14"),
        ("THE HAGUE, 14 March 2025 – Police arrested 5 people in raids.", "2025-03-14"),
        ("THE HAGUE, 14 March 2025 — Police arrested 5 people in raids.", "2025-03-14"),
        ("THE HAGUE, 14 March 2025 - Police arrested 5 people in raids.", "2025-03-14"),
        ("Europol\nNews\nTHE HAGUE, 14 March 2025 - Police arrested 5 people.", "2025-03-14"),
        ("Paris, the police said – they arrested 5 people in a long raid.", None),
    ],
)
def test_published_from_a_dateline(text, expected):
    assert find_published(text) == expected


def test_a_dateline_is_in_the_first_eight_lines():
    dateline = "THE HAGUE, 14 March 2025 – Police arrested 5 people in several raids."
    lines = "\n".join(f"Line {i}." for i in range(7))
    assert find_published(f"{lines}\n{dateline}") == "2025-03-14"
    assert find_published(f"{lines}\nLine 7.\n{dateline}\n" + "More text. " * 60) is None


def test_a_dateline_without_a_date_lets_a_later_one_count():
    text = (
        "Paris, the police said – they arrested 5 people in a long raid.\n"
        "THE HAGUE, 14 March 2025 – Police arrested 5 people in raids."
    )
    assert find_published(text) == "2025-03-14"


# --- properties ----------------------------------------------------------------------


@given(
    year=st.integers(1990, 2029),
    month=st.integers(1, 12),
    day=st.integers(1, 28),
    form=st.sampled_from(["{d} {m} {y}", "{m} {d}, {y}", "{y}-{mo:02d}-{d:02d}"]),
)
def test_any_dated_arrest_is_read_back(year, month, day, form):
    written = form.format(d=day, m=MONTH_NAMES[month - 1], y=year, mo=month)
    iso = f"{year}-{month:02d}-{day:02d}"
    assert action(f"Police arrested 4 people on {written}.") == (iso, iso)
    assert find_published(f"Title\n{written}\nText.") == iso


@given(
    pub=st.dates(min_value=datetime.date(1995, 1, 1), max_value=datetime.date(2029, 12, 31)),
    month=st.integers(1, 12),
    day=st.integers(1, 28),
)
def test_a_day_without_a_year_is_the_last_one_before_publication(pub, month, day):
    name = MONTH_NAMES[month - 1]
    start, end = action(f"Police arrested 4 people on {day} {name}.", pub.isoformat())
    assert start == end
    assert start[5:] == f"{month:02d}-{day:02d}"
    assert start <= pub.isoformat()
    assert int(start[:4]) in (pub.year, pub.year - 1)
    if int(start[:4]) == pub.year - 1:
        assert (month, day) > (pub.month, pub.day)


def test_sentences_that_do_not_date_the_action_do_not_hide_later_ones():
    later = "Police arrested 4 people on 5 May 2021."
    for before in (
        "The gang was formed on 3 January 2019.",  # no action
        "Police raid gang on 3 May 2020\n",  # the headline
        "Posted 3 May 2020 after the raids.",
    ):
        assert action(f"{before} {later}") == ("2021-05-05", "2021-05-05"), before


def test_a_line_longer_than_sixty_characters_is_no_date_line():
    for length, expected in ((60, "2016-10-17"), (61, None)):
        line = "Published:" + " " * (length - 25) + "17 October 2016"
        assert len(line) == length
        assert find_published(f"Title\n{line}\nText.") == expected


def test_only_the_first_three_thousand_characters_are_read_for_a_date_line():
    long = "Police raided homes. " * 150  # one line, longer than 60: skipped
    tail = "\n" + "Police raided homes. " * 40  # longer than 600: the end has no date
    line = "17 October 2016"
    assert len(f"{long[:2984]}\n{line}") == 3000
    assert find_published(f"{long[:2984]}\n{line}{tail}") == "2016-10-17"
    assert find_published(f"{long[:2985]}\n{line}{tail}") == "--10-17"  # "17 October 201"


def test_only_the_last_six_hundred_characters_are_read_at_the_end():
    lines = "\n".join(f"Line {i}." for i in range(40))
    body = "\nPolice raided homes. " * 40
    line = "\n17 October 2016\n"
    assert len(line[1:] + "x" * 584) == 600
    assert find_published(f"{lines}{body}{line}" + "x" * 584) == "2016-10-17"
    assert find_published(f"{lines}{body}{line}" + "x" * 585) == "2016-10-07"  # "7 October"
