"""Generated sentences over the whole gazetteer: the rules hold for every country and any
figure, not only for the ones the example tests name."""

from __future__ import annotations

from helpers_extract import analyse, place_countries
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.extract import extract_text
from graphkit.extract.arrests import find_arrests
from graphkit.extract.gazetteer import gazetteer
from graphkit.extract.seizures import find_seizures

# Every country by its English short name, except those that are also common words or
# places inside other countries' names, which a sentence cannot tell apart on its own.
_AMBIGUOUS = {"GE", "JE", "GG", "IM", "CG", "DM", "NE", "TD", "NU", "IT", "ES"}
COUNTRIES = sorted(
    (iso2, name) for iso2, name in gazetteer().country_names.items() if iso2 not in _AMBIGUOUS
)
country_lists = st.lists(
    st.sampled_from(COUNTRIES), min_size=1, max_size=3, unique_by=lambda c: c[0]
)


def listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@settings(max_examples=120, deadline=None)
@given(
    country_lists,
    st.sampled_from(
        [
            "Police raided homes in {}.",
            "Suspects were arrested in {}.",
            "Police dismantled a network that was active across {}.",
            "Searches took place in {} on the action day.",
        ]
    ),
)
def test_places_after_a_locative_are_places(countries, frame):
    text = frame.format(listed([n for _, n in countries]))
    assert place_countries(extract_text(text, source="g.txt")) == {c for c, _ in countries}


@settings(max_examples=120, deadline=None)
@given(
    country_lists,
    st.sampled_from(
        [
            "Police in Spain arrested suspects originating from {}.",
            "Police in Spain arrested nationals of {} in a raid.",
            "Police in Spain seized a lorry heading for {}.",
            "Police in Spain seized goods imported from {}.",
            "Authorities from {} contributed to the operation. Police arrested 5 people in Spain.",
            "Supported by Europol and {}, police arrested 5 people in Spain.",
        ]
    ),
)
def test_countries_named_for_other_reasons_are_not_places(countries, frame):
    text = frame.format(listed([n for _, n in countries]))
    assert place_countries(extract_text(text, source="g.txt")) == {"ES"}


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(COUNTRIES), min_size=2, max_size=4, unique_by=lambda c: c[0]),
    st.lists(st.integers(min_value=1, max_value=400), min_size=4, max_size=4),
    st.sampled_from(["breakdown", "brackets", "clauses"]),
)
def test_arrest_breakdowns_pair_each_figure_with_its_country(countries, counts, form):
    counts = counts[: len(countries)]
    names = [n for _, n in countries]
    if form == "breakdown":
        parts = [f"{n} in {c}" for n, c in zip(counts, names, strict=True)]
        text = f"Police arrested {listed(parts)}."
    elif form == "brackets":
        text = (
            "Arrests were made in "
            + ", ".join(f"{c} ({n})" for n, c in zip(counts, names, strict=True))
            + "."
        )
    else:
        first, *rest = zip(counts, names, strict=True)
        text = (
            f"In {first[1]}, {first[0]} people were arrested"
            + "".join(f", while in {c} {n} were arrested" for n, c in rest)
            + "."
        )
    expected = {}
    for (iso2, _), n in zip(countries, counts, strict=True):
        expected[iso2] = n
    result = find_arrests(analyse(text))
    assert {k: v[0] for k, v in result.by_country.items()} == expected


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=1, max_value=999_999),
    st.sampled_from(
        [
            ("EUR {:,}", "EUR"),
            ("€{:,}", "EUR"),
            ("{:,} euros", "EUR"),
            ("USD {:,}", "USD"),
            ("US${:,}", "USD"),
            ("£{:,}", "GBP"),
            ("{:,} Swiss francs", "CHF"),
        ]
    ),
    st.sampled_from(["Police seized {} in cash.", "{} in cash was seized.", "Officers froze {}."]),
)
def test_money_with_any_amount_and_currency(amount, money, frame):
    written, unit = money
    text = frame.format(written.format(amount).replace(",", " "))
    found = [(s.quantity, s.unit) for s in find_seizures(analyse(text))]
    assert found == [(amount, unit)]
