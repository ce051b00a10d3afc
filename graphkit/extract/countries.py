"""Countries where something happened, told apart from every other way a text names one.

A report names countries for many reasons: where suspects were arrested or a group was
active ("arrested in Belgium", "searches in Spain and Italy"), but also whose authorities
took part ("authorities from Romania contributed"), the nationality of people ("Syrian
nationals", "suspects originating from Kosovo"), where goods came from or were heading
("imported from China", "a lorry bound for the UK"), an agency's home ("Germany's BKA",
"Spain: Guardia Civil"), a dateline, or background ("active in 40 countries worldwide").
Only the first kind is a place: a country becomes ``OPERATED_IN``/``CONDUCTED_IN`` when
one of its mentions has the :attr:`Role.PLACE` role.

Each mention's role is read from the words that govern it: the preposition or noun before
the list it stands in ("in Austria, France and Spain" -- the "in" governs all three), and
the words right after it ("Greek nationals", "Germany-led"). Authorities named by country
("Czech and Polish authorities", "officers from Romania") make a place when their clause
reports action on the ground (arrests, searches, seizures), and only participants when it
reports support or coordination.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from enum import StrEnum

from graphkit.extract.analysis import ACTION_VERB, Analysis, SentenceView
from graphkit.extract.gazetteer import Match
from graphkit.extract.tokens import word_set
from graphkit.extract.vocabulary import SUSPECTS, alternation


class Role(StrEnum):
    """Why a text names a country."""

    PLACE = "place"  # something happened there
    PARTICIPANT = "participant"  # its authorities took part
    NATIONALITY = "nationality"  # people's nationality or origin
    ORIGIN = "origin"  # where goods came from
    DESTINATION = "destination"  # where goods or people were heading, or passed through
    AGENCY = "agency"  # part of an agency's name, or an agency's home
    NAME = "name"  # part of another name: "Benin City", "Mexico City"
    BACKGROUND = "background"  # institutional text, datelines, statistics about other work


_AUTHORITIES = word_set(
    "authorities law judicial police prosecutors investigators officials officers "
    "enforcement counterparts customs services agencies units teams investigators "
    "judges magistrates gendarmes experts delegations representatives forces colleagues"
)
_LIST = frozenset([",", "and", "&", "as", "well", "the", "or", "both"])
_PARTICIPANT_VERB = re.compile(
    r"\s*(?:have\s+|had\s+|has\s+|also\s+|all\s+|jointly\s+)*(?:set up|setting up|established|"
    r"formed|joined|created|signed|issued|requested|took part|take part|participated|"
    r"supported|contributed|assisted|cooperated|collaborated|provided|sent|shared|led)\b",
    re.IGNORECASE,
)
_AFTER = re.compile(
    r"(?:\s*-\s*|\s+)(?P<w>nationals?|citizens?|born|origin|descent|speaking|passport\w*|"
    r"led|registered|flagged|consumers|customers|residents|taxpayers|investors|users|"
    r"companies|firms|businesses|banks|markets?|government|economy|soil)\b",
    re.IGNORECASE,
)
"""Words after a country name that make it an attribute ("Greek nationals", "UK consumers",
"a Germany-led operation") rather than a place."""
_DATELINE = re.compile(r"^\s*[A-Z][\w .'’-]{1,40},\s*(?:the\s+)?$")
_DATELINE_END = re.compile(r"^\s*(?:\([^()]{0,40}\)\s*)?[–—-]")
_AFTER_ROLE = {
    "national": Role.NATIONALITY,
    "nationals": Role.NATIONALITY,
    "citizen": Role.NATIONALITY,
    "citizens": Role.NATIONALITY,
    "born": Role.NATIONALITY,
    "origin": Role.NATIONALITY,
    "descent": Role.NATIONALITY,
    "speaking": Role.NATIONALITY,
    "led": Role.PARTICIPANT,
    "soil": Role.PLACE,
    "registered": Role.ORIGIN,
    "flagged": Role.ORIGIN,
}

# The words before a country (or the list it stands in), nearest first, and the role
# they give it. Checked in order; the first that matches decides.
_BEFORE: tuple[tuple[re.Pattern[str], Role], ...] = tuple(
    (re.compile(rf"(?:{pattern})(?:\s+the)?\s*$", re.IGNORECASE), role)
    for pattern, role in (
        (
            r"\b(?:supported|assisted|backed|helped|aided|led|coordinated|requested|initiated)"
            r"\s+by|\bwith the (?:support|help|assistance|backing|participation) of|"
            r"\btogether with|\bjointly with|\bin cooperation with|\bin collaboration with|"
            r"\bpartners? (?:from|in)|\bcountries such as|\bcountries,? (?:namely|including)",
            Role.PARTICIPANT,
        ),
        (
            rf"\b(?:{alternation(SUSPECTS)}|national|citizen|natives?|originating|originally|"
            r"origin|descent|hailing|victims|migrants|nationalities)"
            r"(?:,?\s+(?:mostly|mainly|largely|primarily|predominantly|all|many|most|some))?"
            r"\s+(?:from|of)|\bborn in",
            Role.NATIONALITY,
        ),
        (
            # "arrests were made in Spain" is where they were made, unlike goods "made in"
            r"\b(?:arrests?|searches|seizures|raids|detentions)\s+"
            r"(?:(?:were|was|have|has|had|been|also|then)\s+)*made\s+in",
            Role.PLACE,
        ),
        (
            r"\b(?:imported|importing|produced|manufactured|made|sourced|purchased|bought|"
            r"ordered|registered|originated|coming|come|came|arrived|arriving|shipped|sent|exported|"
            r"transported|dispatched|smuggled|flown)\s+"
            # one word may come between ("bought online from"), not what action was
            # taken ("ordered raids in France" is where the raids were)
            r"(?:(?!(?:raids?|searches|arrests?|checks|inspections|investigations)\b)\w+\s+)?"
            r"(?:from|in)",
            Role.ORIGIN,
        ),
        (
            r"\b(?:heading|headed|bound|destined|en route|on (?:its|their|the) way|way|"
            r"shipped|shipping|exported|exporting|transported|delivered|sent|"
            r"dispatched|sailing|travelling|traveling|flown|flying|destinations?|"
            r"transit(?:ing)?|transited)\s+(?:\w+\s+)?(?:to|for|towards|into|in|via|through)|"
            r"\b(?:via|through)|\btransit (?:through|via|in)|"
            r"\b(?:bring|brings|bringing|brought|import|imports|importing|imported)\b[^,;]{0,40}"
            r"\binto",
            Role.DESTINATION,
        ),
        (
            r"\b(?:authorities|police|officers|officials|services|agencies|investigators|"
            r"prosecutors|judges|magistrates|enforcement|units|teams|counterparts|customs|"
            r"delegations|representatives|experts|forces)\s+(?:from|of|in)",
            Role.PARTICIPANT,  # refined by the clause: see _authority_role
        ),
        (
            r"\b(?:in|inside|within|across|throughout|at|on|from|to|into|around|over|"
            r"between|near|outside|all over|parts of|territory of|soil of)",
            Role.PLACE,
        ),
    )
)
_AUTHORITY_PATTERN = _BEFORE[5][0]
_SUPPORT_BEFORE = _BEFORE[0][0]


@dataclass(frozen=True, slots=True)
class CountryMention:
    iso2: str
    sentence: SentenceView
    start: int  # report offsets
    end: int
    role: Role = Role.PLACE


def adjective_is_authority(view: SentenceView, m: Match) -> bool:
    """Whether an adjective qualifies generic authorities, walking a list to its head noun.

    "Czech, Polish and Slovenian authorities" qualifies three countries' authorities.
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


def _list_start(view: SentenceView, m: Match) -> int:
    """Token index where the list that ``m`` stands in begins: "in [Austria, the Czech
    Republic and] France" -> the index of "Austria". Brackets after a name are skipped
    ("Eindhoven (the Netherlands)")."""
    ends = {x.end: x for x in view.matches if x.entry.kind in ("country", "place", "agency")}
    toks, i = view.tokens, m.start
    while i > 0:
        prev = toks[i - 1]
        if prev.key in _LIST:
            i -= 1
        elif i in ends:
            i = ends[i].start
        elif prev.key == "(" and i - 1 in ends:
            i = ends[i - 1].start
        elif prev.key == ")":
            j = i - 1
            while j > 0 and toks[j].key != "(":
                j -= 1
            if j > 0 and j in ends:
                i = ends[j].start
            else:
                break
        else:
            break
    while i < m.start and toks[i].key in _LIST and toks[i].key != "the":
        i += 1
    return i


def _list_end(view: SentenceView, m: Match) -> int:
    """Token index just after the list that ``m`` stands in."""
    starts = {x.start: x for x in view.matches if x.entry.kind in ("country", "place")}
    toks, j, last = view.tokens, m.end, m.end
    while j < len(toks):
        if toks[j].key in _LIST:
            j += 1
        elif j in starts:
            j = last = starts[j].end
        else:
            break
    return last


def _role_before(view: SentenceView, first: int) -> Role | None:
    """The role the words before a list give it ("in", "nationals from", "bound for")."""
    head = view.text[
        max(0, view.local(view.tokens[first].start) - 60) : view.local(view.tokens[first].start)
    ]
    for pattern, role in _BEFORE:
        if pattern.search(head):
            return role
    return None


_SEAT = re.compile(
    r"\b(?:headquarters|HQ|seat|offices?|premises of|based|coordination cent(?:re|er)|"
    r"meeting|conference|summit|court|trial|hearing|press|embassy|Europol|Eurojust|Interpol)\b",
    re.IGNORECASE,
)


def _acted_in(view: SentenceView, m: Match) -> bool:
    """Whether the clause of a city or region reports action there and names no seat."""
    start, end = view.clause(view.local(m.char_start), relative=False)
    clause = view.text[start:end]
    return bool(ACTION_VERB.search(clause)) and not _SEAT.search(clause)


def _authority_role(view: SentenceView, pos: int) -> Role:
    """Authorities named by their country: a place when their clause reports action on the
    ground, a participant when it reports support ("contributed", "assisted", "took
    part") or when another country is named as the place of the action."""
    start, end = view.clause(pos)
    clause = view.text[start:end]
    if not ACTION_VERB.search(clause):
        return Role.PARTICIPANT
    if _SUPPORT_BEFORE.search(view.text[max(start, pos - 60) : pos]):
        return Role.PARTICIPANT
    return Role.PLACE


def _in_a_name(view: SentenceView, m: Match) -> bool:
    """A country name inside a longer proper name: "the US Federal Trade Commission",
    "Assistant U.S. Attorneys" (a body we do not know is still not a place). Headlines are
    in title case, so they are left alone, and so is a name after a preposition ("in Spain
    Police arrested")."""
    toks = view.tokens
    if view.headline or m.end >= len(toks):
        return False
    nxt = toks[m.end]
    if not (nxt.is_word and nxt.is_capitalised) or nxt.key in ("and", "or", "as"):
        return False
    if m.start == 0 or toks[m.start - 1].key in ("the", "a", "an", ","):
        return True
    prev = toks[m.start - 1]  # "Assistant U.S. Attorneys": inside a title
    return prev.is_word and prev.is_capitalised and prev.key not in _PREPOSITIONS


_PREPOSITIONS = word_set("in at on from to into across throughout within for by of near via")
"""Capitalised at a sentence's start, they open no name: "In Spain Police arrested ..."."""


def _dateline(view: SentenceView, m: Match) -> bool:
    """A line that only names a place ("The Hague, the Netherlands"), or a dateline
    opening a sentence ("LYON, France – Police ...", "ROME, Italy (AP) -")."""
    words = [t for t in view.tokens if t.is_word]
    named = sum(x.end - x.start for x in view.matches if x.entry.kind in ("country", "place"))
    if words and len(view.text) < 60 and named >= len(words) - 1:
        return True
    before = view.text[: view.local(m.char_start)]
    return bool(_DATELINE.match(before)) and bool(
        _DATELINE_END.match(view.text[view.local(m.char_end) :])
    )


def _role(view: SentenceView, m: Match, agency_spans: list[tuple[int, int]]) -> Role:
    toks = view.tokens
    if agency_spans and _inside(agency_spans, m.char_start, m.char_end):
        return Role.AGENCY
    nxt = toks[m.end : m.end + 2]
    if nxt and (
        (nxt[0].key == "$" and nxt[0].start == m.char_end) or nxt[0].key in ("dollar", "dollars")
    ):
        return Role.NAME  # "US$238 000", "4,500 US dollars": a currency
    if nxt and nxt[0].text == "City":
        return Role.NAME  # "Benin City" is in Nigeria
    if [t.key for t in nxt] == ["'", "s"] and any(
        a.entry.kind == "agency" and a.start == m.end + 2 for a in view.matches
    ):
        return Role.AGENCY  # "Germany's Federal Criminal Police Office"
    if m.start == 0 and m.end < len(toks) and toks[m.end].key == ":":
        return Role.AGENCY  # "Spain: Guardia Civil" lists an agency's country
    if _bracketed_agency(view, m, agency_spans):
        return Role.AGENCY  # "Belgium (Federal Judicial Police)"
    if view.boilerplate or view.background or _dateline(view, m):
        return Role.BACKGROUND
    last = _list_end(view, m)
    list_end = view.local(toks[last - 1].end)
    am = _AFTER.match(view.text, list_end)
    if am:
        return _AFTER_ROLE.get(am.group("w").lower(), Role.NATIONALITY)
    if _in_a_name(view, m):
        return Role.NAME
    if _PARTICIPANT_VERB.match(view.text, list_end):
        return Role.PARTICIPANT
    first = _list_start(view, m)
    before = _role_before(view, first)
    if before is Role.PARTICIPANT and _AUTHORITY_PATTERN.search(
        view.text[max(0, view.local(toks[first].start) - 60) : view.local(toks[first].start)]
    ):
        return _authority_role(view, view.local(m.char_start))
    return before or Role.PLACE


def _acting_agencies(
    view: SentenceView, agencies: list[tuple[int, int, str]], named: set[int]
) -> list[CountryMention]:
    """National agencies that act on the ground in a clause naming no place: "the Spanish
    Guardia Civil conducted the operation", "FBI agents arrested ten people". A country's
    force acts on its own territory, so its country is a place. ``agencies`` are those
    that start in the sentence."""
    out: list[CountryMention] = []
    for start, end, iso2 in agencies:
        if len(iso2) != 2 or not iso2.isupper() or iso2 == "EU":
            continue
        pos = view.local(start)
        c_start, c_end = view.clause(pos)
        if any(c_start <= p < c_end for p in named):
            continue  # the clause says where: "arrested two suspects in Portugal"
        if _authority_role(view, pos) is Role.PLACE:
            out.append(CountryMention(iso2, view, start, end, Role.PLACE))
    return out


def country_mentions(
    analysis: Analysis, agencies: list[tuple[int, int, str]] | None = None
) -> list[CountryMention]:
    """Every country mention with its role, in text order.

    ``agencies`` are (start, end, home country) of the agency names the agency step found,
    as report offsets: a country inside one ("the U.S. Attorney's Office") is that agency's
    home, and a national agency acting in a clause that names no place makes its country
    a place.
    """
    found = sorted(agencies or [])
    spans = [(a, b) for a, b, _ in found]
    found_starts = [a for a, _, _ in found]
    out: list[CountryMention] = []
    for view in analysis.sentences:
        mentions: list[CountryMention] = []
        kept: list[Match] = []
        for m in view.matches:
            kind = m.entry.kind
            if kind == "country":
                role = _role(view, m, spans)
            elif kind == "place":
                # a city or region makes its country a place only where action happens in
                # it ("searches in Rotterdam"), never as a seat ("Europol's headquarters in
                # The Hague"), a dateline or a list entry
                role = _role(view, m, spans)
                if role is not Role.PLACE or not _acted_in(view, m):
                    continue
            elif kind == "adjective" and adjective_is_authority(view, m):
                if spans and _inside(spans, m.char_start, m.char_end):
                    role = Role.AGENCY
                elif view.boilerplate or view.background:
                    role = Role.BACKGROUND
                else:
                    role = _authority_role(view, view.local(m.char_start))
            else:
                continue
            mentions.append(CountryMention(m.entry.value, view, m.char_start, m.char_end, role))
            kept.append(m)
        # the agencies that start in this sentence, by bisection; without any, the mentions
        # stay in the order of the sentence's matches, which is text order already
        here = found[bisect_left(found_starts, view.start) : bisect_left(found_starts, view.end)]
        if here and not (view.boilerplate or view.background):
            named = {
                view.local(m.char_start)
                for m, c in zip(kept, mentions, strict=True)
                if c.role is Role.PLACE and m.entry.kind == "country"
            }
            mentions.extend(_acting_agencies(view, here, named))
            mentions.sort(key=lambda c: c.start)
        out.extend(mentions)
    return out


def find_places(
    analysis: Analysis, agencies: list[tuple[int, int, str]] | None = None
) -> list[CountryMention]:
    """Country mentions that say where a group operated or where action took place."""
    return [m for m in country_mentions(analysis, agencies) if m.role is Role.PLACE]


def country_at(places: list[CountryMention], view: SentenceView, pos: int) -> str | None:
    """The country a thing stated at report offset ``pos`` of ``view`` is placed in: the
    place named in its clause (the nearest after it, else before it: "180 000 notes were
    seized in Serbia, and 500 000 in Croatia"), else the sentence's one place, else None."""
    here = [p for p in places if p.sentence is view and p.role is Role.PLACE]
    if not here:
        return None
    if pos >= 0:
        lo, hi = view.clause(view.local(pos))
        clause = [p for p in here if lo <= view.local(p.start) < hi]
        after = [p for p in clause if p.start >= pos]  # places come in text order
        if after or clause:
            return after[0].iso2 if after else clause[-1].iso2
    codes = {p.iso2 for p in here}
    return codes.pop() if len(codes) == 1 else None


def _bracketed_agency(view: SentenceView, m: Match, spans: list[tuple[int, int]]) -> bool:
    toks = view.tokens
    if m.end >= len(toks) or toks[m.end].key != "(":
        return False
    close = view.text.find(")", view.local(toks[m.end].end))  # -1: nothing is inside
    lo, hi = toks[m.end].end, view.start + close
    # the sorted spans that start inside the brackets, found by bisection: scanning all
    # of them for every bracket made long reports quadratic
    inside = spans[bisect_left(spans, (lo,)) : bisect_right(spans, (hi, math.inf))]
    return any(end <= hi for _, end in inside)


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect_right(spans, (start, math.inf)) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]
