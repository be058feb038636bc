"""Small readers of an extraction record (``extract_text``'s output) shared by the tests."""
from __future__ import annotations


def subject_of(record: dict) -> dict:
    """The record's subject document (the one marked ``subject``)."""
    return next(d for d in record["documents"] if d["subject"])
