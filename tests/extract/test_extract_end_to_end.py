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
from graphkit.extract.evidence import names_both_ends
from graphkit.facts import FactsDocument

# A report we wrote ourselves with the constructions real releases use (dateline, action-day
# range, worded total, per-country breakdown, lead/cooperation roles, seizure list).
OWN_REPORT = """\
LISBON, June 14 – A joint operation between June 10-12, conducted in Portugal, Spain, \
Germany and Poland with about 450 law enforcement officers, ended with the arrest of \
forty-two members of a Georgian-speaking organised crime network.

Europol supported the action. The gang is believed to have grown and smuggled drugs, and \
to be linked to prostitution, money laundering and trafficking in human beings.

Several members are believed to have run about ten cannabis farms in Portugal and \
southern Spain.

30 suspects were arrested in Portugal, including the ringleaders of the OCG, nine in \
Spain and an additional three in Poland in this inquiry led by the Portuguese Judicial \
Police, in close cooperation with the Spanish Guardia Civil, the German Federal Criminal \
Police Office, the Polish National Police and the British National Crime Agency.

Analysts gathered at the Europol headquarters in The Hague before the action day.

The action led to 27 house searches, the dismantling of 11 indoor cannabis farms and \
the seizure of 3140 cannabis plants, about 70.000 euros in cash and jewellery, five \
sports cars and 48 mobile phones.
"""


@pytest.fixture(scope="module")
def own_doc() -> FactsDocument:
    return extract_text(OWN_REPORT, source="own-report.txt", published="2023-06-14")


def test_own_report_operation(own_doc):
    [op] = operations(own_doc)
    assert op["name"] is None
    assert op["arrests"] == 42
    assert op["officers"] == 450
    assert op["searches"] == 27
    assert op["start_date"] == "2023-06-10" and op["end_date"] == "2023-06-12"
    assert op["crimes"] == sorted(
        [
            "drug_production",
            "drug_trafficking",
            "trafficking_in_human_beings",
            "sexual_exploitation",
            "money_laundering",
        ]
    )


def test_own_report_countries_and_arrests(own_doc):
    assert place_countries(own_doc) == {"PT", "ES", "DE", "PL"}  # GB is only an agency's home
    assert arrests_by_country(own_doc) == {"PT": 30, "ES": 9, "PL": 3}


def test_own_report_agencies_roles_and_home_countries(own_doc):
    assert agency_names(own_doc) == {
        "Europol",
        "Portuguese Judicial Police",
        "Spanish Guardia Civil",
        "German Federal Criminal Police Office",
        "Polish National Police",
        "National Crime Agency",
    }
    roles = {
        node(own_doc, r.src)["name"]: r.properties["role"] for r in rels(own_doc, "PARTICIPATED_IN")
    }
    assert roles["Portuguese Judicial Police"] == "led"
    assert roles["Europol"] == "supported"
    assert roles["Spanish Guardia Civil"] == "participated"
    based = {(r.src.key, r.dst.key) for r in rels(own_doc, "BASED_IN")}
    assert ("agency:gb:national-crime-agency", "GB") in based
    assert not any(r.src.key == "agency:eu:europol" for r in rels(own_doc, "BASED_IN"))
    pairs = rels(own_doc, "COOPERATED_WITH")
    # the five national bodies are named together; Europol, two paragraphs away, is not
    # named beside them, so its cooperation is read through the operation only
    assert len(pairs) == 10
    assert not any("europol" in (r.src.key + r.dst.key) for r in pairs)
    assert all(r.src.key < r.dst.key for r in pairs)
    assert all(names_both_ends(own_doc, r) for r in pairs)


def test_own_report_group(own_doc):
    [targeted] = rels(own_doc, "TARGETED")
    group = node(own_doc, targeted.dst)
    assert group["descriptor"] == "Georgian-speaking organised crime network"
    assert targeted.dst.key.startswith("criminalgroup:report-")


def test_own_report_seizures(own_doc):
    assert seizures(own_doc) == [
        ("cannabis plants", 3140, None),
        ("cash", 70000, "EUR"),
        ("sports cars", 5, None),
        ("mobile phones", 48, None),
    ]


def test_evidence_and_certainty(own_doc):
    text = own_doc.report.text
    for r in own_doc.relationships:
        assert text[r.evidence_start : r.evidence_end] == r.evidence
        assert r.evidence.strip() == r.evidence
    operated = [r for r in own_doc.relationships if r.type == "OPERATED_IN"]
    assert operated and all(r.certainty == "alleged" for r in operated)  # "believed to"
    assert all(r.certainty == "reported" for r in rels(own_doc, "ARRESTED_IN"))


def test_document_round_trips_through_validation(own_doc):
    again = FactsDocument.from_dict(own_doc.to_dict())
    assert again == own_doc


def test_deterministic():
    a = extract_text(OWN_REPORT, source="a.txt").to_json()
    b = extract_text(OWN_REPORT, source="a.txt").to_json()
    assert a == b


def test_agency_keys_are_shared_across_reports():
    one = extract_text("The Guardia Civil arrested 3 people in Spain.", source="1.txt")
    two = extract_text("Spanish Civil Guard officers arrested 4 people.", source="2.txt")
    keys = [{r.src.key for r in rels(d, "PARTICIPATED_IN")} for d in (one, two)]
    assert keys[0] == keys[1] == {"agency:es:spanish-guardia-civil"}


def test_known_group_and_codename():
    text = (
        "Operation Cedrus: 57 people were arrested in a large action against the 'Ndrangheta. "
        "Officers in Italy, Austria and Switzerland raided many addresses. "
        "Four people were arrested in Switzerland."
    )
    doc = extract_text(text, source="cedrus.txt")
    [op] = operations(doc)
    assert op["name"] == "Operation Cedrus" and op["arrests"] == 57
    groups = {r.dst.key for r in rels(doc, "TARGETED")}
    assert "criminalgroup:ndrangheta" in groups
    assert arrests_by_country(doc) == {"CH": 4}


def test_front_matter_and_markdown():
    text = (
        "---\ntitle: Bust\npublished: 2022-05-01\n---\n# Bust\n\nThe **NCA** arrested 4 people.\n"
    )
    doc = extract_text(text, source="x.md", fmt="markdown")
    assert doc.report.title == "Bust" and doc.report.published == "2022-05-01"
    assert "**" not in doc.report.text
    assert agency_names(doc) == {"National Crime Agency"}


def test_publication_date_sources():
    dated = "Published 23 March 2019\nPolice arrested 2."
    assert extract_text(dated, source="p", published="2020").report.published == "2019-03-23"
    dateline = "LISBON, June 14 – Police arrested 2."
    assert extract_text(dateline, source="p").report.published == "--06-14"
    assert extract_text(dateline, source="p", published="2023").report.published == "2023-06-14"
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
        "A heroin smuggling ring was broken up. John Michael Smith, 45, of Miami, was "
        "arrested in Spain on 3 May. Attorney General Jane Roe said the gang is believed "
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
