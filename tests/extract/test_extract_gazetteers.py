"""The gazetteers are our own data: check they keep to the ontology."""

import re

import pycountry
import yaml

from graphkit import model
from graphkit.extract.gazetteer import gazetteer, gazetteer_dir


def _load(name: str):
    return yaml.safe_load((gazetteer_dir() / name).read_text(encoding="utf-8"))


def _is_country(code: str) -> bool:
    return code == "XK" or pycountry.countries.get(alpha_2=code) is not None


def test_agencies_are_well_formed():
    seen: dict[tuple[str, str], str] = {}
    for spec in _load("agencies.yaml"):
        assert set(spec) <= {"name", "country", "kind", "aliases", "local"}, spec
        assert spec["kind"] in model.AGENCY_KINDS, spec
        country = spec["country"]
        assert country in model.SUPRANATIONAL_CODES or _is_country(country), spec
        names = [spec["name"], *spec.get("aliases", []), *spec.get("local", [])]
        assert all(isinstance(n, str) and n.strip() for n in names), spec
        key = (country, spec["name"].lower())
        assert key not in seen, f"duplicate agency {spec['name']}"
        seen[key] = spec["name"]


def test_countries_and_places_use_iso_codes():
    for code in [*_load("countries.yaml"), *_load("places.yaml")]:
        assert isinstance(code, str) and re.fullmatch(r"[A-Z]{2}", code), code
        assert _is_country(code), code


def test_crime_cues_cover_only_the_vocabulary_and_compile():
    crimes = _load("crimes.yaml")
    assert set(crimes) <= set(model.CRIMES)
    for cues in crimes.values():
        for cue in cues:
            re.compile(cue)
            assert not re.search(r"\)[*+]|\][*+]\)|\+\)[*+]", cue), f"nested repetition: {cue}"


def test_groups_are_well_formed():
    for spec in _load("groups.yaml"):
        assert all(isinstance(n, str) and n for n in [spec["name"], *spec.get("aliases", [])])
        assert spec.get("nationality") is None or _is_country(spec["nationality"]), spec


def test_loaded_once():
    assert gazetteer() is gazetteer()
