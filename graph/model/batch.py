"""From ``vankien extract`` records to the rows a store writes: nodes with corpus-wide ids
(vankien.graph.model.identity), facts with their support (vankien.graph.model.facts) and edges with their evidence.

A Batch collects many records (typed: vankien.loaders.record.Record); nodes mentioned by several of them become one row.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from vankien._version import __version__

from vankien.loaders.record import DocumentRecord, Record

from vankien.graph.model import facts as F
from vankien.graph.model.schema import DOCUMENT_RELATIONS
from vankien.graph.model.identity import (Place, document_identity, one_province, organization_identity, organization_key,
                                          province_of)

EXTRACTOR = f"vankien {__version__}"


@dataclass
class DocRow:
    id: str
    props: dict[str, Any]
    facts: F.Facts = field(default_factory=dict)
    sources: int = 0
    full_text: bool = False

    def absorb(self, other: DocRow) -> None:
        """Add what another row of the same document states (its facts, mentions, own text)."""
        F.merge(self.facts, other.facts)
        self.sources += other.sources
        self.full_text |= other.full_text

    def __reduce__(self):       # from worker processes: a third faster than a dataclass's default
        return DocRow, (self.id, self.props, self.facts, self.sources, self.full_text)


@dataclass
class OrgRow:
    id: str
    props: dict[str, Any]
    sources: int = 0

    def absorb(self, other: OrgRow) -> None:
        """Add another row of the same organisation (the name ``_better_name`` prefers stays, whatever
        the order the rows come in)."""
        self.sources += other.sources
        if _better_name(other.props.get("name"), self.props.get("name"), self.props.get("key") or ""):
            self.props["name"] = other.props["name"]

    def __reduce__(self):
        return OrgRow, (self.id, self.props, self.sources)

    def row(self) -> dict[str, Any]:
        """The Organization node's row."""
        return {"id": self.id, **self.props, "sources": self.sources}


@dataclass
class Batch:
    docs: dict[str, DocRow] = field(default_factory=dict)
    orgs: dict[str, OrgRow] = field(default_factory=dict)
    sources: list[dict[str, Any]] = field(default_factory=list)
    edges: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    warnings: Counter[str] = field(default_factory=Counter)     # warning codes of the texts, for the report
    inputs: list[dict[str, Any]] = field(default_factory=list)  # per text: its counts and warnings, for the report

    def __len__(self) -> int:
        return len(self.sources)

    @property
    def edge_count(self) -> int:
        return sum(len(rows) for t, rows in self.edges.items() if t != "APPEARS_IN")

    def merge(self, other: Batch) -> Batch:
        """Add another batch's rows (nodes met in both become one row)."""
        for row in other.docs.values():
            self.add_row(self.docs, row)
        for org in other.orgs.values():
            self.add_row(self.orgs, org)
        self.sources.extend(other.sources)
        for t, rows in other.edges.items():
            self.edges[t].extend(rows)
        self.warnings.update(other.warnings)
        self.inputs.extend(other.inputs)
        return self

    @staticmethod
    def add_row(rows: dict[str, Any], row: DocRow | OrgRow) -> None:
        """``row`` into ``rows``, absorbed by the row already there for the same node."""
        mine = rows.get(row.id)
        if mine is None:
            rows[row.id] = row
        else:
            mine.absorb(row)

    def add(self, record: Record | dict[str, Any]) -> None:
        """Add one extraction record (it must have a sha256: unreadable inputs are reported, not stored);
        a dict is read as a JSON Lines record (``Record.from_dict``)."""
        if not isinstance(record, Record):
            record = Record.from_dict(record)
        self.warnings.update(w.code for w in record.warnings)
        prov = record.provenance
        sha = prov.sha256
        scope = prov.scope
        docs = record.documents
        ids = [self._add_document(d, sha, i) for i, d in enumerate(docs)]
        subject = next((ids[i] for i, d in enumerate(docs) if d.subject), None)
        self.sources.append({
            "sha256": sha, "source": record.source, "url": prov.url, "reader": prov.reader,
            "encoding": prov.encoding, "title": prov.title, "published": prov.published,
            "scope": scope, "subject": subject,
            "warnings": sorted({w.code for w in record.warnings if w.code}),
            "extractor": EXTRACTOR, "ingested_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        })
        # where the bodies a text names belong when neither their name nor the naming document says:
        # the text's locality, else the one province of its local documents
        province = one_province((d.scope, d.level) for d in docs) if not scope else None
        around: list[Place] = [(scope, None)] + ([(province, "provincial")] if province else [])
        for i, d in enumerate(docs):
            self._appearance(d, ids[i], sha)
            by = d.issued_by
            if by and by.organization_key:
                org = self._add_org(by.organization, by.organization_key, by.level, [(d.scope, d.level), *around], sha)
                self._edge("ISSUED_BY", ids[i], org, sha, *_first_span(d), None, 1.0)
        for r in record.relations:
            if r.type in DOCUMENT_RELATIONS:
                ev = r.evidence
                self._edge(r.type, ids[r.source_index], ids[r.target_index], sha, ev.start, ev.end, ev.text, r.cue,
                           r.confidence)
        self.inputs.append({
            "sha256": sha, "documents": len(docs),
            "relations": sum(r.type in DOCUMENT_RELATIONS for r in record.relations),
            "assignments": sum(bool(a.organization_key) for a in record.assignments),
            "warnings": [{"code": w.code, "message": w.message} for w in record.warnings]})
        for a in record.assignments:
            if not a.organization_key:
                continue
            by_doc = docs[a.document_index] if 0 <= a.document_index < len(docs) else None
            places = [(by_doc.scope, by_doc.level)] if by_doc is not None else []
            org = self._add_org(a.organization, a.organization_key, a.level, [*places, *around], sha)
            ev = a.evidence
            row = self._edge("ASSIGNS_TO", ids[a.document_index], org, sha, ev.start, ev.end, ev.text, a.cue,
                             a.confidence)
            row.update(role=a.role, deadline=a.deadline)

    # --- rows ----------------------------------------------------------------
    def _add_document(self, d: DocumentRecord, sha: str, index: int) -> str:
        ident = document_identity(_identity_input(d), sha, index)
        row = self.docs.get(ident.id)
        if row is None:
            row = self.docs[ident.id] = DocRow(ident.id, {
                "key": d.key, "base": ident.base, "system": d.system, "number": d.number,
                "type": d.type, "issuer_code": d.issuer_code, "level": d.level,
                "locality": ident.locality, "province": province_of(ident.locality), "term": ident.term,
                "ambiguous": ident.ambiguous,
            })
        own = d.subject
        for prop in F.FACT_PROPERTIES:
            F.add_fact(row.facts, prop, getattr(d, prop), own)
        row.sources += 1
        row.full_text |= own
        return ident.id

    def _appearance(self, d: DocumentRecord, doc_id: str, sha: str) -> None:
        ms = d.mentions
        start, end, text = _first_span(d)
        self.edges["APPEARS_IN"].append({
            "src_id": doc_id, "dst_id": sha, "subject": d.subject, "mentions": len(ms),
            "forms": sorted({m.form for m in ms if m.form}),
            "span_start": start, "span_end": end, "text": text,
            **{p: _text(getattr(d, p)) for p in F.FACT_PROPERTIES}, "resolved_from": None,
        })

    def _add_org(self, name: str, key: str, level: str | None, places: list[Place], sha: str) -> str:
        """The organisation's node (vankien.graph.model.identity.organization_identity): ``places`` are
        the localities it may belong to, first the naming document's scope, then the text's."""
        ident = organization_identity(name, key, level, places, sha)
        row = self.orgs.get(ident.id)
        if row is None:
            row = self.orgs[ident.id] = OrgRow(ident.id, {
                "name": name, "key": ident.key, "kind": ident.kind, "level": level, "locality": ident.locality,
                "province": ident.province})
        elif _better_name(name, row.props["name"], ident.key):
            row.props["name"] = name
        row.sources += 1
        return ident.id

    def _edge(self, type_: str, src: str, dst: str, sha: str, start, end, text, cue, confidence) -> dict[str, Any]:
        row = {"src_id": src, "dst_id": dst, "source": sha, "span_start": start, "span_end": end, "evidence": text, "cue": cue,
               "confidence": confidence, "extractor": EXTRACTOR, "resolved_from": None}
        self.edges[type_].append(row)
        return row


def _better_name(new: str | None, old: str | None, key: str) -> bool:
    """Which of two names of one organisation its node shows: one not in capitals, then one that
    starts with the node's key (not another name of the body: "Tỉnh ủy Lạng Sơn", not "Ban Chấp
    hành Đảng bộ tỉnh Lạng Sơn"), then the longer (it names the place: "Ban Thường vụ Tỉnh ủy Cao
    Bằng"), then the smaller: the same name whatever the order the texts come in."""
    if not new:
        return False
    if not old:
        return True
    folded_key = organization_key(key)

    def rank(n: str) -> tuple:
        return n.isupper(), not organization_key(n).startswith(folded_key), -len(n), n
    return rank(new) < rank(old)


def _first_span(d: DocumentRecord) -> tuple[int | None, int | None, str | None]:
    """(start, end, text) of the first place the text cites ``d``; Nones when it cites it nowhere."""
    if not d.mentions:
        return None, None, None
    m = d.mentions[0]
    return m.start, m.end, m.text


def _identity_input(d: DocumentRecord) -> dict[str, Any]:
    """What vankien.graph.model.identity.document_identity reads of a document, in the dict form it
    takes (the whole ``to_dict()`` would cost about 1% of an ingest; tests/test_record.py checks that
    both give the same identity)."""
    return {"key": d.key, "system": d.system, "number": d.number, "date": d.date, "level": d.level, "term": d.term,
            "scope": d.scope, "descriptor": d.descriptor, "mentions": [{"form": m.form} for m in d.mentions]}


def _text(value: Any) -> str | None:
    return None if value is None else str(value)

