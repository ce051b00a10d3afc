"""Facts documents for the tests, built the way an extractor or a reviewer would build them.

The report texts are our own (no press-release text is copied). Every relationship
names the sentence it was read from; :class:`FactsBuilder` finds that sentence in the
normalised report text, so the offsets are right by construction and the documents
pass :class:`graphkit.facts.FactsDocument` validation.
"""

from __future__ import annotations

from typing import Any

from graphkit import model
from graphkit.facts import FactsDocument, ReportInfo, entity_key
from graphkit.store.base import GraphData, GraphEdge, GraphNode

# Entities shared across reports: the same thing in the world is one node.
BE, FR, NL = ("Country", "BE"), ("Country", "FR"), ("Country", "NL")
COUNTRY_NAMES = {"BE": "Belgium", "FR": "France", "NL": "Netherlands", "IT": "Italy"}
BELGIAN_POLICE = entity_key("agency", "be", "federal-police")
EUROPOL = entity_key("agency", "eu", "europol")
FRENCH_POLICE = entity_key("agency", "fr", "national-police")
DUTCH_POLICE = entity_key("agency", "nl", "national-police")
AGENCIES = {
    BELGIAN_POLICE: {"name": "Belgian Federal Police", "country": "BE", "kind": "police"},
    EUROPOL: {"name": "Europol", "country": "EU", "kind": "eu_agency"},
    FRENCH_POLICE: {"name": "French National Police", "country": "FR", "kind": "police"},
    DUTCH_POLICE: {"name": "Dutch National Police", "country": "NL", "kind": "police"},
}


class FactsBuilder:
    """Collects nodes and relationships for one report text, then validates them."""

    def __init__(
        self,
        text: str,
        source: str,
        *,
        title: str | None = None,
        published: str | None = None,
    ) -> None:
        self.report = ReportInfo.from_text(text, source, title=title, published=published)
        self.nodes: dict[tuple[str, str], dict[str, Any]] = {}
        self.relationships: list[dict[str, Any]] = []

    @property
    def key(self) -> str:
        return self.report.key

    def scoped(self, label: str, *parts: str) -> str:
        """A key scoped to this report (for things that exist only in it: its operation...)."""
        return entity_key(label, self.key.removeprefix("report:"), *parts)

    def node(self, label: str, key: str, **properties: Any) -> tuple[str, str]:
        self.nodes[(label, key)] = {"label": label, "key": key, "properties": properties}
        return (label, key)

    def country(self, iso2: str) -> tuple[str, str]:
        return self.node("Country", iso2, name=COUNTRY_NAMES[iso2])

    def agency(self, key: str) -> tuple[str, str]:
        return self.node("Agency", key, **AGENCIES[key])

    def rel(
        self,
        rel_type: str,
        src: tuple[str, str],
        dst: tuple[str, str],
        sentence: str,
        *,
        certainty: str = "reported",
        **properties: Any,
    ) -> None:
        text = self.report.text
        start = text.find(sentence)
        if start < 0:
            raise AssertionError(f"evidence not in the report text: {sentence!r}")
        self.relationships.append(
            {
                "type": rel_type,
                "from": {"label": src[0], "key": src[1]},
                "to": {"label": dst[0], "key": dst[1]},
                "evidence": sentence,
                "evidence_start": start,
                "evidence_end": start + len(sentence),
                "certainty": certainty,
                "properties": properties,
            }
        )

    def data(self) -> dict[str, Any]:
        return {
            "graphkit": "graphkit-facts/1",
            "report": self.report.model_dump(),
            "nodes": list(self.nodes.values()),
            "relationships": self.relationships,
        }

    def build(self) -> FactsDocument:
        return FactsDocument.from_dict(self.data(), origin=self.report.source)


def report_ref(doc: FactsDocument) -> tuple[str, str]:
    return ("Report", doc.report.key)


# --------------------------------------------------------------------------------------
# Report 1: the Belgian action day against an Albanian-speaking network
# --------------------------------------------------------------------------------------

ACTION_DAY_TEXT = """\
Belgian Federal Police dismantle an Albanian-speaking drug network

Brussels, 14 March 2024. The Belgian Federal Police, supported by Europol, dismantled an \
Albanian-speaking criminal network that trafficked cannabis and cocaine between the \
Netherlands, Belgium and France.
On 12 March officers searched 23 premises and arrested 17 suspects: 14 in Belgium and 3 \
in France.
The French National Police took part in the action day in France.
Investigators seized 1.2 tonnes of cannabis, 45 kg of cocaine and EUR 850 000 in cash.
The network is believed to have laundered its profits through car dealerships in the \
Netherlands.
Europol coordinated the exchange of information between the Belgian and French \
investigators.
"""

S_LEAD = (
    "The Belgian Federal Police, supported by Europol, dismantled an Albanian-speaking "
    "criminal network that trafficked cannabis and cocaine between the Netherlands, "
    "Belgium and France."
)
S_ARRESTS = (
    "On 12 March officers searched 23 premises and arrested 17 suspects: 14 in Belgium and 3 "
    "in France."
)
S_FRENCH = "The French National Police took part in the action day in France."
S_SEIZED = "Investigators seized 1.2 tonnes of cannabis, 45 kg of cocaine and EUR 850 000 in cash."
S_LAUNDER = (
    "The network is believed to have laundered its profits through car dealerships in the "
    "Netherlands."
)
S_EUROPOL = (
    "Europol coordinated the exchange of information between the Belgian and French investigators."
)


def action_day_builder(
    *, source: str = "data/reports/be-albanian-network.txt", arrests_in_belgium: int = 14
) -> FactsBuilder:
    b = FactsBuilder(
        ACTION_DAY_TEXT,
        source,
        title="Belgian Federal Police dismantle an Albanian-speaking drug network",
        published="2024-03-14",
    )
    op = b.node(
        "Operation",
        b.scoped("operation", "action-day"),
        name=None,
        start_date="2024-03-12",
        end_date="2024-03-12",
        arrests=17,
        searches=23,
        crimes=["drug_trafficking", "money_laundering"],
    )
    group = b.node(
        "CriminalGroup",
        b.scoped("criminalgroup", "albanian-speaking-network"),
        name=None,
        descriptor="an Albanian-speaking criminal network",
        crimes=["drug_trafficking", "money_laundering"],
    )
    be, fr, nl = b.country("BE"), b.country("FR"), b.country("NL")
    police, europol, french = b.agency(BELGIAN_POLICE), b.agency(EUROPOL), b.agency(FRENCH_POLICE)
    cannabis = b.node(
        "Seizure", b.scoped("seizure", "cannabis"), item="cannabis", quantity=1200, unit="kg"
    )
    cocaine = b.node(
        "Seizure", b.scoped("seizure", "cocaine"), item="cocaine", quantity=45, unit="kg"
    )
    cash = b.node("Seizure", b.scoped("seizure", "cash"), item="cash", quantity=850000, unit="EUR")

    b.rel("DESCRIBES", report_ref_of(b), op, S_LEAD)
    b.rel("PARTICIPATED_IN", police, op, S_LEAD, role="led")
    b.rel("PARTICIPATED_IN", europol, op, S_LEAD, role="supported")
    b.rel("PARTICIPATED_IN", french, op, S_FRENCH, role="participated")
    b.rel("COOPERATED_WITH", police, europol, S_LEAD)
    b.rel("COOPERATED_WITH", police, french, S_EUROPOL)
    b.rel("COOPERATED_WITH", europol, french, S_EUROPOL)
    b.rel("BASED_IN", police, be, S_LEAD)
    b.rel("BASED_IN", french, fr, S_FRENCH)
    b.rel("TARGETED", op, group, S_LEAD)
    for country in (be, fr, nl):
        b.rel("OPERATED_IN", group, country, S_LEAD)
    b.rel("ARRESTED_IN", group, be, S_ARRESTS, count=arrests_in_belgium)
    b.rel("ARRESTED_IN", group, fr, S_ARRESTS, count=3)
    b.rel("CONDUCTED_IN", op, be, S_ARRESTS)
    b.rel("CONDUCTED_IN", op, fr, S_FRENCH)
    for seizure in (cannabis, cocaine, cash):
        b.rel("SEIZED", op, seizure, S_SEIZED)
    return b


def report_ref_of(b: FactsBuilder) -> tuple[str, str]:
    return ("Report", b.key)


def action_day() -> FactsDocument:
    """Report 1: 3 countries, 3 agencies, 1 operation, 1 group, 3 seizures, 20 relationships."""
    return action_day_builder().build()


def action_day_corrected() -> FactsDocument:
    """Report 1 after review: 13 (not 14) arrests in Belgium, no Dutch activity, no cash.

    Same text, so the same report key: loading it replaces the first version.
    """
    b = action_day_builder(arrests_in_belgium=13)
    group = ("CriminalGroup", b.scoped("criminalgroup", "albanian-speaking-network"))
    cash = ("Seizure", b.scoped("seizure", "cash"))
    del b.nodes[cash]
    b.relationships = [
        r
        for r in b.relationships
        if (r["to"]["label"], r["to"]["key"]) != cash
        and not (
            r["type"] == "OPERATED_IN"
            and (r["from"]["label"], r["from"]["key"]) == group
            and r["to"]["key"] == "NL"
        )
    ]
    return b.build()


# --------------------------------------------------------------------------------------
# Report 2: the Dutch follow-up, sharing countries and agencies with report 1
# --------------------------------------------------------------------------------------

FOLLOW_UP_TEXT = """\
Suspected money launderer arrested in Rotterdam

Rotterdam, 2 May 2024. The Dutch National Police arrested a 41-year-old man suspected of \
laundering money for an Albanian-speaking network that was dismantled in Belgium in March.
The arrest followed information exchanged through Europol with the Belgian Federal Police.
The suspect, Dritan Kola, is believed to have moved more than EUR 3 million through car \
dealerships.
Officers seized EUR 120 000 in cash and two luxury vehicles.
"""

F_LEAD = (
    "The Dutch National Police arrested a 41-year-old man suspected of laundering money for "
    "an Albanian-speaking network that was dismantled in Belgium in March."
)
F_EXCHANGE = (
    "The arrest followed information exchanged through Europol with the Belgian Federal Police."
)
F_SUSPECT = (
    "The suspect, Dritan Kola, is believed to have moved more than EUR 3 million through car "
    "dealerships."
)
F_SEIZED = "Officers seized EUR 120 000 in cash and two luxury vehicles."


def follow_up() -> FactsDocument:
    """Report 2: shares BE, NL, Europol and the Belgian Federal Police with report 1."""
    b = FactsBuilder(
        FOLLOW_UP_TEXT,
        "data/reports/nl-money-launderer.md",
        title="Suspected money launderer arrested in Rotterdam",
        published="2024-05",
    )
    op = b.node(
        "Operation",
        b.scoped("operation", "rotterdam-arrest"),
        name=None,
        arrests=1,
        crimes=["money_laundering"],
    )
    group = b.node(
        "CriminalGroup",
        b.scoped("criminalgroup", "albanian-speaking-network"),
        descriptor="an Albanian-speaking network",
        crimes=["money_laundering"],
    )
    person = b.node(
        "Person", b.scoped("person", "dritan-kola"), name="Dritan Kola", nationality=None, age=41
    )
    be, nl = b.country("BE"), b.country("NL")
    dutch, europol, police = b.agency(DUTCH_POLICE), b.agency(EUROPOL), b.agency(BELGIAN_POLICE)
    cash = b.node("Seizure", b.scoped("seizure", "cash"), item="cash", quantity=120000, unit="EUR")
    cars = b.node(
        "Seizure", b.scoped("seizure", "vehicles"), item="luxury vehicles", quantity=2, unit=None
    )

    b.rel("DESCRIBES", report_ref_of(b), op, F_LEAD)
    b.rel("PARTICIPATED_IN", dutch, op, F_LEAD, role="led")
    b.rel("PARTICIPATED_IN", europol, op, F_EXCHANGE, role="supported")
    b.rel("PARTICIPATED_IN", police, op, F_EXCHANGE, role="supported")
    b.rel("COOPERATED_WITH", dutch, europol, F_EXCHANGE)
    b.rel("COOPERATED_WITH", dutch, police, F_EXCHANGE)
    b.rel("BASED_IN", dutch, nl, F_LEAD)
    b.rel("BASED_IN", police, be, F_EXCHANGE)  # the same fact as in report 1, its own edge
    b.rel("TARGETED", op, group, F_LEAD)
    b.rel("OPERATED_IN", group, be, F_LEAD)
    b.rel("ARRESTED_IN", person, nl, F_LEAD)
    b.rel("MEMBER_OF", person, group, F_SUSPECT, certainty="alleged")
    b.rel("CONDUCTED_IN", op, nl, F_LEAD)
    b.rel("SEIZED", op, cash, F_SEIZED)
    b.rel("SEIZED", op, cars, F_SEIZED)
    return b.build()


# --------------------------------------------------------------------------------------
# Report 3: text with awkward characters, a canonical group, a report with few facts
# --------------------------------------------------------------------------------------

AWKWARD_TEXT = """\
Europol: « Opération Mare Nostrum » — 'Ndrangheta cell hit in Liège & Lille

Europol said: "The 'Ndrangheta cell laundered €2.5m via C:\\shell\\companies & <script>."
Carabinieri and the Belgian Federal Police worked together under the JIT "Mare Nostrum".
Arrests: 5 in Italy (Reggio Calabria) and 2 in Belgium (Liège).
"""

A_EUROPOL = (
    'Europol said: "The \'Ndrangheta cell laundered €2.5m via C:\\shell\\companies & <script>."'
)
A_JIT = 'Carabinieri and the Belgian Federal Police worked together under the JIT "Mare Nostrum".'
A_ARRESTS = "Arrests: 5 in Italy (Reggio Calabria) and 2 in Belgium (Liège)."
CARABINIERI = entity_key("agency", "it", "carabinieri")
NDRANGHETA = entity_key("criminalgroup", "ndrangheta")


def mare_nostrum() -> FactsDocument:
    """Report 3: quotes, backslashes, ``<script>``, accents; the canonical 'Ndrangheta node."""
    b = FactsBuilder(
        AWKWARD_TEXT,
        "data/reports/mare-nostrum « é ».txt",
        title="Europol: « Opération Mare Nostrum » — 'Ndrangheta cell hit in Liège & Lille",
        published="2023",
    )
    op = b.node(
        "Operation",
        b.scoped("operation", "mare-nostrum"),
        name='Opération "Mare Nostrum"',
        arrests=7,
        crimes=["money_laundering"],
    )
    group = b.node(
        "CriminalGroup",
        NDRANGHETA,
        name="'Ndrangheta",
        descriptor="the 'Ndrangheta cell",
        crimes=["money_laundering", "drug_trafficking"],
    )
    it, be = b.country("IT"), b.country("BE")
    carabinieri = b.node(
        "Agency", CARABINIERI, name="Arma dei Carabinieri", country="IT", kind="police"
    )
    police, europol = b.agency(BELGIAN_POLICE), b.agency(EUROPOL)
    b.rel("DESCRIBES", report_ref_of(b), op, A_JIT)
    b.rel("PARTICIPATED_IN", carabinieri, op, A_JIT, role="participated")
    b.rel("PARTICIPATED_IN", police, op, A_JIT, role="participated")
    b.rel("PARTICIPATED_IN", europol, op, A_EUROPOL, role="supported")
    b.rel("COOPERATED_WITH", carabinieri, police, A_JIT)
    b.rel("BASED_IN", carabinieri, it, A_JIT)
    b.rel("TARGETED", op, group, A_EUROPOL)
    b.rel("OPERATED_IN", group, it, A_ARRESTS)
    b.rel("OPERATED_IN", group, be, A_ARRESTS, certainty="alleged")
    b.rel("ARRESTED_IN", group, it, A_ARRESTS, count=5)
    b.rel("ARRESTED_IN", group, be, A_ARRESTS, count=2)
    b.rel("CONDUCTED_IN", op, it, A_ARRESTS)
    b.rel("CONDUCTED_IN", op, be, A_ARRESTS)
    return b.build()


def all_documents() -> list[FactsDocument]:
    return [action_day(), follow_up(), mare_nostrum()]


# --------------------------------------------------------------------------------------
# The reference: what a store must hold after writing some documents, in plain Python
# --------------------------------------------------------------------------------------


def expected_graph(docs: list[FactsDocument]) -> GraphData:
    """The graph the contract promises after writing ``docs`` in order (later reports win).

    Nodes: one per label and key; scalar properties take the newest non-null value, list
    properties and ``reports`` (the supporting report keys) are unions; a property no
    document gave is None. Relationships: one per report, type and ordered pair, with
    its provenance. Lists compare sorted, as :meth:`GraphStore.read_graph` returns them.
    """
    nodes: dict[tuple[str, str], dict[str, Any]] = {}
    edges: dict[tuple[str, tuple[str, str], tuple[str, str], str], dict[str, Any]] = {}
    for doc in docs:
        report = doc.report
        nodes[("Report", report.key)] = {
            **report.model_dump(exclude={"key"}),
            model.FACTS_PROPERTY.name: doc.digest(),
        }
        for node in doc.nodes:
            spec = model.node_type(node.label)
            fresh = {
                p.name: None for p in model.read_node_properties(node.label) if p.name != spec.key
            }
            props = nodes.setdefault((node.label, node.key), fresh)
            for name, value in node.properties.items():
                if isinstance(value, list):
                    props[name] = sorted(set(props[name] or []) | set(value))
                elif value is not None:
                    props[name] = value
            for prop in spec.properties:
                if prop.type is model.PropertyType.STRING_LIST and props[prop.name] is None:
                    props[prop.name] = []
            props["reports"] = sorted({*(props["reports"] or []), report.key})
        for rel in doc.relationships:
            props = {p.name: None for p in model.relationship_properties(rel.type)}
            props.update(rel.properties)
            props.update(
                report=report.key,
                evidence=rel.evidence,
                evidence_start=rel.evidence_start,
                evidence_end=rel.evidence_end,
                certainty=rel.certainty,
            )
            src, dst = (rel.src.label, rel.src.key), (rel.dst.label, rel.dst.key)
            edges[(rel.type, src, dst, report.key)] = props
    return GraphData(
        nodes=[GraphNode(label, key, props) for (label, key), props in nodes.items()],
        edges=[GraphEdge(t, src, dst, props) for (t, src, dst, _), props in edges.items()],
    ).sorted()


def expected_counts(docs: list[FactsDocument]) -> dict[str, dict[str, int]]:
    graph = expected_graph(docs)
    return {
        "nodes": {label: sum(n.label == label for n in graph.nodes) for label in model.NODE_TYPES},
        "relationships": {
            t: sum(e.type == t for e in graph.edges) for t in model.RELATIONSHIP_TYPES
        },
    }


def with_operation_property(doc: FactsDocument, prop: str, value: Any) -> FactsDocument:
    """A copy of ``doc`` whose Operation has ``prop = value`` set past validation, as if a bug
    let it through: for checking what a store does with a value its database rejects."""
    doc = doc.model_copy(deep=True)
    for each in doc.nodes:
        if each.label == "Operation":
            each.properties[prop] = value
    return doc
