"""Opening a view in headless Chromium (Playwright driving the system's Chromium), for the tests,
the load-time benchmark and the README's screenshot.

Playwright's own browser download is not used: ``VANKIEN_CHROMIUM`` (default /usr/bin/chromium,
Debian's ``chromium`` package) is the browser.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("VANKIEN_CHROMIUM", "/usr/bin/chromium")


def available() -> bool:
    try:
        import playwright  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).exists()


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Opened:
    page: Any
    ready_ms: float                                   # load to first drawing, from navigation start
    errors: list[str] = field(default_factory=list)   # console errors and uncaught exceptions
    dialogs: list[str] = field(default_factory=list)  # alert / confirm / prompt messages (dismissed)

    def node_ids(self) -> set[str]:
        """Ids of every node of the view: documents (drawn or inside a collapsed province's box) and
        organisations (shown or not)."""
        return set(self.page.evaluate("vankien.allNodeIds()"))

    def drawn_ids(self) -> set[str]:
        """Ids of the nodes in vis-network's data set now (what is drawn)."""
        return set(self.page.evaluate("network.body.data.nodes.getIds()"))


def open_view(browser: Any, path: str | Path, *, width: int = 1500, height: int = 950,
              timeout_ms: int = 60000) -> Opened:
    """Open a view's page and wait until the network has drawn once."""
    page = browser.new_page(viewport={"width": width, "height": height})
    opened = Opened(page, 0.0)
    page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: opened.errors.append(str(e)))

    def dialog(d: Any) -> None:
        opened.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(Path(path).resolve().as_uri())
    page.wait_for_function("window.vankienReady !== undefined", timeout=timeout_ms)
    opened.ready_ms = page.evaluate("window.vankienReady")
    return opened


def hover(opened: Opened, item_id: str, *, edge: bool = False) -> str:
    """Move the mouse over a node (or the middle of an edge) and return the tooltip's text."""
    page = opened.page
    if edge:
        point = page.evaluate("""id => { const e = network.body.edges[id];
            const p = e.edgeType.getPoint(0.5); return network.canvasToDOM(p); }""", item_id)
    else:
        point = page.evaluate("id => network.canvasToDOM(network.getPositions([id])[id])", item_id)
    box = page.locator("#vk-network").bounding_box()
    page.mouse.move(box["x"] + point["x"] + 1, box["y"] + point["y"] + 1)
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    return page.inner_text("div.vis-tooltip")
