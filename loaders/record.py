"""The record of one input, typed: what ``vankien extract`` writes and ``vankien ingest`` stores.

One schema for both sides of the hand-off: vankien.loaders.extract builds a ``Record``, the command
line writes ``Record.to_dict()`` as one JSON line, vankien.graph.model.batch reads its attributes.
The dict is derived from the fields (their names and order), never written out by hand, so the JSON
and the types cannot drift apart; ``Record.from_dict`` reads a JSON line back, and
``from_dict(r).to_dict() == r`` for every record the extractor writes.

Each field states its meaning in ``metadata["doc"]``; ``schema_fields()`` lists the fields by path
(``documents[].mentions[].form``) for the README's "Output schema" table (tests/test_record.py
checks the two against each other). Treat a record as read-only: its lists are tuples; the parts
are not frozen only because a frozen dataclass is built twice as slowly (one per mention).
"""
from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Self


def _meaning(doc: str) -> Any:
    """A field with its one-line meaning (``metadata["doc"]``)."""
    return field(metadata={"doc": doc})


class Part:
    """What every part of the record shares: its dict form and reading it back."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: the fields in declaration order, parts as dicts, tuples as lists."""
        return _writer(type(self))(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Read the JSON form back. A key that is missing reads as None (False for a flag, no items
        for a list), as records written by hand often leave keys out; a missing part that cannot be
        None (a record's provenance, an edge's evidence) raises KeyError naming it."""
        values = {}
        for name, read, empty in _readers(cls):
            if name in data:
                value = data[name]
                values[name] = value if read is None or value is None else read(value)
            elif empty is not _REQUIRED:
                values[name] = empty
            else:
                raise KeyError(f"{cls.__name__}.{name}: missing from the record")
        return cls(**values)


_REQUIRED = object()


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _part_of(hint: Any) -> tuple[type[Part] | None, bool]:
    """(the Part a field holds, whether it holds a tuple of them); (None, False) for plain values."""
    if typing.get_origin(hint) is tuple:
        inner = typing.get_args(hint)[0]
        return (inner if isinstance(inner, type) and issubclass(inner, Part) else None), True
    args = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    parts = [a for a in args if isinstance(a, type) and issubclass(a, Part)]
    return (parts[0] if parts else None), False


@functools.cache
def _writer(cls: type) -> Callable[[Any], dict[str, Any]]:
    """``to_dict`` of ``cls``, compiled from its fields into one dict display: as fast as a dict
    written by hand, which matters as the extractor writes one per mention."""
    items, namespace = [], {}
    for f in dataclasses.fields(cls):
        part, many = _part_of(_hints(cls)[f.name])
        value = f"self.{f.name}"
        if part is not None:
            namespace[f"w_{f.name}"] = _writer(part)
        if many:
            value = f"[w_{f.name}(p) for p in {value}]" if part else f"list({value})"
        elif part:
            value = f"None if {value} is None else w_{f.name}({value})"
        items.append(f"{f.name!r}: {value}")
    exec(f"def to_dict(self):\n    return {{{', '.join(items)}}}", namespace)
    return namespace["to_dict"]


@functools.cache
def _readers(cls: type) -> tuple[tuple[str, Callable[[Any], Any] | None, Any], ...]:
    """Per field of ``cls``: its name, how to read its plain value, and what a missing key reads as."""
    out = []
    for f in dataclasses.fields(cls):
        hint = _hints(cls)[f.name]
        part, many = _part_of(hint)
        if many:
            read = (lambda v, p=part: tuple(p.from_dict(x) for x in v)) if part else tuple
        else:
            read = part.from_dict if part else None
        out.append((f.name, read, _empty(hint, part, many)))
    return tuple(out)


def _empty(hint: Any, part: type[Part] | None, many: bool) -> Any:
    """What a missing key reads as (``from_dict``)."""
    if many:
        return ()
    if hint is bool:
        return False
    if part is not None and not (isinstance(hint, types.UnionType) and type(None) in typing.get_args(hint)):
        return _REQUIRED
    return None


@dataclass(slots=True)
class Provenance(Part):
    """Where a text came from and how it was read."""

    source: str = _meaning("path or URL of the input, as in the record's source")
    url: str | None = _meaning("the page's URL, when the input gives one")
    sha256: str | None = _meaning("sha256 of the raw content (of the record's text for JSON Lines); null when unread")
    reader: str = _meaning("the reader used: text, html, docx, pdf, jsonl or none")
    encoding: str | None = _meaning("the encoding the text was decoded from, when known")
    title: str | None = _meaning("the title, when the input gives one")
    published: str | None = _meaning("the publication date, when the input gives one")
    scope: str | None = _meaning("the locality the text was extracted for (the source's, else --scope)")


@dataclass(slots=True)
class MentionRecord(Part):
    """One place where the text cites a document."""

    start: int = _meaning("offset of the mention into the decoded, NFC-normalised text")
    end: int = _meaning("offset just past the mention")
    text: str = _meaning("the mention as written")
    form: str = _meaning("full, bare, short, issued, named or title")


@dataclass(slots=True)
class IssuedBy(Part):
    """ISSUED_BY: a document's issuing body as an organisation."""

    organization: str = _meaning("the issuing body as the text names it, abbreviations expanded")
    organization_key: str = _meaning("the same body across texts (its name normalised)")
    level: str | None = _meaning("central, provincial, district or grassroots")


@dataclass(slots=True)
class DocumentRecord(Part):
    """One document the text cites (or is), with what the text states about it."""

    key: str | None = _meaning("NUMBER-TYPE/ISSUER normalised, or the state symbol; null without a number")
    subject: bool = _meaning("the document the text is about")
    system: str = _meaning("party, state or other")
    kind: str | None = _meaning("the type word (Nghị quyết, Quy định ...)")
    number: str | None = _meaning("the number, without leading zeros")
    type: str | None = _meaning("the canonical type code (NQ, KH ...)")
    issuer_code: str | None = _meaning("the issuer code(s) of the symbol (TW, TU, BTCTU-BDVTU ...)")
    date: str | None = _meaning("the document's own date: ISO, or partial:--MM-DD without a year")
    issuing_body: str | None = _meaning("the issuing body as the text names it, abbreviations expanded")
    term: str | None = _meaning("the committee term (khóa) when stated")
    scope: str | None = _meaning("the locality of a local document")
    descriptor: str | None = _meaning("how an un-numbered document is cited by name")
    level: str | None = _meaning("the issuer's level: central, provincial, district or grassroots")
    issued_by: IssuedBy | None = _meaning("the issuing body as an organisation (ISSUED_BY)")
    completed: bool = _meaning("the key was built from a number-only reference, its type word and issuing body")
    mentions: tuple[MentionRecord, ...] = _meaning("every place the text cites the document")


@dataclass(slots=True)
class Evidence(Part):
    """The span of text an edge was read from."""

    start: int = _meaning("offset of the span into the decoded, NFC-normalised text")
    end: int = _meaning("offset just past the span")
    text: str = _meaning("the span as written")


@dataclass(slots=True)
class RelationRecord(Part):
    """A relation between two documents of the text, directed from the acting or newer one."""

    source: str | None = _meaning("the acting document's key (its descriptor when un-numbered)")
    type: str = _meaning("the relation type, one of loaders/data/relations.toml (IMPLEMENTS, SUPERSEDES ...)")
    target: str | None = _meaning("the other document's key (its descriptor when un-numbered)")
    source_index: int = _meaning("the source's index into documents")
    target_index: int = _meaning("the target's index into documents")
    cue: str | None = _meaning("the cue phrase the relation was read from")
    confidence: float = _meaning("how sure the reading is, 0 to 1")
    evidence: Evidence = _meaning("the sentence span stating the relation")


@dataclass(slots=True)
class AssignmentRecord(Part):
    """ASSIGNS_TO: a task a document gives an organisation."""

    document: str | None = _meaning("the assigning document's key (its descriptor when un-numbered)")
    document_index: int = _meaning("the assigning document's index into documents")
    organization: str = _meaning("the body as written, abbreviations expanded")
    organization_key: str = _meaning("the same body across texts (its name normalised)")
    level: str | None = _meaning("the body's level, else the assigning document's")
    role: str = _meaning("lead, coordinate, execute or report_to")
    deadline: str | None = _meaning("the deadline (ISO) when stated")
    cue: str | None = _meaning("the cue phrase the assignment was read from")
    confidence: float = _meaning("how sure the reading is, 0 to 1")
    evidence: Evidence = _meaning("the span stating the assignment")


@dataclass(slots=True)
class WarningRecord(Part):
    """A problem found in the input, placed in the text when it has a place."""

    code: str = _meaning("what kind of problem (README: warning codes)")
    message: str = _meaning("the problem in words, for the user")
    start: int | None = _meaning("offset of the problem into the decoded text, when it has a place")
    end: int | None = _meaning("offset just past it")


@dataclass(slots=True)
class Record(Part):
    """Everything ``vankien extract`` finds in one input: one JSON line."""

    source: str = _meaning("path or URL of the input")
    provenance: Provenance = _meaning("where the text came from and how it was read")
    subject: str | None = _meaning("the key (or descriptor) of the document the text is about")
    documents: tuple[DocumentRecord, ...] = _meaning("the documents the text cites (edges point in by index)")
    relations: tuple[RelationRecord, ...] = _meaning("relations between those documents")
    assignments: tuple[AssignmentRecord, ...] = _meaning("tasks the documents give organisations")
    warnings: tuple[WarningRecord, ...] = _meaning("problems found in the input, in text order, unplaced last")


def schema_fields(cls: type[Part] = Record, prefix: str = "") -> Iterator[tuple[str, type[Part], dataclasses.Field]]:
    """(path, the part that has the field, the field) of every field of the record, depth first, paths
    as the README writes them (``documents[].mentions[].form``); ``field.metadata["doc"]`` is its meaning."""
    for f in dataclasses.fields(cls):
        part, many = _part_of(_hints(cls)[f.name])
        path = prefix + f.name + ("[]" if many else "")
        yield path, cls, f
        if part is not None:
            yield from schema_fields(part, path + ".")
