"""The README's screenshot: the flow-down view of an example resolution, made in headless Chromium.

    python -m vankien.views.screenshot                         # examples/ -> docs/img/flow-down.png
    python -m vankien.views.screenshot --key 29-NQ/TW --out docs/img/flow-down.png --html out/flow-down.html
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from vankien.graph.ingest import ingest
from vankien.graph.queries.lookup import find_documents
from vankien.graph.stores import open_store
from vankien.views.browser import chromium, open_view
from vankien.views.flowdown import flow_down_view

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", default=str(ROOT / "examples"), help="folder of texts to ingest")
    ap.add_argument("--key", default="29-NQ/TW")
    ap.add_argument("--out", default=str(ROOT / "docs" / "img" / "flow-down.png"))
    ap.add_argument("--html", default=None, help="also keep the page here")
    ap.add_argument("--width", type=int, default=1500)
    ap.add_argument("--height", type=int, default=950)
    args = ap.parse_args(argv)

    inputs = sorted(str(p) for p in Path(args.examples).iterdir() if p.name != "README.md")
    with tempfile.TemporaryDirectory(prefix="vankien-screenshot-") as tmp:
        with open_store(Path(tmp) / "store") as store:
            ingest(inputs, store, workers=1)
            found = find_documents(store, args.key)
            if len(found) != 1:
                print(f"screenshot: {args.key!r} matches {len(found)} documents", file=sys.stderr)
                return 1
            view = flow_down_view(store, found[0]["id"], 5, assignments=True)
        page = Path(args.html) if args.html else Path(tmp) / "flow-down.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(view.html, encoding="utf-8")
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        with chromium() as browser:
            opened = open_view(browser, page, width=args.width, height=args.height)
            if opened.errors:
                print("screenshot: the page logged errors: " + "; ".join(opened.errors), file=sys.stderr)
                return 1
            opened.page.screenshot(path=str(out))
    print(f"{out}: {view.title} ({view.documents} documents, {view.organizations} organisations)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
