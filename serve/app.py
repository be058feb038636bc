"""The routes of ``vankien serve``: a Starlette app over one store opened read-only.

    /                     search box (suggestions as you type: /api/suggest?q=)
    /search?q=            documents (any written form of a symbol, names, titles, issuers,
                          provinces; diacritics optional) and organisations
    /doc/<id>             the document (Lược đồ): relations both ways with evidence, validity,
                          sources, assignments, a diagram (/embed/diagram/<id>)
    /flow/<id>            flow-down view with filters (/embed/flow/<id>)
    /coverage/<id>        provinces that implemented or reviewed it, lag; ?format=csv
    /org/<id>             an organisation's documents and tasks
    /cypher?q=            read-only Cypher; &format=csv|json

Pages are rendered with Jinja2 (autoescape on); every response carries a Content-Security-Policy
allowing only the site's own scripts; queries take values as parameters.
"""
from __future__ import annotations

import datetime as dt
import importlib.resources
import importlib.util
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from vankien.graph.model.schema import LINEAGE_TYPES
from vankien.graph.queries.lookup import AmbiguousKey, NoDocument, UnreadableKey, describe
from vankien.graph.queries.organizations import NoOrganization
from vankien.graph.queries.stats import stats
from vankien.graph.stores import GraphStore, StoreError

from vankien.serve import embed, pages

HERE = Path(__file__).parent
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self' data:; connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; object-src 'none'; "
       "base-uri 'none'; form-action 'self'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
           "X-Frame-Options": "SAMEORIGIN"}
MAX_DEPTH = 10


class SecurityHeaders:
    """Adds the CSP and its companions to every response."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for k, v in HEADERS.items():
                    if k.lower().encode() not in present:
                        headers.append((k.lower().encode(), v.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, sending)


def _vis_folder() -> Path:
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the pyvis package (which ships vis-network) is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "templates" / "lib" / "vis-9.1.2"


def _iso(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)


def web_app(store: GraphStore, *, store_name: str = "", flow_cap: int = embed.FLOW_CAP,
            walk_budget: int = embed.WALK_BUDGET, page_size: int = pages.PAGE_SIZE) -> Starlette:
    """The Starlette app of ``vankien serve`` over ``store`` (open it read-only: the app never writes).
    Run it with any ASGI server, or ``run_server``; ``store_name`` is shown in the pages' footer.
    ``flow_cap``: documents a flow-down view draws at most (the page says how many it left out);
    ``walk_budget``: documents a flow-down gathers at most before it applies the filters as it walks
    (the page says so); ``page_size``: rows per page of an organisation's tasks and documents issued."""
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["iso"] = _iso
    env.globals.update(doc_url=pages.doc_url, org_url=pages.org_url, flow_url=pages.flow_url,
                       coverage_url=pages.coverage_url, path=pages.path, store_name=store_name)
    index = pages.SearchIndex(store)

    def warm() -> None:
        """Read the search index and compile the reader of written keys before the first visitor
        needs them (``run_server`` runs it beside the server; a search meanwhile waits for it)."""
        index.rows()
        index.organizations()
        pages.suggest(store, index, "Nghị quyết 1")

    def page(template: str, status: int = 200, **values: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(template).render(**values), status_code=status)

    def not_found(what: str, suggestions: list[dict] | None = None, candidates: list[dict] | None = None,
                  status: int = 404) -> HTMLResponse:
        return page("error.html", status, message=what, suggestions=suggestions or [], candidates=candidates or [])

    def document_or_error(key: str) -> str | HTMLResponse:
        key = key.strip()[:300]
        try:
            return pages.find_document(store, key)
        except AmbiguousKey as e:
            return not_found(f"{key!r} matches {len(e.candidates)} documents; choose one", candidates=[
                {"id": r["id"], "text": describe(r)} for r in e.candidates], status=300)
        except NoDocument as e:
            return not_found(e.reason, suggestions=[{"id": r["id"], "text": describe(r)} for r in e.suggestions])
        except (UnreadableKey, ValueError) as e:
            return not_found(str(e) or "no document named so")

    async def home(request: Request) -> Response:
        counts = stats(store)
        return page("home.html", counts=counts, query="")

    async def search(request: Request) -> Response:
        q = request.query_params.get("q", "")
        found = pages.search(store, index, q)
        if found["exact"] and request.query_params.get("list") is None:
            return RedirectResponse(pages.doc_url(found["exact"]), status_code=303)
        return page("search.html", found=found, query=found["query"])

    async def suggest(request: Request) -> Response:
        return JSONResponse(pages.suggest(store, index, request.query_params.get("q", "")))

    async def document(request: Request) -> Response:
        doc = document_or_error(request.path_params["id"])
        if isinstance(doc, Response):
            return doc
        if doc != request.path_params["id"]:
            return RedirectResponse(pages.doc_url(doc), status_code=303)
        return page("doc.html", **pages.document_page(store, doc), doc_id=doc)

    def flow_filter(request: Request) -> embed.FlowFilter:
        p = request.query_params
        f = embed.FlowFilter()
        try:
            f.depth = max(1, min(MAX_DEPTH, int(p.get("depth") or 5)))
        except ValueError:
            f.notes.append("levels: not a number, 5 used")
        types = [t for t in p.getlist("type") if t in LINEAGE_TYPES]
        f.types = set(types) if types else None
        for name in ("since", "until"):
            raw = (p.get(name) or "").strip()
            if raw:
                try:
                    setattr(f, name, dt.date.fromisoformat(raw))
                except ValueError:
                    f.notes.append(f"{name}: {raw!r} is not a date (YYYY-MM-DD), ignored")
        provinces = [v for v in p.getlist("province") if v]
        f.provinces = set(provinces) if provinces else None
        f.organizations = p.get("orgs") == "1"
        return f

    async def flow(request: Request) -> Response:
        doc = document_or_error(request.path_params["id"])
        if isinstance(doc, Response):
            return doc
        f = flow_filter(request)
        flow = embed.gather(store, doc, f, cap=flow_cap, budget=walk_budget, details=False)
        provinces = sorted({d["province"] for d in flow.whole.documents.values() if d.get("province")})
        query = urlencode([(k, v) for k, v in request.query_params.multi_items()])
        return page("flow.html", doc=pages.documents(store, [doc])[0], doc_id=doc, f=f, types=LINEAGE_TYPES,
                    names={t: pages.relation_name(t, "incoming") for t in LINEAGE_TYPES}, provinces=provinces,
                    whole=flow.whole, part=flow.part, flow=flow,
                    frame=f"/embed/flow/{pages.path(doc)}" + (f"?{query}" if query else ""), max_depth=MAX_DEPTH)

    async def embed_flow(request: Request) -> Response:
        doc = document_or_error(request.path_params["id"])
        if isinstance(doc, Response):
            return doc
        return HTMLResponse(embed.flow_page(store, doc, flow_filter(request), cap=flow_cap, budget=walk_budget))

    async def embed_diagram(request: Request) -> Response:
        doc = document_or_error(request.path_params["id"])
        if isinstance(doc, Response):
            return doc
        return HTMLResponse(embed.diagram_page(store, doc))

    async def coverage(request: Request) -> Response:
        doc = document_or_error(request.path_params["id"])
        if isinstance(doc, Response):
            return doc
        data = pages.coverage_page(store, doc)
        if request.query_params.get("format") == "csv":
            name = "coverage-" + "".join(c if c.isalnum() else "-" for c in data["info"]["document"]) + ".csv"
            return Response(pages.coverage_csv(data["info"]), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": f'attachment; filename="{name}"'})
        return page("coverage.html", **data, doc_id=doc)

    async def org(request: Request) -> Response:
        org_id = request.path_params["id"].strip()[:300]
        try:
            p = request.query_params
            data = pages.organization_page(store, org_id, page=p.get("page"), issued_page=p.get("issued"),
                                           size=page_size)
            return page("org.html", **data, here=pages.org_url(org_id),
                        links=lambda **change: "?" + urlencode({**{"page": data["tasks_at"]["page"],
                                                                   "issued": data["issued_at"]["page"]}, **change}))
        except NoOrganization:
            found = pages.find_organizations(store, org_id, limit=10) if org_id else []
            if len(found) == 1 or (found and found[0]["match"] == "exact" and (len(found) == 1 or found[1]["match"] != "exact")):
                return RedirectResponse(pages.org_url(found[0]["id"]), status_code=303)
            return not_found(f"no organisation {org_id!r} in the store", suggestions=[
                {"id": o["id"], "text": o["name"], "org": True} for o in found])

    async def cypher(request: Request) -> Response:
        q = request.query_params.get("q", "")
        fmt = request.query_params.get("format", "html")
        columns: list[str] = []
        rows: list[list[Any]] = []
        error = None
        if q.strip():
            try:
                columns, rows = pages.run_cypher(store, q)
            except pages.WriteRefused as e:
                error = f"refused: {e}"
            except StoreError as e:
                error = str(e)
            except Exception as e:      # noqa: BLE001 - a store's own error for a bad query, shown to the reader
                error = f"{type(e).__name__}: {e}"
        if error and fmt in ("csv", "json"):
            return JSONResponse({"error": error}, status_code=400)
        if fmt == "json":
            return Response(json.dumps([dict(zip(columns, r)) for r in rows], ensure_ascii=False, indent=1),
                            media_type="application/json",
                            headers={"Content-Disposition": 'attachment; filename="query.json"'})
        if fmt == "csv":
            return Response(pages.rows_csv(columns, rows), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": 'attachment; filename="query.csv"'})
        shown = rows[:pages.CYPHER_ROWS]
        return page("cypher.html", 400 if error else 200, q=q, columns=columns, rows=shown, total=len(rows), error=error,
                    examples=pages.examples(),
                    download=urlencode({"q": q}) if q.strip() else "")

    async def missing(request: Request, exc: Exception) -> Response:
        return not_found("no such page")

    views_static = importlib.resources.files("vankien.views") / "static"
    routes = [
        Route("/", home),
        Route("/search", search),
        Route("/api/suggest", suggest),
        Route("/doc/{id:path}", document),
        Route("/flow/{id:path}", flow),
        Route("/coverage/{id:path}", coverage),
        Route("/org/{id:path}", org),
        Route("/cypher", cypher),
        Route("/embed/flow/{id:path}", embed_flow),
        Route("/embed/diagram/{id:path}", embed_diagram),
        Mount("/static/vis", StaticFiles(directory=str(_vis_folder()))),
        Mount("/static/view", StaticFiles(directory=str(views_static))),
        Mount("/static", StaticFiles(directory=str(HERE / "static"))),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(SecurityHeaders)], exception_handlers={404: missing})
    app.state.warm, app.state.search_index = warm, index
    return app


def run_server(store: GraphStore, *, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False,
               store_name: str = "") -> None:
    """Serves ``web_app(store)`` with uvicorn on ``host``:``port`` until interrupted (127.0.0.1: this
    machine only); ``open_browser`` opens the home page in the default browser once it listens."""
    import threading
    import webbrowser

    import uvicorn

    app = web_app(store, store_name=store_name)
    threading.Thread(target=app.state.warm, name="vankien-serve-warm", daemon=True).start()
    if open_browser:
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        threading.Timer(1.0, webbrowser.open, [f"http://{shown}:{port}/"]).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")
