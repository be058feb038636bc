"""Web pages: the main text only, via trafilatura, with title, date and canonical URL from
the page's metadata.

trafilatura drops menus, sidebars and link lists it recognises (by tag and class names).
Vietnamese portals often use opaque class names, so lines that are typical site chrome
(visitor counters, "Go top", share buttons, related-news headings and their link lists,
footer notices) are removed afterwards too.
"""
from __future__ import annotations

import logging
import re

import trafilatura

from vankien.loaders.source import SourceText, Warn
from vankien.loaders.readers import warning_codes as codes
from vankien.loaders.readers.encoding import decode_bytes
from vankien.loaders.readers.records import document

READER = "html"

_EXTRACT_OPTIONS = dict(include_comments=False, include_tables=True, favor_recall=True,
                        with_metadata=True)

# Whole lines that are site chrome, compared case-insensitively after stripping ": -|>".
BOILERPLATE_LINES = frozenset({
    "go top", "về đầu trang", "lên đầu trang", "đầu trang", "back to top", "top",
    "chia sẻ", "chia sẻ bài viết", "in bài", "in bài viết", "bản in", "gửi email", "gửi bài",
    "quay lại", "trở về", "trang chủ", "thống kê truy cập", "liên kết website",
    "lượt xem", "đánh giá bài viết", "bình luận", "ý kiến bạn đọc", "tags", "từ khóa",
    "facebook", "zalo", "twitter", "email", "print",
})
# Headings of related-news lists: the heading and the short lines under it are dropped.
RELATED_HEADINGS = frozenset({
    "tin liên quan", "các tin khác", "tin khác", "tin cùng chuyên mục", "bài viết liên quan",
    "bài liên quan", "tin đã đưa", "các bài đã đưa", "tin mới", "tin mới nhất", "tin đọc nhiều",
    "xem thêm", "tin bài khác", "các tin đã đưa", "đọc thêm",
})
# Whole lines that are visitor counters, share bars or footer notices (lower case). Footer
# phrases that also occur in documents ("chịu trách nhiệm", "giấy phép số") need a colon.
BOILERPLATE_PATTERNS = (
    r"(đang truy cập|đang online|trực tuyến|hôm nay|hôm qua|tuần này|tháng này|năm nay|"
    r"tổng (số )?lượt truy cập|(số )?lượt truy cập|tổng truy cập|lượt xem|visitors?|online)"
    r"\s*[:：]?\s*[\d.,\s]+",
    r"(chia sẻ|share)\s*[:：].*",
    r"(cơ quan chủ quản|bản quyền thuộc|ghi rõ nguồn|copyright|thiết kế bởi|designed by)\b.*",
    r"©.*",
    r"(chịu trách nhiệm (chính|nội dung|xuất bản)|giấy phép( số| thiết lập[^:：]*| xuất bản[^:：]*))"
    r"\s*[:：].*",
)
_BOILERPLATE_RE = re.compile("|".join(f"(?:{p})" for p in BOILERPLATE_PATTERNS), re.IGNORECASE)
MAX_BOILERPLATE_LINE = 200      # longer lines are prose, never dropped
MAX_RELATED_ITEM = 160          # lines under a related-news heading shorter than this are links
SENTENCE_ENDS = (".", ";")      # ... unless they end like a sentence (link titles do not)

_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

# trafilatura logs every page it finds too short at ERROR/WARNING level; our warnings say it.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def read_html(data: bytes, source: str) -> SourceText:
    """The main text of the page in ``data``, one paragraph per line."""
    html, encoding, warnings = _decode_html(data)
    if html is None:
        return document(source, None, reader=READER, encoding=encoding, warnings=warnings)
    problem = "no main text found in the page (malformed or very short?)"
    try:
        extracted = trafilatura.bare_extraction(html, **_EXTRACT_OPTIONS)
    except Exception as exc:  # noqa: BLE001 - trafilatura/lxml raise many kinds on broken pages
        extracted, problem = None, f"main-text extraction failed ({exc!r})"
    text = remove_boilerplate(extracted.text) if extracted is not None and extracted.text else ""
    if not text:
        text = _fallback_text(html)
        if text:
            warnings.append(Warn(codes.HTML_FALLBACK, f"{problem}; used a cruder whole-page "
                                                      "extraction: check it for menus and footers"))
    return document(source, text, reader=READER, encoding=encoding, url=getattr(extracted, "url", None),
                    title=getattr(extracted, "title", None), published=getattr(extracted, "date", None),
                    warnings=warnings, empty_message="no text found in the web page")


def remove_boilerplate(text: str) -> str:
    """``text`` without the lines that are site chrome (see the module constants)."""
    kept: list[str] = []
    in_related = False
    for line in text.split("\n"):
        key = line.strip().strip(":-|>»•·").strip().lower()
        short = len(line) <= MAX_BOILERPLATE_LINE
        if key in RELATED_HEADINGS:
            in_related = True
            continue
        if in_related and key and len(line) <= MAX_RELATED_ITEM and not line.rstrip().endswith(SENTENCE_ENDS):
            continue
        in_related = False
        if short and (key in BOILERPLATE_LINES or _BOILERPLATE_RE.fullmatch(key)):
            continue
        kept.append(line)
    return "\n".join(kept).strip()


def _decode_html(data: bytes) -> tuple[str | None, str | None, list[Warn]]:
    """Decode with the charset the page declares when it fits, else like plain text."""
    declared = _META_CHARSET_RE.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace")
        try:
            return data.decode(name), name.lower(), []
        except (LookupError, UnicodeDecodeError):
            pass
    decoded = decode_bytes(data)
    return decoded.text, decoded.encoding, decoded.warnings


def _fallback_text(html: str) -> str:
    """trafilatura's baseline extraction, else the whole page's text."""
    for extract in (lambda: trafilatura.baseline(html)[1], lambda: trafilatura.html2txt(html)):
        try:
            text = remove_boilerplate(extract() or "")
        except Exception:  # noqa: BLE001 - see read_html
            continue
        if text.strip():
            return text
    return ""
