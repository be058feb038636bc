"""Organisations across texts: one node per body and place, generic addressees as classes, and a
body's tasks across the corpus (``vankien org``, ``vankien show``). Texts are invented for the tests."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from vankien import find_organizations, ingest, open_store, organization
from vankien.cli import main
from vankien.graph.model.identity import organization_identity
from vankien.loaders.fold import fold

PLAN = """TỈNH ỦY {upper}
Số {number}-KH/TU
{place}, ngày {day} tháng {month} năm 2024
KẾ HOẠCH
{title}

{body}
"""

TEXTS = {
    # two plans of Lạng Sơn that both give the provincial office a task
    "ls-41.txt": dict(upper="LẠNG SƠN", place="Lạng Sơn", number=41, day=5, month=3,
                      title="triển khai thực hiện Chỉ thị số 35-CT/TW, ngày 14/6/2024 của Bộ Chính trị",
                      body="Giao Văn phòng Tỉnh ủy chủ trì, phối hợp với Ban Tổ chức Tỉnh ủy theo dõi, đôn đốc việc "
                           "thực hiện Kế hoạch này, báo cáo Ban Thường vụ Tỉnh ủy trước ngày 30/6/2024.\n"
                           "Các cấp ủy, tổ chức đảng triển khai thực hiện Kế hoạch này."),
    "ls-52.txt": dict(upper="LẠNG SƠN", place="Lạng Sơn", number=52, day=9, month=8,
                      title="sơ kết việc thực hiện Nghị quyết số 29-NQ/TW, ngày 17/11/2022 của Ban Chấp hành "
                            "Trung ương Đảng",
                      body="Văn phòng Tỉnh ủy tổng hợp kết quả, báo cáo Thường trực Tỉnh ủy trước ngày 15/10/2024."),
    # two plans of Cao Bằng: the office named without, then with, its province
    "cb-17.txt": dict(upper="CAO BẰNG", place="Cao Bằng", number=17, day=2, month=4,
                      title="triển khai thực hiện Chỉ thị số 35-CT/TW, ngày 14/6/2024 của Bộ Chính trị",
                      body="Giao Văn phòng Tỉnh ủy chủ trì theo dõi việc thực hiện Kế hoạch này. Các cấp ủy, tổ chức "
                           "đảng triển khai thực hiện."),
    "cb-23.txt": dict(upper="CAO BẰNG", place="Cao Bằng", number=23, day=6, month=5,
                      title="thực hiện Kết luận số 48-KL/TW, ngày 30/01/2023 của Bộ Chính trị",
                      body="Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Văn phòng Tỉnh ủy Cao Bằng theo dõi việc "
                           "thực hiện, báo cáo Ban Thường vụ Tỉnh ủy Cao Bằng trước ngày 20/12/2024."),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("plans")
    for name, parts in TEXTS.items():
        (folder / name).write_text(PLAN.format(**parts), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory, corpus) -> Path:
    path = tmp_path_factory.mktemp("store") / "store"
    with open_store(path) as store:
        report = ingest([str(corpus)], store, workers=1)
        assert report.ingested == len(TEXTS)
    return path


def _orgs(store, key: str) -> list[dict]:
    return store.query("MATCH (o:Organization) WHERE o.key = $k RETURN o.id AS id, o.kind AS kind, "
                       "o.locality AS locality, o.province AS province ORDER BY id", {"k": key}).records()


def _tasks(store, org_id: str) -> set[tuple[str, str, str | None]]:
    rows = store.query("MATCH (d:Document)-[r:ASSIGNS_TO]->(o:Organization {id: $id}) "
                       "RETURN d.key AS key, r.role AS role, r.deadline AS deadline", {"id": org_id}).rows
    return {tuple(r) for r in rows}


def test_one_office_per_province_across_texts(store_dir):
    with open_store(store_dir, read_only=True) as store:
        offices = _orgs(store, "văn phòng tỉnh ủy")
        # Lạng Sơn's office, named by two plans, and Cao Bằng's: two nodes, not one per text
        assert [(o["locality"], o["province"], o["kind"]) for o in offices] == [
            ("Cao Bằng", "Cao Bằng", "body"), ("Lạng Sơn", "Lạng Sơn", "body")]
        lang_son = next(o["id"] for o in offices if o["locality"] == "Lạng Sơn")
        assert _tasks(store, lang_son) == {("41-KH/TU", "lead", "2024-06-30"), ("52-KH/TU", "lead", "2024-10-15")}


def test_body_named_with_and_without_its_province_is_one_node(store_dir):
    with open_store(store_dir, read_only=True) as store:
        cao_bang = [o["id"] for o in _orgs(store, "văn phòng tỉnh ủy") if o["locality"] == "Cao Bằng"]
        assert len(cao_bang) == 1
        # "Văn phòng Tỉnh ủy" (17-KH/TU) and "Văn phòng Tỉnh ủy Cao Bằng" (23-KH/TU)
        assert {t[0] for t in _tasks(store, cao_bang[0])} == {"17-KH/TU", "23-KH/TU"}
        standing = _orgs(store, "ban thường vụ tỉnh ủy")
        assert {o["locality"] for o in standing} == {"Lạng Sơn", "Cao Bằng"} and len(standing) == 2
        assert not store.query("MATCH (o:Organization) WHERE o.id CONTAINS '@text:' RETURN o.id").rows


def test_generic_collective_is_a_class_not_a_body(store_dir):
    with open_store(store_dir, read_only=True) as store:
        rows = store.query("MATCH (d:Document)-[:ASSIGNS_TO]->(o:Organization) WHERE o.kind = 'class' "
                           "RETURN o.id AS id, o.key AS key, o.locality AS locality, collect(d.key) AS docs "
                           "ORDER BY id").records()
        assert [(r["key"], r["locality"], r["docs"]) for r in rows] == [
            ("cấp ủy, tổ chức đảng", "Cao Bằng", ["17-KH/TU"]), ("cấp ủy, tổ chức đảng", "Lạng Sơn", ["41-KH/TU"])]
        assert all(r["id"].startswith("class:") for r in rows)
        bodies = {r[0] for r in store.query("MATCH (o:Organization) WHERE o.kind = 'body' RETURN o.id").rows}
        assert bodies and not bodies & {r["id"] for r in rows}


def test_identity_rules():
    def ident(name, level, places=()):
        return organization_identity(name, " ".join(name.split()).casefold(), level, list(places), "f" * 64)

    central = {ident(n, "central").id for n in ("Ban Chấp hành Trung ương Đảng", "BCH TW", "Trung ương",
                                                 "ban chap hanh trung uong dang")}
    assert central == {"org:ban-chap-hanh-trung-uong"}
    # a provincial body named in a district's document belongs to that district's province
    assert ident("Văn phòng Tỉnh ủy", "provincial", [("Cao Lộc", "district")]).id == "org:van-phong-tinh-uy@lang-son"
    # a district body named in a provincial document has no district: it stays with its text
    assert "@text:" in ident("Văn phòng Huyện ủy", "district", [("Lạng Sơn", "provincial")]).id
    assert ident("Ban Thường vụ Huyện ủy Hòa An", "district", [("Cao Bằng", "provincial")]).id == \
        ident("Ban Thường vụ Huyện ủy", "district", [("Hòa An", "district")]).id == "org:ban-thuong-vu-huyen-uy@hoa-an"
    # the committee's other name, with the province in it
    assert ident("Ban Chấp hành Đảng bộ tỉnh Lạng Sơn", "provincial").id == ident(
        "Tỉnh ủy", "provincial", [("Lạng Sơn", "provincial")]).id == "org:tinh-uy@lang-son"
    # classes: quantifier, list, a generic name; a central document's addressees have no place
    assert ident("các sở, ban, ngành", "provincial", [("Lạng Sơn", "provincial")]).kind == "class"
    assert ident("các cấp ủy", "central", [(None, "central"), ("Lạng Sơn", None)]).id == "class:cap-uy"
    assert ident("Liên hiệp các hội khoa học và kỹ thuật", "provincial", [("Huế", "provincial")]).kind == "body"


def test_org_command_finds_a_body_by_a_damaged_name_and_lists_its_tasks(store_dir):
    r = CliRunner().invoke(main, ["org", "Van phong Tinh uy Lang Son", "--store", str(store_dir)])
    assert r.exit_code == 0, r.output
    assert r.output.startswith("org:van-phong-tinh-uy@lang-son")
    assert "41-KH/TU" in r.output and "52-KH/TU" in r.output and "by 2024-10-15" in r.output
    j = CliRunner().invoke(main, ["org", "van phòng tinh ủy lang son", "--store", str(store_dir), "--format", "json"])
    info = json.loads(j.output)
    assert {(t["key"], t["role"], t["deadline"]) for t in info["tasks"]} == {
        ("41-KH/TU", "lead", "2024-06-30"), ("52-KH/TU", "lead", "2024-10-15")}
    assert all(t["document"].startswith(t["key"] + "@lang-son") for t in info["tasks"])


def test_org_command_lists_several_matches_and_refuses_unknown_names(store_dir):
    several = CliRunner().invoke(main, ["org", "văn phòng tỉnh ủy", "--store", str(store_dir)])
    assert several.exit_code == 2
    assert "org:van-phong-tinh-uy@lang-son" in several.output and "org:van-phong-tinh-uy@cao-bang" in several.output
    none = CliRunner().invoke(main, ["org", "Hội Nhà văn", "--store", str(store_dir)])
    assert none.exit_code == 1 and "no organisation" in none.output
    empty = CliRunner().invoke(main, ["org", "  ", "--store", str(store_dir)])
    assert empty.exit_code == 1 and "Traceback" not in empty.output


def test_show_finds_an_organisation_by_name_or_id(store_dir):
    by_name = CliRunner().invoke(main, ["show", "BTV Tỉnh ủy Cao Bằng", "--store", str(store_dir)])
    assert by_name.exit_code == 0, by_name.output
    assert by_name.output.startswith("org:ban-thuong-vu-tinh-uy@cao-bang") and "23-KH/TU" in by_name.output
    by_id = CliRunner().invoke(main, ["show", "org:ban-thuong-vu-tinh-uy@cao-bang", "--store", str(store_dir)])
    assert by_id.output == by_name.output
    doc = CliRunner().invoke(main, ["show", "41-KH/TU", "--store", str(store_dir)])
    assert doc.exit_code == 0 and doc.output.count("  issued by:") == 1


def test_python_api_finds_and_describes(store_dir):
    with open_store(store_dir, read_only=True) as store:
        found = find_organizations(store, "ban tuyen giao tinh uy")
        assert [(r["id"], r["match"]) for r in found] == [("org:ban-tuyen-giao-tinh-uy@cao-bang", "exact")]
        info = organization(store, found[0]["id"])
        assert [(t["key"], t["role"]) for t in info["tasks"]] == [("23-KH/TU", "lead")]
        with pytest.raises(LookupError):
            organization(store, "org:nothing")


def test_example_store_bodies_are_one_node_each(examples_dir, tmp_path):
    """The examples name many bodies in several texts: each body of a place is one node, so there are
    fewer nodes than (body, text) pairs, the count one node per text would give."""
    with open_store(tmp_path / "store") as store:
        ingest(sorted(str(p) for p in examples_dir.iterdir() if p.name != "README.md"), store, workers=1)
        nodes = store.query("MATCH (o:Organization) RETURN o.id AS id, o.key AS key, o.kind AS kind, "
                            "o.locality AS locality").records()
        per_text = store.query("MATCH (d:Document)-[r:ASSIGNS_TO|ISSUED_BY]->(o:Organization) "
                               "RETURN DISTINCT o.id AS id, r.source AS source").records()
        placed = [(n["kind"], fold(n["key"]), n["locality"]) for n in nodes if n["locality"]]
        assert len(placed) == len(set(placed))           # one node per body (or class) and place
        assert len(nodes) < len(per_text)
        office = [r for r in per_text if r["id"] == "org:van-phong-tinh-uy@lang-son"]
        assert len(office) >= 4                          # Lạng Sơn's office, named in four texts and more
        text_tied = [n for n in nodes if "@text:" in n["id"]]
        assert len(text_tied) < len(nodes) / 4


def test_a_store_of_an_older_version_gains_the_new_columns(corpus, tmp_path):
    """A store written before Organization had kind and locality opens, takes new texts, and answers."""
    path = tmp_path / "old"
    with open_store(path) as store:
        store.query("ALTER TABLE Organization DROP kind")
        store.query("ALTER TABLE Organization DROP locality")
        assert "kind" not in {r[1] for r in store.query("CALL table_info('Organization') RETURN *").rows}
    with open_store(path) as store:
        report = ingest([str(corpus)], store, workers=1)
        assert report.ingested == len(TEXTS)
        kinds = {r[0] for r in store.query("MATCH (o:Organization) RETURN DISTINCT o.kind").rows}
    assert kinds and None not in kinds
