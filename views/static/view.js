/* vankien views: draws the graph held in #vk-data with vis-network and wires the page's controls.
   Every text from the data reaches the page through textContent or the canvas, never as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("vk-data").textContent);

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

  function withTips(items) {
    items.forEach(function (item) {
      if (item.tip) { item.title = tip(item.tip); delete item.tip; }
    });
    return items;
  }

  var nodes = new vis.DataSet(withTips(data.nodes));
  var edges = new vis.DataSet(withTips(data.edges));
  var container = document.getElementById("vk-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.network = network;
  window.vankien = { network: network, nodes: nodes, edges: edges };

  // Rows (levels): a light band behind each, with its name wrapped in the band's left gutter.
  function wrap(ctx, text, width) {
    var lines = [], line = "";
    text.split(" ").forEach(function (word) {
      var next = line ? line + " " + word : word;
      if (line && ctx.measureText(next).width > width) { lines.push(line); line = word; } else { line = next; }
    });
    return line ? lines.concat([line]) : lines;
  }
  if (data.rows && data.rows.length) {
    network.on("beforeDrawing", function (ctx) {
      data.rows.forEach(function (row, i) {
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
  }

  // Assignments to organisations, on and off.
  var assignBox = document.getElementById("vk-assignments");
  function showAssignments(on) {
    var orgIds = nodes.getIds({ filter: function (n) { return n.org === true; } });
    var edgeIds = edges.getIds({ filter: function (e) { return e.assign === true; } });
    nodes.update(orgIds.map(function (id) { return { id: id, hidden: !on }; }));
    edges.update(edgeIds.map(function (id) { return { id: id, hidden: !on }; }));
  }
  if (assignBox) {
    assignBox.addEventListener("change", function () { showAssignments(assignBox.checked); });
  }

  // Big provinces collapsed into one node each (double-click opens one). Clusters are made and
  // opened without refreshing the network each time (vis-network's refreshData argument), then the
  // network is refreshed once: one refresh per cluster would take seconds on big views.
  var clusterOf = {};
  var collapsed = {};
  var home = {};
  data.nodes.forEach(function (n) {
    if (n.cluster) { clusterOf[n.id] = n.cluster; home[n.id] = { x: n.x, y: n.y }; }
  });
  // an opened cluster puts its documents back where they were (vis-network's default: on the cluster)
  var backHome = {
    releaseFunction: function (clusterPosition, positions) {
      var out = {};
      Object.keys(positions).forEach(function (id) { out[id] = home[id] || positions[id]; });
      return out;
    }
  };
  function collapse(on) {
    (data.clusters || []).forEach(function (c) {
      var id = "cluster:" + c.key;
      if (on && !collapsed[id]) {
        network.cluster({
          joinCondition: function (options) { return clusterOf[options.id] === c.key; },
          clusterNodeProperties: {
            id: id, label: c.label, shape: "box", title: tip(c.tip), borderWidth: 2, x: c.x, y: c.y,
            color: { background: c.color, border: "#34495e" }, font: { size: c.font },
            widthConstraint: { minimum: c.width, maximum: c.width }, heightConstraint: { minimum: c.height }
          }
        }, false);
        collapsed[id] = true;
      } else if (!on && collapsed[id]) {
        if (network.body.nodes[id] !== undefined) { network.openCluster(id, backHome, false); }
        delete collapsed[id];
      }
    });
    network.body.emitter.emit("_dataChanged");
  }
  var collapseBox = document.getElementById("vk-collapse");
  if (collapseBox) {
    collapseBox.addEventListener("change", function () { collapse(collapseBox.checked); });
    if (collapseBox.checked) { collapse(true); }
  }
  network.on("doubleClick", function (params) {
    var id = params.nodes.length ? params.nodes[0] : null;
    if (id !== null && collapsed[id]) { network.openCluster(id, backHome); delete collapsed[id]; }
  });

  // The whole picture in view: the row bands too (vis-network's fit only knows the nodes).
  function fitAll() {
    if (!data.rows || !data.rows.length) { network.fit({ animation: false }); return; }
    var left = Infinity, right = -Infinity, top = Infinity, bottom = -Infinity;
    data.rows.forEach(function (r) {
      left = Math.min(left, r.left); right = Math.max(right, r.right);
      top = Math.min(top, r.top); bottom = Math.max(bottom, r.bottom);
    });
    var scale = Math.min(1.5, 0.97 * Math.min(container.clientWidth / (right - left), container.clientHeight / (bottom - top)));
    network.moveTo({ position: { x: (left + right) / 2, y: (top + bottom) / 2 }, scale: scale, animation: false });
  }
  fitAll();
  document.getElementById("vk-fit").addEventListener("click", fitAll);

  network.once("afterDrawing", function () {
    window.vankienReady = performance.now();
    document.body.setAttribute("data-ready", "1");
  });
}());
