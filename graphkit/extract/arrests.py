"""Arrests: the total a report states and its per-country breakdown.

Reads the forms press releases use: "a total of 31 suspects were detained: 9 in Portugal,
20 in Spain and 2 in Morocco", "30 people were arrested in Portugal, six in Spain", "62
arrests in Colombia (50), Spain (8)", "In Ireland, two people were arrested, while in the
Netherlands eight", "Spain saw 13 arrests, France six", "the arrest in Ukraine of two
suspects", "20 suspects, of whom 12 in Spain", "the Spanish police arrested seven",
"Three men were arrested there", and lists under a heading ("Arrests:" then "Serbia: 5").

Each arrest count is paired with the country its own words give it -- the "in X" right
after it, the "In X," or clause subject before it, the bracket or colon beside it, the
authorities that made the arrests -- and never across a clause boundary or another count.
Counts of one country in one sentence, or stated as further arrests ("another three"),
add up; the same figure repeated elsewhere does not.

The total is the largest count stated for the whole operation; it is never summed from
the parts, and it is null when the text states none. Detentions count as arrests unless
the report sets them apart ("eleven arrested and two detained"). Numbers that count
something else (officers, victims, searches, houses, years) are not arrests.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field

from graphkit.extract.agencies import find_agencies
from graphkit.extract.analysis import Analysis, SentenceView
from graphkit.extract.countries import adjective_is_authority
from graphkit.extract.gazetteer import Match
from graphkit.extract.numbers import Number
from graphkit.extract.tokens import word_set
from graphkit.extract.vocabulary import SUSPECTS, alternation

_ARREST = re.compile(
    r"\b(?:arrest\w*|apprehend\w*|captured|into (?:police )?custody|caught|nabbed)\b",
    re.IGNORECASE,
)
_DETAIN = re.compile(r"\b(?:detain\w*|detention\w*)\b", re.IGNORECASE)
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
_NOT_PEOPLE = re.compile(
    r"^\s*(?:-|\s)?(?:(?:different|separate|private|residential|business|commercial|"
    r"police|house|home|premises|vehicle|bank|other|further|more|additional)\s+)?"
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|kg|kilo\w*|grams?|tonnes?|"
    r"tons?|litres?|per\s*cent|percent|%|countries|nations|states|times|euros?|EUR|USD|GBP|"
    r"dollars|pounds|houses?|homes?|premises|properties|buildings|apartments|flats|searches|"
    r"raids|officers|officials|agents|police\w*|investigators|gendarmes|personnel|staff|"
    r"experts|analysts|locations|addresses|sites|places|warehouses|laborator\w*|labs?|"
    r"vehicles|cars|boats|firearms|weapons|guns|phones|devices|victims|children|minors|"
    r"migrants|women\s+(?:were\s+)?(?:rescued|safeguarded)|warrants|"
    r"(?:European\s+)?(?:arrest\s+)?warrants|EAWs?|investigations|cases|companies|"
    r"accounts|million|billion|thousand|cities|regions|divisions|municipalities|"
    r"provinces|continents|localities|towns|villages|field|foreign|domestic)\b",
    re.IGNORECASE,
)
"""Words after a number that say it counts something other than arrested people."""
_PEOPLE_AFTER = re.compile(
    r"^\s*(?:more\s+|further\s+|other\s+|additional\s+)?(?:[\w-]+\s+){0,3}?"
    rf"(?:{alternation(SUSPECTS)}|suspect|arrests|others|of\s+(?:them|whom|those)|"
    r"administrators|users|buyers|sellers|targets|HVTs)\b",
    re.IGNORECASE,
)
_YEAR_OF_PEOPLE = re.compile(
    r"^\s*(?:[a-z-]+\s+)?(?:people|persons|suspects|individuals|arrests)\b", re.IGNORECASE
)
"""A four-digit number in 1900-2100 is a year unless people follow ("2000 suspects")."""
_CUE_BEFORE = re.compile(
    r"(?:arrest(?:ed|ing|s)?|detain(?:ed|ing)?|detention|detentions|apprehended|"
    r"apprehension|captured|custody)"
    r"(?:\s+(?:of|in\s+[\w\s'’-]{2,40}?\s+of))?"
    r"(?:\s+(?:at least|over|more than|some|around|about|nearly|almost|a total of|"
    r"another|a further|an additional|further|additional|the|these))*"
    r"(?:\s*:)?\s*$",
    re.IGNORECASE,
)
_CUE_AFTER = re.compile(
    r"^(?:\s+[\w'’“”\"-]+){0,6}?\s+(?:(?:were|was|have been|had been|has been|being|are|got|"
    r"also|later|subsequently|then)\s+)*"
    r"(?:arrest(?:ed|s)?|detained|detentions|apprehended|captured|taken into custody)\b"
    r"|^(?:\s+[\w'’-]+){0,3}?\s+into (?:police )?custody\b",
    re.IGNORECASE,
)
_CUE_AFTER_ASIDE = re.compile(
    rf"^\s+(?:[\w-]+\s+){{0,2}}?(?:{alternation(SUSPECTS)})"
    r",[^,;:()]{2,60},\s+(?:were|was|have been|had been)\s+(?:arrested|detained|apprehended)\b",
    re.IGNORECASE,
)
"""A count whose verb follows an aside: "12 suspects, including the leader, were arrested"."""
_LOCATIVE = re.compile(r"\b(?:in|at|across|inside|within)\s+(?:the\s+)?$", re.IGNORECASE)
_APPOSITIVE = re.compile(
    r"\s+[\w-]+,\s[^,;:()]{2,40},\s+(?:were|was|have been|had been|had|have)\s+"
    r"(?:arrested|detained|apprehended)\s+(?:in|at)\s+(?:the\s+)?",
    re.IGNORECASE,
)
"""An aside between a count and its place: "Eight people, officials among them, were
arrested in Malta"."""
_INTO_CUSTODY = re.compile(r"\binto (?:police )?custody\b", re.IGNORECASE)
"""Part of the arrest verb ("taken into custody in Spain"), not a movement "into" a place."""
_CONNECTED = re.compile(r"[,;:()]|\b(?:and|while|whereas|but|or|from|to|into)\b", re.IGNORECASE)
_NEW_EVENT = re.compile(
    r"\b(?:another|further|additional|more|also|separate|second|third|other|previous|"
    r"earlier|later|subsequent|follow-up|prior)\b",
    re.IGNORECASE,
)
_REFERENCE = re.compile(r"\b(?:the|these|those|all|both)\s+$", re.IGNORECASE)
_TOTAL_CUE = re.compile(
    r"\b(?:in total|a total of|total|overall|in all|altogether|all in all|together)\b",
    re.IGNORECASE,
)
_MANY_PLACES = re.compile(
    r"\b(?:countries|international|cross-border|worldwide|foreign|globally|nationwide|"
    r"across (?:Europe|the EU|the world))\b",
    re.IGNORECASE,
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
_CLAUSE_OPENING = re.compile(
    r"\W*(?:(?:while|whereas|but|and)\s+)?(?:(?:the\s+)?(?:police|officers|authorities|"
    r"investigators|agents|prosecutors|law enforcement(?:\s+\w+)?)\s+)?"
    r"(?:(?:in|across)\s+(?:the\s+)?)?",
    re.IGNORECASE,
)
_CONTRAST = re.compile(r"\b(?:while|whereas|but|whilst)\b", re.IGNORECASE)
_OF_COUNT = re.compile(r"\s*of(?:\s+(?:some|at least|about|around|nearly))?\s*")
_ANAPHORA = re.compile(
    r"\bthere\b|^\W*(?:This|These|That|Those)\b|^\W*The (?:seizure|search|raid|find|"
    r"interception|discovery)s?\b|\b(?:around|across|throughout|in|all over) the country\b"
)
"""A sentence that continues the previous one's place: "Three men were arrested there",
"This seizure led to the arrest of two people"."""
_LIST_LINE = re.compile(r"^\s*[:–—-]?\s*\(?\s*(?P<n>\d{1,5})\s*\)?\s*(?:arrests?|arrested)?\W*$")
# the expressions the steps below use, compiled once
_MORE = re.compile(r"\b(?:more|further|other|additional)\b", re.IGNORECASE)
_AGE_OR_NUMBER = re.compile(r"(?:aged|age of|No\.|number|nr\.?)\s*$", re.IGNORECASE)
_CURRENCY_CODE = re.compile(r"\b(?:EUR|USD|GBP)\s*$")
_BARE_END = re.compile(r"\s*(?:$|[,;.)]|and\b|in\b|at\b|more\b|were\b|was\b|of\s+them\b)")
_LIST_NEXT = re.compile(r"\s*(?:,|and|&)\s+(?:the\s+)?")
_BESIDE_GAP = re.compile(r"\s*(?:[:,–—-]\s*)?\(?\s*")
_IN_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,4}?(?:in|at)\s")
_FRAME_HEAD = re.compile(r"\W*(?:In|in|Across|across)\s+(?:the\s+)?")
_BY = re.compile(r"\bby\s+(?:the\s+)?$")
_MORE_AFTER = re.compile(r"\s*more\b")
_HEADING_END = re.compile(r"(?::|\b(?:country|countries|state))\s*$", re.IGNORECASE)


@dataclass
class Arrests:
    total: int | None = None
    total_sentence: SentenceView | None = None
    by_country: dict[str, tuple[int, SentenceView]] = field(default_factory=dict)


@dataclass
class _Count:
    """One arrest count in a sentence and the country it was paired with."""

    num: Number
    view: SentenceView
    iso2: str | None = None
    new_event: bool = False  # "another three", "a further 5"
    reference: bool = False  # "the five suspects"
    total_cue: bool = False  # "a total of 31"


def _separates_detention(cued: list[SentenceView]) -> bool:
    """True when the report counts detentions apart from arrests ("9 arrested and 3 detained").

    ``cued`` are the report's sentences with a word starting with one of
    :data:`_CUE_PREFIXES`, which all those with "detain" or "detention" are."""
    for view in cued:
        if not view.has_prefix(("detain", "detention")):
            continue
        text = view.text
        a, d = _ARREST.search(text), _DETAIN.search(text)
        if not (a and d and len(view.numbers) >= 2):
            continue
        first, later = sorted((a, d), key=lambda m: m.start())
        between = text[first.end() : later.start()]
        if len(between) > 30 or "," in between or ";" in between:
            continue  # two actions of two subjects, not two categories of one outcome
        tail = text[max(0, later.start() - 30) : later.start()]
        if not _MORE.search(tail):
            return True
    return False


def _geo(view: SentenceView) -> list[Match]:
    return [m for m in view.matches if m.entry.kind in ("country", "place")]


def _is_year(num: Number) -> bool:
    return not num.words and num.text.isdigit() and len(num.text) == 4 and 1900 <= num.value <= 2100


def _countable(view: SentenceView, num: Number) -> bool:
    """Whether ``num`` can count people: a whole number that counts no other thing."""
    if num.as_int is None or not 1 <= num.value < 100000:
        return False
    after = view.text[view.local(num.end) :][:40]
    if _NOT_PEOPLE.match(after):
        return False
    before = view.text[max(0, view.local(num.start) - 12) : view.local(num.start)]
    if _AGE_OR_NUMBER.search(before):
        return False
    if before.endswith(("€", "$", "£")) or _CURRENCY_CODE.search(before):
        return False
    return not _is_year(num) or bool(_YEAR_OF_PEOPLE.match(after))


def _cue_for(view: SentenceView, num: Number) -> str | None:
    """The cue in the clause that governs ``num`` ("arrested 12", "12 were arrested", "12
    arrests", "the arrest in Ukraine of two"): ``arrest``, ``detention`` or None."""
    text = view.text
    c_start, c_end = view.clause(view.local(num.start))
    before = text[max(c_start, view.local(num.start) - 60) : view.local(num.start)]
    after = text[view.local(num.end) : c_end][:80]
    cue = _CUE_BEFORE.search(before)
    if cue is None:
        cue = _CUE_AFTER.match(after) or _CUE_AFTER_ASIDE.match(after)
        if cue is not None and any(
            num.end < n.start < view.start + view.local(num.end) + cue.end() for n in view.numbers
        ):
            cue = None  # "five continents ... resulted in 337 arrests": the cue is 337's
    if cue is None:
        return None
    return "detention" if _DETAIN.search(cue.group()) else "arrest"


def _bare(view: SentenceView, num: Number) -> bool:
    """A number standing alone in a breakdown ("..., six in Spain", "France six")."""
    after = view.text[view.local(num.end) :][:40]
    return bool(_BARE_END.match(after) or _PEOPLE_AFTER.match(after))


def _pair_after(view: SentenceView, num: Number, nxt: int, geo: list[Match]) -> Match | None:
    """ "12 people were arrested in Spain", "six in Spain": the "in X" right after a count."""
    _, c_end = view.clause(view.local(num.start))
    target = next(
        (m for m in geo if num.end < m.char_start < nxt and view.local(m.char_start) < c_end),
        None,
    )
    if target is None:
        return None
    between = _INTO_CUSTODY.sub(" ", view.text[view.local(num.end) : view.local(target.char_start)])
    if not _LOCATIVE.search(between) or len(between.split()) > 9:
        return None
    if _CONNECTED.search(between) and not _APPOSITIVE.fullmatch(between):
        return None
    # a list of countries after one number is a total over them, not a breakdown
    rest = view.text[view.local(target.char_end) :][:14]
    lm = _LIST_NEXT.match(rest)
    if lm and any(view.local(m.char_start) == view.local(target.char_end) + lm.end() for m in geo):
        return None
    return target


def _pair_beside(view: SentenceView, num: Number, geo: list[Match]) -> Match | None:
    """ "Spain (8)", "Spain: 12", "Spain 12", "Spain – 3": a count written right after its
    country."""
    s = view.local(num.start)
    after = view.text[view.local(num.end) :][:40]
    for m in geo:
        gap = view.text[view.local(m.char_end) : s]
        if view.local(m.char_end) <= s and _BESIDE_GAP.fullmatch(gap):
            if "," in gap and _IN_AFTER.match(after):
                return None  # "in France, 3 in Belgium": the 3 is Belgium's
            return m
    return None


def _pair_before(
    view: SentenceView, num: Number, prev: int, geo: list[Match], frame: Match | None
) -> Match | None:
    """ "In Croatia, 6 suspects were detained", "the arrest in Ukraine of two", "Spain saw
    13 arrests": the nearest country before a count in its clause, when it is the clause's
    place ("in X") or its subject, and no other count stands between them."""
    s = view.local(num.start)
    c_start, _ = view.clause(s)
    before = [m for m in geo if prev <= m.char_start and m.char_end <= num.start]
    target = before[-1] if before else None
    if target is not None and view.local(target.char_start) >= c_start:
        others = [m for m in before if m is not target and view.local(m.char_start) >= c_start]
        head = view.text[max(0, view.local(target.char_start) - 12) : view.local(target.char_start)]
        clause_head = view.text[c_start : view.local(target.char_start)]
        between = view.text[view.local(target.char_end) : s]
        # "In Croatia, 6 suspects", "Spain saw 13 arrests": the clause opens with the place
        opens = _CLAUSE_OPENING.fullmatch(clause_head) and len(between.split()) <= 6
        # "the arrest in Ukraine of two"
        close = (
            _OF_COUNT.fullmatch(between)
            and _LOCATIVE.search(head)
            and target.entry.kind == "country"
        )
        if not others and (opens or close):
            return target
    if (
        frame is not None
        and frame.char_end <= num.start
        and not [m for m in geo if frame.char_end <= m.char_start < num.start]
        and not _CONTRAST.search(view.text[view.local(frame.char_end) : s])
    ):
        return frame  # "In Spain, ..." holds until another place or a contrast ("while")
    return None


def _frame(view: SentenceView, geo: list[Match]) -> Match | None:
    """A sentence that opens with its place ("In Spain, ...", "In Spain and Italy, ..." is
    two places and no frame)."""
    if not geo:
        return None
    first = geo[0]
    head = view.text[: view.local(first.char_start)]
    if not _FRAME_HEAD.fullmatch(head):
        return None
    end = view.local(first.char_end)
    if any(m is not first and end <= view.local(m.char_start) <= end + 12 for m in geo):
        return None  # "In Spain and Italy, ..."
    return first


def _authority(
    view: SentenceView, num: Number, prev: int, nxt: int, homes: list[tuple[int, int, str]]
) -> str | None:
    """The country of the authorities that made the arrests: "the Spanish police arrested
    seven", "seven were arrested by the Spanish Guardia Civil"."""
    s = view.local(num.start)
    c_start, c_end = view.clause(s, relative=False)
    candidates: list[tuple[int, str]] = []
    for m in view.matches:
        if m.entry.kind in ("adjective", "country") and adjective_is_authority(view, m):
            candidates.append((m.char_start, m.entry.value))
    for start, _end, iso2 in homes:
        if view.start <= start < view.end and len(iso2) == 2 and iso2 not in ("EU",):
            candidates.append((start, iso2))
    before = [
        (pos, iso2)
        for pos, iso2 in candidates
        if prev <= pos < num.start and view.local(pos) >= c_start
    ]
    if before:
        codes = {iso2 for _, iso2 in before}
        return codes.pop() if len(codes) == 1 else None
    after = [
        (pos, iso2)
        for pos, iso2 in candidates
        if num.end < pos < nxt
        and view.local(pos) < c_end
        and _BY.search(view.text[max(0, view.local(pos) - 8) : view.local(pos)])
    ]
    if len({iso2 for _, iso2 in after}) == 1:
        return after[0][1]
    return None


def _authority_countries(view: SentenceView, homes: list[tuple[int, int, str]]) -> set[str]:
    """Countries whose authorities a sentence names ("Spanish police", "the Guardia Civil")."""
    found = {
        m.entry.value
        for m in view.matches
        if m.entry.kind == "adjective" and adjective_is_authority(view, m)
    }
    found |= {
        iso2
        for start, _end, iso2 in homes
        if view.start <= start < view.end and len(iso2) == 2 and iso2 != "EU"
    }
    return found


def _list_block(
    analysis: Analysis, heading: SentenceView
) -> list[tuple[str, Number, SentenceView]]:
    """ "Arrests by country:" followed by one line per country ("Serbia: 5", "• Croatia (1)")."""
    out: list[tuple[str, Number, SentenceView]] = []
    for view in analysis.sentences[heading.index + 1 :]:
        geo = _geo(view)
        if not geo or geo[0].start != 0 or len(view.numbers) != 1:
            break
        num = view.numbers[0]
        rest = view.text[view.local(geo[0].char_end) :]
        if not _LIST_LINE.match(rest) or num.as_int is None:
            break
        out.append((geo[0].entry.value, num, view))
    return out


def _is_heading(view: SentenceView) -> bool:
    return (
        not view.numbers
        and len(view.text) < 80
        and bool(_HEADING_END.search(view.text) or len(view.tokens) <= 4)
    )


_ONE_PERSON = re.compile(
    r"\b(?P<a>[Aa]n?|[Oo]ne)\s+(?:\d{1,3}-year-old\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:man|woman|suspect|person|individual|national|citizen|member|leader|ringleader|boss)"
    r"\b[^.;:]{0,60}?\b(?:was|has been|had been)\s+(?:also\s+)?(?:arrested|detained|apprehended)\b"
    r"|\b(?:arrested|detained|apprehended)\s+(?P<b>an?|one)\s+(?:\d{1,3}-year-old\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:man|woman|suspect|person|individual|national|citizen|member|"
    r"leader|ringleader|boss)\b"
)
"""One person's arrest without a number: "A Dutch national was also arrested in Germany"."""
_ONE_PERSON_WORDS = (
    word_set("arrested detained apprehended"),
    word_set("a an one"),
    word_set("man woman suspect person individual national citizen member leader ringleader boss"),
)
"""Whole words either branch of :data:`_ONE_PERSON` needs, one of each set: the expression is
case-sensitive and bounds each by a space or a word boundary, so each is a token of its own,
whose key is the word itself."""


def _singles(view: SentenceView) -> list[Number]:
    """One-person arrests as counts of one, placed where their determiner stands."""
    out: list[Number] = []
    if any(view.keys.isdisjoint(words) for words in _ONE_PERSON_WORDS) or not view.has_prefix(
        ("arrest", "detain", "apprehend")
    ):
        return out
    for m in _ONE_PERSON.finditer(view.text):
        group = "a" if m.group("a") else "b"
        start = view.start + m.start(group)
        if any(n.start <= start < n.end for n in view.numbers):
            continue
        out.append(Number(start, view.start + m.end(group), 1.0, m.group(group), True))
    return out


def _counts(
    view: SentenceView,
    detention_ok: bool,
    homes: list[tuple[int, int, str]],
    previous_place: str | None,
) -> list[_Count]:
    """The arrest counts of one sentence, each paired with its country where the text
    gives one."""
    nums = [n for n in view.numbers if _countable(view, n)]
    singles = _singles(view)
    if not nums and not singles:
        return []
    geo = _geo(view)
    frame = _frame(view, geo)
    if singles:
        nums = sorted([*nums, *singles], key=lambda n: n.start)
    out: list[_Count] = []
    # a count written beside its country ("Spain (8)") claims it first
    beside = {n.start: _pair_beside(view, n, geo) for n in nums}
    used: set[int] = {m.char_start for m in beside.values() if m is not None}
    for i, num in enumerate(nums):
        prev = nums[i - 1].end if i else view.start
        nxt = nums[i + 1].start if i + 1 < len(nums) else view.end
        free = [m for m in geo if m.char_start not in used]
        target = (
            beside[num.start]
            or _pair_after(view, num, nxt, free)
            or _pair_before(view, num, prev, free, frame)
        )
        single = num in singles
        cue = _cue_for(view, num)
        if single:
            verb = _ARREST.search(view.text, view.local(num.start))
            held = _DETAIN.search(view.text, view.local(num.start))
            cue = "detention" if held and (not verb or held.start() < verb.start()) else "arrest"
        if cue == "detention" and not detention_ok:
            continue
        if cue is None and not (target is not None and _bare(view, num)):
            continue
        head = view.text[max(0, view.local(num.start) - 30) : view.local(num.start)]
        tail = view.text[view.local(num.end) :][:20]
        opening = view.text[view.clause(view.local(num.start))[0] : view.local(num.start)]
        count = _Count(
            num,
            view,
            new_event=single or bool(_NEW_EVENT.search(head[-22:]) or _MORE_AFTER.match(tail)),
            reference=bool(_REFERENCE.search(head)) and not _TOTAL_CUE.search(head),
            total_cue=bool(_TOTAL_CUE.search(opening)),
        )
        if target is not None:
            used.add(target.char_start)
            count.iso2 = target.entry.value
        elif not _MANY_PLACES.search(view.text):
            count.iso2 = _authority(view, num, prev, nxt, homes)
            if count.iso2 is None and previous_place and not geo and _ANAPHORA.search(view.text):
                count.iso2 = previous_place
        out.append(count)
    return out


def find_arrests(analysis: Analysis, homes: list[tuple[int, int, str]] | None = None) -> Arrests:
    """The report's arrest total and per-country counts.

    ``homes`` are (start, end, home country) of the agency names found in the report, so
    that "the Spanish Guardia Civil arrested seven" gives Spain (found here when not given).
    """
    result = Arrests()
    if homes is None:
        homes = [(m.start, m.end, m.agency.country) for m in find_agencies(analysis)]
    # one look-up per sentence for the cue words, which both passes below need
    cued = {view.index for view in analysis.sentences if view.has_prefix(_CUE_PREFIXES)}
    detention_ok = not _separates_detention([v for v in analysis.sentences if v.index in cued])
    # each sentence reads only the agency names that start in it: found by bisection, not
    # by a scan of every name in the report per sentence
    homes = sorted(homes)
    home_starts = [start for start, _end, _iso2 in homes]

    def homes_in(view: SentenceView) -> list[tuple[int, int, str]]:
        return homes[bisect_left(home_starts, view.start) : bisect_left(home_starts, view.end)]

    def places_in(view: SentenceView) -> set[str]:
        return {m.entry.value for m in _geo(view)} or _authority_countries(view, homes_in(view))

    counts: list[_Count] = []
    uncounted_places: set[str] = set()
    previous_place: str | None = None
    # the sentences passed since ``previous_place`` was last brought up to date: the last
    # of them that names one place sets it, and they are read only when a count needs it
    passed: list[SentenceView] = []
    for view in analysis.sentences:
        cue = view.index in cued and bool(
            _ARREST.search(view.text) or (detention_ok and _DETAIN.search(view.text))
        )
        if not cue or view.background:  # "background" is read only where a cue is
            passed.append(view)
            continue
        if _is_heading(view):
            for iso2, num, line in _list_block(analysis, view):
                counts.append(_Count(num, line, iso2))
            continue
        previous_place = _last_place(passed, places_in) or previous_place
        passed.clear()
        found = _counts(view, detention_ok, homes_in(view), previous_place)
        counts.extend(found)
        geo_here = places_in(view)
        if not found:
            uncounted_places |= geo_here
        previous_place = next(iter(geo_here)) if len(geo_here) == 1 else previous_place

    _breakdown(result, counts)
    _total(result, counts, analysis, uncounted_places)
    return result


def _last_place(
    views: list[SentenceView], places_in: Callable[[SentenceView], set[str]]
) -> str | None:
    """The place of the last of ``views`` that names exactly one."""
    for view in reversed(views):
        here = places_in(view)
        if len(here) == 1:
            return next(iter(here))
    return None


def _breakdown(result: Arrests, counts: list[_Count]) -> None:
    """Per-country sums: counts of one sentence add up, and so do counts stated as further
    arrests; the same figure stated again elsewhere is one figure."""
    per: dict[str, list[_Count]] = {}
    for c in counts:
        if c.iso2 is not None and not c.reference:
            per.setdefault(c.iso2, []).append(c)
    for iso2, items in per.items():
        # body first: a headline's figure restates one of the body's
        items.sort(key=lambda c: (c.view.headline, c.view.start))
        by_sentence: dict[int, int] = {}
        for c in items:
            by_sentence[c.view.index] = by_sentence.get(c.view.index, 0) + int(c.num.value)
        total, first = 0, items[0]
        seen: set[int] = set()
        for c in items:
            if c.view.index in seen:
                continue
            seen.add(c.view.index)
            value = by_sentence[c.view.index]
            if c is first or c.new_event:
                total += value
            else:
                total = max(total, value)
        result.by_country[iso2] = (total, first.view)


def _total(
    result: Arrests, counts: list[_Count], analysis: Analysis, uncounted_places: set[str]
) -> None:
    """The largest count stated for the whole operation; an explicit "in total" wins."""
    whole = [c for c in counts if c.iso2 is None and not c.new_event and not c.reference]
    flagged = [c for c in whole if c.total_cue]
    referenced = [c for c in counts if c.iso2 is None and c.reference]
    pool = flagged or whole or referenced
    if pool:
        best = max(pool, key=lambda c: (int(c.num.value), not c.view.headline))
        result.total, result.total_sentence = int(best.num.value), best.view
        return
    if not result.by_country:
        single = next((v for v in analysis.sentences if _SINGLE.search(v.text)), None)
        if single is not None and not single.background:
            result.total, result.total_sentence = 1, single
        return
    if len(result.by_country) == 1 and not (uncounted_places - set(result.by_country)):
        # one country, one figure, no arrests anywhere else: that is the operation's total
        ((count, view),) = result.by_country.values()
        result.total, result.total_sentence = count, view
