"""Crime types from keyword cues (``data/gazetteers/crimes.yaml``) mapped to the vocabulary.

One compiled alternation per crime type, word-bounded and built from short literal cues,
so matching is a linear scan; each hit keeps its sentence for evidence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from graphkit import model
from graphkit.extract.analysis import Analysis, SentenceView
from graphkit.extract.gazetteer import gazetteer


@dataclass(frozen=True)
class _Cues:
    by_prefix: dict[str, list[tuple[str, str, re.Pattern[str]]]]
    """first three letters -> (literal prefix, crime, cue) for cues that start with a word"""
    stems: frozenset[str]
    """the keys of ``by_prefix``: a sentence with no word starting so has no such cue"""
    other: list[tuple[str, re.Pattern[str], tuple[str, ...] | None]]
    """cues that start with a group or class: searched per sentence that has a word
    starting with one of the literal prefixes a match must start with (None: every sentence)"""
    other_starts: tuple[str, ...] | None
    """all of those prefixes: a sentence with no word starting so has none of these cues"""


_LEADING_CHOICE = re.compile(r"\(\?:(?P<alts>[\w ']+(?:\|[\w ']+)+)\)(?P<rest>.*)", re.DOTALL)


def _scan(pattern: str) -> list[tuple[int, int]]:
    """(index, depth before it) of every character of ``pattern`` outside classes and
    escapes: the structure :func:`_top_level` and :func:`_starts` read."""
    out: list[tuple[int, int]] = []
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]" or pattern[i + 1 : i + 3] == "^]":
                i += 2 if pattern[i + 1] == "]" else 3  # "[]...]": the first "]" is literal
                continue
        else:
            out.append((i, depth))
            depth += (c == "(") - (c == ")")
        i += 1
    return out


def _top_level(pattern: str) -> list[str]:
    """The alternatives of ``pattern``, split at its top-level "|"."""
    cuts = [i for i, depth in _scan(pattern) if depth == 0 and pattern[i] == "|"]
    return [pattern[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(pattern)], strict=True)]


def _literal_prefix(cue: str) -> str:
    """The letters and digits every match of ``cue`` starts with ("sells?" -> "sell")."""
    prefix = re.match(r"[a-z0-9]*", cue.lower()).group()
    if re.match(r"[a-z0-9]*[?*{]", cue.lower()):
        prefix = prefix[:-1]  # "drugs?": the last letter is optional
    return prefix


def _starts(cue: str) -> tuple[str, ...] | None:
    """The literal prefixes one of which every match of ``cue`` starts with: "(?:sold|sells?|
    sale of) drugs" -> ("sale", "sell", "sold"); None when an alternative has none."""
    found: set[str] = set()
    for alt in _top_level(cue):
        if alt.startswith("(?:"):
            close = next((i for i, depth in _scan(alt) if depth == 1 and alt[i] == ")"), None)
            if close is None or alt[close + 1 : close + 2] in ("?", "*", "{"):
                return None  # an optional group: a match may start after it
            inner = _starts(alt[3:close])
            if inner is None:
                return None
            found.update(inner)
        else:
            prefix = _literal_prefix(alt)
            if not prefix:
                return None
            found.add(prefix)
    return tuple(sorted(found))


def _expand(cue: str) -> list[str]:
    """ "(?:illegal|illicit) tobacco" -> "illegal tobacco", "illicit tobacco": a cue that starts
    with a choice of plain words becomes one cue per word, so each is looked up by its first
    word instead of being searched for in every sentence."""
    m = _LEADING_CHOICE.fullmatch(cue)
    if m is None:
        return [cue]
    return [alt + m.group("rest") for alt in m.group("alts").split("|")]


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    """Index every cue by the literal word it starts with, so a sentence is scanned by its
    tokens (one dict look-up each) instead of by a many-branch regular expression."""
    by_prefix: dict[str, list[tuple[str, str, re.Pattern[str]]]] = {}
    other: list[tuple[str, re.Pattern[str], tuple[str, ...] | None]] = []
    for crime, cues in gazetteer().crimes.items():
        if crime not in model.CRIMES:
            raise ValueError(f"crimes.yaml: {crime!r} is not in the crime vocabulary")
        for cue in (c for raw in cues for c in _expand(raw)):
            pattern = re.compile(rf"(?:{cue})\b", re.IGNORECASE)
            prefix = re.match(r"[a-z0-9]*", cue.lower()).group()
            if re.match(r"[a-z0-9]*[?*{]", cue.lower()):
                prefix = prefix[:-1]  # "drugs?": the last letter is optional
            if len(prefix) >= 3:
                by_prefix.setdefault(prefix[:3], []).append((prefix, crime, pattern))
            else:
                pattern = re.compile(rf"\b(?:{cue})\b", re.IGNORECASE)
                other.append((crime, pattern, _starts(cue)))
    needs = [starts for _, _, starts in other]
    union = None if None in needs else tuple(sorted({p for starts in needs for p in starts}))
    return _Cues(by_prefix, frozenset(by_prefix), other, union)


_NAME_TAIL = re.compile(
    r"^(?:\s+[A-Z][\w-]*){0,2}\s+(?:Centre|Center|Directorate|Unit|Office|Department|Division|"
    r"Agency|Command|Squad|Task ?[Ff]orce|Platform|Coalition|Programme|Program|Network|Group|"
    r"Team|Service|Bureau|Section|Cell|Hub|Project)\b"
)
_NOT_THE_CRIME = re.compile(
    r"\b(?:designated|designation|named|listed|classified|labell?ed|branded)\s+(?:as\s+)?"
    r"(?:an?\s+)?(?:(?:foreign|specially designated global|international)\s+)?$",
    re.IGNORECASE,
)
"""A label given by a government ("named a Foreign Terrorist Organization") is not the
crime the case is about."""
INCIDENTAL = frozenset(
    ["counterfeiting", "property_crime", "excise_fraud", "firearms_trafficking", "fraud"]
)
"""Crimes whose cue inside a list of seized things says what was found, not what the case
is about: "stolen vehicles", "counterfeit cigarettes", "forged passports" or "firearms"
seized in a drugs raid."""


def _in_a_name(text: str, start: int, end: int) -> bool:
    """A cue that is part of a body's name ("European Migrant Smuggling Centre") says what
    the body works on, not what this case is about."""
    return text[start : start + 1].isupper() and bool(_NAME_TAIL.match(text[end : end + 60]))


def find_crimes(
    analysis: Analysis,
    skip_spans: list[tuple[int, int]] | None = None,
    seized_spans: list[tuple[int, int]] | None = None,
) -> dict[str, SentenceView]:
    """Each crime type the report mentions, with the first sentence that says so.

    ``skip_spans`` are report offsets to ignore: agency names ("Directorate for
    Investigating Organised Crime and Terrorism") are not crimes of the case.
    ``seized_spans`` are the lists of seized things, where the :data:`INCIDENTAL` crimes'
    cues do not count.
    """
    seized = sorted(seized_spans or [])
    cues = _cues()
    skip = sorted(skip_spans or [])
    starts = [a for a, _ in skip]
    found: dict[str, SentenceView] = {}
    by_key: dict[str, list[tuple[str, str, re.Pattern[str]]]] = {}
    """token key -> the cues whose literal prefix it starts with, for this report"""
    for view in analysis.sentences:
        # the crimes this sentence states, kept unless it is boilerplate: asked only of the
        # few sentences that state one
        hits: dict[str, None] = {}
        text = view.text
        lo, hi = view.start, view.end
        # only the spans starting in this sentence: a bisection, not a scan of every span
        # in the report per sentence (which made long reports quadratic)
        first, last = bisect_left(starts, lo), bisect_left(starts, hi)
        spans = [(a - lo, b - lo) for a, b in skip[first:last]]
        for tok in view.tokens:
            candidates = by_key.get(tok.key)
            if candidates is None:
                group = cues.by_prefix.get(tok.key[:3])  # most words start no cue
                candidates = by_key[tok.key] = (
                    [c for c in group if tok.key.startswith(c[0])] if group is not None else []
                )
            if not candidates or not (tok.is_word or _word_stem(view, tok.key, cues)):
                continue
            for _prefix, crime, pattern in candidates:
                if crime in found or crime in hits:
                    continue
                m = pattern.match(text, view.local(tok.start))
                if m and not _skipped(text, m.start(), m.end(), spans):
                    if crime in INCIDENTAL and _inside(seized, tok.start):
                        continue
                    hits[crime] = None
        if cues.other_starts is None or _may_start(view, cues.other_starts):
            for crime, pattern, needs in cues.other:
                if crime in found or crime in hits:
                    continue
                if needs is not None and not _may_start(view, needs):
                    continue
                for m in pattern.finditer(text):
                    if _skipped(text, m.start(), m.end(), spans):
                        continue
                    if crime in INCIDENTAL and _inside(seized, view.start + m.start()):
                        continue
                    hits[crime] = None
                    break
        if hits and not view.boilerplate:
            found.update(dict.fromkeys(hits, view))
    return found


def _word_stem(view: SentenceView, key: str, cues: _Cues) -> bool:
    """Whether a word of the sentence shares the first three letters of a punctuation
    token's key ("℡" is "tel"): cues are looked for at the tokens whose stem a word has."""
    return key[:3] in cues.stems and any(k[:3] == key[:3] for k in view.keys)


def _may_start(view: SentenceView, prefixes: tuple[str, ...]) -> bool:
    """Whether a word-bounded case-insensitive match starting with one of ``prefixes`` can be
    in the sentence: it starts a token, whose key then starts with the prefix too -- unless
    the text has a dotless "ı", which IGNORECASE matches as "i" while its key keeps it."""
    return view.has_prefix(prefixes) or "ı" in view.text


def _skipped(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return (
        _in_a_name(text, start, end)
        or any(a <= start < b for a, b in spans)
        or bool(_NOT_THE_CRIME.search(text[max(0, start - 60) : start]))
    )


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect_left(spans, (pos + 1,)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]
