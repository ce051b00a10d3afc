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

  function reportLine(key) {
    var info = (Object.prototype.hasOwnProperty.call(reports, key) && reports[key]) || [];
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

  function nodeContent(gk) {
    var root = el("div", "gk-tip");
    root.appendChild(el("div", "gk-tip-title", gk.name));
    root.appendChild(el("div", "gk-tip-type", gk.type + " · " + gk.key));
    var rows = gk.props.concat(gk.measures);
    if (rows.length) root.appendChild(definitionList(rows));
    if (gk.reports.total) {
      var n = gk.reports.total;
      root.appendChild(el("div", "gk-source", "In " + n + (n === 1 ? " report:" : " reports:")));
      var list = el("ul");
      gk.reports.keys.forEach(function (key) {
        list.appendChild(el("li", "gk-source", reportLine(key)));
      });
      if (n > gk.reports.keys.length) {
        list.appendChild(el("li", "gk-source", "… and " + (n - gk.reports.keys.length) + " more"));
      }
      root.appendChild(list);
    }
    return root;
  }

  function edgeContent(gk) {
    var root = el("div", "gk-tip");
    root.appendChild(el("div", "gk-tip-title", gk.type + (gk.alleged ? " (alleged)" : "")));
    root.appendChild(el("div", "gk-tip-type", gk.from + " → " + gk.to));
    if (gk.props.length) root.appendChild(definitionList(gk.props));
    if (gk.evidence.length) {
      var list = el("ol");
      gk.evidence.forEach(function (item) {
        var li = el("li");
        li.appendChild(el("blockquote", null, "“" + item[1] + "”"));
        li.appendChild(el("div", "gk-source", reportLine(item[0])));
        if (item[2] === "alleged") li.appendChild(el("div", "gk-alleged", "alleged"));
        list.appendChild(li);
      });
      root.appendChild(list);
      if (gk.more) root.appendChild(el("div", "gk-source", "… and " + gk.more + " more"));
    }
    return root;
  }

  // ------------------------------------------------------------------------------------
  // The network
  // ------------------------------------------------------------------------------------

  // Maps, not objects: keys come from the data ("__proto__" is just a string here)
  var meta = { nodes: new Map(), edges: new Map() };
  var byType = new Map();
  var visNodes = data.nodes.map(function (node) {
    var item = Object.assign({}, node);
    delete item.gk;
    item.title = nodeContent(node.gk);
    meta.nodes.set(node.id, node.gk);
    if (!byType.has(node.gk.type)) byType.set(node.gk.type, []);
    byType.get(node.gk.type).push(node.id);
    return item;
  });
  var visEdges = data.edges.map(function (edge) {
    var item = Object.assign({}, edge);
    delete item.gk;
    item.title = edgeContent(edge.gk);
    meta.edges.set(edge.id, edge.gk);
    return item;
  });

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
  // Header, notice, legend with type checkboxes
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

  function lineSwatch(color, dashed) {
    var box = svg("svg", { width: 26, height: 10, viewBox: "0 0 26 10", "aria-hidden": "true" });
    var attrs = { x1: 1, y1: 5, x2: 25, y2: 5, stroke: color, "stroke-width": 2.5 };
    if (dashed) attrs["stroke-dasharray"] = "5,3";
    box.appendChild(svg("line", attrs));
    return box;
  }

  function setTypeVisible(type, visible) {
    nodes.update(
      (byType.get(type) || []).map(function (id) {
        return { id: id, hidden: !visible };
      })
    );
  }

  var typeBoxes = new Map();
  data.legend.nodes.forEach(function (entry) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.type = entry.type;
    box.addEventListener("change", function () {
      setTypeVisible(entry.type, box.checked);
    });
    typeBoxes.set(entry.type, box);
    label.appendChild(box);
    label.appendChild(shapeSwatch(entry.shape, entry.color));
    label.appendChild(document.createTextNode(entry.type));
    label.appendChild(el("span", "gk-count", entry.count));
    li.appendChild(label);
    $("gk-legend-nodes").appendChild(li);
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
    var li = el("li");
    li.appendChild(lineSwatch(entry.color, false));
    li.appendChild(document.createTextNode(entry.type));
    li.appendChild(el("span", "gk-count", entry.count));
    $("gk-legend-edges").appendChild(li);
  });
  if (data.legend.alleged) {
    var li = el("li");
    li.appendChild(lineSwatch("#777", true));
    li.appendChild(document.createTextNode("alleged (dashed)"));
    $("gk-legend-edges").appendChild(li);
  }

  // ------------------------------------------------------------------------------------
  // Selection details and search
  // ------------------------------------------------------------------------------------

  var details = $("gk-details");

  function showDetails(kind, id) {
    while (details.firstChild) details.removeChild(details.firstChild);
    details.className = "";
    if (kind === "node" && meta.nodes.has(id)) details.appendChild(nodeContent(meta.nodes.get(id)));
    else if (kind === "edge" && meta.edges.has(id)) details.appendChild(edgeContent(meta.edges.get(id)));
  }

  network.on("click", function (params) {
    if (params.nodes.length) showDetails("node", params.nodes[0]);
    else if (params.edges.length) showDetails("edge", params.edges[0]);
  });

  var names = $("gk-names");
  var seen = new Set();
  data.nodes
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

  function findNode(query) {
    var q = String(query).trim().toLowerCase();
    if (!q) return null;
    var i;
    for (i = 0; i < data.nodes.length; i++) {
      var gk = data.nodes[i].gk;
      if (gk.name.toLowerCase() === q || gk.key.toLowerCase() === q) return data.nodes[i].id;
    }
    for (i = 0; i < data.nodes.length; i++) {
      if (data.nodes[i].gk.name.toLowerCase().indexOf(q) !== -1) return data.nodes[i].id;
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
    var box = typeBoxes.get(type);
    if (box && !box.checked) {
      box.checked = true;
      setTypeVisible(type, true);
    }
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
  state.search = search;
  state.showDetails = showDetails;
  state.setTypeVisible = setTypeVisible;
  state.visibleNodeIds = function () {
    return nodes.getIds({
      filter: function (node) {
        return !node.hidden;
      }
    });
  };
  state.ready = true;
  state.readyMs = performance.now();
})();
