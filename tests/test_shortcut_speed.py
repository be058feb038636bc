"""Issue 20, speed of the organisation lists, of the issuance tests of ``attach_context`` and of the
English task scans: each shortcut gives what the code it replaced gave.

The shortcuts (``organizations._pieces`` remembered by the span's text and the character before it,
``org_list``'s dash search only in a span that holds a dash, ``context.attach_context``'s three
issuance tests skipped where no issuance verb ends before the mention, ``english_tasks._words`` as a
trie of case classes instead of a case-insensitive alternation, the cue before a type word read once
for the three questions ``mentions._cited_by_name`` asks about it, ``patterns.may_be_english``
kept for the last text, ``layout.body_act`` looked for only where an act word stands) are checked here against the code
they replaced, on invented texts and on ../shared/corpus (read, when present).
"""
from __future__ import annotations

import re

import pytest

from vankien.loaders import english_tasks, layout, mentions as mentions_mod, organizations
from vankien.loaders.cues import CUE_LOOKBACK, cue_table, is_of, opens_line, phrase_key
from vankien.loaders.mentions import find_mentions
from vankien.loaders.organizations import org_vocab
from vankien.loaders.patterns import dated_act_before, issued_before, may_be_english, type_word_re, verb_ends_before
from vankien.loaders.segments import segments
from vankien.loaders.vocab import load_data

from corpus_texts import corpus_texts  # noqa: E402

INVENTED = [
    "1. Ban Tuyên giáo và Dân vận Huyện ủy, Văn phòng Huyện ủy, Sở Văn hóa, Thể thao và Du lịch theo dõi.\n"
    "Các huyện, thị, thành ủy, các cơ quan, đơn vị liên quan tổ chức quán triệt Kế hoạch này.\n"
    "xBan Tuyên giáo và Dân vận Huyện ủy, Văn phòng Huyện ủy theo dõi; "
    "Đài Phát thanh - Truyền hình tỉnh, Báo Quảng Bình – cơ quan của Đảng bộ tỉnh phối hợp.\n"
    "Ban Chỉ đạo phòng, chống tham nhũng tỉnh , Sở Nội vụ  và  Sở Tài chính báo cáo Tỉnh ủy.",
    "Ngày 12/11, Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 87-KH/TU; Huyện ủy vừa có Công văn số "
    "7-CV/HU, vừa ban hành kế hoạch; thực hiện Nghị quyết số 29-NQ/TW, ngày 17/11/2022.",
]


def _texts() -> list[str]:
    return INVENTED + list(corpus_texts())


def _spans(text: str, v, every: int = 2):
    """(start, end) of the lists ``_pieces`` may read: from a head (and from the letter after a
    word's first, where a head may start after a word character), cut after a space or a mark."""
    for m in list(v.start_re.finditer(text))[::every]:
        for start in (m.start(), m.start() + 1):
            hi = min(len(text), start + organizations.MAX_LIST_CHARS)
            for end in [e for e in range(m.end(), hi + 1) if e == hi or text[e] in " ,;.:()\n"][::3]:
                yield start, end


def test_pieces_remembered_as_computed():
    """``_pieces``, cold and remembered, gives the organisations ``_pieces_of`` finds in the whole text."""
    v = org_vocab()
    organizations._piece_spans.cache_clear()
    for text in _texts():
        for start, end in _spans(text, v):
            expected = organizations._pieces_of(text, start, end, v)
            assert organizations._pieces(text, start, end, v) == expected, (start, end)
            assert organizations._pieces(text, start, end, v) == expected, (start, end)


def test_pieces_see_the_character_before():
    """The same span after a letter and after a space: a head with a joiner inside starts a word only
    after the space, and the remembered spans keep the two apart."""
    v = org_vocab()
    span = "Ban Tuyên giáo và Dân vận Huyện ủy, Văn phòng Huyện ủy"
    organizations._piece_spans.cache_clear()
    for text in (" " + span, "x" + span, span, " " + span, "x" + span):
        assert organizations._pieces(text, len(text) - len(span), len(text), v) == \
            organizations._pieces_of(text, len(text) - len(span), len(text), v)
    # the head with its joiner starts a word after the space only: two spans remembered, not one
    assert v.joined_head_re.match(" " + span, 1) and not v.joined_head_re.match("x" + span, 1)
    assert organizations._piece_spans.cache_info().currsize == 3


def test_org_list_as_with_every_piece_computed(monkeypatch):
    """org_list over the heads of the texts, against itself with ``_pieces`` computed each time."""
    v = org_vocab()
    for text in _texts():
        starts = [m.start() for m in v.start_re.finditer(text)]
        stops = [min(len(text), s + 150) for s in starts]
        organizations._piece_spans.cache_clear()
        new = [organizations.org_list(text, s, e, v) for s, e in zip(starts, stops)]
        with monkeypatch.context() as mp:
            mp.setattr(organizations, "_pieces", organizations._pieces_of)
            mp.setattr(organizations, "_has_dash", lambda text, start, end: True)
            old = [organizations.org_list(text, s, e, v) for s, e in zip(starts, stops)]
        assert new == old


def test_dash_search_only_where_a_dash_is():
    """dash_re matches nowhere in a span without "-" or "–": the search ``org_list`` leaves out there."""
    v = org_vocab()
    assert v.dash_re.search("Đài Phát thanh - Truyền hình tỉnh") and v.dash_re.search("Báo Quảng Bình – cơ quan")
    for text in _texts():
        for m in list(v.start_re.finditer(text))[::2]:
            end = min(len(text), m.start() + organizations.MAX_LIST_CHARS)
            if not organizations._has_dash(text, m.start(), end):
                assert v.dash_re.search(text, m.start(), end) is None
            else:
                assert "-" in text[m.start():end] or "–" in text[m.start():end]
    # lookbehinds, then the one pattern that consumes characters: a dash between spaces
    assert v.dash_re.pattern.endswith(r"\s[-–]\s") and v.dash_re.pattern.count("[-–]") == 1


def test_issuance_tests_of_context_false_where_no_verb_ends():
    """attach_context tests whether an issuance verb ends before a mention before its three tests:
    where none does, each of them is false (the mention is passed over as before)."""
    for text in _texts():
        positions = {m.start for m in find_mentions(text)} | {m.start() for m in type_word_re().finditer(text)}
        for pos in sorted(positions):
            old = issued_before(text, pos) or issued_before(text, pos, done=True) or dated_act_before(text, pos)
            new = verb_ends_before(text, pos) and (issued_before(text, pos) or issued_before(text, pos, done=True)
                                                   or dated_act_before(text, pos))
            assert new == old, pos


# --- english_tasks._words ------------------------------------------------------------------------

ENGLISH = [
    "The Politburo instructed Party committees at all levels, the Central Organizing Committee and the "
    "Ministry of Finance to devise plans; the Central Inspection Commission shall take  the lead, while "
    "the Department of Science and Technology will preside over  the review. Provincial and municipal "
    "Party Committees are urged to report the results of the review to the Secretariat via the Office.",
    "UNDER THE PLAN, THE MINISTRY OF HOME AFFAIRS SHALL PRESIDE OVER; The ministries, ministry-level "
    "agencies is tasked with co-ordinating. The Kelvin sign in \u212aey and a long \u017f: "
    "Party Committee\u017f, \u0130nspection Commi\u017f\u017fion, pre-side over, presides over, "
    "Party  committees\tshall\nreport to the Standing Board.",
]


def _english_texts() -> list[str]:
    return ENGLISH + [t for t in corpus_texts() if may_be_english(t)]


def _english_lists() -> dict[str, list[str]]:
    d = load_data("organizations.toml")["english"]
    lists = {k: d[k] for k in ("modals", "nouns", "stops", "joiners", "lead_verbs", "passive", "duties", "openers",
                               "clause_joiners", "report_verbs", "via")}
    lists["cues"] = [p.lower() for row in d["cue"] for p in row["phrases"]]
    lists["be"] = sorted({p.split()[0] for p in d["passive"]})
    return lists


def test_english_words_match_where_the_alternation_matched():
    """Every word list of [english], as a trie and as the alternation it replaced: the same match
    (or none) at every position of the English texts."""
    texts = _english_texts()
    for key, phrases in _english_lists().items():
        old = re.compile(english_tasks._words_alternation(phrases))
        new = re.compile(english_tasks._words(phrases))
        assert new.pattern != old.pattern, key          # the trie is in use
        for text in texts:
            for pos in range(len(text)):
                a, b = old.match(text, pos), new.match(text, pos)
                assert (a and a.span()) == (b and b.span()), (key, pos, text[pos:pos + 30])


@pytest.mark.parametrize("phrases", [
    ["a b", "A  B", "a"], ["shall", "Shall take", "shall take the lead"], ["ı", "i"], ["ſ", "s"],
    ["co-ordinate", "co"], ["中文"],
])
def test_words_of_awkward_lists(phrases):
    """Lists with case variants, spaces, hyphens and letters that fold together (or that the trie
    leaves to the alternation): the same matches as the alternation at every position."""
    text = "a b, A   B; a\tb a-b ab shall Shall  take the lead SHALL TAKE ı i İ I ſ s co-ordinate co 中文 中文x"
    old = re.compile(english_tasks._words_alternation(phrases))
    new = re.compile(english_tasks._words(phrases))
    for pos in range(len(text)):
        a, b = old.match(text, pos), new.match(text, pos)
        assert (a and a.span()) == (b and b.span()), (phrases, pos)


def test_english_tasks_as_with_the_alternation(monkeypatch):
    """english_tasks over every sentence of every text gives what it gave with the alternations
    (its vocabulary rebuilt with ``_words_alternation``)."""
    texts = _english_texts() + INVENTED

    def tasks() -> list:
        return [english_tasks.english_tasks(t, s.start, s.end) for t in texts for s in segments(t)]
    english_tasks._vocab.cache_clear()
    new = tasks()
    with monkeypatch.context() as mp:
        mp.setattr(english_tasks, "_words", english_tasks._words_alternation)
        english_tasks._vocab.cache_clear()
        old = tasks()
    english_tasks._vocab.cache_clear()
    assert new == old
    assert sum(map(len, new)) > 10


# --- cues.CueTable.cue_before ---------------------------------------------------------------------

def _ends_before_reference(text: str, pos: int, types: frozenset[str] | None = None, cites: bool = False) -> bool:
    """CueTable.ends_before as it was, one scan for each question."""
    table = cue_table()
    lo = max(0, pos - CUE_LOOKBACK)
    last = None
    for last in table.regex.finditer(text, lo, pos):
        pass
    if last is None or text[last.end():pos].strip():
        return False
    entry = table.entries.get(phrase_key(last.group()))
    return (entry is not None and (types is None or entry.type in types or (cites and entry.cites))
            and (not entry.line_start or opens_line(text, last.start())))


def test_cue_before_answers_what_ends_before_answered():
    """At every type word and every word start after a cue: the one scan of ``cue_before`` gives, for
    each question ``_cited_by_name`` and the others ask, the answer of its own scan."""
    table = cue_table()
    questions = [(None, False), (mentions_mod.CITED_AFTER, True), (mentions_mod.CITED_OWNED_AFTER, False),
                 (frozenset(), True), (frozenset({"BASED_ON"}), False)]
    checked = 0
    for text in _texts():
        positions = {m.start() for m in type_word_re().finditer(text)}
        positions |= {h.end + k for h in table.find(text) for k in (0, 1, 2)}
        for pos in sorted(p for p in positions if p <= len(text)):
            cue = table.cue_before(text, pos)
            for types, cites in questions:
                expected = _ends_before_reference(text, pos, types, cites)
                assert is_of(cue, types, cites) == expected == table.ends_before(text, pos, types, cites), pos
                checked += expected
    assert checked > 50


# --- patterns.may_be_english ------------------------------------------------------------------------

def _may_be_english_reference(text: str) -> bool:
    return len(text.encode("utf-8", "surrogatepass")) - len(text) <= 0.05 * len(text)


def test_may_be_english_kept_for_the_last_text_only():
    """The answer kept for the last text is given for that very text only: asked again, asked
    in turns with another, or about another text with the same characters or a different answer."""
    texts = _texts() + _english_texts() + ["", "a", "ạ", "Nghị quyết " * 3]
    for a, b in zip(texts, texts[1:] + texts[:1]):
        twin = "".join(list(a))             # equal, another object (when not empty)
        for t in (a, a, b, a, twin, b, b, twin):
            assert may_be_english(t) == _may_be_english_reference(t)
    # a lone surrogate (a raw text not yet cleaned) is counted, not an error
    assert may_be_english("Nghị quyết \ud800") == _may_be_english_reference("Nghị quyết \ud800") is False


# --- layout.body_act ----------------------------------------------------------------------------------

ACTS = [
    "Ngày 12/11, Ban Bí thư kết luận về việc tiếp tục thực hiện Chỉ thị số 05-CT/TW như sau: …",
    "Hội nghị lần thứ 10 Ban Chấp hành Trung ương Đảng khóa XIII đã quyết nghị các vấn đề sau.",
    "Bộ Chính trị đã chỉ thị các cấp ủy; Tỉnh ủy Quảng Bình , đã kết luận; phiên họp  quyết  nghị",
    "BAN BÍ THƯ KẾT LUẬN … ket luan, Ban Bi thu ket luan",
]


def _body_act_reference(text: str, end: int, addressed=None):
    """body_act without the act words looked for first: every match of the whole pattern in turn."""
    news = layout._data()["news"]
    acts = news["acts"]
    needs = {organizations.fold(a) for a in news.get("addressed", ())}
    for m in layout._acts_re().finditer(text, 0, end):
        act = organizations.fold(" ".join(m.group("act").split()))
        if act in needs and (addressed is None or not addressed(m.end("act"))):
            continue
        return m.start("act"), m.end("act"), acts[next(a for a in acts if organizations.fold(a) == act)], m.group("body")
    return None


def test_body_act_as_before():
    """body_act, which looks for an act word first, finds what the search of the whole pattern found,
    up to every end tried (the opening a subject is looked for in, shorter ones, the whole text)."""
    found = 0
    for text in ACTS + _texts():
        for end in {len(text), min(len(text), 2000), len(text) // 2, 40}:
            expected = _body_act_reference(text, end)
            assert layout.body_act(text, end) == expected, end
            found += expected is not None
            anyone = _body_act_reference(text, end, lambda pos: True)     # every act addressed to someone
            assert layout.body_act(text, end, lambda pos: True) == anyone, end
    assert found >= 4
