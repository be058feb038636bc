"""Web pages: the main text only, via trafilatura, with title, date and canonical URL from
the page's metadata.

trafilatura drops menus, sidebars and link lists it recognises (by tag and class names).
Vietnamese portals often use opaque class names, so lines that are typical site chrome
(visitor counters, "Go top", share buttons, related-news headings and their link lists,
footer notices) are removed afterwards too.

A page nested deeper than the HTML parser goes (libxml2 stops at 256 levels) would read as empty:
its text is then read by removing the tags, with a ``too_deep`` warning saying so.
"""
from __future__ import annotations

import html as html_entities
import logging
import re

import trafilatura
from lxml import etree

from vankien.loaders.fold import literal_one_of
from vankien.loaders.source import SourceText, Warn
from vankien.loaders.readers import warning_codes as codes
from vankien.loaders.readers.encoding import decode_bytes
from vankien.loaders.readers.records import document
from vankien.loaders.vocab import load_data

READER = "html"

_EXTRACT_OPTIONS = dict(include_comments=False, include_tables=True, favor_recall=True,
                        with_metadata=True)

# Site chrome (loaders/data/sites.toml), compared in lower case after stripping ": -|>»•·".
_SITES = load_data("sites.toml")
BOILERPLATE_LINES = frozenset(_SITES["chrome"]["lines"])
# Headings of related-news lists: the heading and the short lines under it are dropped.
RELATED_HEADINGS = frozenset(_SITES["related"]["headings"])


def _boilerplate_patterns(sites: dict) -> tuple[str, ...]:
    """Whole lines that are visitor counters, footer notices or share bars: a counter's label
    and a number; a line starting with a footer phrase (a word-ending one as a whole word);
    a label then a colon (footer phrases that also occur in documents need the colon)."""
    footer = sites["footer"]
    starts = "|".join(re.escape(w) + (r"\b" if w[-1:].isalnum() else "") for w in footer["starts"])
    labels = "|".join([re.escape(w) for w in footer["labels"]]
                      + [re.escape(w) + "[^:：]*" for w in footer["labels_then_text"]])
    return (
        literal_one_of(sites["counter"]["labels"]) + r"\s*[:：]?\s*[\d.,\s]+",
        f"(?:{starts}).*",
        rf"(?:{labels})\s*[:：].*",
    )


BOILERPLATE_PATTERNS = _boilerplate_patterns(_SITES)
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
    if too_deep(html):
        warnings.append(Warn(codes.TOO_DEEP, f"the page nests its elements more than {MAX_PARSER_DEPTH} levels "
                                             "deep, too deep for the HTML parser: its text was read by removing "
                                             "the tags; check it for menus and footers"))
        return document(source, strip_tags(html), reader=READER, encoding=encoding, warnings=warnings,
                        empty_message="no text found in the web page (nested too deeply to parse)")
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


MAX_PARSER_DEPTH = 256          # libxml2's limit (without XML_PARSE_HUGE)
_TAG_RE = re.compile(r"<[^<>]{0,10000}>")
_INVISIBLE_BLOCK_RE = re.compile(r"<(script|style|template|noscript)\b[^>]{0,10000}>.*?</\1\s*>", re.I | re.S)
_BLOCK_TAG_RE = re.compile(r"</?(?:p|div|br|li|tr|h[1-6]|table|section|article|blockquote)\b[^<>]{0,10000}>", re.I)


def too_deep(html: str) -> bool:
    """Whether the HTML parser gives up on ``html`` for its depth (a cheap test for most pages:
    a page with fewer tags than the limit cannot be that deep)."""
    if html.count("<") <= MAX_PARSER_DEPTH:
        return False
    parser = etree.HTMLParser(recover=True)
    try:
        etree.fromstring(html, parser)
    except Exception:  # noqa: BLE001 - the error log says what happened
        pass
    return any(e.type_name == "ERR_RESOURCE_LIMIT" and "depth" in e.message for e in parser.error_log)


def strip_tags(html: str) -> str:
    """The text of ``html`` without parsing it: scripts and styles dropped, a line break for each
    block element, the other tags removed, entities decoded."""
    text = _INVISIBLE_BLOCK_RE.sub(" ", html)
    text = _BLOCK_TAG_RE.sub("\n", text)
    text = html_entities.unescape(_TAG_RE.sub("", text))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


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
