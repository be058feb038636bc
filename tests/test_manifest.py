"""A folder's manifest gives each text the address it was taken from (invented files)."""
from __future__ import annotations

from vankien.loaders.extract import extract_source
from vankien.loaders.readers import read_paths

TEXT = "Ban Thường vụ Tỉnh ủy vừa ban hành Kế hoạch số 30-KH/TU về chuyển đổi số trong các cơ quan đảng."


def test_a_manifest_gives_urls_and_is_not_read_as_a_text(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "SOURCES.tsv").write_text(
        "file\tsource\tnotes\na.txt\thttps://baosonla.vn/chinh-tri/ke-hoach-30\tthay thế Quy định số 1-QĐ/TW\n"
        "b.txt\tnot an address\t\n", encoding="utf-8")
    records = list(read_paths([str(tmp_path)]))
    assert [r.source.rsplit("/", 1)[-1] for r in records] == ["a.txt", "b.txt"]     # no record for the manifest
    assert [r.url for r in records] == ["https://baosonla.vn/chinh-tri/ke-hoach-30", None]
    scopes = [next(d["scope"] for d in extract_source(r)["documents"]) for r in records]
    assert scopes == ["Sơn La", None]              # the site's province


def test_a_comma_separated_manifest_and_a_file_named_on_its_own(tmp_path):
    (tmp_path / "x.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("path,url\nsub/x.txt,http://tinhuyninhthuan.vn/a\n", encoding="utf-8")
    [record] = read_paths([str(tmp_path / "x.txt")])
    assert record.url == "http://tinhuyninhthuan.vn/a"
    # a manifest named explicitly is read like any file
    assert [r.source for r in read_paths([str(tmp_path / "manifest.csv")])] == [str(tmp_path / "manifest.csv")]
