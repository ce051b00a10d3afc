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
        for m in view.of_kind("group"):
            group: GroupEntry = m.entry.value
            if group.name not in seen:
                seen[group.name] = GroupMention(group, None, view)
    return list(seen.values())


def has_group(analysis: Analysis) -> bool:
    return any(_GROUP_CUE.search(v.text) for v in analysis.sentences)
