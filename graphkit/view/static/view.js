/* graphkit view: draws the network held in the JSON data block of this page.
 *
 * Every string in the data may come from a report, so none of it is ever parsed as
 * HTML: text reaches the page through textContent / createTextNode only, and vis-network
 * gets its tooltips as DOM elements (never as strings). No innerHTML, no eval, no
 * network: the page's Content-Security-Policy would refuse them anyway.
 */
(function () {
  "use strict";

  var state = {
    ready: false,
    stabilized: false,
    stabilizedMs: null,
    iterations: 0,
    layoutCut: false,
    animating: false,
    errors: []
  };
  window.graphkitView = state;
  window.addEventListener("error", function (event) {
    state.errors.push(String(event.message));
  });

  var SVG = "http://www.w3.org/2000/svg";

  function $(id) {
    return document.getElementById(id);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (name) {
      node.setAttribute(name, String(attrs[name]));
    });
    return node;
  }

  var data = JSON.parse($("gk-data").textContent);
  var reports = data.reports || {};

  // ------------------------------------------------------------------------------------
  // Tooltips and details: DOM built from text, never from markup
  // ------------------------------------------------------------------------------------

  var texts = data.texts || {};
  var TIP_REPORTS = 5; // a tooltip lists a few; the panel (a click) lists them all
  var TIP_EVIDENCE = 3;

  function own(map, key) {
    return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
  }

  function reportLine(key) {
    var info = own(reports, key) || [];
    var title = info[0] || key;
    return info[1] ? title + " (" + info[1] + ")" : title;
  }

  function definitionList(rows) {
    var dl = el("dl");
    rows.forEach(function (row) {
      dl.appendChild(el("dt", null, row[0]));
      dl.appendChild(el("dd", null, row[1]));
    });
    return dl;
  }

  // Text with some spans wrapped in <mark>: text nodes and elements, never markup.
  function appendMarked(parent, text, marks, offset) {
    var at = 0;
    (marks || []).forEach(function (span) {
      var start = span[0] - (offset || 0);
      var end = span[1] - (offset || 0);
      if (start < at || end > text.length) return;
      parent.appendChild(document.createTextNode(text.slice(at, start)));
      parent.appendChild(el("mark", null, text.slice(start, end)));
      at = end;
    });
    parent.appendChild(document.createTextNode(text.slice(at)));
    return parent;
  }

  function openButton(label, onClick) {
    var button = el("button", "gk-open", label);
    button.type = "button";
    button.addEventListener("click", onClick);
    return button;
  }

  function moreLine(n, what) {
    return el("li", "gk-source", "… and " + n + " more " + what + " (click for all)");
  }

  function nodeContent(gk, full) {
    var root = el("div", "gk-tip");
    root.appendChild(el("div", "gk-tip-title", gk.name));
    root.appendChild(el("div", "gk-tip-type", gk.type + " · " + gk.key));
    var rows = gk.props.concat(gk.measures);
    if (rows.length) root.appendChild(definitionList(rows));
    if (gk.reports.total) {
      var n = gk.reports.total;
      root.appendChild(el("div", "gk-source", "In " + n + (n === 1 ? " report:" : " reports:")));
      var list = el("ul");
      var keys = full ? gk.reports.keys : gk.reports.keys.slice(0, TIP_REPORTS);
      keys.forEach(function (key) {
        var li = el("li", "gk-source", reportLine(key));
        if (full && own(texts, key) !== undefined) {
          li.appendChild(
            openButton("read", function () {
              openReport(key, null);
            })
          );
        }
        list.appendChild(li);
      });
      if (n > keys.length) list.appendChild(moreLine(n - keys.length, "reports"));
      root.appendChild(list);
    }
    return root;
  }

  function evidenceItem(item, full) {
    var li = el("li");
    var quote = el("blockquote");
    quote.appendChild(document.createTextNode("“"));
    appendMarked(quote, item[1], item[5], 0);
    quote.appendChild(document.createTextNode("”"));
    li.appendChild(quote);
    var source = el("div", "gk-source", reportLine(item[0]));
    if (full && own(texts, item[0]) !== undefined) {
      source.appendChild(
        openButton(item[3] === null ? "read the report" : "read in the report", function () {
          openReport(item[0], item);
        })
      );
    }
    li.appendChild(source);
    if (item[2] === "alleged") li.appendChild(el("div", "gk-alleged", "alleged"));
    return li;
  }

  function edgeContent(gk, full) {
    var root = el("div", "gk-tip");
    root.appendChild(el("div", "gk-tip-title", gk.type + (gk.alleged ? " (alleged)" : "")));
    root.appendChild(el("div", "gk-tip-type", gk.from + " → " + gk.to));
    if (gk.props.length) root.appendChild(definitionList(gk.props));
    if (gk.contexts && gk.contexts.length) {
      root.appendChild(el("div", "gk-source", "Shared:"));
      var shared = el("ul", "gk-contexts");
      gk.contexts.forEach(function (name) {
        shared.appendChild(el("li", null, name));
      });
      root.appendChild(shared);
    }
    if (gk.evidence.length) {
      var list = el("ol");
      var items = full ? gk.evidence : gk.evidence.slice(0, TIP_EVIDENCE);
      items.forEach(function (item) {
        list.appendChild(evidenceItem(item, full));
      });
      if (gk.evidence.length > items.length) {
        list.appendChild(moreLine(gk.evidence.length - items.length, "sentences"));
      }
      root.appendChild(list);
    }
    return root;
  }

  // ------------------------------------------------------------------------------------
  // The reader: a report's whole text, scrolled to the evidence sentence
  // ------------------------------------------------------------------------------------

  var reader = $("gk-reader");
  var readerText = $("gk-reader-text");

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function openReport(key, item) {
    var text = own(texts, key);
    if (text === undefined) return false;
    $("gk-reader-title").textContent = reportLine(key);
    clear(readerText);
    var start = item ? item[3] : null;
    var end = item ? item[4] : null;
    if (start === null || end === null || text.slice(start, end) !== item[1]) {
      readerText.appendChild(document.createTextNode(text));
      reader.hidden = false;
      readerText.scrollTop = 0;
      return true;
    }
    readerText.appendChild(document.createTextNode(text.slice(0, start)));
    var sentence = appendMarked(el("mark", "gk-evidence"), item[1], item[5], 0);
    readerText.appendChild(sentence);
    readerText.appendChild(document.createTextNode(text.slice(end)));
    reader.hidden = false;
    sentence.scrollIntoView({ block: "center" });
    return true;
  }

  function closeReport() {
    reader.hidden = true;
  }

  $("gk-reader-close").addEventListener("click", closeReport);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") closeReport();
  });

  // ------------------------------------------------------------------------------------
  // The network
  // ------------------------------------------------------------------------------------

  // Maps, not objects: keys come from the data ("__proto__" is just a string here)
  var meta = { nodes: new Map(), edges: new Map() };
  var labelText = new Map(); // node labels are drawn by drawLabels (screen pixels)

  function toVisNode(node) {
    var item = Object.assign({}, node);
    delete item.gk;
    delete item.label;
    labelText.set(node.id, node.label || "");
    item.title = nodeContent(node.gk, false);
    meta.nodes.set(node.id, node.gk);
    return item;
  }

  function toVisEdge(edge) {
    var item = Object.assign({}, edge);
    delete item.gk;
    item.title = edgeContent(edge.gk, false);
    meta.edges.set(edge.id, edge.gk);
    return item;
  }

  var visNodes = data.nodes.map(toVisNode);
  var visEdges = data.edges.map(toVisEdge);

  // Big graphs: leaves (nodes with one neighbour: a seizure, a report...) sit out the
  // layout and are then set in a ring around their neighbour, which is made heavier to
  // leave them room. Fewer bodies: a faster layout, and readable clusters.
  var leaves = new Map();
  if (data.layoutLeaves) {
    var neighbours = new Map();
    visEdges.forEach(function (edge) {
      if (edge.from === edge.to) return;
      [[edge.from, edge.to], [edge.to, edge.from]].forEach(function (pair) {
        if (!neighbours.has(pair[0])) neighbours.set(pair[0], new Set());
        neighbours.get(pair[0]).add(pair[1]);
      });
    });
    var single = function (id) {
      return neighbours.has(id) && neighbours.get(id).size === 1;
    };
    visNodes.forEach(function (node) {
      if (!single(node.id)) return;
      var hub = neighbours.get(node.id).values().next().value;
      if (single(hub)) return; // an isolated pair stays in the layout
      if (!leaves.has(hub)) leaves.set(hub, []);
      leaves.get(hub).push(node.id);
    });
    var byId = new Map();
    visNodes.forEach(function (node) {
      byId.set(node.id, node);
    });
    leaves.forEach(function (ids, hub) {
      byId.get(hub).mass = 1 + 0.5 * ids.length;
      ids.forEach(function (id) {
        byId.get(id).physics = false;
      });
    });
  }

  function placeLeaves() {
    if (!leaves.size) return;
    var hubs = Array.from(leaves.keys());
    var at = network.getPositions(hubs);
    var updates = [];
    leaves.forEach(function (ids, hub) {
      var radius = 45 + 4 * ids.length;
      ids.forEach(function (id, i) {
        var angle = (2 * Math.PI * i) / ids.length + 0.5;
        updates.push({
          id: id,
          x: at[hub].x + radius * Math.cos(angle),
          y: at[hub].y + radius * Math.sin(angle),
          physics: true
        });
      });
    });
    nodes.update(updates);
  }

  var nodes = new vis.DataSet(visNodes);
  var edges = new vis.DataSet(visEdges);
  var network = new vis.Network($("gk-graph"), {}, data.options);
  var physics = $("gk-physics");
  var progress = $("gk-progress");

  function stabilized() {
    if (state.stabilized) return;
    network.setOptions({ physics: { enabled: false } });
    placeLeaves();
    physics.checked = false;
    progress.hidden = true;
    state.stabilized = true;
    state.stabilizedMs = performance.now();
    if (state.layoutCut) $("gk-layout-note").hidden = false;
  }

  // The layout is computed before the first drawing, then physics stops (no endless
  // jiggling). Big graphs get a time budget: past it, the layout so far is kept.
  var layoutStart = null;
  network.on("stabilizationProgress", function (p) {
    if (layoutStart === null) layoutStart = performance.now();
    state.iterations = p.iterations;
    progress.textContent = "Laying out the graph… " + Math.round((100 * p.iterations) / p.total) + "%";
    if (p.iterations < p.total && performance.now() - layoutStart > data.layoutBudgetMs) {
      state.layoutCut = true;
      network.stopSimulation();
    }
  });
  network.once("stabilizationIterationsDone", stabilized);
  network.setData({ nodes: nodes, edges: edges });
  physics.checked = true;
  if (!visNodes.length) {
    progress.textContent = "Nothing to show: no node matches this view.";
    state.stabilized = true;
    state.stabilizedMs = performance.now();
  }

  // One camera animation at a time: vis-network 9.1 leaks the first of two animations
  // started within one frame, and the camera then keeps returning to its target.
  var pendingMove = null;
  function animate(move) {
    if (state.animating) {
      pendingMove = move;
      return;
    }
    state.animating = true;
    move();
  }
  network.on("animationFinished", function () {
    state.animating = false;
    if (pendingMove) {
      var move = pendingMove;
      pendingMove = null;
      animate(move);
    }
  });

  physics.addEventListener("change", function () {
    network.setOptions({ physics: { enabled: physics.checked } });
  });
  $("gk-fit").addEventListener("click", function () {
    animate(function () {
      network.fit({ animation: { duration: 400 } });
    });
  });

  // ------------------------------------------------------------------------------------
  // Labels: drawn over the network in screen pixels, the biggest nodes first
  // ------------------------------------------------------------------------------------

  // vis-network sizes labels in graph units: at "fit" on a hundred nodes they are a few
  // pixels high. Here every label is minPx..maxPx on screen (by node size) whatever the
  // zoom; below allFromScale the biggest nodes are labelled first and a label that would
  // overlap one already drawn is skipped; from allFromScale on, every node is labelled.
  var LABEL_FONT = "system-ui, sans-serif";
  var labelWidth100 = new Map(); // label width at a 100 px font, measured once
  var valueRange = [Infinity, -Infinity];
  var labelOrder = [];

  function rankLabels() {
    var items = nodes.get({ fields: ["id", "value"] });
    valueRange = [Infinity, -Infinity];
    items.forEach(function (n) {
      valueRange[0] = Math.min(valueRange[0], n.value || 0);
      valueRange[1] = Math.max(valueRange[1], n.value || 0);
    });
    items.sort(function (a, b) {
      return (b.value || 0) - (a.value || 0) || (a.id < b.id ? -1 : 1);
    });
    labelOrder = items.map(function (n) {
      return n.id;
    });
  }

  function labelPx(body) {
    var span = valueRange[1] - valueRange[0];
    var share = span > 0 ? ((body.options.value || 0) - valueRange[0]) / span : 1;
    return data.labels.minPx + share * (data.labels.maxPx - data.labels.minPx);
  }

  function textWidth(ctx, id, text, px) {
    if (!labelWidth100.has(id)) {
      ctx.font = "100px " + LABEL_FONT;
      labelWidth100.set(id, ctx.measureText(text).width);
    }
    return (labelWidth100.get(id) * px) / 100;
  }

  // Screen rectangles of the labels drawn so far, in a grid of 64 px cells.
  function Placed() {
    this.cells = new Map();
  }
  Placed.prototype.keys = function (r) {
    var out = [];
    for (var x = Math.floor(r[0] / 64); x <= Math.floor(r[2] / 64); x++) {
      for (var y = Math.floor(r[1] / 64); y <= Math.floor(r[3] / 64); y++) out.push(x + "," + y);
    }
    return out;
  };
  Placed.prototype.free = function (r) {
    var cells = this.cells;
    return this.keys(r).every(function (key) {
      return (cells.get(key) || []).every(function (o) {
        return r[2] < o[0] || r[0] > o[2] || r[3] < o[1] || r[1] > o[3];
      });
    });
  };
  Placed.prototype.add = function (r) {
    var cells = this.cells;
    this.keys(r).forEach(function (key) {
      if (!cells.has(key)) cells.set(key, []);
      cells.get(key).push(r);
    });
  };

  function drawLabels(ctx) {
    var scale = network.getScale();
    var all = scale >= data.labels.allFromScale;
    var canvas = network.canvas.frame.canvas;
    var width = canvas.clientWidth;
    var height = canvas.clientHeight;
    var placed = new Placed();
    var drawn = [];
    var first = network.getSelectedNodes();
    var order = first.length ? first.concat(labelOrder) : labelOrder;
    var seen = new Set();
    ctx.save();
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    order.forEach(function (id) {
      var body = network.body.nodes[id];
      if (seen.has(id) || !body || body.options.hidden) return;
      seen.add(id);
      var text = labelText.get(id);
      if (!text) return;
      var px = labelPx(body);
      var at = network.canvasToDOM({ x: body.x, y: body.y + (body.options.size || 10) });
      var w = textWidth(ctx, id, text, px);
      var rect = [at.x - w / 2 - 2, at.y + 2, at.x + w / 2 + 2, at.y + 4 + px * 1.2];
      if (rect[2] < 0 || rect[0] > width || rect[3] < 0 || rect[1] > height) return;
      if (!all && !placed.free(rect)) return;
      placed.add(rect);
      ctx.font = px / scale + "px " + LABEL_FONT;
      ctx.lineWidth = 3 / scale;
      ctx.strokeStyle = "#ffffff";
      ctx.fillStyle = "#222222";
      var y = body.y + (body.options.size || 10) + 3 / scale;
      ctx.strokeText(text, body.x, y);
      ctx.fillText(text, body.x, y);
      drawn.push([id, px]);
    });
    ctx.restore();
    state.labels = drawn;
  }

  // ------------------------------------------------------------------------------------
  // Header, notice, legend with checkboxes for node and relationship types
  // ------------------------------------------------------------------------------------

  document.title = data.title;
  $("gk-title").textContent = data.title;
  $("gk-subtitle").textContent = data.subtitle;
  if (data.notice) {
    $("gk-notice").textContent = data.notice;
    $("gk-notice").hidden = false;
  }

  function shapeSwatch(shape, color) {
    var box = svg("svg", { width: 16, height: 16, viewBox: "0 0 16 16", "aria-hidden": "true" });
    var style = { fill: color, stroke: "#555", "stroke-width": 1 };
    var points = {
      diamond: "8,1 15,8 8,15 1,8",
      triangle: "8,1.5 15,14.5 1,14.5",
      triangleDown: "1,1.5 15,1.5 8,14.5",
      hexagon: "4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8",
      star: "8,0.8 10.1,5.6 15.2,5.9 11.3,9.3 12.5,14.4 8,11.7 3.5,14.4 4.7,9.3 0.8,5.9 5.9,5.6"
    }[shape];
    var shapeNode;
    if (points) shapeNode = svg("polygon", Object.assign({ points: points }, style));
    else if (shape === "square") shapeNode = svg("rect", Object.assign({ x: 2, y: 2, width: 12, height: 12 }, style));
    else shapeNode = svg("circle", Object.assign({ cx: 8, cy: 8, r: 6.5 }, style));
    box.appendChild(shapeNode);
    return box;
  }

  function lineSwatch(color, dashes) {
    var box = svg("svg", { width: 30, height: 10, viewBox: "0 0 30 10", "aria-hidden": "true" });
    var attrs = { x1: 1, y1: 5, x2: 29, y2: 5, stroke: color, "stroke-width": 2.5 };
    if (dashes) attrs["stroke-dasharray"] = dashes.join(",");
    box.appendChild(svg("line", attrs));
    return box;
  }

  function legendRow(list, kind, type, swatch, count, onChange) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset[kind] = type;
    box.addEventListener("change", function () {
      onChange(box.checked);
    });
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(document.createTextNode(type));
    label.appendChild(el("span", "gk-count", count));
    li.appendChild(label);
    $(list).appendChild(li);
    return box;
  }

  var hiddenTypes = new Set();
  var hiddenEdgeTypes = new Set();
  var typeBoxes = new Map();
  var edgeTypeBoxes = new Map();

  data.legend.nodes.forEach(function (entry) {
    var swatch = shapeSwatch(entry.shape, entry.color);
    typeBoxes.set(
      entry.type,
      legendRow("gk-legend-nodes", "type", entry.type, swatch, entry.count, function (on) {
        setTypeVisible(entry.type, on);
      })
    );
  });
  $("gk-size-by").textContent = "Size: " + data.legend.sizeBy + ".";

  if (data.legend.communities) {
    $("gk-communities").hidden = false;
    data.legend.communities.forEach(function (entry) {
      var li = el("li");
      li.appendChild(shapeSwatch("dot", entry.color));
      li.appendChild(document.createTextNode(entry.name));
      li.appendChild(el("span", "gk-count", entry.count));
      $("gk-legend-communities").appendChild(li);
    });
  }

  data.legend.edges.forEach(function (entry) {
    var swatch = lineSwatch(entry.color, entry.dashes);
    edgeTypeBoxes.set(
      entry.type,
      legendRow("gk-legend-edges", "edgeType", entry.type, swatch, entry.count, function (on) {
        setEdgeTypeVisible(entry.type, on);
      })
    );
  });
  if (data.legend.alleged) {
    var li = el("li");
    li.appendChild(lineSwatch("#777", data.legend.alleged_dashes));
    li.appendChild(document.createTextNode("alleged (dotted)"));
    $("gk-legend-edges").appendChild(li);
  }

  // ------------------------------------------------------------------------------------
  // What is shown: type checkboxes and the filters (dates, certainty, country)
  // ------------------------------------------------------------------------------------

  var filters = { from: null, to: null, alleged: true, country: "" };

  function spansOf(gk, keys) {
    var spans = gk && gk.span ? [gk.span] : [];
    keys.forEach(function (key) {
      var row = own(reports, key);
      if (row && row[2]) spans.push([row[2], row[3]]);
    });
    return spans;
  }

  function inDates(spans) {
    if (filters.from === null && filters.to === null) return true;
    return spans.some(function (span) {
      return (filters.from === null || span[1] >= filters.from) && (filters.to === null || span[0] <= filters.to);
    });
  }

  function nodeShown(id) {
    var gk = meta.nodes.get(id);
    if (hiddenTypes.has(gk.type)) return false;
    if (filters.country && gk.countries.indexOf(filters.country) === -1) return false;
    var keys = gk.type === "Report" ? [gk.key] : gk.reports.keys;
    return inDates(spansOf(gk, keys));
  }

  function edgeShown(id) {
    var gk = meta.edges.get(id);
    if (hiddenEdgeTypes.has(gk.type)) return false;
    if (!filters.alleged && gk.alleged) return false;
    var keys = gk.evidence.map(function (item) {
      return item[0];
    });
    return !keys.length || inDates(spansOf(null, keys));
  }

  // One pass over every node and edge; only the changed ones are updated.
  function applyVisibility() {
    var nodeUpdates = [];
    nodes.forEach(function (node) {
      var hidden = !nodeShown(node.id);
      if (!!node.hidden !== hidden) nodeUpdates.push({ id: node.id, hidden: hidden });
    });
    var edgeUpdates = [];
    edges.forEach(function (edge) {
      var hidden = !edgeShown(edge.id);
      if (!!edge.hidden !== hidden) edgeUpdates.push({ id: edge.id, hidden: hidden });
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
  }

  function setTypeVisible(type, visible) {
    if (visible) hiddenTypes.delete(type);
    else hiddenTypes.add(type);
    if (typeBoxes.has(type)) typeBoxes.get(type).checked = visible;
    applyVisibility();
  }

  function setEdgeTypeVisible(type, visible) {
    if (visible) hiddenEdgeTypes.delete(type);
    else hiddenEdgeTypes.add(type);
    if (edgeTypeBoxes.has(type)) edgeTypeBoxes.get(type).checked = visible;
    applyVisibility();
  }

  // The date slider runs over the days operations start and end (from the reports).
  var days = (function () {
    var all = new Set();
    Object.keys(reports).forEach(function (key) {
      if (reports[key][2]) {
        all.add(reports[key][2]);
        all.add(reports[key][3]);
      }
    });
    data.nodes.forEach(function (node) {
      if (node.gk.span) node.gk.span.forEach(all.add, all);
    });
    return Array.from(all).sort();
  })();
  var dateFrom = $("gk-date-from");
  var dateTo = $("gk-date-to");

  function showDates() {
    var lo = Math.min(+dateFrom.value, +dateTo.value);
    var hi = Math.max(+dateFrom.value, +dateTo.value);
    var whole = lo === 0 && hi === days.length - 1;
    filters.from = whole ? null : days[lo];
    filters.to = whole ? null : days[hi];
    $("gk-dates-text").textContent = days[lo] + " to " + days[hi];
    applyVisibility();
  }

  if (days.length > 1) {
    $("gk-dates").hidden = false;
    [dateFrom, dateTo].forEach(function (input) {
      input.max = String(days.length - 1);
      input.addEventListener("input", showDates);
    });
    dateTo.value = String(days.length - 1);
    $("gk-dates-text").textContent = days[0] + " to " + days[days.length - 1];
  }

  // For tests and scripts: the slider set to the days from..to (ISO dates, inclusive).
  function setDates(from, to) {
    var first = days.findIndex(function (day) {
      return day >= from;
    });
    var after = days.findIndex(function (day) {
      return day > to;
    });
    dateFrom.value = String(first === -1 ? days.length - 1 : first);
    dateTo.value = String(after === -1 ? days.length - 1 : Math.max(0, after - 1));
    showDates();
  }

  if (data.legend.alleged) {
    $("gk-alleged-row").hidden = false;
    $("gk-alleged").addEventListener("change", function () {
      filters.alleged = $("gk-alleged").checked;
      applyVisibility();
    });
  }

  (function countryChoices() {
    var names = new Map();
    data.nodes.concat(data.reserve.nodes).forEach(function (node) {
      node.gk.countries.forEach(function (code) {
        if (!names.has(code)) names.set(code, code);
      });
      if (node.gk.type === "Country") names.set(node.gk.key, node.gk.name + " (" + node.gk.key + ")");
    });
    if (!names.size) return;
    $("gk-country-row").hidden = false;
    Array.from(names.keys())
      .sort()
      .forEach(function (code) {
        var option = el("option", null, names.get(code));
        option.value = code;
        $("gk-country").appendChild(option);
      });
    $("gk-country").addEventListener("change", function () {
      filters.country = $("gk-country").value;
      applyVisibility();
    });
  })();

  // ------------------------------------------------------------------------------------
  // Double-click: the neighbours carried in the page but not yet shown
  // ------------------------------------------------------------------------------------

  var reserveNodes = new Map();
  var reserveEdges = new Map(); // node id -> its reserve edges
  data.reserve.nodes.forEach(function (node) {
    reserveNodes.set(node.id, node);
  });
  data.reserve.edges.forEach(function (edge) {
    [edge.from, edge.to].forEach(function (id) {
      if (!reserveEdges.has(id)) reserveEdges.set(id, []);
      reserveEdges.get(id).push(edge);
    });
  });

  function expand(id) {
    var around = network.getPositions([id])[id];
    if (!around) return 0;
    var added = [];
    (reserveEdges.get(id) || []).forEach(function (edge) {
      var other = edge.from === id ? edge.to : edge.from;
      if (reserveNodes.has(other) && !nodes.get(other)) added.push(reserveNodes.get(other));
    });
    var radius = 90 + 6 * added.length;
    nodes.add(
      added.map(function (node, i) {
        var angle = (2 * Math.PI * i) / added.length + 0.3;
        var item = toVisNode(node);
        item.x = around.x + radius * Math.cos(angle);
        item.y = around.y + radius * Math.sin(angle);
        return item;
      })
    );
    var links = [];
    added.forEach(function (node) {
      (reserveEdges.get(node.id) || []).forEach(function (edge) {
        if (!edges.get(edge.id) && nodes.get(edge.from) && nodes.get(edge.to)) {
          links.push(toVisEdge(edge));
          edges.add(links[links.length - 1]);
        }
      });
    });
    rankLabels();
    applyVisibility();
    addNames(added);
    var name = meta.nodes.get(id).name;
    $("gk-search-status").textContent = added.length
      ? "Showing " + added.length + " more next to " + name
      : "Every neighbour of " + name + " is shown";
    return added.length;
  }

  // ------------------------------------------------------------------------------------
  // The picture as a PNG file
  // ------------------------------------------------------------------------------------

  function picture() {
    var source = network.canvas.frame.canvas;
    var copy = document.createElement("canvas");
    copy.width = source.width;
    copy.height = source.height;
    var ctx = copy.getContext("2d");
    ctx.fillStyle = "#ffffff"; // the network's canvas is transparent
    ctx.fillRect(0, 0, copy.width, copy.height);
    ctx.drawImage(source, 0, 0);
    return copy.toDataURL("image/png");
  }

  function savePicture() {
    var link = document.createElement("a"); // never added to the page
    link.href = picture();
    link.download = (data.title || "graphkit view").replace(/[^\w.-]+/g, "-") + ".png";
    link.click();
    state.lastPicture = { name: link.download, url: link.href };
    return state.lastPicture;
  }

  $("gk-save-png").addEventListener("click", savePicture);

  // ------------------------------------------------------------------------------------
  // Selection details and search
  // ------------------------------------------------------------------------------------

  var details = $("gk-details");

  function showDetails(kind, id) {
    clear(details);
    details.className = "";
    if (kind === "node" && meta.nodes.has(id)) details.appendChild(nodeContent(meta.nodes.get(id), true));
    else if (kind === "edge" && meta.edges.has(id)) details.appendChild(edgeContent(meta.edges.get(id), true));
    details.scrollTop = 0;
  }

  network.on("click", function (params) {
    if (params.nodes.length) showDetails("node", params.nodes[0]);
    else if (params.edges.length) showDetails("edge", params.edges[0]);
  });
  network.on("doubleClick", function (params) {
    if (params.nodes.length) expand(params.nodes[0]);
  });
  network.on("afterDrawing", drawLabels);
  rankLabels();

  var names = $("gk-names");
  var seen = new Set();

  function addNames(items) {
    items
      .map(function (node) {
        return node.gk.name;
      })
      .sort()
      .forEach(function (name) {
        if (seen.has(name)) return;
        seen.add(name);
        var option = el("option");
        option.value = name;
        names.appendChild(option);
      });
  }
  addNames(data.nodes);

  function findNode(query) {
    var q = String(query).trim().toLowerCase();
    if (!q) return null;
    var all = nodes.getIds();
    var i;
    for (i = 0; i < all.length; i++) {
      var gk = meta.nodes.get(all[i]);
      if (gk.name.toLowerCase() === q || gk.key.toLowerCase() === q) return all[i];
    }
    for (i = 0; i < all.length; i++) {
      if (meta.nodes.get(all[i]).name.toLowerCase().indexOf(q) !== -1) return all[i];
    }
    return null;
  }

  function search(query) {
    var status = $("gk-search-status");
    var id = findNode(query);
    if (id === null) {
      status.textContent = String(query).trim() ? "No match" : "";
      return null;
    }
    status.textContent = "";
    var type = meta.nodes.get(id).type;
    if (hiddenTypes.has(type)) setTypeVisible(type, true);
    network.selectNodes([id]);
    animate(function () {
      network.focus(id, {
        scale: Math.max(network.getScale(), 1.2),
        locked: false, // a locked camera would follow the node and ignore later moves
        animation: { duration: 500 }
      });
    });
    showDetails("node", id);
    return id;
  }

  var input = $("gk-search-input");
  $("gk-search-button").addEventListener("click", function () {
    search(input.value);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      search(input.value);
    }
  });
  input.addEventListener("change", function () {
    if (seen.has(input.value)) search(input.value);
  });

  // What tests and benchmarks read.
  state.network = network;
  state.nodes = nodes;
  state.edges = edges;
  state.labelText = labelText;
  state.search = search;
  state.showDetails = showDetails;
  state.openReport = openReport;
  state.setTypeVisible = setTypeVisible;
  state.setEdgeTypeVisible = setEdgeTypeVisible;
  state.setDates = setDates;
  state.expand = expand;
  state.picture = picture;
  state.savePicture = savePicture;
  state.visibleNodeIds = function () {
    return nodes.getIds({
      filter: function (node) {
        return !node.hidden;
      }
    });
  };
  state.visibleEdgeIds = function () {
    return edges.getIds({
      filter: function (edge) {
        return !edge.hidden;
      }
    });
  };
  state.ready = true;
  state.readyMs = performance.now();
})();
