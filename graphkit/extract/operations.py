"""Operation codenames and the operation's scale (officers deployed, premises searched).

Codenames: "Operation Archimedes", "'Operation Cedrus'", "Operação Marquês", "operazione
'Eureka'", "Operation Lake V", "codenamed 'X'", "code name “Operation Marlin”", "the
operation, known as Conversus", "the action day 'Global Chain'", and the wider frames an
operation runs under ("Project Lake", "Operational Taskforce RIVA", "Task Force Dragon").
A capitalised word after "Operation" that is an ordinary word ("The Operation is ...") is
not a codename, and neither is a case description ("VAT carousel fraud case").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphkit.extract.analysis import Analysis, SentenceView
from graphkit.extract.tokens import word_set

_Q = "\"'“”‘’«»„"
_NAME_WORD = r"[A-Z0-9À-Ý][\w\-]*(?:\.\d+)?"
_NAME_TAIL = rf"(?:\s+(?:(?:at|of|de|del|la|di|do|da|dos|das)\s+)?{_NAME_WORD}){{0,4}}"
_OPERATION = (
    r"Operation|Op\.|Operazione|Operación|Operacion|Opération|Operação|Operacao|Operatie|"
    r"Operatie|Operacja|Operace|Operácia|Operasyon|Operatsiya|Operaatio|Operativo"
)
_UMBRELLA = (
    r"Operation(?:al)?\s+Task\s?[Ff]orce|Task\s?[Ff]orce|Project|Projekt|Proyecto|Progetto|"
    r"Joint Action Days?|JADs?"
)
_ACTION_NOUN = (
    r"(?:action days?|action weeks?|actions?|campaign|crackdown|investigation|case|"
    r"operation|project|taskforce|task force|sweep|initiative)"
)
_CODENAME = re.compile(
    rf"\b(?P<prefix>{_UMBRELLA}|{_OPERATION})"
    rf"\s+[{_Q}]?(?P<name>{_NAME_WORD}{_NAME_TAIL})[{_Q}]?"
    rf"|(?:\b(?:code[- ]?named|code[- ]name[d]?|dubbed)|\b(?i:{_ACTION_NOUN}),?(?:\s+\w+){{0,2}}?"
    rf",?\s+(?:(?:was|is)\s+)?(?:known as|called|named|titled|baptised|baptized))\s+(?:the\s+)?"
    rf"[{_Q}](?:Operation\s+)?(?P<quoted>[A-Z0-9À-Ý][^{_Q}\n]{{0,40}}?)[{_Q}]"
    rf"|\b(?:{_OPERATION.lower()})\s+[{_Q}](?P<opquoted>[A-Z0-9À-Ý][^{_Q}\n]{{0,40}}?)[{_Q}]"
    rf"|\b{_ACTION_NOUN}\s+[{_Q}](?P<actquoted>[A-Z0-9À-Ý][^{_Q}\n]{{0,40}}?)[{_Q}]"
    rf"|\b(?:code[- ]?named|code[- ]name[d]?|dubbed)\s+(?:Operation\s+)?"
    rf"(?P<bare>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})"
    rf"|\b(?i:{_ACTION_NOUN}),?(?:\s+\w+){{0,2}}?,?\s+(?:known as|called|named|dubbed)\s+"
    rf"(?:Operation\s+)?(?P<known>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})"
)
_CODENAME_WORDS = re.compile(
    r"Op|Task|Pro[jyg]|Joint Action|JAD|code|dubbed|called|named|known as|titled|bapti"
)
_QUOTE = re.compile(rf"[{_Q}]")
_SPACE_QUOTE = re.compile(rf"\s[{_Q}]")


def _may_name(text: str) -> bool:
    """Whether ``text`` holds what every :data:`_CODENAME` match contains, in the same
    case: a capitalised prefix ("Operation", "Op.", "Operazione", "Task Force", "Project",
    "Proyecto", "Progetto", "Joint Action Day", "JAD"), a naming word ("code-named",
    "dubbed", "called", "named", "known as", "titled", "baptised"), or, for a quoted name
    after a lower-case "operation" or action noun, a space then a quote. A sentence
    without any cannot match, and these scans are cheap."""
    return bool(_CODENAME_WORDS.search(text) or (_QUOTE.search(text) and _SPACE_QUOTE.search(text)))


_LOWER_CODENAME = re.compile(rf"\b(?:{_OPERATION.lower()})\s+(?P<name>{_NAME_WORD}{_NAME_TAIL})")
"""A name after a lower-case "operation" ("under operation LIMES", "as part of operation
Nightfall"); it must not be a word the sentence names otherwise ("the operation Greek
police carried out") nor a date ("an operation Monday")."""
_NOT_LOWER_NAMES = word_set(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december i we they he she it"
)
_CODENAME_PREFIXES = (
    "operation",
    "op",
    "opera",
    "code",
    "dubbed",
    "called",
    "known",
    "named",
    "project",
    "projekt",
    "proyecto",
    "progetto",
    "task",
    "taskforce",
    "joint",
    "jad",
    "titled",
    "bapti",
    "nicknamed",
    "action",
    "campaign",
    "crackdown",
    "investigation",
    "case",
    "sweep",
    "initiative",
)
_STOP = word_set(
    "the a an is was has had will in on of and with to at by for as from this that it its "
    "centre center room team unit manager managers plan plans leader leaders "
    "coordination headquarters taskforce task force against targeting into across over "
    "results dismantles dismantled hits strikes on-the-spot day days week weeks phase "
    "phases partners partner members member group groups meeting meetings funding "
    "agreement agreements officer officers analyst analysts manager"
)
_GENERIC_NAMES = word_set(
    "europol eurojust interpol frontex olaf eppo empact eu police national federal state "
    "joint international european global"
)
"""Words that are never a codename on their own ("Task Force Europol" names no task force)."""
_CONTEXT = re.compile(
    r"\b(?:builds? on|built on|follow(?:s|ed|ing)?(?: on| up on)?|previous|earlier|prior|"
    r"similar to|preceding|predecessor|successor|modell?ed on|inspired by|"
    r"after the success of|in the wake of|like|such as|compared with)\b[^.;]{0,40}$",
    re.IGNORECASE,
)
"""Words before a codename that make it context ("this follows Operation Trojan Shield")."""
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
    umbrella: bool = False  # a project or task force the operation runs under
    context: bool = True  # every mention so far was context ("this follows Operation X")


def _clean(name: str) -> str | None:
    words = name.split()
    while words and words[-1].lower().strip(".,") in _STOP:
        words.pop()
    if not words or words[0].lower() in _STOP:
        return None
    if all(w.lower().strip(".,") in _GENERIC_NAMES for w in words):
        return None
    return " ".join(words).strip(".,;:")


def _full_name(m: re.Match[str]) -> tuple[str, bool] | None:
    """The normalised codename of a match and whether it is an umbrella (project, task
    force): "Operação Marquês" -> "Operation Marquês", "Task Force Dragon" stays."""
    if m.group("name"):
        name = _clean(m.group("name"))
        if name is None:
            return None
        prefix = " ".join(m.group("prefix").split())
        low = prefix.lower()
        if low.startswith(("operational", "operation task")):
            return f"Operational Taskforce {name}", True
        if re.match(_UMBRELLA, prefix):
            if low in ("jad", "jads") or low.startswith("joint"):
                return f"Joint Action Day {name}", True
            if low.startswith("task"):
                return f"Task Force {name}", True
            return f"Project {name}", True
        return f"Operation {name}", False
    raw = next(
        g
        for g in (
            m.group("quoted"),
            m.group("opquoted"),
            m.group("actquoted"),
            m.group("bare"),
            m.group("known"),
        )
        if g
    )
    name = _clean(raw)
    if name is None:
        return None
    return f"Operation {name}", False


def _lower_codenames(view: SentenceView) -> list[re.Match[str]]:
    if "op" not in view.text:
        return []  # every form of "operation" the expression knows starts with "op"
    hits = list(_LOWER_CODENAME.finditer(view.text))
    if not hits:
        return hits
    named = {view.local(m.char_start) for m in view.matches}
    return [
        m
        for m in hits
        if m.start("name") not in named
        and m.group("name").split()[0].lower() not in _NOT_LOWER_NAMES
    ]


def _lower_name(m: re.Match[str]) -> tuple[str, bool] | None:
    name = _clean(m.group("name"))
    return (f"Operation {name}", False) if name else None


def find_codenames(analysis: Analysis) -> list[Codename]:
    """The report's codenames: its operations first (in order of first mention), then the
    projects and task forces they run under. An operation named only as context ("this
    builds on Operation Trojan Shield") is not one of the report's."""
    seen: dict[str, Codename] = {}
    for view in analysis.sentences:
        if not view.has_prefix(_CODENAME_PREFIXES):
            continue
        codenames = _CODENAME.finditer(view.text) if _may_name(view.text) else ()
        for m in [*codenames, *_lower_codenames(view)]:
            found = _full_name(m) if m.re is _CODENAME else _lower_name(m)
            if found is None:
                continue
            full, umbrella = found
            context = view.background or bool(_CONTEXT.search(view.text[: m.start()]))
            key = re.sub(r"[\s'-]+", "", full.lower())
            if key in seen:
                seen[key].mentions += 1
                seen[key].context = seen[key].context and context
            else:
                seen[key] = Codename(full, view, umbrella=umbrella, context=context)
    found = [c for c in seen.values() if not c.context or c.mentions > 1]
    # "the fifth Operation Lake" in a report about "Operation Lake V" is the same one
    words = {id(c): re.split(r"[\s-]+", c.name.lower()) for c in found}
    found = [
        c
        for c in found
        if not any(
            o is not c
            and not o.umbrella
            and len(words[id(o)]) > len(words[id(c)])
            and words[id(o)][: len(words[id(c)])] == words[id(c)]
            for o in found
        )
    ]
    return [c for c in found if not c.umbrella] + [c for c in found if c.umbrella]


def _largest(
    analysis: Analysis,
    after: re.Pattern[str],
    before: re.Pattern[str] | None,
    words: tuple[str, ...],
) -> tuple[int, SentenceView] | None:
    """The largest whole number that ``after`` matches right after or ``before`` right
    before; ``words`` (lower case) are words one of which every match of either contains,
    so a sentence with none of them is skipped."""
    best: tuple[int, SentenceView] | None = None
    for view in analysis.sentences:
        if not view.numbers or not _may_contain(view.text, words):
            continue
        text, offset = view.text, view.start
        for num in view.numbers:
            if num.as_int is None or num.value < 1:
                continue
            tail = text[num.end - offset :][:60]
            head = text[: num.start - offset][-40:]
            hit = after.match(tail) or (before is not None and before.search(head))
            if hit and (best is None or num.as_int > best[0]):
                best = (num.as_int, view)
    return best


def _may_contain(text: str, words: tuple[str, ...]) -> bool:
    """Whether ASCII ``text`` holds one of ``words`` in any case: exactly what the
    case-insensitive expressions match there. Other text may always (a dotless "ı" or a
    long "ſ" also fold to ASCII letters)."""
    if not text.isascii():
        return True
    text = text.lower()
    return any(word in text for word in words)


_OFFICER_WORDS = (
    "officers",
    "officials",
    "police",
    "agents",
    "investigators",
    "gendarmes",
    "personnel",
    "staff",
)
"""What every :data:`_OFFICERS` match ends in."""
_SEARCH_WORDS = ("search", "raid")
"""What every :data:`_SEARCHES` and :data:`_SEARCHED_N` match contains."""


def find_officers(analysis: Analysis) -> tuple[int, SentenceView] | None:
    """Officers deployed ("some 450 police officers", "350 officers")."""
    return _largest(analysis, _OFFICERS, None, _OFFICER_WORDS)


def find_searches(analysis: Analysis) -> tuple[int, SentenceView] | None:
    """Premises searched ("27 premises searches", "searched 20 houses")."""
    return _largest(analysis, _SEARCHES, _SEARCHED_N, _SEARCH_WORDS)
