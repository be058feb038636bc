"""The subject document: the document a text is about.

An official text is its own document (its header "Số: 16-HD/BTCTW"); an article is about the
document it announces ("Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 94-KH/TU ...") or the one
its title names. Most relations and all assignments of a text start from it.

Rules, in order (the layout of the text, ``layout.py``, is read first):
1. the document of the text's header;
2. the document a news article says it reproduces in full, when a type heading of its kind follows
   ("… giới thiệu toàn văn Quy định số 41-QĐ/TW" / "QUY ĐỊNH"); else
   the type heading in capitals ("CHỈ THỊ CỦA THỦ TƯỚNG CHÍNH PHỦ", "KẾ HOẠCH") and the title
   under it ("Về việc ...", "thực hiện Nghị quyết số ..."): an un-numbered document described by them;
2b. a portal's summary field ("Trích yếu") that opens with a type word: its numbered document, else
   an un-numbered one it describes; then the document a news article says it reproduces in full;
3. the first document the title names that is not the object of a relation cue ("Kế hoạch số
   82-KH/BDVTW ... về tổng kết ..." — but not "Triển khai thực hiện Chỉ thị số 44-CT/TW");
4. the first document the text says was issued ("vừa ban hành Kế hoạch ...");
5. the one document named clearly more often than any other;
6. the only numbered plan, programme or guidance the text names (types with ``tasks``);
7. the text's own document spoken of without a number ("Theo kế hoạch, ...", "Kết luận nêu ...");
8. the numbered document dated later than every other dated one (``_newest``: the acting one of a lineage);
9. (``spoken_of``, kept by the caller only when the text gives it tasks) the un-numbered document
   of the task-giving kind the text and its source's title name most.

A document the title names by type only ("ban hành Kế hoạch tổng kết ...") is the same as the
one numbered document of that type the body says was issued ("đã ban hành Kế hoạch số
94-KH/TU"): the two are merged. An un-numbered subject gets a descriptor in the form
"<type> của <issuer> <purpose>" ("Kế hoạch của UBND tỉnh triển khai thực hiện Chỉ thị số 44-CT/TW").
"""
from __future__ import annotations

import bisect
import functools
import re

from vankien.loaders.cues import CueHit
from vankien.loaders.fold import literal_one_of, one_of
from vankien.loaders.layout import Layout, body_act, names_the_party, opens_clause_as_own, read_layout, says_at, to_be_made
from vankien.loaders.mentions import Mention, is_issued
from vankien.loaders.organizations import org_list, org_vocab
from vankien.loaders.patterns import SENTENCE_END_RE, body_locality, body_re, citation_words, following_re, type_word_re
from vankien.loaders.resolve import Document
from vankien.loaders.segments import Segment, in_capitals
from vankien.loaders.vocab import load_data, vocab

TITLE_SEGMENTS = 3
TITLE_MAX_CHARS = 300
CUE_REACH = 60            # a mention this close after a cue is its object
ISSUED_LOOKUP = 2000      # an article announces its document early
BODY_BEFORE = 80
TITLE_LINE_LOOKUP = 3000  # a site's menus may come before the title line
FRAME_REACH = 40          # "giới thiệu toàn văn | Kế hoạch số ..."
FOLLOWING_REACH = 200    # "ban hành Kế hoạch … với những nội dung sau đây": within one sentence
TITLE_WEIGHT = 2          # the kind a source's title names counts as much as two mentions in the text


_CELL_END_RE = re.compile(r"[ ]{3,}|\t|\|")


def find_subject(text: str, docs: list[Document], segs: list[Segment], cues: list[CueHit],
                 layout: Layout | None = None) -> Document | None:
    _merge_title_issued(text, docs)
    if layout is None:
        layout = read_layout(text)
    header = [d for d in docs if d.has_header]
    if header:
        d = header[0]
        if layout.kind and d.type and d.type in vocab().word_codes(layout.kind):
            d.kind = layout.kind        # "QUYẾT ĐỊNH" over "Số 12-QĐ/TU": QĐ is a Quy định's code too
        _merge_own_issued(text, docs, d)
        body = layout.fields.get("body")
        if d.issuing_body is None and body is not None:
            # a portal's "Cơ quan ban hành: Ban Tổ chức Tỉnh ủy Nghệ An"
            # (a portal's table may go on with the next field after a wide gap: "…   Người ký: …")
            d.issuing_body = " ".join(_CELL_END_RE.split(text[body[0]:body[1]])[0].split()).rstrip(" .;,") or None
        return d
    framed = _framed_document(text, docs, layout, cues)
    if framed is not None and layout.heading is not None and layout.heading[0] > (layout.full_text or 0) \
            and framed.kind == layout.kind:
        # "… trân trọng giới thiệu toàn văn Quy định số 41-QĐ/TW …" / "QUY ĐỊNH / về …": the heading
        # opens the text of the document the article reproduces
        return framed
    heading = _heading_document(text, docs, layout)
    if heading is not None:
        return heading
    summary = _summary_document(text, docs, layout)
    if summary is not None:
        return summary
    if framed is not None:
        return framed
    title_line = _title_line_document(text, docs)
    if title_line is not None:
        return title_line
    title = _title_subject(text, docs, segs, cues)
    if title is not None:
        if title.key is None:
            _describe(text, title)
        return title
    # "đã ban hành Kế hoạch …", not "yêu cầu các huyện ủy ban hành Kế hoạch …" (one to come)
    issued = sorted((m.start, i, m.doc) for i, d in enumerate(docs) if not d.requested for m in d.mentions
                    if m.start < ISSUED_LOOKUP and is_issued(text, m))
    if issued:
        d = issued[0][2]
        if d.key is None:
            _describe(text, d)
        return d
    counts = sorted(((len(d.mentions), i) for i, d in enumerate(docs) if d.key), reverse=True)
    numbered = [d for d in docs if d.key]
    named = None
    if counts and counts[0][0] >= 3 and (len(counts) == 1 or counts[0][0] > counts[1][0]):
        named = docs[counts[0][1]]
    elif len(numbered) == 1 and vocab().gives_tasks(numbered[0].kind):
        named = numbered[0]
    if named is not None:
        # "Để triển khai Kế hoạch số 88-KH/TU …, Thường trực Tỉnh ủy yêu cầu các huyện ủy …": a document
        # only ever carried out is not the text's, when a body directs others by a document of its own
        cue_ends = sorted(c.end for c in cues)
        objects = [_cue_object(text, m.start, cue_ends) for m in named.mentions]
        acting = None
        if all(objects):
            acting = _act_document(text, segs)
        elif objects[0] and named.issuing_body:
            # "Để triển khai Kế hoạch số 89-KH/TU của Ban Thường vụ Tỉnh ủy, UBND tỉnh yêu cầu …": first
            # carried out, then another body than its issuer directs others: by an act of its own
            acting = _act_document(text, segs, other_than=named.issuing_body)
        if acting is not None:
            docs.insert(0, acting)
            return acting
        return named
    own = _own_reference(text, docs, segs, cues)
    return own if own is not None else _newest(text, docs, cues)


def _newest(text: str, docs: list[Document], cues: list[CueHit]) -> Document | None:
    """A text that names several dated documents and none as its own (no header, title, issuance,
    nor one named most) is about the newest: the acting document of a lineage is the later one (a
    letter of 2020 that carries out plans of 2019, which carry out a conclusion). The numbered
    document whose full date is later than every other's, when two or more are dated, and which
    the text never names as a cue's object (one it says is carried out does not act: "Quán triệt,
    triển khai thực hiện Nghị quyết số 66 và Nghị quyết số 68 …")."""
    dated = sorted(((d.date, i) for i, d in enumerate(docs) if d.key and d.date and not d.date.startswith("partial")),
                   reverse=True)
    if len(dated) < 2 or dated[0][0] <= dated[1][0]:
        return None
    newest = docs[dated[0][1]]
    cue_ends = sorted(c.end for c in cues)
    return None if any(_cue_object(text, m.start, cue_ends) for m in newest.mentions) else newest


def _own_reference(text: str, docs: list[Document], segs: list[Segment], cues: list[CueHit]) -> Document | None:
    """A text with no numbered or issued subject that still speaks of its own document: "Kế
    hoạch này" with nothing earlier it could point to, or a document named by its type word
    alone, in capitals, as a definite name: a plan or programme ("Theo Kế hoạch, ...", "Mục đích
    của Kế hoạch là ...") or any type saying something ("Kết luận nêu ..."; layout.toml [news]
    `says`; also a generic word, "Văn bản yêu cầu …", types.toml [generic]), not the object of a cue; else a body's act ("Ban Bí thư kết luận …", [news.acts]):
    an un-numbered document of that kind, described by the text's title."""
    v = vocab()
    own = [m for d in docs for m in d.mentions if m.form == "short" and m.this]
    taken = sorted((m.start, m.end) for d in docs for m in d.mentions)
    cue_ends = sorted(c.end for c in cues)
    found = None
    for m in type_word_re().finditer(text, 0, min(len(text), ISSUED_LOOKUP)):
        word = m.group("word")
        kind = v.canonical_word(word)
        if kind is None and word[:1].isupper() and v.is_generic(word) and says_at(text, m.end("word")):
            kind = v.generic_issued_kind        # "Văn bản yêu cầu các huyện ủy …": a letter of no named type
        if (kind is None or m.group("num") or m.group("so") or m.group("dem") or _verb(m, kind)
                or not (word[:1].isupper() or opens_clause_as_own(text, m.start(), m.end("word")))
                or not (v.gives_tasks(kind) or says_at(text, m.end("word")))
                or _inside(m.start(), taken)
                or _cue_object(text, m.start(), cue_ends)
                or in_capitals(text[text.rfind("\n", 0, m.start()) + 1:m.end()])):
            continue
        found = (m.start(), m.end("word"), kind)
        break
    if found is None and own:
        found = (own[0].start, own[0].end, own[0].kind)
    if found is None:
        d = _act_document(text, segs)       # "Bộ Chính trị kết luận như sau: …"
    elif found[2] is None:
        return None
    else:
        d = _titled(text, segs, *found)
    if d is not None:
        docs.insert(0, d)
    return d


def _act_document(text: str, segs: list[Segment], other_than: str | None = None) -> Document | None:
    """The un-numbered document of a body's (or a meeting's) act, layout.toml ``[news.acts]``; with
    ``other_than``, only the act of a body known to be another one than that."""
    found = body_act(text, min(len(text), ISSUED_LOOKUP), lambda pos: _addresses(text, pos))
    if found is None:
        return None
    a, b, kind, body = found
    if other_than is not None and not _other_bodies(body, other_than):
        return None
    d = _titled(text, segs, a, b, kind)
    if body:
        d.issuing_body = " ".join(body.split())     # the body that acts issues it
    return d


def _other_bodies(a: str | None, b: str) -> bool:
    """``a`` and ``b`` name two bodies the vocabulary knows, not one."""
    v = vocab()
    x, y = (v.body_named(n) if n else None for n in (a, b))
    return x is not None and y is not None and x is not y


def _titled(text: str, segs: list[Segment], a: int, b: int, kind: str) -> Document:
    """An un-numbered document of ``kind`` named at ``a:b``, described by the text's title."""
    title = " ".join(text[segs[0].start:segs[0].end].split()) if segs else ""
    d = Document(None, system="party", kind=kind, descriptor=f"{kind} ({title[:TITLE_MAX_CHARS]})" if title else kind)
    d.add(Mention(a, b, "title", kind))
    return d


def _addresses(text: str, pos: int) -> bool:
    """Organisations follow the verb that ends at ``pos`` ("yêu cầu | các huyện ủy …", "giao cho | Ban …"), and its sentence
    reports no meeting or speech before it ("Tại hội nghị, …", "Phát biểu …": what was said there)."""
    start = max(text.rfind(".", 0, pos), text.rfind("\n", 0, pos)) + 1
    if _meeting_re().search(text, start, pos) or org_vocab().framing_re.search(text, start, pos):
        return False
    at = pos
    while at < len(text) and text[at] in " \t\n:":
        at += 1
    v = org_vocab()
    marker = v.addressee_re.match(text, at)
    if marker is not None:
        at = marker.end()       # "UBND tỉnh giao cho | Ban An toàn giao thông tỉnh …"
    return bool(org_list(text, at, min(len(text), at + ADDRESSEE_CHARS), v)[0])


ADDRESSEE_CHARS = 200


@functools.cache
def _meeting_re() -> re.Pattern:
    return re.compile(rf"(?i)(?<!\w){one_of(load_data('layout.toml')['news']['meetings'])}(?!\w)")


def spoken_of(text: str, docs: list[Document], cues: list[CueHit], title: str | None = None) -> Document | None:
    """The last resort, for a text that names no document of its own (an excerpt of a report
    that opens "Theo đó, ..."): the un-numbered document of the task-giving kind it names most
    ("kế hoạch", in any case, not numbered, not cited, not the object of a cue, not one to be
    made: "xây dựng kế hoạch"), the kind its source's title opens with or names as a task-giving
    kind counting as two mentions when the text names it too; added to ``docs``, with its first
    free mention as evidence. The caller keeps it only if the text gives it tasks."""
    v = vocab()
    taken = sorted((m.start, m.end) for d in docs for m in d.mentions)
    cue_ends = sorted(c.end for c in cues)
    counts: dict[str, int] = {}               # task-giving kinds: their free mentions
    first: dict[str, tuple[int, int]] = {}    # every kind: its first free mention, the evidence
    for m in type_word_re().finditer(text):
        kind = v.canonical_word(m.group("word"))
        if (kind is None or m.group("num") or m.group("so") or _verb(m, kind) or _bare_verb(m, kind)
                or _inside(m.start(), taken) or _cue_object(text, m.start(), cue_ends)
                or to_be_made(text, m.start())):
            continue
        first.setdefault(kind, (m.start(), m.end("word")))
        if v.gives_tasks(kind):
            counts[kind] = counts.get(kind, 0) + 1
    # the title's type word: the title's first words (the document's name: "Chỉ thị V/v ...") or
    # a task-giving kind ("... triển khai kế hoạch ..."), not the object it reports on ("quán
    # triệt kết luận ..."); it counts only if the text names that kind too (the evidence)
    titled = next((t for t in type_word_re().finditer(title or "")
                   if not _verb(t, v.canonical_word(t.group("word")))), None)
    titled_kind = v.canonical_word(titled.group("word")) if titled and not titled.group("num") else None
    if titled_kind in first and (titled.start() == 0 or v.gives_tasks(titled_kind)):
        counts[titled_kind] = counts.get(titled_kind, 0) + TITLE_WEIGHT
    if not counts:
        return None
    kind = max(counts, key=lambda k: (counts[k], -first[k][0]))
    about = " ".join((title or "").split())[:TITLE_MAX_CHARS]
    d = Document(None, system="party", kind=kind, descriptor=f"{kind} ({about})" if about else kind)
    d.add(Mention(*first[kind], "title", kind))
    docs.insert(0, d)
    return d


def _verb(m: re.Match, kind: str | None) -> bool:
    """A type word that is also a verb (types.toml `verb`), in lower case, followed by the bodies
    it is addressed to or by what they are to do: the verb ("Ban Tuyên giáo hướng dẫn các huyện
    ủy …", "… hướng dẫn triển khai …"), not the document ("theo chỉ thị của …")."""
    text = m.string
    if (kind is None or not vocab().type_words.get(kind, {}).get("verb")
            or not (m.group("word")[:1].islower()
                    or (_opens_sentence(text, m.start()) and not says_at(text, m.end("word"))))
            or m.group("num") or m.group("so") or m.group("dem")):
        return False
    pos = m.end("word")
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    v = org_vocab()
    if v.start_re.match(text, pos) or v.task_re.match(text, pos):
        return True
    # one of coordinated verbs: "… giao Ban Tổ chức hướng dẫn, đôn đốc …"
    pos += len(_verb_join_re().match(text, pos).group())
    return pos > m.end("word") and bool(v.task_re.match(text, pos))


@functools.cache
def _verb_join_re() -> re.Pattern:
    return re.compile(rf"[ \t]{{0,2}}(?:,|(?:{one_of(citation_words('issued', 'verb_joiners'))})(?!\w))?[ \t]{{0,2}}")


def _bare_verb(m: re.Match, kind: str | None) -> bool:
    """A type word that is also a verb, in lower case, with no word before it that makes it a noun
    (layout.toml `[news] verb_named_after`: "theo hướng dẫn", "các hướng dẫn"): the verb ("… có
    trách nhiệm hướng dẫn cụ thể", "theo dõi, hướng dẫn")."""
    if kind is None or not vocab().type_words.get(kind, {}).get("verb") or not m.group("word")[:1].islower() \
            or m.group("dem"):
        return False
    return _named_after_re().search(m.string, max(0, m.start() - NAMED_AFTER_REACH), m.start()) is None


NAMED_AFTER_REACH = 14      # "văn bản " before the type word


@functools.cache
def _named_after_re() -> re.Pattern:
    return re.compile(rf"(?<!\w){one_of(load_data('layout.toml')['news']['verb_named_after'])}[ \t]{{1,2}}\Z")


def _opens_sentence(text: str, pos: int) -> bool:
    """Only a line break or a sentence's end, then a list item's mark, stands before ``pos``: a
    capital there says nothing ("- Hướng dẫn các huyện ủy …" is the verb, a task's first word)."""
    lo = max(text.rfind(c, 0, pos) for c in "\n.!?;:") + 1
    if text[lo - 1:lo] == "." and text[lo - 2:lo - 1].isdigit():
        lo = text.rfind("\n", 0, lo) + 1       # "2.1. Hướng dẫn …": the item's own full stop
    m = org_vocab().item_re.match(text, lo, pos)
    return m is not None and not text[m.end():pos].strip()


def _cue_object(text: str, pos: int, cue_ends: list[int]) -> bool:
    """A mention at ``pos`` is the object of a cue ending shortly before it in the same sentence
    ("triển khai | Kế hoạch ..."); a cue that ends the sentence before ("... triển khai với nhiều
    nhiệm vụ. | Kế hoạch đề ra ...") has no object there."""
    i = bisect.bisect_left(cue_ends, pos - CUE_REACH)
    while i < len(cue_ends) and cue_ends[i] <= pos:      # only the cues that end within reach before ``pos``
        if not SENTENCE_END_RE.search(text, cue_ends[i], pos):
            return True
        i += 1
    return False


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _heading_document(text: str, docs: list[Document], layout: Layout) -> Document | None:
    """An official text copied without its number starts with its type in capitals ("CHỈ THỊ
    CỦA THỦ TƯỚNG CHÍNH PHỦ"), then its title ("Về việc ...", "thực hiện Nghị quyết ..."): that
    is its document (``layout.py`` finds both)."""
    if layout.heading is None or layout.kind is None:
        return None
    v = vocab()
    a, b = layout.heading
    line = text[a:b]
    a += len(line) - len(line.lstrip(" \t|*"))
    for d in docs:
        for x in d.mentions:
            if x.start <= a < x.end:
                # a resolution named by its heading and title ("NGHỊ QUYẾT / Hội nghị lần thứ 12 Ban
                # Chấp hành Đảng bộ tỉnh …"): that document; any other mention there is not the text's
                if x.form != "named" or x.start != a:
                    return None
                w = type_word_re().match(text, a, b)
                if w is not None:
                    d.add(Mention(a, w.end("word"), "title", d.kind))     # the text is that document
                return d
    m = type_word_re().match(text, a, b)
    kind = layout.kind
    rest = " ".join(text[m.end("word"):b].split())
    about = _canonical_codes(text, layout.title, docs).strip() if layout.title else ""
    first, _, after = about.partition("\n")
    if not rest and first.strip() and in_capitals(first):
        # the heading's second line in capitals ("NGHỊ QUYẾT / CỦA BỘ CHÍNH TRỊ / về …") goes on it
        rest, about = " ".join(first.split()), after.strip()
    found = body_re().search(rest)
    body = v.body_named(found.group("body")) if found else None
    of = citation_words("body", "of")
    rest = f"{of[0]} {body.canonical}" if body and rest.casefold().startswith(_casefolded(of)) else rest.lower()
    about = about[:1].lower() + about[1:]          # the title goes on the heading
    d = Document(None, system=body.system if body else "party", kind=kind, descriptor=" ".join(f"{kind} {rest} {about}".split()))
    d.add(Mention(a, m.end("word"), "title", kind))
    if body is None:
        d.issuing_body = _letterhead_body(text, a)      # "TỈNH ỦY BẮC NINH" above "CHƯƠNG TRÌNH HÀNH ĐỘNG": its place then
    docs.insert(0, d)
    return d


LETTERHEAD_BODY_CHARS = 400     # the letterhead: this much text above a type heading


def _letterhead_body(text: str, heading: int) -> str | None:
    """The body a letterhead names in capitals above the type heading at ``heading`` ("TỈNH ỦY BẮC
    NINH", "ĐẢNG ỦY XÃ PHÚ BÌNH"), written as names are ("Tỉnh ủy Bắc Ninh"); None when none."""
    lo = max(0, heading - LETTERHEAD_BODY_CHARS)
    for line in reversed(text[lo:heading].split("\n")):
        line = " ".join(line.strip(" \t|*-").split())
        if not line or not in_capitals(line):
            continue
        found = body_re().match(line)
        named = vocab().body_named(found.group("body")) if found else None
        if named is not None:
            place = line[found.end("body"):].strip(" ,")
            return f"{named.canonical} {place.title()}".strip() if place else named.canonical
        if not names_the_party(line):
            return None     # the nearest line names a body it does not know ("BAN TUYÊN GIÁO" under "BAN CHẤP HÀNH …")
    return None


def _summary_document(text: str, docs: list[Document], layout: Layout) -> Document | None:
    """A portal's summary field ("Trích yếu") that starts with a type word names the text's own
    document: the numbered document it opens with, else an un-numbered one it describes."""
    span = layout.fields.get("summary")
    if span is None:
        return None
    a, b = span
    m = type_word_re().match(text, a, b)
    kind = vocab().canonical_word(m.group("word")) if m else None
    if kind is None:
        return None
    opening = [x for d in docs for x in d.mentions if x.start == a and d.key]
    if opening:
        return opening[0].doc
    rest = _canonical_codes(text, (m.end("word"), b), docs)
    rest = _date_cut_re().split(" " + rest)[0]
    descriptor = " ".join(f"{kind} {rest}".split()).rstrip(" ,;:.")
    d = Document(None, system="party", kind=kind, descriptor=descriptor)
    d.add(Mention(a, m.end("word"), "title", kind))
    docs.insert(0, d)
    return d


def _framed_document(text: str, docs: list[Document], layout: Layout, cues: list[CueHit]) -> Document | None:
    """An article that reproduces a document ("… giới thiệu toàn văn Kế hoạch số …") is about
    the first document named right after it says so; not one named as what the reproduced text
    carries out ("… giới thiệu văn bản của UBND tỉnh triển khai | Kế hoạch số 89-KH/TU": a cue's object)."""
    if layout.full_text is None:
        return None
    after = sorted((x.start, i, x.doc) for i, d in enumerate(docs) for x in d.mentions
                   if 0 <= x.start - layout.full_text <= FRAME_REACH and x.form not in ("short",))
    if not after:
        return None
    start, _, doc = after[0]
    cue_ends = sorted(c.end for c in cues if layout.full_text <= c.end <= start)
    return None if _cue_object(text, start, cue_ends) else doc


def _title_line_document(text: str, docs: list[Document]) -> Document | None:
    """A page that reproduces an official text after a site's menus opens it with a title line:
    the type word, the symbol and the date, then what it is about, with no full stop
    ("Chỉ thị số 38-CT/TW, ngày 12 tháng 8 năm 1998 về việc ..."). The first such line names
    the text's own document."""
    opening = sorted((m.start, i, m) for i, d in enumerate(docs) if d.key for m in d.mentions
                     if m.start < TITLE_LINE_LOOKUP and m.form == "full" and m.date is not None)
    for _, _, m in opening:
        line_start = text.rfind("\n", 0, m.start) + 1
        line_end = text.find("\n", m.end)
        line_end = len(text) if line_end < 0 else line_end
        line = text[m.end:line_end].rstrip()
        if (text[line_start:m.start].strip(" \t|*") == "" and len(line) <= TITLE_MAX_CHARS
                and not line.endswith((".", ";", ":"))):
            return m.doc
    return None


def _canonical_codes(text: str, span: tuple[int, int], docs: list[Document]) -> str:
    """The text of ``span`` with the symbols in it written in their standard form
    ("08/NQ -TW" -> "08-NQ/TW")."""
    a, b = span
    inside = sorted((m for d in docs for m in d.mentions if m.code is not None and a <= m.code.start and m.code.end <= b),
                    key=lambda m: m.code.start)
    out, pos = [], a
    for m in inside:
        c = m.code
        out.append(text[pos:c.start])
        written = re.match(r"\d+", text[c.start:c.end])
        out.append(f"{written.group() if written else c.number}-{c.type}/{c.issuer}" if c.system == "party" and c.type else c.key)
        pos = c.end
    out.append(text[pos:b])
    return "".join(out)


def _title_subject(text, docs, segs, cues) -> Document | None:
    zone_end = 0
    for s in segs[:TITLE_SEGMENTS]:
        if s.end - s.start > TITLE_MAX_CHARS:    # a long first sentence: only its opening
            zone_end = s.start + TITLE_MAX_CHARS
            break
        zone_end = s.end
    if not zone_end:
        return None
    cue_ends = sorted(c.end for c in cues if c.end <= zone_end)
    firsts = sorted((m.start, i, m) for i, d in enumerate(docs) for m in d.mentions if m.start < zone_end)
    carried = set()        # documents the opening names first as a cue's object: carried out, not the subject
    for start, _, m in firsts:
        if id(m.doc) in carried:
            continue
        if _cue_object(text, start, cue_ends):
            carried.add(id(m.doc))
            continue
        if m.form in ("short", "named"):
            continue
        return m.doc
    return None


def _merge_title_issued(text: str, docs: list[Document]) -> None:
    """An un-numbered document issued and named by its type only is the numbered document of
    the same type that the text says was issued, when there is exactly one."""
    for d in [d for d in docs if d.key is None and d.forms == {"issued"}]:
        same = [o for o in docs if o.key and o.kind == d.kind and any(is_issued(text, m) for m in o.mentions)]
        if len(same) == 1:
            target = same[0]
            for m in d.mentions:
                target.add(m)
            target.mentions.sort(key=lambda m: m.start)
            docs.remove(d)


def _merge_own_issued(text: str, docs: list[Document], subject: Document) -> None:
    """An official text that says its body issues a document of its own kind "with the contents
    below" ("Ban Thường vụ Tỉnh ủy ban hành Kế hoạch thực hiện với những nội dung sau đây";
    citations.toml [demonstrative] following) speaks of itself: that un-numbered document is the
    text's own."""
    for d in [d for d in docs if d is not subject and d.key is None and d.forms == {"issued"}
              and d.kind == subject.kind and not d.requested]:
        if not all(following_re().search(text, m.end, _sentence_end(text, m.end)) for m in d.mentions):
            continue
        for m in d.mentions:
            subject.add(m)
        subject.mentions.sort(key=lambda m: m.start)
        docs.remove(d)


def _sentence_end(text: str, pos: int) -> int:
    end = SENTENCE_END_RE.search(text, pos, min(len(text), pos + FOLLOWING_REACH))
    return end.start() + 1 if end else min(len(text), pos + FOLLOWING_REACH)


def _describe(text: str, d: Document) -> None:
    """Give an un-numbered subject a descriptor naming its issuer: "<type> của <body> <purpose>"."""
    m = next((m for m in d.mentions if m.form == "issued"), None)
    if m is None or not d.descriptor or not d.kind:
        return
    lo = max(0, m.start - BODY_BEFORE)
    behalf = _behalf_re().search(text, lo, m.start)
    bodies = list(body_re().finditer(text, behalf.end() if behalf else lo, m.start))
    if not bodies:
        return
    if behalf and bodies[0].start() == behalf.end():
        bodies = bodies[:1]         # the body signed for, not the person who signs
    body = " ".join(bodies[-1].group().split())
    if d.issuing_body is None:      # "Thường trực Tỉnh ủy Bình Định vừa có Công văn …": its issuer
        found = vocab().body_named(bodies[-1].group("body"))
        loc = body_locality(bodies[-1])
        if found is not None:
            d.issuing_body = found.canonical + (f" {loc}" if loc else "")
            if loc and d.scope is None:
                d.scope = loc
    rest = " " + " ".join(d.descriptor.split()[len(d.kind.split()):])
    rest = _date_cut_re().split(rest)[0]
    if _of_re().match(rest):
        return
    d.descriptor = f"{d.kind} {citation_words('body', 'of')[0]} {body}{rest}".strip()


def _casefolded(phrases: list[str]) -> tuple[str, ...]:
    """``phrases`` case-folded, for ``str.startswith``."""
    return tuple(p.casefold() for p in phrases)


@functools.cache
def _date_cut_re() -> re.Pattern:
    """Where a subject's description stops: at its date (" ngày ", " ban hành ngày "), as written."""
    day = citation_words("date", "day")
    issued_on = [f"{v} {d}" for v in citation_words("issued", "dated") for d in day]
    return re.compile(r"\s" + literal_one_of(day + issued_on) + r"\s")


@functools.cache
def _behalf_re() -> re.Pattern:
    """"Thay mặt " before the body that issues (citations.toml [body] behalf)."""
    return re.compile(one_of(citation_words("body", "behalf")) + r"[ \t]{1,2}")


@functools.cache
def _of_re() -> re.Pattern:
    """A description that already names its issuer (" của ..."), as written."""
    return re.compile(r"\s*" + literal_one_of(citation_words("body", "of")) + r"\s")
