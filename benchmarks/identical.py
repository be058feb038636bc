#!/usr/bin/env python3
"""Byte-identical extraction output, for speed work: every text of the corpus (seeds and dev), the
first N synthetic texts of benchmarks/synthetic/ and every rewriting of benchmarks/robustness.py
applied to the corpus (and to a share of the synthetic texts), extracted in this process through
``read_paths`` + ``extract_source`` as ``vankien extract`` does, written as one JSONL file.

    python benchmarks/identical.py OUT.jsonl [--synthetic 600] [--rewrite-synthetic 100]

Run it before a change and after it, then ``cmp`` the two files.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from robustness import REWRITINGS  # noqa: E402
from vankien.loaders.extract import extract_source  # noqa: E402
from vankien.loaders.readers import read_paths  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--synthetic", type=int, default=600)
    ap.add_argument("--rewrite-synthetic", type=int, default=100)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args(argv)
    corpus = [p for sub in ("seeds", "dev") for p in sorted((args.corpus / sub).glob("*.txt"))]
    synth = sorted((HERE / "synthetic").glob("*.txt"))[:args.synthetic]
    with args.out.open("w", encoding="utf-8") as f, tempfile.TemporaryDirectory() as tmp:
        def write(tag: str, paths: list[str]) -> None:
            for src in read_paths(paths):
                f.write(tag + "\t" + json.dumps(extract_source(src), ensure_ascii=False) + "\n")
        write("plain", [str(p) for p in corpus + synth])
        for name, rewrite in REWRITINGS.items():
            if name == "as it is":
                continue
            folder = Path(tmp) / name.replace(" ", "_")
            folder.mkdir()
            paths = []
            for i, p in enumerate(corpus + synth[:args.rewrite_synthetic]):
                text = p.read_text(encoding="utf-8", errors="replace")
                q = folder / f"{i:05d}_{p.name}"
                q.write_bytes(rewrite(text).encode("utf-8"))
                paths.append(str(q))
            # the source field holds the temporary path: name it the same way in every run
            for src in read_paths(paths):
                d = extract_source(src)
                f.write(name + "\t" + json.dumps(d, ensure_ascii=False).replace(tmp, "TMP") + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
