"""`vankien serve`: every route over HTTP (Starlette's TestClient) on a store built from examples/ plus
one invented text carrying a script payload, the command itself, and a walk through the site in
headless Chromium (uvicorn in a thread)."""
from __future__ import annotations

import csv
import io
import json
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import vankien

starlette_testclient = pytest.importorskip("starlette.testclient")

REPO = Path(__file__).resolve().parents[1]
PAYLOAD = "<script>alert(1)</script>"
# an invented provincial plan whose text and title carry a script
PAYLOAD_TEXT = ("Ngày 2/4/2024, Ban Thường vụ Tỉnh ủy Hà Giang ban hành Kế hoạch số 41-KH/TU " + PAYLOAD +
                " thực hiện Nghị quyết số 29-NQ/TW, ngày 17/11/2022 của Ban Chấp hành Trung ương Đảng khóa XIII. "
                "Giao Ban Tuyên giáo Tỉnh ủy chủ trì triển khai; báo cáo trước ngày 30/9/2024.\n")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("serve")
    (folder / "payload.jsonl").write_text(json.dumps(
        {"text": PAYLOAD_TEXT, "title": "Kế hoạch " + PAYLOAD, "url": "https://example.org/ke-hoach-41"},
        ensure_ascii=False) + "\n", encoding="utf-8")
    inputs = sorted(str(p) for p in (REPO / "examples").iterdir() if p.name != "README.md")
    with vankien.open_store(folder / "store") as store:
        vankien.ingest([*inputs, str(folder / "payload.jsonl")], store, workers=1)
    return folder / "store"


@pytest.fixture(scope="module")
def store(store_dir):
    s = vankien.open_store(store_dir, read_only=True)
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store):
    return starlette_testclient.TestClient(vankien.web_app(store))


@pytest.fixture(scope="module")
def root(store) -> str:
    return vankien.resolve(store, "29-NQ/TW")


def _url(prefix: str, doc_id: str) -> str:
    from urllib.parse import quote
    return prefix + quote(doc_id, safe="/:@")


def _text(html: str) -> str:
    """The page's text, tags dropped and entities read back."""
    import html as H
    return H.unescape(re.sub(r"<[^>]+>", " ", html))


# --- search -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", ["Nghị quyết 29", "nghi quyet 29", "NQ 29", "29-NQ/TW", "29/NQ-TW",
                                   "Nghị quyết số 29-NQ/TW"])
def test_search_in_any_written_form_reaches_the_document_page(client, root, typed):
    r = client.get("/search", params={"q": typed}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == _url("/doc/", root)
    page = client.get(r.headers["location"])
    assert page.status_code == 200 and "29-NQ/TW" in page.text


def test_search_by_province_and_issuer_ignores_diacritics(client, store):
    wanted = {_url("/doc/", i) for (i,) in store.query("MATCH (d:Document) WHERE d.province = 'Lạng Sơn' RETURN d.id").rows}
    assert wanted
    for typed in ("Lạng Sơn", "lang son", "LANG SON"):
        r = client.get("/search", params={"q": typed})
        assert r.status_code == 200
        for key in wanted:
            assert f'href="{key}"' in r.text, (typed, key)
        assert "Tỉnh ủy Lạng Sơn" in r.text          # organisations too
    issuer = client.get("/search", params={"q": "ban tuyen giao trung uong"})
    assert "117-HD/BTGTW" in issuer.text


def test_search_shows_type_date_issuer_province_and_validity(client, store):
    superseded = store.query("MATCH (d:Document) WHERE d.in_force = false RETURN d.key, d.superseded_by").rows
    assert superseded
    key, by = superseded[0]
    r = client.get("/search", params={"q": key, "list": "1"})
    row = re.search(r"<tr>\s*<td><a href=\"/doc/[^\"]*\">[^<]*" + re.escape(key) + r".*?</tr>", r.text, re.S)
    assert row, r.text
    assert "superseded" in row.group(0) and by in row.group(0)
    plan = client.get("/search", params={"q": "112-KH/TU", "list": "1"}).text
    assert "2024-03-12" in plan and "Lạng Sơn" in plan and "KH" in plan and "in force" in plan


def test_a_miss_says_did_you_mean(client):
    r = client.get("/search", params={"q": "Nghị quyết 28-NQ/TW"})
    assert r.status_code == 200 and "Did you mean" in r.text and "29-NQ/TW" in r.text
    assert client.get("/search", params={"q": ""}).status_code == 200
    assert client.get("/search", params={"q": "x" * 5000}).status_code == 200


def test_suggestions_as_json(client, root):
    r = client.get("/api/suggest", params={"q": "nghi quyet 29"})
    assert r.headers["content-type"].startswith("application/json")
    items = r.json()
    assert items[0]["url"] == _url("/doc/", root) and "29-NQ/TW" in items[0]["label"]
    assert any("/org/" in i["url"] for i in client.get("/api/suggest", params={"q": "tinh uy lang son"}).json())
    assert client.get("/api/suggest", params={"q": ""}).json() == []


@pytest.mark.parametrize("typed", ["2", "29", "nq", "kh/tu", "ke hoach", "lang son", "tinh uy ke hoach", "zzz", "Lạng Sơn 2",
                                   "van phong tinh uy", "ban"])
def test_search_index_finds_what_a_scan_of_every_document_finds(store, typed):
    """The index's text and sorted symbols give what checking every document in turn gives."""
    from vankien.loaders.fold import fold
    from vankien.serve.pages import SearchIndex
    index = SearchIndex(store)
    words, head = fold(typed).split(), fold(typed).strip()
    for limit in (1, 3, 50):
        first = [i for i, key, hay in index.rows() if key.startswith(head) and all(w in hay for w in words)]
        rest = [i for i, key, hay in index.rows() if not key.startswith(head) and all(w in hay for w in words)]
        assert index.match(typed, limit) == (first + rest)[:limit]
    orgs = sorted((name != " ".join(words), -n, i) for i, name, hay, n in index.organizations() if all(w in hay for w in words))
    assert index.match_organizations(typed, 20) == [i for _, _, i in orgs[:20]]


# --- the document page ---------------------------------------------------------------------------------

def test_document_page_lists_what_implements_it_with_evidence_and_sources(client, store, root):
    r = client.get(_url("/doc/", root))
    assert r.status_code == 200
    section = re.search(r'<section class="relation" data-relation="IMPLEMENTS" data-direction="incoming">(.*?)</section>',
                        r.text, re.S)
    assert section and "implemented by" in section.group(1)
    shown = _text(section.group(1))
    rows = store.query("MATCH (p:Document)-[r:IMPLEMENTS]->(d:Document {id: $id}) "
                       "RETURN p.key, r.evidence, r.confidence, r.source", {"id": root}).rows
    assert len(rows) >= 3
    for key, evidence, confidence, sha in rows:
        assert key in shown and evidence in shown and f"{confidence:.2f}" in shown
        source = store.query("MATCH (s:Source {sha256: $h}) RETURN s.title, s.source", {"h": sha}).rows[0]
        assert (source[0] or source[1]) in shown
    assert "https://example.org/ke-hoach-41" in section.group(1)       # the URL of the text that states it
    # the guide acts on it too, in its own group; validity; the texts that mention it
    assert 'data-relation="GUIDES" data-direction="incoming"' in r.text and "guided by" in r.text
    assert "in force" in r.text
    assert f'src="{_url("/embed/diagram/", root)}"' in r.text


def test_document_page_of_a_plan_shows_what_it_implements_assignments_and_deadlines(client, store):
    plan = vankien.resolve(store, "112-KH/TU")
    r = client.get(_url("/doc/", plan))
    assert 'data-relation="IMPLEMENTS" data-direction="outgoing"' in r.text and "implements" in r.text
    info = vankien.show(store, plan)
    assert info["assignments"]
    for a in info["assignments"]:
        assert a["organization"] in r.text and (a["deadline"] or "") in r.text


def test_superseded_document_shows_validity_with_its_date(client, store):
    doc_id, by, on = store.query("MATCH (d:Document) WHERE d.in_force = false "
                                 "RETURN d.id, d.superseded_by, d.superseded_on").rows[0]
    validity = re.search(r'<td id="validity">(.*?)</td>', client.get(_url("/doc/", doc_id)).text, re.S).group(1)
    assert "no longer in force" in validity and by in _text(validity)
    if on:
        assert str(on)[:10] in validity


def test_keys_in_a_url_lead_to_the_canonical_page_and_misses_are_404(client, root):
    r = client.get("/doc/NQ 29", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == _url("/doc/", root)
    miss = client.get("/doc/QĐ 999")
    assert miss.status_code == 404 and "999" in miss.text
    assert client.get("/no/such/page").status_code == 404


def test_diagram_is_framed_with_the_site_s_scripts(client, root):
    r = client.get(_url("/embed/diagram/", root))
    assert r.status_code == 200
    assert not re.search(r"<script>", r.text)          # no inline script: the CSP allows only the site's files
    assert '<script src="/static/vis/vis-network.min.js">' in r.text and '<script src="/static/view/view.js">' in r.text
    data = json.loads(re.search(r'<script type="application/json" id="vk-data">(.*?)</script>', r.text, re.S).group(1))
    assert root in {n["id"] for n in data["nodes"]}


# --- flow-down -------------------------------------------------------------------------------------------

def _drawn(client, root, params) -> dict:
    r = client.get(_url("/embed/flow/", root), params=params)
    assert r.status_code == 200
    return json.loads(re.search(r'id="vk-data">(.*?)</script>', r.text, re.S).group(1))


def test_flow_down_filters_change_what_is_drawn(client, store, root):
    whole = _drawn(client, root, {})
    ids = {n["id"] for n in whole["nodes"]}
    assert ids == {root} | {r["id"] for r in _descendants(store, root)}
    # relation types: only IMPLEMENTS
    only = _drawn(client, root, [("type", "IMPLEMENTS")])
    assert {n["id"] for n in only["nodes"]} < ids
    # one level
    one = {n["id"] for n in _drawn(client, root, {"depth": "1"})["nodes"]}
    assert one == {root} | {r["id"] for r in _descendants(store, root, 1)}
    # a date range keeps the documents dated in it (and what hangs from them)
    since = {n["id"] for n in _drawn(client, root, {"since": "2024-01-01"})["nodes"]}
    dates = dict(store.query("MATCH (d:Document) WHERE d.id IN $ids RETURN d.id, d.date", {"ids": list(ids)}).rows)
    assert since - {root} and all(str(dates[i]) >= "2024-01-01" for i in since - {root})
    # provinces: documents of other provinces go
    lang_son = {n["id"] for n in _drawn(client, root, {"province": "Lạng Sơn"})["nodes"]}
    provinces = dict(store.query("MATCH (d:Document) WHERE d.id IN $ids RETURN d.id, d.province", {"ids": list(ids)}).rows)
    assert {provinces[i] for i in lang_son if provinces[i]} == {"Lạng Sơn"}
    # the page around it says what is shown; bad values give a note, not an error
    page = client.get(_url("/flow/", root), params={"depth": "x", "since": "yesterday"})
    assert page.status_code == 200 and "not a date" in page.text and "not a number" in page.text
    summary = client.get(_url("/flow/", root), params=[("type", "GUIDES")]).text
    assert re.search(r'data-documents="2"', summary)


def _descendants(store, root: str, depth: int = 5) -> list[dict]:
    tree = vankien.lineage(store, root, "down", depth)
    out, todo = [], list(tree["children"])
    while todo:
        n = todo.pop()
        out.append(n)
        todo.extend(n.get("children") or [])
    return out


def test_flow_down_over_the_cap_says_what_it_left_out(store, root):
    every = [root] + [r["id"] for r in _descendants(store, root)]
    total = len(set(every))
    assert total >= 4
    site = starlette_testclient.TestClient(vankien.web_app(store, flow_cap=3))
    page = site.get(_url("/flow/", root)).text
    cap = re.search(r'<p class="warn" id="flow-cap" data-shown="(\d+)" data-kept="(\d+)" data-complete="yes">(.*?)</p>',
                    page, re.S)
    assert cap and cap.group(1, 2) == ("3", str(total))
    assert f"The filters keep {total} documents" in cap.group(3) and f"{total - 3} left out" in cap.group(3)
    # the frame draws those three: the root and the nearest levels first, then by date
    drawn = {n["id"] for n in _drawn(site, root, {})["nodes"]}
    tree = vankien.lineage(store, root, "down", 5)
    level1 = sorted(tree["children"], key=lambda c: (str(c["date"] or "~"), c["id"]))
    assert len(drawn) == 3 and root in drawn and drawn - {root} == {c["id"] for c in level1[:2]}
    # narrowed under the cap by the filters: all shown, no message
    one = site.get(_url("/flow/", root), params=[("type", "GUIDES")]).text
    assert 'id="flow-cap"' not in one and 'data-documents="2"' in one
    # under the default cap: no message
    assert 'id="flow-cap"' not in starlette_testclient.TestClient(vankien.web_app(store)).get(_url("/flow/", root)).text


def test_flow_down_past_the_walk_budget_filters_as_it_walks(store, root):
    from vankien.serve.embed import FlowFilter, gather
    every = {root} | {r["id"] for r in _descendants(store, root)}
    assert gather(store, root, FlowFilter(), cap=100, budget=len(every)).complete
    flow = gather(store, root, FlowFilter(), cap=100, budget=2)
    assert not flow.complete and flow.capped and 3 <= len(flow.whole.documents) < len(every)
    # what is drawn hangs together: every relation between the documents drawn is there
    drawn = set(flow.part.documents)
    between = {(r["source"], r["target"]) for r in flow_down_relations(store, root) if {r["source"], r["target"]} <= drawn}
    assert {(r["source"], r["target"]) for r in flow.part.relations} == between
    # narrowed to one province, the walk follows only its documents (and those of no province)
    narrow = gather(store, root, FlowFilter(provinces={"Lạng Sơn"}), cap=100, budget=len(every))
    assert narrow.complete and narrow.part.documents
    assert {d.get("province") for d in narrow.part.documents.values()} <= {"Lạng Sơn", None}
    site = starlette_testclient.TestClient(vankien.web_app(store, walk_budget=2))
    page = site.get(_url("/flow/", root)).text
    assert 'data-complete="no"' in page and "More than 2 documents are below this one" in page


def flow_down_relations(store, root: str) -> list[dict]:
    from vankien.views.query import flow_down
    return flow_down(store, root, 5, with_assignments=False).relations


def test_flow_down_and_diagram_are_those_of_vankien_view(store):
    """Under the cap, the site draws what `vankien view` draws, under every filter, for every document."""
    import datetime as dt
    from vankien.serve.embed import FlowFilter, filtered, gather
    from vankien.views.diagram import diagram_view
    from vankien.views.flowdown import render
    from vankien.views.query import flow_down
    filters = [FlowFilter(), FlowFilter(depth=1), FlowFilter(types={"IMPLEMENTS"}), FlowFilter(since=dt.date(2024, 1, 1)),
               FlowFilter(provinces={"Lạng Sơn"})]
    ids = [r[0] for r in store.query("MATCH (d:Document) RETURN d.id ORDER BY d.id").rows]
    for doc in ids:
        for f in filters:
            old, new = filtered(flow_down(store, doc, f.depth), f), gather(store, doc, f).part
            for part in ("documents", "relations", "organizations", "assignments", "depth"):
                assert getattr(new, part) == getattr(old, part), (doc, f, part)
            assert render(new).html == render(old).html
        assert diagram_view(store, doc, wide=1 << 30).html == diagram_view(store, doc).html


# --- coverage ----------------------------------------------------------------------------------------------

def test_coverage_page_table_map_and_csv(client, store, root):
    cov = vankien.coverage(store, root)
    r = client.get(_url("/coverage/", root))
    assert r.status_code == 200
    table = re.search(r'<table class="sortable" id="coverage-table">(.*?)</table>', r.text, re.S).group(1)
    assert table.count("<tr") - 1 == cov["provinces"] == 63
    assert r.text.count('<a class="tile lag-') == 63                    # one tile per province
    issued = [row for row in cov["rows"] if row["issued"]]
    assert {row["province"] for row in issued} >= {"Hà Giang", "Lạng Sơn", "Cao Bằng"}
    for row in issued:
        assert row["key"] in table and str(row["lag_days"]) in table
    got = client.get(_url("/coverage/", root), params={"format": "csv"})
    assert got.headers["content-type"].startswith("text/csv") and "attachment" in got.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(got.text)))
    assert len(rows) == 63 and {r["province"] for r in rows if r["issued"] == "True"} == {x["province"] for x in issued}


def test_tiles_cover_every_province_before_and_after_2025():
    from vankien.serve.pages import tiles
    import datetime as dt
    places = tiles()
    assert set(vankien.provinces_on(dt.date(2024, 1, 1))) == set(places)
    assert set(vankien.provinces_on(dt.date(2025, 8, 1))) <= set(places)
    assert len({t[:2] for t in places.values()}) == len(places)        # no two on one tile
    assert len({t[2] for t in places.values()}) == len(places)         # nor one label


def test_every_relation_type_has_its_names_on_the_pages():
    from vankien.serve.pages import relation_names
    names = relation_names()
    assert set(names) == set(vankien.RELATION_TYPES)
    assert all(n["outgoing"] and n["incoming"] for n in names.values())


# --- organisations -------------------------------------------------------------------------------------

def test_organization_page(client, store):
    found = vankien.find_organizations(store, "Van phong Tinh uy Lang Son")
    info = vankien.organization(store, found[0]["id"])
    r = client.get(_url("/org/", found[0]["id"]))
    assert r.status_code == 200 and info["organization"]["name"] in r.text
    for t in info["tasks"]:
        assert _url("/doc/", t["document"]) in r.text and (t["role"] or "") in r.text
    by_name = client.get("/org/Văn phòng Tỉnh ủy Lạng Sơn", follow_redirects=False)
    assert by_name.status_code == 303 and by_name.headers["location"] == _url("/org/", found[0]["id"])
    assert client.get("/org/org:nobody@nowhere").status_code == 404


def _rows(html: str, table: str) -> list[str]:
    body = re.search(rf'<table class="sortable" id="{table}">.*?<tbody>(.*?)</tbody>', html, re.S)
    return re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S) if body else []


def test_organization_tasks_come_a_page_at_a_time_with_totals_and_roles(store):
    from collections import Counter
    from urllib.parse import quote
    org = vankien.find_organizations(store, "Van phong Tinh uy Lang Son")[0]["id"]
    tasks = vankien.organization(store, org)["tasks"]
    assert len(tasks) >= 5                               # enough for three pages of 2
    site = starlette_testclient.TestClient(vankien.web_app(store, page_size=2))
    pages = -(-len(tasks) // 2)
    shown = []
    for n in range(1, pages + 1):
        r = site.get(_url("/org/", org), params={"page": n})
        assert r.status_code == 200 and f"Tasks received ({len(tasks)})" in r.text
        rows = _rows(r.text, "tasks")
        assert len(rows) == min(2, len(tasks) - 2 * (n - 1))
        shown += [(re.search(r'href="([^"]+)"', row).group(1), re.findall(r"<td>(.*?)</td>", row)[2]) for row in rows]
        pager = re.search(r'<nav class="pager" id="page-pager" data-page="(\d+)" data-pages="(\d+)">(.*?)</nav>', r.text, re.S)
        assert pager.group(1, 2) == (str(n), str(pages))
        assert f"tasks {2 * n - 1}–{min(2 * n, len(tasks))} of {len(tasks)}" in pager.group(3)
        assert ('rel="next"' in pager.group(3)) == (n < pages) and ('rel="prev"' in pager.group(3)) == (n > 1)
        if n < pages:
            nxt = re.search(r'rel="next" href="([^"]+)"', pager.group(3)).group(1).replace("&amp;", "&")
            assert f"page={n + 1}" in nxt and nxt.startswith(_url("/org/", org))
    # page after page, every task once, in the order of vankien.organization
    assert shown == [(_url("/doc/", t["document"]), t["role"] or "") for t in tasks]
    # counts by role from the store's aggregate
    r = site.get(_url("/org/", org))
    roles = dict(re.findall(r'<span class="role" data-role="([^"]*)">[^<]*: (\d+)</span>', r.text))
    assert {k: int(v) for k, v in roles.items()} == {k or "": v for k, v in Counter(t["role"] for t in tasks).items()}
    # a page number that is not one, or past the end: the first, the last
    assert _rows(site.get(_url("/org/", org), params={"page": "x"}).text, "tasks") == _rows(r.text, "tasks")
    last = site.get(_url("/org/", org), params={"page": 999}).text
    assert f'data-page="{pages}" data-pages="{pages}"' in last
    # at the default page size every task is on one page, with no pager
    whole = starlette_testclient.TestClient(vankien.web_app(store)).get(_url("/org/", org)).text
    assert len(_rows(whole, "tasks")) == len(tasks) and 'class="pager"' not in whole


def test_organization_documents_issued_come_a_page_at_a_time(store):
    busiest = store.query("MATCH (d:Document)-[:ISSUED_BY]->(o:Organization) RETURN o.id, count(DISTINCT d.id) AS n "
                          "ORDER BY n DESC, o.id LIMIT 1").rows[0]
    issued = vankien.organization(store, busiest[0])["issued"]
    assert len(issued) == busiest[1] >= 4
    site = starlette_testclient.TestClient(vankien.web_app(store, page_size=3))
    got = []
    for n in range(1, -(-len(issued) // 3) + 1):
        r = site.get(_url("/org/", busiest[0]), params={"issued": n, "page": 1})
        assert f"Documents issued ({len(issued)})" in r.text
        got += [re.search(r'href="([^"]+)"', row).group(1) for row in _rows(r.text, "issued")]
    assert got == [_url("/doc/", d["id"]) for d in issued]


# --- Cypher ---------------------------------------------------------------------------------------------------

def test_cypher_reads_as_table_csv_and_json(client, store):
    q = "MATCH (d:Document) WHERE d.type = 'KH' RETURN d.key AS key ORDER BY key"
    keys = [k for (k,) in store.query(q).rows]
    page = client.get("/cypher", params={"q": q})
    assert page.status_code == 200 and all(k in page.text for k in keys)
    assert [r["key"] for r in client.get("/cypher", params={"q": q, "format": "json"}).json()] == keys
    assert [r["key"] for r in csv.DictReader(io.StringIO(client.get("/cypher", params={"q": q, "format": "csv"}).text))] == keys
    for ex in __import__("vankien.serve.pages", fromlist=["examples"]).examples():     # the ready examples run
        r = client.get("/cypher", params={"q": ex["cypher"]})
        assert r.status_code == 200 and "cypher-error" not in r.text, ex["name"]
    bad = client.get("/cypher", params={"q": "MATCH (d:Nothing RETURN d"})
    assert bad.status_code == 400 and "cypher-error" in bad.text


@pytest.mark.parametrize("statement", [
    "CREATE (d:Document {id: 'x'})", "MATCH (d:Document) SET d.key = 'x'", "MATCH (d:Document) DETACH DELETE d",
    "MERGE (d:Document {id: 'x'})", "MATCH (d:Document) REMOVE d.key", "DROP TABLE Document",
    "COPY Document FROM 'x.csv'", "LOAD CSV FROM 'file:///x' AS r RETURN r", "CALL db.clearQueryCaches()",
    "MATCH (d:Document) RETURN d.key; MATCH (x) DELETE x", "match (d:Document) set d.key = 'x'"])
def test_cypher_refuses_writes(client, store, statement):
    before = store.query("MATCH (d:Document) RETURN count(*), min(d.key)").rows
    r = client.get("/cypher", params={"q": statement})
    assert r.status_code == 400 and "refused" in r.text
    assert client.get("/cypher", params={"q": statement, "format": "json"}).status_code == 400
    assert store.query("MATCH (d:Document) RETURN count(*), min(d.key)").rows == before


def test_cypher_words_inside_strings_are_not_clauses_and_the_store_is_read_only(client, store):
    r = client.get("/cypher", params={"q": "RETURN 'create set delete' AS words"})
    assert r.status_code == 200 and "create set delete" in r.text
    with pytest.raises(Exception):         # the store itself refuses too (opened read-only)
        store.query("CREATE (d:Document {id: 'written'})", write=True)


# --- security -----------------------------------------------------------------------------------------------

ROUTES = ["/", "/search?q=lang+son", "/api/suggest?q=nq", "/cypher", "/static/serve.js"]


def test_every_response_has_the_security_headers(client, root):
    for url in ROUTES + [_url("/doc/", root), _url("/flow/", root), _url("/coverage/", root),
                         _url("/embed/flow/", root), "/nowhere"]:
        r = client.get(url)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0], url
        assert r.headers["x-content-type-options"] == "nosniff"


def test_pages_hold_no_inline_script(client, root):
    for url in ROUTES[:-1] + [_url("/doc/", root), _url("/flow/", root), _url("/coverage/", root),
                              _url("/embed/flow/", root), _url("/embed/diagram/", root)]:
        html = client.get(url).text
        for tag in re.findall(r"<script[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, (url, tag)
        assert not re.search(r"\son\w+\s*=", re.sub(r'id="vk-data">.*?</script>', "", html, flags=re.S)), url


def test_text_from_documents_is_escaped(client, store):
    plan = vankien.resolve(store, "41-KH/TU")
    for url in [_url("/doc/", plan), _url("/doc/", vankien.resolve(store, "29-NQ/TW")),
                "/cypher?q=" + "MATCH (s:Source) RETURN s.title"]:
        html = client.get(url).text
        assert PAYLOAD not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url


def test_static_assets_are_local(client):
    for url in ("/static/serve.js", "/static/serve.css", "/static/embed.js", "/static/vis/vis-network.min.js",
                "/static/view/view.js", "/static/view/view.css"):
        assert client.get(url).status_code == 200, url
    home = client.get("/").text
    assert "http://" not in home and "https://" not in home      # no CDN


# --- the command -----------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_command_listens_on_localhost(store_dir, root):
    import urllib.request

    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "vankien", "serve", "--store", str(store_dir), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        body = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}" + _url("/doc/", root), timeout=5) as r:
                    body = r.read().decode()
                    break
            except OSError:
                if proc.poll() is not None:
                    break
                time.sleep(0.2)
        assert body and "29-NQ/TW" in body, proc.stderr.read() if proc.poll() is not None else ""
    finally:
        proc.terminate()
        proc.wait(10)


def test_serve_command_errors_are_clear(tmp_path):
    r = subprocess.run([sys.executable, "-m", "vankien", "serve", "--store", str(tmp_path / "none")],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and "no vankien store" in r.stderr and "Traceback" not in r.stderr


# --- in a browser ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(store):
    """The app under uvicorn in a thread, on a free port."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(vankien.web_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def chromium():
    from vankien.views import browser as B
    if not B.available():
        pytest.skip(f"no Chromium at {B.CHROMIUM} or no playwright")
    with B.chromium() as browser:
        yield browser


def _frame_ready(page, selector: str):
    frame = page.frame_locator(selector)
    handle = page.locator(selector).element_handle()
    inner = handle.content_frame()
    inner.wait_for_function("window.vankienReady !== undefined", timeout=60000)
    return frame, inner


def test_a_researcher_clicks_through_the_site(site, chromium, store, root):
    page = chromium.new_page(viewport={"width": 1400, "height": 900})
    errors, dialogs = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    # search: suggestions as one types, then the document page
    page.goto(site + "/")
    page.fill("#q", "Nghị quyết 29")
    page.wait_for_selector("#suggestions li a")
    assert "29-NQ/TW" in page.inner_text("#suggestions")
    page.click("#suggestions li a >> nth=0")
    page.wait_for_url(site + _url("/doc/", root))
    section = page.locator('section[data-relation="IMPLEMENTS"][data-direction="incoming"]')
    shown = section.inner_text()
    for key, evidence in store.query("MATCH (p:Document)-[r:IMPLEMENTS]->(:Document {id: $id}) RETURN p.key, r.evidence",
                                     {"id": root}).rows:
        assert key in shown and " ".join(evidence.split()) in " ".join(shown.split())
    assert PAYLOAD in shown                                  # the payload is text on the page, not a script
    _frame_ready(page, "#diagram")

    # flow-down: a filter changes what is drawn; a click on a document opens its page
    page.click("nav.tabs a:has-text('Flow-down')")
    _, inner = _frame_ready(page, "#flow")
    all_nodes = set(inner.evaluate("network.body.data.nodes.getIds()"))
    assert root in all_nodes and len(all_nodes) >= 4
    page.uncheck("input[name=type][value=IMPLEMENTS]")
    page.click("#flow-filters button[type=submit]")
    page.wait_for_url(re.compile(r".*type=.*"))
    _, inner = _frame_ready(page, "#flow")
    fewer = set(inner.evaluate("network.body.data.nodes.getIds()"))
    assert root in fewer and fewer < all_nodes
    child = next(i for i in fewer if i != root)
    where = inner.evaluate("(id) => { const p = network.canvasToDOM(network.getPosition(id)); "
                           "const r = document.getElementById('vk-network').getBoundingClientRect(); "
                           "return {x: p.x + r.left, y: p.y + r.top}; }", child)
    box = page.locator("#flow").bounding_box()
    page.mouse.click(box["x"] + 1 + where["x"], box["y"] + 1 + where["y"])
    page.wait_for_url(site + _url("/doc/", child))

    # coverage: the table, sortable, and the tile map
    page.goto(site + _url("/coverage/", root))
    assert page.locator("#coverage-table tbody tr").count() == 63
    page.click("#coverage-table th:has-text('Lag')")
    first = page.locator("#coverage-table tbody tr >> nth=0").inner_text()
    lags = [r["lag_days"] for r in vankien.coverage(store, root)["rows"] if r["lag_days"] is not None]
    assert str(min(lags)) in first
    assert page.locator(".tilemap .tile").count() == 63

    page.goto(site + "/cypher")
    page.click("button.example >> nth=0")
    page.click("#cypher-form button[type=submit]")
    assert page.locator("#cypher-result tbody tr").count() >= 3

    assert errors == [] and dialogs == []
    assert page.evaluate("window.__pwned") is None
    page.close()


def test_the_server_reads_its_search_index_before_the_first_visitor(store):
    """run_server starts app.state.warm beside uvicorn: it reads the index a first search would read."""
    from vankien.serve.app import web_app
    app = web_app(store)
    index = app.state.search_index
    assert index._rows is None and index._orgs is None
    app.state.warm()
    assert index._rows and index._orgs is not None
    assert [i for i, _, _ in index.rows()] == [i for i, _, _ in web_app(store).state.search_index.rows()]


CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.mark.skipif(not (CORPUS / "seeds").is_dir(), reason="../shared/corpus is not beside this checkout")
def test_on_the_shared_corpus_nghi_quyet_25_leads_to_its_page_and_the_plans_that_review_it(tmp_path):
    """The issue's check: a store of ../shared/corpus and the examples; searching "Nghị quyết 25"
    reaches 25-NQ/TW's page, which lists the plans that review it, each with its evidence and text."""
    folder = tmp_path / "corpus-store"
    with vankien.open_store(folder) as st:
        vankien.ingest([str(CORPUS / "seeds"), str(CORPUS / "dev"), str(Path(__file__).resolve().parents[1] / "examples")], st)
    with vankien.open_store(folder, read_only=True) as st:
        client = starlette_testclient.TestClient(vankien.web_app(st))
        found = client.get("/search", params={"q": "Nghị quyết 25"})
        first = re.findall(r'href="(/doc/[^"]+)"', found.text)[0]
        assert first.startswith("/doc/25-NQ/TW")
        page = client.get(first)
        assert page.status_code == 200
        reviewed = page.text[page.text.index("reviewed by"):]
        related = vankien.show(st, vankien.resolve(st, "25-NQ/TW"))["related"]
        reviewers = [r["id"] for r in related["REVIEWS"]["incoming"]]
        assert len(reviewers) >= 2 and all(_url("/doc/", i) in reviewed for i in reviewers)
        assert "tổng kết 10 năm thực hiện Nghị quyết số 25-NQ/TW" in reviewed      # the evidence sentence
        assert "000_2f8c2df4cb09b3e7.txt" in reviewed                             # and the text that states it
