"""Tokenize a text into document mentions.

A mention is one place where the text refers to a document:
- ``full``: a symbol, with or without its type word ("Nghị quyết số 25-NQ/TW", "văn bản số 71-HD/BTGTW");
- ``bare``: a type word and a number only ("Chỉ thị số 17", "Kết luận 43");
- ``short``: a type word with a demonstrative ("Quy định này", "Nghị quyết nêu trên");
- ``issued``: a type word alone after an issuance verb ("Bộ Chính trị đã ban hành Quy định về ...");
- ``named``: a document cited by name, without a number ("Nghị quyết Đại hội XIII của Đảng").
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Any

from vankien.loaders.codes import CodeHit, find_codes
from vankien.loaders.fold import fold
from vankien.loaders.patterns import COUNT_AFTER_RE, descriptor_res, issued_before, type_word_re
from vankien.loaders.vocab import vocab

YEAR_LIKE = range(1945, 2100)
# type words that may also open an un-numbered citation by name
_NAMED_STARTERS = frozenset({"Nghị quyết", "Quy chế", "Luật"})


@dataclass
class Mention:
    start: int
    end: int
    form: str                       # "full" | "bare" | "short" | "issued" | "named"
    kind: str | None = None         # type word, canonical spelling
    code: CodeHit | None = None
    number: str | None = None       # bare number, without leading zeros
    descriptor: str | None = None   # for named documents
    identity: str | None = None     # for named documents: what makes two mentions one document
    type_conflict: bool = False     # the type word does not fit the symbol's type code
    damaged: str | None = None      # the type word as written, when its diacritics are scrambled
    this: bool = False              # a "này" reference: the text's own document
    # filled by context.py
    date: Any = None                # DateHit
    body: Any = None                # Body
    body_text: str | None = None
    locality: str | None = None
    term: str | None = None
    header: bool = False            # the symbol of a document's own header ("Số: ...")
    doc: Any = None                 # Document, set by resolve.py

    @property
    def system(self) -> str:
        if self.code is not None:
            return self.code.system
        if self.body is not None and self.body.system == "state":
            return "state"
        if self.kind and vocab().type_words.get(self.kind, {}).get("system") == "state":
            return "state"
        return "party"


def find_mentions(text: str) -> list[Mention]:
    v = vocab()
    codes = find_codes(text)
    by_start = {c.start: c for c in codes}
    used: set[int] = set()
    mentions: list[Mention] = []
    named_at: list[int] = []
    for m in type_word_re().finditer(text):
        word = m.group("word")
        kind = v.canonical_word(word)
        damaged = word if kind is not None and not word.isascii() and _is_damaged(word, kind) else None
        if kind is None or kind in _NAMED_STARTERS:
            named_at.append(m.start())
        num = m.group("num")
        p = m.start("num") if num else m.end()
        code = by_start.get(p)
        if code is not None and (kind is not None or _is_generic(word)):
            used.add(code.start)
            codes_ = v.word_codes(kind) if kind else []
            conflict = bool(codes_) and code.system == "party" and code.type not in codes_
            mentions.append(Mention(m.start(), code.end, "full", kind, code, type_conflict=conflict, damaged=damaged))
            continue
        if kind is None:
            continue
        if num and v.word_codes(kind):
            n = int(num)
            if m.group("so") or (n not in YEAR_LIKE and word[:1].isupper() and not COUNT_AFTER_RE.match(text, m.end())):
                mentions.append(Mention(m.start(), m.end(), "bare", kind, number=str(n), damaged=damaged))
                continue
        dem = m.group("dem")
        if dem:   # "Quy định này", "Nghị quyết nêu trên"
            mentions.append(Mention(m.start(), m.end(), "short", kind, this=fold(dem).strip() == "nay"))
        elif word[:1].isupper() and issued_before(text, m.start()):
            # "... đã ban hành Quy định về ...": the document issued, named by its type only
            mentions.append(Mention(m.start(), m.end("word"), "issued", kind))
    for c in codes:
        if c.start not in used:
            kind = v.kind_for(c.type, c.system) if c.type else ("Luật" if c.system == "state" and c.issuer and c.issuer.startswith("QH") else None)
            mentions.append(Mention(c.start, c.end, "full", kind, c))
    mentions.extend(_named_mentions(text, named_at, mentions))
    mentions.sort(key=lambda x: x.start)
    return mentions


def is_issued(text: str, m: Mention) -> bool:
    """The mention names a document as issued ("vừa ban hành Kế hoạch ...")."""
    return m.form == "issued" or issued_before(text, m.start)


@functools.lru_cache(maxsize=4096)
def _is_damaged(word: str, kind: str) -> bool:
    """A type word written with diacritics that are not its own ("Nghị qưỹết")."""
    return " ".join(word.split()).casefold() != kind.casefold()


def _is_generic(word: str) -> bool:
    return fold(word).split() == ["van", "ban"]


_NAMED_KIND = {"congress": "Nghị quyết", "plenum": "Nghị quyết", "charter": "Điều lệ", "constitution": "Hiến pháp",
               "law": "Luật", "working_rules": "Quy chế"}


def _named_mentions(text: str, starts: list[int], numbered: list[Mention]) -> list[Mention]:
    """Documents cited by name, tried where a type word or a name such as "Điều lệ" starts;
    skipped where they overlap a numbered mention or follow one directly (then they describe
    it: "60-NQ/TW (Nghị quyết Hội nghị lần thứ 11 ...)")."""
    if not starts:
        return []
    spans = sorted((m.start, m.end) for m in numbered if m.form in ("full", "bare"))
    span_starts = [a for a, _ in spans]
    out: list[Mention] = []

    def near_numbered(s: int, e: int) -> bool:
        # overlapping a numbered mention, or right after one ("60-NQ/TW (Nghị quyết ...)")
        i = bisect.bisect_left(span_starts, e)
        for a, b in spans[max(0, i - 2):i]:
            if a < e and s < b or (0 <= s - b <= 3 and text[b:s].strip() in ("(", "")):
                return True
        return False

    for pos in starts:
        for name, rx in descriptor_res().items():
            m = rx.match(text, pos)
            if m is None:
                continue
            s, e = m.start(), m.end()
            if near_numbered(s, e):
                break
            desc = " ".join(text[s:e].split())
            kind = _NAMED_KIND[name]
            if name == "charter" and fold(desc).startswith("cuong linh"):
                kind = "Cương lĩnh"
            out.append(Mention(s, e, "named", kind, descriptor=desc, identity=_named_identity(name, m, desc)))
            break
    return out


def _named_identity(name: str, m, desc: str) -> str:
    """Mentions of one un-numbered document share an identity: the congress and its ordinal,
    the plenum number, else the folded name without its term of office."""
    f = fold(desc)
    if name == "congress":
        level = "local" if "dang bo" in f else "national"
        return f"congress:{level}:{m.group('ord').upper()}"
    if name == "plenum":
        term = re.search(r"\b(?:khoa|khoa)\s+([ivxl]+)\b", f)
        return f"plenum:{fold(m.group('n1') or m.group('n2'))}:{term.group(1) if term else ''}"
    return name + ":" + f.split(", nhiem ky")[0].split(" nhiem ky")[0]
