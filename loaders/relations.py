"""Typed relations between documents, each with the clause that states it.

Within each sentence, mentions of documents and relation cues (``cues.toml``) are read left
to right:

- a cue's **source** is the acting document, the document the clause is about
  (docs/extraction.md, "The acting document"): the text's own document for a cue that opens its
  title ("KẾ HOẠCH / thực hiện Nghị quyết số 29-NQ/TW"); the document whose description the cue
  is part of ("Kết luận số 43-KL/TW, ngày 07/01/2019 của Ban Bí thư về tiếp tục thực hiện ...");
  for a cue that opens a sentence ("Thực hiện Chỉ thị 05 ..., Ban Thường vụ Huyện ủy ban hành
  Chỉ thị số 08/CT-HU"), the document the sentence issues, else the text's own document; the
  text's own document when the clause's grammatical subject names it by its type word, or when
  the sentence belongs to its body; for cues such as "gắn với", the document the sentence's
  first cue started from;
- its **target** is the first document named right after it, and every document joined to
  that one by "và", "," or ";" ("thay thế Quy định số 07-QĐi/TW ... và Quy định số 102-QĐ/TW");
  a joined document that cannot be the inner cue's target (a central conclusion does not
  implement a provincial programme) goes to the enclosing cue;
- a relation that must run down the hierarchy (IMPLEMENTS, REVIEWS, FOLLOWS_UP_ON, GUIDES) is
  dropped when its source is issued at a higher level than its target, and a dated relation
  when its source is older than its target.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from vankien.loaders.cues import CueHit, WordRetype, cue_table
from vankien.loaders.fold import one_of
from vankien.loaders.layout import Layout, read_layout, says_at
from vankien.loaders.mentions import (CARRIED, REPORTED, Mention, attached_to, in_compound, is_issued, promulgated_in, promulgating,
                                      promulgation_kinds)
from vankien.loaders.organizations import issues, org_list, org_vocab
from vankien.loaders.patterns import SENTENCE_END_RE, citation_words, counted_before, type_word_re
from vankien.loaders.resolve import Document
from vankien.loaders.segments import Segment, is_headline
from vankien.loaders.vocab import load_data, vocab

MAX_DESCRIPTION = 300    # characters from a mention to a cue in its description
MAX_OBJECT_GAP = 60      # from a cue to its first target ("thực hiện nội dung của Kết luận ...")
MAX_LIST_GAP = 320       # between two targets joined by "và", "," or ";"
MAX_OPEN = 8             # cues of one sentence a joined target may go back to
BULLETS = "-+•*–"          # what may stand before the document a sentence opens with
# a cue of these types joined by "," or "và" to an IMPLEMENTS cue before their object keeps its type
# ("tiếp tục quán triệt, thực hiện …", "sơ kết, đánh giá việc thực hiện …" stays a review)
CARRIES_OVER = frozenset({"FOLLOWS_UP_ON", "REVIEWS"})
ISSUES_BEFORE = 20       # an issuing verb right before a document's name ("Tỉnh ủy có | Kế hoạch ...")
OPENING_PREFIX = 40      # text allowed before a cue that opens a sentence ("Kinhtedothi - ")

# when two cues give one pair of documents two types, the more specific one is kept
# a relation of these types is stated apart from the others of its pair ("Căn cứ Quy định số 181 …" and
# a title "Hướng dẫn thực hiện … Quy định số 181": both hold)
SEPARATE = frozenset({"BASED_ON"})
SPECIFICITY = ("SUPERSEDES", "AMENDS", "GUIDES", "REVIEWS", "FOLLOWS_UP_ON", "IMPLEMENTS", "BASED_ON", "RELATES_TO")


@dataclass
class Relation:
    source: Document
    type: str
    target: Document
    start: int               # evidence span
    end: int
    confidence: float
    cue: str
    promulgates: bool = False   # the source issues the target with it (cues.toml [[promulgation]])


@dataclass
class _Open:
    """A cue met in the current sentence, with its source and the targets bound so far."""
    cue: CueHit
    source: Document | None
    source_start: int | None
    factor: float = 1.0
    targets: list = field(default_factory=list)
    also: list = field(default_factory=list)     # documents named with the source, described with it


def find_relations(text: str, docs: list[Document], cues: list[CueHit], segs: list[Segment],
                   subject: Document | None, layout: Layout | None = None) -> list[Relation]:
    if layout is None:
        layout = read_layout(text)
    # the subject is the text itself (its header or its heading), not a document an article reports on
    own = subject is not None and (subject.has_header or any(m.form == "title" for m in subject.mentions)
                                   or layout.operative is not None)
    mentions = _mentions(docs)
    cues = _outside(cues, mentions)
    m_starts = [m.start for m in mentions]
    c_starts = [c.start for c in cues]
    out: list[Relation] = []
    for seg in segs:
        c = bisect.bisect_left(c_starts, seg.start)
        if c == len(c_starts) or c_starts[c] >= seg.end:
            continue        # no cue in the sentence (most of them): nothing to read
        cs = cues[c:bisect.bisect_left(c_starts, seg.end, c)]
        first = bisect.bisect_left(m_starts, seg.start)
        ms = mentions[first:bisect.bisect_left(m_starts, seg.end, first)]
        if cs and (ms or subject is not None):
            before = mentions[max(0, first - PREVIOUS_MENTIONS):first]
            _Sentence(text, seg, ms, cs, subject, out, layout, own, before, headline=seg is segs[0] and is_headline(text, seg)).read()
    cited = [r for r in out if r.type == "RELATES_TO" and _cited_as_attached(text, r.target)]
    for r in cited:
        r.promulgates = True        # "… về việc ban hành | Chương trình hành động …"
    promulgated = _promulgated(text, mentions, subject, layout)
    out += promulgated
    out += _carried_out_through(promulgated + cited, out)
    return _dedupe(out, layout.title)


PROMULGATION_CONFIDENCE = 0.8
PROMULGATION_OPENING = 30     # "ban hành" opening the title, a few characters in


def _promulgated(text: str, mentions: list[Mention], subject: Document | None, layout: Layout) -> list[Relation]:
    """A decision RELATES_TO the document it promulgates: one named after "ban hành" in the decision's
    clause ("Quyết định số 934-QĐ/TU … ban hành Quy trình …"), or in the title of the text's own
    decision ("QUYẾT ĐỊNH / ban hành Quy chế làm việc …"); cues.toml [promulgation]."""
    out = []
    titled = subject is not None and subject.kind in promulgation_kinds()
    for i, m in enumerate(mentions):
        if m.doc is None:
            continue
        before = mentions[i - 1] if i else None
        if (inline := promulgated_in(text, m, before)) is not None and before.doc is not None \
                and before.doc is not m.doc:
            # "Căn cứ Quy chế làm việc mẫu … ban hành kèm theo Quyết định số 1374-QĐ/TW": the decision
            # promulgates the document named before it
            out.append(Relation(m.doc, "RELATES_TO", before.doc, before.start, m.end, PROMULGATION_CONFIDENCE, inline, True))
            continue
        verb = promulgating(text, m.start, before, m.kind)
        if verb is not None and before.doc is not None and before.doc is not m.doc:
            source, start = before.doc, before.start
        elif (attached := attached_to(text, m, mentions)) is not None and attached[0].doc is not None:
            # "CHƯƠNG TRÌNH HÀNH ĐỘNG … / (Kèm theo Nghị quyết số 88/NQ-CP …)": the resolution promulgates
            # the programme whose heading stands above
            head, verb = attached
            out.append(Relation(m.doc, "RELATES_TO", head.doc, m.start, m.end, PROMULGATION_CONFIDENCE, verb, True))
            continue
        elif titled and layout.title is not None and m.doc is not subject \
                and layout.title_opening(m.start, PROMULGATION_OPENING) \
                and (verb := promulgating(text, m.start, Mention(layout.title[0], layout.title[0], "title", subject.kind), m.kind)):
            source, start = subject, layout.title[0]
        else:
            continue
        out.append(Relation(source, "RELATES_TO", m.doc, start, m.end, PROMULGATION_CONFIDENCE, verb, True))
    return out


def _cited_as_attached(text: str, doc: Document) -> bool:
    """``doc`` is named after a cue that cites what a document promulgates ("về việc ban hành |
    Chương trình hành động …", cues.toml [[relation]] RELATES_TO marked `cites`)."""
    table = cue_table()
    for m in doc.mentions:
        entry = table.cue_before(text, m.start)
        if entry is not None and entry.cites and entry.type == "RELATES_TO":
            return True
    return False


def _carried_out_through(promulgated: list[Relation], rels: list[Relation]) -> list[Relation]:
    """A decision or resolution that promulgates a plan carries out what the plan carries out
    ("Quyết định ban hành Kế hoạch thực hiện Nghị quyết số 06-NQ/TU": the decision IMPLEMENTS the
    resolution too, the plan being its instrument), with the plan's evidence."""
    out = []
    for p in promulgated:
        for r in rels:
            if r.source is p.target and r.type == "IMPLEMENTS" and r.target is not p.source:
                out.append(Relation(p.source, r.type, r.target, r.start, r.end,
                                    min(r.confidence, PROMULGATION_CONFIDENCE), r.cue))
    return out


def _mentions(docs: list[Document]) -> list[Mention]:
    ms = sorted((m for d in docs for m in d.mentions), key=lambda m: (m.start, -m.end))
    out: list[Mention] = []
    for m in ms:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def _outside(cues: list[CueHit], mentions: list[Mention]) -> list[CueHit]:
    """Cues that are not part of a document's name ("Nghị quyết ... về tiếp tục đổi mới ...")."""
    starts = [m.start for m in mentions]
    out = []
    for c in cues:
        i = bisect.bisect_right(starts, c.start) - 1
        if i >= 0 and mentions[i].end > c.start:
            continue
        out.append(c)
    return out


class _Sentence:
    def __init__(self, text, seg, mentions, cues, subject, out, layout, own, before=(), headline=False):
        self.text, self.seg, self.mentions, self.cues = text, seg, mentions, cues
        self.subject, self.out, self.layout, self.own = subject, out, layout, own
        self.headline = headline        # the sentence is the text's headline
        self.before: list[Mention] = list(before)     # the mentions of the text right before the sentence
        self.table = cue_table()
        self.open: list[_Open] = []
        self.actor: _Open | None = None

    def read(self) -> None:
        tokens = sorted([(m.start, 1, m) for m in self.mentions] + [(c.start, 0, c) for c in self.cues],
                        key=lambda t: (t[0], t[1]))
        prev: Mention | None = None        # the last mention read
        pending: _Open | None = None       # a cue waiting for its first target
        last: _Open | None = None          # the cue the previous mention was a target of
        for _, is_mention, tok in tokens:
            if not is_mention:
                pending = self._cue(tok, prev, pending) or pending
                continue
            m = tok
            if pending is not None and pending.source_start is not None and m.start == pending.source_start \
                    and m.start >= pending.cue.end:
                prev = m
                continue    # the acting document named after its cue ("Để triển khai, … ban hành Kế hoạch số …")
            if pending is not None and (m.start - pending.cue.end <= MAX_OBJECT_GAP or self._object_of(pending, m)):
                self._bind(pending, m, 1.0)
                last, pending = pending, None
            elif last is not None and prev is not None and self._joined(prev, m) and not self._acts(m):
                last = self._bind_joined(last, m)
                pending = None
            elif last is not None and last.targets and m.doc is last.targets[-1].doc:
                pass        # the target named again ("… (gọi tắt là Nghị quyết Trung ương 4); …"): the list goes on
            else:
                last = pending = None
            prev = m
        if pending is not None and pending.source is not None and not pending.targets:
            self._bind_earlier(pending)

    def _bind_earlier(self, o: _Open) -> None:
        """A cue of purpose that ends its clause with no object ("… ban hành Chương trình hành động
        số 15-CTr/TU để thực hiện."): its object is the one other document the sentence named before
        the acting one ("Sau khi Nghị quyết số 57-NQ/TW được ban hành, …")."""
        before = o.source_start if o.source_start is not None else o.cue.start
        rest = self.text[o.cue.end:self.seg.end]
        if not rest.strip(" \t\n.,;") and _purpose_before_re().search(
                self.text, max(self.seg.start, o.cue.start - PURPOSE_BEFORE), o.cue.start):
            earlier = [m for m in self.mentions if m.end <= before and m.doc is not None and m.doc is not o.source]
        elif o.cue.start - self.seg.start <= OPENING_PREFIX and rest.lstrip(" \t").startswith(","):
            # "Để triển khai thực hiện, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 30-KH/TU.": the
            # document the sentence before spoke of, when it spoke of one only
            ends = list(SENTENCE_END_RE.finditer(self.text, max(0, self.seg.start - PREVIOUS_CHARS),
                                                 max(0, self.seg.start - 2)))
            lo = ends[-1].end() if ends else max(0, self.seg.start - PREVIOUS_CHARS)
            earlier = [m for m in self.before if m.start >= lo]
            if any(m.doc is None or m.doc is o.source for m in earlier):
                return
        else:
            return
        if earlier and all(m.doc is earlier[0].doc for m in earlier):
            self._bind(o, earlier[-1], OBJECT_BEFORE_FACTOR)

    def _object_of(self, pending: _Open, m: Mention) -> bool:
        """``m`` ends a phrase that names what it says, the object of the cue ("thực hiện các
        nhiệm vụ, giải pháp được nêu tại | Kết luận số 45-KL/TW"; cues.toml [object_of])."""
        rx, reach = self.table.object_of
        gap = self.text[pending.cue.end:m.start]
        return len(gap) <= reach and ";" not in gap and ":" not in gap and rx.search(gap) is not None

    # --- cues ------------------------------------------------------------------
    def _cue(self, cue: CueHit, prev: Mention | None, pending: _Open | None) -> _Open | None:
        e = cue.entry
        if e.after and not any(o.cue.type == e.after for o in self.open) and not self._report_reviews(prev, cue):
            return None
        if e.direction == "before":
            if prev is not None and cue.start - prev.end <= MAX_DESCRIPTION and self.subject is not None:
                self._emit(self.subject, e.type, prev.doc, cue.start, cue.end, e.confidence * 0.9, cue,
                           target_span=(prev.start, prev.end))
            return None
        if pending is not None and pending.source is not None and not pending.targets:
            if pending.cue.type in CARRIES_OVER and e.type == "IMPLEMENTS" \
                    and self.table.joined_re.search(self.text, pending.cue.end, cue.start):
                # "tiếp tục quán triệt, thực hiện Nghị quyết …": "tiếp tục" governs both verbs
                return pending
            # "thực hiện phổ biến, quán triệt và triển khai thực hiện ...": one actor, several verbs
            o = _Open(cue, pending.source, pending.source_start, pending.factor)
        elif e.source == "subject":
            o = _Open(cue, self.subject, None, 0.9)
        elif e.source == "actor" and self.actor is not None:
            o = _Open(cue, self.actor.source, self.actor.source_start, 0.9)
        else:
            o = self._described(cue, prev)
        if o.source is None:
            return None
        self.open.append(o)
        if len(self.open) > MAX_OPEN:
            del self.open[0]
        if self.actor is None:
            self.actor = o
        return o

    def _described(self, cue: CueHit, prev: Mention | None) -> _Open:
        """The acting document of a cue: the document the clause is about (docs/extraction.md)."""
        own = self.own
        if prev is not None:
            coordinated = self._coordinated(prev, cue)
            if coordinated is not None:
                return coordinated
        if prev is not None and prev.doc is not None and prev.doc.key is None and prev.doc.kind in vocab().named_words:
            # the Party's statutes, a platform, a constitution act on nothing: a cue after one is its
            # clause's ("Quy định số 232-QĐ/TW về thi hành Điều lệ Đảng | thay thế Quy định số 24-QĐ/TW")
            return self._head_of(prev, cue)
        titled = own and self.layout.title_opening(cue.start, OPENING_PREFIX)
        if prev is not None and prev.doc is not None and self._describes(prev, cue) and (
                not titled or self.layout.in_title(prev.start)):
            return _Open(cue, prev.doc, prev.start, also=[] if self._acts(prev) else self._joined_before(prev))
        if titled:
            return _Open(cue, self.subject, None, 0.95)       # the title of the text's own document
        if prev is None and cue.start - self.seg.start <= OPENING_PREFIX:
            issued = self._issued_after(cue)
            if issued is not None:
                return _Open(cue, issued.doc, issued.start, 0.95)
            if self.subject is not None and (cue.entry.opening == "subject" or
                                             self.table.issuing_re.search(self.text, cue.end, min(self.seg.end, cue.end + MAX_DESCRIPTION))
                                             or self._subject_speaks_after(cue)):
                return _Open(cue, self.subject, None, 0.85)
            if self.headline and self.subject is not None \
                    and not any(m.doc is self.subject for m in self.mentions):
                # a news headline that opens with a cue ("Triển khai thực hiện Kế hoạch số 89-KH/TU của
                # Tỉnh ủy …"): what the text's own document does (not one the headline names: what it
                # says is carried out does not act)
                return _Open(cue, self.subject, None, 0.75)
        if prev is None and self.subject is not None and _pronoun_opening_re().fullmatch(self.text, self.seg.start, cue.start):
            return _Open(cue, self.subject, None, 0.8)        # "It also guides the implementation of …": the text's own
        if prev is None and self._named_by_kind(cue):
            return _Open(cue, self.subject, None, 0.85)       # "Chỉ thị của Ban Thường vụ được ban hành trên cơ sở ..."
        if prev is None and own and (cue.type in self.table.body_types or self._asked(cue)) and self.layout.in_body(cue.start):
            return _Open(cue, self.subject, None, 0.8)        # a sentence of the text's own body
        if prev is None and self.subject is not None and cue.type in self.table.body_types \
                and _necessity_re().match(self.text, self.seg.start, cue.end):
            return _Open(cue, self.subject, None, 0.7)        # "It is necessary to … implement …": the text's own
        if prev is None and self._points_back(cue):
            # "Ngày 5/3, … ban hành Kế hoạch số 94-KH/TU … | Theo đó, các cấp ủy … triển khai thực
            # hiện Nghị quyết số 25-NQ/TW": the document just issued speaks
            issued = next((m for m in reversed(self.before) if m.doc is not None and is_issued(self.text, m)), None)
            return _Open(cue, issued.doc if issued is not None else self.subject,
                         issued.start if issued is not None else None, 0.8)
        if prev is None and self._issuer_asks(cue):
            # "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy triển khai thực hiện Kết luận số 21-KL/TW":
            # what the issuer asks is its document's
            return _Open(cue, self.subject, None, 0.8)
        if prev is not None and prev.this and prev.doc is self.subject and self._same_clause(prev, cue):
            # "Quy định này có hiệu lực từ ngày ký, thay thế Quy định số …": the clause's subject
            return _Open(cue, self.subject, prev.start, 0.9)
        if prev is not None and prev.doc is not None and self._framed(prev, cue):
            # "Tại Công văn số 215-CV/TU, Ban Thường vụ Tỉnh ủy yêu cầu … thực hiện Kế hoạch số …"
            return _Open(cue, prev.doc, prev.start, 0.85)
        if prev is not None and prev.doc is not None and self._apposed(prev, cue):
            # "Ban Bí thư ban hành Chỉ thị số 47-CT/TW về …, thay thế Chỉ thị số 10-CT/TW …"
            return _Open(cue, prev.doc, prev.start, 0.85)
        return _Open(cue, None, None)

    def _apposed(self, prev: Mention, cue: CueHit) -> bool:
        """The cue opens the clause right after the comma that ends the description of a document
        the sentence issues, or of the one it opens with: that document acts (a participle of it,
        "Quy định số 22-QĐ/TW, thay thế Quy định số 30-QĐ/TW, nêu rõ …"; not a new verb of the
        body that issues it: "…, đồng thời chỉ đạo thực hiện …" has words between)."""
        if not self._same_clause(prev, cue):
            return False
        comma = self.text.rfind(",", prev.end, cue.start)
        if comma < 0:
            return False
        # nothing but a word of purpose between ("…, nhằm cụ thể hóa Nghị quyết số 57-NQ/TW")
        between = self.text[comma + 1:cue.start]
        purpose = _purpose_before_re().search(self.text, comma + 1, cue.start)
        if between.strip() and not (purpose is not None and not self.text[comma + 1:purpose.start()].strip()):
            return False
        return is_issued(self.text, prev) or not self.text[self.seg.start:prev.start].strip(" \t\n" + BULLETS)

    def _subject_speaks_after(self, cue: CueHit) -> bool:
        """After the opening cue's clause, the sentence goes on with the text's own document named by
        its type word alone and a verb of saying ("Thực hiện Chỉ thị số 35-CT/TW …, Công điện yêu cầu
        …"), or with the body's act that makes the text's un-numbered document ("…, Thường trực Tỉnh ủy
        yêu cầu …", layout.toml [news.acts]): that document acts."""
        comma = self.text.find(",", cue.end, min(self.seg.end, cue.end + MAX_DESCRIPTION))
        if comma < 0:
            return False
        if self.subject.key is None and any(comma < m.start < self.seg.end and m.form == "title" and m.doc is self.subject
                                            for m in self.mentions):
            return True     # "Để triển khai Kế hoạch số 88-KH/TU …, Thường trực Tỉnh ủy yêu cầu …": the act that makes it
        pos = comma + 1
        while pos < self.seg.end and self.text[pos] in " \t":
            pos += 1
        w = type_word_re().match(self.text, pos, self.seg.end)
        if w is None or w.group("num") or w.group("so") or vocab().canonical_word(w.group("word")) != self.subject.kind:
            return False
        return says_at(self.text, w.end("word"))

    def _head_of(self, prev: Mention, cue: CueHit) -> _Open:
        """The acting document of a cue after ``prev``, a document that acts on nothing: that of the
        earlier cue of the clause whose object ``prev`` is, when nothing but blanks stand between;
        else none."""
        if not self.text[prev.end:cue.start].strip():
            for o in reversed(self.open):
                if o.source is not None and o.targets and o.targets[-1] is prev:
                    return _Open(cue, o.source, o.source_start, o.factor)
        return _Open(cue, None, None)

    def _issuer_asks(self, cue: CueHit) -> bool:
        """The sentence opens (after an item mark or a connective) with the body that issues the
        text's own document and one of its verbs of asking (organizations.toml ``issuer_asks``),
        before the cue."""
        if self.subject is None or not self.subject.issuing_body:
            return False
        v = org_vocab()
        item = v.item_re.match(self.text, self.seg.start, cue.start)
        opener = v.opener_re.match(self.text, item.end(), cue.start)
        pos = opener.end() if opener else item.end()
        while pos < cue.start and self.text[pos] in " \t\n":
            pos += 1
        orgs, verb = org_list(self.text, pos, cue.start, v)
        return len(orgs) == 1 and 0 <= verb < cue.start and v.issuer_asks_re.match(self.text, verb) is not None \
            and issues(orgs[0], self.subject.issuing_body)

    def _points_back(self, cue: CueHit) -> bool:
        """The sentence opens with a word of cues.toml [framing] `pointing` and a comma."""
        m = _pointing_re().match(self.text, self.seg.start, cue.start)
        return m is not None

    def _framed(self, prev: Mention, cue: CueHit) -> bool:
        """The sentence opens with a word of `[framing]` and ``prev``, the only document before the
        cue, then a comma: it speaks through that document."""
        if not self.table.frames(self.text, self.seg.start, prev.start) \
                or any(self.seg.start <= m.start < prev.start for m in self.mentions):
            return False
        gap = self.text[prev.end:cue.start]
        return "," in gap and ";" not in gap and ":" not in gap

    def _same_clause(self, prev: Mention, cue: CueHit) -> bool:
        gap = self.text[prev.end:cue.start]
        return len(gap) <= MAX_DESCRIPTION and ";" not in gap and ":" not in gap

    def _coordinated(self, prev: Mention, cue: CueHit) -> _Open | None:
        """A cue joined to the target of an earlier one by "và" or "," ("… thay thế Quy định số 22-QĐ/TW
        … và bãi bỏ Hướng dẫn số 02-HD/TW"): a second verb of the same acting document."""
        o = next((o for o in reversed(self.open) if o.targets and o.targets[-1] is prev), None)
        if o is None or o.source is None or not self._same_clause(prev, cue):
            return None
        if not self.table.joined_re.search(self.text, prev.end, cue.start):
            return None
        return _Open(cue, o.source, o.source_start, o.factor)

    def _named_by_kind(self, cue: CueHit) -> bool:
        """The clause's grammatical subject is the text's own document named by its type word
        alone ("Kế hoạch được xây dựng nhằm cụ thể hóa ..."): a type word of the subject's kind,
        with no number, before the cue in the same clause (after the last ";" or ":")."""
        if self.subject is None or not self.subject.kind:
            return False
        lo = max(self.seg.start, cue.start - MAX_DESCRIPTION)
        lo = max(lo, self.text.rfind(";", lo, cue.start) + 1, self.text.rfind(":", lo, cue.start) + 1)
        m = type_word_re().search(self.text, lo, cue.start)
        return (bool(m) and not (m.group("num") or m.group("so")) and not counted_before(self.text, m.start())
                and vocab().canonical_word(m.group("word")) == self.subject.kind)



    def _describes(self, prev: Mention, cue: CueHit) -> bool:
        if cue.start - prev.end > MAX_DESCRIPTION:
            return False
        gap = self.text[prev.end:cue.start]
        if ";" in gap:
            return False
        goes_on = self.table.goes_on_re
        # (a comma inside a word written with one, "lãnh đạo, chỉ đạo", ends nothing)
        commas = [i for i, ch in enumerate(gap) if ch == "," and not goes_on.match(gap, i)
                  and not in_compound(self.text, prev.end + i)]
        return not commas or _in_org_lists(self.text, prev.end, cue.start, [prev.end + i for i in commas],
                                           self.table.addresses_re)

    def _joined_before(self, m: Mention) -> list[Document]:
        """The documents named before ``m`` and joined to it by "và" or "," ("Chỉ thị số 15-CT/TW
        … và Kế hoạch số 08-KH/TW … của Bộ Chính trị về việc thực hiện …"): described with it."""
        out: list[Document] = []
        i = self.mentions.index(m)
        while i > 0:
            before = self.mentions[i - 1]
            if before.doc is None or before.doc is m.doc or not self._joined(before, self.mentions[i]) \
                    or ";" in self.text[before.end:self.mentions[i].start]:
                break
            out.append(before.doc)
            i -= 1
        return out

    def _issued_after(self, cue: CueHit) -> Mention | None:
        """The document the sentence issues after a cue that opens it ("Căn cứ …, Ban Thường vụ
        ban hành Kế hoạch …"); not one issued in the description of the cue's object ("căn cứ
        Quyết định số 934-QĐ/TU, ngày … của Ban Thường vụ ban hành Quy trình …")."""
        before = None
        for m in self.mentions:
            if m.start <= cue.end or m.doc is None:
                continue
            if is_issued(self.text, m) or self.table.issues_re.search(self.text, max(cue.end, m.start - ISSUES_BEFORE), m.start):
                if before is not None and self._describes(before, CueHit(m.start, m.end, cue.entry)):
                    return None
                return m
            before = before or m
        return None

    # --- targets ---------------------------------------------------------------
    def _report_reviews(self, prev: Mention | None, cue: CueHit) -> bool:
        """A cue that follows another's review ("{n} năm thực hiện", `after`) right after a report named
        by it ("Báo cáo | 10 năm thực hiện Cương lĩnh …"): the report is the review."""
        return prev is not None and prev.end == cue.start and (prev.identity or "").startswith(REPORTED) \
            and cue.type == cue.entry.after

    def _acts(self, m: Mention) -> bool:
        """``m`` is a document named by what it carries out or reviews, its cue right after it ("…,
        Báo cáo sơ kết | 5 năm thực hiện Chỉ thị …"): a list's next item that acts, no target joined
        to the one before."""
        if m.form != "named" or not (m.identity or "").startswith((REPORTED, CARRIED)):
            return False
        return any(c.start == m.end for c in self.cues)

    def _joined(self, prev: Mention, m: Mention) -> bool:
        return m.start - prev.end <= MAX_LIST_GAP and bool(self.table.joined_re.search(self.text[prev.end:m.start]))

    def _bind_joined(self, last: _Open, m: Mention) -> _Open | None:
        """A target joined to the previous one belongs to the innermost open cue it fits."""
        if last not in self.open:
            return None
        i = self.open.index(last)
        for o in reversed(self.open[:i + 1]):
            src, tgt = (m.doc, o.source) if o.cue.entry.direction == "reverse" else (o.source, m.doc)
            if o.targets and self._valid(src, self._type(o, src, tgt, m), tgt):
                self._bind(o, m, 0.9)
                return o
        return None

    def _bind(self, o: _Open, m: Mention, factor: float) -> None:
        o.targets.append(m)
        e = o.cue.entry
        start = min(x for x in (o.source_start, o.cue.start, m.start) if x is not None)
        for source in [o.source, *o.also]:
            src, tgt = (m.doc, source) if e.direction == "reverse" else (source, m.doc)
            self._emit(src, self._type(o, src, tgt, m), tgt, start, max(m.end, o.cue.end), e.confidence * o.factor * factor, o.cue)

    def _type(self, o: _Open, source: Document | None = None, target: Document | None = None,
              named: Mention | None = None) -> str:
        src = source if source is not None else o.source
        type_ = o.cue.type
        partial = self.table.partial
        if partial is not None and named is not None and type_ in partial.types \
                and partial.words_re.search(self.text, o.cue.end, named.start) is not None:
            # "Bãi bỏ Mục 3 Hướng dẫn số 07-HD/VPTU": a part repealed or replaced amends the document
            type_ = partial.to
        retyped = self.table.retype.get((getattr(src, "kind", None), type_))
        if retyped is not None and getattr(target, "kind", None) not in retyped[1]:
            type_ = retyped[0]
        if type_ in self.table.requested.types and self._asked(o.cue):
            return self.table.requested.to    # "tham mưu sửa đổi Quyết định …": to be amended, not amended
        inspected = self.table.inspected
        if inspected is not None and self._retyped(inspected, o.cue, type_, o.source_start):
            # "kiểm tra việc thực hiện Nghị quyết …": inspects it, carries out nothing (an inspection
            # before the source is of the source: "kiểm tra việc thực hiện Chương trình số 10-CTr/TU …
            # về việc thực hiện Chỉ thị số 41-CT/TW" — the programme still carries out the directive)
            return inspected.to
        return type_

    def _asked(self, cue: CueHit) -> bool:
        """The cue's act is asked for, not done (cues.toml [requested])."""
        return self._retyped(self.table.requested, cue, cue.type)

    def _retyped(self, rule: WordRetype, cue: CueHit, type_: str, after: int | None = None) -> bool:
        """``rule`` retypes the cue (of ``type_``): one of its words stands before it in its sentence,
        within its reach (and after ``after``, when given); a word of a type word is no such word
        ("trình" of "Chương trình này thay thế …")."""
        if type_ not in rule.types:
            return False
        lo = max(self.seg.start, cue.start - rule.reach, after or 0)
        return any(not _in_type_word(self.text, m.start(), lo) for m in rule.words_re.finditer(self.text, lo, cue.start))

    def _valid(self, src: Document | None, type_: str, tgt: Document | None) -> bool:
        if src is None or tgt is None or src is tgt:
            return False
        if src.key is not None and src.key == tgt.key:
            return False
        t = self.table
        if type_ in t.downward:
            a, b = t.level_rank(_level(src)), t.level_rank(_level(tgt))
            if a is not None and b is not None and a < b:
                return False
        if type_ in t.dated and _iso(src.date) and _iso(tgt.date) and src.date < tgt.date:
            return False
        return True

    def _emit(self, src, type_, tgt, start, end, confidence, cue, target_span=None) -> None:
        if not self._valid(src, type_, tgt):
            return
        if target_span is not None:
            start, end = min(start, target_span[0]), max(end, target_span[1])
        self.out.append(Relation(src, type_, tgt, start, end, round(min(1.0, confidence), 2),
                                 " ".join(self.text[cue.start:cue.end].split())))


OBJECT_BEFORE_FACTOR = 0.8
PURPOSE_BEFORE = 8          # "để " / "nhằm " right before a cue
PREVIOUS_MENTIONS = 8       # mentions before a sentence that may hold the object a cue leaves out
PREVIOUS_CHARS = 600        # how far back the sentence before is looked for


TYPE_WORD_CHARS = 24     # the longest type word ("Chương trình hành động") before a word inside it


def _in_type_word(text: str, pos: int, lo: int) -> bool:
    """``pos`` lies inside a type word ("trình" of "Chương trình")."""
    return any(w.start() < pos < w.end("word")
               for w in type_word_re().finditer(text, max(lo, pos - TYPE_WORD_CHARS), pos + TYPE_WORD_CHARS)
               if w.start() < pos)


@functools.cache
def _purpose_before_re() -> re.Pattern:
    """A word of purpose right before a cue ("để | thực hiện"; organizations.toml purpose_openers)."""
    return re.compile(rf"(?<!\w)(?:{one_of(load_data('organizations.toml')['purpose_openers'])})[ \t]{{1,3}}\Z")


def _level(d: Document) -> str | None:
    if d.system != "party" or not d.issuer_code:
        return None
    return vocab().issuer_level(d.issuer_code)


def _iso(date: str | None) -> bool:
    return bool(date) and len(date) == 10 and date[4] == "-"


def _dedupe(rels: list[Relation], title: tuple[int, int] | None = None) -> list[Relation]:
    """One relation per pair of documents: the one the text's title states ("KẾT LUẬN / về tiếp tục
    thực hiện Nghị quyết số 26-NQ/TU" over a body's "sơ kết 3 năm thực hiện Nghị quyết …"), then the
    most specific type, then the most confident (a title's "thực hiện" says more of the pair than the
    "Căn cứ" of the same document)."""
    def rank(r: Relation) -> tuple:
        named = any(r.start <= m.start < r.end for m in r.source.mentions)
        return (title is not None and title[0] <= r.start < title[1], named, -SPECIFICITY.index(r.type), r.confidence)
    best: dict[tuple[int, int, bool], Relation] = {}
    for r in rels:
        k = (id(r.source), id(r.target), r.type in SEPARATE)
        b = best.get(k)
        if b is None or rank(r) > rank(b):
            best[k] = r
    return sorted(best.values(), key=lambda r: (r.start, r.end))


@functools.cache
def _pronoun_opening_re() -> re.Pattern:
    """A sentence's opening, up to its cue, that is a pronoun and an adverb or none (citations.toml
    [demonstrative] `english_pronouns`, `english_pronoun_adverbs`): "It also | guides …"."""
    words = citation_words("demonstrative", "english_pronouns")
    adverbs = citation_words("demonstrative", "english_pronoun_adverbs")
    return re.compile(rf"[ \t]*{one_of(words)}(?:[ \t]+{one_of(adverbs)})?[ \t]+", re.I)


@functools.cache
def _necessity_re() -> re.Pattern:
    return _opening_re(load_data("cues.toml")["body"]["necessity"], r"(?!\w)", items=True)


@functools.cache
def _pointing_re() -> re.Pattern:
    return _opening_re(load_data("cues.toml")["framing"]["pointing"], r"[ \t]*,")


def _opening_re(words: list[str], after: str, items: bool = False) -> re.Pattern:
    """One of ``words`` opening a sentence (blanks and bullets before it; with ``items``, an item's
    number too), then ``after``."""
    return re.compile(rf"[ \t\n{BULLETS}{'0-9.)' if items else ''}]*{one_of(words)}{after}")


def _in_org_lists(text: str, lo: int, hi: int, commas: list[int], addresses: re.Pattern) -> bool:
    """Every comma of ``commas`` separates the names of a list of organisations that a verb of
    ``addresses`` directs, between ``lo`` and ``hi`` ("Văn bản chỉ đạo các chi bộ, đảng bộ trực
    thuộc tiếp tục thực hiện …"): the description of the document before goes on through them."""
    v = org_vocab()
    spans = []
    m = v.start_re.search(text, lo, hi)
    while m is not None:
        orgs, _ = org_list(text, m.start(), hi, v)
        end = orgs[-1].end if orgs else m.end()
        if orgs and addresses.search(text, max(lo, m.start() - 20), m.start()):
            spans.append((orgs[0].start, end))
        m = v.start_re.search(text, max(end, m.end()), hi)
    return all(any(a < c < b for a, b in spans) for c in commas)
