"""The ontology carries the rules that name and show a node: every caption and featured
property is a property of its type, and the readers (display names, the view) follow them."""

from __future__ import annotations

import dataclasses

import pytest

from graphkit import model
from graphkit.store.base import GraphNode
from graphkit.view import build


@pytest.mark.parametrize("spec", model.NODE_TYPES.values(), ids=lambda s: s.label)
def test_captions_and_featured_properties_are_properties_of_the_type(spec):
    assert set(spec.caption) <= set(spec.property_names)
    assert set(spec.featured) <= set(spec.property_names)
    assert len(set(spec.featured)) == len(spec.featured)


def test_the_view_shows_the_featured_properties_in_the_ontology_s_order(monkeypatch):
    agency = model.NODE_TYPES["Agency"]
    monkeypatch.setitem(
        model.NODE_TYPES, "Agency", dataclasses.replace(agency, featured=("kind", "country"))
    )
    node = GraphNode("Agency", "a", {"name": "Guardia Civil", "country": "ES", "kind": "police"})
    assert build._node_properties("Agency", node, "Guardia Civil") == [
        ["kind", "police"],
        ["country", "ES"],
    ]


def test_a_display_name_follows_the_caption_order(monkeypatch):
    report = model.NODE_TYPES["Report"]
    props = {"title": "Ring dismantled", "source": "a.txt"}
    assert model.display_name("Report", "r1", props) == "Ring dismantled"
    monkeypatch.setitem(
        model.NODE_TYPES, "Report", dataclasses.replace(report, caption=("source", "title"))
    )
    assert model.display_name("Report", "r1", props) == "a.txt"
