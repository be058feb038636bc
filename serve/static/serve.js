/* vankien serve: suggestions as you type, sortable tables, the Cypher page's examples.
   Every text from the server reaches the page through textContent, never as HTML. */
(function () {
  "use strict";

  // --- suggestions -----------------------------------------------------------------------------------
  var box = document.getElementById("q");
  var list = document.getElementById("suggestions");
  if (box && list) {
    var timer = null, asked = "";
    var show = function (items) {
      while (list.firstChild) { list.removeChild(list.firstChild); }
      items.forEach(function (it) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = it.url;
        a.textContent = it.label;
        li.appendChild(a);
        if (it.detail) {
          var d = document.createElement("span");
          d.className = "muted";
          d.textContent = " " + it.detail;
          li.appendChild(d);
        }
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
    };
    var ask = function () {
      var q = box.value.trim();
      if (q === asked) { return; }
      asked = q;
      if (q.length < 2) { show([]); return; }
      fetch(box.getAttribute("data-suggest") + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (items) { if (box.value.trim() === q) { show(items); } })
        .catch(function () { show([]); });
    };
    box.addEventListener("input", function () {
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(ask, 150);
    });
    box.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { show([]); }
      if (ev.key === "ArrowDown" && !list.hidden) {
        var first = list.querySelector("a");
        if (first) { first.focus(); ev.preventDefault(); }
      }
    });
    document.addEventListener("click", function (ev) { if (!list.contains(ev.target) && ev.target !== box) { list.hidden = true; } });
  }

  // --- sortable tables: click a header ------------------------------------------------------------------
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var heads = table.querySelectorAll("thead th");
    Array.prototype.forEach.call(heads, function (th, col) {
      th.classList.add("sorts");
      th.addEventListener("click", function () {
        var up = th.getAttribute("data-order") !== "asc";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("data-order"); });
        th.setAttribute("data-order", up ? "asc" : "desc");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var value = function (row) { var c = row.cells[col]; return c ? c.textContent.trim() : ""; };
        rows.sort(function (a, b) {
          var x = value(a), y = value(b);
          if (x === "" && y !== "") { return 1; }           // empty cells last, either way
          if (y === "" && x !== "") { return -1; }
          var nx = Number(x), ny = Number(y);
          var r = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "vi");
          return up ? r : -r;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });

  // --- Cypher examples ---------------------------------------------------------------------------------------
  var area = document.getElementById("cypher");
  Array.prototype.forEach.call(document.querySelectorAll("button.example"), function (b) {
    b.addEventListener("click", function () { if (area) { area.value = b.getAttribute("data-cypher"); area.focus(); } });
  });
}());
