#!/usr/bin/env python3
"""Fuzzing the readers and the extraction for a fixed time budget (hypothesis).

    python benchmarks/fuzz.py [--seconds 120] [--seed N]

Generates texts made of the pieces real ones are made of (type words, symbols with their
separators, dates, organisation heads, cues, punctuation and line breaks) mixed with hostile
characters (control and invisible characters, lone surrogates, legacy-font letters, bidi overrides)
and bytes (any byte string, truncated UTF-8/UTF-16, JSON Lines with any JSON value). Every input
must give a record, never an exception, whose JSON can be written as UTF-8, with offsets inside the
text. Prints how many inputs were tried and the first failure found, if any (exit 1).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from vankien.loaders.clean import normalize_text  # noqa: E402
from vankien.loaders.extract import extract_source, extract_text  # noqa: E402
from vankien.loaders.readers import read_bytes  # noqa: E402

PIECES = [
    "Nghị quyết", "Quy định", "Chỉ thị", "Kết luận", "Kế hoạch", "Hướng dẫn", "số", "Số:", "25", "-NQ/TW", "/QĐ-UBND",
    "12-KH/TU", "07-QĐi/TW", "ngày 03/6/2013", "ngày 31 tháng 2 năm 2099", "2/28/201", "Ban Thường vụ Tỉnh ủy",
    "giao", "chủ trì", "phối hợp với", "báo cáo về", "trước ngày 30/6/2024", "thực hiện", "thay thế", "Căn cứ",
    "tổng kết 10 năm thực hiện", "gọi tắt là", "và", ",", ";", ":", ".", "(", ")", "\n", "\n\n", " ", "-", "KẾ HOẠCH",
    "Nơi nhận:", "Resolution No.", "57-NQ/TW", "Th«ng t\u00ad cña", "\u00ad", "\u200b", "\ufeff", "\u202e", "\x0c",
    "\x1b[31m", "\ud800", "\x00", "Ð", "ĐẢNG CỘNG SẢN VIỆT NAM", "(QBĐT)", "baosonla.vn",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=80).map("".join)
blobs = st.one_of(st.binary(max_size=2000), texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
                  texts.map(lambda t: t.encode("utf-16", "surrogatepass")[:-1]),
                  st.lists(st.recursive(st.none() | st.booleans() | st.integers() | texts,
                                        lambda c: st.lists(c, max_size=4) | st.dictionaries(texts, c, max_size=4)),
                           max_size=4).map(lambda vs: "\n".join(json.dumps(v) for v in vs).encode("utf-8",
                                                                                               "surrogatepass")))


def check(record: dict, text: str | None) -> None:
    json.dumps(record, ensure_ascii=False).encode("utf-8")      # writable as UTF-8
    if text is None:
        return
    n = len(normalize_text(text))
    for d in record["documents"]:
        for m in d["mentions"]:
            assert 0 <= m["start"] <= m["end"] <= n, m


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    tried = {"texts": 0, "byte inputs": 0}
    budget = settings(max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck))

    @budget
    @given(texts)
    def fuzz_text(text: str) -> None:
        tried["texts"] += 1
        check(extract_text(text), text)

    @budget
    @given(blobs, st.sampled_from(["x.txt", "x.html", "x.jsonl", "x.docx", "x.pdf", "x"]))
    def fuzz_bytes(data: bytes, name: str) -> None:
        tried["byte inputs"] += 1
        src = read_bytes(data, name)
        check(extract_source(src), src.text)

    start = time.monotonic()
    rounds = 0
    try:
        while time.monotonic() - start < a.seconds:
            seed(a.seed + rounds)(fuzz_text)()           # each round: one search of 200 inputs, its own seed
            seed(a.seed + rounds)(fuzz_bytes)()
            rounds += 1
    except Exception as exc:  # noqa: BLE001 - the failure is the result
        print(f"FAILED after {tried}: {type(exc).__name__}: {exc}")
        sys.exit(1)
    print(f"{tried['texts']} texts and {tried['byte inputs']} byte inputs in {time.monotonic() - start:.0f} s "
          f"({rounds} rounds): no failure")


if __name__ == "__main__":
    main()
