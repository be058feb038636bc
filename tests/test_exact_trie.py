"""fold.exact_trie: the same matches as fold.exact_alternation, written as a trie (issue 20,
speed). Checked at every word start of invented texts and of ../shared/corpus (read, when present), for
every word list of organizations.toml and cues.toml, as written and without diacritics."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from vankien.loaders.fold import exact_alternation, exact_trie, strip_marks
from vankien.loaders.vocab import load_data, load_unmarked

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

INVENTED = [
    "Giao Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Văn phòng Tỉnh ủy theo dõi, đôn đốc; "
    "báo cáo kết quả về Ban Thường vụ Tỉnh ủy chậm nhất là ngày 15/11/2025.",
    "Các huyện ủy, thị ủy, thành ủy và đảng ủy trực thuộc khẩn trương  xây dựng\nkế hoạch; "
    "UBND tỉnh lãnh đạo, chỉ đạo các sở, ngành trước ngày 30 tháng 6 năm 2026.",
    "BAN THƯỜNG VỤ TỈNH ỦY YÊU CẦU: cấp ủy các cấp tổ chức quán triệt; hạn chót   ngày 2/9.",
    "Ban Chi dao tinh chu tri, phoi hop voi So Noi vu; cham nhat la ngay 1/7/2025 bao cao.",
    "The Provincial Party Committee shall lead; agencies must report no later than June 30, 2025.",
]


def _lists() -> list[tuple[str, list[str]]]:
    out = []

    def walk(value, path):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{path}.{k}")
        elif isinstance(value, list):
            if value and all(isinstance(s, str) for s in value):
                out.append((path, value))
            else:
                for v in value:
                    walk(v, path)

    for name in ("organizations.toml", "cues.toml"):
        walk(load_data(name), name)
        walk(load_unmarked(name), "unmarked:" + name)
    d = load_data("organizations.toml")
    out.append(("tasks and directives", d["task_verbs"] + d["directive_verbs"]))
    out.append(("heads and abbreviations", d["heads"] + list(d["abbreviations"])))
    return out


def _texts() -> list[str]:
    texts = INVENTED + [strip_marks(t) for t in INVENTED]
    if CORPUS.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/*.txt"))[::3]]
    return texts


_WORD_START = re.compile(r"(?<!\w)\w")


@pytest.mark.parametrize("name,phrases", _lists(), ids=lambda x: x if isinstance(x, str) else "")
def test_the_trie_matches_what_the_alternation_matches(name, phrases):
    old, new = re.compile(exact_alternation(phrases)), re.compile(exact_trie(phrases))
    for text in _texts():
        assert [m.span() for m in old.finditer(text)] == [m.span() for m in new.finditer(text)], name
        for w in _WORD_START.finditer(text):
            a, b = old.match(text, w.start()), new.match(text, w.start())
            assert (a and a.span()) == (b and b.span()), (name, text[w.start():w.start() + 40])


def test_a_longer_phrase_gives_way_when_what_follows_does_not_match():
    # the deadline pattern goes on after the phrase: the shorter phrase is tried, as in the alternation
    phrases = ["chậm nhất", "chậm nhất là", "chậm nhất là ngày", "trước", "trước ngày"]
    tail = r"\s{1,3}(?:ngày\s{1,3})?(?P<date>\d{1,2}/\d{1,2})"
    old, new = re.compile(exact_alternation(phrases) + tail), re.compile(exact_trie(phrases) + tail)
    for text in ("chậm nhất là ngày 5/6", "chậm nhất là 5/6", "Chậm  nhất 5/6", "trước ngày 1/2",
                 "trước ngày ngày 1/2", "trướcngày 1/2", "chậm nhất là ngày mai"):
        a, b = old.search(text), new.search(text)
        assert (a and (a.span(), a.group("date"))) == (b and (b.span(), b.group("date"))), text


def test_an_empty_phrase_or_list_keeps_the_alternation():
    assert exact_trie(["", "giao"]) == exact_alternation(["", "giao"])
    assert re.compile(exact_trie(["Giao", "giao", "GIAO"])).fullmatch("gIaO")


def test_the_sentence_boundaries_match_what_the_classes_matched():
    # segments._BOUNDARY_RE writes its classes of punctuation as one alternative per mark (a scan
    # for first characters): the same matches as the pattern it replaced, at every position
    from vankien.loaders.segments import _BOUNDARY_RE, _LOWER, LIST_ITEM_SRC
    before = re.compile(
        r"\n[ \t]*\n\s*"
        r"|[.:!?][ \t]*\n\s*"
        rf"|;[ \t]*\n\s*(?![{_LOWER}])"
        rf"|\n(?=[ \t]*{LIST_ITEM_SRC})\s*"
        r"|\n(?=[ \t]*\|)|\|[ \t]*\n"
        r"|[.!?](?<!\bTP\.)(?<!\b[A-ZĐ]\.)[ \t]{1,3}(?=[\"“”'(]?[A-ZĐÀ-Ỹ])"
        rf"|[.;:][ \t]{{1,3}}(?={LIST_ITEM_SRC}[ \t]{{0,2}}[\"“'(]?[A-ZĐÀ-Ỹ])"
    )
    texts = _texts() + ["Căn cứ Quy định;\n- Giao TP. Hà Nội.  \n\nII. Nhiệm vụ: a) b- \n|x|\n\"Ông A. Bí thư! “Tỉnh ủy? (Ban"]
    for text in texts:
        for pos in range(len(text)):
            a, b = before.match(text, pos), _BOUNDARY_RE.match(text, pos)
            assert (a and a.span()) == (b and b.span()), (pos, text[pos:pos + 30])
