"""The page of a view, assembled safely and self-contained (it works offline).

- vis-network's script and stylesheet are the ones pyvis ships, inlined (no CDN); pyvis itself is not
  imported (it pulls in IPython and networkx): nodes and edges are plain dicts in vis-network's format.
- The graph goes into a ``<script type="application/json">`` block as JSON in which ``<``, ``>``,
  ``&`` and the two JavaScript line separators are \\u-escaped, so no text (a ``</script>`` in an
  evidence sentence) can end the block; the page's script reads it with ``JSON.parse``.
- Every other text is HTML-escaped here; tooltips are built as DOM elements with ``textContent``.
- A Content-Security-Policy allows only the page's own two scripts (by their SHA-256), so even
  markup that slipped through could run nothing: no inline handlers, no other scripts, no network.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import html
import importlib.util
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vankien.views import style as S

STATIC = Path(__file__).with_name("static")


@dataclass
class View:
    """A view's page and what it shows."""
    html: str
    title: str
    documents: int
    relations: int
    organizations: int

_JSON_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def safe_json(value: Any) -> str:
    """JSON that can sit inside a script element: no ``<``, ``>`` or ``&`` left in it (each written as
    a \\u escape, which only occurs inside JSON strings, so the value read back is the same)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    for ch, escaped in _JSON_ESCAPES:
        if ch in text:
            text = text.replace(ch, escaped)
    return text


def _pyvis_folder() -> Path:
    """Where the pyvis package is installed, found without importing it."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the pyvis package (which ships vis-network) is not installed")
    return Path(list(spec.submodule_search_locations)[0])


@functools.cache
def _vis() -> tuple[str, str]:
    """vis-network's script and stylesheet as shipped in the pyvis package."""
    lib = _pyvis_folder() / "templates" / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():      # they are inlined: must not end their element
        raise RuntimeError("the bundled vis-network cannot be inlined")
    return js, css


@functools.cache
def _own() -> tuple[str, str]:
    return (STATIC / "view.js").read_text(encoding="utf-8"), (STATIC / "view.css").read_text(encoding="utf-8")


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def _legend(legend: dict[str, list[dict[str, Any]]], rows: list[str], orgs: bool) -> str:
    """The legend, beside the network (never over it): the rows shown, the relations, the document
    types, and the organisations' mark when the view has any."""
    e = html.escape
    parts = [f"<h2>{e(S.text('legend'))}</h2>"]
    if rows:
        parts.append(f"<h3>{e(S.text('legend_rows'))}</h3><ol class=\"vk-rows\">"
                     + "".join(f"<li>{e(r)}</li>" for r in rows) + "</ol>")
    parts.append(f"<h3>{e(S.text('legend_relations'))}</h3><ul>" + "".join(
        f"<li><span class=\"vk-line{' vk-dashed' if r['dashes'] else ''}\" style=\"border-color:{e(r['color'])}\">"
        f"</span><span>{e(r['label'])}</span></li>" for r in legend["relations"]) + "</ul>")
    parts.append(f"<h3>{e(S.text('legend_documents'))}</h3><ul>" + "".join(
        f"<li><span class=\"vk-swatch vk-{e(d['shape'])}\" style=\"background:{e(d['color'])}\"></span>"
        f"<span>{e(d['label'])}</span></li>" for d in legend["documents"]) + "</ul>")
    if orgs:
        org = S.style()["organization"]
        parts.append(f"<ul><li><span class=\"vk-swatch vk-diamond\" style=\"background:{e(org['color'])}\"></span>"
                     f"<span>{e(org['group_label'])}</span></li></ul>")
    return "".join(parts)


def _css_value(value: str) -> str:
    """A value from the style table that goes into CSS as it is (a style element is not unescaped)."""
    if not re.fullmatch(r"[\w ,'#.\-]*", value):
        raise ValueError(f"not a plain CSS value: {value!r}")
    return value


def page(*, title: str, summary: str, data: dict[str, Any], controls: list[dict[str, Any]],
         legend_rows: list[str] = (), orgs: bool = False) -> str:
    """The whole HTML page. ``data``: nodes, edges, options and what view.js needs; ``controls``:
    check boxes ``{id, label, checked}``; ``legend_rows``: the names of the rows drawn; ``orgs``: the
    view has organisations (their mark goes in the legend)."""
    vis_js, vis_css = _vis()
    own_js, own_css = _own()
    e = html.escape
    font = _css_value(S.style()["font"])
    csp = (f"default-src 'none'; script-src {_hash(vis_js)} {_hash(own_js)}; style-src 'unsafe-inline'; "
           "img-src data:; font-src data:")
    boxes = "".join(f"<label><input type=\"checkbox\" id=\"{e(c['id'])}\"{' checked' if c['checked'] else ''}> "
                    f"{e(c['label'])}</label>" for c in controls)
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{e(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title>
<style>{vis_css}</style>
<style>:root {{ --vk-font: {font}; }}
{own_css}</style>
</head>
<body>
<header>
<h1 id="vk-title">{e(title)}</h1>
<p id="vk-summary">{e(summary)}</p>
<div id="vk-controls">{boxes}<button type="button" id="vk-fit">{e(S.text('fit'))}</button></div>
</header>
<main>
<div id="vk-network"></div>
<aside id="vk-legend">{_legend(S.legend(), list(legend_rows), orgs)}</aside>
</main>
<p id="vk-help">{e(S.text('help'))}</p>
<script type="application/json" id="vk-data">{safe_json(data)}</script>
<script>{vis_js}</script>
<script>{own_js}</script>
</body>
</html>
"""


def network_options(edges: int) -> dict[str, Any]:
    """vis-network options: no physics (positions are given), straight edges and edge labels only
    in tooltips past the limits of views/data/style.toml. Labels smaller than ``label_min_px`` on
    screen are not drawn (an unreadable grey smear otherwise); view.js enlarges the labels that
    matter as the view zooms out."""
    font = S.style()["font"]
    big = edges > S.limit("smooth_edges")
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "hierarchical": {"enabled": False}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "navigationButtons": False, "keyboard": False},
        "nodes": {"font": {"face": font, "size": 13, "multi": False}, "margin": 8, "borderWidth": 1,
                  "scaling": {"label": {"drawThreshold": S.layout("label_min_px"), "maxVisible": 40}}},
        "edges": {"smooth": False if big else {"enabled": True, "type": "cubicBezier",
                                               "forceDirection": "vertical", "roundness": 0.4},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
                  "font": {"face": font, "size": 11, "align": "middle", "strokeWidth": 3,
                           "strokeColor": "#ffffff"},
                  "scaling": {"label": {"drawThreshold": S.layout("label_min_px") + 1}}},
    }


def write(path: str | Path, text: str) -> None:
    Path(path).write_text(text, encoding="utf-8")
