"""Assignments (ASSIGNS_TO) and issuing bodies (ISSUED_BY), on an invented plan."""
from __future__ import annotations

from vankien.loaders.clean import normalize_text
from vankien.loaders.extract import extract_text
from vankien.loaders.organizations import org_list, org_vocab

PLAN = """Tỉnh ủy ban hành Kế hoạch sơ kết Chỉ thị số 12-CT/TW

Ngày 5/3/2024, Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 70-KH/TU về sơ kết 5 năm thực hiện Chỉ thị số 12-CT/TW, ngày 20/3/2019 của Ban Bí thư.

Ban Thường vụ Tỉnh ủy yêu cầu các đảng đoàn, ban cán sự đảng, BTV Tỉnh đoàn; các huyện, thị, thành ủy và Đảng ủy Khối cơ quan tỉnh nghiêm túc triển khai thực hiện; báo cáo sơ kết gửi về Ban Thường vụ Tỉnh ủy (qua Ban Tuyên giáo Tỉnh ủy) trước ngày 30/5/2024.

Về thời gian: Cấp cơ sở hoàn thành sơ kết trước ngày 15/4/2024; cấp huyện và tương đương hoàn thành trước ngày 30 tháng 4 năm 2024.

Giao Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Văn phòng Tỉnh ủy, UBMTTQ tỉnh theo dõi, đôn đốc việc sơ kết.
"""


def assignments(text: str = PLAN) -> dict[tuple[str, str], dict]:
    return {(a["organization"], a["role"]): a for a in extract_text(text)["assignments"]}


def test_every_organisation_of_a_list_gets_one_assignment():
    a = assignments()
    for org in ("các đảng đoàn", "ban cán sự đảng", "Ban Thường vụ Tỉnh đoàn", "các huyện, thị, thành ủy",
                "Đảng ủy Khối cơ quan tỉnh"):
        assert (org, "execute") in a, org
    assert all(x["document"] == "70-KH/TU" for x in a.values())


def test_roles():
    a = assignments()
    assert ("Ban Tuyên giáo Tỉnh ủy", "lead") in a
    assert ("Văn phòng Tỉnh ủy", "coordinate") in a
    assert ("Ủy ban Mặt trận Tổ quốc tỉnh", "coordinate") in a          # UBMTTQ expanded
    assert ("Ban Thường vụ Tỉnh ủy", "report_to") in a
    assert ("Ban Tuyên giáo Tỉnh ủy", "report_to") in a                  # "(qua ...)"
    # the body that gives the orders is not given a task by them
    assert ("Ban Thường vụ Tỉnh ủy", "execute") not in a


def test_deadlines_belong_to_the_tasks_of_their_clause_or_sentence():
    a = assignments()
    assert a[("các đảng đoàn", "execute")]["deadline"] == "2024-05-30"     # same sentence, earlier clause
    assert a[("Ban Thường vụ Tỉnh ủy", "report_to")]["deadline"] == "2024-05-30"
    assert a[("Cấp cơ sở", "execute")]["deadline"] == "2024-04-15"         # each clause its own
    assert a[("cấp huyện", "execute")]["deadline"] == "2024-04-30"
    assert a[("Ban Tuyên giáo Tỉnh ủy", "lead")]["deadline"] is None


def test_levels_and_keys():
    a = assignments()
    assert a[("các huyện, thị, thành ủy", "execute")]["level"] == "district"
    assert a[("Cấp cơ sở", "execute")]["level"] == "grassroots"
    assert a[("Ban Thường vụ Tỉnh đoàn", "execute")]["level"] == "provincial"
    assert a[("các đảng đoàn", "execute")]["level"] == "provincial"       # from the assigning plan
    assert a[("các đảng đoàn", "execute")]["organization_key"] == "đảng đoàn"


def test_evidence_spans_index_the_text():
    norm = normalize_text(PLAN)
    for x in extract_text(PLAN)["assignments"]:
        ev = x["evidence"]
        assert norm[ev["start"]:ev["end"]] == ev["text"]
        assert x["organization"].split()[-1].casefold() in " ".join(ev["text"].split()).casefold().replace("uỷ", "ủy")
        assert 0 < x["confidence"] <= 1


def test_no_subject_no_assignments():
    text = "Hội nghị yêu cầu các cấp ủy, tổ chức đảng nghiêm túc thực hiện."
    assert extract_text(text)["assignments"] == []


def test_issued_by_with_level():
    out = extract_text(PLAN)
    plan = next(d for d in out["documents"] if d["key"] == "70-KH/TU")
    assert plan["issued_by"]["organization"].startswith("Ban Thường vụ Tỉnh ủy")
    assert plan["issued_by"]["level"] == "provincial"
    ct = next(d for d in out["documents"] if d["key"] == "12-CT/TW")
    assert ct["issued_by"] == {"organization": "Ban Bí thư", "organization_key": "ban bí thư", "level": "central"}


def test_organisation_lists_end_at_the_task():
    text = "các sở, ban, ngành; UBND các huyện, thành phố tổ chức quán triệt"
    orgs, verb = org_list(text, 0, len(text))
    assert [o.name for o in orgs] == ["các sở, ban, ngành", "Ủy ban nhân dân các huyện, thành phố"]
    assert text[verb:].startswith("tổ chức quán triệt")
    # words that only look like organisations ("cán" is not "cần", "Ban hành" is no Ban)
    assert org_list("Ban hành kế hoạch", 0, 17)[0] == []
    assert org_vocab().key("Các Uỷ ban  nhân dân") == "ủy ban nhân dân"
