"""Property tests: any string in, a valid document (or one clear InputError) out, and work
that grows linearly with hostile input (counted in calls: tests/work.py; the seconds are
in benchmarks/bench_extract.py)."""

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from work import growth

from graphkit.errors import InputError
from graphkit.extract import extract_text
from graphkit.facts import FactsDocument

_VOCABULARY = (
    "Europol Eurojust arrested seized in Portugal Spain the Netherlands 30 nine "
    "a dozen kg of cocaine EUR 2.4 million Operation Archimedes Guardia Civil "
    "suspects network believed to were and , . ( ) ' ’ - 3 140 70.000 Dubai "
    "(3) Police of Naples worth over houses detained between June 10-12 LISBON, "
    "– led by supported by"
)
WORDS = st.sampled_from(_VOCABULARY.split())
PRESS_LIKE = st.lists(WORDS, max_size=120).map(" ".join)


def _check(text: str, fmt: str | None = None) -> None:
    """A document whose evidence sits at its offsets and that validates, or an InputError
    of one line (only for text with nothing to read in it)."""
    try:
        doc = extract_text(text, source="h.txt", **({"fmt": fmt} if fmt else {}))
    except InputError as err:
        assert "\n" not in str(err) and str(err)
        return
    body = doc.report.text
    for r in doc.relationships:
        assert body[r.evidence_start : r.evidence_end] == r.evidence
    FactsDocument.from_dict(doc.to_dict())  # full validation


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_crashes(text):
    _check(text)


@settings(max_examples=200, deadline=None)
@given(PRESS_LIKE)
def test_press_release_like_word_salad_stays_valid(text):
    _check(text)


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["html", "markdown", "text"]), st.text(max_size=300))
def test_every_format_never_crashes(fmt, text):
    _check(text, fmt)


def test_every_format_reads_a_report():
    """The property above must not pass by every input being refused."""
    text = "Police arrested 12 suspects in Spain."
    for fmt, body in (
        ("text", text),
        ("markdown", f"# Arrests\n\n{text}"),
        ("html", f"<html><body><p>{text}</p></body></html>"),
    ):
        doc = extract_text(body, source="h", fmt=fmt)
        assert {r.dst.key for r in doc.relationships if r.type == "ARRESTED_IN"} == {"ES"}
        _check(body, fmt)


def _extraction(text: str):
    def run() -> None:
        with contextlib.suppress(InputError):
            extract_text(text, source="big.txt")

    return run


LINEAR = 8 * 1.25
"""Eight times the input may cost up to 10 times the calls (linear: about 8, quadratic:
about 64). Counts are exact, so the margin is for constant costs, not for noise."""


def test_a_run_of_digits_costs_work_linear_in_its_length():
    assert growth(lambda n: _extraction("7" * n), 50_000, 8) <= LINEAR


def test_single_enormous_line_is_linear():
    unit = "Police arrested 5 people in Belgium and seized 3 kg of cocaine worth EUR 2 million, "
    assert growth(lambda n: _extraction(unit * n), 100, 8) <= LINEAR


@pytest.mark.parametrize("unit", ["(", "'", "a ", "1, ", "A-"])
def test_pathological_repetitions_are_linear(unit):
    assert growth(lambda n: _extraction(unit * n), 5_000, 8) <= LINEAR
