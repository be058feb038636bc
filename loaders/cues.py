"""Relation cues (``loaders/data/cues.toml``) compiled into one regular expression.

The cue table is data: each entry gives a relation type, its phrases, where the acting
document is found and in which direction the relation runs. This module only compiles the
phrases and maps a match back to its entry.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from vankien.loaders.fold import alternation, fold
from vankien.loaders.segments import Segment, segment_index
from vankien.loaders.vocab import load_data

NUMBER_SLOT = "§"          # stands for "{n}" while the phrases are compiled


@dataclass(frozen=True)
class CueEntry:
    type: str
    source: str                # "described" | "actor" | "subject"
    direction: str             # "forward" | "reverse" | "before"
    after: str | None
    confidence: float
    opening: str = "issuing"   # "issuing" | "subject"


@dataclass(frozen=True)
class CueHit:
    start: int
    end: int
    entry: CueEntry

    @property
    def type(self) -> str:
        return self.entry.type


@dataclass(frozen=True)
class CueTable:
    regex: re.Pattern
    entries: dict[str, CueEntry]          # phrase key -> entry
    retype: dict[tuple[str, str], str]    # (source kind, type) -> type
    downward: frozenset[str]
    dated: frozenset[str]
    levels: tuple[str, ...]
    issuing_re: re.Pattern

    def find(self, text: str, lo: int = 0, hi: int | None = None) -> list[CueHit]:
        out = []
        for m in self.regex.finditer(text, lo, len(text) if hi is None else hi):
            entry = self.entries.get(phrase_key(m.group()))
            if entry is not None:
                out.append(CueHit(m.start(), m.end(), entry))
        return out

    def find_in_sentences(self, text: str, segs: list[Segment]) -> list[CueHit]:
        """Cues inside sentences, never across two: one scan of the whole text; the sentences
        a hit would straddle ("HƯỚNG DẪN\nThực hiện ...") are scanned again on their own."""
        index = segment_index(segs)
        keep, again = [], set()
        for h in self.find(text):
            i = index(h.start)
            if segs and segs[i].start <= h.start and h.end <= segs[i].end:
                keep.append(h)
            elif segs:
                again.update((i, index(h.end - 1)))
        if again:
            keep = [h for h in keep if index(h.start) not in again]
            for i in again:
                keep.extend(self.find(text, segs[i].start, segs[i].end))
            keep.sort(key=lambda h: h.start)
        return keep

    def level_rank(self, level: str | None) -> int | None:
        return self.levels.index(level) if level in self.levels else None


@functools.lru_cache(maxsize=8192)
def phrase_key(phrase: str) -> str:
    """How a phrase and the text it matched compare: folded, spaces collapsed, numbers as a slot."""
    f = " ".join(fold(phrase.replace("{n}", NUMBER_SLOT)).split())
    return re.sub(r"\d+", NUMBER_SLOT, f)


@functools.cache
def cue_table() -> CueTable:
    data = load_data("cues.toml")
    entries: dict[str, CueEntry] = {}
    for row in data["relation"]:
        entry = CueEntry(row["type"], row.get("source", "described"), row.get("direction", "forward"),
                         row.get("after"), float(row.get("confidence", 0.8)), row.get("opening", "issuing"))
        for phrase in row["phrases"]:
            key = phrase_key(phrase)
            if key in entries:
                raise ValueError(f"cues.toml: phrase {phrase!r} is listed twice")
            entries[key] = entry
    phrases = [p.replace("{n}", NUMBER_SLOT) for row in data["relation"] for p in row["phrases"]]
    body = alternation(phrases).replace(NUMBER_SLOT, r"\d{1,3}")
    regex = re.compile(rf"(?<!\w){body}(?!\w)")
    retype = {(r["source_kind"], r["from"]): r["to"] for r in data.get("retype", [])}
    h = data["hierarchy"]
    issuing = re.compile(rf"(?<!\w){alternation(data['issuing']['verbs'])}(?!\w)")
    return CueTable(regex, entries, retype, frozenset(h["downward"]), frozenset(h["dated"]), tuple(h["levels"]), issuing)
