"""The shortcuts of reading (issue 20, README "Reading speed") against the plain computations they
stand for, on every code point where a character class is involved, on invented and random texts and
on ../shared/corpus when it is here:

* the language check's counts on UTF-8 bytes (loaders/readers/vietnamese.py) and a sample's parts
  counted together;
* the decoder's normalisation (loaders/clean.py): one scan for characters to clean and glued capitals,
  ``in`` tests and UTF-8 encoding for the classes of invisible characters and surrogates;
* paths (loaders/readers/paths.py, manifest.py): a file's extension and folder worked out on strings,
  globs matched by one regular expression, files kept as strings.
"""
from __future__ import annotations

import fnmatch
import os
import random
import re
import sys
from pathlib import Path

import pytest

from vankien.loaders import clean
from vankien.loaders.readers import read_paths
from vankien.loaders.readers import vietnamese as vi
from vankien.loaders.readers.manifest import url_for
from vankien.loaders.readers.paths import Input, WalkFilter, _suffix, iter_inputs

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"

# invented text, written for these tests
VI = ("Ban Thường vụ Huyện ủy yêu cầu các chi bộ trực thuộc tổ chức học tập, quán triệt Nghị quyết "
      "số 25-NQ/TW đến từng đảng viên – “gắn với” việc xây dựng kế hoạch… ")
EN = "The committee asked every branch to hold study sessions on the resolution. "


def _corpus_texts() -> list[str]:
    files = sorted((CORPUS / "seeds").glob("*.txt")) + sorted((CORPUS / "dev").glob("*.txt"))
    return [f.read_bytes().decode("utf-8", errors="replace") for f in files]


def _random_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    alphabet = (list("aAbĐđxyQuyếtHội _-1²½.,/()|\n\r\t\x00\x1c«»¸µ·×÷ßäçÐð–—“”…•∙")
                + ["\u00a0", "\u2003", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u2007",
                   "\u202f", "\u2010", "\u2011", "\u0189", "\u0301", "\u0300", "\u0323", "\u0308", "\ud800",
                   "\udfff", "ắẮởưƯéÉ", "ж中😀Ω", "Nghị quyết", "nămNgày", VI[:30], EN[:20]])
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120))) for _ in range(count)]


TEXTS = ["", " ", "123 456", "Đ", "a\u0301b c\u0300", "Việt–Nam “đổi mới” 25-NQ/TW", VI * 3, EN + VI, VI + EN * 3,
         "ß ä Ω ж 中 😀 Đảng", "\x00Đảng\x00ủy\x00", "quyếtHội Ðảng ðồng \u0189ội", "lone \ud800 Đảng"]


# --- the language check


def test_the_byte_counts_are_the_word_by_word_counts():
    for text in TEXTS + _random_texts(5000, 11) + _corpus_texts():
        found = vi.words(text[:vi.LANGUAGE_SAMPLE_CHARS])
        expected = (sum(map(vi.has_vietnamese_letter, found)) / len(found), len(found)) if found else (0.0, 0)
        assert vi.vietnamese_share(text) == expected, repr(text)
        assert vi._piece_counts(text) == vi._counts(text) if len(text) <= vi.LANGUAGE_SAMPLE_CHARS else True


def test_the_byte_classes_hold_for_every_code_point():
    """Why a character's first UTF-8 byte tells its class in a text _UNLIKE_RE passes: every character
    it lets through is ASCII, a Vietnamese letter (a letter, never taken into a word otherwise) or never
    in a word, and the first bytes of the last two kinds differ."""
    in_word = re.compile(r"[^\W\d_]|[\u0300-\u036f]")
    passed = [chr(c) for c in range(sys.maxunicode + 1)
              if not 0xD800 <= c <= 0xDFFF and not vi._UNLIKE_RE.match(chr(c))]
    for char in passed:
        if char.isascii():
            assert bool(in_word.match(char)) == char.isalpha() and vi._CLASS_OF_BYTE[ord(char)] in b"a "
        elif char in vi.VIETNAMESE_LETTERS:
            assert char.isalpha() and vi._CLASS_OF_BYTE[char.encode()[0]] == ord("v")
        else:
            assert not in_word.match(char) and vi._CLASS_OF_BYTE[char.encode()[0]] == ord(" ")
    assert all(vi._CLASS_OF_BYTE[b] == ord(" ") for b in range(0x80, 0xC0))   # dropped, never read


def test_a_sample_s_parts_counted_together_are_counted_alone():
    rng = random.Random(5)
    texts = TEXTS + _random_texts(3000, 12) + _corpus_texts()
    for _ in range(3000):
        parts = [rng.choice(texts)[:rng.randint(0, 160)] for _ in range(rng.randint(1, 5))]
        assert vi._part_counts(parts) == [vi._counts(p) for p in parts], parts


# --- the decoder's normalisation


def test_the_character_tests_are_the_regular_expressions():
    for text in TEXTS + _random_texts(5000, 13) + _corpus_texts():
        assert clean._has_special(text) == (clean._SPECIAL_RE.search(text) is not None), repr(text)
        assert clean._has_surrogates(text) == (clean._SURROGATE_RE.search(text) is not None), repr(text)
        counted: dict[str, int] = {}
        for char in clean._INVISIBLE_RE.findall(text):
            counted[clean.INVISIBLE[char]] = counted.get(clean.INVISIBLE[char], 0) + 1
        assert list(clean._invisible_counts(text).items()) == list(counted.items()), repr(text)


def test_surrogates_are_found_past_the_first_piece():
    text = "Đảng " * clean.SURROGATE_CHECK_CHARS
    assert not clean._has_surrogates(text)
    assert clean._has_surrogates(text + "\udc80") and clean._has_surrogates("\ud800" + text)


def test_one_scan_says_what_two_did():
    glued = clean._GLUED_RE
    for text in TEXTS + _random_texts(5000, 14) + _corpus_texts():
        to_do, glued_maybe = clean._anything_to_do(text)
        assert to_do == (clean._anything_to_do_re().search(text) is not None), repr(text)
        assert glued_maybe or glued.search(text) is None, repr(text)


# --- paths


@pytest.mark.parametrize("name", ["a.txt", "a.", "a..", ".hidden", "..", "a.b.TXT", "README", "x.tar.GZ", "é.Html"])
def test_a_suffix_is_pathlib_s(name):
    assert _suffix(name) == Path(name).suffix.lower()
    assert Input(name, name).extension == Input(name, Path(name)).extension == Path(name).suffix.lower()


def test_globs_match_as_fnmatch_does():
    names = ["a.txt", "dir/a.txt", "b.md", "manifest.json", "keys.jsonl", "x[1].txt", "a/b/c.html", ""]
    for globs in [(), ("*.txt",), ("manifest.json", "keys.jsonl"), ("dir/*", "*.md", "x[[]1].txt"), ("a*b*c*",)]:
        chosen = WalkFilter(exclude=globs)
        for rel in names:
            for name in names:
                expected = any(fnmatch.fnmatchcase(rel, g) or fnmatch.fnmatchcase(name, g) for g in globs)
                assert chosen.excluded(rel, name) == expected, (globs, rel, name)


def test_files_kept_as_strings_read_as_paths_did(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.TXT").write_text(VI, encoding="utf-8")
    (tmp_path / "b.txt").write_text(VI, encoding="utf-8")
    (tmp_path / "sources.tsv").write_text("file\turl\na.TXT\thttps://example.org/a\n", encoding="utf-8")
    (tmp_path / "sub" / "sources.tsv").write_text("file\turl\na.TXT\thttps://example.org/sub-a\n", encoding="utf-8")
    inputs = [i for i in iter_inputs([tmp_path]) if isinstance(i, Input)]
    assert [i.path for i in inputs] == [tmp_path / "b.txt", tmp_path / "sub" / "a.TXT"]
    assert [i.extension for i in inputs] == [".txt", ".txt"]
    for item in inputs:
        assert url_for(item.location) == url_for(item.path) == url_for(Path(os.fspath(item.path)))
    assert url_for(tmp_path / "sub" / "a.TXT") == "https://example.org/sub-a"
    monkeypatch.chdir(tmp_path / "sub")
    assert url_for("a.TXT") == url_for(Path("a.TXT")) == url_for("./a.TXT") == "https://example.org/sub-a"
    records = list(read_paths([tmp_path]))
    assert [r.url for r in records] == [None, "https://example.org/sub-a"]
