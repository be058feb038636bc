"""The records that flow out of the readers: a decoded text with its provenance."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Warn:
    """A problem found in an input: shown to the user and kept in the output.

    ``start``/``end`` index the decoded text when the problem has a place in it.
    """

    code: str
    message: str
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "start": self.start, "end": self.end}


@dataclass
class SourceText:
    """One input document, decoded and normalised, with where it came from.

    ``text`` is ``None`` when nothing could be read (the warnings say why); such a record is
    still emitted so that no input is silently dropped.
    """

    source: str                     # file path, or URL / "path#line" for JSON Lines records
    text: str | None
    reader: str                     # "text", "html", "docx", "pdf", "jsonl", or "none"
    sha256: str | None = None       # of the raw bytes (or of the record's text for JSON Lines)
    encoding: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    scope: str | None = None        # locality given by the source (site, record, --scope)
    warnings: list[Warn] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.text is not None

    def provenance(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "url": self.url,
            "sha256": self.sha256,
            "reader": self.reader,
            "encoding": self.encoding,
            "title": self.title,
            "published": self.published,
        }
