"""IRIs for the RDF export, minted safely from ids written in Vietnamese.

    {base}document/{id}                 the graph id, percent-encoded: 25-NQ/TW:XI,
                                        94-KH/TU@lang-son:2020-2025, state:15/2020/N%C4%90-CP
    {base}organization/{slug}-{hash}    tinh-uy-lang-son-3f0c…: readable, and apart for ids that
                                        differ only in diacritics, case or punctuation
    {base}source/{sha256}               an ingested text
    {base}relation/{type}/{hash}        a relation stated in one text (qualified relation)
    {base}mention/{hash}                what one text states about one document
    https://vankien.example.org/vocab/{scheme}/{slug}   a concept (document type, level, province, role)

A document id keeps its locality and term (graph/model/identity.py), so the IRI does too, and the same
document always gets the same IRI. The encoding keeps ASCII letters, digits, ``-._~:@`` and ``/``
between two other characters; every other character (spaces, ``<>"{}|\\^`%?#``, Vietnamese letters)
is percent-encoded from its UTF-8 bytes after NFC normalisation, so the mapping is one-to-one and
reversible (``urllib.parse.unquote``) and the result is a plain ASCII URI.
"""
from __future__ import annotations

import functools
import hashlib
import re
import string
import unicodedata
from urllib.parse import urlsplit

from rdflib import URIRef

from vankien.graph.model.identity import slug

from vankien.ontology.vocabulary import DEFAULT_BASE, VOCAB

_SAFE = frozenset(string.ascii_letters + string.digits + "-._~:@")
_BASE_CHARS = re.compile(r"[A-Za-z0-9\-._~:/@!$&'()*+,;=%]+")
_SHA256 = re.compile(r"[0-9a-f]{64}")
# an id that encode_id keeps as it is: safe ASCII characters, "/" only between two non-empty segments
_PLAIN_ID = re.compile(r"[A-Za-z0-9\-._~:@]+(?:/[A-Za-z0-9\-._~:@]+)*")


class BaseError(ValueError):
    """A --base that cannot prefix IRIs."""


def check_base(base: str) -> str:
    """An absolute http(s) IRI to put ids under, ending with "/" (added when missing)."""
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BaseError(f"base IRI {base!r} must be an absolute http:// or https:// IRI")
    if not _BASE_CHARS.fullmatch(base) or parts.query or parts.fragment or "#" in base:
        raise BaseError(f"base IRI {base!r} may contain only unreserved ASCII characters, no query and no fragment")
    return base if base.endswith("/") else base + "/"


def _pct(ch: str) -> str:
    return "".join(f"%{b:02X}" for b in ch.encode("utf-8"))


def encode_id(text: str) -> str:
    """A path for an id: readable where it is ASCII, percent-encoded elsewhere, one-to-one."""
    if _PLAIN_ID.fullmatch(text) and "." not in text:     # the common case, kept as it is (no dot segment)
        return text
    text = unicodedata.normalize("NFC", text)
    if not text:
        raise ValueError("an empty id has no IRI")
    out = []
    last = len(text) - 1
    for i, ch in enumerate(text):
        if ch in _SAFE:
            out.append(ch)
        elif ch == "/" and 0 < i < last and text[i - 1] != "/" and text[i + 1] != "/":
            out.append(ch)          # a path separator between two segments that are not empty
        else:
            out.append(_pct(ch))
    # "." and ".." segments would be removed by IRI normalisation: keep them as data
    return "/".join(s.replace(".", "%2E") if set(s) == {"."} else s for s in "".join(out).split("/"))


def digest(*parts: object, size: int = 16) -> str:
    """A short stable hash of the parts (hex)."""
    h = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:size]


def concept(scheme: str, key: str) -> URIRef:
    """A concept of one of the generated schemes: vocab/document-type/nghi-quyet."""
    return URIRef(f"{VOCAB}{scheme}/{slug(key)}")


def scheme(name: str) -> URIRef:
    return URIRef(f"{VOCAB}{name}")


class Minter:
    """IRIs of the exported nodes under one base.

    Each IRI also as a plain string (``*_iri``: what the N-Triples export writes, without building
    rdflib terms); node IRIs, which recur as the targets of edges, are remembered (a bounded cache)."""

    def __init__(self, base: str = DEFAULT_BASE):
        self.base = check_base(base)
        self._slugs: dict[str, str] = {}
        self.node_iri = functools.lru_cache(maxsize=1 << 16)(self._node_iri)

    def document_iri(self, doc_id: str) -> str:
        return f"{self.base}document/{encode_id(doc_id)}"

    def organization_iri(self, org_id: str) -> str:
        name = slug(org_id.removeprefix("org:"))[:80].strip("-") or "organization"
        return f"{self.base}organization/{name}-{digest(org_id, size=10)}"

    def source_iri(self, sha256: str) -> str:
        tail = sha256 if _SHA256.fullmatch(sha256 or "") else encode_id(sha256)
        return f"{self.base}source/{tail}"

    def relation_iri(self, edge_type: str, *parts: object) -> str:
        name = self._slugs.get(edge_type)
        if name is None:
            name = self._slugs[edge_type] = slug(edge_type)
        return f"{self.base}relation/{name}/{digest(edge_type, *parts)}"

    def mention_iri(self, doc_id: str, sha256: str, *parts: object) -> str:
        return f"{self.base}mention/{digest(doc_id, sha256, *parts)}"

    def _node_iri(self, label: str, key: str) -> str:
        if label == "Document":
            return self.document_iri(key)
        if label == "Organization":
            return self.organization_iri(key)
        if label == "Source":
            return self.source_iri(key)
        raise ValueError(f"no IRIs for {label!r} nodes")

    def document(self, doc_id: str) -> URIRef:
        return URIRef(self.document_iri(doc_id))

    def organization(self, org_id: str) -> URIRef:
        return URIRef(self.organization_iri(org_id))

    def source(self, sha256: str) -> URIRef:
        return URIRef(self.source_iri(sha256))

    def relation(self, edge_type: str, *parts: object) -> URIRef:
        return URIRef(self.relation_iri(edge_type, *parts))

    def mention(self, doc_id: str, sha256: str, *parts: object) -> URIRef:
        """What one text states about one document. A text can hold two appearances of one document
        (two references later placed on it), told apart by ``parts`` (span, the reference moved)."""
        return URIRef(self.mention_iri(doc_id, sha256, *parts))

    def node(self, label: str, key: str) -> URIRef:
        """The IRI of a graph node given its label and primary key."""
        return URIRef(self.node_iri(label, key))
