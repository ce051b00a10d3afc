"""Extraction throughput: reports/s and words/s on one core, and peak memory.

A synthetic corpus of 300-800-word press releases is generated from templates (our own
wording, a fixed seed), so the number is comparable from run to run. Then hostile input,
with the limits that used to be timed tests (the tests now count calls: tests/work.py):
each input within its seconds, and eight times its size within ten times its time.

    python benchmarks/bench_extract.py [--reports 300] [--min-rate 200]
"""

from __future__ import annotations

import argparse
import contextlib
import random
import resource
import sys
import time

from graphkit.errors import InputError
from graphkit.extract import extract_text

COUNTRIES = [
    "Belgium",
    "France",
    "the Netherlands",
    "Italy",
    "Spain",
    "Germany",
    "Poland",
    "Romania",
    "Portugal",
    "Austria",
    "Greece",
    "Sweden",
    "the United Kingdom",
]
AGENCIES = [
    "the Belgian Federal Police",
    "the French National Gendarmerie",
    "the Guardia Civil",
    "the Dutch National Police (Politie)",
    "the Italian Carabinieri",
    "the BKA",
    "the Polish Central Bureau of Investigation",
    "DIICOT",
    "the Hellenic Police",
    "the Portuguese Judicial Police (Polícia Judiciária)",
    "the National Crime Agency",
]
CRIMES = [
    "drug trafficking",
    "money laundering",
    "migrant smuggling",
    "cannabis plantations",
    "trafficking in human beings",
    "investment fraud",
    "firearms trafficking",
]
FILLER = (
    "Investigators analysed large amounts of communication data and financial records over "
    "several months, identifying the structure of the organisation and the roles of its "
    "members. Europol provided analytical support, facilitated the exchange of information "
    "and deployed experts to the field to cross-check data in real time against its "
    "databases. The investigation continues and further arrests are not excluded. "
)


def report(rng: random.Random) -> str:
    countries = rng.sample(COUNTRIES, 4)
    agencies = rng.sample(AGENCIES, 4)
    counts = [rng.randint(1, 60) for _ in range(3)]
    paragraphs = [
        f"{sum(counts)} arrested in action against {rng.choice(CRIMES)} network",
        f"THE HAGUE, {rng.randint(1, 28)} May – An operation carried out in "
        f"{', '.join(countries[:3])} and {countries[3]} led to the arrest of {sum(counts)} "
        f"members of an organised crime group suspected of {rng.choice(CRIMES)} and "
        f"{rng.choice(CRIMES)}.",
        f"{counts[0]} suspects were arrested in {countries[0]}, {counts[1]} in {countries[1]} "
        f"and an additional {counts[2]} in {countries[2]} in an investigation led by "
        f"{agencies[0]}, in cooperation with {agencies[1]}, {agencies[2]} and {agencies[3]}.",
        f"Officers carried out {rng.randint(10, 90)} house searches and seized "
        f"{rng.randint(2, 900)} kg of cocaine, EUR {rng.randint(1, 9)}.{rng.randint(1, 9)} "
        f"million in cash, {rng.randint(2, 20)} luxury vehicles and {rng.randint(5, 80)} "
        "mobile phones.",
    ]
    paragraphs += [FILLER * rng.randint(1, 3) for _ in range(rng.randint(3, 6))]
    return "\n\n".join(paragraphs)


HOSTILE: list[tuple[str, str, int, float]] = [
    # name, unit, repeats at full size, seconds allowed at full size (CPU time)
    ("5 MB of digits", "7", 5_000_000, 5.0),
    (
        "one enormous line",
        "Police arrested 5 people in Belgium and seized 3 kg of cocaine worth EUR 2 million, ",
        8_000,
        5.0,
    ),
    (
        "agency-dense text",
        "The Guardia Civil and Europol arrested 3 suspects for drug trafficking in Spain "
        "(Federal Judicial Police). ",
        8_000,
        15.0,
    ),
    *[(f"{unit!r} repeated", unit, 200_000, 10.0) for unit in ("(", "'", "a ")],
    *[(f"{unit!r} repeated", unit, 100_000, 10.0) for unit in ("1, ", "A-")],
]


def _seconds(text: str) -> float:
    start = time.process_time()
    with contextlib.suppress(InputError):
        extract_text(text, source="hostile.txt")
    return time.process_time() - start


def hostile() -> bool:
    """Each hostile input within its time, and 8x the input within 10x the time of 1x."""
    ok = True
    for name, unit, repeats, limit in HOSTILE:
        small, big = _seconds(unit * (repeats // 8)), _seconds(unit * repeats)
        linear = big <= 10 * max(small, 0.01)
        fine = big <= limit and linear
        ok &= fine
        print(
            f"hostile: {name} x{repeats}: {big:.2f} s (limit {limit:.0f} s), "
            f"1/8 of it {small:.2f} s{'' if fine else '  <-- FAIL'}"
        )
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reports", type=int, default=300)
    ap.add_argument("--min-rate", type=float, default=0.0, help="exit 1 below this reports/s")
    args = ap.parse_args()
    rng = random.Random(7)
    corpus = [report(rng) for _ in range(args.reports)]
    words = sum(len(text.split()) for text in corpus)
    extract_text(corpus[0], source="warm-up")
    start = time.process_time()
    for i, text in enumerate(corpus):
        extract_text(text, source=f"bench-{i}.txt")
    elapsed = time.process_time() - start
    rate = len(corpus) / elapsed
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"extract: {len(corpus)} reports, {words / len(corpus):.0f} words avg: "
        f"{rate:.0f} reports/s, {words / elapsed:.0f} words/s (one core, CPU time), "
        f"peak memory {peak_mb:.0f} MB"
    )
    linear = hostile()
    return 1 if rate < args.min_rate or not linear else 0


if __name__ == "__main__":
    sys.exit(main())
