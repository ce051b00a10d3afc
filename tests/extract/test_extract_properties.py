"""Property tests: any string in, a valid document (or one clear InputError) out, quickly."""

import contextlib
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


def _check(text: str) -> None:
    try:
        doc = extract_text(text, source="h.txt")
    except InputError as err:
        assert "\n" not in str(err)
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
    with contextlib.suppress(InputError):
        extract_text(text, source="h", fmt=fmt)


def _timed(text: str) -> float:
    start = time.process_time()
    with contextlib.suppress(InputError):
        extract_text(text, source="big.txt")
    return time.process_time() - start


def test_five_megabytes_of_digits_is_fast():
    assert _timed("7" * 5_000_000) < 5


def test_single_enormous_line_is_linear():
    unit = "Police arrested 5 people in Belgium and seized 3 kg of cocaine worth EUR 2 million, "
    small, big = unit * 2_000, unit * 8_000
    t_small, t_big = _timed(small), _timed(big)
    assert t_big < 5
    assert t_big < 4 * t_small * 2.5  # 4x the input, well under quadratic growth


def test_pathological_repetitions_are_bounded():
    for text in ("(" * 200_000, "'" * 200_000, "a " * 200_000, "1, " * 100_000, "A-" * 100_000):
        assert _timed(text) < 10
