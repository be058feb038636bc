"""The sampled "is this Vietnamese?" check (loaders/readers/vietnamese.py): a long text is first judged
on a sample (its start and a few windows spread over it); only a sample that is clearly Vietnamese
decides, anything else is counted whole as before. So the verdict is the full count's on every text of
../shared/corpus, and "not Vietnamese" (with its figures in the warning) is always the full count's."""
from __future__ import annotations

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
    for text in tricky + _corpus_texts():
        assert vi.vietnamese_share(text) == _share_word_by_word(text)


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
