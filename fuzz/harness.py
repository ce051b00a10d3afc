"""Shared driver of the atheris harnesses: instrument graphkit, seed the corpus, fuzz.

The checks themselves live in tests/reliability/fuzz_checks.py, which the regression test
(tests/reliability/test_fuzz_regressions.py) also runs on every input a crash left behind.
Run through ``make fuzz``; arguments are libFuzzer's (``-max_total_time=60 corpus/``).
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Callable
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "reliability"))

# coverage guidance over our code and the pure-Python YAML it drives: all of PyYAML for
# facts documents, only its constructor for the extractor's front-matter (a date PyYAML
# cannot build), as the extractor's checks dump and load YAML on every run
_TARGET = Path(sys.argv[0]).stem.removeprefix("fuzz_")
_YAML = ["yaml"] if _TARGET == "facts" else ["yaml.constructor", "yaml.resolver"]
with (
    contextlib.redirect_stderr(io.StringIO()),  # one "Instrumenting" line per module
    atheris.instrument_imports(include=["graphkit", *_YAML]),
):
    import fuzz_checks


def _seed(target: str, argv: list[str]) -> None:
    """Put the seeds from data/ and the kept regressions in the first corpus folder given."""
    folders = [Path(a) for a in argv[1:] if not a.startswith("-")]
    if not folders:
        return
    corpus = folders[0]
    corpus.mkdir(parents=True, exist_ok=True)
    inputs = dict(fuzz_checks.seeds()[target])
    inputs.update({f"regression-{p.name}": p.read_bytes() for p in fuzz_checks.regressions(target)})
    for name, data in inputs.items():
        path = corpus / name
        if not path.exists():
            path.write_bytes(data)


def main(target: str) -> None:
    check: Callable[[bytes], None] = fuzz_checks.CHECKS[target]
    argv = list(sys.argv)
    if not any(a.startswith("-dict=") for a in argv):
        # tokens a byte flip rarely makes (NEL, a lone surrogate, "<article>", "Europol")
        argv.insert(1, f"-dict={Path(__file__).with_name(target + '.dict')}")
    _seed(target, argv)
    atheris.Setup(argv, check)
    atheris.Fuzz()
