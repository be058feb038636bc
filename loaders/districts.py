"""Districts and the province each belonged to (before the 2025 reform abolished districts).

A local article often names only its district ("Huyện ủy Phú Ninh tổ chức hội nghị ...") and
cites "Chỉ thị số 45-CT/TU của Ban Thường vụ Tỉnh ủy" without naming the province: the district
tells which province that is. The table is the General Statistics Office's list of 696
district-level units of the 63 provinces, as published on PyPI by the ``vietnam-provinces``
package (0.6.x, the last series that keeps districts); only its data file is read. A district
name several provinces share ("Châu Thành") tells nothing.
"""
from __future__ import annotations

import functools
import importlib.util
import json
from pathlib import Path

from vankien.loaders.fold import fold
from vankien.loaders.vocab import load_data

_PACKAGE = "vietnam_provinces"
_DATA = "data/nested-divisions.json"
# the unit words the data writes before a name ("Huyện Phú Ninh", "Tỉnh Quảng Nam")
_UNITS = ("thành phố", "thị xã", "quận", "huyện", "tỉnh")


def squeeze(name: str) -> str:
    """A place name folded, without spaces or punctuation ("Thừa Thiên - Huế" -> "thuathienhue")."""
    return "".join(c for c in fold(name) if c.isalnum())


def _bare(name: str) -> str:
    """A division's name without its unit word ("Huyện Phú Ninh" -> "Phú Ninh")."""
    folded = fold(name)
    for unit in _UNITS:
        if folded.startswith(fold(unit) + " "):
            return name[len(unit) + 1:].strip()
    return name.strip()


def _exact(name: str) -> str:
    """A place name as written, case and spacing folded, diacritics kept ("Phú Ninh" is not "Phù Ninh")."""
    return " ".join(name.split()).casefold()


@functools.cache
def _district_names() -> dict[tuple[str, str], str]:
    """(squeezed district name, squeezed province name) -> the district's name as the data writes it."""
    out: dict[tuple[str, str], str] = {}
    for p in _divisions():
        province = squeeze(_bare(p["name"]))
        for d in p.get("districts", ()):
            name = _bare(d["name"])
            if name and not name.isdigit():
                out[(squeeze(name), province)] = name
    return out


def district_in(squeezed: str, province: str) -> str | None:
    """The district of ``province`` whose squeezed name is ``squeezed`` ("tuyphong", "Bình
    Thuận" -> "Tuy Phong"), else ``None``."""
    return _district_names().get((squeezed, squeeze(_bare(province))))


def _divisions() -> list:
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return []
    path = Path(next(iter(spec.submodule_search_locations))) / _DATA
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []


@functools.cache
def district_provinces() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """District name -> the provinces (names as the data writes them, without "Tỉnh" / "Thành
    phố") that have a district of that name: keyed as written (``_exact``) and folded
    (``squeeze``, for damaged or old-style diacritics). Empty when the data is not installed."""
    provinces = _divisions()
    exact: dict[str, set[str]] = {}
    folded: dict[str, set[str]] = {}
    for p in provinces:
        province = _bare(p["name"])
        for d in p.get("districts", ()):
            name = _bare(d["name"])
            if name and not name.isdigit():
                exact.setdefault(_exact(name), set()).add(province)
                folded.setdefault(squeeze(name), set()).add(province)
    return ({k: frozenset(v) for k, v in exact.items()}, {k: frozenset(v) for k, v in folded.items()})


def province_of_district(name: str) -> str | None:
    """The one province with a district called ``name`` (as written, else ignoring diacritics),
    else ``None`` (unknown or shared)."""
    exact, folded = district_provinces()
    found = exact.get(_exact(name)) or folded.get(squeeze(name))
    return next(iter(found)) if found and len(found) == 1 else None


@functools.cache
def _place_names() -> tuple[frozenset[str], tuple[str, ...]]:
    """The names of every province, district and commune (``_exact``), and the districts' names as
    the data writes them."""
    names: set[str] = set()
    district_names: set[str] = set()
    for p in _divisions():
        names.add(_exact(_bare(p["name"])))
        for d in p.get("districts", ()):
            name = _bare(d["name"])
            if name and not name.isdigit() and not fold(name).startswith(tuple(fold(u) + " " for u in _UNITS)):
                names.add(_exact(name))
                district_names.add(name)
            for w in d.get("wards", ()):
                ward = w["name"]
                for unit in load_data("sites.toml")["letterhead"]["grassroots_units"]:
                    if fold(ward).startswith(fold(unit) + " "):
                        ward = ward[len(unit) + 1:].strip()
                        break
                if ward and not ward.isdigit():
                    names.add(_exact(ward))
    return frozenset(names), tuple(sorted(district_names))


def is_place(name: str) -> bool:
    """``name`` (as written, case and spacing aside) is a province, a district or a commune of the
    data: a place even where its first word is a common word ("Văn Lâm", "Thường Tín", "Đồng Nai")."""
    return _exact(name) in _place_names()[0]


def district_names() -> tuple[str, ...]:
    """Every district's name, as the data writes it (empty when the data is not installed)."""
    return _place_names()[1]

