"""Every input the fuzzer (``make fuzz``) ever crashed on, run through the harness's checks.

The files in fuzz_regressions/{extract,facts}/ are the raw fuzz inputs (first byte: how
the rest is fed in, see fuzz_checks.py); the checks are the very functions the atheris
harnesses in fuzz/ call, so a fixed crash that comes back fails here, in the default run.
Each file failed on the code before its fix:

* extract/lone-surrogate-fc817641 (atheris): a str with lone surrogates given to
  ``extract_text`` raised UnicodeEncodeError; now an InputError.
* extract/nel-line-break-in-yaml, facts/nel-in-a-title (the round-trip property test):
  PyYAML wrote NEL (U+0085) bare and read it back as a line break, so the YAML of a
  report holding one failed its own checksum; NEL strings are now double-quoted.
* facts/lone-surrogate-escape: JSON "\\udc85" made a document no file or store can hold;
  now a FactsError.
* extract/front-matter-* (found while widening the harness): front-matter PyYAML parses
  but cannot build (2024-13-45, an empty !!float) raised ValueError/IndexError; now it is
  left as report text, like front-matter that is not YAML.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fuzz_checks import CHECKS, regressions, seeds

CASES = [
    pytest.param(target, path, id=f"{target}/{path.name}")
    for target in sorted(CHECKS)
    for path in regressions(target)
]
SLOW_SECONDS = 5.0
"""Fuzz inputs are a few KiB: any that takes seconds (the fuzzer's -timeout) is a bug too.
Generous, so that a loaded machine does not fail it; the inputs kept took far longer."""


@pytest.mark.parametrize(("target", "path"), CASES)
def test_fuzz_regression(target: str, path: Path) -> None:
    start = time.process_time()
    CHECKS[target](path.read_bytes())
    assert time.process_time() - start < SLOW_SECONDS


@pytest.mark.parametrize("target", sorted(CHECKS))
def test_every_seed_passes_the_checks(target: str) -> None:
    """The seed corpus is valid input: the fuzzer starts from documents that work."""
    corpus = seeds()[target]
    assert len(corpus) >= 10
    for data in corpus.values():
        CHECKS[target](data)


def test_regressions_are_kept_for_both_targets() -> None:
    assert {target for target, *_ in (c.values for c in CASES)} == set(CHECKS)


def test_the_checks_catch_a_broken_document() -> None:
    """The shared check fails on what it must catch (here: evidence off its offsets)."""
    from fuzz_checks import check_document

    from graphkit.facts import FactsDocument

    doc = FactsDocument.parse(seeds()["facts"]["seed-seed.json"][1:].decode(), "json")
    rel = doc.relationships[0]
    broken = rel.model_copy(update={"evidence_start": rel.evidence_start + 1})
    tampered = doc.model_copy(update={"relationships": [broken, *doc.relationships[1:]]})
    with pytest.raises(AssertionError, match="evidence does not match"):
        check_document(tampered)


def test_many_agency_mentions_stay_linear() -> None:
    """Slowness the fuzzer's few-KiB inputs cannot show: every sentence scanned every agency
    span of the report (crimes, bracketed agencies), so 856 kB of agency-dense text took
    27 s instead of 2 s. Eight times the text may take about eight times the work, not 64:
    counted in calls (tests/work.py); the seconds are in benchmarks/bench_extract.py."""
    from work import growth

    from graphkit.extract import extract_text

    unit = (
        "The Guardia Civil and Europol arrested 3 suspects for drug trafficking in Spain "
        "(Federal Judicial Police). "
    )
    assert growth(lambda n: lambda: extract_text(unit * n, source="dense.txt"), 100, 8) <= 10
