"""JSON Lines files (.jsonl, .ndjson, .json): one document per record.

A record is an object ``{"text", "url", "title", "published", "scope"}`` of which only
``"text"`` is required. A ``.json`` file holding a single object or an array of objects (pretty-printed
or on one line, as ``json.dump`` writes it) is read the same way. Bad lines give a warning record
each and reading goes on: JSON nested too deep for the parser is one of them, never an error. Lone
surrogates (``"\ud800"`` escapes) are replaced by U+FFFD, with a warning (vankien.loaders.clean).
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from vankien.loaders.clean import normalize_text
from vankien.loaders.source import SourceText
from vankien.loaders.readers import warning_codes as codes
from vankien.loaders.readers.encoding import Decoded, decode_bytes
from vankien.loaders.readers.records import document, failure

READER = "jsonl"


def read_jsonl(data: bytes, source: str, *, default_scope: str | None = None) -> Iterator[SourceText]:
    """One record per non-blank line of ``data`` (or per item of a whole-file JSON array)."""
    decoded = _decode(data)
    if decoded.text is None:
        yield document(source, None, reader=READER, warnings=decoded.warnings)
        return
    for where, raw in _raw_records(decoded.text, source):
        record = _record(raw, where, default_scope)
        record.encoding = decoded.encoding
        record.warnings[:0] = decoded.warnings
        yield record


def _decode(data: bytes) -> Decoded:
    """JSON is UTF-8 (RFC 8259): such a file is decoded as is, so that each record's text is
    cleaned and warned about on its own (vankien.loaders.readers.records.document); a file in
    another encoding is decoded like plain text."""
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        return decode_bytes(data)


def _raw_records(text: str, source: str) -> Iterator[tuple[str, str | Any]]:
    """``(where, raw)`` pairs: ``raw`` is a line to parse, or an already parsed item."""
    lines = [(number, line) for number, line in enumerate(text.split("\n"), 1) if line.strip()]
    array = text.lstrip().startswith("[")          # a JSON array, pretty-printed or on one line
    whole = _whole_document(text) if lines and (array or not _parses(lines[0][1])) else None
    if whole is not None:
        items = whole if isinstance(whole, list) else [whole]
        for index, item in enumerate(items, 1):
            yield f"{source}#{index}", item
        return
    for number, line in lines:
        yield f"{source}#L{number}", line


TOO_DEEP = "nested too deeply for the JSON parser"


class _Unparsable(ValueError):
    """Not JSON the parser can read; the message says why."""


def _loads(text: str) -> Any:
    """``json.loads``, with every failure (bad JSON, nesting too deep) as :class:`_Unparsable`."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _Unparsable(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise _Unparsable(f"not readable JSON: {TOO_DEEP}") from None


def _parses(line: str) -> bool:
    try:
        _loads(line)
    except _Unparsable:
        return False
    return True


def _whole_document(text: str) -> Any | None:
    """The JSON value of the whole file when it is one (pretty-printed .json), else ``None``."""
    try:
        value = _loads(text)
    except _Unparsable:
        return None
    return value if isinstance(value, (dict, list)) else None


def _record(raw: str | Any, where: str, default_scope: str | None) -> SourceText:
    """The document in one record; ``raw`` is a JSON line or an already parsed value."""
    if isinstance(raw, str):
        try:
            value = _loads(raw)
        except _Unparsable as exc:
            return _bad(where, raw, str(exc))
    else:
        value, raw = raw, json.dumps(raw, ensure_ascii=False)
    if not isinstance(value, dict):
        return _bad(where, raw, f"a JSON {type(value).__name__}, not an object with a \"text\" field")
    text = value.get("text")
    if not isinstance(text, str) or not text.strip():
        return _bad(where, raw, 'no "text" field (or it is empty or not a string)')
    url = _string(value.get("url"))
    record = document(url or where, text, reader=READER, url=url, title=_string(value.get("title")),
                      published=_string(value.get("published")))
    record.scope = _clean(_string(value.get("scope"))) or default_scope
    record.sha256 = _sha256(text)
    return record


def _bad(where: str, raw: str, problem: str) -> SourceText:
    """A warning record for a bad line, its hash taken from the line itself."""
    record = failure(where, codes.BAD_RECORD, f"record skipped: {problem}", reader=READER)
    record.sha256 = _sha256(raw)
    return record


def _sha256(text: str) -> str:
    """The hash of ``text`` as UTF-8; lone surrogates are hashed as they came (``surrogatepass``)."""
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def _clean(value: str | None) -> str | None:
    return normalize_text(value) if value is not None else None


def _string(value: Any) -> str | None:
    """A record field as a string (numbers are accepted), ``None`` when absent."""
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value)
