"""The whole pipeline on reports we wrote ourselves, node by node."""

import pytest
from helpers_extract import (
    agency_names,
    arrests_by_country,
    node,
    operations,
    place_countries,
    rels,
    seizures,
)

from graphkit.errors import InputError
from graphkit.extract import extract_text
from graphkit.facts import FactsDocument

# Our own paraphrase of the seed report's facts (same constructions, our wording).
SEED_LIKE = """\
TIRANA, April 7 – A joint operation between April 3-5, conducted in Belgium, France, the \
Netherlands and Italy with about 600 law enforcement officers, ended with the arrest of \
sixty-four members of an Albanian-speaking organised crime network.

Europol supported the operation. The suspects are believed to have produced and trafficked \
drugs, with links to trafficking in human beings, prostitution and money laundering.

Some suspects are believed to have run at least a dozen cannabis plantations in Belgium and \
northern France.

55 individuals were arrested in Belgium, including the leaders of the OCG, seven in the \
Netherlands and an additional two in France in this investigation led by the Belgian Federal \
Police, in cooperation with the French National Gendarmerie, the Dutch National Police, the \
Italian Anti-Mafia Investigation Directorate and the British Metropolitan Police.

Europol experts met at Europol's headquarters in The Hague.

The operation resulted in 39 premises searches, the dismantling of 15 indoor cannabis \
plantations and the seizure of 8255 cannabis plants, around 100.000 euros in cash and gold, \
four luxury vehicles and 63 electronic devices.
"""


@pytest.fixture(scope="module")
def seed_doc() -> FactsDocument:
    return extract_text(SEED_LIKE, source="seed-like.txt", published="2023-04-07")


def test_seed_operation(seed_doc):
    [op] = operations(seed_doc)
    assert op["name"] is None
    assert op["arrests"] == 64
    assert op["officers"] == 600
    assert op["searches"] == 39
    assert op["start_date"] == "2023-04-03" and op["end_date"] == "2023-04-05"
    assert op["crimes"] == sorted(
        [
            "drug_production",
            "drug_trafficking",
            "trafficking_in_human_beings",
            "sexual_exploitation",
            "money_laundering",
        ]
    )


def test_seed_countries_and_arrests(seed_doc):
    assert place_countries(seed_doc) == {"BE", "FR", "NL", "IT"}  # GB is only an agency's home
    assert arrests_by_country(seed_doc) == {"BE": 55, "NL": 7, "FR": 2}


def test_seed_agencies_roles_and_home_countries(seed_doc):
    assert agency_names(seed_doc) == {
        "Europol",
        "Belgian Federal Police",
        "French National Gendarmerie",
        "Dutch National Police",
        "Italian Anti-Mafia Investigation Directorate",
        "Metropolitan Police",
    }
    roles = {
        node(seed_doc, r.src)["name"]: r.properties["role"]
        for r in rels(seed_doc, "PARTICIPATED_IN")
    }
    assert roles["Belgian Federal Police"] == "led"
    assert roles["Europol"] == "supported"
    assert roles["French National Gendarmerie"] == "participated"
    based = {(r.src.key, r.dst.key) for r in rels(seed_doc, "BASED_IN")}
    assert ("agency:gb:metropolitan-police", "GB") in based
    assert not any(r.src.key == "agency:eu:europol" for r in rels(seed_doc, "BASED_IN"))
    pairs = rels(seed_doc, "COOPERATED_WITH")
    assert len(pairs) == 15  # 6 agencies, once per pair
    assert all(r.src.key < r.dst.key for r in pairs)


def test_seed_group(seed_doc):
    [targeted] = rels(seed_doc, "TARGETED")
    group = node(seed_doc, targeted.dst)
    assert group["descriptor"] == "Albanian-speaking organised crime network"
    assert targeted.dst.key.startswith("criminalgroup:report-")


def test_seed_seizures(seed_doc):
    assert seizures(seed_doc) == [
        ("cannabis plants", 8255, None),
        ("cash", 100000, "EUR"),
        ("luxury vehicles", 4, None),
        ("electronic devices", 63, None),
    ]


def test_evidence_and_certainty(seed_doc):
    text = seed_doc.report.text
    for r in seed_doc.relationships:
        assert text[r.evidence_start : r.evidence_end] == r.evidence
        assert r.evidence.strip() == r.evidence
    operated = [r for r in seed_doc.relationships if r.type == "OPERATED_IN"]
    assert operated and all(r.certainty == "alleged" for r in operated)  # "believed to"
    assert all(r.certainty == "reported" for r in rels(seed_doc, "ARRESTED_IN"))


def test_document_round_trips_through_validation(seed_doc):
    again = FactsDocument.from_dict(seed_doc.to_dict())
    assert again == seed_doc


def test_deterministic():
    a = extract_text(SEED_LIKE, source="a.txt").to_json()
    b = extract_text(SEED_LIKE, source="a.txt").to_json()
    assert a == b


def test_agency_keys_are_shared_across_reports():
    one = extract_text("The Guardia Civil arrested 3 people in Spain.", source="1.txt")
    two = extract_text("Spanish Civil Guard officers arrested 4 people.", source="2.txt")
    keys = [{r.src.key for r in rels(d, "PARTICIPATED_IN")} for d in (one, two)]
    assert keys[0] == keys[1] == {"agency:es:spanish-guardia-civil"}


def test_known_group_and_codename():
    text = (
        "Operation Pollino: 90 people were arrested in a major action against the 'Ndrangheta. "
        "Police in Italy, Germany and the Netherlands searched dozens of locations. "
        "Five people were arrested in the Netherlands."
    )
    doc = extract_text(text, source="pollino.txt")
    [op] = operations(doc)
    assert op["name"] == "Operation Pollino" and op["arrests"] == 90
    groups = {r.dst.key for r in rels(doc, "TARGETED")}
    assert "criminalgroup:ndrangheta" in groups
    assert arrests_by_country(doc) == {"NL": 5}


def test_front_matter_and_markdown():
    text = (
        "---\ntitle: Bust\npublished: 2022-05-01\n---\n# Bust\n\nThe **NCA** arrested 4 people.\n"
    )
    doc = extract_text(text, source="x.md", fmt="markdown")
    assert doc.report.title == "Bust" and doc.report.published == "2022-05-01"
    assert "**" not in doc.report.text
    assert agency_names(doc) == {"National Crime Agency"}


def test_publication_date_sources():
    dated = "Published 12 February 2018\nPolice arrested 2."
    assert extract_text(dated, source="p", published="2020").report.published == "2018-02-12"
    dateline = "TIRANA, April 7 – Police arrested 2."
    assert extract_text(dateline, source="p").report.published == "--04-07"
    assert extract_text(dateline, source="p", published="2023").report.published == "2023-04-07"
    undated = "Police arrested 2."
    assert extract_text(undated, source="p", published="2020-05").report.published == "2020-05"


@pytest.mark.parametrize("text", ["", "   \n\t  ", "12345 678", "\x00\x01"])
def test_nothing_readable_is_a_clear_error(text):
    with pytest.raises(InputError) as err:
        extract_text(text, source="bad.txt")
    assert "bad.txt" in str(err.value) and "\n" not in str(err.value)


def test_text_without_law_enforcement_action_has_no_operation():
    doc = extract_text("The weather in Belgium was sunny.", source="w.txt")
    assert doc.relationships == []


def test_named_suspects_only():
    text = (
        "A drug trafficking network was dismantled. John Michael Smith, 45, of Miami, was "
        "arrested in Spain on 3 May. Attorney General Merrick Garland said the gang is believed "
        "to have sold cocaine."
    )
    doc = extract_text(text, source="p.txt")
    persons = [n for n in doc.nodes if n.label == "Person"]
    assert [(p.properties["name"], p.properties["age"]) for p in persons] == [
        ("John Michael Smith", 45)
    ]
    arrested = [r for r in rels(doc, "ARRESTED_IN") if r.src.label == "Person"]
    assert [r.dst.key for r in arrested] == ["ES"]
    assert len(rels(doc, "MEMBER_OF")) == 1


def test_bad_published_argument_is_a_clear_error():
    with pytest.raises(InputError, match="not an ISO date"):
        extract_text("Police arrested 2 people.", source="p", published="yesterday")


def test_html_input():
    html = (
        "<html><body><nav>Menu</nav><main><h1>Raid</h1><p>The Guardia Civil arrested "
        "12 people in Spain.</p></main></body></html>"
    )
    doc = extract_text(html, source="p.html", fmt="html")
    assert doc.report.text == "Raid\n\nThe Guardia Civil arrested 12 people in Spain."
    assert agency_names(doc) == {"Spanish Guardia Civil"}
    assert arrests_by_country(doc) == {"ES": 12}
