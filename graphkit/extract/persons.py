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


def find_persons(analysis: Analysis) -> list[PersonMention]:
    out: dict[str, PersonMention] = {}
    for view in analysis.sentences:
        if not view.has_prefix(_CONTEXT_PREFIXES) or not _CONTEXT.search(view.text):
            continue
        for m in _PERSON.finditer(view.text):
            name = m.group("name")
            if name.split()[0] in _NOT_NAMES or name in out:
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
                bool(re.search(r"\b(?:arrest\w*|detained)\b", view.text, re.IGNORECASE)),
            )
    return list(out.values())
