"""Resolve mentions into documents.

- Symbols are grouped by key; a type word that contradicts its code ("Kết luận số 62-CT/TW"
  beside "Kết luận số 62-KL/TW") joins the form the rest of the text supports, with a warning.
- A number-only reference ("Chỉ thị số 17", "Kết luận 43") is the document named in full
  elsewhere in the text with the same type and number when exactly one fits; otherwise it is
  completed from its type word and its issuing body; with several candidates it stays
  unresolved, with a warning (eyecite's short-form citations are the model).
- A demonstrative reference ("Quy định này", "Nghị quyết nêu trên") is a further surface of
  the one earlier document of that type; none or several -> warning.
- The same symbol with dates in different terms is two documents (numbering restarts each term).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from vankien.loaders.codes import party_key
from vankien.loaders.mentions import CARRIED, CONGRESS, Mention, headline_end
from vankien.loaders.fold import fold, one_of
from vankien.loaders.patterns import SENTENCE_END_RE, body_re, citation_words, state_named_kinds
from vankien.loaders.source import Warn
from vankien.loaders.vocab import load_data, vocab


@dataclass
class Document:
    key: str | None
    system: str
    kind: str | None = None
    number: str | None = None
    type: str | None = None
    issuer_code: str | None = None
    date: str | None = None
    issuing_body: str | None = None
    term: str | None = None
    scope: str | None = None
    descriptor: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    completed: bool = False        # key built from type word + issuing body
    # kept up to date by add(), so that resolution never rescans a document's mentions
    first_start: int | None = None
    first_date: str | None = None  # first complete date among the mentions
    has_header: bool = False
    forms: set = field(default_factory=set)
    requested: bool = False        # a document a request asks for, not one that exists

    def add(self, m: Mention) -> None:
        m.doc = self
        self.mentions.append(m)
        if self.first_start is None or m.start < self.first_start:
            self.first_start = m.start
        if self.first_date is None and m.date is not None and m.date.complete:
            self.first_date = m.date.value
        self.has_header = self.has_header or m.header
        self.forms.add(m.form)


def _span_warn(code: str, message: str, m: Mention) -> Warn:
    return Warn(code, message, m.start, m.end)


def resolve(text: str, mentions: list[Mention], warnings: list[Warn], default_scope=None) -> list[Document]:
    """Group mentions into documents. ``default_scope`` is a locality, or a function giving
    one, called only when some local document needs it."""
    docs: dict[str, list[Document]] = {}
    by_number: dict[str, list[Document]] = {}
    order: list[Document] = []

    def new_doc(key, **kw) -> Document:
        d = Document(key, **kw)
        docs.setdefault(key, []).append(d)
        if d.number is not None:
            by_number.setdefault(d.number, []).append(d)
        order.append(d)
        return d

    full = [m for m in mentions if m.form == "full"]
    _fix_type_conflicts(full, warnings)
    for m in full:
        c = m.code
        existing = docs.get(c.key)
        if existing is None:
            d = new_doc(c.key, system=c.system, number=c.number, type=c.type, issuer_code=c.issuer)
        else:
            d = _same_term(existing, m) or new_doc(c.key, system=c.system, number=c.number, type=c.type,
                                                   issuer_code=c.issuer)
        d.add(m)
    central = functools.cache(lambda: _central_text(text, mentions))
    for m in mentions:
        if m.form == "bare":
            _resolve_bare(m, by_number, new_doc, warnings, central)
    shorts = [m for m in mentions if m.form == "short" and not m.anaphor]
    if shorts:
        by_kind = _docs_by_kind(order)
        for m in shorts:
            _resolve_short(m, by_kind.get(m.kind, []), warnings)
    for m in mentions:
        if m.form == "issued":
            _resolve_issued(text, m, order, new_doc)
    named: dict[str, Document] = {}
    for m in mentions:
        if m.form == "named":
            k = m.identity
            d = named.get(k) or _carried_by(m, order) or _numbered_carrying(text, m, order)
            if d is None:
                d = named[k] = new_doc(None, system="state" if m.kind in state_named_kinds() else "party",
                                       kind=m.kind, descriptor=m.descriptor)
            d.add(m)
            if d.key is None and len(m.descriptor) > len(d.descriptor):
                d.descriptor = m.descriptor
    anaphors = [m for m in mentions if m.anaphor]
    if anaphors:
        # "Nghị quyết" alone: the one document of its kind named before, by number or by name
        by_kind = _docs_by_kind(order)
        for m in anaphors:
            if m.congress:
                # "Nghị quyết Đại hội": the one congress's resolution the text names, before or after
                named = [d for d in by_kind.get(m.kind, []) if d.key is None and _is_congress(d)]
                if len(named) == 1:
                    named[0].add(m)
                continue
            _resolve_short(m, by_kind.get(m.kind, []), warnings)
    _merge_aliases(text, mentions, order)
    scope_of = functools.cache(default_scope) if callable(default_scope) else (lambda: default_scope)
    for d in order:
        _fill(d, warnings, scope_of)
    return order


def _is_congress(d: Document) -> bool:
    """``d`` is a congress's resolution cited by name (descriptors.toml [congress])."""
    return any(x.form == "named" and x.identity and x.identity.startswith(CONGRESS) for x in d.mentions)


def _carried_by(m: Mention, order: list[Document]) -> Document | None:
    """The un-numbered document of the kind already named the same way, with or without its body,
    its name going on ("Chương trình hành động của Ban Thường vụ Tỉnh ủy thực hiện Nghị quyết số
    57" is the one issued as "Chương trình hành động thực hiện Nghị quyết số 57-NQ/TW, ngày …"),
    for a document named by what it carries out."""
    if not (m.identity or "").startswith(CARRIED):
        return None
    names = tuple(m.identity[len(CARRIED):].split("|"))
    return next((d for d in order if d.key is None and d.kind == m.kind and d.descriptor
                 and " ".join(fold(d.descriptor).split()).startswith(names)), None)


CARRYING_REACH = 160       # from a numbered document's symbol to the document it carries out


def _numbered_carrying(text: str, m: Mention, order: list[Document]) -> Document | None:
    """A headline's document named by what it carries out ("Huyện ủy … triển khai Kế hoạch thực hiện
    Chỉ thị số 39-CT/TW") is the numbered document of its kind that the text names, in one sentence,
    before the same cue and symbol ("… ban hành Kế hoạch số 120-KH/HU thực hiện Chỉ thị số 39-CT/TW
    ngày …"), when one only does; not a second plan."""
    if not (m.identity or "").startswith(CARRIED) or m.start >= headline_end(text):
        return None
    words = m.identity[len(CARRIED):].split("|")[-1].split()      # the name without its body, folded
    kind = fold(m.kind or "").split()
    if len(words) < len(kind) + 2 or words[:len(kind)] != kind or not any(c.isdigit() for c in words[-1]):
        return None
    cue, target = words[len(kind)], words[-1]          # "thuc", "39-ct/tw"
    found = []
    for d in order:
        if d.key is None or not any(x.form == "full" and x.kind == m.kind for x in d.mentions):
            continue
        for x in d.mentions:
            if x.form != "full" or x.start < m.end:
                continue
            after = text[x.end:x.end + CARRYING_REACH]
            stop = SENTENCE_END_RE.search(after)
            after = fold(after[:stop.start()] if stop else after).split()
            if target in after and cue in after[:after.index(target)]:
                found.append(d)
                break
    return found[0] if len(found) == 1 else None


def _merge_aliases(text: str, mentions: list[Mention], order: list[Document]) -> None:
    """A document named after "gọi tắt là" (citations.toml [alias]) is the document named just
    before it: an un-numbered one, with all its mentions, becomes that one."""
    alias_re, reach = _alias()
    placed = sorted((m for m in mentions if m.doc is not None), key=lambda m: m.start)
    for i, m in enumerate(placed):
        if i == 0 or m.doc.key is not None or not alias_re.search(text, max(0, m.start - ALIAS_BEFORE), m.start):
            continue
        prev = next((p for p in reversed(placed[:i]) if p.doc is not m.doc), None)
        if prev is None or m.start - prev.end > reach or SENTENCE_END_RE.search(text, prev.end, m.start):
            continue
        gone, into = m.doc, prev.doc
        for x in list(gone.mentions):
            into.add(x)
        into.mentions.sort(key=lambda x: x.start)
        if gone in order:
            order.remove(gone)


ALIAS_BEFORE = 30      # characters between an alias phrase and the name it introduces


@functools.cache
def _alias() -> tuple[re.Pattern, int]:
    a = load_data("citations.toml")["alias"]
    return re.compile(one_of(a["words"]) + r"[\s:\"“'(]{0,4}\Z"), int(a["reach"])


def _fix_type_conflicts(full: list[Mention], warnings: list[Warn]) -> None:
    """Re-key a symbol whose type code contradicts its type word when the text elsewhere cites
    the same number and issuer with a type code that fits the word."""
    v = vocab()
    fitting = {(m.code.number, m.code.issuer, m.code.type) for m in full if not m.type_conflict}
    for m in full:
        if not m.type_conflict:
            continue
        c = m.code
        options = [t for t in v.word_codes(m.kind) if (c.number, c.issuer, t) in fitting]
        if len(options) == 1:
            warnings.append(_span_warn(
                "type_conflict",
                f"'{m.kind}' with type code {c.type} in {c.text!r}; the text elsewhere writes "
                f"{party_key(c.number, options[0], c.issuer)}, which is used", m))
            c.type = options[0]
            c.key = party_key(c.number, c.type, c.issuer)
        else:
            warnings.append(_span_warn(
                "type_conflict", f"'{m.kind}' does not match type code {c.type} in {c.text!r}; kept as written", m))


def _same_term(existing: list[Document], m: Mention) -> Document | None:
    """The document among same-key ones that this mention belongs to: numbering restarts each
    term, so a date in another term means another document."""
    if m.date is None or not m.date.complete:
        return existing[0]
    v = vocab()
    term = v.term_on(dt.date.fromisoformat(m.date.value))
    for d in existing:
        if d.first_date is None or v.term_on(dt.date.fromisoformat(d.first_date)) == term:
            return d
    return None


def _docs_by_kind(order: list[Document]) -> dict[str, list[Document]]:
    """Documents under every type word that fits them (by their kind or their type code)."""
    words_for_code = vocab().words_for_code()
    out: dict[str, list[Document]] = {}
    for d in order:
        for word in ([d.kind] if d.kind else words_for_code.get(d.type, ())):
            out.setdefault(word, []).append(d)
    return out


def _central_text(text: str, mentions: list[Mention]) -> bool:
    """Every Party symbol and Party committee the text names is central (no provincial or district
    one), and it names at least one: the text is about the central level. Grassroots "Đảng ủy"
    does not count: central texts name them as recipients ("các đảng ủy trực thuộc Trung ương")."""
    v = vocab()
    levels = {v.issuer_level(m.code.issuer) for m in mentions
              if m.code is not None and m.code.system == "party" and m.code.issuer}
    for b in body_re().finditer(text):
        body = v.body_named(b.group("body"))
        if body is not None and body.system == "party" and body.code:
            levels.add(v.issuer_level(body.code))
    return "central" in levels and not levels & {"provincial", "district"}


def _default_issuer(m: Mention, type_code: str, central) -> str | None:
    """The issuer of a number-only Party reference with no issuing body: in a central text, the
    one central code that alone issues documents of its type (issuers.toml `sole_issuer_of`:
    a Chỉ thị or Kết luận of the central level is always /TW); None otherwise."""
    if m.system != "party" or m.body is not None:
        return None
    sole = [code for code, e in vocab().party_issuers.items()
            if e.get("level") == "central" and type_code in e.get("sole_issuer_of", ())]
    return sole[0] if len(sole) == 1 and central() else None


def _resolve_bare(m: Mention, by_number, new_doc, warnings: list[Warn], central=lambda: False) -> None:
    v = vocab()
    codes = v.word_codes(m.kind)
    issuer = m.body.code if m.body is not None and m.body.code else None
    cands = [d for d in by_number.get(m.number, ())
             if d.type in codes and (issuer is None or d.issuer_code in (issuer, None)) and d.key is not None]
    # prefer documents named with a full symbol
    full = [d for d in cands if "full" in d.forms]
    cands = full or cands
    if len(cands) == 1:
        cands[0].add(m)
        return
    if len(cands) > 1:
        warnings.append(_span_warn(
            "ambiguous_reference",
            f"number-only reference fits {len(cands)} documents ({', '.join(d.key for d in cands)}); left unresolved", m))
        return
    system = m.system
    if m.body is not None and m.body.system == "state":
        system = "state"
    type_code = codes[0]
    if system == "state":
        # a state document keeps the state shape: N/TYPE-ISSUER ("Nghị định số 15 của Chính phủ" -> 15/NĐ-CP)
        d = new_doc(f"{m.number}/{type_code}-{issuer}" if issuer else f"{m.number}/{type_code}", system=system,
                    number=m.number, type=type_code, issuer_code=issuer)
        d.completed = True
        d.add(m)
        warnings.append(_span_warn(
            "completed_reference", f"number-only reference of a state document completed as {d.key}", m))
        return
    issuer = issuer or _default_issuer(m, type_code, central)
    key = party_key(m.number, type_code, issuer)
    d = new_doc(key, system=system, number=m.number, type=type_code, issuer_code=issuer)
    d.completed = True
    d.add(m)
    if issuer is None:
        warnings.append(_span_warn(
            "issuer_unknown",
            f"number-only reference {m.kind} {citation_words('number')[0]} {m.number}: no full symbol in the text "
            f"and no issuer code derivable from its context; key {key} has no issuer part", m))
    else:
        warnings.append(_span_warn(
            "completed_reference", f"number-only reference completed as {key} from its type word and issuing body", m))


def _resolve_short(m: Mention, fitting: list[Document], warnings: list[Warn]) -> None:
    cands = [d for d in fitting if d.first_start is not None and d.first_start < m.start]
    own = [d for d in cands if d.has_header]
    if m.this and len(own) == 1:
        cands = own   # "Quy định này" in a text whose header is a Quy định: that one
    if len(cands) == 1:
        cands[0].add(m)
    elif m.anaphor:
        return      # "Nghị quyết" alone with no single one before it: a word, not a reference
    elif not cands:
        warnings.append(_span_warn("unresolved_reference", f"'{m.kind}' refers back to no earlier {m.kind} in the text", m))
    else:
        warnings.append(_span_warn(
            "ambiguous_reference",
            f"'{m.kind}' could refer to {len(cands)} documents ({', '.join(d.key or d.descriptor for d in cands)}); left unresolved", m))


ISSUED_REACH = 160         # how far the sentence describing a document issued is looked for
ISSUED_PHRASE_MAX = 120    # a longer sentence: its opening this long, at most


def _resolve_issued(text: str, m: Mention, order: list, new_doc) -> None:
    """A document issued and named by its type only: the one document of that type in the text
    that has no date of its own; otherwise an un-numbered document described by the phrase."""
    v = vocab()
    codes = v.word_codes(m.kind)
    # not one whose issuer is of another level than the body that issues here ("Hội nghị … Ban Chấp
    # hành Đảng bộ tỉnh đã ra Nghị quyết về …, nhằm cụ thể hóa Nghị quyết số 57-NQ/TW": another resolution)
    level = v.issuer_level(m.body.code) if m.body is not None and m.body.code else None
    cands = [d for d in order if d.key and d.type in codes and d.first_date is None
             and (level is None or not d.issuer_code or v.issuer_level(d.issuer_code) in (None, level))]
    if len(cands) == 1 and m.date is not None:
        cands[0].add(m)
        return
    same = [d for d in order if d.key is None and d.kind == m.kind and "issued" in d.forms]
    if same and not m.another:
        same[0].add(m)
        same[0].requested = same[0].requested and m.requested
        return
    end = SENTENCE_END_RE.search(text, m.start, min(len(text), m.start + ISSUED_REACH))
    stop = end.start() if end else min(len(text), m.start + ISSUED_PHRASE_MAX)
    if end is None and stop < len(text):
        space = text.rfind(" ", m.start, stop + 1)
        stop = space if space > m.start else stop      # a long sentence: its opening, cut between words
    phrase = _issued_phrase(text[m.start:stop])
    if m.kind:
        # "kế hoạch tổ chức ..." -> "Kế hoạch tổ chức ...", "plan to implement ..." -> "Kế hoạch to implement ..."
        phrase = m.kind + phrase[len(" ".join(text[m.start:m.end].split())):]
    d = new_doc(None, system=m.system, kind=m.kind, descriptor=phrase, requested=m.requested)
    d.add(m)


def _issued_phrase(written: str) -> str:
    """The words describing a document issued and named by its type: up to a colon, a bracket
    or a line break, and up to a comma that opens a new clause (a capital or a stop word)."""
    written = re.split(r"[:\n(]", written)[0]
    for comma in re.finditer(r",\s*", written):
        if not written[comma.end():comma.end() + 1].islower() or _phrase_stop_re().match(written, comma.end()):
            written = written[:comma.start()]
            break
    return " ".join(written.split())


@functools.cache
def _phrase_stop_re() -> re.Pattern:
    return re.compile(one_of(citation_words("issued", "phrase_stops")) + r"(?!\w)")


def _fill(d: Document, warnings: list[Warn], default_scope) -> None:
    v = vocab()
    ms = d.mentions
    written = [m.kind for m in ms if m.kind and m.form != "short"]
    if written and written.count(written[0]) == len(written):
        d.kind = written[0]     # one type word (most documents): it wins whether it fits the code or not
    elif written:
        kinds = Counter(written)
        # the type word that agrees with the code wins over one that contradicts it
        fit = [k for k, _ in kinds.most_common() if not d.type or d.type in v.word_codes(k)]
        d.kind = fit[0] if fit else kinds.most_common(1)[0][0]
    elif d.type:
        d.kind = v.kind_for(d.type, d.system)
    for m in ms:
        if m.date is None:
            continue
        if m.date.complete:
            if d.date is None or d.date.startswith("partial:"):
                d.date = m.date.value
            elif d.date != m.date.value:
                warnings.append(_span_warn(
                    "date_conflict", f"{d.key}: date {m.date.value} here, {d.date} elsewhere in the text; kept {d.date}", m))
        elif m.date.problem == "no_year":
            d.date = d.date or m.date.value
        else:
            warnings.append(Warn(
                f"{m.date.problem}_date", f"{d.key or d.descriptor}: its date is {m.date.problem}; not used",
                m.date.start, m.date.end))
    bodies = [m for m in ms if m.body is not None]
    if bodies:
        b = bodies[0]
        d.issuing_body = b.body.canonical + (f" {b.locality}" if b.locality else "")
        if b.locality and v.issuer_level(d.issuer_code or "") != "central":
            d.scope = b.locality
        if d.system == "party" and b.body.system == "state" and d.key is None:
            d.system = "state"
    elif d.issuer_code and d.system == "party":
        # a central organ's code names its body ("71-HD/BTGTW" -> Ban Tuyên giáo Trung ương)
        own = v.own_body(d.issuer_code)
        if own and v.issuer_level(d.issuer_code) == "central":
            d.issuing_body = own
    terms = [m.term for m in ms if m.term]
    if terms:
        d.term = terms[0]
    if d.scope is None and d.system == "party":
        level = v.issuer_level(d.issuer_code) if d.issuer_code else None
        if level in ("provincial", "district", "grassroots") or any(
                (m.identity or "").startswith("congress:local") for m in ms):    # or a local congress
            d.scope = default_scope()
