"""Split a report into sentences that keep their character offsets.

Every relationship cites the sentence it was read from, by offsets into the report
text, so sentences are spans of the original string, never rewritten copies. Lines are
hard boundaries (press releases put headlines, datelines and bullets on their own
lines); very long runs are cut so that later steps stay linear on hostile input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphkit.extract.tokens import word_set

MAX_SENTENCE = 1500
"""Longer spans are cut at a space: keeps per-sentence work bounded on huge lines."""

_BOUNDARY = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(\[•\-–—]?[A-Z0-9À-ÖØ-Þ])")
_ABBREV = word_set(
    "mr mrs ms dr st no nos co ltd inc jr sr vs approx gen col lt sgt prof art para fig "
    "e.g i.e etc cf jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n"
)
_BULLET = re.compile(r"^[\s•●▪‣◦*\-–—·]+")


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


def _ends_with_abbreviation(chunk: str) -> bool:
    words = chunk.rstrip(".!?…\"”’')]").rsplit(None, 1)
    word = words[-1] if words else ""
    word = word.lstrip("(\"“‘'").lower()
    if word in _ABBREV:
        return True
    return bool(_INITIALS.fullmatch(word))


_INITIALS = re.compile(r"(?:[a-z]\.)*[a-z]")
"""Initials such as "J." or "U.S."."""


def _split_line(line: str, base: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(line):
        end = m.start() + len(m.group().rstrip())
        if _ends_with_abbreviation(line[start : m.start() + 1]):
            continue
        spans.append((start, end))
        start = m.end()
    spans.append((start, len(line)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while e - s > MAX_SENTENCE:
            cut = line.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
            cut = cut if cut > s else s + MAX_SENTENCE
            out.append((s, cut))
            s = cut
        out.append((s, e))
    return [(base + s, base + e) for s, e in out]


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order; each ``text[start:end] == sentence.text`` and is stripped."""
    sentences: list[Sentence] = []
    pos = 0
    for line in text.split("\n"):
        for s, e in _split_line(line, pos):
            chunk = text[s:e]
            lead = len(chunk) - len(chunk.lstrip())
            bullet = _BULLET.match(chunk)
            if bullet:
                lead = max(lead, bullet.end())
            s += lead
            chunk = text[s:e].rstrip()
            if chunk:
                sentences.append(Sentence(len(sentences), s, s + len(chunk), chunk))
        pos += len(line) + 1
    return sentences
