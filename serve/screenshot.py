"""The README's pictures of ``vankien serve``: the search suggestions, a document page, the flow-down
page and the coverage page, over a store of examples/, in headless Chromium at 1400×900.

    python -m vankien.serve.screenshot            # examples/ -> docs/img/serve-*.png
    python -m vankien.serve.screenshot --key 29-NQ/TW --out-dir docs/img
"""
from __future__ import annotations

import argparse
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

from vankien.graph.ingest import ingest
from vankien.graph.queries.lookup import resolve
from vankien.graph.stores import open_store
from vankien.serve.app import web_app
from vankien.views.browser import chromium

ROOT = Path(__file__).resolve().parents[1]


def serve_in_thread(store):
    """(base URL, stop) of the app served by uvicorn in a thread, on a free port of 127.0.0.1."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(web_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.05)

    def stop() -> None:
        server.should_exit = True
        thread.join(10)

    return f"http://127.0.0.1:{port}", stop


def _frame_ready(page, selector: str) -> None:
    page.locator(selector).element_handle().content_frame().wait_for_function(
        "window.vankienReady !== undefined", timeout=60000)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", default=str(ROOT / "examples"), help="folder of texts to ingest")
    ap.add_argument("--key", default="29-NQ/TW", help="the document shown")
    ap.add_argument("--out-dir", default=str(ROOT / "docs" / "img"))
    ap.add_argument("--width", type=int, default=1400)
    ap.add_argument("--height", type=int, default=900)
    args = ap.parse_args(argv)
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    inputs = sorted(str(p) for p in Path(args.examples).iterdir() if p.name != "README.md")
    with tempfile.TemporaryDirectory(prefix="vankien-serve-shot-") as tmp:
        with open_store(Path(tmp) / "store") as store:
            ingest(inputs, store, workers=1)
        with open_store(Path(tmp) / "store", read_only=True) as store:
            doc = quote(resolve(store, args.key), safe="/:@")
            base, stop = serve_in_thread(store)
            errors: list[str] = []
            try:
                with chromium() as browser:
                    page = browser.new_page(viewport={"width": args.width, "height": args.height})
                    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
                    page.on("pageerror", lambda e: errors.append(str(e)))
                    page.goto(base + "/")
                    page.fill("#q", "nghi quyet 2")
                    page.wait_for_selector("#suggestions li a")
                    page.screenshot(path=str(out / "serve-search.png"))
                    page.goto(base + "/doc/" + doc)
                    _frame_ready(page, "#diagram")
                    page.screenshot(path=str(out / "serve-document.png"))
                    page.goto(base + "/flow/" + doc)
                    _frame_ready(page, "#flow")
                    page.locator("#flow").scroll_into_view_if_needed()
                    page.screenshot(path=str(out / "serve-flow-down.png"))
                    page.goto(base + "/coverage/" + doc)
                    page.screenshot(path=str(out / "serve-coverage.png"))
            finally:
                stop()
    if errors:
        print("screenshot: the pages logged errors: " + "; ".join(errors), file=sys.stderr)
        return 1
    for name in ("search", "document", "flow-down", "coverage"):
        print(out / f"serve-{name}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
