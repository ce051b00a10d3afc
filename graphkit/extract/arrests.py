"""Arrests: the total a report states and its per-country breakdown.

Handles "a total of 31 suspects were detained: 9 in Portugal, 20 in Spain and 2 in
Morocco", "30 people were arrested in Portugal, six in Spain and a further one in France",
"62 arrests in Colombia (50), Spain (8) and Morocco (4)", "In Croatia, 6 suspects were
detained", "Three men were arrested there". The total is the largest count stated for the
whole operation; it is never summed from the parts. Detentions count as arrests unless the
report sets them apart ("eleven arrested and two detained").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphkit.extract.analysis import Analysis, SentenceView
from graphkit.extract.countries import adjective_is_authority as _adjective_is_authority
from graphkit.extract.gazetteer import Match
from graphkit.extract.numbers import Number

_ARREST = re.compile(
    r"\b(?:arrest\w*|apprehend\w*|captured|taken into custody|caught|nabbed)\b", re.IGNORECASE
)
_DETAIN = re.compile(r"\b(?:detain\w*|detention\w*)\b", re.IGNORECASE)
_MORE = re.compile(
    r"^\s*(?:more|further|other|additional|others|extra)\b|^\s*of\s+(?:the|them|those|whom)\b",
    re.IGNORECASE,
)
_MORE_BEFORE = re.compile(
    r"\b(?:further|additional|another|more|other)\s+$|\bof\s+(?:the|them)\s+$", re.IGNORECASE
)
_NOT_PEOPLE = re.compile(
    r"^\s*(?:-|\s)?(?:years?|months?|weeks?|days?|hours?|kg|kilo\w*|tonnes?|tons?|per\s*cent|%|"
    r"countries|times|euros?|EUR|dollars|houses?|premises|searches|officers|locations|"
    r"laborator\w*|vehicles|firearms|weapons|million|billion)\b",
    re.IGNORECASE,
)
_CUE_THEN_NUM = re.compile(
    r"(?:arrest(?:ed|ing|s)?|detain(?:ed|ing)?|detention|apprehended|captured)"
    r"(?:\s+of)?(?:\s+(?:at least|over|more than|some|around|about|nearly|a total of))?\s*$",
    re.IGNORECASE,
)
_NUM_THEN_CUE = re.compile(
    r"^(?:\s+[\w'’-]+){0,6}?\s+(?:(?:were|was|have been|had been|being|are|got)\s+)?"
    r"(?:arrest(?:ed|s)?|detained|detentions|apprehended|captured|taken into custody)\b",
    re.IGNORECASE,
)


_CUE_PREFIXES = (
    "arrest",
    "apprehend",
    "captured",
    "custody",
    "caught",
    "nabbed",
    "detain",
    "detention",
)


_SINGLE = re.compile(
    r"\b(?:[Aa]n?|[Oo]ne)\s+(?:\d{1,3}-year-old\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:man|woman|suspect|person|individual|national|citizen|member|leader)\b[^.;]{0,80}?"
    r"\b(?:was|has been|had been)\s+(?:arrested|detained|apprehended)\b"
    r"|\b[Tt]he arrest (?:on|took place|was made)\b"
    r"|\barrested (?:the|a|one) (?:main |key |suspected |alleged )?"
    r"(?:suspect|leader|ringleader|man|woman)\b"
    r"|\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3},\s+(?:aged\s+)?\d{1,2},\s+"
    r"(?:[^.;]{0,40}?\s)?(?:was|has been)\s+(?:arrested|detained)\b"
)
"""One person's arrest, when the report gives no count: the total is 1."""
_COUNTRY_THEN_NUM = re.compile(r"\s*[:,]?\s*(?=\d)")


@dataclass
class Arrests:
    total: int | None = None
    total_sentence: SentenceView | None = None
    by_country: dict[str, tuple[int, SentenceView]] = field(default_factory=dict)


def _separates_detention(analysis: Analysis) -> bool:
    """True when the report counts detentions apart from arrests ("9 arrested and 3 detained")."""
    for view in analysis.sentences:
        text = view.text
        a, d = _ARREST.search(text), _DETAIN.search(text)
        if not (a and d and len(view.numbers) >= 2):
            continue
        later = max(a.start(), d.start())
        tail = text[later - 30 if later >= 30 else 0 : later]
        if not re.search(r"\b(?:more|further|other|additional)\b", tail, re.IGNORECASE):
            return True
    return False


def _geo(view: SentenceView) -> list[Match]:
    return [m for m in view.matches if m.entry.kind in ("country", "place")]


def _is_count(view: SentenceView, num: Number) -> bool:
    after = view.text[view.local(num.end) :][:30]
    if _NOT_PEOPLE.match(after):
        return False
    before = view.text[max(0, view.local(num.start) - 12) : view.local(num.start)]
    if re.search(r"(?:aged|between|and|of|since|in|on|from|to)\s+$", before, re.IGNORECASE) and (
        num.value >= 1900 and not num.words
    ):
        return False
    return num.value >= 1 and num.value < 100000 and num.as_int is not None


def _pairs(view: SentenceView, detention_ok: bool) -> tuple[list[tuple[str, Number]], set[int]]:
    """(country, count) pairs stated in one sentence, and the numbers they used."""
    text, geo = view.text, _geo(view)
    used_nums: set[int] = set()
    used_geo: set[int] = set()
    pairs: list[tuple[str, Number]] = []
    # "Colombia (50), Spain (8)"
    for m in geo:
        rest = text[view.local(m.char_end) : view.local(m.char_end) + 12]
        pm = re.match(r"\s*\((\d{1,5})\)", rest)
        if pm:
            num = next(
                (
                    n
                    for n in view.numbers
                    if view.local(n.start) == view.local(m.char_end) + pm.start(1)
                ),
                None,
            )
            if num is not None:
                pairs.append((m.entry.value, num))
                used_nums.add(num.start)
                used_geo.add(m.char_start)
    # "in Spain 12, in Portugal 4", "arrests: Spain 12, Portugal 4"
    for m in geo:
        if m.char_start in used_geo:
            continue
        rest = text[view.local(m.char_end) : view.local(m.char_end) + 8]
        cm = _COUNTRY_THEN_NUM.match(rest)
        if not cm:
            continue
        num = next(
            (n for n in view.numbers if view.local(n.start) == view.local(m.char_end) + cm.end()),
            None,
        )
        if num is None or num.start in used_nums or not _is_count(view, num):
            continue
        after = text[view.local(num.end) : view.local(num.end) + 40]
        if not re.match(
            r"\s*(?:[,;.)]|and\b|$|(?:people|persons|suspects|individuals|arrests?|"
            r"were|have|had)\b)",
            after,
        ):
            continue
        pairs.append((m.entry.value, num))
        used_nums.add(num.start)
        used_geo.add(m.char_start)
    # "30 people were arrested in Portugal, six in Spain"
    for i, num in enumerate(view.numbers):
        if num.start in used_nums or not _is_count(view, num):
            continue
        nxt_num = view.numbers[i + 1].start if i + 1 < len(view.numbers) else view.end
        window_end = min(nxt_num, num.end + 90)
        target = next((m for m in geo if num.end < m.char_start < window_end), None)
        if target is None or target.char_start in used_geo:
            continue
        between = text[view.local(num.end) : view.local(target.char_start)]
        if not re.search(r"\b(?:in|at|across|inside)\s+(?:the\s+)?$", between, re.IGNORECASE):
            continue
        if len(between.split()) > 9 or re.search(r"[;:()]", between):
            continue
        if re.search(r"\b(?:from|to|into|of origin|nationals?|citizens?)\b", between, re.I):
            continue
        if not detention_ok and _DETAIN.search(
            between + text[max(0, view.local(num.start) - 25) : view.local(num.start)]
        ):
            continue
        # a list of countries after one number is a total over them, not a breakdown
        after = text[view.local(target.char_end) : view.local(target.char_end) + 12]
        lm = re.match(r"\s*(?:,|and)\s+(?:the\s+)?", after)
        if lm and any(
            view.local(m.char_start) == view.local(target.char_end) + lm.end() for m in geo
        ):
            continue
        pairs.append((target.entry.value, num))
        used_nums.add(num.start)
        used_geo.add(target.char_start)
    return pairs, used_nums


def _count_candidates(view: SentenceView, used: set[int], detention_ok: bool) -> list[Number]:
    """Numbers this sentence gives as arrest counts (not already in a breakdown)."""
    out: list[Number] = []
    text = view.text
    for i, num in enumerate(view.numbers):
        if num.start in used or not _is_count(view, num):
            continue
        before = text[max(0, view.local(num.start) - 60) : view.local(num.start)]
        after = text[view.local(num.end) : view.local(num.end) + 60]
        nxt = view.numbers[i + 1].start if i + 1 < len(view.numbers) else view.end
        after_window = text[view.local(num.end) : view.local(nxt)][:80]
        cue = _CUE_THEN_NUM.search(before[-40:]) or _NUM_THEN_CUE.match(after_window)
        if not cue:
            continue
        if not detention_ok and _DETAIN.search(cue.group()):
            continue
        if _MORE.match(after) or _MORE_BEFORE.search(before[-25:]):
            continue
        out.append(num)
    return out


def find_arrests(analysis: Analysis) -> Arrests:
    result = Arrests()
    detention_ok = not _separates_detention(analysis)
    fallback: list[tuple[str, Number, SentenceView]] = []
    best: tuple[int, SentenceView] | None = None
    previous_geo: list[str] = []
    for view in analysis.sentences:
        geo_here = [m.entry.value for m in _geo(view)]
        if (
            view.background
            or not view.has_prefix(_CUE_PREFIXES)
            or not (_ARREST.search(view.text) or (detention_ok and _DETAIN.search(view.text)))
        ):
            previous_geo = geo_here or previous_geo
            continue
        pairs, used = _pairs(view, detention_ok)
        for iso2, num in pairs:
            old = result.by_country.get(iso2)
            if old is None or old[0] < int(num.value):
                result.by_country[iso2] = (int(num.value), view)
        candidates = _count_candidates(view, used, detention_ok)
        mixed = not detention_ok and _DETAIN.search(view.text)
        if len(candidates) == 1 and not pairs and not mixed:
            single = _single_country(view, previous_geo)
            if single:
                fallback.append((single, candidates[0], view))
                previous_geo = geo_here or previous_geo
                continue
        for num in candidates:
            if best is None or int(num.value) > best[0]:
                best = (int(num.value), view)
        previous_geo = geo_here or previous_geo
    for iso2, num, view in fallback:
        if iso2 not in result.by_country:
            result.by_country[iso2] = (int(num.value), view)
    if best is not None:
        result.total, result.total_sentence = best
    elif not result.by_country:
        single = next((v for v in analysis.sentences if _SINGLE.search(v.text)), None)
        if single is not None and not single.background:
            result.total, result.total_sentence = 1, single
    elif len(result.by_country) == 1:
        # one country, one figure: that is the operation's total too
        ((count, view),) = result.by_country.values()
        result.total, result.total_sentence = count, view
    return result


def _single_country(view: SentenceView, previous_geo: list[str]) -> str | None:
    """The one country a sentence is about: named, an agency's, or "there" = the last one."""
    if re.search(r"\b(?:countries|international|cross-border|worldwide)\b", view.text, re.I):
        return None
    geo = [m for m in view.matches if m.entry.kind in ("country", "place")]
    agencies = {
        m.entry.value.country
        for m in view.matches
        if m.entry.kind == "agency" and m.entry.value.country not in ("EU", "INT")
    }
    authorities = {
        m.entry.value
        for m in view.matches
        if m.entry.kind == "adjective" and _adjective_is_authority(view, m)
    }
    agencies |= authorities
    codes = {m.entry.value for m in geo} | agencies
    if (
        len(codes) == 1
        and not agencies
        and not any(
            re.search(
                r"\bin\s+(?:the\s+)?$",
                view.text[max(0, view.local(m.char_start) - 12) : view.local(m.char_start)],
                re.I,
            )
            for m in geo
        )
    ):
        return None
    if not codes and re.search(r"\bthere\b", view.text) and len(set(previous_geo)) == 1:
        return previous_geo[0]
    if len(codes) == 1:
        return next(iter(codes))
    return None
