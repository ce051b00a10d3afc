"""Named queries that count right: each answer computed again, in plain Python, from the facts
documents written, and compared with what the query returns on each store.

Besides the shared test documents, one more report is written that sets the traps a count
falls into: a seizure the text places in one country of an operation that acted in two, and
one it places nowhere; a person named among the arrests a report counts in a country, and
one named where it counts fewer; an operation dated "2021-10" in a report with no date; and
an operation two reports describe.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx
import pytest
from factories import (
    EUROPOL,
    FactsBuilder,
    expected_graph,
    mare_nostrum,
)
from test_query_library import documents, run

from graphkit.facts import FactsDocument, entity_key
from graphkit.store.base import GraphData, GraphStore

TRAPS_TEXT = """\
Joint action against a cocaine route

Investigators of the Dutch National Police and the French National Police dismantled a \
cocaine route between the Netherlands and France in October 2021.
In the port of Rotterdam officers seized 3 043 kg of cocaine; 12 000 EUR in cash were also seized.
Five suspects were arrested in the Netherlands, among them Jan Visser.
In France, Marc Petit and Luc Blanc were arrested.
The Carabinieri took part in the action against the 'Ndrangheta.
"""

T_LEAD = (
    "Investigators of the Dutch National Police and the French National Police dismantled a "
    "cocaine route between the Netherlands and France in October 2021."
)
T_SEIZED = (
    "In the port of Rotterdam officers seized 3 043 kg of cocaine; 12 000 EUR in cash were also "
    "seized."
)
T_NL = "Five suspects were arrested in the Netherlands, among them Jan Visser."
T_FR = "In France, Marc Petit and Luc Blanc were arrested."
T_JIT = "The Carabinieri took part in the action against the 'Ndrangheta."


def traps() -> FactsDocument:
    """A report without a date about an operation of "2021-10" in NL and FR."""
    from factories import CARABINIERI, DUTCH_POLICE, FRENCH_POLICE, NDRANGHETA

    b = FactsBuilder(TRAPS_TEXT, "data/reports/cocaine-route.txt", title="Cocaine route")
    op = b.node("Operation", b.scoped("operation", "route"), name=None, start_date="2021-10")
    group = b.node(
        "CriminalGroup", b.scoped("criminalgroup", "route"), descriptor="a cocaine network"
    )
    nl, fr = b.country("NL"), b.country("FR")
    dutch, french = b.agency(DUTCH_POLICE), b.agency(FRENCH_POLICE)
    cocaine = b.node(
        "Seizure",
        b.scoped("seizure", "cocaine"),
        item="Cocaine",
        quantity=3043,
        unit="kg",
        country="NL",
    )
    cash = b.node("Seizure", b.scoped("seizure", "cash"), item="cash", quantity=12000, unit="EUR")
    visser = b.node("Person", b.scoped("person", "visser"), name="Jan Visser")
    petit = b.node("Person", b.scoped("person", "petit"), name="Marc Petit")
    blanc = b.node("Person", b.scoped("person", "blanc"), name="Luc Blanc")
    b.rel("DESCRIBES", ("Report", b.key), op, T_LEAD)
    b.rel("PARTICIPATED_IN", dutch, op, T_LEAD, role="led")
    b.rel("PARTICIPATED_IN", french, op, T_LEAD, role="participated")
    b.rel("CONDUCTED_IN", op, nl, T_LEAD)
    b.rel("CONDUCTED_IN", op, fr, T_LEAD)
    b.rel("TARGETED", op, group, T_LEAD)
    b.rel("SEIZED", op, cocaine, T_SEIZED)
    b.rel("SEIZED", op, cash, T_SEIZED)
    b.rel("ARRESTED_IN", group, nl, T_NL, count=5)  # Jan Visser is one of the five
    b.rel("ARRESTED_IN", visser, nl, T_NL)
    b.rel("ARRESTED_IN", petit, fr, T_FR)  # no count for France: two named persons
    b.rel("ARRESTED_IN", blanc, fr, T_FR)
    # the Mare Nostrum operation again, from this second report (which gives no date)
    other = b.node("Operation", next(n.key for n in mare_nostrum().nodes if n.label == "Operation"))
    carabinieri = b.node("Agency", CARABINIERI, name="Arma dei Carabinieri", country="IT")
    ndrangheta = b.node("CriminalGroup", NDRANGHETA, name="'Ndrangheta")
    b.rel("DESCRIBES", ("Report", b.key), other, T_JIT)
    b.rel("PARTICIPATED_IN", carabinieri, other, T_JIT, role="participated")
    b.rel("TARGETED", other, ndrangheta, T_JIT)
    return b.build()


YEARLESS_TEXT = (
    "Raids on 3 April\n\nOn 3 April officers of the Dutch National Police searched a warehouse.\n"
)
Y_LEAD = "On 3 April officers of the Dutch National Police searched a warehouse."


def yearless() -> FactsDocument:
    """An operation of "--04-03" (no year) in a report published on 2023-04-05."""
    from factories import DUTCH_POLICE

    b = FactsBuilder(YEARLESS_TEXT, "data/reports/raids.txt", published="2023-04-05")
    op = b.node("Operation", b.scoped("operation", "raids"), name=None, start_date="--04-03")
    b.rel("DESCRIBES", ("Report", b.key), op, Y_LEAD)
    b.rel("PARTICIPATED_IN", b.agency(DUTCH_POLICE), op, Y_LEAD, role="led")
    return b.build()


def all_docs() -> list[FactsDocument]:
    return [*documents(), traps(), yearless()]


@pytest.fixture
def graph(store: GraphStore) -> GraphStore:
    """Each store in turn, holding every document."""
    for doc in all_docs():
        store.write(doc)
    return store


def truth() -> GraphData:
    return expected_graph(all_docs())


def props(data: GraphData) -> dict[tuple[str, str], dict[str, Any]]:
    return {(n.label, n.key): n.properties for n in data.nodes}


# --------------------------------------------------------------------------------------
# The answers, computed from the documents
# --------------------------------------------------------------------------------------


def expected_seizures(item: str | None) -> list[dict[str, Any]]:
    groups: dict[tuple[str, str, str], list[float | None]] = defaultdict(list)
    for node in truth().nodes:
        p = node.properties
        if node.label != "Seizure" or (item and item.lower() not in p["item"].lower()):
            continue
        groups[(p["item"].lower(), p["unit"] or "", p["country"] or "unknown")].append(
            p["quantity"]
        )
    rows = []
    for (name, unit, iso2), quantities in sorted(groups.items()):
        known = [q for q in quantities if q is not None]
        rows.append(
            {
                "item": name,
                "unit": unit,
                "iso2": iso2,
                "seizures": len(quantities),
                "quantity": sum(known) if known else None,
            }
        )
    return rows


def _year(date: str | None) -> str | None:
    return date[:4] if date and date[:4].isdigit() else None


def expected_arrests() -> list[dict[str, Any]]:
    data = truth()
    nodes = props(data)
    started: dict[str, list[str]] = defaultdict(list)  # report -> its operations' dates
    for e in data.edges:
        if e.type == "DESCRIBES":
            date = nodes[e.dst]["start_date"]
            if _year(date):
                started[e.src[1]].append(date)
    named: dict[tuple[str, str], int] = defaultdict(int)
    counted: dict[tuple[str, str], int] = defaultdict(int)
    for e in data.edges:
        if e.type != "ARRESTED_IN":
            continue
        at = (e.properties["report"], e.dst[1])
        if e.src[0] == "Person":
            named[at] += 1
        else:
            counted[at] += e.properties["count"] or 1
    totals: dict[tuple[str, str], int] = defaultdict(int)
    reports: dict[tuple[str, str], set[str]] = defaultdict(set)
    for report, iso2 in set(named) | set(counted):
        year = (
            _year(min(started[report], default=None))
            or _year(nodes[("Report", report)]["published"])
            or "unknown"
        )
        totals[(iso2, year)] += max(named[(report, iso2)], counted[(report, iso2)])
        reports[(iso2, year)].add(report)
    return [
        {
            "iso2": iso2,
            "country": nodes[("Country", iso2)]["name"],
            "year": year,
            "arrests": totals[(iso2, year)],
            "reports": len(reports[(iso2, year)]),
        }
        for iso2, year in sorted(totals)
    ]


def expected_agency_operations(agency: str) -> list[tuple[str, str | None, str, list[str]]]:
    """(operation key, date, role, partners) for each operation and role of ``agency``."""
    data = truth()
    nodes = props(data)
    published: dict[str, list[str]] = defaultdict(list)
    takers: dict[str, set[str]] = defaultdict(set)
    roles: set[tuple[str, str]] = set()
    for e in data.edges:
        if e.type == "DESCRIBES" and nodes[e.src]["published"]:
            published[e.dst[1]].append(nodes[e.src]["published"])
        if e.type == "PARTICIPATED_IN":
            takers[e.dst[1]].add(e.src[1])
            if e.src[1] == agency:
                roles.add((e.dst[1], e.properties["role"]))
    rows = []
    for op, role in roles:
        date = nodes[("Operation", op)]["start_date"] or min(published[op], default=None)
        partners = sorted(nodes[("Agency", a)]["name"] for a in takers[op] - {agency})
        rows.append((op, date, role, partners))
    return sorted(rows, key=lambda r: (r[1] or "", r[0], r[2]))


def shown(attrs: dict[str, Any], key: str) -> str:
    for name in ("display_name", "name", "descriptor", "title", "item", "iso2"):
        if attrs.get(name):
            return str(attrs[name])
    return key


def expected_chains(source: tuple[str, str], target: tuple[str, str], *, countries: bool) -> set:
    """The shortest chains (up to 4 hops) as the connections query names them."""
    data = truth()
    nodes = props(data)
    g = nx.Graph()
    for e in data.edges:
        if not countries and e.type == "BASED_IN":
            continue
        g.add_edge(e.src, e.dst)
    if not countries:
        g.remove_nodes_from([n for n in list(g) if n[0] == "Country" and n not in (source, target)])
    try:
        paths = list(nx.all_shortest_paths(g, source, target))
    except nx.NetworkXNoPath:
        return set()
    return {
        (len(p) - 1, " > ".join(shown(nodes[n], n[1]) for n in p)) for p in paths if len(p) <= 5
    }


# --------------------------------------------------------------------------------------
# The queries, on each store
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("item", [None, "cocaine", "CASH"])
def test_seizures_count_once_under_their_own_country(graph: GraphStore, item: str | None) -> None:
    rows = run(graph, "seizures_by_item_country", {"item": item})
    assert rows == expected_seizures(item)
    # 3,043 kg of cocaine were seized in the Netherlands: not also in France, where the
    # operation acted too; the cash the text places nowhere is "unknown", once
    if item != "CASH":
        assert {"item": "cocaine", "unit": "kg", "iso2": "NL", "seizures": 1, "quantity": 3043} in (
            rows
        )
        assert not any(r["iso2"] == "FR" for r in rows)
    total = sum(r["seizures"] for r in run(graph, "seizures_by_item_country", {"item": None}))
    assert total == graph.counts()["nodes"]["Seizure"]


def test_arrests_count_named_persons_once_and_date_by_the_operation(graph: GraphStore) -> None:
    rows = run(graph, "arrests_by_country_year", {})
    assert rows == expected_arrests()
    by = {(r["iso2"], r["year"]): r["arrests"] for r in rows}
    assert by[("NL", "2021")] == 5  # Jan Visser is one of the five, dated by the operation
    assert by[("FR", "2021")] == 2  # two named persons, no count
    assert by[("BE", "unknown")] == 55  # the seed report: no date anywhere


def test_agency_operations_give_one_row_per_operation_and_role(graph: GraphStore) -> None:
    for agency in (EUROPOL, entity_key("agency", "it", "carabinieri")):
        rows = run(graph, "agency_operations", {"agency": agency})
        got = sorted(
            ((r["key"], r["date"], r["role"], r["partners"]) for r in rows),
            key=lambda r: (r[1] or "", r[0], r[2]),
        )
        assert got == expected_agency_operations(agency)
        assert len({(r["key"], r["role"]) for r in rows}) == len(rows)


CONNECTIONS = [
    (("Agency", EUROPOL), ("CriminalGroup", "criminalgroup:ndrangheta")),
    (("Agency", EUROPOL), ("Country", "IT")),
    (("Agency", entity_key("agency", "nl", "national-police")), ("Country", "BE")),
]


@pytest.mark.parametrize("countries", [False, True], ids=["default", "through-countries"])
@pytest.mark.parametrize(("source", "target"), CONNECTIONS, ids=lambda v: v[1])
def test_connections_keep_out_of_countries_unless_asked(
    graph: GraphStore, source: tuple[str, str], target: tuple[str, str], countries: bool
) -> None:
    params = {"source": source[1], "target": target[1], "through_countries": countries or None}
    rows = run(graph, "connections", params)
    assert {(r["hops"], r["chain"]) for r in rows} == expected_chains(
        source, target, countries=countries
    )
    if not countries:
        for r in rows:
            assert "BASED_IN" not in r["types"]
            middle = r["chain"].split(" > ")[1:-1]
            assert not set(middle) & {"Belgium", "France", "Netherlands", "Italy"}


def test_an_agency_home_is_no_connection_by_default(graph: GraphStore) -> None:
    """The Dutch police worked with the Belgian police, whose home is Belgium: two hops by
    BASED_IN, three by what someone did there (a group the Dutch operation targeted)."""
    params = {"source": entity_key("agency", "nl", "national-police"), "target": "BE"}
    plain = run(graph, "connections", params)
    wide = run(graph, "connections", {**params, "through_countries": True})
    assert {r["hops"] for r in plain} == {3}
    assert {r["hops"] for r in wide} == {2}
    assert all(r["types"].endswith("BASED_IN") for r in wide)


def test_a_date_without_a_year_is_placed_by_its_report_as_the_timeline_does(
    graph: GraphStore,
) -> None:
    from graphkit.analytics import timeline

    key = yearless().report.key.removeprefix("report:")
    rows = run(graph, "operations_timeline", {"since": None, "until": None})
    keys = [r["key"] for r in rows]
    mine = next(k for k in keys if key in k)
    placed = next(r for r in rows if r["key"] == mine)
    assert placed["date"] == "--04-03"  # shown as the text gave it
    before = [r["date"] for r in rows[: keys.index(mine)]]
    after = [r["date"] for r in rows[keys.index(mine) + 1 :]]
    assert all(d is not None and d[:4] <= "2023" and not d.startswith("--") for d in before)
    assert all(d is None or d.startswith("--") or d >= "2023-04-05" for d in after)
    assert after[-1] == "--04-03"  # the seed's: no year in its report either, so last
    april = run(graph, "operations_timeline", {"since": "2023-04", "until": "2023-04"})
    assert [r["key"] for r in april] == [mine]
    ordered = [r["key"] for r in timeline(graph.read_graph()) if r["key"] in keys]
    assert ordered.index(mine) == keys.index(mine)
