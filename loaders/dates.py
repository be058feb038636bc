"""Dates as Vietnamese texts write them, and their validation.

Formats (DOMAIN.md): ``03/6/2013``, ``3-6-2013``, ``4.10.2023``, ``1.11. 2011``,
``ngày 25 tháng 10 năm 2017`` (line breaks allowed), and damaged forms: a truncated year
(``28/10/201``), day/month only (``6/7``), impossible calendar dates. Damage is reported,
never repaired.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from vankien.loaders.fold import fold, one_of
from vankien.loaders.source import Warn
from vankien.loaders.vocab import load_data

MIN_YEAR, MAX_YEAR = 1000, 9999    # a four-digit year outside these is damaged ("impossible")
PLAUSIBLE_FROM = dt.date(1930, 1, 1)   # the year of the Party's founding: no Party document is older
PLAUSIBLE_AHEAD_DAYS = 366             # ... nor more than a year after today

# the words of a date written out: citations.toml [date]
_DATE_WORDS = load_data("citations.toml")["date"]
_DAY, _MONTH, _YEAR = (one_of(_DATE_WORDS[k]) for k in ("day", "month", "year"))
# month names of texts in English ("June 14, 2024", "14 June 2024"), January first
_MONTH_NAMES = _DATE_WORDS["english_months"]
_MONTH_NAME = one_of(sorted(_MONTH_NAMES, key=len, reverse=True))
_ORDINAL = one_of(_DATE_WORDS["english_ordinals"])

# One regex, alternatives tried at each position; every quantifier is bounded.
DATE_SRC = (
    rf"(?<![\d/.\-])(?:"
    rf"(?P<d>\d{{1,2}})[ \t]{{0,2}}(?P<sep>[/.\-])[ \t]{{0,2}}(?P<m>\d{{1,2}})[ \t]{{0,2}}(?P=sep)[ \t]{{0,2}}(?P<y>\d{{1,4}})"
    rf"|{_DAY}\s{{1,3}}(?P<d2>\d{{1,2}})\s{{1,3}}{_MONTH}\s{{1,3}}(?P<m2>\d{{1,2}})(?:\s{{1,3}}{_YEAR}\s{{1,3}}(?P<y2>\d{{1,4}}))?"
    rf"|(?P<d3>\d{{1,2}})/(?P<m3>\d{{1,2}})(?![\d/])"
    rf"|(?P<m4>{_MONTH_NAME})[ \t]{{1,2}}(?P<d4>\d{{1,2}})(?:{_ORDINAL})?,?[ \t]{{1,2}}(?P<y4>\d{{1,4}})"
    rf"|(?P<d5>\d{{1,2}})(?:{_ORDINAL})?[ \t]{{1,2}}(?P<m5>{_MONTH_NAME}),?[ \t]{{1,2}}(?P<y5>\d{{1,4}})"
    rf")(?![\d])"
)
DATE_RE = re.compile(DATE_SRC)


@dataclass(frozen=True)
class DateHit:
    start: int
    end: int
    value: str | None        # ISO date, or "partial:..." for incomplete dates, None if damaged
    problem: str | None      # None, "truncated", "impossible", "no_year"

    @property
    def complete(self) -> bool:
        return self.problem is None


def _month_number(name: str) -> int:
    f = fold(name)
    return next(i for i, n in enumerate(_MONTH_NAMES, 1) if fold(n) == f)


def parse_date(m: re.Match, group: int | str = 0) -> DateHit | None:
    """Turn a match of DATE_SRC (the whole match, or ``group`` of a larger pattern) into a
    DateHit; ``None`` if it is not a date at all."""
    start, end = m.span(group)
    # the groups of the alternative that matched, read by name (no dict of all the groups, which in
    # a larger pattern are many)
    d, mo, y = m.group("d", "m", "y")
    if d is None:
        d, mo, y = m.group("d2", "m2", "y2")
        if d is None:
            d, mo = m.group("d3", "m3")
            y = None
            if d is None:
                d, mo, y = m.group("d4", "m4", "y4")
                if d is None:
                    d, mo, y = m.group("d5", "m5", "y5")
                mo = _month_number(mo)
    day, month = int(d), int(mo)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        if y is None:
            return None      # "12/45" is not a date
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


def in_year_of(hit: DateHit, issued: str | None) -> str | None:
    """A date written without its year ("trước ngày 30/10", a deadline) read in the year of
    ``issued`` (an ISO date: the document that sets it), or of the next year when that day has
    already passed by then; ``None`` when ``hit`` is not such a date or ``issued`` is unknown."""
    if hit.problem != "no_year" or not hit.value or not issued or len(issued) != 10 or issued[4] != "-":
        return None
    try:
        since = dt.date.fromisoformat(issued)
        month, day = int(hit.value[-5:-3]), int(hit.value[-2:])
        date = dt.date(since.year, month, day)
        if date < since:
            date = dt.date(since.year + 1, month, day)
    except ValueError:
        return None          # "29/2" in a year that has none
    return date.isoformat()


def day_named(text: str, lo: int, hi: int, issued: str | None) -> str | None:
    """The day the first date of ``text[lo:hi]`` names, as a deadline does with no phrase before it (a
    table's deadline cell, a due field after its colon): a full date, or a day and month in the year
    of ``issued`` (``in_year_of``); a month, a quarter or a year names none."""
    m = DATE_RE.search(text, lo, hi)
    hit = parse_date(m) if m is not None else None
    if hit is None:
        return None
    return hit.value if hit.complete else in_year_of(hit, issued)


def find_dates(text: str) -> list[DateHit]:
    """Every date written in ``text``."""
    return [h for h in map(parse_date, DATE_RE.finditer(text)) if h is not None]


def implausible(value: str | None, today: dt.date | None = None) -> str | None:
    """Why the ISO date ``value`` is implausible for a document, in words, or ``None`` (also for
    partial and missing dates): before the Party's founding, or more than a year after ``today``."""
    try:
        date = dt.date.fromisoformat(value) if value and not value.startswith("partial:") else None
    except ValueError:
        return None
    if date is None:
        return None
    latest = (today or dt.date.today()) + dt.timedelta(days=PLAUSIBLE_AHEAD_DAYS)
    if date < PLAUSIBLE_FROM:
        return f"before {PLAUSIBLE_FROM.year}, the year the Party was founded"
    if date > latest:
        return f"more than a year from today (after {latest.isoformat()})"
    return None


def implausible_dates(docs, today: dt.date | None = None) -> list[Warn]:
    """A warning for each document (``key``/``descriptor``, ``date``, ``mentions`` with their
    ``date`` hits) whose date is implausible; the date is still reported."""
    warnings = []
    if today is None and docs:
        today = dt.date.today()     # once a text, not once a document
    for d in docs:
        why = implausible(d.date, today)
        if why is None:
            continue
        hit = next((m.date for m in d.mentions if m.date is not None and m.date.value == d.date), None)
        warnings.append(Warn("implausible_date", f"{d.key or d.descriptor}: its date {d.date} is {why}: "
                                                 "reported as written; check it",
                             hit.start if hit else None, hit.end if hit else None))
    return warnings
