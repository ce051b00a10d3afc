"""Numbers as press releases write them: digits, words and both thousands conventions.

"3140", "3 140", "3,140", "70.000", "2.4 million", "forty-two", "a dozen",
"two hundred and fifty". Each mention keeps its span so later steps can look at the
words around it. Values with absurd digit counts are ignored rather than parsed, so a
5 MB run of digits costs one regex pass and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_SCALE_ABBR = {"m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "bn": 1_000_000_000, "k": 1_000}
_MULTIPLIERS = {"hundred": 100, **_SCALES, **_SCALE_ABBR}
MAX_DIGITS = 15
"""Longer digit strings (separators aside) are ignored: no count or amount has them, and a
float would not hold them exactly."""

_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_DIGITS = (
    r"(?<![\w.,])(?:\d{1,3}(?:(?:,|\.|[ \u00a0\u202f](?=\d{3}\b))\d{3})+(?![\d])"
    r"|\d{1,15}(?:[.,]\d{1,3}(?!\d))?)(?![\d])"
)
_SCALE = r"(?:[ \u00a0-]?(?:hundred|thousand|million|billion|mln|mn|bn|m|k)\b)?"
_SMALL = rf"(?:{_WORD})(?:[- ](?:{_WORD}))?"  # "seven", "forty-two", "forty two"
_GROUP = rf"(?:(?:{_SMALL}|a)\s+hundred(?:\s+(?:and\s+)?{_SMALL})?|{_SMALL})"  # below 1000
_BIG = r"(?:thousand|million|billion)"
# groups joined by scale words, the last scale on its own: "two thousand three hundred",
# "one million two hundred thousand", "a thousand and one", "a dozen", "forty-two m"
_WORDNUM = (
    rf"\b(?=[aAzZoOtTfFsSeEnN])(?:a\s+dozen|(?:{_GROUP}|a(?=\s+thousand))"
    rf"(?:\s+{_BIG}\s+(?:and\s+)?{_GROUP})*"
    rf"(?:[ \u00a0-](?:{_BIG}|mln|mn|bn|m|k))?)\b"
)
DIGIT_RE = re.compile(rf"{_DIGITS}{_SCALE}", re.IGNORECASE)
WORD_RE = re.compile(_WORDNUM, re.IGNORECASE)
_DIGIT_SCALE = re.compile(r"[ \u00a0-]?(hundred|thousand|million|billion|mln|mn|bn|m|k)$", re.I)
NUMBER_WORDS = frozenset([*_UNITS, *_TENS, "dozen", "hundred", "thousand"])
"""Any of these among a text's words means the (slower) number-word scan is worth running."""
_ANY_DIGIT = re.compile(r"\d")
"""Every :data:`DIGIT_RE` match starts with a digit: the scan starts at the first one."""
_FIRST_WORDS = tuple(
    w for w in [*_UNITS, *_TENS] if not any(w != v and w.startswith(v) for v in [*_UNITS, *_TENS])
)
"""The words a :data:`WORD_RE` match can start with, other than "a" (which needs "dozen",
"hundred" or "thousand" after it), less those another one starts ("six" finds "sixteen")."""


@dataclass(slots=True)
class Number:
    start: int
    end: int
    value: float
    text: str
    words: bool  # written in words ("seven") rather than digits

    @property
    def as_int(self) -> int | None:
        return int(self.value) if self.value == int(self.value) else None


def _parse_digits(text: str) -> float | None:
    if text.isdigit():
        return float(text) if len(text) <= MAX_DIGITS else None
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    grouped = re.fullmatch(r"\d{1,3}(?:([ ,.])\d{3})+", text)
    if grouped and len(set(re.findall(r"[ ,.]", text))) == 1:
        # "8 255", "8,255" and "100.000" all group thousands
        digits = re.sub(r"[ ,.]", "", text)
        return float(digits) if len(digits) <= MAX_DIGITS else None
    decimal = re.fullmatch(r"(\d+)[.,](\d{1,3})", text)
    if decimal:
        return float(f"{decimal.group(1)}.{decimal.group(2)}")
    return None


def _parse_words(text: str) -> float | None:
    """Groups below a thousand, each closed by its scale word: "two thousand three hundred"
    is 2 x 1000 + 3 x 100. A scale with no count before it is no number we trust."""
    words = [w for w in re.findall(r"[a-z]+", text.lower()) if w != "and"]
    if not words:
        return None
    if words[0] == "a":  # "a" counts one only before its scale: "a hundred", "a dozen"
        if len(words) == 1 or words[1] not in ("dozen", "hundred", "thousand"):
            return None
    elif words[0] not in _UNITS and words[0] not in _TENS:
        return None
    total, current = 0, 0
    for w in words:
        if w == "a":
            current = 1  # "a hundred", "a thousand", "a dozen"
        elif w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "dozen":
            current *= 12
        elif w in _MULTIPLIERS and current:
            if w == "hundred":
                current *= 100
            else:
                total += current * _MULTIPLIERS[w]
                current = 0
        else:
            return None
    return float(total + current)


def parse_number(text: str) -> float | None:
    """The value of one number mention, or None when it is not a number we trust."""
    text = text.strip()
    if not text or not text[0].isdigit():
        return _parse_words(text)
    scale = _DIGIT_SCALE.search(text)
    value = _parse_digits(text[: scale.start()] if scale else text)
    if value is None or not scale:
        return value
    return value * _MULTIPLIERS[scale.group(1).lower()]


def _word_matches(text: str) -> list[re.Match[str]]:
    """What ``WORD_RE.finditer(text)`` finds, trying the expression only where one of
    :data:`_FIRST_WORDS` starts (found by ``str.find``, far cheaper than the expression's
    attempt at every word boundary).

    The lower-cased text stands for the case-insensitive match unless it has "İ" (which
    lower-cases to two characters), "ı" or "ſ" (which match "i" and "s" but lower-case to
    themselves); those texts, and those with a word "a" may start ("a dozen", "a hundred",
    "a thousand"), get the whole scan.
    """
    low = text.lower()
    if (
        len(low) != len(text)
        or "ı" in text
        or "ſ" in text
        or "dozen" in low
        or "hundred" in low
        or "thousand" in low
    ):
        return list(WORD_RE.finditer(text))
    starts: set[int] = set()
    for word in _FIRST_WORDS:
        i = low.find(word)
        while i >= 0:
            starts.add(i)
            i = low.find(word, i + 1)
    out: list[re.Match[str]] = []
    end = 0
    for pos in sorted(starts):
        if pos >= end:
            m = WORD_RE.match(text, pos)  # ``\b`` still sees the character before ``pos``
            if m is not None:
                out.append(m)
                end = m.end()
    return out


def find_numbers(text: str, offset: int = 0, words: bool = True) -> list[Number]:
    """Every number mention in ``text`` (offsets shifted by ``offset``).

    ``words=False`` skips numbers written in words, for callers that know the text has
    none (the digit scan alone is much cheaper).
    """
    first = _ANY_DIGIT.search(text)
    # the lookbehind still sees the text before ``pos``: the same matches as a whole scan
    matches = [] if first is None else list(DIGIT_RE.finditer(text, first.start()))
    if words:
        # the two scans never overlap (a digit mention holds digits and a scale word, a word
        # mention letters only, each starting at a word boundary): merge them by position
        matches = sorted([*matches, *_word_matches(text)], key=lambda m: m.start())
    out: list[Number] = []
    for m in matches:
        raw = m.group()
        value = parse_number(raw)
        if value is None:
            continue
        out.append(Number(m.start() + offset, m.end() + offset, value, raw, not raw[0].isdigit()))
    return out
