/* vankien serve: in a framed view, a click on a document opens its page (in the whole window). */
(function () {
  "use strict";
  var v = window.vankien;
  if (!v || !v.network) { return; }
  var docs = {};
  v.data.nodes.forEach(function (n) { if (n.short !== undefined) { docs[n.id] = true; } });
  v.network.on("click", function (params) {
    var id = params.nodes.length ? String(params.nodes[0]) : "";
    if (docs[id]) {
      var url = "/doc/" + encodeURIComponent(id).replace(/%2F/g, "/").replace(/%3A/g, ":").replace(/%40/g, "@");
      (window.top || window).location.href = url;
    }
  });
}());
