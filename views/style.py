"""How views draw things, read from ``views/data/style.toml``: the rows (levels) of the flow-down
view, the colour and label of each relation, the colour and shape of each document type, the
page's texts and the size limits. Edit the TOML to change them."""
from __future__ import annotations

import datetime as dt
import functools
import tomllib
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name("data") / "style.toml"


@functools.cache
def style() -> dict[str, Any]:
    """The style table, read once (treat it as read-only)."""
    with open(DATA, "rb") as f:
        return tomllib.load(f)


def rows() -> list[dict[str, Any]]:
    return style()["row"]


def text(name: str, **values: Any) -> str:
    return style()["text"][name].format(**values)


def field(name: str) -> str:
    return style()["field"][name]


def layout(name: str) -> int:
    return style()["layout"][name]


def limit(name: str) -> int:
    return style()["limits"][name]


def row_of(level: str | None, issuer_code: str | None = None) -> int | None:
    """The row of a document (or organisation, with no issuer code) of this level; None when the
    level is unknown (the caller places it below what it acts on)."""
    codes = set((issuer_code or "").split("-")) - {""}
    for i, row in enumerate(rows()):
        if level in row["levels"] and (not row.get("issuers") or codes & set(row["issuers"])):
            return i
    # a central organisation or a central document of an unlisted issuer: the first row of its level
    # that names no issuers
    for i, row in enumerate(rows()):
        if level in row["levels"] and not row.get("issuers"):
            return i
    return None


def row_is_local(row: int) -> bool:
    return bool(rows()[row].get("local"))


def relation(rel_type: str) -> dict[str, Any]:
    """How a relation type is drawn; a KeyError naming the style table when it has no entry for it."""
    try:
        return style()["relation"][rel_type]
    except KeyError:
        raise KeyError(f"views/data/style.toml has no [relation.{rel_type}]") from None


def role_label(role: str | None) -> str:
    return style()["role"].get(role or "", role or "")


def document_style(type_code: str | None, system: str | None) -> dict[str, Any]:
    """Colour, shape and name of a document's type (state and mass-organisation documents by system)."""
    doc = style()["document"]
    if system in doc["system"]:
        return doc["system"][system]
    return doc["type"].get(type_code or "", doc["type"]["other"])


def vn_date(value: Any) -> str:
    """A date as Vietnamese texts write it: 17/11/2022 (anything else as it is)."""
    if isinstance(value, dt.date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    if isinstance(value, str) and len(value) == 10:
        try:
            return vn_date(dt.date.fromisoformat(value))
        except ValueError:
            pass
    return "" if value is None else str(value)


def clip(value: Any, chars: int) -> str:
    s = "" if value is None else " ".join(str(value).split())
    return s if len(s) <= chars else s[: chars - 1].rstrip() + "…"


def legend() -> dict[str, list[dict[str, Any]]]:
    """The legend's entries: rows, relations and document types with their colours."""
    s = style()
    types: dict[str, dict] = {}
    for entry in [*s["document"]["type"].values(), *s["document"]["system"].values()]:
        types.setdefault(entry["name"], entry)
    return {
        "rows": [{"label": r["label"]} for r in rows()],
        "relations": [{"label": f"{v['label']} ({k})", "color": v["color"], "dashes": bool(v.get("dashes"))}
                      for k, v in s["relation"].items()],
        "documents": [{"label": name, "color": e["color"], "shape": e["shape"]} for name, e in types.items()],
    }
