"""Agencies: gazetteer aliases first, then patterns for bodies the gazetteer lacks.

A mention resolves to one canonical agency (name, country, kind) so the same body gets
the same key in every report. Capitalised phrases ending in an agency head noun
("the Romanian Border Police", "the Public Prosecutor's Office of Naples") are kept when
a country can be read from them; generic references ("Italian authorities", "the
police") are not agencies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from graphkit.extract.analysis import Analysis, SentenceView
from graphkit.extract.gazetteer import AgencyEntry, Match, adjective, gazetteer
from graphkit.extract.tokens import Token, word_set

HEADS = word_set(
    "police gendarmerie guard customs agency office directorate bureau service prosecution "
    "prosecutor prosecutors force centre center unit department ministry navy army authority "
    "administration inspectorate command security marechaussee carabinieri squad corps "
    "coastguard constabulary directorate-general court tribunal section division"
)
_LOWER_HEADS = word_set(
    "police prosecutor prosecutors prosecution office gendarmerie customs guard coastguard "
    "carabinieri court"
)
"""Head nouns that still name a body in lower case after a place ("Naples anti-mafia
prosecutor's office"); "U.S. national security" names none."""
_FUNCTION_WORDS = word_set(
    "that which who where when is was are were has have had be been said says to by with in "
    "on at from as if than then also not its their his her"
)
_OPENERS = _FUNCTION_WORDS | word_set(
    "of for and against in on during after before officers agents investigators members staff "
    "experts"
)
"""Capitalised only because they open a sentence: no body's name starts with them."""
_CONNECTORS = word_set("of for and against on the de del della di la le des du y in")
_GENERIC = word_set(
    "police national federal state public prosecutor prosecutors office service security "
    "authority authorities customs local regional general central the of force"
)
_KIND_BY_WORD = (
    ("customs", "customs"),
    ("tax", "tax"),
    ("revenue", "tax"),
    ("fiscal", "tax"),
    ("border", "border"),
    ("coastguard", "border"),
    ("guard", "border"),
    ("prosecutor", "judicial"),
    ("prosecutors", "judicial"),
    ("prosecution", "judicial"),
    ("attorney", "judicial"),
    ("judicial", "police"),
    ("court", "judicial"),
    ("tribunal", "judicial"),
    ("judge", "judicial"),
    ("judges", "judicial"),
    ("ministry", "ministry"),
    ("navy", "military"),
    ("army", "military"),
    ("military", "military"),
)


def _kind(keys: tuple[str, ...]) -> str:
    """The agency kind a name implies ("Border Police" -> border, "... Prosecutor's Office"
    -> judicial); police unless a word says otherwise."""
    words = set(keys)
    if "financial" in words and "intelligence" in words:
        return "financial_intelligence"
    for word, kind in _KIND_BY_WORD:
        if word in words:
            return kind
    return "police"


_LED = re.compile(
    r"\b(?:led|conducted|headed|directed|initiated|run|spearheaded|carried out) by\b|"
    r"\bunder the (?:lead|leadership|direction|authority) of\b|\bleading\b|"
    r"\bat the request of\b|\bon (?:the )?(?:initiative|request) of\b",
    re.IGNORECASE,
)
_SUPPORTED = re.compile(
    r"\b(?:supported|backed|assisted|helped|facilitated|aided) by\b|"
    r"\bwith the (?:support|help|assistance|backing) of\b|"
    r"\b(?:support|help|assistance|backing)\s+(?:was\s+)?(?:provided\s+)?from\b",
    re.IGNORECASE,
)
_PARTICIPATED = re.compile(
    r"\bin (?:close )?(?:cooperation|collaboration|partnership|coordination) with\b|"
    r"\btogether with\b|\balongside\b|\bjointly with\b|\binvolving\b|\binvolved\b|"
    r"\bwith the participation of\b",
    re.IGNORECASE,
)
_COORDINATED = re.compile(
    r"\bcoordinated by\b|\b(?:with|under) the coordination of\b", re.IGNORECASE
)
"""Coordination leads when a national body does it and supports when an international one
does ("coordinated by the Hellenic Police", "coordinated by Eurojust")."""
_ROLE_CUE = re.compile(
    f"(?P<led>{_LED.pattern})|(?P<supported>{_SUPPORTED.pattern})|"
    f"(?P<coordinated>{_COORDINATED.pattern})|"
    f"(?P<participated>{_PARTICIPATED.pattern})",
    re.IGNORECASE,
)
"""The three kinds of role cue in one scan; the group that matched names the role."""
_ROLE_CUE_LOWER = re.compile(_ROLE_CUE.pattern)
""":data:`_ROLE_CUE` for lower-cased ASCII text, where it finds the same cues at the same
places: all its letters are lower case, and ASCII letters fold to ASCII letters only. A
case-sensitive scan is faster."""
assert all(
    rx.pattern == rx.pattern.lower() for rx in (_LED, _SUPPORTED, _COORDINATED, _PARTICIPATED)
)
_CUE_WORDS = (
    "by",
    "with",
    "from",
    "under",
    "leading",
    "request",
    "initiative",
    "alongside",
    "involv",
)
_CUE_WORDS_RE = re.compile("|".join(_CUE_WORDS), re.IGNORECASE)


def _may_hold_cue(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` may hold a :data:`_ROLE_CUE` match: every one contains
    one of :data:`_CUE_WORDS` ("led by", "in cooperation with", "support from", "under the
    lead of", "leading", "at the request of", "on the initiative of", "alongside",
    "involving"), so a cue in any part of the window puts one of them in the window.
    ASCII text is lower-cased, exactly what the case-insensitive expression matches
    there; other text (a dotless "ı" or a long "ſ" also fold to ASCII letters) is searched
    with the same flag."""
    window = text[start:end]
    if not window.isascii():
        return _CUE_WORDS_RE.search(window) is not None
    window = window.lower()
    return any(word in window for word in _CUE_WORDS)


_SUBJECT_VERB = re.compile(
    r"^\s*(?:,\s*(?:which|who)\s+)?(?:(?:also|jointly|actively|closely|then)\s+)?"
    r"(?:(?:has|have|had)\s+)?(?P<verb>led|leads|headed|heads|directed|spearheaded|initiated|"
    r"ran|runs|conducted|carried out|t(?:ook|akes?|aking) the lead|coordinated|coordinates|"
    r"investigated|investigates|"
    r"supported|supports|assisted|"
    r"assists|helped|facilitated|provided|backed|deployed|hosted|organi[sz]ed|took part|"
    r"take part|takes part|participated|participates|joined|contributed|cooperated|worked)\b",
    re.IGNORECASE,
)
_VERB_ROLE = {
    "led": "led",
    "leads": "led",
    "headed": "led",
    "heads": "led",
    "directed": "led",
    "spearheaded": "led",
    "initiated": "led",
    "ran": "led",
    "runs": "led",
    "conducted": "led",
    "carried out": "led",
    "took the lead": "led",
    "take the lead": "led",
    "takes the lead": "led",
    "taking the lead": "led",
    "supported": "supported",
    "supports": "supported",
    "assisted": "supported",
    "assists": "supported",
    "helped": "supported",
    "facilitated": "supported",
    "provided": "supported",
    "backed": "supported",
    "deployed": "supported",
    "hosted": "supported",
    "organised": "supported",
    "organized": "supported",
}
"""The role a verb gives the agency that is its subject; any other listed verb ("took part",
"joined") makes a participant. "Coordinated" and "investigated" lead for a national body and
support for an international one (Europol and Eurojust coordinate and analyse what national
forces lead)."""
_LIST_GAP = re.compile(r"^\s*(?:,|and|as well as|&|the|as|well|\s)*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class AgencyMention:
    agency: AgencyEntry
    sentence: SentenceView
    start: int  # report offsets
    end: int
    role: str


def _is_head(tok: Token) -> bool:
    return tok.key in HEADS


def _country_ref(matches: list[Match], start: int, end: int) -> str | None:
    """A country named inside a phrase (by name, adjective or place)."""
    for m in matches:
        if (
            start <= m.char_start
            and m.char_end <= end
            and m.entry.kind in ("country", "adjective", "place")
        ):
            return m.entry.value
    return None


def _lower_head_ahead(toks: list[Token], j: int) -> int:
    """Index of a lower-case head noun within a few lower-case words from ``j``, or -1:
    "Naples anti-mafia prosecutor's office"."""
    words = 0
    k = j
    while k < len(toks) and words <= 4:
        t = toks[k]
        if t.is_word and t.is_capitalised:
            return -1
        if t.is_word:
            if t.key in _LOWER_HEADS and not (k + 1 < len(toks) and toks[k + 1].key == "'"):
                return k
            if t.key in _CONNECTORS or t.key in ("and", "or") or t.key in _FUNCTION_WORDS:
                return -1
            words += 1
        elif t.key not in ("-", "'"):
            return -1
        k += 1
    return -1


def _runs(view: SentenceView) -> list[tuple[int, int]]:
    """Token index ranges of capitalised phrases ending in an agency head noun."""
    toks = view.tokens
    if view.keys.isdisjoint(HEADS):
        return []
    geo_starts = {
        m.start for m in view.matches if m.entry.kind in ("country", "adjective", "place")
    }
    agency_ends = {m.end for m in view.matches if m.entry.kind == "agency"}
    city_starts = {m.start for m in view.matches if m.entry.kind == "place"}
    agency_starts = {m.start for m in view.matches if m.entry.kind == "agency"}
    runs: list[tuple[int, int]] = []
    i, n = 0, len(toks)
    while i < n:
        if not (toks[i].is_word and toks[i].is_capitalised) or toks[i].key in _OPENERS:
            i += 1  # "In Malta police arrested ...": a sentence's first word starts no name
            continue
        j, last_head, lower = i, -1, False
        while j < n:
            t = toks[j]
            nxt = toks[j + 1] if j + 1 < n else None
            if t.is_word and t.is_capitalised and not lower:
                pass
            elif t.is_word and _is_head(t) and j > i:
                lower = lower or not t.is_capitalised
            elif (
                t.key == "'"
                and nxt is not None
                and nxt.key == "s"
                and (not lower or (j + 2 < n and _is_head(toks[j + 2])))
            ):
                j += 2  # "Malta's Customs", "the Naples prosecutor's office"
                continue
            elif (
                t.key == "."
                and not lower
                and j > i
                and len(toks[j - 1].text) == 1
                and toks[j - 1].end == t.start
            ):
                pass  # "U.S.", "U.K."
            elif t.key == "-" and nxt is not None and nxt.is_word and nxt.start == t.end:
                # "Anti-Mafia Directorate"; "Anti-drug Unit": a compound word, skipped whole
                j += 1 if nxt.is_capitalised or _is_head(nxt) else 2
                continue
            elif t.key in _CONNECTORS and not lower and nxt is not None and nxt.is_capitalised:
                pass
            elif t.is_word and not lower and j > i and not geo_starts.isdisjoint(range(i, j)):
                head = _lower_head_ahead(toks, j)
                if head < 0:
                    break
                j = head
                last_head = head
                lower = True
                j += 1
                continue
            else:
                break
            if _is_head(t):
                last_head = j
            j += 1
        if last_head >= 0:
            end = last_head + 1
            # "... Office of Naples", "... Office for the Southern District of New York",
            # a judicial body "in" its city ("the Public Prosecutor's Office in Hamburg")
            if end + 1 < n and (
                (
                    toks[end].key in ("of", "for")
                    and (
                        toks[end + 1].is_capitalised
                        or (
                            toks[end + 1].key == "the"
                            and end + 2 < n
                            and toks[end + 2].is_capitalised
                        )
                    )
                )
                or (
                    toks[end].key == "in"
                    and end + 1 in city_starts
                    and _kind(tuple(t.key for t in toks[i:end])) == "judicial"
                )
            ):
                k = end + 1
                while k < n and (
                    (toks[k].is_word and toks[k].is_capitalised)
                    or (
                        toks[k].key in (*_CONNECTORS, "in")
                        and k + 1 < n
                        and toks[k + 1].is_capitalised
                        and k + 1 not in geo_starts
                    )
                    or (toks[k].key in _CONNECTORS and k + 1 < n and toks[k + 1].is_capitalised)
                ):
                    if toks[k].key == "and" and k + 1 in agency_starts:
                        break  # "... Office in Hamburg and Europol": another body
                    k += 1
                tail = toks[end + 1 : k]
                parent = bool(tail) and any(
                    m.start in range(end + 1, k)
                    and m.entry.kind in ("adjective", "country", "agency")
                    for m in view.matches
                )
                if k > end + 1 and (parent or not any(_is_head(t) for t in tail)):
                    end = k
            runs.extend(_split_at_and(toks, i, end, agency_ends))
            i = max(j, end)
        else:
            i = max(j, i + 1)
    return runs


def _split_at_and(
    toks: list[Token], start: int, end: int, agency_ends: set[int]
) -> list[tuple[int, int]]:
    """ "the Belgian Federal Police and Prosecution Service of Ghent" is two bodies: a run
    splits at "and" when a head noun or a known body ends the part before it and the part
    after has a head noun of its own."""
    parts: list[tuple[int, int]] = []
    lo = start
    for k in range(start + 1, end - 1):
        if (
            toks[k].key == "and"
            and (_is_head(toks[k - 1]) or k in agency_ends)
            and any(_is_head(t) for t in toks[k + 1 : end])
        ):
            parts.append((lo, k))
            lo = k + 1
    parts.append((lo, end))
    return parts


def _bracket_country(view: SentenceView, start: int) -> str | None:
    """ "Belgium (Federal Judicial Police, Customs)": the country a bracket belongs to."""
    toks = view.tokens
    k = start - 1
    while k >= 0 and toks[k].key not in ("(", ")", ".", ";"):
        k -= 1
    if k < 1 or toks[k].key != "(":
        return None
    before = next((m for m in view.matches if m.end == k), None)
    if before is not None and before.entry.kind == "country":
        return before.entry.value
    return None


def line_country(view: SentenceView) -> str | None:
    """The country a list line is about: "Spain: Guardia Civil; National Police"."""
    first = view.matches[0] if view.matches else None
    if (
        first is not None
        and first.start == 0
        and first.entry.kind == "country"
        and first.end < len(view.tokens)
        and view.tokens[first.end].key == ":"
    ):
        return first.entry.value
    return None


def _pattern_agency(
    view: SentenceView,
    s: int,
    e: int,
    default_country: str | None = None,
    trailing_country: str | None = None,
) -> AgencyEntry | None:
    """Resolve a capitalised head-noun phrase to an agency, or None when generic.

    ``default_country`` is the country the context gives a phrase that names none (a
    "Spain:" list line, a list of one country's bodies); the name then takes its adjective.
    ``trailing_country`` is named right after the phrase ("... from Nigeria") and leaves
    the name as written."""
    gz = gazetteer()
    toks = view.tokens[s:e]
    while toks and toks[0].key == "the":
        toks = toks[1:]
    if not toks:
        return None
    start, end = toks[0].start, toks[-1].end
    geo = gz.find(toks, view.text, view.start, geo_only=True)
    ref_match = next((m for m in geo if m.char_start == start), None)
    rest = toks
    if ref_match is not None:
        rest = [t for t in toks if t.start >= ref_match.char_end]
        if len(rest) >= 2 and rest[0].key == "'" and rest[1].key == "s":
            rest = rest[2:]
    country = ref_match.entry.value if ref_match else _country_ref(geo, start, end)
    if len({m.entry.value for m in geo}) > 1 and any(
        view.text[view.local(m.char_end) :][:6].lstrip().startswith(("and ", ",", "&")) for m in geo
    ):
        return None  # "Albanian and Italian Security": several countries' bodies, no one body
    implicit = ref_match is None and country is None and default_country is not None
    if implicit:
        country = default_country
    elif country is None:
        country = trailing_country
    if not rest or country is None:
        return None
    keys = tuple(t.key for t in rest)
    known = gz.local_agencies.get((country, keys)) or _close_alias(country, keys)
    if known:
        return known
    own = _without_own_country(rest, geo, country)
    if own:  # "the Federal Police of Brazil" is Brazil's Federal Police
        known = gz.local_agencies.get((country, own)) or _close_alias(country, own)
        if known:
            return known
    if (
        all(k in _GENERIC or not k.isalnum() for k in keys)
        and len([k for k in keys if k.isalnum()]) < 2
    ):
        return None
    words = view.text[view.local(rest[0].start) : view.local(rest[-1].end)]
    words = _title(words)
    surface = view.text[view.local(start) : view.local(ref_match.char_end)] if ref_match else ""
    plain_name = (
        ref_match is not None
        and ref_match.entry.kind == "country"
        and "." not in surface
        and not surface.isupper()
    )
    if ref_match is not None and ref_match.entry.kind == "adjective":
        name = f"{_title(surface)} {words}"  # "Bavarian State Police", "Hellenic Coast Guard"
    elif implicit or plain_name:
        adj = adjective(country)
        name = f"{adj} {words}" if adj else words
    else:
        name = view.text[view.local(start) : view.local(end)]
        name = _title(name)
    kind = _kind(keys)
    return AgencyEntry(name, country, kind)


def _without_own_country(rest: list[Token], geo: list[Match], country: str) -> tuple[str, ...]:
    """The keys of a name written "<body> of (the) <its country>" without that tail, or ():
    "the Federal Police of Brazil" is Brazil's "Federal Police"; "the Police of Naples" (a
    city) is a body of its own."""
    last = next(
        (
            m
            for m in geo
            if m.char_end == rest[-1].end and m.entry.kind == "country" and m.entry.value == country
        ),
        None,
    )
    if last is None:
        return ()
    body = [t for t in rest if t.end <= last.char_start]
    while body and body[-1].key in ("of", "the"):
        body = body[:-1]
    return tuple(t.key for t in body) if len(body) < len(rest) - 1 else ()


FUZZY_MIN = 90
"""rapidfuzz ratio at which a written name is a variant of a known one ("Judiciary Police"
for "Judicial Police"); distinct bodies ("Federal Police" / "Federal Judicial Police")
stay below it."""


def _close_alias(country: str, keys: tuple[str, ...]) -> AgencyEntry | None:
    """The known agency of ``country`` whose alias is a near-spelling of ``keys``."""
    candidates = gazetteer().local_by_country.get(country)
    if not candidates or len(keys) < 2:
        return None
    written = " ".join(keys)
    best = process.extractOne(
        written,
        [alias for alias, _ in candidates],
        scorer=fuzz.token_sort_ratio,  # "Judicial Federal Police" is "Federal Judicial Police"
        score_cutoff=FUZZY_MIN,
    )
    return candidates[best[2]][1] if best else None


def _title(words: str) -> str:
    """Capitalise a name's words, leaving connectors ("of", "the") in lower case."""

    def cap(word: str) -> str:
        return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))

    return " ".join(w if w in _CONNECTORS else cap(w) for w in words.split())


def _cue_before(view: SentenceView, start: int, spans: list[tuple[int, int]]) -> str | None:
    """The role a cue before an agency gives it ("led by", "with the support of"; or
    "coordinated", which :func:`_role` resolves by the agency's reach), also when
    other agencies stand between them in one list ("led by A, B and C": all three lead).
    A phrase that opens the sentence ends at its first comma after an agency ("Supported by
    Europol, the Belgian police arrested ..."): the police are not supported."""
    text, sentence_start = view.text, view.start
    pos = start - sentence_start
    if not _may_hold_cue(text, max(0, pos - 160), pos):
        return None  # no cue in reach: skip the clause look-up and the scan
    lo, _ = view.clause(pos)
    before = text[max(lo, pos - 160) : pos]
    offset = max(lo, pos - 160)
    cues = (
        _ROLE_CUE_LOWER.finditer(before.lower()) if before.isascii() else _ROLE_CUE.finditer(before)
    )
    last = None
    for last in cues:  # noqa: B007 -- the last cue is the one that counts
        pass
    if last is None:
        return None
    end, cue_start, role = offset + last.end(), offset + last.start(), str(last.lastgroup)
    # between the cue and this agency: only other agencies and list words
    gap = text[end:pos]
    for a, b in sorted(spans):
        la, lb = a - sentence_start, b - sentence_start
        if end <= la and lb <= pos:
            gap = gap.replace(text[la:lb], " ", 1)
    if not _LIST_GAP.match(gap):
        return None
    fronted = not text[:cue_start].strip(" \"'“‘")
    if fronted and "," in text[end:pos] and not _list_closed_by_comma(view, end, spans):
        # "Led by A, B and C, the operation ...": a list, each member leads; "Supported by
        # Europol, the Belgian police arrested ...": the phrase ended at the comma
        return None
    return role


def _list_closed_by_comma(view: SentenceView, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether the agencies listed from sentence offset ``end`` on ("by A, B and C") are
    followed by a comma or the sentence's end: the fronted phrase is the whole list. When a
    verb follows instead ("Supported by Europol, the police and customs arrested ..."), the
    phrase ended at its first comma and the rest of the list is the sentence's subject."""
    pos = end
    for a, b in sorted((view.local(a), view.local(b)) for a, b in spans):
        if a < pos:
            continue
        if not _LIST_GAP.match(view.text[pos:a]):
            break
        pos = b
    return bool(_LIST_CLOSED.match(view.text[pos:]))


_LIST_CLOSED = re.compile(r"\s*(?:,|[.;:]|$)")


def _verb_after(view: SentenceView, end: int, spans: list[tuple[int, int]]) -> str | None:
    """The verb an agency (or the list it ends) is the subject of: "Europol assisted",
    "the Dutch police, which headed the investigation", "A and B took part"."""
    text, sentence_start = view.text, view.start
    pos = end - sentence_start
    later = sorted((a - sentence_start, b - sentence_start) for a, b in spans if a >= end)
    for a, b in later:  # skip the rest of a list of agencies
        if _LIST_GAP.match(text[pos:a]):
            pos = b
        else:
            break
    m = _SUBJECT_VERB.match(text[pos:])
    return m.group("verb").lower() if m else None


def _role(
    view: SentenceView, start: int, end: int, agency: AgencyEntry, spans: list[tuple[int, int]]
) -> str:
    international = agency.country in ("EU", "INT")
    role = _cue_before(view, start, spans)
    if role == "coordinated":
        return "supported" if international else "led"
    if role is not None:
        return role
    verb = _verb_after(view, end, spans)
    if verb is not None:
        if verb.startswith(("coordinat", "investigat")):
            return "supported" if international else "led"
        return _VERB_ROLE.get(verb, "participated")
    return "supported" if international else "participated"


_TRAILING_COUNTRY = re.compile(r"^\s+(?:from|of)\s+(?:the\s+)?$", re.IGNORECASE)
_ACRONYM = re.compile(r"^\s*\(\s*(?P<acr>[A-Z][A-Za-z]{1,9}|[A-Z][A-Z0-9&-]{1,9})\s*\)")
_LISTED_WITH = re.compile(r"^\s*(?:,|and|as well as|&)\s*(?:the\s+)?$", re.IGNORECASE)


def _trailing_country(view: SentenceView, e: int) -> str | None:
    """A country named right after a phrase: "... Trafficking in Persons from Nigeria"."""
    toks = view.tokens
    if e >= len(toks):
        return None
    for m in view.matches:
        if m.entry.kind in ("country", "place") and m.start > e:
            gap = view.text[view.local(toks[e - 1].end) : view.local(m.char_start)]
            return m.entry.value if _TRAILING_COUNTRY.match(gap) else None
    return None


def _sentence_agencies(
    view: SentenceView, acronyms: dict[str, AgencyEntry]
) -> list[tuple[int, int, AgencyEntry]]:
    """(start, end, agency) of the agencies one sentence names."""
    if view.keys.isdisjoint(HEADS) and all(m.entry.kind != "agency" for m in view.matches):
        # no head noun: no capitalised name (see _runs) and no country's police or customs
        # (see _national_police); no known body either: only defined acronyms, in order
        return _acronym_mentions(view, acronyms, [])
    found: list[tuple[int, int, AgencyEntry]] = []
    unplaced: list[tuple[int, int, int, int]] = []  # runs naming no country: (s, e, cs, ce)
    gaz = [m for m in view.matches if m.entry.kind == "agency"]
    consumed: set[int] = set()
    listed = line_country(view)
    for s, e in _runs(view):
        cs, ce = view.tokens[s].start, view.tokens[e - 1].end
        inside = [m for m in gaz if cs <= m.char_start and m.char_end <= ce]
        overlapping = [m for m in gaz if m.char_start < ce and m.char_end > cs]
        parent = [m for m in inside if _is_parent_tail(view, s, m)]
        if any(m.char_end >= ce for m in overlapping if m not in parent) or len(overlapping) > len(
            inside
        ):
            continue
        owner = _possessive_owner(view, s, inside)
        agency = _pattern_agency(
            view,
            s,
            e,
            listed or _bracket_country(view, s),
            owner or _trailing_country(view, e),
        )
        if agency is None:
            if not inside:
                unplaced.append((s, e, cs, ce))
            continue
        if inside and any(m.entry.value == agency for m in inside):
            continue
        for m in inside:
            consumed.add(id(m))
        found.append((cs, ce, _defined_acronym(view, e, agency, acronyms)))
    for m in gaz:
        if id(m) in consumed or _is_parent(view, m):
            continue
        agency = m.entry.value
        home = listed or _bracket_country(view, m.start)
        if home and agency.country != home:
            # "Austria: Bundeskriminalamt", "Austria (Bundeskriminalamt)": Austria's, not Germany's
            keys = tuple(t.key for t in view.tokens[m.start : m.end])
            agency = gazetteer().local_agencies.get((home, keys), agency)
        found.append((_own_country_before(view, m, agency), m.char_end, agency))
    found.extend(_listed_with_a_country(view, unplaced, found))
    found.extend(_acronym_mentions(view, acronyms, found))
    taken = [(f[0], f[1]) for f in found]
    for m in view.matches:
        generic = _national_police(view, m)
        if generic and not any(a < m.char_end and m.char_start < b for a, b in taken):
            found.append((m.char_start, _generic_end(view, m), generic))
    found.sort(key=lambda f: f[0])
    return found


def _possessive_owner(view: SentenceView, s: int, inside: list[Match]) -> str | None:
    """The country of a known body that owns a unit: "HSI's Transnational Criminal
    Investigative Unit" is a US unit."""
    toks = view.tokens
    while s < len(toks) and toks[s].key == "the":
        s += 1
    for m in inside:
        if m.start == s and m.end + 1 < len(toks) and toks[m.end].key == "'":
            country = m.entry.value.country
            return country if len(country) == 2 and country != "EU" else None
    return None


def _is_parent_tail(view: SentenceView, s: int, m: Match) -> bool:
    """A known body named after "of (the)" inside a longer name is the unit's parent:
    "the Internal Affairs Unit of the Romanian Police"."""
    toks = view.tokens
    k = m.start - 1
    if k > s and toks[k].key == "the":
        k -= 1
    return k > s and toks[k].key == "of" and _is_head(toks[k - 1])


def _defined_acronym(
    view: SentenceView, e: int, agency: AgencyEntry, acronyms: dict[str, AgencyEntry]
) -> AgencyEntry:
    """ "Long Name (ACR)": a known ACR names the same body, so take the known one; an
    unknown one is remembered, so that a later bare "ACR" names this body."""
    toks = view.tokens
    if e >= len(toks):
        return agency
    m = _ACRONYM.match(view.text[view.local(toks[e - 1].end) :])
    if m is None:
        return agency
    acr = m.group("acr")
    known = next(
        (
            x.entry.value
            for x in view.matches
            if x.entry.kind == "agency"
            and view.text[view.local(x.char_start) : view.local(x.char_end)] == acr
        ),
        None,
    )
    if known is not None and known.country == agency.country:
        return known
    if known is None:
        acronyms.setdefault(acr, agency)
    return agency


def _acronym_mentions(
    view: SentenceView,
    acronyms: dict[str, AgencyEntry],
    found: list[tuple[int, int, AgencyEntry]],
) -> list[tuple[int, int, AgencyEntry]]:
    """Bare mentions of acronyms the report defined ("the NPU also arrested two men")."""
    out: list[tuple[int, int, AgencyEntry]] = []
    if not acronyms:
        return out
    for t in view.tokens:
        agency = acronyms.get(t.text)
        if agency is not None and not any(a <= t.start < b for a, b, _ in found):
            out.append((t.start, t.end, agency))
    return out


def _listed_with_a_country(
    view: SentenceView,
    unplaced: list[tuple[int, int, int, int]],
    found: list[tuple[int, int, AgencyEntry]],
) -> list[tuple[int, int, AgencyEntry]]:
    """A body that names no country, listed with one country's bodies, is that country's:
    "the French National Police and Judicial Customs officers"."""
    out: list[tuple[int, int, AgencyEntry]] = []
    if not unplaced:
        return out
    national = [(a, b, g) for a, b, g in found if len(g.country) == 2 and g.country != "EU"]
    for s, e, cs, ce in unplaced:
        near = [
            g
            for a, b, g in national
            if (b <= cs and _LISTED_WITH.match(view.text[view.local(b) : view.local(cs)]))
            or (ce <= a and _LISTED_WITH.match(view.text[view.local(ce) : view.local(a)]))
        ]
        countries = {g.country for g in near}
        if len(countries) == 1:
            agency = _pattern_agency(view, s, e, countries.pop())
            if agency is not None:
                out.append((cs, ce, agency))
    return out


def find_agencies(analysis: Analysis) -> list[AgencyMention]:
    """Every agency mention, in text order, each with the role its sentence gives it.

    Within a report, one body is one agency: acronyms the text defines name the body they
    follow, a generic or shorter name of a national force named in full elsewhere is that
    force, and a body that is only ever quoted ("the Ministry said") took no part."""
    out: list[AgencyMention] = []
    acronyms: dict[str, AgencyEntry] = {}
    for view in analysis.sentences:
        if view.separate:
            continue  # a separate event's bodies did not take part in this operation
        found = _sentence_agencies(view, acronyms)
        spans = [(cs, ce) for cs, ce, _ in found]
        for cs, ce, agency in found:
            out.append(AgencyMention(agency, view, cs, ce, _role(view, cs, ce, agency, spans)))
    out = _drop_generic_police(analysis.text, out)
    out = _merge_variants(out)
    return _drop_sources(out)


_SOURCE_AFTER = re.compile(
    r"^[’']?s?\s*(?:,[^,]{0,40},\s*)?(?:also\s+)?(?:said|says|stated|states|announced|reported|"
    r"added|noted|explained|confirmed|told|warned|estimated|described|called|urged|"
    r"(?:spokes(?:person|man|woman)|press office|statement|press release))\b",
    re.IGNORECASE,
)
_SOURCE_BEFORE = re.compile(
    r"(?:according to|said|told|spokes(?:person|man|woman) (?:for|of)|statement (?:by|from)|"
    r"press office of|press release (?:by|from|of)|quoted by|cited by)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _drop_sources(mentions: list[AgencyMention]) -> list[AgencyMention]:
    """Drop ministries and press offices that are only quoted: "the Ministry of the Interior
    said", "according to the Ministry of Justice". One that also acts anywhere in the
    report stays; so do investigating bodies, whose statements report their own work."""
    acting: set[tuple[str, str]] = set()
    for m in mentions:
        if m.agency.kind != "ministry" and "press" not in m.agency.name.lower():
            acting.add((m.agency.country, m.agency.name))
            continue
        view = m.sentence
        before = view.text[max(0, view.local(m.start) - 40) : view.local(m.start)]
        after = view.text[view.local(m.end) :][:60]
        if not (_SOURCE_AFTER.match(after) or _SOURCE_BEFORE.search(before)):
            acting.add((m.agency.country, m.agency.name))
    return [m for m in mentions if (m.agency.country, m.agency.name) in acting]


_VARIANT_WORDS = word_set(
    "the of and police force forces service services national state federal law enforcement "
    "agency authorities"
)


def _merge_variants(mentions: list[AgencyMention]) -> list[AgencyMention]:
    """One force under two names in one report is one agency: a name we built ourselves
    whose distinctive words all occur in a known agency's name of the same country and kind
    ("Dutch Police Force" beside "Dutch National Police") is that agency."""
    known = gazetteer().known_agencies
    by_key: dict[tuple[str, str], dict[AgencyEntry, None]] = {}
    for m in mentions:
        if m.agency in known:
            by_key.setdefault((m.agency.country, m.agency.kind), {})[m.agency] = None
    target_of: dict[AgencyEntry, AgencyEntry] = {}
    for agency in {m.agency for m in mentions if m.agency not in known}:
        own = _distinctive(agency)
        target_of[agency] = next(
            (
                other
                for other in by_key.get((agency.country, agency.kind), {})
                if own <= _distinctive(other) | set(_words(other.name))
            ),
            agency,
        )
    return [
        m
        if target_of.get(m.agency, m.agency) is m.agency
        else AgencyMention(target_of[m.agency], m.sentence, m.start, m.end, m.role)
        for m in mentions
    ]


def _words(name: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[^\W_]+", name)]


def _distinctive(agency: AgencyEntry) -> set[str]:
    adj = (adjective(agency.country) or "").lower()
    return {w for w in _words(agency.name) if w not in _VARIANT_WORDS and w != adj}


_GENERIC_POLICE = re.compile(r"[\w.]+ police(?: force)?", re.UNICODE)


def _drop_generic_police(text: str, mentions: list[AgencyMention]) -> list[AgencyMention]:
    """Drop generic police mentions when a named police body of that country took part:
    "the Czech police", in a report that names the Czech unit involved, is that unit."""
    generic = {id(m) for m in mentions if _GENERIC_POLICE.fullmatch(text[m.start : m.end])}
    named = {
        (m.agency.country, m.agency.name)
        for m in mentions
        if id(m) not in generic and m.agency.kind == "police"
    }
    return [
        m
        for m in mentions
        if id(m) not in generic
        or (m.agency.country, m.agency.name) in named
        or not any(country == m.agency.country for country, _ in named)
    ]


def _national_police(view: SentenceView, m: Match) -> AgencyEntry | None:
    """A country's police as a body ("German police", "Moldovan customs", "Malta's
    Customs", "Malta Customs"), when the gazetteer has no closer name for it. ("Italian
    authorities" stays generic; so does "in Malta police said", a lower-case head after a
    country's name.)"""
    toks = view.tokens
    if m.entry.kind not in ("adjective", "country") or m.end >= len(toks):
        return None
    at = m.end
    if m.entry.kind == "country":
        if at + 2 < len(toks) and toks[at].key == "'" and toks[at + 1].key == "s":
            at += 2
        elif not toks[at].is_capitalised:
            return None
    head = toks[at].key
    if head not in ("police", "customs", "gendarmerie"):
        return None
    adj = adjective(m.entry.value)
    if adj is None:
        return None
    kind = "customs" if head == "customs" else "police"
    return AgencyEntry(f"{adj} {head.capitalize()}", m.entry.value, kind)


def _generic_end(view: SentenceView, m: Match) -> int:
    """Where a country's generic body named by :func:`_national_police` ends."""
    toks = view.tokens
    possessive = toks[m.end].key == "'" and m.end + 2 < len(toks)
    return toks[m.end + 2 if possessive else m.end].end


def _own_country_before(view: SentenceView, m: Match, agency: AgencyEntry) -> int:
    """Where an agency's name starts, taking in its own country written just before it:
    "the United States Federal Bureau of Investigation" is one name."""
    before = next((x for x in view.matches if x.end == m.start), None)
    if (
        before is not None
        and before.entry.kind in ("country", "adjective")
        and before.entry.value == agency.country
    ):
        return before.char_start
    return m.char_start


def _is_parent(view: SentenceView, m: Match) -> bool:
    """Whether ``m`` is a parent body named in a possessive before the agency that acted.

    In "the Finnish Police's National Bureau of Investigation" only the bureau took part.
    """
    toks = view.tokens
    if m.end + 1 < len(toks) and toks[m.end].key == "'" and toks[m.end + 1].key == "s":
        for other in view.matches:
            if other.entry.kind == "agency" and m.end + 2 <= other.start <= m.end + 6:
                return True
    return False
