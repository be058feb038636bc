"""The README's screenshots: the flow-down view and the relation diagram of example documents, made
in headless Chromium at 1400×900.

    python -m vankien.views.screenshot          # examples/ -> docs/img/flow-down.png, docs/img/diagram.png
    python -m vankien.views.screenshot --key 29-NQ/TW --out docs/img/flow-down.png \\
        --diagram-key 112-KH/TU --diagram-out docs/img/diagram.png --html out/
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
from vankien.views.diagram import diagram_view
from vankien.views.flowdown import flow_down_view

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", default=str(ROOT / "examples"), help="folder of texts to ingest")
    ap.add_argument("--key", default="29-NQ/TW", help="the flow-down view's document")
    ap.add_argument("--out", default=str(ROOT / "docs" / "img" / "flow-down.png"))
    ap.add_argument("--diagram-key", default="112-KH/TU", help="the relation diagram's document")
    ap.add_argument("--diagram-out", default=str(ROOT / "docs" / "img" / "diagram.png"),
                    help="where the diagram's picture goes ('' for none)")
    ap.add_argument("--html", default=None, help="also keep the pages in this folder")
    ap.add_argument("--width", type=int, default=1400)
    ap.add_argument("--height", type=int, default=900)
    args = ap.parse_args(argv)

    inputs = sorted(str(p) for p in Path(args.examples).iterdir() if p.name != "README.md")
    with tempfile.TemporaryDirectory(prefix="vankien-screenshot-") as tmp:
        shots = []
        with open_store(Path(tmp) / "store") as store:
            ingest(inputs, store, workers=1)
            wanted = [(args.key, args.out, "flow-down")]
            if args.diagram_out:
                wanted.append((args.diagram_key, args.diagram_out, "diagram"))
            for key, out, name in wanted:
                found = find_documents(store, key)
                if len(found) != 1:
                    print(f"screenshot: {key!r} matches {len(found)} documents", file=sys.stderr)
                    return 1
                view = (flow_down_view(store, found[0]["id"], 5) if name == "flow-down"
                        else diagram_view(store, found[0]["id"]))
                folder = Path(args.html) if args.html else Path(tmp)
                folder.mkdir(parents=True, exist_ok=True)
                page = folder / f"{name}.html"
                page.write_text(view.html, encoding="utf-8")
                shots.append((page, Path(out), view))
        with chromium() as browser:
            for page, out, view in shots:
                out.parent.mkdir(parents=True, exist_ok=True)
                opened = open_view(browser, page, width=args.width, height=args.height)
                if opened.errors:
                    print("screenshot: the page logged errors: " + "; ".join(opened.errors), file=sys.stderr)
                    return 1
                opened.page.screenshot(path=str(out))
                opened.page.close()
                print(f"{out}: {view.title} ({view.documents} documents, {view.organizations} organisations)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
