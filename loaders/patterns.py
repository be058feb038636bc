"""Compiled regular expressions built from the vocabularies.

Every quantifier is bounded and no two unbounded repeats are nested, so scanning is linear
in the text (no catastrophic backtracking on hostile input).
"""
from __future__ import annotations

import functools
import re

from vankien.loaders.dates import DATE_SRC
from vankien.loaders.fold import alternation, word_pattern
from vankien.loaders.vocab import vocab


def W(phrase: str) -> str:
    """Shorthand: diacritic/case-insensitive pattern for one phrase."""
    return word_pattern(phrase)


# words that open a citation by name only (no symbol): scanned with the type words
NAMED_ONLY_STARTERS = ("Điều lệ", "Hiến pháp", "Cương lĩnh")


@functools.cache
def type_word_re() -> re.Pattern:
    v = vocab()
    words = list(v.type_words) + ["văn bản"] + list(NAMED_ONLY_STARTERS)
    so = rf"(?:{W('số')}|{W('so')})"
    # one match gives the word and what follows it: a demonstrative ("này"), or "số" and the
    # position where a symbol or a bare number starts (group "num" when it is a bare number)
    return re.compile(
        rf"(?<!\w)(?P<word>{alternation(words)})(?!\w)"
        rf"(?:(?P<dem>{DEMONSTRATIVE_SRC})"
        rf"|(?P<so>[ \t\n]{{1,3}}{so}(?!\w)\.?)?[ \t\n]{{0,3}}:?[ \t\n]{{0,3}}(?P<num>{BARE_NUMBER_SRC})?)"
    )


# a bare number right after a type word: not part of a date, a symbol or a quantity
BARE_NUMBER_SRC = r"\d{1,4}(?![\d%]|[.,/\-–]\d|[ \t]{0,2}[-–][ \t]{0,2}[A-Za-zĐđ]|[A-Za-zĐđ])"
# "Quy định 19 điều", "Kế hoạch 5 năm": a count, not a document number
COUNT_AFTER_RE = re.compile(
    r"[ \t]{1,2}(?:" + "|".join(W(u) for u in (
        "năm", "tháng", "ngày", "tuần", "giờ", "lần", "điều", "điểm", "chương", "mục", "phần", "khoản",
        "nội dung", "nhiệm vụ", "giải pháp", "chỉ tiêu", "vấn đề", "nhóm", "người", "đơn vị", "xã", "huyện",
        "tỉnh", "trang", "văn bản", "đồng", "tỷ", "triệu", "nghìn", "ha", "km", "cấp", "tiêu chí")) + r")(?!\w)"
)

DEMONSTRATIVE_SRC = rf"[ \t]{{1,2}}(?:{W('nêu trên')}|{W('nói trên')}|{W('trên')}|{W('này')}|{W('đó')})(?!\w)"

TERM_RE = re.compile(rf"[ \t]{{0,2}}[,(]?[ \t]{{0,2}}(?:{W('khóa')}|{W('khoá')}|{W('khoa')})[ \t]{{1,2}}(?P<term>[IVXLivxl]{{1,6}})(?![\w])\)?")

BAN_HANH = W("ban hành")
# gap allowed between a mention and its own date: ", ngày", " ban hành ngày", "(ngày"; at
# most one line break (a date after a blank line opens the next paragraph)
DATE_GAP_SRC = (
    rf"(?:[ \t]{{0,3}}[,(]?[ \t]{{0,3}}\n?[ \t]{{0,2}}(?:{W('ký')}[ \t]{{1,2}})?(?:{BAN_HANH}[ \t]{{1,2}})?{W('ngày')}[ \t\n]{{0,3}}:?"
    rf"|[ \t]{{0,3}}[,(]?[ \t]{{0,3}}(?:(?:{W('ký')}[ \t]{{1,2}})?{BAN_HANH}[ \t]{{1,2}})?)"
)
# a mention's own date right after it (or after its issuing body): ", ngày 03/6/2013"
TAIL_DATE_RE = re.compile(DATE_GAP_SRC + "(?P<date>" + DATE_SRC + ")")
# a page timestamp ("27/10/2017 16:02") is not a document date
TIME_AFTER_RE = re.compile(r"[ \t,]{0,3}(?:\d{1,2}[:h]\d{2})")
# header layout: "Số: 16-HD/BTCTW | Hà Nội, ngày 24 tháng 9 năm 2018"
HEADER_GAP_RE = re.compile(r"[\s|]{0,12}[^\d.|]{0,30}?,?[ \t\n]{0,3}" + rf"(?:{W('ngày')}[ \t\n]{{0,3}})?\Z")
SO_BEFORE_RE = re.compile(rf"{W('số')}[ \t]{{0,2}}:?[ \t\n|]{{0,4}}\Z")
# words before a date that make it a deadline or a period, not a document date
DEADLINE_RE = re.compile(
    rf"(?:{W('trước')}|{W('đến')}|{W('hạn')}|{W('từ')}|{W('sau')}|{W('trong')}|{W('chậm nhất')}|{W('hoàn thành')})[ \t]{{1,2}}(?:{W('ngày')}[ \t]{{1,2}})?\Z"
)
# "Ngày 03/3/2023, Ban Thường vụ Tỉnh ủy đã ban hành Kế hoạch số 94-KH/TU"
ISSUED_BEFORE_RE = re.compile(
    rf"(?:{W('ký')}[ \t]{{1,2}})?(?:{BAN_HANH}|{W('ký')}|{W('thông qua')})[ \t\n]{{1,2}}(?:{W('kèm theo')}[ \t]{{1,2}})?\Z"
)
ISSUED_LOOKBACK = 30


def issued_before(text: str, pos: int) -> bool:
    """An issuance verb ends right before ``pos`` ("... đã ban hành | Kế hoạch số ...")."""
    return bool(ISSUED_BEFORE_RE.search(text, max(0, pos - ISSUED_LOOKBACK), pos))


SENTENCE_END_RE = re.compile(r"[.!?;](?:\s|$)|\n\s*\n")


@functools.cache
def body_re() -> re.Pattern:
    """Issuing bodies, with an optional locality after them ("Thành ủy Hà Nội")."""
    v = vocab()
    names = [n for b in v.bodies for n in b.names]
    prov_names = [p["name"] for p in v.provinces] + [a for p in v.provinces for a in p.get("aliases", [])]
    unit = rf"(?:{W('tỉnh')}|{W('thành phố')}|TP\.?|{W('huyện')}|{W('quận')}|{W('thị xã')})"
    loc = (
        rf"(?:[ \t]{{1,2}}(?:{unit}[ \t]{{1,2}})?(?P<loc>{alternation(prov_names)}"
        rf"|(?!(?:{_LOC_STOP})(?!\w))[A-ZĐ][a-zà-ỹđ]{{1,7}}(?:[ \t][A-ZĐ][a-zà-ỹđ]{{1,7}}){{0,2}})(?!\w))?"
    )
    names_re = alternation(names, space=r"\s{0,2}")
    return re.compile(rf"(?<!\w)(?P<body>{names_re})(?!\w){loc}")


_LOC_STOP = "|".join(
    ["Đảng", "Ban", "Trung", "Tỉnh", "Thành", "Bộ", "Khóa", "Khoá", "Hội", "Về", "Nghị", "Chỉ", "Kế", "Quy", "Kết",
     "Chương", "Hướng", "Thông", "Ngày", "Văn", "Ủy", "Uỷ", "Thường", "Chính", "Nhà", "Mặt", "Quốc", "Theo", "Tại",
     "Đồng", "Các", "Những", "Trong", "Sau", "Trước", "Lần", "Nhiệm", "Số", "Tổng", "Bí", "Phó", "Chủ", "Đề", "Báo"]
)

# un-numbered documents cited by name
_ROMAN = r"[IVXL]{1,6}"
_ORD = rf"(?:{_ROMAN}|\d{{1,2}}|{W('thứ')}[ \t]{{1,2}}\w{{1,6}})"
DESCRIPTOR_RE_SOURCES = {
    # Nghị quyết Đại hội (đại biểu) (toàn quốc) (Đảng bộ tỉnh X) lần thứ XIII (của Đảng) (Đảng bộ ...) (, nhiệm kỳ 2020 - 2025)
    "congress": (
        rf"(?<!\w){W('Nghị quyết')}[ \t\n]{{1,2}}{W('Đại hội')}(?:[ \t\n]{{1,2}}{W('đại biểu')})?(?:[ \t\n]{{1,2}}{W('toàn quốc')})?"
        rf"(?:[ \t\n]{{1,2}}{W('Đảng bộ')}[ \t\n]{{1,2}}(?:{W('tỉnh')}|{W('thành phố')}|{W('huyện')}|{W('quận')}|{W('thị xã')}|{W('xã')}|{W('phường')}|{W('thị trấn')}|{W('khối')})(?:[ \t](?!{W('lần')})[A-ZĐ]\w{{0,7}}(?:[ \t][A-ZĐ]\w{{0,7}}){{0,2}})?)?"
        rf"(?:[ \t\n]{{1,2}}{W('lần')})?(?:[ \t\n]{{1,2}}{W('thứ')})?[ \t\n]{{1,2}}(?P<ord>{_ROMAN}|\d{{1,2}})(?!\w)"
        rf"(?:[ \t\n]{{1,2}}{W('của Đảng')}(?!\w))?"
        rf"(?:[ \t\n]{{1,2}}{W('Đảng bộ')}[ \t\n]{{1,2}}(?:{W('tỉnh')}|{W('thành phố')}|{W('huyện')}|{W('quận')}|{W('thị xã')}|{W('xã')}|{W('phường')}|{W('thị trấn')}|{W('khối')})(?:[ \t][A-ZĐ]\w{{0,7}}(?:[ \t][A-ZĐ]\w{{0,7}}){{0,2}})?)?"
        rf"(?:,?[ \t]{{1,2}}{W('nhiệm kỳ')}[ \t]{{1,2}}\d{{4}}[ \t]{{0,2}}[-–][ \t]{{0,2}}\d{{4}})?"
    ),
    # Nghị quyết Trung ương 3 (khóa X) / Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung ương
    "plenum": (
        rf"(?<!\w){W('Nghị quyết')}[ \t\n]{{1,2}}(?:{W('Hội nghị')}[ \t\n]{{1,2}})?"
        rf"(?:(?:{W('Trung ương')}|TW|TƯ)[ \t]{{1,2}}(?P<n1>\d{{1,2}})|{W('lần')}[ \t]{{1,2}}{W('thứ')}[ \t]{{1,2}}(?P<n2>\w{{1,6}})(?:[ \t\n]{{1,2}}(?:{W('của')}[ \t]{{1,2}})?(?:{W('Ban Chấp hành Trung ương')}|BCH[ \t]Trung[ \t]ương|BCH[ \t]TW)(?:[ \t]{W('Đảng')})?)?)"
        rf"(?:[ \t\n]{{0,2}}\(?(?:{W('khóa')}|{W('khoá')})[ \t]{{1,2}}{_ROMAN}\)?)?"
    ),
    "charter": rf"(?<!\w)(?:{W('Điều lệ Đảng')}|{W('Cương lĩnh')}[ \t]{{1,2}}{W('xây dựng đất nước')}(?:[^.\n]{{0,80}}?{W('năm')}[ \t]\d{{4}})?)(?!\w)",
    "constitution": rf"(?<!\w){W('Hiến pháp')}(?:[ \t\n]{{1,2}}{W('nước Cộng hòa xã hội chủ nghĩa Việt Nam')}|[ \t\n]{{1,2}}{W('nước Cộng hoà xã hội chủ nghĩa Việt Nam')})?(?:[ \t\n]{{1,2}}{W('năm')}[ \t]{{1,2}}(?P<year>\d{{4}}))?(?!\w)",
    "law": rf"(?<!\w){W('Luật')}[ \t]{{1,2}}(?P<name>[A-ZĐ][\wà-ỹ]{{0,10}}(?:,?[ \t][\wà-ỹ]{{1,10}}){{0,7}}?)(?=[ \t]*[,.;:)\n]|[ \t]{W('đến')}|[ \t]{W('và')}[ \t]|$)",
    "working_rules": rf"(?<!\w){W('Quy chế làm việc')}[ \t\n]{{1,2}}{W('của')}[ \t\n]{{1,2}}[^.;\n]{{5,90}}?(?:\((?:{W('khóa')}|{W('khoá')})[ \t]{_ROMAN}\)|(?:{W('khóa')}|{W('khoá')})[ \t]{_ROMAN})",
}


@functools.cache
def descriptor_res() -> dict[str, re.Pattern]:
    return {k: re.compile(v) for k, v in DESCRIPTOR_RE_SOURCES.items()}
