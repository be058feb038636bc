#!/usr/bin/env python3
"""Extraction time on crafted worst cases: every stage must be linear in the length of a sentence.

    python benchmarks/worst_case.py [--mb 3]

Each case is a text of about ``--mb`` megabytes built to defeat a stage that is not linear or
bounded: one sentence of repeated assignment clauses (one cue and one list each, comma-separated,
no ";"), one very long list of organisations after one cue, a sentence of repeated citations joined
by "và" (the targets of one cue), deep brackets, one line of 60 MB-style run-on text without any
break (scaled to ``--mb``), and repeated type words with no number. Prints the seconds and MB/s of
each, and the time per MB of the worst one; issue 18 asks for under 10 s for 3 MB each.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from vankien.loaders.extract import extract_text  # noqa: E402

CASES = {
    "repeated assignment clauses": "giao Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Văn phòng Tỉnh ủy theo dõi, ",
    "one long list of organisations": "Ban Tổ chức Tỉnh ủy, ",
    "citations joined by và": "Nghị quyết số 25-NQ/TW và ",
    "deep brackets": "(",
    "one run-on line": "các cơ quan đơn vị thực hiện kế hoạch tổ chức học tập quán triệt ",
    "type words without numbers": "Kế hoạch Quy định Nghị quyết Chỉ thị ",
}
HEADS = {
    "repeated assignment clauses": "Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 12-KH/TU. Yêu cầu ",
    "one long list of organisations": "Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 12-KH/TU. Giao ",
    "citations joined by và": "Kế hoạch số 12-KH/TU thực hiện ",
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=3.0)
    a = ap.parse_args()
    extract_text("Kế hoạch số 1-KH/TU thực hiện Nghị quyết số 2-NQ/TW. Giao Ban Tổ chức Tỉnh ủy chủ trì.")
    worst = 0.0
    for name, unit in CASES.items():
        head = HEADS.get(name, "")
        n = int(a.mb * 1e6 / len(unit.encode()))
        text = head + unit * n + "."
        mb = len(text.encode()) / 1e6
        start = time.perf_counter()
        r = extract_text(text)
        s = time.perf_counter() - start
        worst = max(worst, s / mb)
        print(f"{name:32s} {mb:5.2f} MB  {s:7.2f} s  {mb / s:6.2f} MB/s  "
              f"({len(r['documents'])} documents, {len(r['assignments'])} assignments)", flush=True)
    print(f"worst: {worst:.2f} s per MB ({worst * 3:.1f} s for 3 MB)")


if __name__ == "__main__":
    main()
