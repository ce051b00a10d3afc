"""Criminal groups: known organisations from the gazetteer and the report's own descriptor.

The first descriptive mention ("a Georgian-speaking organised crime network", "a
Chinese criminal network") names the group the operation targeted; later references
("the OCG", "the network", "the suspects") are the same group, so one node per report
carries them. Known organisations ('Ndrangheta, Hells Angels) get a canonical key shared
across reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphkit.extract.analysis import Analysis, SentenceView
from graphkit.extract.gazetteer import GroupEntry
from graphkit.extract.numbers import NUMBER_WORDS
from graphkit.extract.tokens import word_set
from graphkit.extract.vocabulary import GROUPS, SUSPECTS, singular

_HEAD = (
    r"(?:organi[sz]ed[- ]crime\s+(?:group|network|organi[sz]ation|gang|clan|syndicate)s?"
    r"|criminal\s+(?:network|group|organi[sz]ation|syndicate|gang|ring|clan|enterprise|"
    r"cartel)s?"
    r"|(?:crime|mafia|drugs?|trafficking|smuggling|gang|laundering|fraud|cyber-?crime|"
    r"mafia-type)\s+(?:network|ring|group|syndicate|clan|cartel|gang)s?"
    r"|network|gang|syndicate|ring|cartel|clan|OCG|OCN|mafia)"
)
_DESCRIPTOR = re.compile(
    rf"\b(?P<det>an?|the|this)\s+(?P<d>(?:[\w'’-]+\s+){{0,4}}?{_HEAD})\b", re.IGNORECASE
)
_BAD_MODIFIER = re.compile(
    r"\b(?:of|in|by|with|and|from|to|for|against|on|at|were|was|is|are|has|have|the)\b",
    re.IGNORECASE,
)
_GROUP_CUE = re.compile(
    r"\b(?:network|group|gang|OCG|syndicate|organi[sz]ation|clan|cartel|ring|suspects|"
    r"traffickers|smugglers|criminals|members|fraudsters|mafia)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class GroupMention:
    known: GroupEntry | None
    descriptor: str | None
    sentence: SentenceView


def find_descriptor(analysis: Analysis) -> GroupMention | None:
    """The first descriptive mention, preferring one with an indefinite article."""
    first: GroupMention | None = None
    for view in analysis.sentences:
        for m in _DESCRIPTOR.finditer(view.text):
            desc = m.group("d")
            modifiers = desc.rsplit(" ", 1)[0] if " " in desc else ""
            if _BAD_MODIFIER.search(modifiers):
                continue
            mention = GroupMention(None, " ".join(desc.split()), view)
            if m.group("det").lower() in ("a", "an"):
                return mention
            first = first or mention
    return first


def find_known(analysis: Analysis) -> list[GroupMention]:
    """Known organisations, first mention each, in text order."""
    seen: dict[str, GroupMention] = {}
    for view in analysis.sentences:
        for m in view.matches:
            if m.entry.kind != "group":
                continue
            group: GroupEntry = m.entry.value
            if group.name not in seen:
                seen[group.name] = GroupMention(group, None, view)
    return list(seen.values())


def has_group(analysis: Analysis) -> bool:
    return any(has_group_cue(v) for v in analysis.sentences)


def has_group_cue(view: SentenceView) -> bool:
    """Whether a sentence speaks of a group or its members ("the network", "suspects")."""
    return bool(_GROUP_CUE.search(view.text))


_MEMBERS = frozenset(
    [
        *SUSPECTS,
        *map(singular, SUSPECTS),
        *GROUPS,
        *(g + "s" for g in GROUPS),
        *word_set("families family brothers boss bosses organised organized crime ocg ocgs"),
        *word_set("speaking descent origin"),
    ]
) - {"women", "woman"}  # "Nigerian women" in these releases are most often the victims
"""Nouns (and the words of "organised crime group", "-speaking") an adjective of
nationality qualifies when it describes suspects or their group, not victims."""
_VICTIMS = re.compile(
    r"\b(?:victims?|forced|exploited|safeguarded|rescued|trafficked|smuggled|migrants?|"
    r"refugees|asylum)\b",
    re.IGNORECASE,
)
_VICTIM_TAIL = re.compile(
    r"^\W*(?:\w+\s+){0,3}(?:victims?|forced|exploited|safeguarded|rescued|trafficked)\b",
    re.IGNORECASE,
)
_NATIONALITY_LIST = frozenset([",", "and", "&", "or", "-"])


def find_nationalities(analysis: Analysis, country_roles: list[tuple[int, str]]) -> list[str]:
    """ISO2 codes of the nationalities the report gives the suspects or their group:
    "Greek nationals", "an Albanian-speaking network", "suspects of Moroccan origin",
    "individuals originating from Kosovo". Victims' and migrants' nationalities are not
    the group's.

    ``country_roles`` are (report offset, ISO2) of country names read as nationalities
    ("originating from Kosovo") by the country step.
    """
    found: dict[str, None] = {}
    starts = {pos for pos, _ in country_roles}
    for view in analysis.sentences:
        if not any(
            m.entry.kind == "adjective" or (m.entry.kind == "country" and m.char_start in starts)
            for m in view.matches
        ):
            continue  # nothing below would read it: spare asking the questions next
        if view.boilerplate or view.background:
            continue
        toks = view.tokens
        for m in view.matches:
            kind = m.entry.kind
            if kind == "country" and m.char_start in starts:
                tail = view.text[view.local(m.char_end) :][:60]
                head = view.text[: view.local(m.char_start)][-60:]
                if not (_VICTIMS.search(head[-40:]) or _VICTIM_TAIL.match(tail)):
                    found.setdefault(m.entry.value)
                continue
            if kind != "adjective":
                continue
            j = m.end
            later = {x.start: x for x in view.matches if x.entry.kind == "adjective"}
            while j < len(toks) and (
                toks[j].key in _NATIONALITY_LIST
                or toks[j].key in NUMBER_WORDS
                or toks[j].key.isdigit()
                or j in later
            ):
                j = later[j].end if j in later else j + 1
            if j >= len(toks) or toks[j].key not in _MEMBERS:
                continue
            if _VICTIM_TAIL.match(view.text[view.local(toks[j].end) :][:60]):
                continue
            found.setdefault(m.entry.value)
    return list(found)
