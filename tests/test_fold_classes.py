"""The tolerant letter classes of vankien.loaders.fold and the cache that lets ``re`` build each
distinct class once per process: both must leave every compiled pattern as it was."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vankien.loaders import fold as F


def _matched(pattern: str, chars) -> set[str]:
    rx = re.compile(pattern)
    return {c for c in chars if rx.fullmatch(c)}


# every BMP character (surrogates excluded) plus a slice of the astral planes
_ALL = [chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000] + [chr(c) for c in range(0x1D400, 0x1D800)]


def test_letter_class_matches_exactly_the_letters_of_its_base():
    for base, cls in F._letter_classes().items():
        want = {c for c in _ALL[:0x2000] if c.isalpha() and F.base_letter(c) == base
                and (ord(c) < 0x250 or 0x1E00 <= ord(c) < 0x1F00)}
        assert _matched(cls, _ALL) == want, base


def test_letter_classes_are_written_as_ranges():
    # a class of sixty letters in about thirty characters: "[AaÀ-Åà-å…Ạ-ặ]"
    a = F._letter_classes()["a"]
    assert "À-Å" in a and len(a) < 40


@settings(max_examples=300, deadline=None)
@given(st.sets(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40))
def test_char_class_matches_the_given_set_and_nothing_else(chars):
    probe = set(chars) | {chr(ord(c) + d) for c in chars for d in (-1, 1) if 0 <= ord(c) + d < 0x110000
                          and not 0xD800 <= ord(c) + d < 0xE000}
    probe |= set("\\]^-[abcAZ09 ")
    assert _matched(F._char_class(chars), probe) == set(chars)


# Vietnamese letters by base letter, both cases: what a damaged or undamaged text may write
_VIET = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
_BY_BASE: dict[str, list[str]] = {}
for _c in _VIET + _VIET.upper():
    _BY_BASE.setdefault(F.base_letter(_c), []).append(_c)
_WORDS = st.text(alphabet=st.sampled_from(_VIET), min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=4), st.data())
def test_word_pattern_ignores_case_and_diacritics_only(words, data):
    phrase = " ".join(words)
    rx = re.compile(F.word_pattern(phrase))
    # the same words in any case and with any diacritics, spaces as one to three whitespace characters
    written = "".join(data.draw(st.text(alphabet=st.sampled_from(" \t\n"), min_size=1, max_size=3)) if c == " "
                      else data.draw(st.sampled_from(_BY_BASE[F.base_letter(c)])) for c in phrase)
    assert rx.fullmatch(written)
    # one letter of another base letter, or four spaces: no match
    i = data.draw(st.integers(0, len(written) - 1))
    if written[i].isspace():
        wrong = written[:i] + "    " + written[i + 1:]
    else:
        other = data.draw(st.sampled_from(sorted(set(_BY_BASE) - {F.base_letter(written[i])})))
        wrong = written[:i] + data.draw(st.sampled_from(_BY_BASE[other])) + written[i + 1:]
    assert not rx.fullmatch(wrong)


# Runs in a fresh interpreter (re's own cache of 512 patterns may have dropped the extractor's by
# the time this test runs): every pattern compiled while vankien is imported and extracts a text,
# compiled again to re's code with the shared classes and with re's own function; reports the
# patterns whose code differs.
_CHILD = r"""
import json, re
from re import _compiler, _parser
seen = {}
compile_ = _compiler.compile
def recording(p, flags=0):
    if isinstance(p, str):
        seen[p, int(flags)] = None
    return compile_(p, flags)
_compiler.compile = recording
from vankien.loaders import fold
from vankien.loaders.extract import extract_text
extract_text("Kế hoạch số 5-KH/TU ngày 3/2/2021 của Tỉnh ủy thực hiện Nghị quyết số 29-NQ/TW của "
             "Ban Chấp hành Trung ương.\nĐiều 2. Các sở, ban, ngành căn cứ Quyết định này thi hành.")
_compiler.compile = compile_
shared = _compiler._optimize_charset
def code(source, flags, optimize):
    _compiler._optimize_charset = optimize
    try:
        return _compiler._code(_parser.parse(source, flags), flags)
    finally:
        _compiler._optimize_charset = shared
differ = [s[:120] for s, f in seen if code(s, f, shared) != code(s, f, shared.__wrapped__)]
print(json.dumps({"shared": fold.SHARED_CLASSES, "patterns": len(seen),
                  "classes": sum(s.count("\u1ea0-\u1eb7") for s, _ in seen), "differ": differ}))
"""


@pytest.mark.skipif(not F.SHARED_CLASSES, reason="re._compiler._optimize_charset differs on this Python")
def test_shared_classes_compile_every_project_pattern_to_the_same_code():
    out = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["shared"]
    assert got["patterns"] > 100                 # the extractor's patterns were seen being compiled
    assert got["classes"] > 300                  # with their tolerant letter classes ("[Aa…Ạ-ặ]")
    assert got["differ"] == []


@pytest.mark.skipif(not F.SHARED_CLASSES, reason="re._compiler._optimize_charset differs on this Python")
def test_shared_classes_give_the_same_matches_under_every_flag():
    # flags that take re's other path (IGNORECASE) or that the cache keys on nothing but the class
    text = "Nghị Quyết NGHI QUYET nghị qưỹết ǹghi ｑuyết Kelvin \u212a đĐ"
    src = F.word_pattern("nghị quyết") + "|" + F.word_pattern("kelvin") + r"|[đĐ]|[^\W\d]{2}"
    for flags in (0, re.I, re.A, re.I | re.A, re.M | re.S):
        got = [m.span() for m in re.finditer(src, text, flags)]
        from re import _compiler
        shared = _compiler._optimize_charset
        try:
            _compiler._optimize_charset = shared.__wrapped__
            re.purge()
            want = [m.span() for m in re.finditer(src, text, flags)]
        finally:
            _compiler._optimize_charset = shared
            re.purge()
        assert got == want, flags


def test_share_is_idempotent():
    from re import _compiler
    before = _compiler._optimize_charset
    assert F._share_compiled_classes() == F.SHARED_CLASSES
    assert _compiler._optimize_charset is before
    # in place on the Pythons it was checked against (3.11 to 3.13)
    assert not (3, 11) <= sys.version_info[:2] <= (3, 13) or F.SHARED_CLASSES


def test_fold_is_each_characters_base_letter():
    # every code point (surrogates aside): fold agrees with base_letter character by character
    everything = "".join(_ALL) + "".join(chr(c) for c in range(0x1F000, 0x110000, 7))
    F.fold.cache_clear()
    assert F.fold(everything) == "".join(F.base_letter(c) for c in everything)
    assert F.fold("Nghị Quyết ĐẠI HỘI İ") == "nghi quyet dai hoi i"
