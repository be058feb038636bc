"""Issue 20, speed of the mentions, context, resolve, scope, layout and relations stages: each
shortcut gives what the code it replaced gave.

The shortcuts (``patterns.verb_ends_before`` before the searches for an issuance verb, the header
of each mention read once in ``context.attach_context``, one type word deciding a document's kind
in ``resolve._fill``, sentences without a cue passed over in ``relations.find_relations``, the
title and body tests of ``layout.Layout`` without generators, the sites' signatures looked for
only where one of their phrases stands and lower-case places passed over in ``scope.py``) are
checked here against the previous code, kept below as the reference, on invented texts and on
../shared/corpus (read, when present).
"""
from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter

import pytest

from vankien.loaders import context, mentions as mentions_mod, patterns, relations, scope
from vankien.loaders.extract import extract_text
from vankien.loaders.layout import Layout, read_layout
from vankien.loaders.mentions import Mention, find_mentions
from vankien.loaders.patterns import (ACT_BEFORE_RE, DONE_BEFORE_RE, ISSUED_BEFORE_RE, ISSUED_LOOKBACK, act_before,
                                      dated_act_before, issued_before, type_word_re, verb_ends_before)
from vankien.loaders.resolve import Document, resolve
from vankien.loaders.segments import segments
from vankien.loaders.cues import cue_table

from corpus_texts import CORPUS, corpus_texts  # noqa: E402

INVENTED = [
    "TỈNH ỦY QUẢNG BÌNH\n*\nSố: 87-KH/TU\nĐồng Hới, ngày 03 tháng 3 năm 2023\n\nKẾ HOẠCH\n"
    "thực hiện Nghị quyết số 29-NQ/TW, ngày 17/11/2022 của Ban Chấp hành Trung ương\n\n"
    "Căn cứ Quy định số 22-QĐ/TW của Bộ Chính trị; thực hiện Chỉ thị số 05-CT/TW và Kết luận số 01-KL/TW,\n"
    "Ban Thường vụ Tỉnh ủy ban hành Kế hoạch này. Kế hoạch thay thế Kế hoạch số 12-KH/TU.\n"
    "Nơi nhận:\n- Như trên,\n- Lưu VT.",
    "(QBĐT) - Ngày 12/11, Ban Thường vụ Tỉnh ủy đã ban hành kế hoạch thực hiện Nghị quyết số 57-NQ/TW. "
    "Huyện ủy vừa có văn bản gửi các chi bộ; các huyện ủy đã xây dựng kế hoạch. "
    "Tỉnh ủy đã ký, ban hành Quy định về công tác cán bộ; Văn phòng gửi kèm theo Hướng dẫn số 3-HD/VPTU.",
    "Baoquangbinh.VN - Đảng ủy phường Nam Lý, Huyện ủy huyện Bố Trạch và Đảng ủy xã Lý Trạch, đảng ủy phường "
    "đã ban hành\nKế hoạch số 15-KH/ĐU; (hnm) Quyết định số 934-QĐ/TU ban hành Quy trình kiểm tra.",
    "HUYỆN ỦY TUYÊN HÓA\nĐẢNG ỦY XÃ THẠCH HÓA\nSố 12-BC/ĐU\n\nBÁO CÁO\nsơ kết Chỉ thị số 35-CT/TW\n"
    "Ban Thường vụ đã ra Nghị quyết số 2-NQ/ĐU. Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII đã được thông qua. "
    "Chiều nay, Huyện ủy phát đi Công văn số 7-CV/HU. hanoimoi.com.vn sggp.org.vn- www.Tphcm.gov.vn",
    "The Politburo has issued Resolution No. 57-NQ/TW; the Secretariat adopted a plan. This Regulation "
    "replaces Regulation No. 30-QĐ/TW.",
]


def _corpus() -> list[str]:
    return list(corpus_texts())


def _texts() -> list[str]:
    return INVENTED + _corpus()


# --- patterns.verb_ends_before -----------------------------------------------------------------

def _before_reference(rx: re.Pattern, text: str, pos: int) -> bool:
    """issued_before and act_before before the shortcut: the search alone, where the verb's last
    word is a whole word written with the marks the data gives it (a text with its diacritics:
    "định kỳ | báo cáo" has no "ký", "assigned" no "signed")."""
    return rx.search(text, max(0, pos - ISSUED_LOOKBACK), pos) is not None and _last_word_as_written(text, pos)


def _last_word_as_written(text: str, pos: int) -> bool:
    last = re.search(r"(\w+)[ \t\n]{1,2}\Z", text[max(0, pos - 30):pos])
    # a whole word, as written or with no diacritics at all ("assigned" holds no "signed", "kỳ" is no "ký")
    from vankien.loaders.fold import strip_marks
    words = {w.casefold() for w in patterns._VERB_LAST_WORDS}
    return last is not None and unicodedata.normalize("NFC", last.group(1)).casefold() in words | {strip_marks(w) for w in words}


def _positions(text: str) -> list[int]:
    """Every word start of the text, its type words and its end."""
    return sorted({m.start() for m in re.finditer(r"(?<!\w)\w", text)} | {len(text)} | {
        m.start() for m in type_word_re().finditer(text)})


def test_verb_ends_before_wherever_an_issuance_verb_does():
    for text in _texts():
        for pos in _positions(text):
            hits = [_before_reference(rx, text, pos) for rx in (ISSUED_BEFORE_RE, DONE_BEFORE_RE, ACT_BEFORE_RE)]
            if any(hits):
                assert verb_ends_before(text, pos), (text[max(0, pos - 60):pos], pos)
            assert issued_before(text, pos) == hits[0]
            assert issued_before(text, pos, True) == hits[1]
            assert act_before(text, pos) == hits[2]


def test_issuance_tests_of_mentions_false_where_no_verb_ends():
    """find_mentions skips its issuance tests where no verb ends before the type word: each is false there."""
    for text in _texts():
        for m in type_word_re().finditer(text):
            pos = m.start()
            if verb_ends_before(text, pos):
                continue
            assert not mentions_mod._done_by_one(text, pos)
            assert not mentions_mod._body_acts_before(text, pos)
            assert not mentions_mod._body_acts_before(text, pos, True)
            assert not dated_act_before(text, pos)
            assert not issued_before(text, pos)


# --- context.attach_context: the headers ------------------------------------------------------

def test_tail_gets_the_header_and_its_stop_the_loop_gave(monkeypatch):
    calls = []
    original = context._tail

    def spy(text, m, stop, claimed, prev=0, header_stop=None, header=None):
        calls.append((m.start, header_stop, header))
        return original(text, m, stop, claimed, prev, header_stop, header)

    monkeypatch.setattr(context, "_tail", spy)
    for text in _texts():
        ms = find_mentions(text, read_layout(text))
        # the previous loop: the headers, then for each mention the first one after it
        headers = [i for i, m in enumerate(ms) if m.code is not None and context._is_header(text, m)]
        starts = [m.start for m in ms]
        expected = []
        for i, m in enumerate(ms):
            if m.form != "named":
                later = [starts[j] for j in headers if j > i]
                expected.append((m.start, later[0] if later else len(text),
                                 m.code is not None and context._is_header(text, m)))
        calls.clear()
        context.attach_context(text, ms)
        assert [(a, b, bool(c) and ms[starts.index(a)].code is not None) for a, b, c in calls] == expected


# --- resolve._fill: the kind ------------------------------------------------------------------

def _kind_reference(d: Document, word_codes) -> str | None:
    kinds = Counter(m.kind for m in d.mentions if m.kind and m.form != "short")
    if not kinds:
        return None
    fit = [k for k, _ in kinds.most_common() if not d.type or d.type in word_codes(k)]
    return fit[0] if fit else kinds.most_common(1)[0][0]


def test_one_type_word_gives_the_kind_the_counter_gave():
    from vankien.loaders.vocab import vocab
    v = vocab()
    docs = []
    for text in _texts():
        ms = find_mentions(text, read_layout(text))
        context.attach_context(text, ms)
        docs += resolve(text, ms, [])
    kinds = list(v.type_words)[:6]
    rng = random.Random(20)
    for _ in range(400):            # invented documents: kinds that fit their code or not, shorts, none
        d = Document(None, "party", type=rng.choice([None, "NQ", "KH", "QĐ", "CT"]))
        for _ in range(rng.randint(1, 4)):
            d.add(Mention(0, 1, rng.choice(["full", "bare", "short", "named"]), rng.choice(kinds + [None])))
        from vankien.loaders import resolve as resolve_mod
        resolve_mod._fill(d, [], lambda: None)
        docs.append(d)
    assert len(docs) > 400
    for d in docs:
        expected = _kind_reference(d, v.word_codes)
        if expected is not None:
            assert d.kind == expected


# --- relations.find_relations: the sentences read -------------------------------------------

def test_sentences_read_are_those_the_loop_read(monkeypatch):
    read = []

    class Spy:
        def __init__(self, text, seg, ms, cs, subject, out, layout, own, before=(), headline=False):
            read.append((seg, [m.start for m in ms], [c.start for c in cs], [m.start for m in before]))

        def read(self):
            pass

    monkeypatch.setattr(relations, "_Sentence", Spy)
    import bisect
    for text in _texts():
        layout = read_layout(text)
        ms = find_mentions(text, layout)
        context.attach_context(text, ms)
        docs = resolve(text, ms, [])
        segs = segments(text)
        cues = cue_table().find_in_sentences(text, segs, sorted(m.start for m in ms))
        for subject in (None, docs[0] if docs else None):
            mentions = relations._mentions(docs)
            outside = relations._outside(cues, mentions)
            m_starts, c_starts = [m.start for m in mentions], [c.start for c in outside]
            expected = []
            for seg in segs:
                sm = mentions[bisect.bisect_left(m_starts, seg.start):bisect.bisect_left(m_starts, seg.end)]
                sc = outside[bisect.bisect_left(c_starts, seg.start):bisect.bisect_left(c_starts, seg.end)]
                if sc and (sm or subject is not None):
                    first = bisect.bisect_left(m_starts, seg.start)
                    before = mentions[max(0, first - relations.PREVIOUS_MENTIONS):first]
                    expected.append((seg, [m.start for m in sm], [c.start for c in sc], [m.start for m in before]))
            read.clear()
            relations.find_relations(text, docs, cues, segs, subject, layout)
            assert read == expected


# --- layout.Layout ------------------------------------------------------------------------------

def _title_opening_reference(lay: Layout, pos: int, reach: int) -> bool:
    return any(a <= pos <= a + reach for a, _ in (s for s in (lay.title, lay.fields.get("summary")) if s))


def _in_body_reference(lay: Layout, pos: int) -> bool:
    if not lay.official:
        return False
    start = max((s[1] for s in (lay.title, lay.heading, lay.number_line, lay.place_date) if s is not None), default=0)
    return start <= pos and (lay.body_end is None or pos < lay.body_end)


def test_layout_tests_give_what_they_gave():
    rng = random.Random(7)
    span = lambda: rng.choice([None, (rng.randint(0, 50), rng.randint(50, 120))])  # noqa: E731
    layouts = [read_layout(t) for t in _texts()]
    for _ in range(300):
        lay = Layout(letterhead=span(), number_line=span(), place_date=span(), heading=span(), title=span(),
                     body_end=rng.choice([None, rng.randint(0, 200)]))
        if rng.random() < 0.5:
            lay.fields["summary"] = (rng.randint(0, 80), rng.randint(80, 160))
        layouts.append(lay)
    for lay in layouts:
        for pos in list(range(0, 220, 3)) + [s[0] for s in (lay.title, lay.fields.get("summary")) if s]:
            for reach in (0, 12, 30, 40):
                assert lay.title_opening(pos, reach) == _title_opening_reference(lay, pos, reach)
            assert lay.in_body(pos) == _in_body_reference(lay, pos)


# --- scope.py -----------------------------------------------------------------------------------

def _signed_reference(text: str) -> str | None:
    t = scope._tables()
    m = t.sign_re.search(text, 0, min(len(text), scope.SIGN_CHARS)) if t.sign_re is not None else None
    if m is not None:
        return t.signs.get(m.group("sigil")) if m.group("sigil") else t.signs.get(m.group("domain").lower())
    for d in scope._DOMAIN_RE.finditer(text, 0, min(len(text), scope.SIGN_CHARS)):
        province = scope._named_after(d.group().lower())
        if province:
            return province
    return None


def _local_named_reference(text: str) -> dict:
    from vankien.loaders.districts import province_of_district
    from vankien.loaders.fold import fold
    from vankien.loaders.vocab import vocab
    t = scope._tables()
    named: dict[str, Counter] = {}
    for m in t.named_re.finditer(text, 0, min(len(text), scope.LOCAL_NAMED_CHARS)):
        place = scope._numbered(m) or scope._capitalised(m.group("place"))
        if not place:
            continue
        if m.group("unit") or m.group("bunit"):
            level = scope._unit_level(m.group("unit") or m.group("bunit"), place)
            if m.group("unit") and level == "district" and province_of_district(place) is None:
                continue
        else:
            level = t.bodies.get("".join(fold(m.group("body")).split()))
            if level == "provincial" and scope._province(place) is None:
                level = "district"
            elif level != "district":
                continue
        if level in ("district", "grassroots"):
            named.setdefault(level, Counter())[vocab().place_name(place)] += 1
    return named


def _with_signatures() -> list[str]:
    """Texts that open with each sigil and domain of sites.toml, in several cases and settings."""
    from vankien.loaders.vocab import load_data
    out = []
    for s in load_data("sites.toml").get("site", ()):
        for g in s.get("sigils", ()):
            out += [f"({g}) - Tin.", f"({g.lower()}) - Tin.", f"x{g} ({g}x) ({g})"]
        for d in s["domains"]:
            out += [f"Theo {d} - Tin.", f"{d.upper()}: tin", f"www.{d}/a", f"x{d} {d}-x", f"a.{d}", f"({d})"]
    return out


def test_signature_found_where_sign_re_finds_one():
    for text in _texts() + _with_signatures():
        places = scope._TextPlaces(text, None, [])
        assert places._signed() == _signed_reference(text)
        t = scope._tables()
        if t.sign_re.search(text, 0, min(len(text), scope.SIGN_CHARS)):
            assert scope._sign_scan().search(text, 0, min(len(text), scope.SIGN_CHARS))


def test_local_places_as_before():
    for text in _texts():
        assert scope._TextPlaces(text, None, [])._local_named() == _local_named_reference(text)


@pytest.mark.skipif(not (CORPUS / "dev").is_dir(), reason="no ../shared/corpus")
def test_corpus_extracts():
    """The corpus goes through the whole pipeline (its output is compared by benchmarks/equivalence.py)."""
    for text in _corpus()[:20]:
        extract_text(text)
