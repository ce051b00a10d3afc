"""Words several extraction steps read the same way, kept in one place.

The people a release counts and the groups it names recur in every step: an arrest count is
followed by them ("12 suspects"), a nationality qualifies them ("Albanian nationals"), a
group is referred back to by them ("the network"), evidence names a group through them.
"""

from __future__ import annotations

SUSPECTS: tuple[str, ...] = (
    "people",
    "persons",
    "individuals",
    "suspects",
    "men",
    "women",
    "members",
    "nationals",
    "citizens",
    "leaders",
    "ringleaders",
    "facilitators",
    "smugglers",
    "traffickers",
    "couriers",
    "fraudsters",
    "criminals",
    "operators",
    "offenders",
    "perpetrators",
    "drivers",
    "dealers",
    "hackers",
    "accomplices",
    "associates",
)
"""How releases name the people they count or describe (plural forms)."""

GROUPS: tuple[str, ...] = (
    "network",
    "group",
    "gang",
    "clan",
    "cartel",
    "ring",
    "syndicate",
    "organisation",
    "organization",
    "mafia",
)
"""How releases name a criminal group (singular forms; OCG and OCN are abbreviations)."""


def singular(word: str) -> str:
    """ "suspects" -> "suspect", "men" -> "man", "people" stays."""
    irregular = {"men": "man", "women": "woman", "people": "person"}
    if word in irregular:
        return irregular[word]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def alternation(words: tuple[str, ...], *, plurals: bool = False) -> str:
    """A regular-expression alternation of ``words`` (each with an optional plural "s")."""
    suffix = "s?" if plurals else ""
    return "|".join(f"{w}{suffix}" for w in sorted(words, key=len, reverse=True))
