"""The sampled "is this Vietnamese?" check (loaders/readers/vietnamese.py): a long text is first judged
on a sample (its start and a few windows spread over it); only a sample that is clearly Vietnamese
decides, anything else is counted whole as before. So the verdict is the full count's on every text of
../shared/corpus, and "not Vietnamese" (with its figures in the warning) is always the full count's.

Also the other fast paths of reading (README, "Reading speed"): the word counts without finding each
word, the decoder's normalisation (one scan for anything to clean, a text normalised once), files read
with the size stat gave, folder files judged by name without a Path: each gives what the plain way did."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from vankien.loaders.readers import read_bytes
from vankien.loaders.clean import normalize_text
from vankien.loaders.readers import vietnamese as vi

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"

# invented text, written for this test
VI = ("Ban Thường vụ Huyện ủy yêu cầu các chi bộ trực thuộc tổ chức học tập, quán triệt nghị quyết "
      "đến từng đảng viên, gắn với việc xây dựng kế hoạch hành động cụ thể của địa phương. ")
EN = ("The committee asked every branch to hold study sessions on the resolution and to draw up "
      "an action plan with clear tasks, deadlines and people responsible for each of them. ")


def _full(text: str) -> bool | None:
    """The verdict of counting every word of the judged part (the check before sampling)."""
    share, count = vi.vietnamese_share(text)
    return None if count < vi.MIN_WORDS_FOR_LANGUAGE else share >= vi.MIN_VIETNAMESE_SHARE


def _share_word_by_word(text: str) -> tuple[float, int]:
    """The share as it was computed before: every word found, then tested for a Vietnamese letter."""
    found = vi.words(text[:vi.LANGUAGE_SAMPLE_CHARS])
    return (sum(map(vi.has_vietnamese_letter, found)) / len(found), len(found)) if found else (0.0, 0)


def _corpus_texts() -> list[str]:
    files = sorted((CORPUS / "seeds").glob("*.txt")) + sorted((CORPUS / "dev").glob("*.txt"))
    if not files:
        pytest.skip("../shared/corpus is not here")
    return [normalize_text(f.read_text(encoding="utf-8")) for f in files]


def test_the_share_is_the_word_by_word_share():
    tricky = ["", "123 456", "Đ", "a\u0301b c\u0300 \u0301đ x", "Việt–Nam “đổi mới” 25-NQ/TW", VI * 3, EN + VI,
              "ngh\u0301iệp\u0300\u0300 ư̆ ơ\u0323", "Ǿ ß ж Ωμέγα đ̣ư"]
    import random
    rng = random.Random(7)
    alphabet = list("aAbĐđxy _-1²½Ⅻ.,/()\n\t\x1c\u00a0\u2003\u200b\u0301\u0300\u0323\u0308\u0361ắẮởưƯéÉßж中") + ["a\u0301", VI[:20]]
    fuzz = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(5000)]
    for text in tricky + fuzz + _corpus_texts():
        assert vi.vietnamese_share(text) == _share_word_by_word(text), repr(text)


def test_the_counting_s_premises_hold_for_every_code_point():
    """Why counting pieces between white space gives the regular expression's words: no white-space
    character can be in a word, and every letter (``str.isalpha``) is a word character."""
    import re
    import sys
    in_word = re.compile(r"[^\W\d_]|[\u0300-\u036f]")
    letter = re.compile(r"[^\W\d_]")
    chars = [chr(c) for c in range(sys.maxunicode + 1)]
    assert not [c for c in chars if c.isspace() and in_word.match(c)]
    assert not [c for c in chars if c.isalpha() and not letter.match(c)]
    assert vi._WORD_RE.pattern.startswith(letter.pattern)     # the words the count stands for


def test_every_corpus_text_gets_the_full_count_s_verdict():
    texts = _corpus_texts()
    sampled = 0
    for text in texts:
        assert vi.looks_vietnamese(text) == _full(text)
        sampled += vi.language_check(text)[1] is None       # decided by its sample
    assert sampled > len(texts) // 2        # most are long enough to be sampled


def test_a_long_vietnamese_text_is_decided_by_its_sample():
    text = VI * 200
    assert vi.language_sample(text) is not None
    assert sum(map(len, vi.language_sample(text))) < len(text) // 50
    assert vi.language_check(text) == (True, None, None)
    assert _full(text) is True


def test_short_texts_are_counted_whole():
    text = VI * 3
    assert vi.language_sample(text) is None
    verdict, share, count = vi.language_check(text)
    assert verdict is True and (share, count) == vi.vietnamese_share(text)


@pytest.mark.parametrize("head_kb, expected", [(2, True), (100, True), (190, False)])
def test_english_first_then_vietnamese_is_counted_whole(head_kb, expected):
    """Vietnamese only after an English start (2, 100 or 190 KB of it): the start is not Vietnamese, so
    the sample does not decide and the text is counted whole, as before: Vietnamese when enough of its
    first LANGUAGE_SAMPLE_CHARS characters is, and not when the Vietnamese comes after them."""
    english = EN * (head_kb * 1000 // len(EN) + 1)
    text = english + VI * 600
    verdict, share, count = vi.language_check(text)
    assert share is not None                # counted whole
    assert verdict is _full(text) is expected


def test_a_foreign_text_under_a_vietnamese_heading_is_warned_with_the_full_figures():
    text = VI + EN * 400
    verdict, share, count = vi.language_check(text)
    assert verdict is False and (share, count) == vi.vietnamese_share(text)
    record = read_bytes(text.encode("utf-8"), "thong-bao.txt")
    warning = next(w for w in record.warnings if w.code == "not_vietnamese")
    assert f"only {share:.0%} of the {count} words" in warning.message


def test_the_documented_limit_vietnamese_exactly_where_the_sample_looks():
    """The one way the sample can differ from the full count: a text Vietnamese at its start and at each
    window but foreign everywhere else. It is taken as Vietnamese (no warning) where the full count
    would warn; a real text is not built like that (README, "Reading speed")."""
    size = 100_000
    chars = list((EN * (size // len(EN) + 1))[:size])
    step = (size - vi.SAMPLE_HEAD_CHARS) // (vi.SAMPLE_WINDOWS + 1)
    starts = [0] + [vi.SAMPLE_HEAD_CHARS + k * step for k in range(1, vi.SAMPLE_WINDOWS + 1)]
    lengths = [vi.SAMPLE_HEAD_CHARS] + [vi.SAMPLE_WINDOW_CHARS] * vi.SAMPLE_WINDOWS
    filler = VI * 10
    for start, length in zip(starts, lengths):
        chars[start:start + length] = filler[:length]
    text = "".join(chars)
    assert len(text) == size
    assert _full(text) is False
    assert vi.looks_vietnamese(text) is True


# --- the decoder's normalisation, done faster (loaders/clean.py): the same text and warnings as the
# straightforward pipeline, step after step, on inputs that exercise every step

def _normalize_step_by_step(text: str):
    """normalize_reporting as it was written before its fast paths: every step on every text."""
    from vankien.loaders import clean
    from vankien.loaders.legacy import repair_tcvn3
    from vankien.loaders.source import Warn
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = clean.dedent_lines(clean.strip_line_ends(text))
    if text.isascii():
        text, joined = clean.unwrap_lines(text)
        return text, [clean._unwrapped_warning(joined)] if joined else []
    warnings = []
    text, lines = repair_tcvn3(text)
    if lines:
        warnings.append(Warn("legacy_encoding", f"{lines} line(s) typed in the TCVN3 (ABC) font encoding were "
                                                "converted to Unicode"))
    if clean._SPECIAL_RE.search(text):
        warnings += clean.cleaning_warnings(text)
        text = clean._SURROGATE_RE.sub(clean.REPLACEMENT, text)
    text = unicodedata.normalize("NFC", text).translate(clean._TABLE)
    text, glued = clean.split_glued(text)
    if glued:
        warnings.append(Warn("glued_words", f"{glued} pair(s) of words run together were split "
                                            "(\"Nghị quyếtHội nghị\" -> \"Nghị quyết Hội nghị\")"))
    text, joined = clean.unwrap_lines(text)
    if joined:
        warnings.append(clean._unwrapped_warning(joined))
    return text, warnings


# invented lines, written for these tests
_WRAPPED = "\n".join(
    ["Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng trực thuộc khẩn trương",
     "xây dựng kế hoạch thực hiện nghị quyết, phân công cán bộ theo dõi, đôn đốc và",
     "định kỳ báo cáo kết quả về Văn phòng Tỉnh ủy để tổng hợp, báo cáo Thường trực",
     "Tỉnh ủy theo quy định; các đồng chí ủy viên Ban Thường vụ phụ trách địa bàn",
     "trực tiếp chỉ đạo, kiểm tra việc thực hiện ở cơ sở, kịp thời giải quyết những",
     "khó khăn, vướng mắc phát sinh trong quá trình tổ chức thực hiện nghị quyết."] * 2)
TRICKY = [
    "", "\r\n", "ascii only\r\nline two\rline three", VI, EN, VI + EN,
    "Nghi\u0323 quyê\u0301t 25-NQ/TW",                      # decomposed tone marks
    "a\u200b\u0301 đ\u200d\u0323 Đ\u00ad\u0309",              # an invisible character between a letter and its mark
    "2\u00ad5-NQ/TW và 3\u200b0-KL/TW\ufeff",                  # soft hyphen, zero-width space, BOM
    "\ufeffBan\u00a0Chấp\u2007hành\u202fTrung ương\u2010\u2011", # BOM, no-break spaces, hyphens
    "\u00d0ảng \u00f0ồng \u0189ội",                             # Eth and African D for Đ/đ
    "lone \ud800 and \udfff surrogates, Đảng",
    "Nghị quyếtHội nghị Trung ương 100 nămNgày sinh iPhone YouTube",
    "Th«ng t­ cña Bé V¨n ho¸ vÒ viÖc tæ chøc\nBan Chấp hành Đảng bộ tỉnh",   # a TCVN3 line, then Unicode
    "«Đảng» ¸ µ · đúng", "Ωμέγα Жж 中文 😀 Đảng ủy", "x\u0308\u0301 ǖ ṏ Å",
    _WRAPPED, _WRAPPED.replace("\n", "\r\n"), _WRAPPED.replace("ủy", "u\u0309y"), VI.replace(" ", "\u00a0") * 3,
]


def _fuzz(count: int = 3000, seed: int = 20) -> list[str]:
    import random
    rng = random.Random(seed)
    alphabet = (list("aAeEoOdDĐđ iìíỉĩịơờớởỡợưừứửữựăằắẳẵặêềếệôồốộQuyếtHội\n\r\t.,-/0123456789«»¸µ·")
                + ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b", "\u00a0",
                   "\u2007", "\u202f", "\u2010", "\u2011", "\u00ad", "\u200b", "\u200c", "\u200d", "\u2060",
                   "\ufeff", "\ud800", "\udfff", "\r\n", "\u00d0", "\u00f0", "\u0189", "Ω", "中", "😀",
                   "Nghị quyết", "Tỉnh ủy"])
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) for _ in range(count)]


def _as_tuples(result):
    text, warnings = result
    return text, [(w.code, w.message, w.start, w.end) for w in warnings]


def test_the_fast_normalisation_is_the_step_by_step_one():
    from vankien.loaders import clean
    for text in TRICKY + _fuzz():
        clean._FIXED = ()           # nothing remembered: the full computation
        assert _as_tuples(clean.normalize_reporting(text)) == _as_tuples(_normalize_step_by_step(text)), repr(text)


def test_normalising_again_gives_what_the_full_computation_gives():
    """A text normalisation left as it was is remembered; normalising it again (the record does, then
    extraction) returns it with the same warnings, as computing everything again would."""
    from vankien.loaders import clean
    remembered = 0
    for text in TRICKY + _fuzz(1000, seed=29):
        clean._FIXED = ()
        once = clean.normalize_reporting(text)
        clean._FIXED = ()
        full_again = _as_tuples(clean.normalize_reporting(once[0]))
        clean._FIXED = ()
        once = clean.normalize_reporting(text)
        remembered += any(known is once[0] for known, _ in clean._FIXED)
        again = clean.normalize_reporting(once[0])
        assert _as_tuples(again) == full_again, repr(text)
        assert clean.normalize_text(once[0]) == full_again[0]
        again[1].append("changed by a caller")          # each call gets its own list
        assert _as_tuples(clean.normalize_reporting(once[0])) == full_again
    assert remembered > len(TRICKY)


def test_a_text_normalisation_changes_is_normalised_again_in_full():
    """Not remembered: an invisible character removed between a letter and its tone mark leaves a text
    that is not in NFC, which the second normalisation composes (as before)."""
    from vankien.loaders import clean
    once = clean.normalize_text("a\u200b\u0301")
    assert once == "a\u0301" and not any(known is once for known, _ in clean._FIXED)
    assert clean.normalize_text(once) == "\u00e1"


def test_a_decoded_text_is_normalised_once_and_its_record_is_the_same(tmp_path):
    from vankien.loaders import clean
    from vankien.loaders.readers import read_paths
    (tmp_path / "a.txt").write_bytes((VI * 5).replace("\n", "\r\n").encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(_WRAPPED.encode("utf-8"))
    for record in read_paths([tmp_path]):
        clean._FIXED = ()
        assert record.text == clean.normalize_text(clean.normalize_text(record.text))


# --- files read with the size stat gave, and on if the file grew

def test_a_file_is_read_whole_up_to_the_limit_however_stat_was_wrong(tmp_path):
    from vankien.loaders.readers.paths import READ_CHUNK, _read_at_most
    data = bytes(range(256)) * (3 * READ_CHUNK // 256 + 7)
    path = tmp_path / "grew.txt"
    path.write_bytes(data)
    for expected in (0, 10, len(data) - 1, len(data), len(data) + 5):
        for limit in (1, 100, READ_CHUNK + 3, len(data), len(data) + 1, 10 * len(data)):
            with path.open("rb", buffering=0) as handle:
                assert _read_at_most(handle.read, expected, limit) == data[:limit], (expected, limit)


def test_a_file_over_the_limit_is_reported_and_one_at_it_is_read(tmp_path):
    from vankien.loaders.readers.paths import Input, load
    path = tmp_path / "x.txt"
    path.write_bytes(b"a" * 1000)
    assert load(Input(str(path), path), 1000) == b"a" * 1000
    too_large = load(Input(str(path), path), 999)
    assert too_large.text is None and too_large.warnings[0].code == "too_large"


@pytest.mark.parametrize("name", ["a.txt", "a.", "a..", "a.b.TXT", "README", "readme.md", "LICENSE.txt",
                                  "noext", "x.y.z", "a.PDF", "ghi-chú.docx"])
def test_a_folder_s_file_is_judged_by_pathlib_s_suffix_and_stem(tmp_path, name):
    from vankien.loaders.readers.paths import _document_files, _not_a_document
    path = tmp_path / name
    path.write_bytes(b"Ban Chap hanh")
    extensions, project = _document_files()
    p = Path(name)
    if p.stem.casefold() in project or p.name.casefold() in project:
        expected = ("project file", name)
    elif p.suffix:
        expected = (None, "") if p.suffix.lower() in extensions else ("not a document", p.suffix.lower())
    else:
        expected = (None, "")
    assert _not_a_document(str(path), name) == expected
