"""``vankien serve``: a small local web site over a store (search, document pages, flow-down,
coverage, organisations, read-only Cypher). ``vankien.web_app(store)`` builds the Starlette app,
``vankien.run_server(store, ...)`` runs it with uvicorn; both are loaded only when used."""
