"""The word lists the patterns are built from are data: adding a word to a table of
``loaders/data`` changes what is found, with no code changed.

Each case adds one word to one list and runs an invented text through the extractor (or the HTML
reader's boilerplate filter) twice in child processes: once with the data as it is, once with
``load_data`` returning the data with the added words. The patterns are compiled once per process
from ``load_data``, so the child patches it before importing the modules that compile them.
"""
from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from typing import Any, Callable

import pytest

from vankien.loaders.vocab import load_data


@dataclass(frozen=True)
class Case:
    id: str
    file: str                   # a file of loaders/data
    path: tuple[str, ...]       # the list the word is added to
    word: str
    text: str
    reader: str                 # "extract" (the record) or "html" (remove_boilerplate's text)
    probe: Callable[[Any], Any]
    before: Any
    after: Any


def _doc(rec: dict, key: str) -> dict:
    return next(d for d in rec["documents"] if d["key"] == key)


CASES = [
    Case("count unit", "citations.toml", ("count", "units"), "bước",
         "Ngày 15/4/2024, Ban Thường vụ Tỉnh ủy Lạng Sơn ban hành Kế hoạch số 140-KH/TU. "
         "Kế hoạch 3 bước được triển khai trong năm 2024.",
         "extract", lambda r: sorted(d["key"] for d in r["documents"]), ["140-KH/TU", "3-KH"], ["140-KH/TU"]),
    Case("number word", "citations.toml", ("number", "words"), "ký hiệu",
         "Tỉnh ủy Lạng Sơn ban hành Kế hoạch ký hiệu 140-KH/TU về chuyển đổi số.",
         "extract", lambda r: _doc(r, "140-KH/TU")["mentions"][0]["text"], "140-KH/TU", "Kế hoạch ký hiệu 140-KH/TU"),
    Case("demonstrative", "citations.toml", ("demonstrative", "words"), "kể trên",
         "Tỉnh ủy Lạng Sơn ban hành Kế hoạch số 140-KH/TU về chuyển đổi số. Các sở thực hiện Kế hoạch kể trên.",
         "extract", lambda r: len(_doc(r, "140-KH/TU")["mentions"]), 1, 2),
    Case("deadline word", "citations.toml", ("deadline_words", "words"), "hạn cuối cùng",
         "Hạn cuối cùng 30/6/2024, Ban Thường vụ Tỉnh ủy Lạng Sơn ban hành Kế hoạch số 12-KH/TU.",
         "extract", lambda r: _doc(r, "12-KH/TU")["date"], "2024-06-30", None),
    Case("locality stop-word", "citations.toml", ("locality", "stop"), "Cao",
         "Ngày 02/4/2024, Ban Thường vụ Huyện ủy Cao Vân ban hành Kế hoạch số 15-KH/HU.",
         "extract", lambda r: _doc(r, "15-KH/HU")["issuing_body"],
         "Ban Thường vụ Huyện ủy Cao Vân", "Ban Thường vụ Huyện ủy"),
    Case("generic word", "types.toml", ("generic", "words"), "tài liệu",
         "Ban Tuyên giáo Tỉnh ủy Lạng Sơn làm theo tài liệu số 71-HD/BTGTW.",
         "extract", lambda r: _doc(r, "71-HD/BTGTW")["mentions"][0]["text"], "71-HD/BTGTW", "tài liệu số 71-HD/BTGTW"),
    Case("descriptor", "descriptors.toml", ("charter", "opening"), "Điều lệ Đoàn",
         "Các chi đoàn tổ chức học tập Điều lệ Đoàn trong quý II.",
         "extract", lambda r: [d["descriptor"] for d in r["documents"]], [], ["Điều lệ Đoàn"]),
    Case("clause opener", "organizations.toml", ("clause_openers",), "tiếp theo",
         "Ngày 02/4/2024, Ban Thường vụ Tỉnh ủy Lạng Sơn ban hành Kế hoạch số 130-KH/TU về công tác dân vận.\n"
         "Tiếp theo, Ban Dân vận Tỉnh ủy chủ trì tổ chức sơ kết Kế hoạch này.",
         "extract", lambda r: [a["organization"] for a in r["assignments"]], [], ["Ban Dân vận Tỉnh ủy"]),
    Case("site chrome", "sites.toml", ("chrome", "lines"), "in trang",
         "Tỉnh ủy Lạng Sơn ban hành Kế hoạch số 140-KH/TU.\nIn trang\nCác sở thực hiện Kế hoạch này.",
         "html", lambda t: "In trang" in t, True, False),
]

# Runs in the child: load_data with the words of argv[1] added, then every input of stdin.
_CHILD = r"""
import copy, functools, json, sys
import vankien.loaders.vocab as vocab

added = json.loads(sys.argv[1])
original = vocab.load_data

@functools.cache
def load_data(name):
    data = copy.deepcopy(original(name))
    for file, path, word in added:
        if file == name:
            node = data
            for key in path:
                node = node[key]
            node.append(word)
    return data

vocab.load_data = load_data
from vankien.loaders.extract import extract_text
from vankien.loaders.readers.html import remove_boilerplate

out = [extract_text(text) if reader == "extract" else remove_boilerplate(text) for reader, text in json.load(sys.stdin)]
json.dump(out, sys.stdout, ensure_ascii=False)
"""


def _run(added: list) -> list:
    """Every case's input through a child process whose data has ``added`` words."""
    inputs = [[c.reader, c.text] for c in CASES]
    proc = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(added, ensure_ascii=False)],
                          input=json.dumps(inputs, ensure_ascii=False), capture_output=True, text=True,
                          encoding="utf-8", timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def results() -> tuple[list, list]:
    """The outputs with the data as it is, and with every case's word added."""
    return _run([]), _run([[c.file, list(c.path), c.word] for c in CASES])


@pytest.mark.parametrize("i", range(len(CASES)), ids=[c.id for c in CASES])
def test_a_word_added_to_the_data_changes_what_is_found(results, i):
    case = CASES[i]
    before, after = results[0][i], results[1][i]
    assert case.probe(before) == case.before, f"{case.id}: before adding {case.word!r}"
    assert case.probe(after) == case.after, f"{case.id}: after adding {case.word!r} to {case.file} {case.path}"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_the_word_is_new_to_its_list(case):
    node = load_data(case.file)
    for key in case.path:
        node = node[key]
    assert case.word not in node, f"{case.file} {case.path} already lists {case.word!r}: the test proves nothing"


def test_each_pattern_kind_is_a_type_word_or_a_named_word():
    """A document cited by name gets the kind of its pattern: a word the vocabulary knows."""
    types = load_data("types.toml")
    known = {t["word"] for t in types["type"]} | set(types["named"]["words"])
    for name, table in load_data("descriptors.toml").items():
        if "kind" in table:
            assert table["kind"] in known, f"descriptors.toml [{name}] kind {table['kind']!r}"
