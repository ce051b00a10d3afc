"""The view as a place to work, in headless Chromium: readable labels at every zoom, a
details column that lists everything and opens the report at the sentence, relationship
types and filters in the page, double-click expansion, a PNG of the picture.

Screenshots of the view at fit, zoomed in, with the panel open and after expanding a node
are kept under ``artifacts/view/`` (gitignored: an output of the tests).
"""

from __future__ import annotations

import base64
from pathlib import Path

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from view_browser import Browser, assert_clean, decode_png, settle
from view_synthetic import synthetic_graph

from graphkit.store.ladybug import LadybugStore
from graphkit.view import Projection, ViewOptions, build_view, view_store
from graphkit.view.build import LABELS, build_network

EUROPOL = "Agency:agency:eu:europol"
BFP = "Agency:agency:be:belgian-federal-police"
DUTCH = "Agency:agency:nl:dutch-national-police"


def shot(browser: Browser, artifacts: Path, name: str) -> None:
    browser.driver.save_screenshot(str(artifacts / name))


def rect(browser: Browser, selector: str) -> dict:
    return browser.js(
        "var r = document.querySelector(arguments[0]).getBoundingClientRect();"
        "return {top: r.top, bottom: r.bottom, left: r.left, right: r.right};",
        selector,
    )


def wait_labels(browser: Browser) -> list:
    browser.js("window.graphkitView.labels = null; window.graphkitView.network.redraw();")
    return browser.wait_for("return window.graphkitView.labels", 10)


def test_labels_in_screen_pixels_biggest_at_fit_all_from_a_zoom_level(
    browser: Browser, tmp_path: Path, artifacts: Path
) -> None:
    view = build_view(synthetic_graph(135))
    assert_clean(browser.open(view.save(tmp_path / "labels.html")))
    settle(browser)
    # vis-network draws no node label of its own (they would be a few pixels at fit)
    assert browser.js("return window.graphkitView.nodes.get().every(n => n.label === undefined)")
    scale = browser.js("return window.graphkitView.network.getScale()")
    assert scale < LABELS["allFromScale"]  # at fit, a graph of this size is zoomed out
    labels = wait_labels(browser)
    shot(browser, artifacts, "fit.png")
    values = browser.js(
        "var out = {}; window.graphkitView.nodes.forEach(n => { out[n.id] = n.value; });return out;"
    )
    ranked = sorted(values, key=lambda n: (-values[n], n))
    drawn = {node_id: px for node_id, px in labels}
    # the biggest nodes are labelled at fit (one is skipped only where it would overlap a
    # bigger one's label); not every node: their labels would overlap
    assert ranked[0] in drawn and len(set(ranked[:10]) & set(drawn)) >= 5
    assert 0 < len(drawn) < view.nodes
    mean = lambda ids: sum(values[n] for n in ids) / len(ids)  # noqa: E731
    assert mean(drawn) > mean(set(values) - set(drawn))  # the labelled are the bigger
    assert all(LABELS["minPx"] <= px <= LABELS["maxPx"] for px in drawn.values())
    assert drawn[ranked[0]] == LABELS["maxPx"]
    # zoomed in past allFromScale: every node on screen is labelled, at the same sizes
    browser.js(
        "var n = window.graphkitView.network;"
        "n.moveTo({position: n.getPositions([arguments[0]])[arguments[0]], scale: arguments[1]});",
        ranked[0],
        LABELS["allFromScale"] + 0.25,
    )
    labels = wait_labels(browser)
    shot(browser, artifacts, "zoomed.png")
    on_screen = browser.js(
        "var v = window.graphkitView, n = v.network;"
        "var c = document.querySelector('#gk-graph canvas');"
        "return v.nodes.getIds().filter(function (id) {"
        "  var p = n.canvasToDOM(n.getPositions([id])[id]);"
        "  return p.x > 40 && p.x < c.clientWidth - 40 && p.y > 0 && p.y < c.clientHeight - 40;"
        "});"
    )
    zoomed = {node_id: px for node_id, px in labels}
    assert on_screen and set(on_screen) <= set(zoomed)
    assert all(LABELS["minPx"] <= px <= LABELS["maxPx"] for px in zoomed.values())
    assert zoomed[ranked[0]] == drawn[ranked[0]]  # screen pixels: the zoom does not change it
    assert_clean(browser.more_log())


def test_details_scroll_on_their_own_beside_the_legend_and_list_every_report(
    browser: Browser, tmp_path: Path
) -> None:
    graph = synthetic_graph(300)
    reports = [n.key for n in graph.nodes if n.label == "Report"]
    agency = next(n for n in graph.nodes if n.label == "Agency")
    agency.properties["reports"] = reports  # an agency in every report
    view = build_view(graph)
    assert_clean(browser.open(view.save(tmp_path / "many.html")))
    node_id, total = f"Agency:{agency.key}", len(reports)
    assert total > 30  # an agency of many operations: more than fits in the column
    browser.js("window.graphkitView.showDetails('node', arguments[0])", node_id)
    items = browser.js(
        "return Array.from(document.querySelectorAll('#gk-details li'), li => li.textContent)"
    )
    assert len(items) == total and not any("more" in item for item in items)
    details, legend = rect(browser, "#gk-details"), rect(browser, "#gk-panel")
    height = browser.js("return window.innerHeight")
    assert details["bottom"] <= height  # does not run off the page...
    assert details["left"] >= legend["right"]  # ... nor sit under the legend
    scrolls = browser.js(
        "var d = document.getElementById('gk-details');"
        "var before = document.getElementById('gk-panel').getBoundingClientRect().top;"
        "d.scrollTop = d.scrollHeight;"
        "return [getComputedStyle(d).overflowY, d.scrollHeight > d.clientHeight, d.scrollTop > 0,"
        " document.scrollingElement.scrollTop,"
        " document.getElementById('gk-panel').getBoundingClientRect().top === before];"
    )
    assert scrolls == ["auto", True, True, 0, True]
    assert_clean(browser.more_log())


def test_evidence_marks_both_entities_and_opens_the_report_at_the_sentence(
    browser: Browser, seed_page, artifacts: Path
) -> None:
    _, path = seed_page
    assert_clean(browser.open(path))
    settle(browser)
    edge = browser.js(
        "var v = window.graphkitView;"
        "return v.edges.getIds({filter: e => (e.from === arguments[0] && e.to === arguments[1])"
        " || (e.from === arguments[1] && e.to === arguments[0])})[0];",
        BFP,
        DUTCH,
    )
    browser.js(
        "var v = window.graphkitView; v.network.selectEdges([arguments[0]]);"
        "v.network.emit('click', {nodes: [], edges: [arguments[0]]});",
        edge,
    )
    marks = browser.js(
        "return Array.from(document.querySelectorAll('#gk-details blockquote mark'),"
        " m => m.textContent)"
    )
    assert {"Belgian Federal Police", "Dutch National Police"} <= set(marks)
    button = browser.driver.find_element(By.CSS_SELECTOR, "#gk-details button.gk-open")
    assert button.text == "read in the report"
    button.click()
    reader = browser.js(
        "var text = document.getElementById('gk-reader-text');"
        "var mark = text.querySelector('mark.gk-evidence');"
        "var data = JSON.parse(document.getElementById('gk-data').textContent);"
        "var key = Object.keys(data.texts)[0];"
        "var t = text.getBoundingClientRect(), m = mark.getBoundingClientRect();"
        "return {hidden: document.getElementById('gk-reader').hidden,"
        " whole: text.textContent === data.texts[key], sentence: mark.textContent,"
        " inner: Array.from(mark.querySelectorAll('mark'), x => x.textContent),"
        " visible: m.top >= t.top && m.bottom <= t.bottom, scrolled: text.scrollTop > 0,"
        " elements: text.querySelectorAll('*').length};"
    )
    shot(browser, artifacts, "panel-open.png")
    assert reader["hidden"] is False and reader["whole"] is True
    assert reader["sentence"].startswith("The Belgian Federal Police led the investigation")
    assert {"Belgian Federal Police", "Dutch National Police"} <= set(reader["inner"])
    assert reader["visible"] is True  # scrolled to the sentence
    assert reader["elements"] == 1 + len(reader["inner"])  # text nodes and marks only
    browser.driver.find_element(By.ID, "gk-reader-close").click()
    assert browser.js("return document.getElementById('gk-reader').hidden") is True
    # a node's reports open the report from its start
    browser.js("window.graphkitView.showDetails('node', arguments[0])", EUROPOL)
    browser.driver.find_element(By.CSS_SELECTOR, "#gk-details button.gk-open").click()
    assert browser.js("return document.getElementById('gk-reader-text').scrollTop") == 0
    assert_clean(browser.more_log())


def test_the_legend_toggles_relationship_types_drawn_with_their_own_lines(
    browser: Browser, seed_page
) -> None:
    _, path = seed_page
    assert_clean(browser.open(path))
    coop = browser.js(
        "return window.graphkitView.edges.getIds({filter: e => e.title.textContent"
        ".indexOf('COOPERATED_WITH') === 0})"
    )
    visible = "return window.graphkitView.visibleEdgeIds()"
    assert coop and set(coop) <= set(browser.js(visible))
    box = browser.driver.find_element(
        By.CSS_SELECTOR, "#gk-legend-edges input[data-edge-type=COOPERATED_WITH]"
    )
    box.click()
    assert not set(coop) & set(browser.js(visible)) and browser.js(visible)
    drawn = browser.js("return window.graphkitView.network.body.edgeIndices")
    assert not set(coop) & set(drawn)
    box.click()
    assert set(coop) <= set(browser.js(visible))
    dashes = browser.js(
        "return Array.from(document.querySelectorAll('#gk-legend-edges li'), li => [li.textContent,"
        " li.querySelector('line').getAttribute('stroke-dasharray')])"
    )
    patterns = dict((text.rstrip("0123456789"), dash) for text, dash in dashes)
    assert patterns["BASED_IN"] != patterns["CONDUCTED_IN"]  # two greens, two lines
    assert_clean(browser.more_log())


def test_filters_for_dates_certainty_and_country(browser: Browser, tmp_path: Path) -> None:
    graph = synthetic_graph(80)
    view = build_view(graph)
    assert_clean(browser.open(view.save(tmp_path / "filters.html")))
    assert browser.js("return document.getElementById('gk-dates').hidden") is False
    everything = set(browser.js("return window.graphkitView.visibleNodeIds()"))
    # dates: moving the slider keeps the operations of those days
    browser.js(
        "var from = document.getElementById('gk-date-from');"
        "from.value = String(Math.floor(from.max / 2));"
        "from.dispatchEvent(new Event('input'));"
    )
    since = browser.js("return document.getElementById('gk-dates-text').textContent").split()[0]
    spans = browser.js(
        "var v = window.graphkitView, out = {};"
        "JSON.parse(document.getElementById('gk-data').textContent).nodes.forEach(function (n) {"
        "  if (n.gk.span) out[n.id] = [n.gk.span, !v.nodes.get(n.id).hidden]; });"
        "return out;"
    )
    assert any(shown for _, shown in spans.values()) and not all(
        shown for _, shown in spans.values()
    )
    assert all((span[1] >= since) == shown for span, shown in spans.values())
    browser.js("window.graphkitView.setDates('0000', '9999')")
    assert set(browser.js("return window.graphkitView.visibleNodeIds()")) == everything
    # certainty: alleged relationships off and on
    alleged = browser.js("return window.graphkitView.edges.getIds({filter: e => e.dashes"
                         " && e.dashes.join() === '2,5'})")  # fmt: skip
    assert alleged
    browser.driver.find_element(By.ID, "gk-alleged").click()
    assert not set(alleged) & set(browser.js("return window.graphkitView.visibleEdgeIds()"))
    browser.driver.find_element(By.ID, "gk-alleged").click()
    assert set(alleged) <= set(browser.js("return window.graphkitView.visibleEdgeIds()"))
    # country: the same nodes as `view --country` (one rule for both)
    code = "NL"
    browser.js(
        "var s = document.getElementById('gk-country'); s.value = arguments[0];"
        "s.dispatchEvent(new Event('change'));",
        code,
    )
    shown = set(browser.js("return window.graphkitView.visibleNodeIds()"))
    expected = {
        n["id"] for n in build_network(graph, ViewOptions(countries=frozenset({code}))).nodes
    }
    assert shown == expected and shown < everything
    assert_clean(browser.more_log())


def test_double_click_shows_the_neighbours_carried_beyond_the_view(
    browser: Browser, seed_store: LadybugStore, tmp_path: Path, artifacts: Path
) -> None:
    focused = view_store(seed_store, ViewOptions(focus="Europol", hops=1))
    whole = build_network(seed_store.read_graph(), ViewOptions())
    assert_clean(browser.open(focused.save(tmp_path / "focus.html")))
    settle(browser)
    before = set(browser.js("return window.graphkitView.nodes.getIds()"))
    assert BFP in before and len(before) == focused.nodes
    # a real double-click on the node
    browser.js(
        "var n = window.graphkitView.network;"
        "n.moveTo({position: n.getPositions([arguments[0]])[arguments[0]], scale: 1.2});",
        BFP,
    )
    settle(browser)
    x, y = browser.js(
        "var n = window.graphkitView.network, p = n.canvasToDOM(n.getPositions([arguments[0]])"
        "[arguments[0]]); var c = document.querySelector('#gk-graph canvas');"
        "return [p.x - c.clientWidth / 2, p.y - c.clientHeight / 2];",
        BFP,
    )
    canvas = browser.driver.find_element(By.CSS_SELECTOR, "#gk-graph canvas")
    ActionChains(browser.driver).move_to_element_with_offset(canvas, int(x), int(y)).double_click(
        canvas
    ).perform()
    browser.wait_for(f"return window.graphkitView.nodes.length > {len(before)}", 10)
    after = set(browser.js("return window.graphkitView.nodes.getIds()"))
    neighbours = {e["to"] for e in whole.edges if e["from"] == BFP} | {
        e["from"] for e in whole.edges if e["to"] == BFP
    }
    expected = before | neighbours
    assert after - before and after == expected
    assert "more next to" in browser.js(
        "return document.getElementById('gk-search-status').textContent"
    )
    names = browser.js(
        "return Array.from(document.querySelectorAll('#gk-names option'), o => o.value)"
    )
    assert "Belgium" in names  # the search box knows the nodes shown by expanding
    browser.driver.find_element(By.ID, "gk-fit").click()  # the mouse off the graph, all in view
    settle(browser)
    shot(browser, artifacts, "expanded.png")
    # once every neighbour is shown, a second double-click says so and adds nothing
    assert browser.js("return window.graphkitView.expand(arguments[0])", BFP) == 0
    assert "Every neighbour" in browser.js(
        "return document.getElementById('gk-search-status').textContent"
    )
    assert_clean(browser.more_log())


def test_save_png_gives_the_picture_as_a_png(browser: Browser, seed_page) -> None:
    _, path = seed_page
    assert_clean(browser.open(path))
    settle(browser)
    browser.driver.find_element(By.ID, "gk-save-png").click()
    saved = browser.wait_for("return window.graphkitView.lastPicture", 10)
    assert saved["name"] == "graphkit-view.png"
    head, _, body = saved["url"].partition(",")
    assert head == "data:image/png;base64"
    width, height, rgb = decode_png(base64.b64decode(body))
    canvas = browser.js(
        "var c = document.querySelector('#gk-graph canvas'); return [c.width, c.height]"
    )
    assert [width, height] == canvas
    pixels = [rgb[i : i + 3] for i in range(0, len(rgb), 3 * 97)]
    assert sum(p != b"\xff\xff\xff" for p in pixels) / len(pixels) > 0.01  # not blank
    assert browser.js("return document.querySelectorAll('a').length") == 0
    assert_clean(browser.more_log())


def test_projected_links_show_what_makes_them(browser: Browser, seed_store, tmp_path) -> None:
    view = view_store(seed_store, ViewOptions(projection=Projection.agencies))
    assert_clean(browser.open(view.save(tmp_path / "agencies.html")))
    edge = browser.js("return window.graphkitView.edges.getIds()[0]")
    browser.js("window.graphkitView.showDetails('edge', arguments[0])", edge)
    text = browser.js("return document.getElementById('gk-details').textContent")
    assert text.startswith("WORKED_WITH") and "Shared:" in text and "Operation:" in text
    quotes = browser.js("return document.querySelectorAll('#gk-details blockquote').length")
    assert quotes >= 2  # each agency's part in the shared operation
    assert browser.js("return document.querySelectorAll('#gk-details blockquote mark').length")
    assert_clean(browser.more_log())
