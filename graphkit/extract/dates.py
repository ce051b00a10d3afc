"""Dates: the publication date and the operation's action dates, as (partial) ISO strings.

The dateline ("LISBON, June 14 -") or a date line ("17 October 2016", "Published 23
March 2019") gives the publication date when none is supplied. Action dates ("On 2
December", "between June 10-12", "between 3 and 5 April") take their year from the text or
from the publication date (the year before, when the day would fall after publication);
when no year can be known the date stays partial ("--06-10"), never invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphkit.extract.analysis import Analysis
from graphkit.model import PartialDate

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = (
    r"(?P<{n}>January|February|March|April|May|June|July|August|September|October|"
    r"November|December)"
)
_DAY_MONTH = re.compile(
    r"\b(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:-|–|and|to)\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?)?\s+"
    + _MONTH.format(n="m")
    + r"(?:,?\s+(?P<y>(?:19|20)\d{2}))?\b"
)
_MONTH_DAY = re.compile(
    _MONTH.format(n="m")
    + r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:-|–|and|to)\s*(?P<d2>\d{1,2}))?"
    + r"(?:,?\s+(?P<y>(?:19|20)\d{2}))?\b"
)
_DATELINE = re.compile(r"^\s*[A-Z][A-Za-z .'-]{1,40},\s+.{4,30}?\s*[–—-]")
_MONTH_ONLY = re.compile(
    r"\b(?:[Ii]n|[Ll]ast|[Ee]arly|[Ll]ate|[Mm]id-?|[Dd]uring|[Ss]ince|[Oo]f)\s+(?:early\s+|late\s+)?"
    + _MONTH.format(n="m")
    + r"(?:\s+(?P<y>(?:19|20)\d{2}))?\b(?!\s+\d)"
)
"""Month-level dates ("In April", "last March", "in March 2021"), used when no day is
given."""
_ISO = re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<mo>\d{2})-(?P<d1>\d{2})\b")
_ACTION = re.compile(
    r"\b(?:arrest\w*|raid\w*|search\w*|seiz\w*|detain\w*|action days?|operation|carried out|"
    r"dismantl\w*|took place|launched|executed|intercepted)\b",
    re.IGNORECASE,
)


_PUBLISHED_LINE = re.compile(r"^\s*(?:published|posted|updated)\b", re.IGNORECASE)
_DATE_LABEL = re.compile(r"^(?:published|date|posted|updated)\s*:?\s*", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_ISO_HINT = re.compile(r"\d-\d")
"""What every :data:`_ISO` date contains; cheaper to look for."""
_DATE_WORDS = frozenset(MONTHS)
"""Month names and abbreviations: a sentence without one names no day or month."""


@dataclass(frozen=True, slots=True)
class Day:
    year: int | None
    month: int
    day: int

    def iso(self) -> str:
        return PartialDate.format(self.year, self.month, self.day)


def _valid(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31


def _dates_in(text: str) -> list[tuple[int, int, int | None, int | None]]:
    """(month, day, day2, year) for each date expression in ``text``."""
    out: list[tuple[int, int, int | None, int | None]] = []
    if not _DIGIT.search(text):
        return out  # each expression needs a day's digits
    for rx in (_DAY_MONTH, _MONTH_DAY):
        for m in rx.finditer(text):
            month = MONTHS[m.group("m").lower()]
            d1 = int(m.group("d1"))
            d2 = int(m.group("d2")) if m.group("d2") else None
            year = int(m.group("y")) if m.group("y") else None
            if _valid(month, d1) and (d2 is None or _valid(month, d2)):
                out.append((month, d1, d2, year))
    for m in _ISO.finditer(text):
        month, d1 = int(m.group("mo")), int(m.group("d1"))
        if _valid(month, d1):
            out.append((month, d1, None, int(m.group("y"))))
    return out


def find_published(text: str) -> str | None:
    """A publication date stated in the text: a date line, "Published ...", or a dateline."""
    head = text[:3000]
    for line in head.split("\n")[:40] + text[-600:].split("\n"):
        line = line.strip()
        if len(line) > 60:
            continue
        core = _DATE_LABEL.sub("", line)
        found = _dates_in(core)
        if found and len(core) <= 30:
            month, day, _, year = found[0]
            return Day(year, month, day).iso()
    for line in head.split("\n")[:8]:  # a dateline opens the first paragraphs
        dateline = _DATELINE.match(line)
        found = _dates_in(dateline.group()) if dateline else []
        if found:
            month, day, _, year = found[0]
            return Day(year, month, day).iso()
    return None


def _published_parts(published: str | None) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of a publication date with a year ("2023", "2023-06",
    "2023-06-14": only such a date can give an action date its year); (None, None, None)
    for none, for one without a year ("--06-14") and for anything else."""
    parts = PartialDate.parse(published) if published else None
    if parts is None or parts[0] is None:
        return None, None, None
    return parts


def _resolve(month: int, day: int, year: int | None, published: str | None) -> Day:
    if year is not None:
        return Day(year, month, day)
    py, pm, pd = _published_parts(published)
    if py is None:
        return Day(None, month, day)
    if pm is not None and (month, day) > (pm, pd or 31):
        return Day(py - 1, month, day)
    return Day(py, month, day)


def _month_iso(year: int | None, month: int) -> str:
    return PartialDate.format(year, month)


def find_action_dates(analysis: Analysis, published: str | None) -> tuple[str | None, str | None]:
    """(start_date, end_date) of the action, from sentences that describe action."""
    days: list[Day] = []
    months: list[tuple[int | None, int]] = []
    for view in analysis.sentences:
        if view.keys.isdisjoint(_DATE_WORDS) and (
            "-" not in view.text or not _ISO_HINT.search(view.text) or not _ISO.search(view.text)
        ):
            continue  # no month named and no ISO date (it has "9-0"): nothing to read
        if view.headline or view.background or not _ACTION.search(view.text):
            continue
        if _PUBLISHED_LINE.match(view.text):
            continue
        text = view.text
        if view.index < 5:  # "THE HAGUE, 14 March 2025 – ..." dates the release, not the action
            text = _DATELINE.sub("", text, count=1)
        for month, d1, d2, year in _dates_in(text):
            days.append(_resolve(month, d1, year, published))
            if d2 is not None and d2 >= d1:
                days.append(_resolve(month, d2, year, published))
        for m in _MONTH_ONLY.finditer(text):
            month = MONTHS[m.group("m").lower()]
            year = int(m.group("y")) if m.group("y") else _resolve(month, 1, None, published).year
            months.append((year, month))
    if not days:
        if not months:
            return None, None
        months.sort(key=lambda ym: (ym[0] or 0, ym[1]))
        return _month_iso(*months[0]), _month_iso(*months[-1])
    known = [d for d in days if d.year is not None]
    pool = known or days
    pool.sort(key=lambda d: (d.year or 0, d.month, d.day))
    return pool[0].iso(), pool[-1].iso()
