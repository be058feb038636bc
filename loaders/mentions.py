"""Tokenize a text into document mentions.

A mention is one place where the text refers to a document:
- ``full``: a symbol, with or without its type word ("Nghị quyết số 25-NQ/TW", "văn bản số 71-HD/BTGTW");
- ``bare``: a type word and a number only ("Chỉ thị số 17", "Kết luận 43");
- ``short``: a type word with a demonstrative ("Quy định này", "Nghị quyết nêu trên");
- ``issued``: a type word alone after an issuance verb ("Bộ Chính trị đã ban hành Quy định về ...");
- ``named``: a document cited by name, without a number ("Nghị quyết Đại hội XIII của Đảng").
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, replace
from typing import Any

from vankien.loaders.codes import TYPES_SRC, CodeHit, canonical_type, find_codes
from vankien.loaders.clean import ends_open
from vankien.loaders.cues import CITING, cue_table, is_of
from vankien.loaders.layout import Layout, read_layout
from vankien.loaders.organizations import org_list, org_vocab
from vankien.loaders.fold import (LOWER_LETTERS, alternation, by_marks, first_characters, fold, literal_one_of, one_of,
                                  written_one_of)
from vankien.loaders.patterns import (BARE_NUMBER_SRC, COUNT_AFTER_RE, THIS_WORDS, Descriptor, act_before, citation_words,
                                      congress_anaphor_re, dated_act_before, descriptor_words, descriptors, issued_before, may_be_english,
                                      requested_before, type_word_re, verb_ends_before, ACT_BEFORE_RE, DONE_OPENER_RE,
                                      DATELINE_RE, DONE_BEFORE_RE, ISSUED_LOOKBACK, SENTENCE_END_RE, TAIL_DATE_RE, body_re,
                                      sentence_start)
from vankien.loaders.vocab import UNMARKED, load_data, vocab

YEAR_LIKE = range(1945, 2100)
# a symbol cut before its issuer: "15-NQ" (no slash follows)
_CUT_CODE_RE = re.compile(rf"(?P<num>\d{{1,4}})[ \t]{{0,2}}[-–][ \t]{{0,2}}(?P<type>{TYPES_SRC})(?![\w/]|[ \t]{{0,2}}/)")


@functools.cache
def _english_named_kinds() -> frozenset[str]:
    """The kinds of the English patterns of descriptors.toml ("Resolution of the 13th National Party
    Congress"): where an English type word of one starts, a name is looked for."""
    return frozenset(d.kind for d in descriptors() if d.name.startswith(ENGLISH_PATTERN))


ENGLISH_PATTERN = "english_"     # the prefix of descriptors.toml's English patterns


@functools.cache
def _english_charter_re() -> re.Pattern:
    names = literal_one_of(descriptor_words("charter")["english"], space=r"[ \t]+")
    return re.compile(rf"(?i:(?<!\w){names}(?!\w))")


def _english_charter(text: str, numbered: list[Mention]) -> list[Mention]:
    """The Party's statutes named in English ("the Party Statute", descriptors.toml [charter]
    `english`): the document "Điều lệ Đảng" names, outside any numbered mention."""
    d = descriptor_words("charter")
    name = d["opening"][0]
    spans = [(m.start, m.end) for m in numbered]
    return [Mention(m.start(), m.end(), "named", d["kind"], descriptor=name, identity=_named_identity("charter", m, name))
            for m in _english_charter_re().finditer(text) if not any(a < m.end() and m.start() < b for a, b in spans)]


@functools.cache
def _named_starters() -> frozenset[str]:
    """Type words that may also open an un-numbered citation by name: the kinds of the
    patterns of descriptors.toml that are type words ("Nghị quyết", "Luật")."""
    return frozenset(d.kind for d in descriptors()) & frozenset(vocab().type_words)


@dataclass
class Mention:
    start: int
    end: int
    form: str                       # "full" | "bare" | "short" | "issued" | "named"
    kind: str | None = None         # type word, canonical spelling
    code: CodeHit | None = None
    number: str | None = None       # bare number, without leading zeros
    descriptor: str | None = None   # for named documents
    identity: str | None = None     # for named documents: what makes two mentions one document
    type_conflict: bool = False     # the type word does not fit the symbol's type code
    damaged: str | None = None      # the type word as written, when its diacritics are scrambled
    this: bool = False              # a "này" reference: the text's own document
    requested: bool = False         # an issued mention in a request ("yêu cầu … ban hành Kế hoạch …"): a document to come
    anaphor: bool = False           # a type word alone in capitals ("… thực hiện Nghị quyết, …"): the one named before, if one
    congress: bool = False          # an anaphor "Nghị quyết Đại hội" with no name: the one congress's resolution named
    another: bool = False           # an issued mention after "and another": a second document of its kind
    # filled by context.py
    date: Any = None                # DateHit
    body: Any = None                # Body
    body_text: str | None = None
    locality: str | None = None
    term: str | None = None
    header: bool = False            # the symbol of a document's own header ("Số: ...")
    doc: Any = None                 # Document, set by resolve.py

    @property
    def system(self) -> str:
        if self.code is not None:
            return self.code.system
        if self.body is not None and self.body.system == "state":
            return "state"
        if self.kind and vocab().type_words.get(self.kind, {}).get("system") == "state":
            return "state"
        return "party"


@functools.cache
def _english_kinds() -> dict[str, str]:
    """Folded English type word -> its type's word (types.toml `english`: "resolution" -> Nghị quyết)."""
    return {" ".join(fold(e).split()): t["word"] for t in load_data("types.toml")["type"] for e in t.get("english", ())}


@functools.cache
def english_type_re() -> re.Pattern:
    """A type word of a text in English, then its number word ("No.") and where a symbol or a
    bare number starts, as type_word_re has them for the Vietnamese words."""
    words = [e for t in load_data("types.toml")["type"] for e in t.get("english", ())]
    no = one_of(citation_words("number", "english"))
    return re.compile(
        rf"(?<!\w)(?P<word>{alternation(words)})(?!\w)"
        rf"(?:[ \t\n]{{1,2}}(?P<so>{no})(?![A-Za-z]))?[ \t\n]{{0,2}}:?[ \t]{{0,2}}(?P<num>{BARE_NUMBER_SRC})?"
    )


def _type_words(text: str):
    """(match, type word, English?) for every type word of the text, Vietnamese then English
    (only in a text that may be English: Vietnamese writes a diacritic on a letter in three,
    a text in English only in names)."""
    v = vocab()
    for m in type_word_re().finditer(text):
        yield m, v.canonical_word(m.group("word")), False
    if not may_be_english(text):
        return
    english = _english_kinds()
    for m in english_type_re().finditer(text):
        yield m, english.get(" ".join(fold(m.group("word")).split())), True


def find_mentions(text: str, layout: Layout | None = None) -> list[Mention]:
    v = vocab()
    codes = find_codes(text)
    by_start = {c.start: c for c in codes}
    used: set[int] = set()
    mentions: list[Mention] = []
    named_at: list[int] = []
    cited_at: list[tuple[int, int, str]] = []     # type words alone, in capitals: maybe a name
    reports_at: list[tuple[int, int, str]] = []   # reports in lower case after a verb of hearing …: maybe one
    named_starters = _named_starters()
    headline_at = headline_end(text)
    lead_end = _lead_end(text, headline_at)
    official: list[bool] = []

    def reported() -> bool:
        # an article reports acts done: in its body too, a body that "ban hành kế hoạch" issued
        # one (in a document of its own the same words ask for one: "Đảng ủy các xã ban hành kế
        # hoạch …")
        if not official:
            official.append((layout or read_layout(text)).official)
        return not official[0]

    for m, kind, english in _type_words(text):
        word = m.group("word")
        damaged = word if kind is not None and not word.isascii() and _is_damaged(word, kind) else None
        if kind is None or kind in named_starters if not english else kind in _english_named_kinds():
            named_at.append(m.start())
        num = m.group("num")
        p = m.start("num") if num else m.end()
        code = by_start.get(p)
        # a cut symbol opens with its number: none where no decimal digit stands (\d, what str.isdecimal tests)
        cut = None if num or code is not None or kind is None or not text[p:p + 1].isdecimal() \
            else _CUT_CODE_RE.match(text, p)
        if cut is not None and canonical_type(cut.group("type")) in v.word_codes(kind):
            # "Nghị quyết số 15-NQ": a symbol with no issuer part, a number-only reference that
            # its issuing body completes
            n = str(int(cut.group("num")))
            mentions.append(Mention(m.start(), cut.end(), "bare", kind, number=n, damaged=damaged))
            continue
        if code is not None and (kind is not None or v.is_generic(word)):
            used.add(code.start)
            codes_ = v.word_codes(kind) if kind else []
            conflict = bool(codes_) and code.system == "party" and code.type not in codes_
            mentions.append(Mention(m.start(), code.end, "full", kind, code, type_conflict=conflict, damaged=damaged))
            continue
        if kind is None:
            if not english and not num and v.is_generic(word) and (_done_by_one(text, m.start())
                                                               or m.start() < headline_at and act_before(text, m.start())
                                                               or m.start() < lead_end and _body_acts_before(text, m.start())
                                                               or reported() and _issued_in_clause(text, m.start())
                                                               or dated_act_before(text, m.start())):
                # "... vừa có văn bản gửi ...": a document issued, named by a generic word
                mentions.append(Mention(m.start(), m.end("word"), "issued", v.generic_issued_kind))
            continue
        if num and v.word_codes(kind):
            n = int(num)
            if m.group("so") or (n not in YEAR_LIKE and word[:1].isupper() and not COUNT_AFTER_RE.match(text, m.end())):
                mentions.append(Mention(m.start(), m.end(), "bare", kind, number=str(n), damaged=damaged))
                continue
        if num and not english and word[:1].isupper() and v.type_words.get(kind, {}).get("reports") \
                and COUNT_AFTER_RE.match(text, m.end()):
            num = None      # "Báo cáo 10 năm thực hiện …": a count opens the report's name, no number
        dem = None if english else m.group("dem")
        if english and not num and (_english_this_re().search(text, max(0, m.start() - ENGLISH_THIS_REACH), m.start())
                                    or _opens_sentence_with_the(text, m.start())):
            # "This Regulation replaces ...": the text's own document
            mentions.append(Mention(m.start(), m.end("word"), "short", kind, this=True))
        elif english and not num and v.type_words.get(kind, {}).get("reports") \
                and _english_reported_before_re().search(text, max(0, m.start() - REPORTED_BEFORE_CHARS), m.start()):
            # "… heard a report on the implementation of Resolution No. 39-NQ/TW": a report named by
            # what it reviews, if it is
            reports_at.append((m.start(), m.end("word"), kind))
        elif english and not num and _english_issued_re().search(text, max(0, m.start() - ENGLISH_ISSUED_REACH), m.start()):
            # "… has issued a plan to implement Resolution No. 57-NQ/TW": the document issued
            mentions.append(Mention(m.start(), m.end("word"), "issued", kind))
        elif english and not num and _english_also_issued(text, m.start()):
            # "… issued a plan reviewing … and another plan reviewing …": a second one
            mentions.append(Mention(m.start(), m.end("word"), "issued", kind, another=True))
        elif dem:   # "Quy định này", "Nghị quyết nêu trên"
            mentions.append(Mention(m.start(), m.end(), "short", kind, this=" ".join(fold(dem).split()) in THIS_WORDS))
        elif not english and (verb := verb_ends_before(text, m.start())) and (_done_by_one(text, m.start())
                              or m.start() < headline_at and issued_before(text, m.start())
                              or m.start() < lead_end and _body_acts_before(text, m.start())
                              or reported() and _issued_in_clause(text, m.start())
                              or dated_act_before(text, m.start())):
            # "... vừa ban hành kế hoạch ...", a headline "Tỉnh ủy ban hành kế hoạch ...": the
            # document issued, named by its type only
            mentions.append(_meeting_resolution(text, m.start(), m.end("word"), kind)
                            or Mention(m.start(), m.end("word"), "issued", kind))
        elif not english and verb and word[:1].isupper() and issued_before(text, m.start()) \
                and not cue_table().cites_before(text, m.start()) \
                and promulgating(text, m.start(), mentions[-1] if mentions else None, kind) is None:
            # "... đã ban hành Quy định về ..."; in a request ("yêu cầu ... ban hành Chương trình
            # hành động ..."), a document to come
            mentions.append(_meeting_resolution(text, m.start(), m.end("word"), kind)
                            or Mention(m.start(), m.end("word"), "issued", kind, requested=requested_before(text, m.start())))
        elif not english and not num and word[:1].islower() and v.type_words.get(kind, {}).get("reports") \
                and (_reported_before_re().search(text, max(0, m.start() - REPORTED_BEFORE_CHARS), m.start())
                     or reports_at and _listed_report(text, m.start(), m.end("word"), kind, reports_at[-1][0])):
            # "… nghe báo cáo tổng kết …", "…; báo cáo kết quả …", "… và báo cáo về việc thực hiện …":
            # a report named by what it reviews, if it is
            reports_at.append((m.start(), m.end("word"), kind))
        elif not english and not num and word[:1].islower() and _owned_by_body(text, m.end("word")):
            # "Thực hiện kế hoạch của Ban Thường vụ Tỉnh ủy về …": in lower case, a document named
            # by the body that owns it (cited only after a cue of carrying out: _cited_by_name)
            cited_at.append((m.start(), m.end("word"), kind))
        elif not english and word[:1].isupper() and not num:
            if not word.isupper() and _ANAPHOR_END_RE.match(text, m.end("word")):
                # "… ban hành Kế hoạch thực hiện Nghị quyết, …": the resolution named before
                mentions.append(Mention(m.start(), m.end("word"), "short", kind, anaphor=True))
            else:
                cited_at.append((m.start(), m.end("word"), kind))
                if v.type_words.get(kind, {}).get("reports") \
                        and _reported_before_re(True).search(text, max(0, m.start() - REPORTED_BEFORE_CHARS), m.start()):
                    # "… cho ý kiến vào dự thảo Báo cáo tổng kết …": a report in capitals is named
                    # by what it reviews where it is cited by no name of its own
                    reports_at.append((m.start(), m.end("word"), kind))
                elif v.type_words.get(kind, {}).get("reports") and (outline := _outline_before(text, m.start())) is not None:
                    # "… cho ý kiến về Đề cương Báo cáo tổng kết …": the outline of that report, named so
                    reports_at.append(outline)
                elif v.type_words.get(kind, {}).get("reports") and reports_at \
                        and (item := _listed_report(text, m.start(), m.end("word"), kind, reports_at[-1][0])) is not None:
                    # "… cho ý kiến vào Báo cáo tổng kết …, Báo cáo sơ kết … và Báo cáo …": the verb
                    # names every report of its list
                    reports_at.append(item)
    for c in codes:
        if c.start not in used:
            kind = v.kind_for(c.type, c.system) if c.type else v.kind_for_issuer(c.issuer, c.system)
            mentions.append(Mention(c.start, c.end, "full", kind, c))
    named = _named_mentions(text, named_at, mentions)
    if may_be_english(text):
        named += _english_charter(text, mentions)
    if named:
        # a name the patterns know ("… ban hành Quy chế làm việc của Ban Chấp hành …") is that
        # document, not one issued and named by its type word only
        at = {m.start for m in named}
        mentions = [m for m in mentions if m.form in ("full", "bare") or m.start not in at] + named
    if named_at:
        taken = {m.start for m in mentions}
        for pos in named_at:
            a = congress_anaphor_re().match(text, pos) if pos not in taken else None
            if a is not None:
                # "… thực hiện Nghị quyết Đại hội; …": the congress's resolution named in full
                mentions.append(Mention(pos, a.end(), "short", descriptor_words("congress")["kind"], anaphor=True, congress=True))
                cited_at = [c for c in cited_at if c[0] != pos]
    if cited_at:
        mentions.extend(_cited_by_name(text, cited_at, mentions))
    if reports_at:      # (after the names: one a report was cited by stands)
        mentions.extend(_reported(text, reports_at, mentions))
    mentions.sort(key=lambda x: x.start)
    return mentions


# what may follow a type word that names, alone, a document named before: punctuation in its
# sentence (a heading's type word alone on its line, "KẾ HOẠCH", is the text's own)
_ANAPHOR_END_RE = re.compile(r"[ \t]{0,2}[,.;:)”\"]")


MEETING_ACTOR_CHARS = 160  # "Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa VIII đã ra | Nghị quyết …"


def _meeting_resolution(text: str, start: int, word_end: int, kind: str) -> Mention | None:
    """A resolution issued by a congress or a plenum named as the sentence's subject ("Hội nghị lần
    thứ năm Ban Chấp hành Trung ương Đảng khóa VIII đã ra Nghị quyết về …"): that meeting's
    resolution, with the name the patterns give it, not a new un-numbered document."""
    verb = ACT_BEFORE_RE.search(text, max(0, start - ISSUED_LOOKBACK), start)
    if verb is None:
        return None
    dot = text.rfind(". ", 0, verb.start())
    lo = max(text.rfind("\n", 0, verb.start()) + 1, dot + 2 if dot >= 0 else 0, verb.start() - MEETING_ACTOR_CHARS)
    actor = " ".join(text[lo:verb.start()].split())
    done = _done_end_re().search(actor)
    if done:
        actor = actor[:done.start()].rstrip()
    name = f"{kind} {actor}"
    for d in descriptors():
        if d.name not in ("congress", "plenum") or d.kind != kind:
            continue
        m = d.regex.fullmatch(name)
        if m is not None:
            return Mention(start, word_end, "named", kind, descriptor=_canonical(d.name, m, name),
                           identity=_named_identity(d.name, m, name))
    return None


@functools.cache
def _done_end_re() -> re.Pattern:
    """A word of `done` ending the subject before its verb ("… khóa VIII | đã")."""
    return re.compile(rf"[ \t]+(?:{one_of(citation_words('issued', 'done'))})\Z")


HEADLINE_MAX = 200         # a text's first line longer than this is no headline
ENGLISH_THIS_REACH = 14    # "the present " before an English type word


@functools.cache
def _english_this_re() -> re.Pattern:
    """An English demonstrative right before a type word ("This | Regulation")."""
    return re.compile(rf"(?<!\w)(?:{one_of(citation_words('demonstrative', 'english_this'))})[ \t\n]{{1,2}}\Z")


ENGLISH_ISSUED_REACH = 60  # "has issued a detailed action " before an English type word


@functools.cache
def _english_issued_re() -> re.Pattern:
    """An English issuance verb, an article and at most two words right before a type word ("has
    issued a | plan", "adopted an | action programme")."""
    verbs = [v for v in citation_words("issued", "verbs") if v.isascii()]
    return re.compile(rf"(?<!\w)(?:{one_of(verbs)})[ \t\n]{{1,2}}(?:{one_of(citation_words('issued', 'english_articles'))})"
                      rf"(?:[ \t\n]{{1,2}}[a-z][a-z-]{{1,20}}){{0,2}}[ \t\n]{{1,2}}\Z")


ENGLISH_SENTENCE_REACH = 300   # back from a second document issued to the verb that issues both


@functools.cache
def _english_also_re() -> re.Pattern:
    """"and another | plan": a second document, with at most two words before its type word."""
    return re.compile(rf"(?<!\w)(?:{one_of(citation_words('issued', 'english_also'))})"
                      rf"(?:[ \t\n]{{1,2}}[a-z][a-z-]{{1,20}}){{0,2}}[ \t\n]{{1,2}}\Z")


def _english_also_issued(text: str, pos: int) -> bool:
    """A second document issued by the verb earlier in the sentence ("issued a plan reviewing … and
    another | plan reviewing …")."""
    also = _english_also_re().search(text, max(0, pos - ENGLISH_ISSUED_REACH), pos)
    if also is None:
        return False
    lo = max(0, text.rfind("\n", 0, also.start()), also.start() - ENGLISH_SENTENCE_REACH)
    ends = list(_ENGLISH_SENTENCE_END_RE.finditer(text, lo, also.start()))
    verbs = [v for v in citation_words("issued", "verbs") if v.isascii()]
    return re.search(rf"(?<!\w){one_of(verbs)}(?!\w)", text[ends[-1].end() if ends else lo:also.start()]) is not None


_ENGLISH_SENTENCE_END_RE = re.compile(r"(?<!\bNo)(?<!\bNos)[.!?][ \t]+(?=[A-Z])")


@functools.cache
def _english_the_re() -> re.Pattern:
    return re.compile(rf"(?:{one_of(citation_words('demonstrative', 'english_the'))})[ \t]{{1,2}}\Z")


def _opens_sentence_with_the(text: str, pos: int) -> bool:
    """"The | directive requires …" at a sentence's start: the text's own document."""
    the = _english_the_re().search(text, max(0, pos - 6), pos)
    if the is None:
        return False
    before = text[:the.start()].rstrip(" \t")
    return not before or before[-1] in ".!?\n"


LEAD_MAX = 400             # the lead sentence of a news article after its headline


def _lead_end(text: str, headline_end: int) -> int:
    """The end of a news article's lead: the first sentence after its headline (0 without one)."""
    if not headline_end:
        return 0
    end = SENTENCE_END_RE.search(text, headline_end + 1, min(len(text), headline_end + LEAD_MAX))
    return end.start() if end else 0


BODY_LINE_CHARS = 400      # how far back the line of a body that issues a document is looked for


def _done_by_one(text: str, pos: int) -> bool:
    """An issuance reported as done right before ``pos`` ("… vừa ban hành | kế hoạch …"), by a
    clause whose subject is not counted or quantified ("100% chi bộ đã xây dựng kế hoạch …", "các
    huyện ủy đã ban hành kế hoạch …": each made one of its own; citations.toml [issued] many)."""
    done = DONE_BEFORE_RE.search(text, max(0, pos - ISSUED_LOOKBACK), pos) if verb_ends_before(text, pos) else None
    if done is None:
        return False
    lo = sentence_start(text, done.start())      # at most REQUEST_LOOKBACK back: no scan of a whole line
    start = max(lo, text.rfind(",", lo, done.start()) + 1, text.rfind("\n", lo, done.start()) + 1)
    return _many_re().match(text, start, done.start()) is None


def _many_re() -> re.Pattern:
    return _many_res(UNMARKED.get())


@functools.cache
def _many_res(unmarked: bool) -> re.Pattern:
    # a count is a number and a word ("100% chi bộ", "15 huyện ủy"), not a date or a time before a
    # body ("12/11/2024 15:30 Ban Thường vụ …", a page's line run into the lead)
    # in a text with its diacritics, "mọi", "mỗi" as written: not the "Mới" of "Mới đây Tỉnh ủy đã ban hành …"
    many = by_marks(citation_words("issued", "many"), unmarked, bare=False)
    return re.compile(rf"[ \t\-–•*+]*(?:(?:{one_of(citation_words('issued', 'many_openers'))})[ \t]{{1,2}})?"
                      rf"(?:\d{{1,5}}(?:[.,]\d{{1,3}})?[ \t]?%?[ \t]{{1,2}}[^\W\d]|{many}(?!\w))")


def _issued_in_clause(text: str, pos: int) -> bool:
    """In an article, a body at the head of the clause issues what comes at ``pos``, asking for
    nothing ("Thực hiện Kế hoạch số …, Huyện ủy ban hành | kế hoạch …")."""
    return _body_acts_before(text, pos, True) and not requested_before(text, pos)


def _body_acts_before(text: str, pos: int, after_clause: bool = False) -> bool:
    """In a lead, a body at the head of the sentence issues what comes at ``pos`` ("(QTO) - Ban
    Thường vụ Tỉnh ủy ban hành | văn bản …", "Tỉnh ủy gửi | văn bản …"): an act reported, the
    aspect word dropped as in a headline; not a task asked of bodies ("Các huyện ủy ban hành …").
    With ``after_clause``, the body may open the sentence's last clause ("Thực hiện Kế hoạch số
    …, Huyện ủy ban hành | kế hoạch …")."""
    verb = ACT_BEFORE_RE.search(text, max(0, pos - ISSUED_LOOKBACK), pos) if verb_ends_before(text, pos) else None
    if verb is None:
        return False
    lo = max(0, verb.start() - BODY_LINE_CHARS)         # a bounded look back: a text may be one line
    start = max(lo, text.rfind("\n", lo, verb.start()) + 1)
    if after_clause:
        start = max(start, sentence_start(text, verb.start()))     # a sentence inside a paragraph
    dateline = DATELINE_RE.match(text, start, verb.start())
    if dateline:
        start = dateline.end()
    opener = DONE_OPENER_RE.match(text, start, verb.start())
    if opener:
        start = opener.end()
    comma = text.rfind(",", start, verb.start()) if after_clause else -1
    if comma >= 0:
        # the clause before the comma opens with a cue ("Thực hiện …,", "Để triển khai …,"), not
        # with a date (an item of a chronology) or a body of a list
        lead = start + len(text[start:comma]) - len(text[start:comma].lstrip(" \t-–•*+"))
        hits = cue_table().find(text, lead, min(comma, lead + OPENING_CUE_CHARS))
        if hits and hits[0].start == lead:
            start = comma + 1
    while start < verb.start() and text[start] in " \t":
        start += 1
    v = org_vocab()
    if v.quantifier_re.match(text[start:verb.start()]):
        return False
    orgs, _ = org_list(text, start, verb.start(), v)
    return bool(orgs) and not text[orgs[-1].end:verb.start()].strip()


def headline_end(text: str) -> int:
    """The end of a text's first line when it is a headline (short, no full stop), else 0: a
    headline drops the aspect words ("Tỉnh ủy ban hành kế hoạch ..." for "... vừa ban hành ...")."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    line = text[start:end].rstrip()
    return end if 0 < len(line) <= HEADLINE_MAX and not line.endswith(".") else 0


CITED_MAX_CHARS = 160      # the description of a document cited by its name
CITED_AFTER = CITING      # the cues after which a type word and a name cite a document (and those marked `cites`)
# the cues after which a type word cites a document named by its owner ("thực hiện Chỉ thị của Bộ
# Chính trị về …"), not by a name alone ("thực hiện kế hoạch công tác năm", a plan of no one)
CITED_OWNED_AFTER = frozenset({"IMPLEMENTS", "REVIEWS", "FOLLOWS_UP_ON"})
_CITED_END_RE = re.compile(r"[;.:\n()\"“”]")


def _cited_by_name(text: str, at: list[tuple[int, int, str]], mentions: list[Mention]) -> list[Mention]:
    """A document cited by its type word and a name, with no number, right after a relation cue
    ("Căn cứ Quy chế làm việc của Ban Chấp hành Trung ương, Bộ Chính trị và Ban Bí thư khóa
    XIII;", "Thực hiện Kế hoạch công tác năm 2023, ..."): a ``named`` mention whose descriptor is
    the name, up to the punctuation that ends it, a date, a comma before a word in lower case
    or the next type word joined to it."""
    spans = sorted((m.start, m.end) for m in mentions)
    starts = [a for a, _ in spans]
    by_start = {m.start: m for m in mentions}
    table = cue_table()
    joined = _joined_gap_re()
    numbered_kinds = {m.kind for m in mentions if m.form in ("full", "bare")}
    out: list[Mention] = []
    for start, word_end, kind in at:
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and spans[i][1] > start:
            continue            # inside another mention
        prev = spans[i] if i >= 0 else None          # the mention before, or the last one cited here
        if out and (prev is None or out[-1].end > prev[1]):
            prev = (out[-1].start, out[-1].end)
        cue = table.cue_before(text, start)        # one scan for the three questions about it
        if text[start:start + 1].islower():
            # a type word in lower case names a document only by its owner, after a cue of carrying
            # out, where no numbered document of its kind is named ("kế hoạch" is also a common noun)
            if kind not in numbered_kinds and is_of(cue, CITED_OWNED_AFTER):
                out.extend(_cited_lower(text, start, word_end, kind, spans, i))
            continue
        cited = is_of(cue, CITED_AFTER, cites=True) or (
            prev is not None and joined.fullmatch(text, prev[1], start) is not None
            and (table.ends_before(text, prev[0], CITED_AFTER, cites=True) or any(o.start == prev[0] for o in out)))
        if not cited and kind not in numbered_kinds and is_of(cue, CITED_OWNED_AFTER):
            # not where a numbered document of the kind is named: "Triển khai Chỉ thị của Ban Bí
            # thư về …" heads a report on "Chỉ thị số 18-CT/TW", the same one
            cited = _of_re().match(text, _skip_blanks(text, word_end)) is not None
        if not cited and text[start:start + 1].isupper() and is_of(cue, CITED_OWNED_AFTER):
            cited = _opens_issuance(text, start, word_end, spans, table)
        promulgated = False
        if not cited and text[start:start + 1].isupper() and prev is not None:
            cited = promulgated = promulgating(text, start, by_start.get(prev[0]), kind) is not None
        if (cited or text[start:start + 1].isupper()) and i + 1 < len(spans):
            cue_at = _carries_out(text, word_end, spans[i + 1][0], table)
            if cue_at is None and text[start:start + 1].isupper() and is_of(cue, CITED_OWNED_AFTER) and vocab().gives_tasks(kind) \
                    and _owner_after(text, by_start.get(spans[i + 1][0])) is None:
                # "triển khai | Kế hoạch thực hiện Nghị quyết số 57-NQ/TW": a plan named by nothing but what
                # it carries out, the cue right after its type word (its owner after the symbol: below)
                direct = _cue_before(text, word_end, spans[i + 1][0], table)
                cue_at = direct if direct is not None and not text[word_end:direct].strip() else None
            if cue_at is not None:
                # "Kế hoạch của Ban Thường vụ Quận ủy về thực hiện Kết luận số 21-KL/TW": named by
                # what it carries out; the cue stays outside the mention, to relate the two
                out.append(_carried(text, start, word_end, cue_at, spans[i + 1][1], kind))
                continue
            owner = _owner_after(text, by_start.get(spans[i + 1][0]))
            cue_at = _cue_before(text, word_end, spans[i + 1][0], table) if owner else None
            if cue_at is not None:
                # "Thực hiện Kế hoạch tổng kết 10 năm thực hiện Nghị quyết số 39-NQ/TW của Tỉnh ủy": its
                # owner named after what it carries out (a body of another level than the symbol's issuer)
                out.append(_carried(text, start, word_end, cue_at, spans[i + 1][1], kind, name_end=owner))
                continue
        if not cited:
            continue
        end = _cited_end(text, word_end)
        inline = _promulgated_in_re().search(text, word_end, spans[i + 1][0]) \
            if i + 1 < len(spans) and spans[i + 1][0] < end else None
        if inline is not None:
            end = inline.start()    # "Quy chế … ban hành kèm theo | Quyết định số …": named, then promulgated
        elif i + 1 < len(spans) and spans[i + 1][0] < end:
            # promulgated, or cited by a cue of promulgation ("về việc ban hành | Chương trình hành động
            # thực hiện Nghị quyết số 57-NQ/TW"): named by what it carries out
            cue_at = _cue_before(text, word_end, spans[i + 1][0], table) if promulgated or (cue is not None and cue.cites) else None
            if cue_at is not None:
                # "Nghị quyết số 05-NQ/TU kèm theo | Chương trình hành động thực hiện Nghị quyết số
                # 57-NQ/TW": the document promulgated, named by what it carries out (the cue stays outside)
                out.append(_carried(text, start, word_end, cue_at, spans[i + 1][1], kind))
            continue            # a name that runs into a numbered document ("Kết luận … tại Thông báo số 45-TB/TW"): that one is cited
        name = text[word_end:end]
        if " ".join(fold(name).split()) in _not_names():
            continue            # "căn cứ Quyết định thi hành": the text's own decision
        if end - word_end < 3:
            name = _shared_name(text, word_end)
            if name is None:
                continue        # a type word alone ("Căn cứ Quy định, ..."): no name
            end = word_end      # "Tờ trình và Báo cáo của Bộ Chính trị …": both have the name after the last
        desc = kind + " " + " ".join(name.split())
        # a document promulgated is the one the title names the same way, if the title does
        identity = (CARRIED if promulgated else "cited:") + " ".join(fold(desc).split())
        out.append(Mention(start, end, "named", kind, descriptor=desc, identity=identity))
    return out


REPORTED_BEFORE_CHARS = 30     # "cho ý kiến vào " before a report's type word


@functools.cache
def _reported_before_re(capitals: bool = False) -> re.Pattern:
    """What may stand right before a report named in lower case (citations.toml [reported]): one of
    its words, or an opening ";", ":" or line start; before one in capitals, one of its words only
    (an item that opens with "Báo cáo …" names a task or a content)."""
    words = written_one_of(citation_words("reported", "named_after"))
    return re.compile(rf"(?<!\w){words}[ \t]*\Z" if capitals else rf"(?:(?<!\w){words}|[;:]|^)[ \t]*\Z", re.M)


@functools.cache
def _english_reported_before_re() -> re.Pattern:
    """What stands right before a report named in English ([reported] `english_named_after`, an
    article of `english_articles`, then "draft" or not): "heard a report", "the draft report"."""
    words = one_of(citation_words("reported", "english_named_after") + citation_words("issued", "english_articles"))
    draft = one_of(citation_words("reported", "english_draft"))
    return re.compile(rf"(?<!\w){words}(?:[ \t]+{draft})?[ \t]+\Z", re.I)


@functools.cache
def _outline_re() -> re.Pattern:
    """A type word of an outline (types.toml `outline`) and its blanks, ending where the search ends."""
    words = [w for w, t in vocab().type_words.items() if t.get("outline")]
    return re.compile(rf"(?<!\w)(?P<word>{one_of(words)})[ \t]{{1,3}}\Z")


def _outline_before(text: str, pos: int) -> tuple[int, int, str] | None:
    """The outline named right before the report at ``pos``, itself after one of [reported]
    `named_after` ("cho ý kiến về | Đề cương | Báo cáo …"): its start, its type word's end and kind."""
    m = _outline_re().search(text, max(0, pos - REPORTED_BEFORE_CHARS), pos)
    if m is None or not _reported_before_re(True).search(text, max(0, m.start() - REPORTED_BEFORE_CHARS), m.start()):
        return None
    return m.start(), m.end("word"), vocab().canonical_word(m.group("word"))


LIST_GAP_CHARS = 12     # ", " or " và " (or "cùng với") before an item of a list


def _listed_report(text: str, pos: int, word_end: int, kind: str, previous: int) -> tuple[int, int, str] | None:
    """A report in capitals (or its outline: "Đề cương | Báo cáo …") that opens an item of a list
    ("," or a joining word right before it) whose earlier item, a report named at ``previous``, is in
    the same sentence: its start, its type word's end and its kind, like ``_outline_before``."""
    o = _outline_re().search(text, max(0, pos - REPORTED_BEFORE_CHARS), pos)
    start, end, k = (o.start(), o.end("word"), vocab().canonical_word(o.group("word"))) if o else (pos, word_end, kind)
    if previous >= start or SENTENCE_END_RE.search(text, previous, start):
        return None
    gap = _joined_gap_re()
    if not any(gap.fullmatch(text, k0, start) for k0 in range(max(previous, start - LIST_GAP_CHARS), start)):
        return None
    return start, end, k


def _reported(text: str, at: list[tuple[int, int, str]], mentions: list[Mention]) -> list[Mention]:
    """Reports named in lower case by what they review or carry out ("nghe báo cáo tổng kết 10 năm
    thực hiện Nghị quyết số 33-NQ/TW"): a cue of ``CITED_OWNED_AFTER`` within [reported] `words`
    words of the type word, right before a document; the cue stays outside the mention. One document
    per kind and document reviewed."""
    spans = sorted((m.start, m.end) for m in mentions)
    starts = [a for a, _ in spans]
    by_start = {m.start: m for m in mentions}
    table = cue_table()
    most = int(load_data("citations.toml")["reported"]["words"])
    out: list[Mention] = []
    for start, word_end, kind in at:
        i = bisect.bisect_right(starts, start)
        if i >= len(spans) or (i > 0 and spans[i - 1][1] > start):
            continue        # nothing after it, or inside another mention
        cue_at = _cue_before(text, word_end, spans[i][0], table)
        if cue_at is None or len(text[word_end:cue_at].split()) > most:
            continue
        target = by_start.get(spans[i][0])
        aim = target.code.key if target is not None and target.code is not None else (
            target.identity if target is not None and target.identity else " ".join(fold(text[spans[i][0]:spans[i][1]]).split()))
        word = text[start:word_end]
        head = word[:1].upper() + word[1:] if word.isascii() else kind     # "report" in English: "Report …"
        desc = head + " " + " ".join(text[word_end:spans[i][1]].split())
        out.append(Mention(start, cue_at, "named", kind, descriptor=desc, identity=f"{REPORTED}{fold(kind)}>{aim}"))
    return out


REPORTED = "reported:"     # the identity of a report named by what it reviews: its kind and that document


OPENING_CUE_CHARS = 40     # "Thực hiện", "Triển khai thực hiện": the cue that opens a sentence
PROMULGATION_REACH = 200   # from a decision's name to the verb by which it promulgates a document
PROMULGATION_TITLE_GAP = 160   # from a letter's number to its title line ("Số 369-CV/BTGTU" / "Gửi Đề cương …")
PROMULGATION_VERB_CHARS = 30   # "ban hành kèm theo " before the type word
_PROMULGATION_GAP_RE = re.compile(r"[.;:\n]")


@functools.cache
def _promulgation() -> tuple[tuple[re.Pattern, frozenset[str], frozenset[str] | None, frozenset[str] | None], ...]:
    """(verb, kinds, the words allowed between the document and the verb when it must follow it
    directly, else None, the kinds of document it may promulgate, None for any)."""
    return tuple((re.compile(rf"(?<!\w)(?:{one_of(e['words'])})[ \t]{{1,3}}\Z"), frozenset(e["kinds"]),
                  frozenset(fold(w) for w in e.get("link_words", ())) if e.get("direct") else None,
                  frozenset(e["documents"]) if "documents" in e else None)
                 for e in load_data("cues.toml")["promulgation"])


def _directly_after(text: str, before: Mention, verb: int, links: frozenset[str]) -> bool:
    """Nothing but ``before``'s own date and issuing body, and ``links``, between it and ``verb``."""
    gap = text[before.end:verb]
    if before.date is not None and before.end <= before.date.start and before.date.end <= verb:
        gap = text[before.end:before.date.start] + " " + text[before.date.end:verb]
    if before.body_text:
        gap = gap.replace(before.body_text, " ", 1)
    return all(w in links for w in fold(gap).split() if any(c.isalnum() for c in w)) \
        and not any(c in gap for c in ".;:\n")


@functools.cache
def _title_about_re() -> re.Pattern:
    """What may open a title line before its words: "V/v", "Về việc" (layout.toml [title] about)."""
    return re.compile(rf"[ \t]*(?:(?:{one_of(load_data('layout.toml')['title']['about'])})[ \t:]*)?\Z")


@functools.cache
def promulgation_kinds() -> frozenset[str]:
    return frozenset(k for _, kinds, _, _ in _promulgation() for k in kinds)


def promulgating(text: str, pos: int, before: Mention | None, kind: str | None = None) -> str | None:
    """The document named at ``pos`` (of ``kind``, when known) is promulgated or sent by ``before``,
    a decision or a letter named earlier in the clause ("Quyết định số 934-QĐ/TU, ngày … của Ban
    Thường vụ ban hành | Quy trình …"), or a letter whose title opens with the verb ("Số
    369-CV/BTGTU" / "Gửi | Đề cương tuyên truyền …"); cues.toml [[promulgation]]. The verb as
    written, or None."""
    if before is None or before.end > pos:
        return None
    if before.this and not text[before.end:pos].strip():
        return _promulgating_this(text, before)
    for rx, kinds, links, documents in _promulgation():
        if documents is not None and kind not in documents:
            continue
        verb = rx.search(text, max(before.end, pos - PROMULGATION_VERB_CHARS), pos) if before.kind in kinds else None
        if verb is None:
            continue
        if links is not None and not _directly_after(text, before, verb.start(), links):
            continue
        gap = verb.start() - before.end
        if gap <= PROMULGATION_REACH and _PROMULGATION_GAP_RE.search(text, before.end, verb.start()) is None:
            return " ".join(verb.group().split())
        line = text.rfind("\n", 0, verb.start()) + 1
        if gap <= PROMULGATION_TITLE_GAP and line > before.end and ";" not in text[before.end:line] \
                and _title_about_re().match(text, line, verb.start()):
            return " ".join(verb.group().split())
    return None


ATTACHED_REACH = 400     # from the line "(Ban hành kèm theo …)" back to the heading of the document attached


@functools.cache
def _attachment_res() -> tuple[tuple[re.Pattern, frozenset[str]], ...]:
    return tuple((re.compile(rf"(?:^|\n)[ \t]*\([ \t]*(?:{one_of(e['words'])})[ \t]{{1,3}}\Z"), frozenset(e["kinds"]))
                 for e in load_data("cues.toml")["promulgation"])


def attached_to(text: str, m: Mention, mentions: list[Mention]) -> tuple[Mention, str] | None:
    """The line under an attached document's heading names the document that promulgates it: "(Ban
    hành kèm theo Quyết định số 141/QĐ-UBND ngày … của …)", "(Kèm theo Nghị quyết số 88/NQ-CP …)". For
    the mention ``m`` of that document: the mention that opens the last line above it that opens with
    one (the heading of the document attached, within ATTACHED_REACH) and the verb, else None."""
    verb = None
    for rx, kinds in _attachment_res():
        v = rx.search(text, max(0, m.start - PROMULGATION_VERB_CHARS - 4), m.start) if m.kind in kinds else None
        if v is not None:
            verb = v
            break
    if verb is None:
        return None
    line = verb.start() + (text[verb.start()] == "\n")
    heads = [x for x in mentions if line - ATTACHED_REACH <= x.start < line and x.doc is not m.doc
             and not text[text.rfind("\n", 0, x.start) + 1:x.start].strip(" \t*-+•")]
    if not heads:
        return None
    return heads[-1], " ".join(verb.group().strip(" \t\n(").split())


@functools.cache
def _promulgated_in_re() -> re.Pattern:
    """One of [cited] `promulgated_in` ending where the search ends (the next document's mention)."""
    return re.compile(rf"[ \t,]*(?<!\w)(?P<verb>{one_of(citation_words('cited', 'promulgated_in'))})[ \t\n]{{1,3}}\Z")


def promulgated_in(text: str, m: Mention, before: Mention | None) -> str | None:
    """``before``, a document named by its type word and a name, is promulgated by ``m``, named right
    after one of [cited] `promulgated_in` ("Quy chế làm việc mẫu của tỉnh ủy ban hành kèm theo |
    Quyết định số 1374-QĐ/TW …"): the verb as written, else None."""
    if before is None or before.form != "named" or before.end > m.start:
        return None
    verb = _promulgated_in_re().match(text, before.end, m.start)
    return " ".join(verb.group("verb").split()) if verb is not None else None


def _promulgating_this(text: str, this: Mention) -> str | None:
    """The legal formula that attaches a document to the text's own: "Ban hành kèm theo Quyết định
    này | Kế hoạch thực hiện …", "kèm theo Nghị quyết này | Chương trình hành động …": the verb right
    before the text's own document named by its demonstrative, the document promulgated right after."""
    for rx, kinds, _, _ in _promulgation():
        verb = rx.search(text, max(0, this.start - PROMULGATION_VERB_CHARS), this.start) if this.kind in kinds else None
        if verb is not None:
            return " ".join(verb.group().split())
    return None


CARRIED_NAME_CHARS = 100   # "của Ban Thường vụ Tỉnh ủy về": the name between a type word and its cue
CARRIED_REACH = 140        # the name and its cue ("… về tiếp tục thực hiện")
CONGRESS = "congress:"     # the identity of a congress's resolution cited by name: its level and ordinal
CARRIED = "carried:"       # the identity of a document named by what it carries out: its name, "|", its name without its body
CARRIED_LINK_WORDS = 1     # "về", "để" between the body and the cue


@functools.cache
def _carried(text: str, start: int, word_end: int, cue_at: int, target_end: int, kind: str,
             name_end: int | None = None) -> Mention:
    """A document named by what it carries out: its type word at ``start``, its name up to the end of
    the document carried out (``target_end``; or ``name_end``, its owner's end, when the owner comes
    after it), the cue at ``cue_at`` left outside the mention, to relate the two. Its identity holds
    its name with and without its body, folded."""
    desc = kind + " " + " ".join(text[word_end:target_end if name_end is None else name_end].split())
    bodiless = kind + " " + " ".join(text[cue_at:target_end].split())
    return Mention(start, cue_at, "named", kind, descriptor=desc,
                   identity=CARRIED + "|".join(" ".join(fold(x).split()) for x in (desc, bodiless)))


def _owned_by_body(text: str, word_end: int) -> bool:
    """ "của" and an issuing body the vocabulary knows right after ``word_end`` ("kế hoạch | của Ban
    Thường vụ Tỉnh ủy"), not a place or a people ("kế hoạch của tỉnh", "của địa phương")."""
    of = _of_re().match(text, _skip_blanks(text, word_end))
    b = body_re().match(text, _skip_blanks(text, of.end())) if of else None
    return b is not None and vocab().body_named(b.group("body")) is not None


def _cited_lower(text: str, start: int, word_end: int, kind: str, spans, i: int) -> list[Mention]:
    """The document a type word in lower case names with its owner, up to the end of its name; one
    that runs into a document it carries out ends before the cue, which relates the two."""
    j = i + 1       # the first mention after the type word
    cue_at = _cue_before(text, word_end, spans[j][0], cue_table()) if j < len(spans) else None
    if cue_at is not None:
        return [_carried(text, start, word_end, cue_at, spans[j][1], kind)]
    end = _cited_end(text, word_end)
    if end - word_end < 3 or (j < len(spans) and spans[j][0] < end):
        return []
    desc = kind + " " + " ".join(text[word_end:end].split())
    return [Mention(start, end, "named", kind, descriptor=desc, identity="cited:" + " ".join(fold(desc).split()))]


def _not_names() -> frozenset[str]:
    return frozenset(" ".join(fold(w).split()) for w in citation_words("cited", "not_names"))


def _carries_out(text: str, word_end: int, target: int, table) -> int | None:
    """Where the cue starts when a type word is named by its body and what it carries out: "của"
    and the body (no comma), then a cue of ``CITED_OWNED_AFTER`` ("thực hiện", "sơ kết", "tiếp
    tục thực hiện" …) right before the document at ``target``."""
    cue = _cue_before(text, word_end, target, table)
    if cue is None:
        return None
    name = text[word_end:cue]
    of = _of_re().match(text, _skip_blanks(text, word_end))
    if "," in name or of is None:
        return None
    orgs, _ = org_list(text, _skip_blanks(text, of.end()), cue)
    if not orgs or len(text[orgs[-1].end:cue].split()) > CARRIED_LINK_WORDS:
        return None         # "Chỉ thị của Ban Thường vụ được ban hành trên cơ sở thực hiện …": a clause
    return cue


def _owner_after(text: str, target: Mention | None) -> int | None:
    """Where the owner named right after a Party document's symbol ends ("… số 39-NQ/TW, ngày … của
    Tỉnh ủy"), when that body is of another level than the symbol's issuer: then it owns the name
    before the symbol, not the symbol's document."""
    if target is None or target.code is None or target.code.system != "party":
        return None
    v = vocab()
    level = v.issuer_level(target.code.issuer or "")
    dated = TAIL_DATE_RE.match(text, target.end, min(len(text), target.end + OWNER_DATE_CHARS))
    pos = _skip_blanks(text, dated.end() if dated else target.end)
    of = _of_re().match(text, pos)
    b = body_re().match(text, _skip_blanks(text, of.end())) if of else None
    body = v.body_named(b.group("body")) if b else None
    if body is None or not body.code or level is None or v.issuer_level(body.code) in (None, level):
        return None
    return b.end()


OWNER_DATE_CHARS = 40      # ", ngày 25 tháng 10 năm 2017 " between a symbol and "của …"


def _cue_before(text: str, word_end: int, target: int, table) -> int | None:
    """Where a cue of ``CITED_OWNED_AFTER`` starts that ends right before the document at ``target``,
    after a name of at most CARRIED_NAME_CHARS from ``word_end`` with no end of a name between."""
    if target - word_end > CARRIED_REACH or _CITED_END_RE.search(text, word_end, target):
        return None
    hits = table.find(text, word_end, target)
    if not hits or hits[-1].entry.type not in CITED_OWNED_AFTER or (
            text[hits[-1].end:target].strip() and not _english_article_gap(text, hits[-1].end, target)):
        return None
    return hits[-1].start if hits[-1].start - word_end <= CARRIED_NAME_CHARS else None


def _english_article_gap(text: str, pos: int, end: int) -> bool:
    """Only an English article between ``pos`` and ``end`` ("implementation of | the | Resolution of the
    13th National Party Congress"): English names a document after one."""
    return fold(text[pos:end]).split() in ([a] for a in _english_articles())


@functools.cache
def _english_articles() -> tuple[str, ...]:
    return tuple(fold(a) for a in citation_words("issued", "english_articles"))


def _opens_issuance(text: str, start: int, word_end: int, spans: list[tuple[int, int]], table) -> bool:
    """A sentence opens with the cue and a named document, and goes on to issue a numbered one
    ("Thực hiện Thông cáo đặc biệt về …, Tỉnh ủy Nghệ An đã ban hành Công văn số 28-CV/TU …"):
    the name is a document's, the one the issued document acts on."""
    lo = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start) + 1)
    if len(text[lo + 1:start].strip()) > OPENING_CUE_CHARS:
        return False
    end = _cited_end(text, word_end)
    after = _skip_blanks(text, end)
    if end - word_end < 3 or text[after:after + 1] != ",":
        return False
    stop = SENTENCE_END_RE.search(text, after)      # the sentence may go on over a hard line break
    stop_at = stop.start() if stop else len(text)
    issued = table.issuing_re.search(text, after, stop_at)
    return issued is not None and any(issued.end() <= a < stop_at for a, _ in spans)


def _shared_name(text: str, pos: int) -> str | None:
    """The name that a type word with none shares with the type word joined to it ("Tờ trình |
    và Báo cáo của Bộ Chính trị …"), None if no type word with a name follows."""
    gap = _joined_gap_re().match(text, pos)
    if gap is None:
        return None
    m = type_word_re().match(text, gap.end())
    if m is None or m.group("num") or m.group("so"):
        return None
    end = _cited_end(text, m.end("word"))
    return text[m.end("word"):end] if end - m.end("word") >= 3 else None


def _skip_blanks(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


@functools.cache
def _of_re() -> re.Pattern:
    """ "của" before the owners of a name ("Quy chế làm việc của Ban Chấp hành Trung ương, Bộ
    Chính trị và Ban Bí thư"): commas after it list them."""
    return re.compile(rf"(?<!\w){one_of(citation_words('body', 'of'))}(?!\w)")


@functools.cache
def _joined_gap_re() -> re.Pattern:
    """The gap between two documents of one list: ",", ";" or a joining word (cues.toml [joining])."""
    return re.compile(rf"\s*(?:[,;]|\s{one_of(load_data('cues.toml')['joining']['words'])})\s*")


def _cited_end(text: str, pos: int) -> int:
    hi = min(len(text), pos + CITED_MAX_CHARS)
    stop = _CITED_END_RE.search(text, pos, hi)
    while stop is not None and stop.group() == "\n" and _line_goes_on(text, pos, stop.start()):
        stop = _CITED_END_RE.search(text, stop.end(), hi)
    end = stop.start() if stop else hi
    cut = _cited_cut_re().search(text, pos, end)
    while cut is not None and in_compound(text, cut.start()):
        cut = _cited_cut_re().search(text, cut.start() + 1, end)     # "phòng, chống": one word
    if cut:
        end = cut.start()
    comma = text.find(",", pos, end)
    if comma >= 0 and (not _of_re().search(text, pos, comma) or _clause_after(text, comma + 1, end)):
        # "Kế hoạch công tác năm 2023, Ban Dân vận ...", "Báo cáo của Ban Tổ chức …, Ban Thường vụ
        # kết luận …": a new clause, not a list of owners
        end = comma
    while end > pos and not text[end - 1].isalnum():
        end -= 1
    return end


COMPOUND_CHARS = 12      # a comma compound's words on either side of its comma


@functools.cache
def _comma_compound_re() -> re.Pattern:
    """A word written with a comma inside it (citations.toml [cited] comma_compounds)."""
    return re.compile(rf"(?<!\w){one_of(citation_words('cited', 'comma_compounds'))}(?!\w)")


def in_compound(text: str, comma: int) -> bool:
    """The comma at ``comma`` is inside a word of [cited] comma_compounds."""
    return any(m.start() < comma < m.end()
               for m in _comma_compound_re().finditer(text, max(0, comma - COMPOUND_CHARS), comma + COMPOUND_CHARS))


def _clause_after(text: str, pos: int, end: int) -> bool:
    """Bodies at ``pos`` followed by what they do ("…, Ban Thường vụ Tỉnh ủy kết luận …"): a
    clause, not more owners of a name ("…, Bộ Chính trị và Ban Bí thư khóa XIII")."""
    pos = _skip_blanks(text, pos)
    stop = _CITED_END_RE.search(text, pos, min(len(text), end + CITED_MAX_CHARS))
    orgs, verb = org_list(text, pos, stop.start() if stop else min(len(text), end + CITED_MAX_CHARS))
    return bool(orgs) and verb >= 0


def _line_goes_on(text: str, pos: int, newline: int) -> bool:
    """A name broken over a line at ``newline``: the next line goes on in lower case, or the line
    ends with a word no name ends with (citations.toml [cited] `open_ends`: "… của Ban")."""
    nxt = text[newline + 1:newline + 2]
    if not nxt.isalpha():
        return False
    return nxt.islower() or ends_open(text[max(pos, text.rfind("\n", 0, newline) + 1):newline])


@functools.cache
def _cited_cut_re() -> re.Pattern:
    """Where a cited name ends inside its clause: ", ngày …", a date word before a number, a
    comma before a word in lower case, a joining word (cues.toml [joining]) before the next type
    word."""
    day = one_of(citation_words("date", "day"))
    joiners = one_of(load_data("cues.toml")["joining"]["words"])
    lower = f"[{LOWER_LETTERS}]"
    return re.compile(rf",\s*(?:{day}(?!\w)|(?-i:{lower}))|\s{day}\s+\d|(?:\s+{joiners}|,)\s+(?={type_word_re().pattern})")


def is_issued(text: str, m: Mention) -> bool:
    """The mention names a document as issued ("vừa ban hành Kế hoạch ..."); not one a decision
    cited is said to promulgate ("Quyết định số 118 … về ban hành Quy chế …")."""
    return m.form == "issued" or (issued_before(text, m.start) and not cue_table().cites_before(text, m.start))


@functools.lru_cache(maxsize=4096)
def _is_damaged(word: str, kind: str) -> bool:
    """A type word written with diacritics that are not its own ("Nghị qưỹết")."""
    return " ".join(word.split()).casefold() != kind.casefold()


@functools.cache
def _descriptors_by_first() -> tuple[tuple[Descriptor, frozenset[str] | None], ...]:
    """``descriptors()``, each with the characters its matches start with (``fold.first_characters``):
    at a type word that starts with none of them (most), its match is spared."""
    return tuple((d, first_characters(d.regex)) for d in descriptors())


def _named_mentions(text: str, starts: list[int], numbered: list[Mention]) -> list[Mention]:
    """Documents cited by name, tried where a type word or a name such as "Điều lệ" starts;
    skipped where they overlap a numbered mention or follow one directly (then they describe
    it: "60-NQ/TW (Nghị quyết Hội nghị lần thứ 11 ...)")."""
    if not starts:
        return []
    spans = sorted((m.start, m.end) for m in numbered if m.form in ("full", "bare"))
    span_starts = [a for a, _ in spans]
    out: list[Mention] = []
    matches: list = []          # the descriptor and the match of each of ``out``

    def near_numbered(s: int, e: int) -> bool:
        # overlapping a numbered mention, or right after one ("60-NQ/TW (Nghị quyết ...)")
        i = bisect.bisect_left(span_starts, e)
        for a, b in spans[max(0, i - 2):i]:
            if a < e and s < b or (0 <= s - b <= 3 and text[b:s].strip() in ("(", "")):
                return True
        return False

    for pos in starts:
        for d, first in _descriptors_by_first():
            m = d.regex.match(text, pos) if first is None or text[pos:pos + 1] in first else None
            if m is None:
                continue
            s, e = m.start(), m.end()
            if near_numbered(s, e):
                break
            desc = " ".join(text[s:e].split())
            out.append(Mention(s, e, "named", d.kind, descriptor=_canonical(d.name, m, desc),
                               identity=_named_identity(d.name, m, desc)))
            matches.append((d, m))
            break
    _share_plenum_tails(text, out, matches)
    _share_plenum_terms(out)
    return out


def _share_plenum_terms(out: list[Mention]) -> None:
    """A plenum named again without its term ("Nghị quyết Trung ương 3 (khóa X)" …, later
    "Nghị quyết Trung ương 3") is the one of the term the text gives it, when the text names
    that plenum in one term only."""
    termed: dict[str, set[str]] = {}
    by_identity: dict[str, Mention] = {}
    for m in out:
        if m.identity and m.identity.startswith("plenum:") and not m.identity.endswith(":"):
            base = m.identity.rsplit(":", 1)[0] + ":"
            termed.setdefault(base, set()).add(m.identity)
            by_identity.setdefault(m.identity, m)
    if not termed:
        return
    for i, m in enumerate(out):
        ids = termed.get(m.identity or "")
        if ids and len(ids) == 1:
            full = by_identity[next(iter(ids))]
            out[i] = replace(m, descriptor=full.descriptor, identity=full.identity)


def _share_plenum_tails(text: str, out: list[Mention], matches: list) -> None:
    """Plenums joined under one committee and term ("Nghị quyết Hội nghị lần thứ tư và Nghị quyết
    Hội nghị lần thứ chín Ban Chấp hành Trung ương Đảng khóa XI"): the first, named by its
    number only, is the same committee's, of the same term."""
    for i in range(len(out) - 2, -1, -1):
        (d, m), (d2, m2) = matches[i], matches[i + 1]
        if d.name != "plenum" or d2.name != "plenum" or m.end() != _number_end(m):
            continue            # not two plenums, or the first names its committee or term
        if _number_end(m2) >= m2.end() or _joined_gap_re().fullmatch(text, m.end(), m2.start()) is None:
            continue
        tail = text[_number_end(m2):m2.end()]
        joined = text[m.start():m.end()] + tail
        m3 = d.regex.match(joined)
        if m3 is None or m3.end() != len(joined):
            continue
        desc = " ".join(joined.split())
        a = out[i]
        out[i] = Mention(a.start, a.end, a.form, a.kind, descriptor=_canonical(d.name, m3, desc),
                         identity=_named_identity(d.name, m3, desc))
        matches[i] = (d, m3)


def _number_end(m: re.Match) -> int:
    """Where a plenum's number ends in its match."""
    return m.end("n1") if m.group("n1") is not None else m.end("n2")


def _named_identity(name: str, m, desc: str) -> str:
    """Mentions of one un-numbered document share an identity: the congress (its organisation
    for a local one) and its ordinal, the plenum's number and term, else the folded name
    without its term of office."""
    f = fold(desc)
    words = _identity_words()
    if name == "english_congress":
        return f"{CONGRESS}national:{_ordinal(_english_number(m.group('ord')))}"
    if name == "english_plenum":
        term = _ordinal(_english_number(m.group("term") or m.group("term2"))).lower()
        return f"plenum:{_english_number(m.group('n1') or m.group('n2'))}:{term}"
    if name == "congress":
        level = "local" if any(w in f for w in words.local) else "national"
        return f"{CONGRESS}{level}:{_ordinal(m.group('ord'))}"
    if name == "plenum":
        term = words.term_re.search(f)
        local = m.group("local")
        where = f"local:{fold(_organisation(_committee_organisation(local)))}:" if local else ""
        return f"plenum:{where}{_plenum_number(m)}:{term.group(1) if term else ''}"
    for w in words.of_office:
        f = f.split(", " + w)[0].split(" " + w)[0]
    return name + ":" + f


def _canonical(name: str, m, desc: str) -> str:
    """One name for a congress's or a plenum's resolution (descriptors.toml [canonical]), so that
    texts that write it differently name one document; other documents keep their words."""
    c = descriptor_words("canonical")
    if name == "english_congress":
        return c["national_congress"].format(ordinal=_ordinal(_english_number(m.group("ord"))))
    if name == "english_plenum":
        return c["plenum"].format(number=_english_number(m.group("n1") or m.group("n2")),
                                  term=_ordinal(_english_number(m.group("term") or m.group("term2"))))
    if name == "congress":
        local = m.group("local1") or m.group("local2")
        if local:
            return c["local_congress"].format(organisation=_organisation(local), ordinal=_ordinal(m.group("ord")))
        return c["national_congress"].format(ordinal=_ordinal(m.group("ord")))
    if name == "plenum":
        number = _plenum_number(m)
        if not number.isdigit():
            return desc
        term = m.group("term")
        if term is None:
            found = _identity_words().term_re.search(fold(desc))
            term = found.group(1) if found else None
        local = m.group("local")
        if local:
            organisation = _organisation(_committee_organisation(local))
            if term:
                return c["local_plenum"].format(number=number, term=term.upper(), organisation=organisation)
            return c["local_plenum_no_term"].format(number=number, organisation=organisation)
        if term:
            return c["plenum"].format(number=number, term=term.upper())
        return c["plenum_no_term"].format(number=number)
    return desc


def _organisation(written: str) -> str:
    """A local Party organisation in its usual spelling ("ĐẢNG BỘ TỈNH QUẢNG NINH" -> "Đảng bộ
    tỉnh Quảng Ninh"): the organisation word, its unit, the place's name."""
    d = descriptor_words("congress")
    written = " ".join(written.split())
    org = next((o for o in d["organisation"] if fold(written).startswith(fold(o))), None)
    if org is None:
        return written
    rest = written.split()[len(org.split()):]
    times = {fold(t) for t in descriptor_words("ordinal")["times"]}
    while rest and fold(rest[-1]) in times:
        rest.pop()              # "… QUẢNG NINH LẦN" (a heading in capitals)
    if not rest:
        return org
    unit = next((u for u in d["units"] if fold(" ".join(rest)).startswith(fold(u) + " ") or fold(" ".join(rest)) == fold(u)), None)
    n = len(unit.split()) if unit else 0
    place = " ".join(rest[n:])
    return " ".join(x for x in (org, unit, vocab().place_name(place) if place else "") if x)


def _committee_organisation(written: str) -> str:
    """The organisation of a local committee as written ("Ban Chấp hành Đảng bộ tỉnh Nghệ An" ->
    "Đảng bộ tỉnh Nghệ An"): what follows the committee's words."""
    f = fold(written)
    for w in sorted(descriptor_words("plenum")["local_committee"], key=len, reverse=True):
        if f.startswith(fold(w) + " "):
            return " ".join(written.split()[len(w.split()):])
    return written


def _plenum_number(m) -> str:
    """A plenum's number in digits ("Trung ương 5", "lần thứ năm" -> "5"); an unknown word as written."""
    written = m.group("n1") or m.group("n2")
    if written.isdigit():
        return str(int(written))
    return str(descriptor_words("ordinal")["numbers"].get(" ".join(fold(written).split()), written))


def _english_number(written: str) -> str:
    """An English ordinal in digits ("13", of "13th") or words ("fourth" -> "4")."""
    if written.isdigit():
        return str(int(written))
    return str(descriptor_words("english_ordinal")["numbers"].get(written.casefold(), written))


def _ordinal(written: str) -> str:
    """A congress's ordinal in Roman numerals ("13" -> "XIII")."""
    if not written.isdigit():
        return written.upper()
    n, out = int(written), ""
    for value, letters in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


@dataclass(frozen=True)
class _IdentityWords:
    """Folded words that tell un-numbered documents apart."""
    local: tuple[str, ...]        # a local Party organisation makes a congress local ("dang bo")
    term_re: re.Pattern           # a term after its word ("khoa xii")
    of_office: tuple[str, ...]    # a term of office starts at these ("nhiem ky")


@functools.cache
def _identity_words() -> _IdentityWords:
    term = "|".join(re.escape(fold(w)) for w in citation_words("term"))
    return _IdentityWords(tuple(fold(w) for w in descriptor_words("congress")["organisation"]),
                          re.compile(rf"\b(?:{term})\s+([ivxl]+)\b"),
                          tuple(fold(w) for w in citation_words("term", "of_office")))
