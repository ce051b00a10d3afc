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
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_SCALE_ABBR = {"m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "bn": 1_000_000_000, "k": 1_000}

_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_DIGITS = (
    r"(?<![\w.,])(?:\d{1,3}(?:(?:,|\.|[ \u00a0\u202f](?=\d{3}\b))\d{3})+(?![\d])"
    r"|\d{1,15}(?:[.,]\d{1,3}(?!\d))?)(?![\d])"
)
_SCALE = r"(?:[ \u00a0-]?(?:hundred|thousand|million|billion|mln|mn|bn|m|k)\b)?"
_WORDNUM = (
    rf"\b(?=[aAzZoOtTfFsSeEnN])(?:a\s+dozen|a\s+(?:hundred|thousand)(?![ \u00a0-](?:{_WORD}))"
    rf"|(?:(?:{_WORD})(?:[- ](?:{_WORD}))?)"
    rf"(?:\s+(?:hundred|thousand)(?:\s+(?:and\s+)?(?:{_WORD})(?:[- ](?:{_WORD}))?)?)?)\b"
)
DIGIT_RE = re.compile(rf"{_DIGITS}{_SCALE}", re.IGNORECASE)
WORD_RE = re.compile(rf"{_WORDNUM}{_SCALE}", re.IGNORECASE)
NUMBER_WORDS = frozenset([*_UNITS, *_TENS, "dozen", "hundred", "thousand"])
"""Any of these among a text's words means the (slower) number-word scan is worth running."""


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
        return float(text) if len(text) <= 15 else None
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    grouped = re.fullmatch(r"\d{1,3}(?:([ ,.])\d{3})+", text)
    if grouped and len(set(re.findall(r"[ ,.]", text))) == 1:
        # "8 255", "8,255" and "100.000" all group thousands
        return float(re.sub(r"[ ,.]", "", text))
    decimal = re.fullmatch(r"(\d+)[.,](\d{1,3})", text)
    if decimal:
        return float(f"{decimal.group(1)}.{decimal.group(2)}")
    return None


def _parse_words(text: str) -> float | None:
    words = re.findall(r"[a-z]+", text.lower())
    if words[:2] == ["a", "dozen"]:
        return 12.0
    total, current = 0, 0
    for w in words:
        if w in ("and", "a"):
            current = max(current, 1) if w == "a" else current
            continue
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in ("thousand", "million", "billion"):
            total += max(current, 1) * _SCALES[w]
            current = 0
        else:
            return None
    return float(total + current)


def parse_number(text: str) -> float | None:
    """The value of one number mention, or None when it is not a number we trust."""
    if text.isdigit():
        return _parse_digits(text)
    m = re.fullmatch(
        r"(.*?)(?:[ \u00a0-]?(hundred|thousand|million|billion|mln|mn|bn|m|k))?",
        text.strip(),
        re.IGNORECASE | re.DOTALL,
    )
    body, scale = (m.group(1), m.group(2)) if m else (text, None)
    body = body.strip()
    if not body:
        return None
    value = _parse_digits(body) if body[0].isdigit() else _parse_words(body)
    if value is None:
        return None
    if scale:
        scale = scale.lower()
        value *= _SCALES.get(scale) or _SCALE_ABBR.get(scale, 1)
    return value


def find_numbers(text: str, offset: int = 0, words: bool = True) -> list[Number]:
    """Every number mention in ``text`` (offsets shifted by ``offset``).

    ``words=False`` skips numbers written in words, for callers that know the text has
    none (the digit scan alone is much cheaper).
    """
    matches = list(DIGIT_RE.finditer(text))
    if words:
        extra = list(WORD_RE.finditer(text))
        if extra:
            merged = sorted(matches + extra, key=lambda m: (m.start(), -m.end()))
            matches, last_end = [], -1
            for m in merged:  # keep the first of overlapping mentions
                if m.start() >= last_end:
                    matches.append(m)
                    last_end = m.end()
    out: list[Number] = []
    for m in matches:
        raw = m.group()
        value = parse_number(raw)
        if value is None:
            continue
        out.append(Number(m.start() + offset, m.end() + offset, value, raw, not raw[0].isdigit()))
    return out
