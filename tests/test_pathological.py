"""Pathological inputs: the extractor must finish (no catastrophic regex backtracking, no
quadratic scans) and still return a well-formed record.

Each case runs ``extract_text`` in a child process killed after a generous timeout
(``VANKIEN_HANG_TIMEOUT`` seconds, default 60): a hang detector, not a timed benchmark — a C-level
regex match cannot be interrupted by a signal in the same process, but a child can be killed.
``make bench`` shows the time each case took (pytest --durations).
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
# a hang, not a speed test: a linear pass over the 20 MB line takes 15-30 s on a 2-core machine, 60+ s
# when it is shared with another run; anything quadratic takes hours
TIMEOUT = float(os.environ.get("VANKIEN_HANG_TIMEOUT", "150"))

# Runs in the child: read the input file, extract, report a small summary as JSON on stdout.
_CHILD = r"""
import json, sys, time
from vankien.loaders.extract import extract_text
text = open(sys.argv[1], encoding="utf-8").read()
t0 = time.perf_counter()
rec = extract_text(text, source="pathological")
seconds = time.perf_counter() - t0
docs = rec.get("documents") if isinstance(rec, dict) else None
summary = {
    "is_dict": isinstance(rec, dict),
    "documents_is_list": isinstance(docs, list),
    "n_documents": len(docs) if isinstance(docs, list) else None,
    "keys": sorted({d.get("key") for d in docs if isinstance(d, dict) and d.get("key")}) if isinstance(docs, list) else [],
    "n_warnings": len(rec.get("warnings") or []) if isinstance(rec, dict) else None,
    "seconds": seconds,
}
sys.stdout.write(json.dumps(summary, ensure_ascii=False))
"""


def run_extract(text: str, tmp_path: Path, label: str) -> dict:
    """Run ``extract_text(text)`` in a child process; fail the test if it does not finish in time."""
    inp = tmp_path / f"{label}.txt"
    inp.write_text(text, encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO_ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    t0 = time.perf_counter()
    try:
        proc = subprocess.run([sys.executable, "-c", _CHILD, str(inp)], cwd=REPO_ROOT, env=env,
                              capture_output=True, text=True, encoding="utf-8", timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{label}: extract_text did not finish within {TIMEOUT:g} s on {len(text):,} characters "
                    "(catastrophic backtracking or a quadratic scan?)")
    wall = time.perf_counter() - t0
    assert proc.returncode == 0, f"{label}: extractor crashed:\n{proc.stderr[-3000:]}"
    summary = json.loads(proc.stdout)
    assert summary["is_dict"], f"{label}: extract_text did not return a dict"
    assert summary["documents_is_list"], f"{label}: record has no 'documents' list"
    print(f"{label}: {len(text):,} chars, extract {summary['seconds']:.2f} s (child {wall:.2f} s), "
          f"{summary['n_documents']} documents, {summary['n_warnings']} warnings")
    return summary


# ------------------------------------------------------------------------------------------------
# inputs
# ------------------------------------------------------------------------------------------------

def digits_and_slashes(n_chars: int = 1_000_000, seed: int = 7) -> str:
    """Random runs of digits separated by / - . and the odd space: '12/3/4/56-/7.8 ...'."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < n_chars:
        tok = "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 4)))
        sep = rng.choice("//////---.  /-")
        parts.append(tok + sep)
        size += len(tok) + 1
    return "".join(parts)[:n_chars]


# Filler prose for the 20 MB line: my own words, including type words and cue words so that the
# extractor has mentions to look at everywhere, not just a few codes.
_FILLER = (
    "các cấp ủy tiếp tục quán triệt và thực hiện nghị quyết của cấp trên, gắn với kế hoạch công tác "
    "năm của từng chi bộ; ban thường vụ tỉnh ủy giao ban tuyên giáo chủ trì, phối hợp với các cơ quan "
    "liên quan theo dõi, đôn đốc việc triển khai, báo cáo kết quả theo quy định trước ngày 15 tháng 6; "
    "chỉ thị và kết luận nêu trên được phổ biến rộng rãi đến cán bộ, đảng viên và nhân dân; "
)
# codes planted in the long line -> the keys the extractor must report
_PLANTED = [
    ("Kế hoạch số 12-KH/TU, ngày 12/3/2024 của Ban Thường vụ Tỉnh ủy", "12-KH/TU"),
    ("Nghị quyết số 05-NQ/TW ngày 3-6-2013 của Bộ Chính trị", "5-NQ/TW"),
    ("Chỉ thị số 35-CT/TW", "35-CT/TW"),
    ("Kết luận số 100 - KL/TW", "100-KL/TW"),
    ("Chương trình hành động số 07-CTr/HU", "7-CTr/HU"),
    ("Hướng dẫn số 16-HD/BTCTW", "16-HD/BTCTW"),
]


def long_line(n_chars: int = 20_000_000) -> str:
    reps = n_chars // len(_FILLER) + 1
    body = _FILLER * reps
    # plant each code at a few places: start, evenly through the line, and near the end
    out: list[str] = []
    slots = len(_PLANTED) * 4
    step = len(body) // (slots + 1)
    pos = 0
    for i in range(slots):
        cut = body.rfind(" ", 0, (i + 1) * step) + 1
        out.append(body[pos:cut])
        out.append(f"Thực hiện {_PLANTED[i % len(_PLANTED)][0]}, ")
        pos = cut
    out.append(body[pos:])
    text = "".join(out)[:n_chars]
    return text.replace("\n", " ")


# ------------------------------------------------------------------------------------------------
# tests
# ------------------------------------------------------------------------------------------------

def test_digits_and_slashes(tmp_path):
    run_extract(digits_and_slashes(), tmp_path, "digits_slashes_1MB")


def test_many_dashes(tmp_path):
    run_extract("-" * 100_000, tmp_path, "dashes_100k")


def test_dashes_between_digits_and_letters(tmp_path):
    # "1 - - - NQ/ - TW" shaped noise around the separator handling of codes
    rng = random.Random(3)
    chunk = []
    for _ in range(60_000):
        chunk.append(rng.choice(["1", "25", " - ", " – ", "-", "/", "NQ", "KH", "TW", "TU", " ", "\n"]))
    run_extract("".join(chunk), tmp_path, "code_separator_noise")


def test_twenty_megabyte_single_line(tmp_path):
    text = long_line()
    assert "\n" not in text and len(text) >= 19_000_000
    summary = run_extract(text, tmp_path, "line_20MB")
    keys = set(summary["keys"])
    missing = [k for _, k in _PLANTED if k not in keys]
    assert not missing, f"planted codes not found in the 20 MB line: {missing} (found {sorted(keys)[:20]})"


def test_repeated_type_word_with_so(tmp_path):
    run_extract("Nghị quyết số " * 100_000, tmp_path, "nghi_quyet_so_x100k")


def test_repeated_incomplete_dates(tmp_path):
    unit = "ngày 1/1/"
    run_extract(unit * (1_000_000 // len(unit)), tmp_path, "ngay_1_1_1MB")


def test_repeated_joint_issuers(tmp_path):
    # one code whose issuer part is a very long hyphen chain: 05-QC/BTCTU-BDVTU-...
    run_extract("Quy chế số 05-QC/" + "-".join(["BTCTU", "BDVTU"] * 50_000), tmp_path, "joint_issuer_chain")


def test_repeated_back_references_and_cues(tmp_path):
    # ~5.8 MB of back-references: linear resolution takes seconds; resolution that rescans
    # earlier mentions for each new one (quadratic) took ~90 s here and trips the timeout.
    unit = "Nghị quyết nêu trên, tiếp tục thực hiện Kết luận 43 và Quy định này; căn cứ (qua "
    run_extract(unit * 72_000, tmp_path, "back_references_x72k")


def test_whitespace_only(tmp_path):
    run_extract((" \n\t" * 300_000) + "\u00a0" * 10_000, tmp_path, "whitespace_1MB")
