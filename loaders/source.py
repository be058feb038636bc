"""The records that flow out of the readers: a decoded text with its provenance."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

SLUG_MIN_WORDS = 3          # a path segment of fewer words is an id, not a title
_SLUG_ID_RE = re.compile(r"^(?:\d+|[a-z]{0,2}\d{3,}[a-z]{0,2})$", re.I)    # "367313", "a252280", "1079424094"


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

    def title_text(self) -> str | None:
        """The title the source gives the text: its own title, else the words of its URL's
        slug ("…/chau-phu-trien-khai-ke-hoach-chuan-bi-dai-hoi-a252280.html" -> "chau phu trien
        khai ke hoach chuan bi dai hoi"), which news sites and portals make from the headline."""
        if self.title and self.title.strip():
            return " ".join(self.title.split())
        return slug_title(self.url)


def slug_title(url: str | None) -> str | None:
    """The words of the longest hyphenated segment of ``url``'s path, ids and extension left out."""
    if not url:
        return None
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return None
    best: list[str] = []
    for seg in path.split("/"):
        seg = re.sub(r"\.[A-Za-z]{2,5}$", "", seg)
        words = [w for w in re.split(r"[-_]+", seg) if w and not _SLUG_ID_RE.match(w)]
        if len(words) > len(best):
            best = words
    return " ".join(best) if len(best) >= SLUG_MIN_WORDS else None
