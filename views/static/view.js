/* vankien views: draws the graph held in #vk-data with vis-network and wires the page's controls.
   Every text from the data reaches the page through textContent or the canvas, never as HTML.

   What is drawn is worked out here from the data and the switches: documents, except those of a
   collapsed province (one box instead, its edges merged), and the organisations when shown. Only
   that goes into vis-network's data sets (and only it gets tooltip elements), so a big view starts
   with a few hundred items instead of thousands; a switch adds and removes the difference. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("vk-data").textContent);
  var container = document.getElementById("vk-network");
  var labelPx = data.labelPx || 11;     // px on screen a document's name is kept at as the view zooms out
  var FULL_PX = 9;                      // px on screen below which a document shows its name only

  // A tooltip as a DOM element: one line per [field, value] pair, all plain text.
  function tip(lines) {
    var box = document.createElement("div");
    box.className = "vk-tip";
    lines.forEach(function (pair) {
      var line = document.createElement("div");
      if (pair[0]) {
        var key = document.createElement("b");
        key.textContent = pair[0] + ": ";
        line.appendChild(key);
      } else {
        line.className = "vk-tip-head";
      }
      line.appendChild(document.createTextNode(pair[1]));
      box.appendChild(line);
    });
    return box;
  }
  function withTip(item) {
    if (item.tip) { item.title = tip(item.tip); delete item.tip; }
    return item;
  }

  // --- where things are ---------------------------------------------------------------------------
  // Each document's place with the documents alone; with organisations shown, rows move down by data.shift.
  var base = {};
  data.nodes.forEach(function (n) {
    base[n.id] = { x: n.x, y: n.y, row: n.level, label: n.label, short: n.short, root: n.root === true,
                   doc: n.short !== undefined, width: n.widthConstraint };
  });
  var assignBox = document.getElementById("vk-assignments");
  var collapseBox = document.getElementById("vk-collapse");
  var orgsOn = !!(assignBox && assignBox.checked);
  function shift(row) { return orgsOn && data.shift && row !== undefined ? (data.shift[row] || 0) : 0; }
  function home(id) { return { x: base[id].x, y: base[id].y + shift(base[id].row) }; }
  function bands() { return orgsOn ? data.rowsOrgs : data.rows; }

  var clusters = {};                    // key -> box; collapsed[key]: drawn as one box
  var clusterOf = {};
  var collapsed = {};
  (data.clusters || []).forEach(function (c) { clusters[c.key] = c; });
  data.nodes.forEach(function (n) { if (n.cluster) { clusterOf[n.id] = n.cluster; } });
  function endpoint(id) { var c = clusterOf[id]; return c && collapsed[c] ? "cluster:" + c : id; }

  // The part of the canvas to show: the row bands, or (no bands) every node shown, with room for its box.
  function extent() {
    var left = Infinity, right = -Infinity, top = Infinity, bottom = -Infinity;
    function add(x0, y0, x1, y1) {
      left = Math.min(left, x0); right = Math.max(right, x1); top = Math.min(top, y0); bottom = Math.max(bottom, y1);
    }
    var rows = bands();
    if (rows && rows.length) {
      rows.forEach(function (r) { add(r.left, r.top, r.right, r.bottom); });
    } else {
      data.nodes.forEach(function (n) {
        var p = home(n.id), w = ((n.widthConstraint && n.widthConstraint.maximum) || 200) / 2 + 12;
        if (n.root) { w += 40; }
        add(p.x - w, p.y - (n.root ? 70 : 50), p.x + w, p.y + (n.root ? 70 : 50));
      });
      if (orgsOn) { data.orgNodes.forEach(function (n) { add(n.x - 75, n.y - 20, n.x + 75, n.y + 50); }); }
    }
    return { left: left, right: right, top: top, bottom: bottom };
  }
  function fitScale(b) {
    var w = container.clientWidth || 800, h = container.clientHeight || 600;
    return Math.min(1.5, 0.96 * Math.min(w / (b.right - b.left), h / (b.bottom - b.top)));
  }

  // --- labels that read at every zoom ------------------------------------------------------------
  // Near, a document shows its name, date and issuer; farther out, its name alone, drawn larger so it
  // stays about labelPx on screen (up to what its place holds); farther still, small labels are not
  // drawn (vis-network's drawThreshold) while the root's and the provinces' boxes keep growing.
  // A label is updated only when its look changes (sizes go in steps of about 12 %).
  var looks = {};
  var scale = 1;
  function step(size) { return Math.round(Math.exp(Math.round(Math.log(size) / 0.12) * 0.12)); }
  function docLook(id, s) {
    var b = base[id], size = b.root ? 16 : 13;
    if (size * s >= FULL_PX) { return { id: id, label: b.label, font: { size: size }, widthConstraint: b.width }; }
    size = Math.min(b.root ? 110 : 28, Math.max(size, step(labelPx / s)));
    var width = b.width;
    if (b.root && width) { width = { minimum: width.minimum, maximum: Math.round(width.maximum * size / 16) }; }
    return { id: id, label: b.short, font: { size: size }, widthConstraint: width };
  }
  function boxLook(c, s) {
    return { id: "cluster:" + c.key, font: { size: Math.min(c.fontMax, Math.max(c.font, step(labelPx * 1.3 / s))) } };
  }
  function lookOf(id, s) {
    if (base[id] && base[id].doc) { return docLook(id, s); }
    if (id.indexOf("cluster:") === 0) { return boxLook(clusters[id.slice(8)], s); }
    return null;
  }
  function key(look) { return look.label + "|" + look.font.size; }

  // --- what is drawn -----------------------------------------------------------------------------
  var relLabel = data.relations || {};
  function boxNode(c) {
    return { id: "cluster:" + c.key, label: c.label, shape: "box", tip: c.tip, borderWidth: 2, x: c.x,
             y: c.y + shift(c.row), color: { background: c.color, border: "#34495e" }, font: { size: c.font },
             widthConstraint: { minimum: c.width, maximum: c.width }, heightConstraint: { minimum: c.height },
             box: true };
  }
  function wanted() {
    var ns = {}, es = {};
    data.nodes.forEach(function (n) { if (endpoint(n.id) === n.id) { ns[n.id] = n; } });
    Object.keys(collapsed).forEach(function (k) { ns["cluster:" + k] = boxNode(clusters[k]); });
    if (orgsOn) { data.orgNodes.forEach(function (n) { ns[n.id] = n; }); }
    (orgsOn ? data.edges.concat(data.orgEdges) : data.edges).forEach(function (e) {
      var a = endpoint(e.from), b = endpoint(e.to);
      if (a === e.from && b === e.to) { es[e.id] = e; return; }
      if (a === b) { return; }
      var id = "merged:" + a + "|" + e.relation + "|" + b;
      var m = es[id] || (es[id] = { id: id, from: a, to: b, relation: e.relation, assign: e.assign === true, n: 0,
                                    color: e.color, dashes: e.dashes });
      m.n += 1;
    });
    Object.keys(es).forEach(function (id) {
      var m = es[id];
      if (id.indexOf("merged:") === 0) {
        m.width = 1 + Math.min(m.n, 20) * 0.25;
        m.tip = [["", m.n + " × " + (relLabel[m.relation] || m.relation)]];
      }
    });
    return { nodes: ns, edges: es };
  }
  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  var shownNodes = {}, shownEdges = {};
  // Make the data sets hold what is wanted: remove the rest, add what is missing (placed for the
  // current switches, labelled for the current zoom), update merged edges whose count changed.
  function sync(moveAll) {
    var want = wanted(), addN = [], dropN = [], addE = [], dropE = [], moved = [], changed = [];
    Object.keys(shownEdges).forEach(function (id) { if (!want.edges[id]) { dropE.push(id); delete shownEdges[id]; } });
    Object.keys(shownNodes).forEach(function (id) { if (!want.nodes[id]) { dropN.push(id); delete shownNodes[id]; } });
    Object.keys(want.nodes).forEach(function (id) {
      var n = want.nodes[id];
      var p = base[id] ? home(id) : { x: n.x, y: n.y };
      if (shownNodes[id]) {
        if (moveAll && (base[id] || n.box)) { moved.push({ id: id, x: p.x, y: p.y }); }
        return;
      }
      n.x = p.x; n.y = p.y;
      var look = lookOf(id, scale);
      if (look) {
        looks[id] = key(look);
        n.font = Object.assign({}, n.font || {}, look.font);
        if (look.label !== undefined) { n.label = look.label; }
        if (look.widthConstraint) { n.widthConstraint = look.widthConstraint; }
      }
      addN.push(withTip(n));
      shownNodes[id] = true;
    });
    Object.keys(want.edges).forEach(function (id) {
      var e = want.edges[id];
      if (shownEdges[id] === undefined) { addE.push(withTip(e)); shownEdges[id] = e.n || 0; }
      else if (e.n && shownEdges[id] !== e.n) { changed.push(withTip({ id: id, width: e.width, tip: e.tip })); shownEdges[id] = e.n; }
    });
    if (dropE.length) { edges.remove(dropE); }
    if (dropN.length) { nodes.remove(dropN); }
    if (addN.length) { nodes.add(addN); }
    if (moved.length) { nodes.update(moved); }
    if (addE.length) { edges.add(addE); }
    if (changed.length) { edges.update(changed); }
  }

  // --- the network -------------------------------------------------------------------------------
  if (collapseBox && collapseBox.checked) { Object.keys(clusters).forEach(function (k) { collapsed[k] = true; }); }
  scale = fitScale(extent());
  sync(false);
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.network = network;
  window.vankien = {
    network: network, nodes: nodes, edges: edges, data: data,
    // every node of the view: documents (collapsed or not) and organisations (shown or not)
    allNodeIds: function () {
      return data.nodes.concat(data.orgNodes || []).map(function (n) { return n.id; });
    }
  };

  function relabel() {
    scale = network.getScale();
    var updates = [];
    Object.keys(shownNodes).forEach(function (id) {
      var look = lookOf(id, scale);
      if (look && looks[id] !== key(look)) { looks[id] = key(look); updates.push(look); }
    });
    if (updates.length) { nodes.update(updates); }
  }
  var relabelTimer = null;
  function relabelSoon() {
    if (relabelTimer) { clearTimeout(relabelTimer); }
    relabelTimer = setTimeout(function () { relabelTimer = null; relabel(); }, 120);
  }

  // Rows (levels): a light band behind each, with its name wrapped in the band's left gutter.
  function wrap(ctx, text, width) {
    var lines = [], line = "";
    text.split(" ").forEach(function (word) {
      var next = line ? line + " " + word : word;
      if (line && ctx.measureText(next).width > width) { lines.push(line); line = word; } else { line = next; }
    });
    return line ? lines.concat([line]) : lines;
  }
  network.on("beforeDrawing", function (ctx) {
    (bands() || []).forEach(function (row, i) {
      ctx.fillStyle = i % 2 ? "rgba(52, 73, 94, 0.035)" : "rgba(52, 73, 94, 0.07)";
      ctx.fillRect(row.left, row.top, row.right - row.left, row.bottom - row.top);
      ctx.fillStyle = "#34495e";
      ctx.font = "bold " + row.size + "px " + data.font;
      ctx.textBaseline = "top";
      wrap(ctx, row.label, row.gutter).forEach(function (text, k) {
        ctx.fillText(text, row.left + row.size * 0.75, row.top + row.size * (0.6 + 1.3 * k));
      });
    });
  });

  // The whole picture in view (the row bands too: vis-network's fit only knows the nodes), again
  // whenever the page is resized, unless the reader has zoomed or moved it since.
  var fitted = true;
  function fitAll() {
    var b = extent();
    network.moveTo({ position: { x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2 }, scale: fitScale(b),
                     animation: false });
    fitted = true;
    window.vankienFits = (window.vankienFits || 0) + 1;
    relabel();
  }
  network.on("zoom", function () { fitted = false; relabelSoon(); });
  network.on("dragEnd", function (params) { if (!params.nodes.length) { fitted = false; } });
  // (after vis-network's own resize handling, which puts its previous camera back once the event is out)
  network.on("resize", function () { if (fitted) { setTimeout(function () { if (fitted) { fitAll(); } }, 0); } });
  document.getElementById("vk-fit").addEventListener("click", fitAll);

  // Organisations given tasks, on and off (the rows move down to make room for them, and back up).
  if (assignBox) {
    assignBox.addEventListener("change", function () {
      orgsOn = assignBox.checked;
      sync(true);
      if (fitted) { fitAll(); }
    });
  }
  // Big provinces collapsed into one box each: the switch collapses or opens them all, a
  // double-click opens one.
  if (collapseBox) {
    collapseBox.addEventListener("change", function () {
      Object.keys(clusters).forEach(function (k) {
        if (collapseBox.checked) { collapsed[k] = true; } else { delete collapsed[k]; }
      });
      sync(false);
    });
  }
  network.on("doubleClick", function (params) {
    var id = params.nodes.length ? String(params.nodes[0]) : "";
    if (id.indexOf("cluster:") === 0 && collapsed[id.slice(8)]) { delete collapsed[id.slice(8)]; sync(false); }
  });

  var b0 = extent();
  network.moveTo({ position: { x: (b0.left + b0.right) / 2, y: (b0.top + b0.bottom) / 2 }, scale: scale, animation: false });
  network.once("afterDrawing", function () {
    window.vankienReady = performance.now();
    document.body.setAttribute("data-ready", "1");
  });
}());
