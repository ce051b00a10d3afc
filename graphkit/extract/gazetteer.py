"""Our own gazetteers (``data/gazetteers/*.yaml``), loaded once, and a token trie over them.

Every alias of every country, agency, known group and place goes into one trie keyed
by normalised tokens, so a single left-to-right pass finds the leftmost-longest mention
of anything we know ("Belgian Federal Police" wins over "Belgian").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry
import yaml

from graphkit.errors import ExtractionUnavailable
from graphkit.extract.tokens import Token, phrase_keys
from graphkit.resources import resource_dir


def gazetteer_dir() -> Path:
    """Where the YAML files live: the repository's data/gazetteers, or the copy a wheel
    installs; ``GRAPHKIT_GAZETTEERS`` points elsewhere. Never the network."""
    return resource_dir("data/gazetteers", "gazetteers", "GRAPHKIT_GAZETTEERS")


_GEO = ("country", "adjective", "place")


@dataclass(frozen=True, slots=True)
class AgencyEntry:
    name: str
    country: str
    kind: str


@dataclass(frozen=True, slots=True)
class GroupEntry:
    name: str
    nationality: str | None


@dataclass(frozen=True, slots=True)
class Entry:
    """What a trie terminal stands for. ``kind`` is country, adjective, demonym, place,
    agency or group; ``value`` is an ISO2 code, an AgencyEntry or a GroupEntry."""

    kind: str
    value: Any
    exact: str | None = None  # surface form required when the alias is case-sensitive
    capital: bool = False  # single-word alias: the mention must start with a capital


@dataclass(slots=True)
class Match:
    start: int  # token index
    end: int  # token index (exclusive)
    char_start: int
    char_end: int
    entry: Entry


@dataclass
class Gazetteer:
    trie: dict = field(default_factory=dict)
    geo_trie: dict = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    adjectives: dict[str, str] = field(default_factory=dict)  # ISO2 -> main adjective
    local_agencies: dict[tuple[str, tuple[str, ...]], AgencyEntry] = field(default_factory=dict)
    local_by_country: dict[str, list[tuple[str, AgencyEntry]]] = field(default_factory=dict)
    crimes: dict[str, list[str]] = field(default_factory=dict)
    known_agencies: set[AgencyEntry] = field(default_factory=set)
    agency_aliases: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    """Agency name -> the token keys of every way the gazetteer knows to write it."""

    def add(self, phrase: str, entry: Entry) -> None:
        keys = phrase_keys(phrase)
        if not keys:
            return
        words = [w for w in re.findall(r"[^\W_]+", phrase)]
        if len(words) == 1 and sum(c.isupper() for c in phrase) >= 2:
            entry = Entry(entry.kind, entry.value, exact=phrase)
        elif len(words) == 1 and phrase[:1].isupper():
            entry = Entry(entry.kind, entry.value, capital=True)
        for trie in (self.trie, self.geo_trie) if entry.kind in _GEO else (self.trie,):
            node = trie
            for key in keys:
                node = node.setdefault(key, {})
            entries = node.setdefault(None, [])
            if entry not in entries:
                entries.append(entry)

    def find(
        self, tokens: list[Token], text: str, offset: int = 0, geo_only: bool = False
    ) -> list[Match]:
        """Leftmost-longest, non-overlapping matches of known phrases in ``tokens``.

        ``text`` is the string the token offsets point into, minus ``offset``.
        """
        matches: list[Match] = []
        n = len(tokens)
        root = self.geo_trie if geo_only else self.trie
        keys = [t.key for t in tokens]
        after = 0  # the end of the last match: matches do not overlap
        # only where a known phrase starts (one comprehension, in C for the most part)
        for i in [i for i, key in enumerate(keys) if key in root]:
            if i < after:
                continue
            node = root
            best: tuple[int, Entry] | None = None
            j = i
            while j < n and keys[j] in node:
                node = node[keys[j]]
                j += 1
                for entry in node.get(None, ()):
                    if _accepts(entry, tokens[i:j], text, offset):
                        best = (j, entry)
                        break
            if best is not None:
                after, entry = best
                matches.append(Match(i, after, tokens[i].start, tokens[after - 1].end, entry))
        return matches


def _accepts(entry: Entry, toks: list[Token], text: str, offset: int) -> bool:
    if entry.exact is not None:
        return text[toks[0].start - offset : toks[-1].end - offset] == entry.exact
    if entry.capital:
        return toks[0].text[:1].isupper()
    return True


def _read(name: str) -> Any:
    path = gazetteer_dir() / name
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except OSError:
        raise ExtractionUnavailable(
            f"gazetteer {path} is missing; the extractor needs it"
        ) from None


def country_name(iso2: str) -> str:
    """English short name for a Country node (our ``display`` override, else pycountry)."""
    return gazetteer().country_names.get(iso2, iso2)


def adjective(iso2: str) -> str | None:
    return gazetteer().adjectives.get(iso2)


def _country_record(iso2: str) -> Any:
    try:
        return pycountry.countries.get(alpha_2=iso2)
    except (KeyError, LookupError):
        return None


def _pycountry_names(iso2: str) -> Iterable[str]:
    record = _country_record(iso2)
    if record is None:
        return ()
    names = [record.name]
    for attr in ("common_name", "official_name"):
        value = getattr(record, attr, None)
        if value:
            names.append(value)
    return names


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Load all gazetteers once per process."""
    gz = Gazetteer()
    countries = _read("countries.yaml")
    for iso2, spec in countries.items():
        iso2 = str(iso2)
        record = _country_record(iso2)
        gz.country_names[iso2] = spec.get("display") or (
            getattr(record, "common_name", None) or record.name if record else iso2
        )
        adjectives = spec.get("adjectives") or []
        if adjectives:
            gz.adjectives[iso2] = adjectives[0]
        for name in [*_pycountry_names(iso2), *(spec.get("names") or [])]:
            gz.add(name.removeprefix("the "), Entry("country", iso2))
        for adj in [*adjectives, *(spec.get("regions") or [])]:
            gz.add(adj, Entry("adjective", iso2))
        for dem in spec.get("demonyms") or []:
            gz.add(dem, Entry("demonym", iso2))
    for iso2, places in (_read("places.yaml") or {}).items():
        for place in places:
            gz.add(place, Entry("place", iso2))
    for spec in _read("agencies.yaml"):
        agency = AgencyEntry(spec["name"], spec["country"], spec["kind"])
        gz.known_agencies.add(agency)
        adj = gz.adjectives.get(agency.country)
        written = gz.agency_aliases.setdefault(agency.name, [])
        for alias in [agency.name, *(spec.get("aliases") or []), *(spec.get("local") or [])]:
            written.append(phrase_keys(alias))
        for alias in [agency.name, *(spec.get("aliases") or [])]:
            gz.add(alias, Entry("agency", agency))
            keys = phrase_keys(alias)
            if adj and alias.startswith(adj + " "):
                gz.local_agencies.setdefault(
                    (agency.country, keys[len(phrase_keys(adj)) :]), agency
                )
            gz.local_agencies.setdefault((agency.country, keys), agency)
        for alias in spec.get("local") or []:
            gz.local_agencies[(agency.country, phrase_keys(alias))] = agency
    for spec in _read("groups.yaml"):
        group = GroupEntry(spec["name"], spec.get("nationality"))
        for alias in [group.name, *(spec.get("aliases") or [])]:
            gz.add(alias, Entry("group", group))
    for (country, keys), agency in gz.local_agencies.items():
        gz.local_by_country.setdefault(country, []).append((" ".join(keys), agency))
    gz.crimes = _read("crimes.yaml")
    return gz
