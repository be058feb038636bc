"""The extraction pipeline: text -> documents cited, with their identities and warnings.

clean (NFC, look-alikes) -> tokenize (symbols, type words, dates) -> context (dates, bodies,
terms) -> resolve (back-references, identities) -> a ``Record`` (vankien.loaders.record), whose
``to_dict()`` is the ``vankien extract`` schema.
"""
from __future__ import annotations

import functools
from typing import Any

from vankien.loaders.clean import normalize_reporting
from vankien.loaders.assignments import Assignment, find_assignments
from vankien.loaders.context import attach_context
from vankien.loaders.cues import cue_table
from vankien.loaders.dates import implausible_dates
from vankien.loaders.layout import article_end, read_layout
from vankien.loaders.mentions import Mention, find_mentions
from vankien.loaders.organizations import org_vocab
from vankien.loaders.patterns import unmarked
from vankien.loaders.record import (AssignmentRecord, DocumentRecord, Evidence, IssuedBy, MentionRecord,
                                    Provenance, Record, RelationRecord, WarningRecord)
from vankien.loaders.relations import Relation, find_relations
from vankien.loaders.resolve import Document, resolve
from vankien.loaders.scope import set_scopes
from vankien.loaders.segments import segments
from vankien.loaders.source import SourceText, Warn
from vankien.loaders.subject import find_subject, spoken_of
from vankien.loaders.vocab import UNMARKED, vocab


def extract_text(text: str, source: str = "<text>", scope: str | None = None) -> dict[str, Any]:
    """Extract the documents cited in ``text``; offsets index ``normalize_text(text)``."""
    return extract_source(SourceText(source=source, text=text, reader="text", scope=scope))


def extract_source(src: SourceText, scope: str | None = None) -> dict[str, Any]:
    """Extract from one read input, as the ``vankien extract`` JSON object (``extract_record``'s dict)."""
    return extract_record(src, scope).to_dict()


def extract_record(src: SourceText, scope: str | None = None) -> Record:
    """Extract from one read input; unreadable inputs give an empty record with their warnings."""
    # a text typed without diacritics is matched against the vocabularies without them
    token = UNMARKED.set(src.text is not None and unmarked(src.text))
    try:
        return _extract_record(src, scope)
    finally:
        UNMARKED.reset(token)


def _extract_record(src: SourceText, scope: str | None) -> Record:
    warnings: list[Warn] = list(src.warnings)
    scope = src.scope or scope
    docs: list[Document] = []
    relations: list[Relation] = []
    assignments: list[Assignment] = []
    subject: Document | None = None
    text = ""
    if src.text is not None:
        text, cleaned = normalize_reporting(src.text)     # nothing left to clean in a reader's text
        warnings += cleaned
        text = text[:article_end(text)]                     # a news page's links to other articles are not read
        layout = read_layout(text)                          # letterhead, heading, title (layout.py)
        mentions = find_mentions(text, layout)
        attach_context(text, mentions)
        _damaged_words(mentions, warnings)
        docs = resolve(text, mentions, warnings, default_scope=scope)
        warnings += implausible_dates(docs)
        set_scopes(text, docs, src.url, given=scope)     # local documents' localities (scope.py)
        segs = segments(text)
        cues = cue_table().find_in_sentences(text, segs, sorted(m.start for m in mentions))
        cues = cue_table().across_heading(text, layout.heading, layout.title, cues)
        subject = find_subject(text, docs, segs, cues, layout)
        if subject is not None and subject.key is None:
            # "Kế hoạch này" in the body of a plan known by its heading only: that plan (resolve had no
            # document to give it)
            own = [m for m in mentions if m.form == "short" and m.this and m.doc is None and m.kind == subject.kind]
            for m in own:
                subject.add(m)
            joined = {(m.start, m.end) for m in own}
            warnings = [w for w in warnings if w.code != "unresolved_reference" or (w.start, w.end) not in joined]
        if subject is not None and subject.scope is None:
            # an un-numbered subject learns its issuer from the sentence that issues it: its place then
            set_scopes(text, [subject], src.url, given=scope)
        relations = find_relations(text, docs, cues, segs, subject, layout)
        record = _promulgator(subject, relations)
        if record is not None:
            # a programme attached to a numbered resolution or decision: the act of record is the subject
            subject = record
            relations = find_relations(text, docs, cues, segs, subject, layout)
        assignments = _within_reach(find_assignments(text, segs, subject, docs))
        if subject is None:
            # a text that gives tasks but names no document of its own: the one it speaks of
            fallback = spoken_of(text, docs, cues, src.title_text())
            tasks = _within_reach(find_assignments(text, segs, fallback, docs)) if fallback else []
            if tasks:
                subject, assignments = fallback, tasks
                relations = find_relations(text, docs, cues, segs, subject, layout)
            elif fallback is not None:
                docs.remove(fallback)
        # a document a request asks for ("yêu cầu … ban hành Chương trình hành động …") does
        # not exist yet: it stood in the relations only so that their cues do not go to another
        docs = [d for d in docs if not d.requested or d is subject]
        relations = [r for r in relations if not r.source.requested and not r.target.requested]
    index = {id(d): i for i, d in enumerate(docs)}
    levels = [_doc_level(d) for d in docs]
    return Record(
        source=src.source,
        provenance=Provenance(**src.provenance(), scope=scope),
        subject=_name(subject) if subject is not None else None,
        documents=tuple([_doc_record(d, text, level, d is subject) for d, level in zip(docs, levels)]),
        relations=tuple([_relation_record(r, text, index) for r in relations]),
        assignments=tuple([_assignment_record(a, text, index, levels) for a in assignments]),
        warnings=tuple([_warning_record(w) for w in sorted(warnings, key=lambda w: (w.start is None, w.start or 0))]),
    )


def _name(d: Document) -> str | None:
    """How edges name a document: its key, or its descriptor when it has no number."""
    return d.key or d.descriptor


def _evidence(text: str, start: int, end: int) -> Evidence:
    return Evidence(start, end, text[start:end])


def _relation_record(r: Relation, text: str, index: dict[int, int]) -> RelationRecord:
    return RelationRecord(
        source=_name(r.source),
        type=r.type,
        target=_name(r.target),
        source_index=index[id(r.source)],
        target_index=index[id(r.target)],
        cue=r.cue,
        confidence=r.confidence,
        evidence=_evidence(text, r.start, r.end),
    )


def _assignment_record(a: Assignment, text: str, index: dict[int, int], levels: list[str | None]) -> AssignmentRecord:
    """``levels``: each document's ``_doc_level``, the level of an organisation whose name states none."""
    i = index[id(a.document)]
    return AssignmentRecord(
        document=_name(a.document),
        document_index=i,
        organization=a.org.name,
        organization_key=a.org.key,
        level=a.org.level or levels[i],
        role=a.role,
        deadline=a.deadline,
        cue=a.cue,
        confidence=a.confidence,
        evidence=_evidence(text, a.start, a.end),
    )


def _warning_record(w: Warn) -> WarningRecord:
    return WarningRecord(w.code, w.message, w.start, w.end)


def _promulgator(subject: Document | None, relations: list[Relation]) -> Document | None:
    """The numbered document that promulgates an un-numbered subject ("Chương trình hành động …" /
    "(Kèm theo Nghị quyết số 88/NQ-CP …)", "Nghị quyết số 88/NQ-CP … ban hành Chương trình hành động
    …"), if one does: the act the programme is issued by, whose tasks the text states."""
    if subject is None or subject.key is not None:
        return None
    return next((r.source for r in relations if r.promulgates and r.target is subject and r.source.key), None)


def _within_reach(assignments: list[Assignment]) -> list[Assignment]:
    """A document gives no task to a body above its issuer ("kiến nghị Quốc hội, Chính phủ …" in
    a provincial resolution is a request): such assignments go, except reporting to it. Each
    assignment is weighed against its own document's issuer."""
    rank = cue_table().level_rank
    own = {id(d): rank(_doc_level(d)) for d in {id(a.document): a.document for a in assignments}.values()}
    return [a for a in assignments if a.role == "report_to" or own[id(a.document)] is None
            or (r := rank(a.org.level)) is None or r >= own[id(a.document)]]


def _doc_level(d: Document) -> str | None:
    """The level of a document's issuer: from its symbol's issuer code, else its body's name."""
    if d.issuer_code and d.system == "party":
        level = vocab().issuer_level(d.issuer_code)
        if level:
            return level
    if d.issuing_body:
        return org_vocab().level(d.issuing_body)
    if d.key is None and d.descriptor and any((m.identity or "").startswith(("congress:local", "plenum:local"))
                                               for m in d.mentions):
        return org_vocab().level(d.descriptor)     # "… Đại hội đại biểu Đảng bộ tỉnh …": its organisation's level
    return None


def _issued_by(d: Document, level: str | None) -> IssuedBy | None:
    """ISSUED_BY: the document's issuing body as an organisation (``level``: its ``_doc_level``)."""
    if not d.issuing_body:
        return None
    return IssuedBy(organization=d.issuing_body, organization_key=_org_key(d.issuing_body), level=level)


@functools.lru_cache(maxsize=4096)
def _org_key(name: str) -> str:
    """``org_vocab().key(name)``, remembered: texts name the same few bodies again and again."""
    return org_vocab().key(name)


def _doc_record(d: Document, text: str, level: str | None, is_subject: bool = False) -> DocumentRecord:
    """``level``: the document's ``_doc_level``, computed once for it, its body and its assignments."""
    return DocumentRecord(
        key=d.key,
        subject=is_subject,
        system=d.system,
        kind=d.kind,
        number=d.number,
        type=d.type,
        issuer_code=d.issuer_code,
        date=d.date,
        issuing_body=d.issuing_body,
        term=d.term,
        scope=d.scope,
        descriptor=d.descriptor,
        level=level,
        issued_by=_issued_by(d, level),
        completed=d.completed,
        mentions=tuple([MentionRecord(m.start, m.end, text[m.start:m.end], m.form) for m in d.mentions]),
    )


def _damaged_words(mentions: list[Mention], warnings: list[Warn]) -> None:
    """Warn where a type word was recognised only by ignoring scrambled diacritics."""
    for m in mentions:
        surface = m.damaged
        if surface:
            warnings.append(Warn("scrambled_diacritics", f"{surface!r} read as {m.kind!r}: its diacritics are damaged",
                                 m.start, m.start + len(surface)))
