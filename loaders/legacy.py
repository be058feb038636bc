"""Text typed in a legacy Vietnamese font encoding (TCVN3), read back as Unicode.

Official texts from before Unicode were typed in 8-bit fonts; a page or file that shows them as
Latin-1 reads "Th«ng t­ cña Bé V¨n ho¸" for "Thông tư của Bộ Văn hoá". Such text often sits in
one page with text in Unicode (a portal's own menus, a title retyped), so the decision is made
line by line: a line whose letters carry enough TCVN3-only characters (``data/legacy.toml``) is
converted, character by character; other lines are left as they are.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from vankien.loaders.vocab import load_data


@dataclass(frozen=True)
class _Table:
    to_unicode: dict[int, str]     # str.translate table
    signs: frozenset[str]          # TCVN3 letters Unicode Vietnamese never uses
    sign_re: re.Pattern            # any of them
    min_signs: int
    min_share: float


@functools.cache
def _table() -> _Table:
    d = load_data("legacy.toml")["tcvn3"]
    letters, unicode = d["letters"].split(" "), d["unicode"].split(" ")
    if [len(x) for x in letters] != [len(x) for x in unicode]:
        raise ValueError("legacy.toml [tcvn3]: `letters` and `unicode` are not aligned")
    pairs = dict(zip("".join(letters), "".join(unicode)))
    latin = set(d["vietnamese_latin1"])
    signs = frozenset(c for c in pairs if c not in latin)
    return _Table(str.maketrans(pairs), signs, re.compile("[" + re.escape("".join(sorted(signs))) + "]"),
                  int(d["min_signs"]), float(d["min_share"]))


def repair_tcvn3(text: str) -> tuple[str, int]:
    """``text`` with its TCVN3 lines converted to Unicode, and how many lines were."""
    t = _table()
    if not _has_line_of_signs(text, t):
        return text, 0          # the usual case: no line has enough signs, nothing to do
    lines = text.split("\n")
    converted = 0
    for i, line in enumerate(lines):
        signs = len(t.sign_re.findall(line))        # its characters that are signs, counted in C
        if signs < t.min_signs:
            continue
        letters = sum(map(str.isalpha, line))       # (True counts 1) mapped in C
        if letters and signs / letters >= t.min_share:
            lines[i] = line.translate(t.to_unicode)
            converted += 1
    return ("\n".join(lines), converted) if converted else (text, 0)


def _has_line_of_signs(text: str, t: _Table) -> bool:
    """Whether a line of ``text`` holds ``t.min_signs`` signs or more (without one, no line is converted):
    the signs found by one scan, each line that has one looked at only to find its end (most texts
    have no sign, or a few in passing: "\u00ab", "\u00b7")."""
    line_end = -1               # where the line of the last sign found ends
    in_line = 0
    for m in t.sign_re.finditer(text):
        at = m.start()
        if at > line_end:       # the first sign of a line
            line_end = text.find("\n", at)
            if line_end < 0:
                line_end = len(text)
            in_line = 0
        in_line += 1
        if in_line >= t.min_signs:
            return True
    return False
