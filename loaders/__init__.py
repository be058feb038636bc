"""vankien.loaders: from an input to its record (documents, relations, assignments, warnings).

The pipeline, in the order ``extract.extract_source`` runs it on one text (docs/extraction.md has the
rules of each step):

readers/ (sniff the format, decode: text in any encoding, HTML main text, DOCX, PDF text layer, JSON
Lines records; provenance and reader warnings) -> clean (NFC, look-alike letters) -> mentions, codes,
dates, patterns (every place a document is cited: symbols, bare numbers, back-references, titles) ->
context (each mention's date, issuing body, locality, term) -> resolve (mentions grouped into documents,
number-only references completed) -> segments (sentences) -> subject (the document the text is about)
-> relations (cue table) -> assignments (organisations, roles, deadlines) -> record (the typed record,
written as the JSON of ``vankien extract``).

Vocabularies are data (``data/*.toml``), loaded once by ``vocab`` and matched tolerant of damaged
diacritics (``fold``). This package never imports vankien.graph, .ontology or .views.
"""
