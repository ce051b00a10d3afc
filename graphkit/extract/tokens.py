"""Word tokens with character offsets, and the normal form gazetteer look-ups use.

Gazetteer matching works on tokens rather than on one giant regular expression so
that it is linear in the text and independent of how many aliases we know.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "‐": "-", "‑": "-"})


@dataclass(slots=True)
class Token:
    start: int
    end: int
    text: str
    key: str
    is_word: bool
    is_capitalised: bool


_KEYS: dict[str, tuple[str, bool, bool]] = {}
"""Per-process cache: surface form -> (key, is_word, is_capitalised). Bounded below."""


@lru_cache(maxsize=65536)
def token_key(text: str) -> str:
    """Case-folded, accent-free, with typographic apostrophes and hyphens unified."""
    text = text.translate(_APOSTROPHES)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """All word and punctuation tokens of ``text``; offsets are shifted by ``offset``."""
    out: list[Token] = []
    append = out.append
    keys = _KEYS
    find = text.find
    new = object.__new__
    pos = 0
    # the surfaces in one C call, their places by str.find: cheaper than a match object
    # each; and the tokens' slots filled directly, which is cheaper than calling __init__
    # (tokenising is a tenth of the extraction's time: every word of every report)
    for surface in _TOKEN.findall(text):
        start = find(surface, pos)
        pos = start + len(surface)
        info = keys.get(surface)
        if info is None:
            info = (token_key(surface), surface[0].isalnum(), surface[0].isupper())
            if len(keys) < 200_000:
                keys[surface] = info
        token = new(Token)
        token.start, token.end, token.text = start + offset, pos + offset, surface
        token.key, token.is_word, token.is_capitalised = info
        append(token)
    return out


def phrase_keys(text: str) -> tuple[str, ...]:
    """The token keys of a gazetteer phrase, as :func:`tokenize` would produce them."""
    return tuple(token_key(m.group()) for m in _TOKEN.finditer(text))


def word_set(text: str) -> frozenset[str]:
    """A frozen set of the whitespace-separated words of ``text`` (for keyword lists)."""
    return frozenset(text.split())
