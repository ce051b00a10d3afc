"""The view in a real browser: headless Chromium, offline, checked like a user would.

One browser serves the session. Every page load is checked for requests leaving
``file://`` (blocked and counted) and for console errors.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from view_browser import Browser, assert_clean, decode_png, settle
from view_hostile import AGENCY, GROUP, NAMES, OPERATION, PERSON, S1, S2, TITLE, hostile_document
from view_synthetic import synthetic_graph

from graphkit.store.ladybug import LadybugStore
from graphkit.view import ViewOptions, build_view, view_store

EUROPOL = "Agency:agency:eu:europol"


def counts(browser: Browser) -> dict:
    return browser.js(
        "var v = window.graphkitView; return {nodes: v.nodes.length, edges: v.edges.length,"
        " drawnNodes: Object.keys(v.network.body.nodes).length,"
        " drawnEdges: Object.keys(v.network.body.edges).length, errors: v.errors,"
        " physics: v.network.physics.options.enabled}"
    )


@pytest.fixture
def hostile_page(tmp_path: Path):
    store = LadybugStore(tmp_path / "hostile-db")
    store.write(hostile_document())
    view = view_store(store)
    store.close()
    return view, view.save(tmp_path / "hostile.html")


def test_view_loads_offline_with_every_node_and_edge(browser: Browser, seed_page) -> None:
    view, path = seed_page
    log = browser.open(path)
    assert_clean(log)
    assert any(url.startswith("file:") for url in log.requests)  # the log does see requests
    got = counts(browser)
    assert got["nodes"] == got["drawnNodes"] == view.nodes > 0
    assert got["edges"] == got["drawnEdges"] == view.edges > 0
    assert got["errors"] == []
    assert got["physics"] is False  # stabilised, then physics off: no endless jiggling
    assert browser.js("return document.getElementById('gk-physics').checked") is False
    legend = browser.js(
        "return Array.from(document.querySelectorAll('#gk-legend-nodes li'), li => li.textContent)"
    )
    assert any(entry.startswith("Agency") for entry in legend)
    assert browser.js("return document.getElementById('gk-progress').hidden") is True
    assert browser.js("return document.getElementById('gk-notice').hidden") is True


def test_requests_that_would_leave_are_blocked_and_counted(browser: Browser, seed_page) -> None:
    _, path = seed_page
    assert_clean(browser.open(path))
    outcome = browser.driver.execute_async_script(
        "var done = arguments[0];"
        "fetch('https://example.com/x').then(() => done('fetched'), e => done(String(e)));"
    )
    assert outcome != "fetched"
    log = browser.more_log()
    assert log.outside == []  # refused by the page's own policy before any request
    assert any("Content Security Policy" in message for message in log.errors)


def test_csp_blocks_script_even_if_markup_were_injected(browser: Browser, seed_page) -> None:
    _, path = seed_page
    assert_clean(browser.open(path))
    browser.js(
        "window.__violations = 0; window.__failed = false;"
        "document.addEventListener('securitypolicyviolation', () => window.__violations++);"
        "var d = document.createElement('div');"
        "d.innerHTML = '<img src=x onerror=\"window.__pwned=1\">';"
        "d.firstChild.addEventListener('error', () => { window.__failed = true; });"
        "document.body.appendChild(d);"
    )
    # the image failed and the page refused the inline handler: by then the handler, had it
    # been allowed, would have run (an inline handler runs before listeners added later)
    browser.wait_for("return window.__failed && window.__violations > 0", 10)
    assert browser.js("return typeof window.__pwned") == "undefined"
    assert any("Content Security Policy" in m for m in browser.more_log().errors)


def test_search_selects_and_focuses_a_node(browser: Browser, seed_page) -> None:
    _, path = seed_page
    assert_clean(browser.open(path))
    box = browser.driver.find_element(By.ID, "gk-search-input")
    box.clear()
    box.send_keys("europol", Keys.ENTER)
    browser.wait_for("return window.graphkitView.network.getSelectedNodes().length === 1")
    assert browser.js("return window.graphkitView.network.getSelectedNodes()") == [EUROPOL]
    details = browser.js("return document.querySelector('#gk-details .gk-tip-title').textContent")
    assert details == "Europol"
    assert browser.js("return window.graphkitView.search('no such thing')") is None
    assert (
        browser.js("return document.getElementById('gk-search-status').textContent") == "No match"
    )
    # searches in quick succession end on the last one, and leave the camera free
    browser.js(
        "var v = window.graphkitView; v.search('Belgium'); v.search('Italy'); v.search('Europol')"
    )
    settle(browser)
    assert browser.js("return window.graphkitView.network.getSelectedNodes()") == [EUROPOL]
    # a leaked focus animation runs on every redraw: wait for two redraws after the move,
    # then the camera must still be where it was put
    browser.js(
        "var n = window.graphkitView.network; window.__drawn = 0;"
        "n.on('afterDrawing', () => { window.__drawn++; });"
        "n.moveTo({position: {x: 1234, y: -567}, scale: 0.5}); n.redraw();"
        "requestAnimationFrame(() => n.redraw());"
    )
    browser.wait_for("return window.__drawn >= 2", 10)
    position = browser.js("return window.graphkitView.network.getViewPosition()")
    assert abs(position["x"] - 1234) < 1 and abs(position["y"] + 567) < 1
    assert_clean(browser.more_log())


def test_unchecking_a_type_hides_its_nodes(browser: Browser, seed_page) -> None:
    _, path = seed_page
    assert_clean(browser.open(path))
    hidden = (
        "return Object.values(window.graphkitView.network.body.nodes)"
        ".filter(n => n.options.hidden).map(n => n.id)"
    )
    countries = browser.js(
        "return window.graphkitView.nodes.getIds({filter: n => n.id.startsWith('Country:')})"
    )
    assert countries and browser.js(hidden) == []
    box = browser.driver.find_element(By.CSS_SELECTOR, "#gk-legend-nodes input[data-type=Country]")
    box.click()
    assert sorted(browser.js(hidden)) == sorted(countries)
    visible = browser.js("return window.graphkitView.visibleNodeIds()")
    assert not set(visible) & set(countries) and visible
    box.click()
    assert browser.js(hidden) == []
    # physics can be switched back on, and off
    physics = browser.driver.find_element(By.ID, "gk-physics")
    physics.click()
    assert browser.js("return window.graphkitView.network.physics.options.enabled") is True
    physics.click()
    assert browser.js("return window.graphkitView.network.physics.options.enabled") is False
    assert_clean(browser.more_log())


def test_hostile_report_runs_nothing_and_shows_literally(browser: Browser, hostile_page) -> None:
    view, path = hostile_page
    log = browser.open(path)
    assert_clean(log)
    pwned = "return typeof window.__pwned"
    assert browser.js(pwned) == "undefined"
    assert browser.js("return document.querySelectorAll('script').length") == 3
    assert (
        browser.js("return document.querySelectorAll('img, iframe, object, embed, a').length") == 0
    )
    assert counts(browser)["nodes"] == view.nodes
    # every name, searched, shows literally in the details panel
    for name in NAMES:
        node = browser.js("return window.graphkitView.search(arguments[0])", name)
        assert node is not None, name
        title = browser.js("return document.querySelector('#gk-details .gk-tip-title').textContent")
        assert title == name
    # tooltips are DOM elements, never strings vis-network could render
    assert browser.js(
        "var v = window.graphkitView;"
        "return v.nodes.get().concat(v.edges.get()).every(i => i.title instanceof Element)"
    )
    labels = browser.js("return Array.from(window.graphkitView.labelText.values())")
    assert any(label.startswith("<script>") for label in labels)
    # the evidence of a relationship, with its report title, as text
    edge = browser.js(
        "var v = window.graphkitView;"
        "var id = v.edges.getIds({filter: e => String(e.dashes) === '2,5'})[0];"  # alleged: dotted
        "v.network.selectEdges([id]);"
        "v.network.emit('click', {nodes: [], edges: [id]});"
        "return document.getElementById('gk-details').textContent;"
    )
    assert S2 in edge and TITLE in edge and "alleged" in edge
    assert browser.js("return document.querySelectorAll('#gk-details *').length") > 0
    assert (
        browser.js("return document.querySelectorAll('#gk-details img, #gk-details svg').length")
        == 0
    )
    # hovering shows the tooltip (a DOM element given to vis-network), as text
    op = browser.js(
        "return window.graphkitView.nodes.getIds({filter: n => n.id.startsWith('Operation:')})[0]"
    )
    tooltip = hover(browser, op)
    assert OPERATION in tooltip and AGENCY not in tooltip
    agency_edge = browser.js(
        "var v = window.graphkitView;"
        "return v.edges.getIds({filter: e => e.title.textContent.indexOf('PARTICIPATED_IN') === 0})"
    )
    assert len(agency_edge) == 1
    text = browser.js(
        "return window.graphkitView.edges.get(arguments[0]).title.textContent", agency_edge[0]
    )
    assert S1 in text and GROUP not in text
    assert PERSON in browser.js(
        "return document.body.innerText + JSON.stringify("
        "window.graphkitView.nodes.map(n => n.title.textContent))"
    )
    assert browser.js(pwned) == "undefined"
    assert browser.js("return document.querySelectorAll('script').length") == 3
    assert_clean(browser.more_log())


def hover(browser: Browser, node_id: str) -> str:
    """Move the mouse over a node and return the tooltip's text."""
    locate = (
        "var n = window.graphkitView.network;"
        "var p = n.canvasToDOM(n.getPositions([arguments[0]])[arguments[0]]);"
        "var r = document.querySelector('#gk-graph canvas').getBoundingClientRect();"
        "return [Math.round(p.x), Math.round(p.y), r.width, r.height];"
    )
    settle(browser)  # a search's focus animation may still be moving the camera
    browser.js(
        "var n = window.graphkitView.network;"
        "n.moveTo({position: n.getPositions([arguments[0]])[arguments[0]], scale: 1.5});",
        node_id,
    )
    settle(browser)
    point = browser.js(locate, node_id)
    assert point is not None
    canvas = browser.driver.find_element(By.CSS_SELECTOR, "#gk-graph canvas")
    x, y, width, height = point
    for attempt in range(3):
        actions = ActionChains(browser.driver)
        actions.move_to_element_with_offset(
            canvas, int(x - width / 2) + 25 + attempt, int(y - height / 2) + 25
        )
        actions.move_to_element_with_offset(
            canvas, int(x - width / 2), int(y - height / 2) + attempt
        )
        actions.perform()
        try:
            browser.wait_for(
                "var t = document.querySelector('div.vis-tooltip');"
                "return t && t.style.visibility !== 'hidden' && t.textContent.length > 0",
                3,
            )
            break
        except TimeoutError:
            if attempt == 2:
                raise
    return browser.js("return document.querySelector('div.vis-tooltip').textContent")


def test_notebook_iframe_srcdoc_renders(browser: Browser, seed_store, tmp_path: Path) -> None:
    view = view_store(seed_store, ViewOptions(focus="Europol", hops=1))
    host = tmp_path / "notebook.html"
    host.write_text(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{view._repr_html_()}"
        "</body></html>",
        encoding="utf-8",
    )
    browser.open(host, wait_stabilized=False)
    frame = browser.driver.find_element(By.TAG_NAME, "iframe")
    browser.driver.switch_to.frame(frame)
    try:
        browser.wait_for("return !!(window.graphkitView && window.graphkitView.stabilized)", 60)
        assert counts(browser)["nodes"] == view.nodes
    finally:
        browser.driver.switch_to.default_content()
    assert_clean(browser.more_log())


def test_capped_view_says_so(browser: Browser, tmp_path: Path) -> None:
    view = build_view(synthetic_graph(400), ViewOptions(max_nodes=150))
    path = view.save(tmp_path / "capped.html")
    assert_clean(browser.open(path))
    notice = browser.js(
        "var n = document.getElementById('gk-notice'); return n.hidden ? null : n.textContent"
    )
    assert notice == view.notice and "150 of" in notice
    assert counts(browser)["nodes"] == 150


def test_screenshot_is_not_blank(browser: Browser, seed_page, artifacts: Path) -> None:
    _, path = seed_page
    assert_clean(browser.open(path))
    settle(browser)  # the post-layout fit animation has finished and the camera is still
    png = browser.driver.get_screenshot_as_png()
    (artifacts / "seed-view.png").write_bytes(png)
    width, height, rgb = decode_png(png)
    panel = browser.js("return document.getElementById('gk-graph').getBoundingClientRect().left")
    scale = width / browser.js("return window.innerWidth")
    left = int(panel * scale) + 1
    graph = [
        rgb[(y * width + x) * 3 : (y * width + x) * 3 + 3]
        for y in range(height // 8, height, 4)
        for x in range(left, width, 4)
    ]
    background = max(set(graph), key=graph.count)
    drawn = sum(1 for p in graph if p != background)
    assert drawn / len(graph) > 0.02, "the graph area is (nearly) blank"
    assert len(set(graph)) > 20  # node colours, edges, labels


def test_a_1500_node_view_stabilises(browser: Browser, tmp_path: Path) -> None:
    view = build_view(synthetic_graph(1500))
    path = view.save(tmp_path / "big.html")
    log = browser.open(path, timeout=60)
    assert_clean(log)
    got = counts(browser)
    assert got["nodes"] == view.nodes == 1500
    assert got["physics"] is False
    state = browser.js("var v = window.graphkitView; return [v.stabilizedMs, v.layoutCut]")
    assert state[0] < 30_000  # the benchmark holds the real target (< 10 s)
    note = browser.js("return document.getElementById('gk-layout-note').hidden")
    assert note is (not state[1])  # a layout cut short by its time budget says so
    # leaves sat out the layout and were then set around their one neighbour
    distances = browser.js(
        "var v = window.graphkitView, n = v.network;"
        "return v.edges.get({filter: e => e.to.startsWith('Seizure:')}).map(function (e) {"
        "  var p = n.getPositions([e.from, e.to]);"
        "  return Math.hypot(p[e.from].x - p[e.to].x, p[e.from].y - p[e.to].y); })"
    )
    assert distances and max(distances) < 200


def test_an_empty_view_says_so(browser: Browser, tmp_path: Path) -> None:
    from graphkit.store.base import GraphData

    path = build_view(GraphData()).save(tmp_path / "empty.html")
    assert_clean(browser.open(path))
    assert counts(browser)["nodes"] == 0
    assert "Nothing to show" in browser.js(
        "return document.getElementById('gk-progress').textContent"
    )
