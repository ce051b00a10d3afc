"""Countries where something happened, kept apart from agencies' home countries.

A country counts as a place when the text names it outside an agency name ("arrested in
Belgium", "from Turkey"), or when its adjective qualifies generic authorities ("Czech,
Polish and Slovenian authorities"). Nationalities ("Georgian-speaking", "Maltese
nationals") and agency names ("the Spanish Guardia Civil") do not make a place.
Countries listed as the members of a task force or team they set up are participants,
not places.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from graphkit.extract.analysis import Analysis, SentenceView
from graphkit.extract.gazetteer import Match
from graphkit.extract.tokens import word_set

_AUTHORITIES = word_set(
    "authorities law judicial police prosecutors investigators officials officers "
    "enforcement counterparts customs"
)
_LIST = frozenset([",", "and", "&", "as", "well"])
_PARTICIPANT_VERB = re.compile(
    r"^\s*(?:have\s+|had\s+)?(?:set up|setting up|established|formed|joined|created|signed)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class CountryMention:
    iso2: str
    sentence: SentenceView
    start: int
    end: int


def adjective_is_authority(view: SentenceView, m: Match) -> bool:
    """Whether an adjective qualifies generic authorities, walking a list to its head noun.

    "Czech, Polish and Slovenian authorities" makes three places.
    """
    toks, j = view.tokens, m.end
    later = {x.start: x for x in view.matches}
    while j < len(toks):
        if toks[j].key in _LIST:
            j += 1
        elif j in later and later[j].entry.kind in ("adjective", "country"):
            j = later[j].end
        elif toks[j].key in ("-", "'") or toks[j].key == "s":
            j += 1
        else:
            return toks[j].key in _AUTHORITIES and not toks[j].text[:1].isupper()
    return False


def _participant_list(view: SentenceView, m: Match) -> bool:
    """Whether a country opens a list of members: "Croatia, Hungary and Italy formed an
    Operational Taskforce" names participants, not places."""
    toks, j = view.tokens, m.end
    names = {x.start: x for x in view.matches if x.entry.kind == "country"}
    while j < len(toks):
        if toks[j].key in _LIST or toks[j].key == "the":
            j += 1
        elif j in names:
            j = names[j].end
        else:
            break
    rest = view.text[view.local(toks[j].start) :] if j < len(toks) else ""
    return bool(_PARTICIPANT_VERB.match(rest))


def find_places(
    analysis: Analysis, agency_spans: list[tuple[int, int]] | None = None
) -> list[CountryMention]:
    """Country mentions that say where a group operated or where action took place.

    ``agency_spans`` are the report offsets of agency names found by the agency step;
    a country inside one ("the U.S. Attorney's Office") is that agency's home, not a place.
    """
    spans = sorted(agency_spans or [])
    out: list[CountryMention] = []
    for view in analysis.sentences:
        if view.boilerplate:
            continue
        for m in view.matches:
            if spans and _inside(spans, m.char_start, m.char_end):
                continue
            kind = m.entry.kind
            if kind == "country":
                nxt = view.tokens[m.end : m.end + 3]
                if nxt and nxt[0].key == "$" and nxt[0].start == m.char_end:
                    continue  # "US$238 000" is a currency
                if (
                    len(nxt) >= 2
                    and nxt[0].key == "'"
                    and nxt[1].key == "s"
                    and any(a.entry.kind == "agency" and a.start == m.end + 2 for a in view.matches)
                ):
                    continue  # "Germany's Federal Criminal Police Office"
                if _participant_list(view, m):
                    continue
                if m.start == 0 and m.end < len(view.tokens) and view.tokens[m.end].key == ":":
                    continue  # "Spain: Guardia Civil" lists an agency's country
                if _bracketed_agency(view, m, spans):
                    continue  # "Belgium (Federal Judicial Police)" likewise
                out.append(CountryMention(m.entry.value, view, m.char_start, m.char_end))
            elif kind == "adjective" and adjective_is_authority(view, m):
                out.append(CountryMention(m.entry.value, view, m.char_start, m.char_end))
    return out


def _bracketed_agency(view: SentenceView, m: Match, spans: list[tuple[int, int]]) -> bool:
    toks = view.tokens
    if m.end >= len(toks) or toks[m.end].key != "(":
        return False
    close = view.text.find(")", view.local(toks[m.end].end))
    if close < 0:
        return False
    lo, hi = toks[m.end].end, view.start + close
    # the sorted spans that start inside the brackets, found by bisection: scanning all
    # of them for every bracket made long reports quadratic
    i = bisect_left(spans, (lo,))
    while i < len(spans) and spans[i][0] <= hi:
        if spans[i][1] <= hi:
            return True
        i += 1
    return False


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]
