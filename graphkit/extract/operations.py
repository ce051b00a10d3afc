"""Operation codenames and the operation's scale (officers deployed, premises searched).

Codenames: "Operation Archimedes", "'Operation Cedrus'", "codenamed 'X'", "code name
“Operation Marlin”", "operation 'X'", "Operational Taskforce RIVA". A capitalised word
after "Operation" that is an ordinary word ("The Operation is ...") is not a codename.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphkit.extract.analysis import Analysis, SentenceView
from graphkit.extract.tokens import word_set

_Q = "\"'“”‘’«»"
_NAME_WORD = r"[A-Z0-9][\w\-]*(?:\.\d+)?"
_NAME_TAIL = rf"(?:\s+(?:(?:at|of|de|del|la|di)\s+)?{_NAME_WORD}){{0,4}}"
_CODENAME = re.compile(
    rf"\b(?P<prefix>Operation(?:al)?\s+Task\s?[Ff]orce|Operation|Op\.|Operazione|Operación|Opération)"
    rf"\s+[{_Q}]?(?P<name>{_NAME_WORD}{_NAME_TAIL})[{_Q}]?"
    rf"|\b(?:code[- ]?named|code[- ]name[d]?|dubbed|called|known as)\s+(?:the\s+)?"
    rf"[{_Q}](?:Operation\s+)?(?P<quoted>[A-Z0-9][^{_Q}\n]{{0,40}}?)[{_Q}]"
    rf"|\b[Oo]peration\s+[{_Q}](?P<opquoted>[A-Z0-9][^{_Q}\n]{{0,40}}?)[{_Q}]"
    rf"|\b(?:[Oo]peration|[Ii]nvestigation),?\s+(?:was\s+)?named\s+"
    rf"[{_Q}](?:Operation\s+)?(?P<named>[A-Z0-9][^{_Q}\n]{{0,40}}?)[{_Q}]"
    rf"|\b(?:code[- ]?named|code[- ]name[d]?)\s+(?:Operation\s+)?"
    rf"(?P<bare>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})"
)
_CODENAME_PREFIXES = ("operation", "op", "code", "dubbed", "called", "known")
_STOP = word_set(
    "the a an is was has had will in on of and with to at by for as from this that it its "
    "centre center room team unit manager managers plan plans leader leaders "
    "coordination headquarters taskforce task force against targeting into across over "
    "results dismantles dismantled hits strikes"
)
_OFFICERS = re.compile(
    r"^\s*(?:police\s+|law[- ]enforcement\s+|armed\s+|specialist\s+|federal\s+|)"
    r"(?:officers|officials|police(?:men)?|agents|investigators|gendarmes|personnel|staff)\b",
    re.IGNORECASE,
)
_SEARCHES = re.compile(
    r"^\s*(?:[\w-]+\s+){0,2}?(?:searches|searched|raids|house searches|premises searches)\b",
    re.IGNORECASE,
)
_SEARCHED_N = re.compile(r"\b(?:searched|raided)\s+(?:some\s+|over\s+|more than\s+)?$", re.I)


@dataclass(slots=True)
class Codename:
    name: str
    sentence: SentenceView
    mentions: int = 1


def _clean(name: str) -> str | None:
    words = name.split()
    while words and words[-1].lower().strip(".,") in _STOP:
        words.pop()
    if not words or words[0].lower() in _STOP:
        return None
    return " ".join(words).strip(".,;:")


def find_codenames(analysis: Analysis) -> list[Codename]:
    """The report's codenames in order of first mention: the first, and any other that is
    named more than once."""
    seen: dict[str, Codename] = {}
    for view in analysis.sentences:
        if not view.has_prefix(_CODENAME_PREFIXES):
            continue
        for m in _CODENAME.finditer(view.text):
            if m.group("name"):
                name = _clean(m.group("name"))
                prefix = m.group("prefix")
                if name is None:
                    continue
                if prefix.lower().startswith("operational"):
                    full = f"Operational Taskforce {name}"
                else:
                    full = f"Operation {name}"
            else:
                raw = (
                    m.group("quoted") or m.group("opquoted") or m.group("named") or m.group("bare")
                )
                name = _clean(raw)
                if name is None:
                    continue
                full = f"Operation {name}"
            key = full.lower()
            if key in seen:
                seen[key].mentions += 1
            elif not view.background:
                seen[key] = Codename(full, view)
    found = list(seen.values())
    # a report is about its first codename; another one named once is usually context
    # ("this follows Operation Trojan Shield"), not a second operation of this report
    return found[:1] + [c for c in found[1:] if c.mentions > 1]


def _largest(
    analysis: Analysis, after: re.Pattern[str], before: re.Pattern[str] | None = None
) -> tuple[int, SentenceView] | None:
    best: tuple[int, SentenceView] | None = None
    for view in analysis.sentences:
        for num in view.numbers:
            if num.as_int is None or num.value < 1:
                continue
            tail = view.text[view.local(num.end) :][:60]
            head = view.text[: view.local(num.start)][-40:]
            hit = after.match(tail) or (before is not None and before.search(head))
            if hit and (best is None or num.as_int > best[0]):
                best = (num.as_int, view)
    return best


def find_officers(analysis: Analysis) -> tuple[int, SentenceView] | None:
    """Officers deployed ("some 450 police officers", "350 officers")."""
    return _largest(analysis, _OFFICERS)


def find_searches(analysis: Analysis) -> tuple[int, SentenceView] | None:
    """Premises searched ("27 premises searches", "searched 20 houses")."""
    return _largest(analysis, _SEARCHES, _SEARCHED_N)
