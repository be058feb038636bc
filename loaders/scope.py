"""The scope of local documents: the province, district or commune a local document belongs to.

``set_scopes`` is called once per text, after ``resolve`` (which gives a document the locality
its issuing body is named with: "Tỉnh ủy Lạng Sơn"). A local document is a Party document of a
provincial, district or grassroots issuer (issuers.toml ``level``), a local congress, or a
document of a local state body (sites.toml ``[letterhead] local_state_codes``). In order of
strength, its scope is:

1. for the text's own document (the one with a header "Số: ..."), its letterhead: the short
   lines above the header ("ĐẢNG BỘ TỈNH LẠNG SƠN", "HUYỆN ỦY HÒA AN", "ỦY BAN NHÂN DÂN" /
   "TỈNH QUẢNG NINH") or the place-and-date line under it ("Lạng Sơn, ngày ..."), at the level
   of the document (a district document takes the district, ...);
2. the locality its issuing body is named with (kept from ``resolve``, unless it is a word
   that cannot be a place: its first word is one of citations.toml ``[locality] stop``, "TỈNH ỦY VỀ ...");
3. the text's own locality at the document's level: for a provincial document the province of
   the letterheads, else the one province the opening names, else the province the whole text
   names far more than any other, else the province of the publishing site (the url's, or a
   site named or signed in the opening: sites.toml ``[[site]]``, or a site named after its
   province), else the one province of the districts the text names (``districts.py``); for a
   district or commune document the one district or commune the text names with a local body
   or a unit word, else (a district document) the district whose own site the url is
   (``site_district``).

A province is named as it was at the document's date (provinces.toml): a province renamed
(``former``) keeps its former name for documents dated before, and for texts that write it so;
a province merged in 2025 (``merged_into``), known only from a site, is the province that
absorbed it for documents dated from the merger on. An explicit scope (``--scope``, a record's
``scope``) is used as given: this module then changes nothing.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from vankien.loaders.districts import district_in, is_place, province_of_district, squeeze
from vankien.loaders.fold import alternation, exact_trie, fold, literal_one_of, one_of, word_start
from vankien.loaders.organizations import org_vocab
from vankien.loaders.patterns import citation_words
from vankien.loaders.segments import CELL_RE
from vankien.loaders.vocab import load_data, vocab

LOCAL_LEVELS = ("provincial", "district", "grassroots")
MERGER_DATE = dt.date(2025, 7, 1)     # provinces.toml: 63 provinces until 2025-06-30, 34 after
LETTERHEAD_CHARS = 400                # the letterhead: this much text above a header "Số: ..."
PLACE_DATE_CHARS = 250                # the place-and-date line: this much text after the header
OPENING_CHARS = 1200                  # the opening, where a text names its own province
OPENING_LINES = 12                    # lines of a text without a header read as its letterhead
LOCAL_NAMED_CHARS = 3000              # where a text names its own district or commune
SIGN_CHARS = 600                      # where a site's signature or domain is looked for
MAX_LETTERHEAD_LINE = 80              # longer lines are prose, not a letterhead
DOMINANT = 2                          # a province named this many times more than any other
CENTRAL_SUFFIXES = ("TW", "TƯ")       # a central organ's code ends so ("BTGTW"); a local one's need not

_WORD = r"[^\W\d_]{1,10}"
_DOMAIN_RE = re.compile(r"(?<![\w.@/-])(?:[A-Za-z0-9-]{1,40}\.){1,3}(?:vn|com|net|org|info)(?![\w-])")
_PLACE = rf"{_WORD}(?:[ \t]{{1,2}}(?:[-–][ \t]{{1,2}})?{_WORD}){{0,3}}"
_LINE_OR_CELL_RE = re.compile(rf"\n|{CELL_RE.pattern}")      # a letterhead's lines, also where a page ran them into one
_NUMBERED = r"\d{1,2}(?![\d/.,\-–])"     # "Quận 11", "Phường 5": a district or ward named by its number


@dataclass(frozen=True)
class _Tables:
    letterhead_re: re.Pattern      # a unit or a local body, then a place, ending the line
    named_re: re.Pattern           # a local body and/or a unit, then a place, anywhere in a text
    place_date_re: re.Pattern      # "Lạng Sơn, ngày"
    cut_re: re.Pattern             # the right column's heading
    sign_re: re.Pattern | None     # "(QBĐT)", a site's domain
    units: dict[str, str]          # folded unit -> level ("thành phố": provincial, see _unit_level)
    bodies: dict[str, str]         # folded body name (no spaces) -> level
    sites: tuple[tuple[str, str], ...]   # (domain, province)
    signs: dict[str, str]          # sigil or folded domain -> province
    provinces: dict[str, dict]     # folded name or alias -> its provinces.toml entry
    stops: frozenset[str]          # words that are never a place, lower case (diacritics count: Đông, Đồng)
    local_state: frozenset[str]


@functools.cache
def _tables() -> _Tables:
    v = vocab()
    data = load_data("sites.toml")
    head = data["letterhead"]
    units: dict[str, str] = {}
    for level, key in (("grassroots", "grassroots_units"), ("district", "district_units"),
                       ("provincial", "provincial_units")):
        for u in head[key]:
            units[fold(u)] = level
    bodies = {"".join(fold(n).split()): v.issuer_level(b.code) for b in v.bodies
              if b.system == "party" and b.code and v.issuer_level(b.code) in LOCAL_LEVELS for n in b.names}
    body_names = [n for b in v.bodies if b.system == "party" and b.code
                  and v.issuer_level(b.code) in LOCAL_LEVELS for n in b.names]
    for level, key in (("provincial", "provincial_bodies"), ("district", "district_bodies")):
        for n in head.get(key, ()):       # a mass organisation's ("TỈNH ĐOÀN NGHỆ AN")
            bodies["".join(fold(n).split())] = level
            body_names.append(n)
    unit_words = sorted({u for key in ("grassroots_units", "district_units", "provincial_units") for u in head[key]},
                        key=len, reverse=True)
    # a trie of the unit words (fold.alternation), not their list tried word by word (fold.one_of): the
    # same matches, as the list is longest first (a trie tries the longest path first, then the shorter
    # ones on it, and no two words of one length match at one position), and the scan of a text's
    # opening for local bodies and units (``named_re``) runs 1.4 times as fast (tests/test_speed_round5.py)
    unit_re = alternation(unit_words, space=r"[ \t]{1,2}")
    body_re = alternation(body_names, space=r"[ \t]{1,2}")
    start = word_start(body_names + unit_words)
    letterhead_re = re.compile(
        rf"{start}(?:(?P<body>{body_re})(?:[ \t]{{1,2}}(?P<bunit>{unit_re}))?|(?P<unit>{unit_re}))"
        rf"[ \t]{{1,2}}(?P<place>{_PLACE}|{_NUMBERED})[ \t]*$")
    named_re = re.compile(
        rf"{start}(?:(?P<body>{body_re})(?:[ \t]{{1,2}}(?P<bunit>{unit_re}))?|(?P<unit>{unit_re}))"
        rf"[ \t]{{1,2}}(?P<place>{_PLACE}|{_NUMBERED})")
    place_date_re = re.compile(rf"^[ \t]*(?P<place>{_PLACE})[ \t]*,[ \t]*{one_of(head['date_word'])}(?!\w)", re.M)
    cut_re = re.compile(one_of(head["right_column"]))
    sites: list[tuple[str, str]] = []
    signs: dict[str, str] = {}
    for s in data.get("site", ()):
        for d in s["domains"]:
            sites.append((d.lower(), s["province"]))
            signs[d.lower()] = s["province"]
        for g in s.get("sigils", ()):
            signs[g] = s["province"]
    sigils = [g for s in data.get("site", ()) for g in s.get("sigils", ())]
    domains = [d for s in data.get("site", ()) for d in s["domains"]]
    sign_re = None
    if sigils or domains:
        sign_re = re.compile(
            rf"\((?P<sigil>{literal_one_of(sorted(sigils, key=len, reverse=True))})\)"
            rf"|(?<![\w.])(?P<domain>{literal_one_of(sorted(domains, key=len, reverse=True))})(?![\w-])",
            re.IGNORECASE)
    provinces: dict[str, dict] = {}
    for p in v.provinces:
        for n in [p["name"], *p.get("aliases", [])]:
            provinces[squeeze(n)] = p
        if "former" in p:
            provinces.setdefault(squeeze(p["former"]["name"]), p)
    stops = frozenset(w.lower() for w in citation_words("locality", "stop"))
    return _Tables(letterhead_re, named_re, place_date_re, cut_re, sign_re, units, bodies, tuple(sites), signs,
                   provinces, stops, frozenset(head["local_state_codes"]))


def _province(name: str | None) -> dict | None:
    return _tables().provinces.get(squeeze(name)) if name else None


def site_province(url: str | None) -> str | None:
    """The province of the site a url belongs to (sites.toml ``[[site]]``), else the province
    its host is named after (``[domain_names]``), else ``None``."""
    if not url:
        return None
    host = (urlsplit(url if "://" in url else "//" + url).hostname or "").lower().rstrip(".")
    for domain, province in _tables().sites:
        if host == domain or host.endswith("." + domain):
            return province
    return _named_after(host)


def site_district(url: str | None) -> str | None:
    """The district whose own site a url belongs to: a label of its host, before the domain of
    its province's site (``site_province``), that is one of that province's districts, its
    unit word aside (sites.toml ``[domain_names] district_prefixes``: "huyen", "tp" ...); not
    a name the province shares ("travinh.travinh.gov.vn")."""
    province = site_province(url)
    if province is None:
        return None
    host = (urlsplit(url if "://" in url else "//" + url).hostname or "").lower().rstrip(".")
    own = squeeze(province)
    prefixes = sorted(load_data("sites.toml")["domain_names"]["district_prefixes"], key=len, reverse=True)
    for label in host.split(".")[:-1]:
        label = label.replace("-", "")
        for prefix in [*prefixes, ""]:
            name = label[len(prefix):] if label.startswith(prefix) else None
            if name and name != own and len(name) >= 4:
                district = district_in(name, province)
                if district is not None:
                    return district
    return None


def _named_after(host: str) -> str | None:
    """The one province whose name a host's labels contain ("baoquangbinh.vn" -> Quảng Bình)."""
    names, min_inside, national = _domain_names()
    if not host or any(host == n or host.endswith("." + n) for n in national):
        return None
    found: set[str] = set()
    for label in host.split(".")[:-1]:          # not the top-level domain
        label = label.replace("-", "")
        for squeezed, province in names:
            if label == squeezed or (len(squeezed) >= min_inside and squeezed in label):
                found.add(province)
                label = label.replace(squeezed, " ")   # "thuathienhue": not Huế too
    return found.pop() if len(found) == 1 else None


@functools.cache
def _domain_names() -> tuple[tuple[tuple[str, str], ...], int, tuple[str, ...]]:
    """(squeezed province name or alias, province) longest first; sites.toml ``[domain_names]``."""
    d = load_data("sites.toml")["domain_names"]
    names = {(squeeze(n), p["name"]) for p in vocab().provinces for n in [p["name"], *p.get("aliases", [])]}
    return (tuple(sorted(names, key=lambda x: -len(x[0]))), int(d["min_inside"]),
            tuple(n.lower() for n in d["national"]))


def set_scopes(text: str, docs: list, url: str | None = None, given: str | None = None) -> None:
    """Give each local document of ``docs`` (``resolve``'s) its scope; see the module's doc."""
    if given or not docs:
        return
    levels = [_level(d) for d in docs]
    if not any(levels):
        return
    t = _tables()
    heads = [m for d in docs for m in d.mentions if m.header]
    read: dict[tuple[int, int | None], dict[str, str]] = {}     # each letterhead read once (none is changed)

    def letterhead(start: int, end: int | None) -> dict[str, str]:
        lh = read.get((start, end))
        if lh is None:
            lh = read[start, end] = _letterhead(text, start, end)
        return lh

    letterheads = [letterhead(m.start, m.end) for m in sorted(heads, key=lambda m: m.start)]
    if not heads:
        letterheads.append(_letterhead(text, _opening_lines_end(text), None))
    own = _TextPlaces(text, url, letterheads)
    for d, level in zip(docs, levels):
        if level is None:
            continue
        scope = None
        if d.has_header:
            m = min((m for m in d.mentions if m.header), key=lambda m: m.start)
            lh = letterhead(m.start, m.end)
            # a state body's (or a mass organisation's) letterhead names its own level: the most
            # local place in it
            if d.system != "party":
                scope = next((lh[x] for x in reversed(LOCAL_LEVELS) if x in lh), None)
            else:
                # a Party body's code may not tell its level ("Đảng ủy", ĐU, of a commune or of a
                # province's Party agencies): else the most local place its letterhead lines name
                # (not the place-and-date line's town)
                above = letterhead(m.start, None)
                # nor does "TU", of a provincial committee and of a town's ("ĐẢNG BỘ TỈNH BÌNH THUẬN /
                # THỊ ỦY LA GI"): a more local place in the lines above the number is the issuer's
                lower = LOCAL_LEVELS[LOCAL_LEVELS.index(level) + 1:] if level in LOCAL_LEVELS else ()
                scope = next((above[x] for x in reversed(lower) if x in above), None) \
                    or lh.get(level) or next((above[x] for x in reversed(LOCAL_LEVELS) if x in above), None)
        if scope is None and d.scope and (d.scope.split()[0].lower() not in t.stops or is_place(d.scope)):
            scope = d.scope
        from_site = False
        if scope is None and level == "local":      # the district the text names, else its province
            scope, from_site = own.at("district")
            if scope is None:
                scope, from_site = own.at("provincial")
        elif scope is None:
            scope, from_site = own.at(level)
        d.scope = _named_at(scope, _date(d.date), own.spellings, from_site) if scope else None


def _level(d) -> str | None:
    """The level of a local document (``None`` for central and unknown ones)."""
    v = vocab()
    if d.system == "party":
        level = v.issuer_level(d.issuer_code) if d.issuer_code else None
        if level in LOCAL_LEVELS:
            return level
        if any((m.identity or "").startswith(("congress:local", "plenum:local")) for m in d.mentions):
            return "provincial"
        if d.scope and level is None:
            return "named"          # its body's place, kept
        if level is None and d.issuer_code and not d.issuer_code.upper().endswith(CENTRAL_SUFFIXES):
            return "local"          # an organ's code of no known level, not a central one ("12-HD/BTG")
        if level is not None or d.key is not None:
            return None
    if d.system == "state" and d.issuer_code in _tables().local_state:
        return "provincial"
    if d.system == "other" and d.has_header and d.issuer_code \
            and not d.issuer_code.upper().split("-")[0].startswith(CENTRAL_SUFFIXES):
        return "local"          # a mass organisation's own text ("Số: 145-KH/TĐTN-TG"): its letterhead's place
    if d.key is None and d.issuing_body:
        # an un-numbered document of a local body ("Kế hoạch của Ủy ban nhân dân tỉnh", "Công văn
        # của Thường trực Huyện ủy"): the level its body's name states
        level = org_vocab().level(d.issuing_body)
        return level if level in LOCAL_LEVELS else None
    return None


def _opening_lines_end(text: str) -> int:
    end = 0
    for _ in range(OPENING_LINES):
        nl = text.find("\n", end)
        if nl < 0:
            return len(text)
        end = nl + 1
    return end


def _letterhead(text: str, start: int, end: int | None) -> dict[str, str]:
    """{level: place} from the short lines above ``start`` (a header's "Số"), and the
    place-and-date line after ``end``; the first line found for a level is kept."""
    t = _tables()
    out: dict[str, str] = {}
    lo = max(0, start - LETTERHEAD_CHARS)
    for line in _unit_lines_joined(_LINE_OR_CELL_RE.split(text[lo:start]), t):
        cut = t.cut_re.search(line)
        line = (line[:cut.start()] if cut else line).strip()
        if not line or len(line) > MAX_LETTERHEAD_LINE:
            continue
        m = t.letterhead_re.search(line)
        if m is None or not (m.group("place")[:1].isupper() or m.group("place")[:1].isdigit()):
            continue        # a place is written with its capital ("Đảng ủy ph…" cut in a word: none)
        place = _numbered(m) or _clean_place(m.group("place"))
        if place is None:
            continue
        if m.group("body"):
            level = t.bodies.get("".join(fold(m.group("body")).split()))
            unit = m.group("bunit")
            if unit:
                level = _unit_level(unit, place)
            elif level == "provincial" and _province(place) is None:
                level = "district"     # a Thành ủy of a city under a province
        else:
            level = _unit_level(m.group("unit"), place)
        if level:
            out.setdefault(level, place)
    if end is not None:
        pd = t.place_date_re.search(text, end, min(len(text), end + PLACE_DATE_CHARS))
        place = _clean_place(pd.group("place")) if pd else None
        if place:
            if _province(place) is not None:
                out.setdefault("provincial", place)
            elif "provincial" in out:     # a district's or commune's own town
                out.setdefault("district" if "grassroots" not in out else "grassroots", place)
    return out


def _unit_lines_joined(lines: list[str], t: _Tables) -> list[str]:
    """A letterhead's lines, a line that ends with a unit word joined to the name on the next
    ("ĐẢNG ỦY PHƯỜNG" / "PHÚC LỢI": the commune is Phúc Lợi, not "Phường"; "HUYỆN ỦY" / "HÒA AN")."""
    out: list[str] = []
    for line in lines:
        if out and line[:1].isupper() and len(line) <= MAX_LETTERHEAD_LINE // 2 and _ends_with_unit(out[-1], t):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
    return out


def _ends_with_unit(line: str, t: _Tables) -> bool:
    """``line`` ends with a unit word after a body ("ĐẢNG ỦY PHƯỜNG"), or is a local body's name
    alone ("HUYỆN ỦY"). A line whose unit word came earlier already holds its place: "ĐẢNG BỘ
    TỈNH HÀ TĨNH" ends with a name whose last word folds to a unit's, not with a unit."""
    words = fold(line).split()
    if "".join(words) in t.bodies:
        return True
    for n in (1, 2):
        if len(words) > n and " ".join(words[-n:]) in t.units:
            return not any(" ".join(words[i:i + k]) in t.units
                           for k in (1, 2) for i in range(len(words) - n - k + 1))
    return False


def _numbered(m: re.Match) -> str | None:
    """"Quận 11" for a place written as a number after its unit ("QUẬN ỦY QUẬN 11", "Đảng ủy
    Phường 5"); ``None`` for a place with a name, or a number with no unit before it."""
    written = m.group("place")
    unit = m.group("bunit") or m.group("unit")
    if not written.isdigit():
        return None
    return f"{' '.join(unit.split()).capitalize()} {int(written)}" if unit else ""


def _unit_level(unit: str, place: str) -> str | None:
    level = _tables().units.get(fold(" ".join(unit.split())))
    if level == "provincial" and _province(place) is None:
        return "district"          # "thành phố" of a city under a province
    return level


def _clean_place(written: str) -> str | None:
    """A place as written, in its usual spelling; ``None`` when it starts with a stop word."""
    words = written.split()
    if not words or fold(written) in _tables().units:
        return None         # a unit word alone ("ĐẢNG ỦY PHƯỜNG"): no place
    if words[0].lower() in _tables().stops and not is_place(written):
        return None         # "Văn phòng …", but "Văn Lâm", "Thường Tín": places
    return vocab().place_name(written)


class _TextPlaces:
    """The localities a text states for itself, computed when first needed."""

    def __init__(self, text: str, url: str | None, letterheads: list[dict[str, str]]):
        self.text, self.url, self.letterheads = text, url, letterheads
        self._named: dict[str, Counter] | None = None
        self._provinces: list[tuple[str, str]] | None = None
        self._own: tuple[str | None, bool] | None = None    # the provincial answer, once found

    def at(self, level: str) -> tuple[str | None, bool]:
        """(the text's locality at ``level``, whether it comes from the site)."""
        for lh in self.letterheads:
            if level in lh:
                return lh[level], False
        if level == "provincial":
            if self._own is None:
                p = self._province()
                site = None if p else site_province(self.url) or self._signed()
                self._own = (p or site or self._district_province(), site is not None)
            return self._own
        named = self._local_named().get(level, Counter())
        if len(named) == 1:
            return next(iter(named)), False
        if level == "district" and not named:
            district = site_district(self.url)      # a district's own site ("tuyphong.binhthuan.gov.vn")
            if district is not None:
                return district, True
        return None, False

    def _province(self) -> str | None:
        v = vocab()
        opening = v.provinces_named(self.text[:OPENING_CHARS])
        if len(opening) == 1:
            return opening.pop()
        counts = Counter(name for _, name in self._province_mentions())
        top = counts.most_common(2)
        if top and (len(top) == 1 or top[0][1] >= DOMINANT * top[1][1]) and top[0][1] >= DOMINANT:
            return top[0][0]
        return None

    def _district_province(self) -> str | None:
        """The one province of the districts the text names ("Huyện ủy Phú Ninh" -> Quảng Nam)."""
        found = {province_of_district(d) for d in self._local_named().get("district", ())}
        found.discard(None)
        return vocab().place_name(found.pop()) if len(found) == 1 else None

    def _signed(self) -> str | None:
        t = _tables()
        m = t.sign_re.search(self.text, 0, min(len(self.text), SIGN_CHARS)) \
            if t.sign_re is not None and _sign_scan().search(self.text, 0, min(len(self.text), SIGN_CHARS)) else None
        if m is not None:
            return t.signs.get(m.group("sigil")) if m.group("sigil") else t.signs.get(m.group("domain").lower())
        # a site not listed, named after its province ("(Baoquangbinh.vn) - ...")
        for d in _DOMAIN_RE.finditer(self.text, 0, min(len(self.text), SIGN_CHARS)):
            province = _named_after(d.group().lower())
            if province:
                return province
        return None

    def _local_named(self) -> dict[str, Counter]:
        """Districts and communes the opening of the text names with a local body and a unit
        ("Đảng ủy phường Kim Tân", "Ban Thường vụ Huyện ủy huyện Hòa An")."""
        if self._named is None:
            t = _tables()
            named: dict[str, Counter] = {}
            for m in t.named_re.finditer(self.text, 0, min(len(self.text), LOCAL_NAMED_CHARS)):
                first = m.group("place")[:1]
                if not (first.isupper() or first.isdigit()):
                    continue        # a word in lower case (most matches): no number, no capitalised name
                place = _numbered(m) or _capitalised(m.group("place"))
                if not place:
                    continue
                if m.group("unit") or m.group("bunit"):
                    level = _unit_level(m.group("unit") or m.group("bunit"), place)
                    if m.group("unit") and level == "district" and province_of_district(place) is None:
                        continue        # "huyện" alone before a name that is no district's
                else:
                    level = t.bodies.get("".join(fold(m.group("body")).split()))
                    if level == "provincial" and _province(place) is None:
                        level = "district"     # a Thành ủy of a city under a province
                    elif level != "district":
                        continue               # "Đảng ủy X": a commune's, a company's, a bloc's ...
                if level in ("district", "grassroots"):
                    named.setdefault(level, Counter())[vocab().place_name(place)] += 1
            self._named = named
        return self._named

    def _province_mentions(self) -> list[tuple[str, str]]:
        """Every province name of the text (spelling, canonical name): one scan, kept."""
        if self._provinces is None:
            self._provinces = vocab().province_mentions(self.text)
        return self._provinces

    def spellings(self) -> set[str]:
        """The spellings of province names the text uses (folded, squeezed)."""
        return {squeeze(spelling) for spelling, _ in self._province_mentions()}


@functools.cache
def _sign_scan() -> re.Pattern:
    """Where ``_tables().sign_re`` may match: a sigil or a domain of sites.toml as a whole word,
    case ignored, in a trie of case-sensitive letter classes (fold.exact_trie). ``sign_re`` ignores
    case, so ``re`` tries its 200 domains in turn at each position (a quarter of a millisecond per
    text); this finds the few texts where one may stand (every match of ``sign_re`` holds one of its
    phrases between characters that are not letters or digits) and ``sign_re`` reads only those."""
    data = load_data("sites.toml")
    return re.compile(exact_trie([g for s in data.get("site", ()) for g in s.get("sigils", ())]
                                 + [d for s in data.get("site", ()) for d in s["domains"]]))


def _capitalised(written: str) -> str | None:
    """The leading capitalised words of ``written`` ("Phúc Lợi đã" -> "Phúc Lợi")."""
    words = []
    for w in written.split():
        if not w[:1].isupper() or w.lower() in _tables().stops:
            break
        words.append(w)
    return " ".join(words) or None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _named_at(scope: str, date: dt.date | None, spellings, from_site: bool) -> str:
    """``scope`` as named at ``date`` (see the module's doc); other localities unchanged.
    ``spellings()``: the province spellings the text uses (scanned only when needed)."""
    p = _province(scope)
    if p is None:
        return scope
    former = p.get("former")
    if former:
        until = former["until"]
        if (date is not None and date <= until) or (date is None and squeeze(former["name"]) in spellings()):
            return former["name"]
        return p["name"]
    if from_site and p.get("merged_into") and date is not None and date >= MERGER_DATE:
        return p["merged_into"]
    return p["name"]
