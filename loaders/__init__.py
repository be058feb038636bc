"""Loaders: read documents (text, HTML, DOCX, PDF, JSON Lines, folders) and extract
citations, relations and assignments from them.

Data flow, as in eyecite: ``readers`` (decode) -> ``clean`` (normalise) -> ``extract``
(find mentions) -> ``resolve`` (back-references, identities) -> output records.
"""
