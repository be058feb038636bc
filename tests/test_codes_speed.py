"""Issue 20, speed of document symbols, dates, sentences and the vocabulary: each shortcut gives
what the code it replaced gave.

The shortcuts (``codes.find_codes`` without a tuple of candidate patterns, its window start inline
and ``_YEAR_AFTER`` tried only after a "1" or "2"; ``_party_hit`` reading its groups at once and
``_unglued``'s early return inline; ``_is_known``, ``_slash_parts`` and ``Vocab.kind_for`` cached;
``dates.parse_date`` reading the groups of the alternative that matched instead of a dict of every
group; ``segments.segments`` finding the lines in capitals from the line break before each and
adding a sentence without ``_add`` in the usual case) are checked here against the previous code,
kept below as the reference, on invented texts, random strings and ../shared/corpus (read, when
present).
"""
from __future__ import annotations

import datetime as dt
import random
import re

import pytest

from vankien.loaders import codes, context, dates, segments as seg_mod
from vankien.loaders.codes import (PARTY_RE, SLASH_RE, CodeHit, _after_number_word, _known_issuers, _parse_party,
                                   _strip_zeros, _unglued, canonical_type, find_codes, party_key)
from vankien.loaders.dates import DATE_RE, MAX_YEAR, MIN_YEAR, DateHit, _month_number, parse_date
from vankien.loaders.patterns import TAIL_DATE_RE
from vankien.loaders.segments import Segment, segments
from vankien.loaders.vocab import code_fold, load_data, vocab

from corpus_texts import corpus_texts  # noqa: E402

INVENTED = [
    "TỈNH ỦY QUẢNG BÌNH\n*\nSố: 87-KH/TU\nĐồng Hới, ngày 03 tháng 3 năm 2023\n\nKẾ HOẠCH\n"
    "thực hiện Nghị quyết số 29-NQ/TW, ngày 17/11/2022 của Ban Chấp hành Trung ương\n\n"
    "Căn cứ Quy định số 22-QĐ/TW của Bộ Chính trị; Chỉ thị số 05-ct/tw, Kết luận 100 - KL/TW,\n"
    "Hướng dẫn số 16 -\nHD/BTCTW và Quy định 37QĐ/TWcủa Ban Bí thư; Nghị quyết 08/NQ -TW, 08/CT-HU.\n"
    "Nơi nhận:\n- Như trên,\n- Lưu VT.",
    "Nghị định số 15/2020/NĐ-CP ngày 3-6-2013; Luật số 39/2024/QH15, Nghị quyết 117/NQ-CP; công văn "
    "số 796/TLĐ, số 1234/UBND ngày 4.10.2023 và 1.11. 2011; Kế hoạch 12-KH/TUKẾ HOẠCH, 7-KH/TUKHÓA, "
    "số15-CT/TW, No.50/NQ-CP, so15-CT/TW, 21 – NQ/TW, 3-QĐ/T.Ư, 4-CT/Tw, 5-BC/BCD-TU, 6/2019/QĐ-TTg.",
    "Ngày 30/10, trước ngày 15/11 hằng năm, ngày 28/10/201, ngày 31/02/2021, ngày 12/45, 1/1/0999, "
    "ngày 25 tháng 10\nnăm 2017, ngày  5  tháng  13  năm 2020, June 14, 2024; 14 June 2024, "
    "March 3rd, 2021, 2nd February 2020, december 32 2020, 6/7 và 27/10/2017 16:02.",
    "BỘ CHÍNH TRỊ\n|\nSố: 216-QĐ/TW | Hà Nội, ngày 01 tháng 4 năm 2009\n\nQUY ĐỊNH\nVỀ QUAN HỆ CÔNG TÁC\n"
    "I. Mục đích. Yêu cầu: a) Bảo đảm.\n2. Các cấp ủy! Thực hiện? Đúng TP. Hồ Chí Minh, ông A. Bình.\n"
    "   \n\n   \nLINE 123\n12345\n" + "X" * 205 + "\nÀ\nß\n" + "Y" * 200 + "\n" + "Z" * 199 + ".\n",
]


def _corpus() -> list[str]:
    return list(corpus_texts())


def _symbols(seed: int, n: int) -> list[str]:
    """Random strings of symbol- and date-like pieces: numbers, dashes, spaces and line breaks,
    type and issuer codes in any case, glued words, years, number words, date words."""
    rng = random.Random(seed)
    c = rng.choice
    nums = ["1", "05", "25", "123", "0", "10234", "2020", "99", "00012"]
    sp = ["", "", " ", "  ", "\t", "   ", "\n", " \n"]
    dash = ["-", "-", "–", "—", "‐", "−", "", " - "]
    types = ["NQ", "QĐ", "QD", "qd", "Qđ", "CT", "ct", "HD", "KL", "KH", "CTr", "TB", "QĐi", "QDi", "BC", "NĐ", "CV",
             "XYZ", "Nq", "TTg"]
    iss = ["TW", "tw", "Tw", "tW", "TƯ", "T.Ư", "T.W", "t.ư", "TU", "HU", "ĐU", "BTCTW", "BCĐ", "BCD", "UBND", "CP",
           "BCĐ-TU", "BTCTU-BDVTU", "TUKẾ", "TUKHÓA", "TUVỀ", "TWcủa", "TLĐ", "TLD", "MTTQ-BTT", "T", "QH15", "X",
           "HUQuy", "Tcủa", "LĐTBXH"]
    words = ["số", "Số", "số ", "No.", "No. ", "so", "Sở ", "của ", "(", "", "", "", "ngày ", "x", "/", "1"]
    tails = ["", "", " ", " ngày 3/5/2024", "KẾ HOẠCH", " của", "VỀ", ".", ",", "/", "a", "9", ")", "Ả"]
    years = ["2020", "1999", "2024", "201", "20", "3000"]
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 4)):
            k = rng.random()
            if k < 0.35:
                parts.append(c(words) + c(nums) + c(sp) + c(dash) + c(sp) + c(types) + c(sp) + "/" + c(sp) + c(iss)
                             + c(tails))
            elif k < 0.65:
                y = (c(years) + c(sp) + "/" + c(sp)) if rng.random() < 0.5 else ""
                body = c([c(types) + c(sp) + c(dash) + c(sp) + c(iss), "QH" + c(["14", "15", "1"]), "UBTVQH14", c(iss)])
                parts.append(c(words) + c(nums) + c(sp) + "/" + c(sp) + y + body + c(tails))
            elif k < 0.85:
                sep = c(["/", ".", "-", "/"])
                parts.append(c(["", "ngày ", "trước "]) + c(["1", "01", "31", "32", "0", "29", "12"]) + c(sp) + sep
                             + c(sp) + c(["1", "02", "2", "12", "13", "0"])
                             + c(["", sep + c(sp) + c(years + ["2013", "1", "09999"]), " tháng 5"]) + c(tails))
            else:
                parts.append(c(["ngày ", "Ngày ", "NGÀY "]) + c(["1", "01", "31", "30"]) + c([" ", "  ", "\n"])
                             + c(["tháng", "Tháng", "thang"]) + " " + c(["2", "02", "12", "13"])
                             + c(["", " năm " + c(years), " năm\n" + c(years)]) + c(tails))
        t = c([" ", "", "\n", ", ", "; "]).join(parts)
        if rng.random() < 0.3:
            i = rng.randrange(len(t) + 1)
            t = t[:i] + c(["/", " ", "-", "\n", "0", "A", "đ", "", "."]) + t[i + 1:]
        out.append(t)
    return out


def _noise(seed: int, n: int) -> list[str]:
    """Random strings of single characters and short pieces, slashes and line breaks among them."""
    rng = random.Random(seed)
    pieces = list("0129/ /-–.\t\n\n|aZĐư:;!?(\"") + ["12", "2020", "19", "NQ", "TW", "số", "ngày", "tháng", "năm", "June",
                                                   "1st", "ABC", "À", "ß", "ǅ", "Ⓐ", "  \n", ". A",
                                                   "\r\n", "\x85", "\u2028", "\x0c"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(n)]


def _texts() -> list[str]:
    return INVENTED + _corpus() + _symbols(7, 3000) + _noise(11, 3000)


# --- codes: the previous code --------------------------------------------------------------------
def _party_hit_reference(m: re.Match, text: str) -> CodeHit | None:
    raw = m.group("iss")
    k = _unglued(text, m)
    raw, end = raw[:k], m.start("iss") + k
    parsed = _parse_party(m.group("type"), _known_issuers(raw))
    if parsed is None:
        return None
    type_code, issuer, system = parsed
    num = _strip_zeros(m.group("num"))
    surface = text[m.start():end]
    if system == "state":
        key = party_key(num, type_code, raw)
        return CodeHit(m.start(), end, surface, num, type_code, raw, "state", key, raw_issuer=raw)
    return CodeHit(m.start(), end, surface, num, type_code, issuer, system,
                   party_key(num, type_code, issuer), raw_issuer=raw)


def _slash_hit_reference(m: re.Match, text: str) -> CodeHit | None:
    v = vocab()
    num = _strip_zeros(m.group("num"))
    year = m.group("year")
    surface = text[m.start():m.end()]
    if m.group("own"):
        if not _after_number_word(text, m.start()):
            return None
        issuer = codes.known_issuer(m.group("own"))
        return CodeHit(m.start(), m.end(), surface, num, None, issuer, v.issuer_system(issuer) or "state",
                       f"{num}/{issuer}", year, issuer)
    if m.group("law"):
        key = f"{num}/{year}/{m.group('law')}" if year else f"{num}/{m.group('law')}"
        return CodeHit(m.start(), m.end(), surface, num, None, m.group("law"), "state", key, year)
    raw_type, raw_iss = m.group("type"), _known_issuers(m.group("iss"))
    iss_sys = v.issuer_system(raw_iss)
    type_code = canonical_type(raw_type)
    if iss_sys == "party" and not year and type_code:
        issuer = v.canonical_issuer(raw_iss)
        return CodeHit(m.start(), m.end(), surface, num, type_code, issuer, "party",
                       party_key(num, type_code, issuer), raw_issuer=raw_iss)
    system = "other" if iss_sys == "other" else "state"
    t = type_code or raw_type
    key = f"{num}/{year}/{t}-{raw_iss}" if year else f"{num}/{t}-{raw_iss}"
    return CodeHit(m.start(), m.end(), surface, num, t, raw_iss, system, key, year, raw_iss)


def _window_start_reference(text: str, slash: int, done: int) -> int:
    start = max(done, slash - codes._BEFORE_SLASH)
    while start > done and text[start - 1].isdigit():
        start -= 1
    return start


def _find_codes_reference(text: str) -> list[CodeHit]:
    hits: list[CodeHit] = []
    done = 0
    n = len(text)
    i = text.find("/")
    while i != -1:
        before = text[i - 1] if i > 0 else " "
        if before in " \t":
            before = text[i - 3:i].strip()[-1:] or " "
        after = text[i + 1:i + 4].lstrip(" \t")[:1]
        if after.isdigit():
            candidates = (SLASH_RE,) if codes._YEAR_AFTER.match(text, i + 1) else ()
        elif before.isdigit():
            candidates = (SLASH_RE,)
        elif before.isalpha():
            candidates = (PARTY_RE,)
        else:
            candidates = ()
        found = None
        for rx in candidates:
            m = rx.search(text, _window_start_reference(text, i, done), min(n, i + codes._AFTER_SLASH))
            if m is not None and m.start() <= i < m.end():
                h = _party_hit_reference(m, text) if rx is PARTY_RE else _slash_hit_reference(m, text)
                if h is not None and (h.type is not None or h.system != "party"):
                    found = h
        if found is not None:
            hits.append(found)
            done = found.end
            i = text.find("/", found.end)
        else:
            i = text.find("/", i + 1)
    return hits


def _is_known_reference(raw: str) -> bool:
    v = vocab()
    return all(code_fold(p) in v.issuer_variants or code_fold(p) in v.other_issuers or code_fold(p) in v.state_issuers
               or codes.fold(p) in codes._ascii_issuers() for p in re.split(codes._DASH, raw) if p)


# --- codes: the checks ---------------------------------------------------------------------------
def test_find_codes_as_before():
    found = 0
    for text in _texts():
        new = find_codes(text)
        assert new == _find_codes_reference(text), text[:200]
        found += len(new)
    assert found > 1000          # the random strings hold symbols of every form


def test_year_after_a_slash_starts_with_1_or_2():
    """find_codes tries _YEAR_AFTER only where the first character after the slash (spaces and tabs
    aside, within three) is "1" or "2": wherever it matches, that character is one of them."""
    rng = random.Random(3)
    for _ in range(20000):
        s = "/" + "".join(rng.choice(" \t12090/x\n") for _ in range(rng.randint(0, 9)))
        if codes._YEAR_AFTER.match(s, 1):
            assert s[1:4].lstrip(" \t")[:1] in ("1", "2")


def test_caches_give_what_the_functions_give():
    issuers = load_data("issuers.toml")
    written = {*issuers["party"], *issuers["other"]["codes"], *issuers["state"]["codes"], "BCD", "TLD", "TƯ", "T.Ư",
               "tw", "TUKẾ", "HUQuy", "BCĐ-TU", "BTCTU-BDVTU", "X-Y", "--", "TU–HU", "QH15", "UBND3"}
    types = [*vocab().type_codes.values(), "QD", "qd", "QDi", "XYZ", "Nq"]
    for raw in written:
        assert codes._is_known(raw) == _is_known_reference(raw), raw
        for t in types:
            v = vocab()
            known = _known_issuers(raw)
            parts = codes._slash_parts(t, raw)
            assert parts[:3] == (known, v.issuer_system(known), canonical_type(t)), (t, raw)
            if parts[1] == "party":
                assert parts[3] == v.canonical_issuer(known)
    v = vocab()
    for t in [*v.type_codes.values(), "XX", ""]:
        for system in ("party", "state", "other"):
            assert v.kind_for(t, system) == type(v).kind_for.__wrapped__(v, t, system)


# --- dates: the previous code --------------------------------------------------------------------
def _parse_date_reference(m: re.Match, group: int | str = 0) -> DateHit | None:
    g = m.groupdict()
    start, end = m.span(group)
    if g["d"] is not None:
        d, mo, y = g["d"], g["m"], g["y"]
    elif g["d2"] is not None:
        d, mo, y = g["d2"], g["m2"], g["y2"]
    elif g["d3"] is not None:
        d, mo, y = g["d3"], g["m3"], None
    elif g["d4"] is not None:
        d, mo, y = g["d4"], _month_number(g["m4"]), g["y4"]
    else:
        d, mo, y = g["d5"], _month_number(g["m5"]), g["y5"]
    day, month = int(d), int(mo)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        if y is None:
            return None
        return DateHit(start, end, None, "impossible")
    if y is None:
        return DateHit(start, end, f"partial:--{month:02d}-{day:02d}", "no_year")
    if len(y) < 4:
        return DateHit(start, end, None, "truncated")
    year = int(y)
    if not MIN_YEAR <= year <= MAX_YEAR:
        return DateHit(start, end, None, "impossible")
    try:
        value = dt.date(year, month, day).isoformat()
    except ValueError:
        return DateHit(start, end, None, "impossible")
    return DateHit(start, end, value, None)


def _english_dates(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    months = load_data("citations.toml")["date"]["english_months"]
    c = rng.choice
    out = []
    for _ in range(n):
        d, y = c(["1", "01", "14", "31", "32", "0", "29"]), c(["2024", "201", "1999", "0999", "2100"])
        m = c(months)
        m = c([m, m.upper(), m.lower()])
        out.append(c([f"{m} {d}, {y}", f"{m}  {d}st {y}", f"{d} {m} {y}", f"{d}th {m}, {y}", f"{d}/{c(['2', '13'])}"]))
    return out


def test_parse_date_as_before():
    patterns = [(DATE_RE, 0), (TAIL_DATE_RE, "date"), (context.PLACE_DATE_RE, "date"),
                (context.METADATA_DATE_RE, "date")]
    seen = {"d": 0, "d2": 0, "d3": 0, "d4": 0, "d5": 0}
    for text in _texts() + _english_dates(5, 2000):
        for rx, group in patterns:
            for m in rx.finditer(text):
                assert parse_date(m, group) == _parse_date_reference(m, group), (m, text[:200])
                seen[next(k for k in seen if m.group(k) is not None)] += 1
    assert all(seen.values()), seen          # every form of a date was read


# --- segments: the previous code -----------------------------------------------------------------
def _segments_reference(text: str) -> list[Segment]:
    out: list[Segment] = []
    pos = 0
    first_line = text.find("\n", len(text) - len(text.lstrip()))
    cuts = [(m.start() + (text[m.start()] in ".;:!?"), m.end()) for m in seg_mod._BOUNDARY_RE.finditer(text)]
    if first_line > 0:
        cuts.append((first_line, first_line + 1))
    cuts.extend((m.end() - 1, m.end()) for m in seg_mod._LINE_RE.finditer(text) if seg_mod._capitals_line(m.group()))
    cuts.extend((m.start(), m.start() + 1) for m in seg_mod._cue_line_re().finditer(text) if m.group("cue")[:1].isupper())
    cuts.extend((m.start() + 1, m.end()) for m in seg_mod._basis_item_re().finditer(text) if text[m.end()].isupper())
    cuts.extend((m.end("q"), m.end()) for m in seg_mod._QUOTED_END_RE.finditer(text))
    cuts.sort()
    for a, b in cuts:
        if a < pos:
            continue
        seg_mod._add(out, text, pos, a)
        pos = b
    seg_mod._add(out, text, pos, len(text))
    # headings in capitals run into a long sentence (a behaviour of its own, the same step)
    return [p for s in out for p in (seg_mod._run_on(text, s) if seg_mod._may_run_on(text, s) else (s,))]


def test_segments_as_before():
    for text in _texts():
        assert segments(text) == _segments_reference(text), text[:200]


def test_next_line_finds_the_lines_of_line_re():
    """_FIRST_LINE_RE at the start and _NEXT_LINE_RE after each line break find the lines _LINE_RE
    finds, with the same text but the line break; in capitals alike."""
    for text in _texts() + ["\n", "\n\n", "A\n", "A", "\nA\n", "\n\nAB\n\nC\nd\nE"]:
        old = [(m.end() - 1, m.group()) for m in seg_mod._LINE_RE.finditer(text)]
        first = seg_mod._FIRST_LINE_RE.match(text)
        new = ([(first.end() - 1, first.group())] if first else []) + [
            (m.end(1), m.group(1) + "\n") for m in seg_mod._NEXT_LINE_RE.finditer(text)]
        assert new == old, text[:200]
        for _, line in old:
            assert seg_mod._capitals_line(line) == seg_mod._capitals_line(line[:-1])


@pytest.mark.parametrize("line", ["", "À", "ß", "ǅ", "Ⓐ", "ⓐ", "12", "BỘ CHÍNH TRỊ", "ÀB ǅ", "İ", "ΣΑ", "ς"])
def test_capitals_without_the_line_break(line):
    assert seg_mod._capitals_line(line) == seg_mod._capitals_line(line + "\n")
