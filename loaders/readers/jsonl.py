"""JSON Lines files (.jsonl, .ndjson, .json): one document per record.

A record is an object ``{"text", "url", "title", "published", "scope"}`` of which only
``"text"`` is required. A ``.json`` file holding a single object or an array of objects is
read the same way. Bad lines give a warning record each and reading goes on.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from vankien.loaders.source import SourceText
from vankien.loaders.readers import warning_codes as codes
from vankien.loaders.readers.encoding import decode_bytes
from vankien.loaders.readers.records import document, failure

READER = "jsonl"


def read_jsonl(data: bytes, source: str, *, default_scope: str | None = None) -> Iterator[SourceText]:
    """One record per non-blank line of ``data`` (or per item of a whole-file JSON array)."""
    decoded = decode_bytes(data)
    if decoded.text is None:
        yield document(source, None, reader=READER, warnings=decoded.warnings)
        return
    for where, raw in _raw_records(decoded.text, source):
        record = _record(raw, where, default_scope)
        record.encoding = decoded.encoding
        record.warnings[:0] = decoded.warnings
        yield record


def _raw_records(text: str, source: str) -> Iterator[tuple[str, str | Any]]:
    """``(where, raw)`` pairs: ``raw`` is a line to parse, or an already parsed item."""
    lines = [(number, line) for number, line in enumerate(text.split("\n"), 1) if line.strip()]
    whole = _whole_document(text) if lines and not _parses(lines[0][1]) else None
    if whole is not None:
        items = whole if isinstance(whole, list) else [whole]
        for index, item in enumerate(items, 1):
            yield f"{source}#{index}", item
        return
    for number, line in lines:
        yield f"{source}#L{number}", line


def _parses(line: str) -> bool:
    try:
        json.loads(line)
    except json.JSONDecodeError:
        return False
    return True


def _whole_document(text: str) -> Any | None:
    """The JSON value of the whole file when it is one (pretty-printed .json), else ``None``."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, (dict, list)) else None


def _record(raw: str | Any, where: str, default_scope: str | None) -> SourceText:
    """The document in one record; ``raw`` is a JSON line or an already parsed value."""
    if isinstance(raw, str):
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as exc:
            return _bad(where, raw, f"not valid JSON ({exc.msg} at column {exc.colno})")
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
    record.scope = _string(value.get("scope")) or default_scope
    record.sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return record


def _bad(where: str, raw: str, problem: str) -> SourceText:
    """A warning record for a bad line, its hash taken from the line itself."""
    record = failure(where, codes.BAD_RECORD, f"record skipped: {problem}", reader=READER)
    record.sha256 = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    return record


def _string(value: Any) -> str | None:
    """A record field as a string (numbers are accepted), ``None`` when absent."""
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value)
