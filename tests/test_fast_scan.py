"""Issue 20, speed: ``re`` scans for the letters a vocabulary starts with, with the same matches.

vankien.loaders.fold puts a fallback behind ``re``'s search for the characters every match starts
with (``_scan_first_letters``: past lookarounds, into groups and alternations), and writes the
case-insensitive tries of ``fold.exact_trie`` with explicit case classes (``fold.case_class``) so
that ``re`` can use it there too. The set is only where ``re`` may start a match, so every pattern
must find what it found before: checked here on invented texts (damaged and missing diacritics,
capitals, words glued together, symbols) and on ../shared/corpus (read, when present), for the
project's own scans and for patterns written to be awkward.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from vankien.loaders import fold
from vankien.loaders.fold import case_class, exact_alternation, exact_trie, strip_marks
from vankien.loaders.vocab import load_data

_compiler = sys.modules["re._compiler"]
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

INVENTED = [
    "Căn cứ Nghị quyết số 45-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương; thực hiện "
    "Chỉ thị 12-CT/TU, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 140-KH/TU như sau:",
    "Giao Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Văn phòng Tỉnh ủy theo dõi, đôn đốc; "
    "báo cáo kết quả về Ban Thường vụ Tỉnh ủy chậm nhất là ngày 15/11/2025.",
    "Nghị qưỹết số 07-NQ/TƯ bân hành ngày 5-3-2024; QUYẾT ĐỊNH số 3/QĐ-UBND; Hướng dẫn số 9-HD/BTGTW",
    "Can cu Quyet dinh so 15-QD/TW, Ban Chi dao tinh chu tri; So Noi vu phoi hop; so15-CT/TW",
    "THỰCHIỆN KẾ HOẠCH 40-KH/TU CỦA TỈNH ỦY; thay thế Quy định 19-QĐ/TW và bãi bỏ Công văn 802/TLĐ",
    "Căn\u00a0cứ  Quy\n định số 08/NQ-TW; Luật số 39/2024/QH15; Thông tư 01/2020/TT-BNV. "
    "The Politburo issued Resolution No. 57-NQ/TW on 22 December 2024.",
    "Kelvin \u212aế hoạch, \u0130ch, ıch, ſố, ẞ, Đảng ủy, ĐẢNG ỦY, đẢnG Ủy; giaoban, Giao Ban, giao   ban",
    "- Các huyện ủy, thị ủy, thành ủy trực thuộc Tỉnh ủy khẩn trương xây dựng kế hoạch trước ngày 30/6.\n"
    "2. UBND tỉnh lãnh đạo, chỉ đạo các sở, ngành; hạn chót ngày 2/9 hằng năm.",
]


def _texts() -> list[str]:
    texts = INVENTED + [strip_marks(t) for t in INVENTED] + [t.upper() for t in INVENTED]
    if CORPUS.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/*.txt"))[::4]]
    return texts


def _as_before(source: str, flags: int = 0, how=_compiler.compile):
    """``source`` compiled as ``re`` compiles it without the fallback (and not from its cache)."""
    patched = _compiler._get_charset_prefix
    _compiler._get_charset_prefix = getattr(patched, "__wrapped__", patched)
    try:
        return how(source, flags)
    finally:
        _compiler._get_charset_prefix = patched


def _now(source: str, flags: int = 0) -> re.Pattern:
    return _compiler.compile(source, flags)


def _code(source: str, flags: int) -> list:
    return _compiler._code(_compiler._parser.parse(source, flags), flags)


def _scans_for_first_letters(p: re.Pattern, before: bool = False) -> bool:
    """Whether ``re`` compiles ``p`` (``before``: without the fallback) with the set of characters
    its matches start with (its info block's charset flag)."""
    code = _as_before(p.pattern, p.flags, _code) if before else _code(p.pattern, p.flags)
    return bool(code[2] & _compiler.SRE_INFO_CHARSET)


def _same(source: str, texts: list[str], flags: int = 0) -> None:
    old, new = _as_before(source, flags), _now(source, flags)
    for text in texts:
        a = [(m.span(), m.groups()) for m in old.finditer(text)]
        b = [(m.span(), m.groups()) for m in new.finditer(text)]
        assert a == b, (source[:80], text[:60])
        for pos in range(0, len(text), 7):      # searches from inside the text, with a window
            x, y = old.search(text, pos, pos + 90), new.search(text, pos, pos + 90)
            assert (x and x.span()) == (y and y.span()), (source[:80], pos)
            x, y = old.search(text, max(0, pos - 30), pos), new.search(text, max(0, pos - 30), pos)
            assert (x and x.span()) == (y and y.span()), (source[:80], pos)     # a window ending at pos


def _project_patterns() -> dict[str, re.Pattern]:
    from vankien.loaders import codes
    from vankien.loaders.cues import cue_table
    from vankien.loaders.organizations import org_vocab
    from vankien.loaders.patterns import type_word_re
    t = cue_table()
    v = org_vocab()
    out = {"type words": type_word_re(), "relation cues": t.regex, "issuing verbs": t.issuing_re,
           "Party symbols": codes.PARTY_RE, "slash symbols": codes.SLASH_RE, "organisation heads": v.head_re,
           "task verbs": v.task_re, "name stops": v.name_stop_re, "framing": v.framing_re}
    from vankien.loaders import assignments, context, patterns
    out["assignment cues"] = assignments._cues()[0]
    out["deadlines"] = assignments._cues()[2]
    # searched in a window before a position, anchored at its end: optional words first
    out["issued before"] = patterns.ISSUED_BEFORE_RE
    out["done before"] = patterns.DONE_BEFORE_RE
    out["act before"] = patterns.ACT_BEFORE_RE
    out["issues before"] = t.issues_re
    out["body gap"] = context.BODY_GAP_RE
    out["tail date"] = patterns.TAIL_DATE_RE
    return out


@pytest.mark.parametrize("name", sorted(_project_patterns()))
def test_the_project_scans_find_what_they_found(name):
    p = _project_patterns()[name]
    _same(p.pattern, _texts(), p.flags)


@pytest.mark.parametrize("name", ["type words", "relation cues", "issuing verbs", "Party symbols",
                                  "task verbs", "assignment cues"])
def test_the_vocabulary_scans_skip_to_their_first_letters(name):
    # the point of the fallback: without it these scans try the whole pattern at every position
    p = _project_patterns()[name]
    assert _scans_for_first_letters(p), name
    assert not _scans_for_first_letters(p, before=True), name


AWKWARD = [
    r"(?<!\w)(?:[Bb]an|[Cc]hỉ\s{1,3}thị|\d{1,3})(?!\w)",
    r"(?<!\w)(?:ban|)(?!\w)",                       # may match empty: left alone
    r"(?<!\w)(?:ban)?x",                            # optional first item: its letters join the set
    r"(?:(?:ban|vừa)[ \t]{1,2})?(?:ký|đã)?[ \t]{0,2}ban hành[ \t\n]{1,2}\Z",
    r"(?:ban)?(?:x)?",                              # may match empty: left alone
    r"\b(?:ủy|Ủy)\b",
    r"(?=[A-Z])(?:Ban|Tỉnh)",
    r"(?<![\w/.])(?P<num>\d+)[-–](?P<t>NQ|CT)/TW",
    r"(?:(?<![\w/.])|(?<=(?i:số)))(?P<num>\d+)/",   # zero-width alternatives before the number
    r"(?<!\w)[^\W\d_]{2,5}(?:ủy)",
    r"(?<!\w)(?i:ban|tỉnh)",                        # case ignored inside: left alone
    r"(?<!\w)(?:a+|b{2,3}|(?:c|đ)e)",
    r"(?<!\w)(?:\s+ban)",
    r"(?m)^[ \t]{0,3}(?:Nơi nhận)",
    r"(?<!\w)(?:(?P<x>[Tt])ỉnh|(?P=x)x)",           # a back-reference after the first letter
]


@pytest.mark.parametrize("source", AWKWARD)
def test_awkward_patterns_find_what_they_found(source):
    _same(source, _texts())
    _same(source, _texts(), re.I)


def test_a_pattern_that_may_match_empty_gets_no_set():
    assert not _scans_for_first_letters(re.compile(r"(?<!\w)(?:ban|)(?!\w)"))
    assert not _scans_for_first_letters(re.compile(r"(?<!\w)(?i:ban)"))
    assert not _scans_for_first_letters(re.compile(r"(?:ban)?(?:x)?"))
    assert _scans_for_first_letters(re.compile(r"(?<!\w)(?:[Bb]an|[Tt]ỉnh)"))
    assert _scans_for_first_letters(re.compile(r"(?:đã[ \t])?ban hành\Z"))


def _every_character() -> str:
    return "".join(map(chr, range(0x110000)))


def _trie_letters() -> set[str]:
    letters = set("aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")
    letters |= {ch.upper() for ch in letters}

    def walk(value):
        if isinstance(value, str):
            letters.update(value.casefold())
        elif isinstance(value, dict):
            for x in value.values():
                walk(x)
        elif isinstance(value, list):
            for x in value:
                walk(x)
    for name in ("organizations.toml", "cues.toml"):
        walk(load_data(name))
    return letters


def test_a_case_class_holds_exactly_what_the_letter_matches_with_case_ignored():
    every = _every_character()
    for ch in sorted(_trie_letters()):
        expected = re.findall("(?i)" + re.escape(ch), every)
        assert re.findall(case_class(ch), every) == expected, ch


def test_no_character_outside_the_computed_ranges_matches_a_latin_letter_with_case_ignored():
    # what makes case_class complete: the letters it writes out are found among _CASE_CANDIDATES
    latin = "".join(ch for lo, hi in fold._CASED_RANGES for ch in map(chr, range(lo, hi)))
    latin_re = re.compile("(?i)[" + re.escape(latin).replace("]", "\\]") + "]")
    assert set(latin_re.findall(_every_character())) <= set(latin)


def test_the_trie_with_case_classes_matches_like_the_alternation_on_tricky_words():
    phrases = ["Kế hoạch", "chủ trì", "chỉ đạo", "ban", "ban hành", "ích", "ich", "số", "đảng ủy", "tổ chức thực hiện"]
    old, new = re.compile(exact_alternation(phrases)), re.compile(exact_trie(phrases))
    assert "(?i" not in exact_trie(phrases)
    for text in _texts():
        assert [m.span() for m in old.finditer(text)] == [m.span() for m in new.finditer(text)]
    for text in ("\u212aế hoạch", "\u0130ch", "ıch", "ſố", "SỐ", "TỔ  CHỨC\nthực hiện"):
        a, b = old.search(text), new.search(text)
        assert (a and a.span()) == (b and b.span()), text
    assert new.search("\u212aế hoạch") and new.search("ſố")      # as "(?i)" matched them
    assert not new.search("Ke hoach") and not new.search("sơ") and not new.search("banh")


def test_a_letter_outside_the_ranges_keeps_case_ignored():
    assert case_class("ω") == "(?i:ω)"
    assert re.fullmatch(exact_trie(["ωmega"]), "ΩMEGA")
