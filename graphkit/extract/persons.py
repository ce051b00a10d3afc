"""Named persons: only where a report names a suspect, in the "Name, 45, of City" form.

Officials quoted in a release ("Attorney General Jane Roe said") are not suspects,
so a name counts only with an age beside it in a sentence about arrests or charges.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphkit.extract.analysis import Analysis, SentenceView

_NAME = r"[A-Z][a-zà-ÿ'’-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-zà-ÿ'’-]+){1,3}"
_PERSON = re.compile(rf"\b(?P<name>{_NAME}),\s+(?:aged\s+)?(?P<age>\d{{2}}),")
_AGE = re.compile(r",\s+(?:aged\s+)?\d{2},")
"""The end of every :data:`_PERSON` match (", 45,"): a sentence without it names no one."""
_CONTEXT = re.compile(
    r"\b(?:arrest\w*|charged|indicted|detained|convicted|sentenced|extradited|pleaded|"
    r"suspect\w*|accused)\b",
    re.IGNORECASE,
)
_IN_BEFORE = re.compile(r"\bin\s+(?:the\s+)?$")
_CONTEXT_PREFIXES = (
    "arrest",
    "charged",
    "indicted",
    "detained",
    "convicted",
    "sentenced",
    "extradited",
    "pleaded",
    "suspect",
    "accused",
)
_NOT_NAMES = frozenset(["The", "In", "On", "A", "An", "Police", "Europol", "Eurojust"])


@dataclass(frozen=True, slots=True)
class PersonMention:
    name: str
    age: int
    sentence: SentenceView
    country: str | None
    arrested: bool


_GROUP_ROLE = re.compile(
    r"\b(?:led by|headed by|run by|leader|ringleader|head of|boss|mastermind|organi[sz]er|"
    r"members? of)\b",
    re.IGNORECASE,
)
"""A name with its age where the sentence gives its role in the group ("the group, led by
Jan Kos, 41, ...") is a suspect even when the arrest is told elsewhere."""


def find_persons(analysis: Analysis) -> list[PersonMention]:
    """Suspects named with their age: in a sentence about arrests or charges, where the
    sentence gives their role in the group, or where another sentence about arrests or
    charges names them again by surname ("... arrested Kos and four associates")."""
    out: dict[str, PersonMention] = {}
    cued: list[SentenceView] | None = None  # read once a name with an age turns up
    cued_ids: set[int] = set()
    for view in analysis.sentences:
        if not _AGE.search(view.text):
            continue
        for m in _PERSON.finditer(view.text):
            if cued is None:
                cued = [
                    v
                    for v in analysis.sentences
                    if v.has_prefix(_CONTEXT_PREFIXES) and _CONTEXT.search(v.text)
                ]
                cued_ids = {id(v) for v in cued}  # SentenceView compares by value: by identity
            name = m.group("name")
            if name.split()[0] in _NOT_NAMES or name in out:
                continue
            told = view if id(view) in cued_ids else _named_again(name, cued)
            if told is None and not _GROUP_ROLE.search(view.text):
                continue
            countries = {
                x.entry.value
                for x in view.matches
                if x.entry.kind == "country"
                and _IN_BEFORE.search(
                    view.text[max(0, view.local(x.char_start) - 12) : view.local(x.char_start)]
                )
            }
            out[name] = PersonMention(
                name,
                int(m.group("age")),
                view,
                next(iter(countries)) if len(countries) == 1 else None,
                told is not None and bool(_ARRESTED.search(told.text)),
            )
    return list(out.values())


_ARRESTED = re.compile(r"\b(?:arrest\w*|detained)\b", re.IGNORECASE)


def _named_again(name: str, cued: list[SentenceView]) -> SentenceView | None:
    """The first sentence about arrests or charges that names the person by surname."""
    surname = re.compile(rf"\b{re.escape(name.split()[-1])}\b")
    return next((v for v in cued if surname.search(v.text)), None)
