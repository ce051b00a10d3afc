"""Does a relationship's evidence name both of its ends?

Every relationship cites the sentence (or adjacent sentences) it was read from; an analyst
who clicks an edge should find both entities in that text, by a name, an alias, an
adjective, a place of a country, or the words that stand for them ("the network", "the
suspects", "the raids"). :func:`coverage` measures the share of a document's relationships
for which that holds; the tests hold it to a floor on our own reports and the development
set.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from graphkit.extract.gazetteer import gazetteer
from graphkit.extract.tokens import Token, tokenize
from graphkit.extract.vocabulary import GROUPS, SUSPECTS, alternation, singular
from graphkit.facts import FactsDocument, Node, Relationship

_OPERATION_WORDS = re.compile(
    r"\b(?:operations?|investigations?|inquir(?:y|ies)|probe|case|action(?: days?)?|raids?|"
    r"searche[sd]|search(?:ing)?|arrest\w*|detain\w*|detention|seiz\w*|confiscat\w*|"
    r"froze|frozen|intercept\w*|dismantl\w*|crackdown|sweep|strike|took part|participat\w*|"
    r"support\w*|assist\w*|coordinat\w*|led|cooperat\w*|involv\w*|recover\w*|found|"
    r"discovered|blocked|charged|rescued|safeguarded|brought down|broke up|taken down|"
    r"shut down|identified|intervened|impounded|secured|executed|carried out|targeted|"
    r"joint effort|caught|captured|apprehended|extradited)\b",
    re.IGNORECASE,
)
"""Words that stand for an operation or its actions ("the raids", "supported the action")."""
_GROUP_WORDS = re.compile(
    rf"\b(?:{alternation(GROUPS, plurals=True)}|OCGs?|OCNs?|{alternation(SUSPECTS)}|"
    rf"{alternation(tuple(map(singular, SUSPECTS)))}|arrest\w*|detain\w*|they|its|their)\b",
    re.IGNORECASE,
)
"""Words that stand for a group or its members ("the suspects", "12 people were arrested")."""


def mentions(node: Node, text: str) -> bool:
    """Whether ``text`` names ``node`` in one of the ways a reader would recognise."""
    props = node.properties
    label = node.label
    if label == "Report":
        return True
    if label == "Operation":
        name = props.get("name")
        if name and _has_words(text, str(name).split(maxsplit=1)[-1]):
            return True
        return _has_operation_words(text)
    if label == "CriminalGroup":
        name = props.get("name") or props.get("descriptor")
        if name and _has_words(text, str(name)):
            return True
        return _has_group_words(text)
    if label == "Country":
        return names_country(text, node.key)
    if label == "Agency":
        return _names_agency(text, str(props.get("name") or ""))
    if label == "Seizure":
        item = str(props.get("item") or "")
        words = _ITEM_WORD.findall(item)
        stems = [w[:-1] if w.endswith("s") and len(w) > 4 else w for w in words]
        return any(
            (at := _first_chance(text, w)) >= 0 and _stem_pattern(w).search(text, at) is not None
            for w in stems
        )
    if label == "Person":
        return _has_words(text, str(props.get("name") or ""))
    return False


def both_named(src: Node | None, dst: Node | None, text: str) -> bool:
    """Whether ``text`` names both ends; ``src`` None stands for the report itself, which
    every evidence is part of."""
    if dst is None or not mentions(dst, text):
        return False
    return src is None or mentions(src, text)


def names_both_ends(doc: FactsDocument, rel: Relationship) -> bool:
    """Whether ``rel``'s evidence names its source and its target."""
    nodes = {(n.label, n.key): n for n in doc.nodes}
    dst = nodes.get((rel.dst.label, rel.dst.key))
    if rel.src.label == "Report":
        return both_named(None, dst, rel.evidence)
    src = nodes.get((rel.src.label, rel.src.key))
    return src is not None and both_named(src, dst, rel.evidence)


@dataclass
class Coverage:
    """How many relationships (in all, and by type) have evidence naming both ends."""

    total: int = 0
    named: int = 0
    by_type: dict[str, tuple[int, int]] = field(default_factory=dict)
    misses: list[tuple[str, str]] = field(default_factory=list)  # (type, evidence)

    @property
    def share(self) -> float:
        return self.named / self.total if self.total else 1.0


def coverage(docs: Iterable[FactsDocument]) -> Coverage:
    """The share of the documents' relationships whose evidence names both ends."""
    out = Coverage()
    for doc in docs:
        for rel in doc.relationships:
            ok = names_both_ends(doc, rel)
            named, total = out.by_type.get(rel.type, (0, 0))
            out.by_type[rel.type] = (named + ok, total + 1)
            out.total += 1
            out.named += ok
            if not ok:
                out.misses.append((rel.type, rel.evidence))
    return out


@lru_cache(maxsize=4096)
def _has_operation_words(text: str) -> bool:
    return _OPERATION_WORDS.search(text) is not None


@lru_cache(maxsize=4096)
def _has_group_words(text: str) -> bool:
    return _GROUP_WORDS.search(text) is not None


_ITEM_WORD = re.compile(r"[^\W\d_]{3,}")


def _first_chance(text: str, phrase: str) -> int:
    """Where in ``text`` a case-insensitive match of ``phrase`` can start at the earliest,
    or -1 when it cannot occur: for ASCII text and phrase, the expression's
    case-insensitive match is exactly a match of the lower-cased strings (there is no "K"
    Kelvin sign or long "s" to fold), so the scan starts at the first occurrence."""
    if text.isascii() and phrase.isascii():
        return text.lower().find(phrase.lower())
    return 0


@lru_cache(maxsize=4096)
def _stem_pattern(stem: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(stem)}", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", re.IGNORECASE)


def _has_words(text: str, phrase: str) -> bool:
    phrase = phrase.strip()
    if not phrase:
        return False
    at = _first_chance(text, phrase)
    # the pattern's look-behind still sees the character before ``at``
    return at >= 0 and _phrase_pattern(phrase).search(text, at) is not None


def names_country(text: str, iso2: str) -> bool:
    """A name, adjective, demonym or place of the country, also inside an agency's name
    ("the Netherlands police force")."""
    return iso2 in _countries_named(text)


@lru_cache(maxsize=64)
def _tokens(text: str) -> list[Token]:
    """The tokens of an evidence text, shared by the country and the agency look-ups (read
    only)."""
    return tokenize(text)


@lru_cache(maxsize=4096)
def _countries_named(text: str) -> frozenset[str]:
    """The countries a text names (relationships of one sentence share the look-up)."""
    found = gazetteer().find(_tokens(text), text, 0, geo_only=True)
    return frozenset(m.entry.value for m in found)


@lru_cache(maxsize=4096)
def _joined_keys(text: str) -> str:
    keys = [t.key for t in _tokens(text) if t.is_word or t.key in ("'", "-", "&", ".")]
    return " " + " ".join(keys) + " "


def _names_agency(text: str, name: str) -> bool:
    """The agency's name, any alias the gazetteer knows (native names, abbreviations, local
    names such as "Guardia Civil"), or for a name we built ("Bavarian State Police") its
    words after the country adjective."""
    if _has_words(text, name):
        return True
    joined = _joined_keys(text)
    for alias in gazetteer().agency_aliases.get(name, ()):
        if alias and " " + " ".join(alias) + " " in joined:
            return True
    words = name.split()
    if len(words) > 1 and _has_words(text, " ".join(words[1:])):
        return True
    # the same words in another order ("Belgian Judicial Federal Police")
    own = {w.lower() for w in re.findall(r"[^\W_]{3,}", name)}
    return len(own) >= 2 and own <= {w.lower() for w in re.findall(r"[^\W_]{3,}", text)}
