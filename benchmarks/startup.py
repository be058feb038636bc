#!/usr/bin/env python3
"""Start-up times (issue 20, point 6), each in fresh processes, median of ``--runs`` (default 5).

* ``vankien --help``: wall time of the command (the installed entry point, or ``python -m vankien``);
* import + first extraction: ``import vankien; from vankien import extract_text``, then the first
  ``extract_text`` of a one-line text (it compiles the patterns and loads the vocabularies);
* first extraction in an ingest worker: a worker of ``vankien ingest`` (spawned, as
  ``vankien.graph.workers.process_pool`` starts them) given one short text, timed from ``submit``
  to its rows coming back (start of the process, imports, patterns, extraction), and inside the
  worker the first ``extract_record`` alone.

Targets from the issue: ``--help`` under 0.2 s and the first extraction under 0.3 s after import.

    python benchmarks/startup.py [--runs 5]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
HELP_TARGET = 0.2
FIRST_TARGET = 0.3
SHORT_TEXT = "Kế hoạch số 5-KH/TU thực hiện Nghị quyết số 29-NQ/TW."

# run in a fresh interpreter: prints {"import": s, "first": s, "second": s}
_IMPORT_AND_FIRST = f"""
import json, time
t0 = time.perf_counter()
import vankien
from vankien import extract_text
t1 = time.perf_counter()
extract_text({SHORT_TEXT!r})
t2 = time.perf_counter()
extract_text({SHORT_TEXT!r})
t3 = time.perf_counter()
print(json.dumps({{"import": t1 - t0, "first": t2 - t1, "second": t3 - t2}}))
"""

# run in a fresh interpreter: one spawned ingest worker, one text
_WORKER = f"""
import json, time
from vankien.graph.ingest import extract_part
from vankien.graph.workers import process_pool
from vankien.loaders.source import SourceText

def timed(args):
    import time
    t = time.perf_counter()
    part = extract_part(args)
    return time.perf_counter() - t, part

if __name__ == "__main__":
    src = SourceText(source="startup.txt", text={SHORT_TEXT!r}, reader="text")
    with process_pool(1) as pool:
        t = time.perf_counter()
        inside, _ = pool.submit(timed, ([src], None)).result()
        total = time.perf_counter() - t
    print(json.dumps({{"worker_total": total, "worker_first": inside}}))
"""


def _help_command() -> list[str]:
    exe = Path(sys.executable).with_name("vankien")
    if exe.exists():
        return [str(exe), "--help"]
    found = shutil.which("vankien")
    return [found, "--help"] if found else [sys.executable, "-m", "vankien", "--help"]


def _wall(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def _json_run(code: str, cwd: Path) -> dict[str, float]:
    script = cwd / "startup_probe.py"
    script.write_text(code, encoding="utf-8")
    out = subprocess.run([sys.executable, str(script)], check=True, capture_output=True, text=True, cwd=cwd)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(runs: int) -> dict[str, float]:
    import tempfile
    results: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="vankien-startup-") as tmp:
        cwd = Path(tmp)
        for _ in range(runs):        # interleaved, so that a burst of load hits all measures alike
            results.setdefault("help", []).append(_wall(_help_command()))
            for k, v in _json_run(_IMPORT_AND_FIRST, cwd).items():
                results.setdefault(k, []).append(v)
            for k, v in _json_run(_WORKER, cwd).items():
                results.setdefault(k, []).append(v)
    return {k: statistics.median(v) for k, v in results.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="fresh processes per measure (median reported)")
    ap.add_argument("--json", action="store_true", help="print the medians as JSON")
    args = ap.parse_args(argv)
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    m = measure(args.runs)
    if args.json:
        print(json.dumps(m))
        return 0
    def verdict(v: float, target: float) -> str:
        return "met" if v < target else "not met"
    print(f"median of {args.runs} fresh processes (load average {os.getloadavg()[0]:.2f}):")
    print(f"  vankien --help                      {m['help']:.3f} s  [target < {HELP_TARGET} s: {verdict(m['help'], HELP_TARGET)}]")
    print(f"  import vankien, extract_text        {m['import']:.3f} s")
    print(f"  first extract_text after import     {m['first']:.3f} s  [target < {FIRST_TARGET} s: {verdict(m['first'], FIRST_TARGET)}]")
    print(f"  second extract_text                 {m['second']:.4f} s")
    print(f"  ingest worker: first text, inside   {m['worker_first']:.3f} s (after the worker imported vankien)")
    print(f"  ingest worker: submit to rows back  {m['worker_total']:.3f} s (process start included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
