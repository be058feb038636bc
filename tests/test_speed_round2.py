"""Issue 20, speed of the layout reader's whole-text scans: each shortcut gives what the code it
replaced gave.

The shortcuts (``layout.article_end`` and the operative line of ``layout.read_layout`` found by a
scan for the line break before their line instead of ``^`` tried at every position; the cells of a
long head line looked for only where a "|" or three of "-=*_" stand) are checked here against the
code they replaced, on invented texts and on ../shared/corpus (read, when present).
"""
from __future__ import annotations

import re

from vankien.loaders import layout
from vankien.loaders.segments import CELL_RE, RUN_ON_MIN
from vankien.loaders.segments import run_on_pieces as seg_run_on_pieces

from corpus_texts import corpus_texts  # noqa: E402



def _operative_words() -> list[str]:
    return [" ".join(w.upper().split()) for w in layout._data()["operative"]["words"]]


def _links_words() -> list[str]:
    return list(layout._data()["end"]["links"])


def _invented() -> list[str]:
    op = _operative_words()
    links = _links_words()
    long_line = "Thực hiện Nghị quyết số 15-NQ/TW ngày 12/3/2023 của Ban Chấp hành Trung ương " * 4
    texts = [
        "",
        "\n",
        op[0],
        op[0] + ":",
        f"  {op[0]} :\nĐiều 1.",
        f"*{op[-1]}*\n",
        f"x{op[0]}\n{op[0]}",
        f"\n\n{op[0]}\t\n",
        f"Tiêu đề\n{op[0]} thêm\n  {op[0]}\n",
        f"Tiêu đề\r\n{op[0]}\r\n",
        f"{op[0].lower()}\n{op[0]}",
        f"Dòng\n{op[0].replace(' ', '   ')}\n",
        f"Dòng\n{op[0].replace(' ', '    ')}\n",
        "|" + long_line + "| Số: 12-KH/TU | Hà Nội, ngày 1 tháng 2 năm 2023",
        long_line + " ------- " + long_line,
        long_line + " -=*_ " + long_line + "---",
        long_line + "--" + long_line,
        "BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG CỘNG SẢN VIỆT NAM Thực hiện " + long_line,
        long_line + "\n" + long_line + " _____ |",
    ]
    for w in links:
        body = "Tin chính. " * 30
        texts += [
            body + "\n" + w + "\n- Tin khác",
            body + "\n  " + w + ":\n",
            body + "\n" + w,
            body + w + "\n",                     # not at a line's start
            w + "\n" + body,                     # before LINKS_AFTER
            "x" * (layout.LINKS_AFTER - 1) + "\n" + w + "\n",      # the line break right before LINKS_AFTER
            "x" * layout.LINKS_AFTER + "\n" + w + "\n",
            "x" * (layout.LINKS_AFTER - 2) + "\n" + w + "\n",
            "x" * (layout.LINKS_AFTER - 1) + w + "\n",
            body + "\n#> " + w + " :| \n" + body + "\n" + w,
        ]
    return texts


def _texts() -> list[str]:
    return _invented() + list(corpus_texts())


def _old_article_end(text: str) -> int:
    m = layout._links_re().search(text, layout.LINKS_AFTER)
    return m.start() if m else len(text)


def _old_operative(text: str):
    # the first line in capitals (the pattern matches the word in any case and spelling)
    m = next((m for m in layout._operative_re().finditer(text) if m.group("word").isupper()), None)
    return m.span() if m else None


def _old_pieces(text: str, a: int, b: int):
    cut = a
    for m in CELL_RE.finditer(text, a, b):
        yield from seg_run_on_pieces(text, cut, m.start())
        cut = m.end()
    yield from seg_run_on_pieces(text, cut, b)


def test_article_end_as_before():
    texts = _texts()
    assert any(_old_article_end(t) < len(t) for t in texts)        # the invented texts hold links lines
    for t in texts:
        assert layout.article_end(t) == _old_article_end(t), t[:80]


def test_operative_as_before():
    texts = _texts()
    assert sum(_old_operative(t) is not None for t in texts) >= 8
    assert any(_old_operative(t) == (0, len(_operative_words()[0])) for t in texts)     # on the first line
    for t in texts:
        assert layout._operative(t) == _old_operative(t), t[:80]
        assert layout.read_layout(t).operative == _old_operative(t)


def test_head_lines_as_before():
    texts = _texts()
    cells = 0
    for t in texts:
        for a in range(0, min(len(t), layout.HEAD_CHARS), 997):
            b = min(len(t), a + 1500)
            assert list(layout._pieces(t, a, b)) == list(_old_pieces(t, a, b)), t[a:a + 80]
            cells += CELL_RE.search(t, a, b) is not None
        nl = t.find("\n")
        while nl >= 0:          # every line of the text, as _lines reads a long one
            end = t.find("\n", nl + 1)
            end = len(t) if end < 0 else end
            if end - nl - 1 > RUN_ON_MIN:
                assert list(layout._pieces(t, nl + 1, end)) == list(_old_pieces(t, nl + 1, end))
            nl = t.find("\n", nl + 1)
    assert cells >= 3           # lines with cells, and the fast path's lines without


def test_cell_mark_in_every_cell():
    """Every match of CELL_RE holds a match of the mark looked for first."""
    for t in _texts():
        for m in CELL_RE.finditer(t):
            assert layout._CELL_MARK_RE.search(m.group())
    assert re.fullmatch(layout._CELL_MARK_RE.pattern, "|")
