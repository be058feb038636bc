"""The data of each page of ``vankien serve``, from the vankien API (``show``, ``find_documents``,
``resolve``, ``find_organizations``, ``organization``, ``coverage``) and a few parameterised queries
of its own. Nothing here writes to the store."""
from __future__ import annotations

import bisect
import csv
import datetime as dt
import functools
import io
import re
import threading
import tomllib
from pathlib import Path
from typing import Any

from vankien.graph.model.schema import DOCUMENT_RELATIONS, LINEAGE_TYPES, check_label
from vankien.graph.queries.coverage import coverage as coverage_of
from vankien.graph.queries.lineage import show
from vankien.graph.queries.lookup import AmbiguousKey, NoDocument, UnreadableKey, describe, find_documents, resolve
from vankien.graph.queries.organizations import NoOrganization, find_organizations
from vankien.graph.stores import GraphStore
from vankien.loaders.fold import fold
from vankien.views.query import texts

DATA = Path(__file__).with_name("data")
SUGGESTIONS = 10
RESULTS = 50
CYPHER_ROWS = 2000          # rows shown on the Cypher page (downloads hold them all)
PAGE_SIZE = 200             # tasks (and documents issued) on one page of an organisation

@functools.cache
def relation_names() -> dict[str, dict[str, str]]:
    """relation -> {outgoing, incoming}: how the pages name it (data/relations.toml)."""
    return tomllib.loads((DATA / "relations.toml").read_text(encoding="utf-8"))["relations"]


def relation_name(rel: str, direction: str) -> str:
    names = relation_names().get(rel)
    if not names:                              # a type added to the list but not named here yet
        words = rel.replace("_", " ").lower()
        return words if direction == "outgoing" else f"{words} (by)"
    return names[direction]


def doc_title(d: dict[str, Any]) -> str:
    """How a document is named on the pages: its kind and symbol, or what it is called."""
    kind, key = d.get("kind"), d.get("key")
    if key and not str(key).startswith("named:"):
        return f"{kind} {key}" if kind else str(key)
    return d.get("descriptor") or kind or d.get("id") or "?"


# --- search ------------------------------------------------------------------------------------------

def _lines(hays: list[str]) -> tuple[str, list[int]]:
    """The haystacks as one text, a line each, and where each line starts."""
    starts, at = [], 0
    for hay in hays:
        starts.append(at)
        at += len(hay) + 1
    return "\n".join(hays), starts


def _holding(words: list[str], hays: list[str], text: str, starts: list[int]):
    """Numbers of the haystacks (lines of ``text``, starting at ``starts``) that hold every one of
    ``words`` (no word holds a space), in order: the occurrences of the longest word are found in the
    text (by ``str.find``, in C), each line they fall in is checked for the others."""
    lead = max(words, key=len)
    others = [w for w in words if w != lead]
    at = text.find(lead)
    while at != -1:
        n = bisect.bisect_right(starts, at) - 1
        if all(w in hays[n] for w in others):
            yield n
        if n + 1 >= len(starts):
            return
        at = text.find(lead, starts[n + 1])


class SearchIndex:
    """Every document's folded words (symbol, kind, what it is called, issuer, place, the titles of the
    texts that are it), read once from the store (served read-only, it does not change). Held as one
    text, a line a document, so that a word is looked for by ``str.find`` (in C) rather than document by
    document, and the folded symbols sorted, so that those starting with the query are found by bisection."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._rows: list[tuple[str, str, str]] | None = None
        self._orgs: list[tuple[str, str, str, int]] | None = None
        self._text, self._org_text = "", ""
        self._starts: list[int] = []
        self._org_starts: list[int] = []
        self._hays: list[str] = []
        self._org_hays: list[str] = []
        self._keys: list[tuple[str, int]] = []
        self._lock = threading.Lock()

    def rows(self) -> list[tuple[str, str, str]]:
        """(id, folded symbol, " " + folded words) of every document, in the store's order."""
        with self._lock:
            if self._rows is None:
                titles: dict[str, list[str]] = {}
                for subject, title in self.store.query(
                        "MATCH (s:Source) WHERE s.subject IS NOT NULL AND s.title IS NOT NULL "
                        "RETURN s.subject, s.title").rows:
                    titles.setdefault(subject, []).append(title)
                folded: dict[str, str] = {}          # a word folds once: most words recur in many documents
                known = folded.get

                def fold_word(word: str) -> str:
                    out = folded[word] = " ".join(fold(word).split())
                    return out

                rows = []
                for i, key, kind, desc, body, loc, prov in self.store.query(
                        "MATCH (d:Document) RETURN d.id, d.key, d.kind, d.descriptor, d.issuing_body, "
                        "d.locality, d.province").rows:
                    words = " ".join([str(w) for w in (key, kind, desc, body, loc, prov, *titles.get(i, ())) if w])
                    hay = " " + " ".join([known(w) or fold_word(w) for w in words.split()])
                    if "  " in hay or hay.endswith(" "):          # a word that folds to nothing
                        hay = " " + " ".join(hay.split())
                    rows.append((i, fold(str(key or "")), hay))
                self._hays = [hay for _, _, hay in rows]
                self._text, self._starts = _lines(self._hays)
                self._keys = sorted((key, n) for n, (_, key, _) in enumerate(rows))
                self._rows = rows
            return self._rows

    def organizations(self) -> list[tuple[str, str, str, int]]:
        """(id, folded name, folded words, sources) of every organisation, read once."""
        with self._lock:
            if self._orgs is None:
                orgs = [(i, fold(name or ""), " " + " ".join(fold(" ".join(
                    str(w) for w in (name, loc, prov) if w)).split()), n or 0)
                    for i, name, loc, prov, n in self.store.query(
                        "MATCH (o:Organization) RETURN o.id, o.name, o.locality, o.province, o.sources").rows]
                self._org_hays = [hay for _, _, hay, _ in orgs]
                self._org_text, self._org_starts = _lines(self._org_hays)
                self._orgs = orgs
            return self._orgs

    def match_organizations(self, query: str, limit: int) -> list[str]:
        """Ids of the organisations whose name and place hold every word of ``query``: a name equal to
        it first, then by how many texts name them."""
        words = fold(query).split()
        if not words:
            return []
        whole = " ".join(words)
        orgs = self.organizations()
        hits = [(orgs[n][1] != whole, -orgs[n][3], orgs[n][0])
                for n in _holding(words, self._org_hays, self._org_text, self._org_starts)]
        return [i for _, _, i in sorted(hits)[:limit]]

    def _holding(self, words: list[str]):
        """Numbers of the documents whose words hold every one of ``words``, in the store's order."""
        self.rows()
        return _holding(words, self._hays, self._text, self._starts)

    def match(self, query: str, limit: int) -> list[str]:
        """Ids of the documents whose words hold every word of ``query`` (diacritics and case ignored),
        those whose symbol starts with it first; each part in the store's order."""
        words = fold(query).split()
        if not words:
            return []
        rows = self.rows()
        head = fold(query).strip()
        lo = bisect.bisect_left(self._keys, (head, -1))
        hi = bisect.bisect_left(self._keys, (head + "\U0010ffff", -1), lo)
        first: list[int] = []
        if (hi - lo) ** 2 <= limit * len(rows):
            # few symbols start with the query: take them all from the sorted symbols
            first = sorted(n for _, n in self._keys[lo:hi] if all(w in rows[n][2] for w in words))[:limit]
        else:
            # many do: the first ones in the store's order come soon
            for n, (_, key, hay) in enumerate(rows):
                if key.startswith(head) and all(w in hay for w in words):
                    first.append(n)
                    if len(first) >= limit:
                        break
        rest: list[int] = []
        if len(first) < limit:
            taken = set(first)
            for n in self._holding(words):
                if n not in taken:
                    rest.append(n)
                    if len(first) + len(rest) >= limit:
                        break
        return [rows[n][0] for n in first + rest]


DOC_COLUMNS = ("id", "key", "kind", "type", "date", "issuing_body", "locality", "province", "descriptor",
               "in_force", "superseded_by", "level", "ambiguous", "sources")


def documents(store: GraphStore, ids: list[str]) -> list[dict[str, Any]]:
    """The documents with these ids, in this order."""
    if not ids:
        return []
    cols = ", ".join(f"d.{c} AS {c}" for c in DOC_COLUMNS)
    found = {r["id"]: r for r in store.query(f"UNWIND $ids AS i MATCH (d:Document {{id: i}}) RETURN {cols}",
                                             {"ids": list(ids)}).records()}
    out = []
    for i in ids:
        if i in found:
            r = found[i]
            r["title"] = doc_title(r)
            out.append(r)
    return out


def search(store: GraphStore, index: SearchIndex, query: str, limit: int = RESULTS, *,
           loose: bool = True) -> dict[str, Any]:
    """Documents the query names (any written form of a symbol, a named document), then documents whose
    words hold it (title, issuer, province), organisations by name; and "did you mean" when nothing fits.
    Words without a number are looked up in the site's index of folded words first (fast on a large
    store); with ``loose``, the API's slower loose matching (names of documents, abbreviations of
    organisations, "did you mean") answers when nothing is found so."""
    query = (query or "").strip()[:200]
    out: dict[str, Any] = {"query": query, "documents": [], "organizations": [], "suggestions": [], "exact": None}
    if not query:
        return out
    ids: list[str] = []
    symbol = any(ch.isdigit() for ch in query)
    if symbol:
        try:
            ids = [r["id"] for r in find_documents(store, query)]
        except (UnreadableKey, ValueError):
            pass
        if len(ids) == 1:
            out["exact"] = ids[0]
    for i in index.match(query, limit):
        if i not in ids:
            ids.append(i)
    if not ids and not symbol and loose:
        try:
            ids = [r["id"] for r in find_documents(store, query)]
        except (UnreadableKey, ValueError):
            pass
    out["documents"] = documents(store, ids[:limit])
    if out["exact"] is None:
        orgs = organizations(store, index.match_organizations(query, min(limit, 20)))
        if not orgs and not ids and loose:
            try:
                orgs = find_organizations(store, query, limit=min(limit, 20))
            except ValueError:
                orgs = []
        out["organizations"] = orgs
    if not out["documents"] and not out["organizations"] and loose:
        try:
            resolve(store, query)
        except NoDocument as e:
            out["suggestions"] = [{"id": r["id"], "text": describe(r)} for r in e.suggestions]
        except (AmbiguousKey, UnreadableKey, ValueError):
            pass
    return out


def organizations(store: GraphStore, ids: list[str]) -> list[dict[str, Any]]:
    """The organisations with these ids, in this order (``match``: found by their words)."""
    if not ids:
        return []
    found = {r["id"]: r for r in store.query(
        "UNWIND $ids AS i MATCH (o:Organization {id: i}) RETURN o.id AS id, o.name AS name, o.level AS level, "
        "o.locality AS locality, o.province AS province, o.sources AS sources", {"ids": ids}).records()}
    return [{**found[i], "match": "words"} for i in ids if i in found]


def suggest(store: GraphStore, index: SearchIndex, query: str) -> list[dict[str, str]]:
    """At most SUGGESTIONS things to open as the reader types: documents, then organisations."""
    found = search(store, index, query, limit=SUGGESTIONS, loose=False)
    orgs = found["organizations"][:3]
    out = [{"label": d["title"], "detail": " · ".join(str(x) for x in (d.get("date"), d.get("issuing_body")) if x),
            "url": doc_url(d["id"])} for d in found["documents"][:SUGGESTIONS - len(orgs)]]
    return out + [{"label": o["name"], "detail": o.get("province") or "", "url": org_url(o["id"])} for o in orgs]


# --- URLs ---------------------------------------------------------------------------------------------

def path(value: str) -> str:
    from urllib.parse import quote
    return quote(value, safe="/:@")


def doc_url(doc_id: str) -> str:
    return "/doc/" + path(doc_id)


def org_url(org_id: str) -> str:
    return "/org/" + path(org_id)


def flow_url(doc_id: str) -> str:
    return "/flow/" + path(doc_id)


def coverage_url(doc_id: str) -> str:
    return "/coverage/" + path(doc_id)


# --- the document page ----------------------------------------------------------------------------------

def find_document(store: GraphStore, key: str) -> str:
    """The id of the document ``key`` (an id or any written form) names; the errors of ``resolve``."""
    if store.query("MATCH (d:Document {id: $id}) RETURN count(*)", {"id": key}).scalar():
        return key
    return resolve(store, key)


def statements(store: GraphStore, doc_id: str) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """Every stated relation of the document, by (relation, direction, other document): each with its
    evidence sentence, confidence and the text that states it (name, URL)."""
    types = "|".join(check_label(t) for t in DOCUMENT_RELATIONS)
    rel = store.rel_type_function
    rows = []
    for direction, pattern in (("outgoing", f"(a:Document {{id: $id}})-[r:{types}]->(b:Document)"),
                               ("incoming", f"(a:Document {{id: $id}})<-[r:{types}]-(b:Document)")):
        rows += [(direction, *r) for r in store.query(
            f"MATCH {pattern} RETURN {rel}(r), b.id, r.evidence, r.confidence, r.source, r.span_start",
            {"id": doc_id}).rows]
    found = texts(store, [r[5] for r in rows])
    out: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for direction, rtype, other, evidence, confidence, sha, start in sorted(
            rows, key=lambda r: (r[0], r[1], r[2], r[5] or "", r[6] if r[6] is not None else -1)):
        text = found.get(sha) or {}
        out.setdefault((rtype, direction, other), []).append({
            "evidence": evidence, "confidence": confidence, "sha256": sha,
            "source": text.get("source"), "url": text.get("url"), "title": text.get("title")})
    return out


def document_page(store: GraphStore, doc_id: str) -> dict[str, Any]:
    info = show(store, doc_id)
    said = statements(store, doc_id)
    groups = []
    for rel in DOCUMENT_RELATIONS:
        for direction in ("outgoing", "incoming"):
            rows = info["related"].get(rel, {}).get(direction) or []
            if not rows:
                continue
            members = []
            for r in rows:
                members.append({**r, "title": doc_title(r), "url": doc_url(r["id"]),
                                "statements": said.get((rel, direction, r["id"]), [])})
            groups.append({"relation": rel, "direction": direction, "name": relation_name(rel, direction),
                           "members": members, "lineage": rel in LINEAGE_TYPES})
    doc = info["document"]
    return {"doc": doc, "title": doc_title(doc), "groups": groups, "sources": info["sources"],
            "issued_by": [{**o, "url": org_url(o["id"])} for o in info["issued_by"]],
            "assignments": info["assignments"],
            "candidates": [{**c, "title": doc_title(c), "url": doc_url(c["id"])} for c in info["candidates"]],
            "facts": doc.get("facts") or {}, "conflicts": doc.get("conflicts") or []}


# --- organisations -------------------------------------------------------------------------------------

_ORG = ("o.id AS id, o.name AS name, o.key AS key, o.kind AS kind, o.level AS level, o.locality AS locality, "
        "o.province AS province, o.sources AS sources")
# the lists of ``organization`` (vankien.graph.queries.organizations), in its order, a page at a time; the
# text of a task is looked up for the page's rows only
_ISSUED = ("MATCH (d:Document)-[r:ISSUED_BY]->(o:Organization {id: $id}) RETURN d.id AS id, d.key AS key, "
           "d.kind AS kind, d.date AS date, d.descriptor AS descriptor, count(*) AS texts "
           "ORDER BY date, id SKIP $skip LIMIT $limit")
_TASKS = ("MATCH (d:Document)-[r:ASSIGNS_TO]->(o:Organization {id: $id}) "
          "WITH d, r ORDER BY d.date, d.id, r.role, r.deadline, r.evidence, r.source SKIP $skip LIMIT $limit "
          "OPTIONAL MATCH (s:Source {sha256: r.source}) "
          "RETURN d.id AS document, d.key AS key, d.kind AS kind, d.date AS date, r.role AS role, "
          "r.deadline AS deadline, r.evidence AS evidence, r.source AS sha256, s.source AS source "
          "ORDER BY date, document, role, deadline, evidence, sha256")


def _page_number(raw: Any) -> int:
    try:
        return max(1, int(str(raw or "1").strip()))
    except ValueError:
        return 1


def paging(total: int, number: Any, size: int) -> dict[str, int]:
    """Which rows page ``number`` (1 when it is not a number; the last when past it) of ``total`` rows
    holds: ``page``, ``pages``, ``first`` and ``last`` (1-based, as shown), ``skip``."""
    pages_ = max(1, -(-total // size))
    page = min(_page_number(number), pages_)
    skip = (page - 1) * size
    return {"page": page, "pages": pages_, "skip": skip, "first": min(total, skip + 1), "last": min(total, skip + size),
            "total": total, "size": size}


def organization_page(store: GraphStore, org_id: str, *, page: Any = 1, issued_page: Any = 1,
                      size: int = PAGE_SIZE) -> dict[str, Any]:
    """An organisation's node, its tasks received (``page``) and documents issued (``issued_page``),
    ``size`` rows a page in the order of ``organization``, with the totals and the tasks counted by role
    (``roles``: [(role, count)], most first); NoOrganization when there is none."""
    rows = store.query(f"MATCH (o:Organization {{id: $id}}) RETURN {_ORG}", {"id": org_id}).records()
    if not rows:
        raise NoOrganization(f"no organisation {org_id!r} in the store")
    roles = [(role, n) for role, n in store.query(
        "MATCH (:Document)-[r:ASSIGNS_TO]->(o:Organization {id: $id}) RETURN r.role AS role, count(*) AS n "
        "ORDER BY n DESC, role", {"id": org_id}).rows]
    n_issued = store.query("MATCH (d:Document)-[:ISSUED_BY]->(o:Organization {id: $id}) RETURN count(DISTINCT d.id)",
                           {"id": org_id}).scalar() or 0
    tasks_at = paging(sum(n for _, n in roles), page, size)
    issued_at = paging(n_issued, issued_page, size)
    issued = store.query(_ISSUED, {"id": org_id, "skip": issued_at["skip"], "limit": size}).records() \
        if n_issued else []
    tasks = store.query(_TASKS, {"id": org_id, "skip": tasks_at["skip"], "limit": size}).records() \
        if tasks_at["total"] else []
    return {"org": rows[0], "roles": roles, "tasks_at": tasks_at, "issued_at": issued_at,
            "issued": [{**d, "title": doc_title(d), "url": doc_url(d["id"])} for d in issued],
            "tasks": [{**t, "title": doc_title(t), "url": doc_url(t["document"])} for t in tasks]}


# --- coverage ----------------------------------------------------------------------------------------------

@functools.cache
def tiles() -> dict[str, tuple[int, int, str]]:
    """(row, column, label) of each province on the tile map (data/tiles.toml: approximate positions)."""
    data = tomllib.loads((DATA / "tiles.toml").read_text(encoding="utf-8"))
    return {name: (int(t["row"]), int(t["col"]), str(t["abbr"])) for name, t in data["tiles"].items()}


def lag_class(lag: float | None, issued: bool) -> str:
    if not issued:
        return "none"
    if lag is None:
        return "nodate"
    for limit, name in ((90, "fast"), (180, "mid"), (365, "slow")):
        if lag <= limit:
            return name
    return "late"


def coverage_page(store: GraphStore, doc_id: str) -> dict[str, Any]:
    info = coverage_of(store, doc_id)
    where = tiles()
    rows = []
    for r in info["rows"]:
        rows.append({**r, "url": doc_url(r["document"]) if r["document"] else None,
                     "class": lag_class(r["lag_days"], r["issued"]), "tile": where.get(r["province"])})
    head = documents(store, [doc_id])
    return {"info": info, "rows": rows, "doc": head[0] if head else {"id": doc_id, "title": doc_id},
            "grid_rows": max((t[0] for t in where.values()), default=0) + 1,
            "grid_cols": max((t[1] for t in where.values()), default=0) + 1}


COVERAGE_COLUMNS = ("province", "issued", "key", "date", "lag_days", "via", "document")


def coverage_csv(info: dict[str, Any]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(COVERAGE_COLUMNS)
    for r in info["rows"]:
        w.writerow(["" if r.get(c) is None else r.get(c) for c in COVERAGE_COLUMNS])
    return buf.getvalue()


# --- Cypher ------------------------------------------------------------------------------------------------

class WriteRefused(ValueError):
    """A statement the Cypher page does not run: it could change the store."""


_WRITES = re.compile(r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|COPY|LOAD|INSTALL|ATTACH|DETACH|ALTER|"
                     r"IMPORT|EXPORT|CHECKPOINT|BEGIN|COMMIT|ROLLBACK|USE|FOREACH|TRUNCATE|GRANT|DENY|REVOKE)\b",
                     re.I)
_CALL = re.compile(r"\bCALL\s*(\{|[\w.]+)", re.I)
READ_PROCEDURES = frozenset({"show_tables", "table_info", "show_connection", "db.labels", "db.relationshiptypes",
                             "db.propertykeys", "db.schema.visualization", "db.indexes", "show_indexes",
                             "db.schema.nodetypeproperties", "db.schema.reltypeproperties"})
_STRINGS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)


def check_read_only(cypher: str) -> str:
    """``cypher`` when it only reads; else WriteRefused saying why. Strings, quoted names and comments
    are left out of the check (a word inside them is not a clause)."""
    code = _STRINGS.sub(" ", cypher)
    if not code.strip():
        raise WriteRefused("the query is empty")
    m = _WRITES.search(code)
    if m:
        raise WriteRefused(f"{m.group(1).upper()} could change the store: this page runs read-only queries only")
    for call in _CALL.finditer(code):
        name = call.group(1).lower()
        if name not in READ_PROCEDURES:
            raise WriteRefused(f"CALL {call.group(1)} is not one of the read-only procedures this page runs "
                               f"({', '.join(sorted(READ_PROCEDURES))})")
    if ";" in code.strip().rstrip(";"):
        raise WriteRefused("one statement at a time")
    return cypher


def cell(value: Any) -> Any:
    """A value as a table cell or JSON: dates as ISO text, nodes and lists as they print."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [cell(v) for v in value]
    if isinstance(value, dict):
        return {str(k): cell(v) for k, v in value.items()}
    return str(value)


def run_cypher(store: GraphStore, cypher: str) -> tuple[list[str], list[list[Any]]]:
    res = store.query(check_read_only(cypher), {}, write=False)
    return list(res.columns), [[cell(v) for v in row] for row in res.rows]


def rows_csv(columns: list[str], rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(columns)
    for row in rows:
        w.writerow(["" if v is None else v for v in row])
    return buf.getvalue()


def examples() -> list[dict[str, str]]:
    data = tomllib.loads((DATA / "cypher.toml").read_text(encoding="utf-8"))
    return data["examples"]
