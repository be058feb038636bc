"""Organisations: recognising their names in a list, normalising them, inferring their level.

The vocabulary (heads of names, abbreviations, verbs that end a list, level words) is
``loaders/data/organizations.toml``. A normalised name has its abbreviations expanded ("BTV
Tỉnh ủy" -> "Ban Thường vụ Tỉnh ủy"); its key (spelling unified, case and spaces folded,
"các" dropped) makes the same body one node across texts.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from vankien.loaders.fold import cased_one_of, exact_trie, first_cased_one_of, fold, literal_one_of, strip_marks
from vankien.loaders.vocab import UNMARKED, load_unmarked, vocab
from vankien.loaders.vocab import load_data as load_plain

MAX_LIST_CHARS = 220      # an organisation list longer than this is not a list
MAX_NAME_PART_WORDS = 3   # "Sở Văn hóa, Thể thao ...": a part of a name after a comma is this short
MAX_APPOSITION = 80       # "X là cơ quan thường trực, ...": the apposition before the task
MAX_PURPOSE_CHARS = 80    # "Để triển khai hiệu quả, …": a purpose before the organisation at a clause's head
# what closes a list: a full stop (not one inside an abbreviation, a letter right after it: "T.Ư", "TP.HCM"),
# a colon, brackets, quotation marks
_CLOSER_RE = re.compile(r"\.(?!\w)|[:()\"“”]")
COMPLETE_REACH = 16    # how far back the words that complete a name are looked for
MAX_BRACKET = 80        # a bracket between names and their verb ("(theo chức năng, nhiệm vụ)")


@dataclass(frozen=True)
class Org:
    name: str          # as written, abbreviations expanded
    key: str           # identity across texts
    level: str | None
    start: int
    end: int


@dataclass(frozen=True, eq=False)
class OrgVocab:
    abbreviations: dict[str, str]
    kept_abbreviations: frozenset[str]     # written so in names (the key expands them): "UBND tỉnh"
    spelling: dict[str, str]
    head_re: re.Pattern
    any_head_re: re.Pattern        # a head in any case (after a quantifier: "cac so, nganh")
    start_re: re.Pattern       # where a list may start: a head, in any spelling, abbreviated or not
    not_head_re: re.Pattern
    standalone: frozenset[str]
    bare_nouns: frozenset[str]     # folded nouns that alone name no body ("Cơ quan chủ trì: …")
    joins_next: frozenset[str]     # folded names that run on with the next one ("các cấp, các ngành")
    equivalents: frozenset[str]    # folded words that join the name before them after "và" ("và tương đương")
    task_re: re.Pattern
    ambiguous_verb_re: re.Pattern | None   # without diacritics, verbs that are also words of a head ("giao")
    name_stop_re: re.Pattern
    name_end_re: re.Pattern         # words that close a name ("liên quan")
    goes_on_re: re.Pattern          # words after which a name's closing word does not close it ("huyện | ủy")
    directive_re: re.Pattern
    issuer_directs_re: re.Pattern    # verbs by which the text's own issuer gives orders ("Ban Bí thư chỉ đạo …")
    issuer_asks_re: re.Pattern       # verbs by which it states what its document asks ("… yêu cầu …")
    passive_re: re.Pattern         # "được " right before a verb: it is done to the bodies before it
    selected_re: re.Pattern        # a passive marker and a verb that selects right before a task ("được chọn")
    selects_re: re.Pattern         # verbs whose passive directs the organisations before it ("được lựa chọn")
    lead_re: re.Pattern
    coordinate_re: re.Pattern
    auxiliary_re: re.Pattern       # "có trách nhiệm", "khẩn trương" before the verb that gives the role
    levels: tuple[tuple[str, re.Pattern], ...]
    abbrev_re: re.Pattern
    quantifier_re: re.Pattern      # "các", "những" before a name
    list_joiner_re: re.Pattern     # "và", "cùng" between two names
    piece_split_re: re.Pattern     # what separates the names of a list (one group: the separator)
    dash_re: re.Pattern            # a spaced dash that ends a name (an apposition follows)
    not_level_re: re.Pattern       # words that name no level ("xã hội")
    place_level_re: re.Pattern | None  # typed without diacritics, province names that read as a level ("Ha Tinh")
    opener_re: re.Pattern          # connectives before the organisation at the head of a clause
    unit_re: re.Pattern            # a locality's unit word ("tỉnh", "thành phố"), at a piece's start
    unit_end_re: re.Pattern        # the same ending a piece ("… các tỉnh")
    addressee_re: re.Pattern       # a word between a cue and the bodies it addresses ("chỉ đạo cho | …"), then spaces
    says_colon_re: re.Pattern      # a verb of ordering right before a colon ("chỉ đạo:"): the body before it speaks
    tasks_follow_re: re.Pattern    # words before a colon after which names head their tasks ("nhiệm vụ cho các cơ quan:")
    document_speaks_re: re.Pattern  # a type word (and an adverb) ending where a verb of saying starts: "Kế hoạch | nhấn mạnh"
    joined_head_re: re.Pattern     # heads with a list joiner inside ("Ban Tuyên giáo và Dân vận")
    run_on_re: re.Pattern          # generic nouns that continue the name before them ("các cơ quan, đơn vị")
    number_words: frozenset        # folded number words ("số"): "tổ dân phố số 7" goes on
    framing_re: re.Pattern         # reported speech before a sentence's cue ("Đồng chí ... nhấn mạnh")
    retrospective_re: re.Pattern   # a sentence's opening time already past ("Thời gian qua, …")
    body_end_re: re.Pattern        # a line that ends an official text's body ("Nơi nhận:")
    item_re: re.Pattern            # the mark of a list item or article before a clause ("2.1.", "b)", "Điều 3.")
    clause_head_re: re.Pattern     # a clause that may open with an organisation: item mark, openers, a head
    apposition_re: re.Pattern      # "là" after a name: what the body is, then its task after a comma
    compound_re: re.Pattern        # words that open with a verb but are others ("giao tiếp"; cues.toml [not_assignment])
    complete_re: re.Pattern        # a body's name complete where the search ends ("… Tỉnh ủy", "… Tỉnh ủy -")
    person_re: re.Pattern          # a list's piece that names persons ("các đồng chí có tên tại Điều 1")
    people_re: re.Pattern          # … or people at large ("đảng viên", "cán bộ"): no body

    def normalise(self, written: str, keep: frozenset[str] = frozenset()) -> str:
        """The name with single spaces and its abbreviations expanded, but those of ``keep``."""
        name = " ".join(written.split())
        return self.abbrev_re.sub(lambda m: m.group() if m.group() in keep else self.abbreviations[m.group()], name)

    def unify(self, name: str) -> str:
        """One spelling for words written two ways ("uỷ" / "ủy")."""
        for a, b in self.spelling.items():
            name = name.replace(a, b)
        return name

    def key(self, name: str) -> str:
        k = self.quantifier_re.sub("", self.unify(name).strip())
        return " ".join(re.sub(r"\s*-\s*", "-", k).split()).casefold()

    def level(self, name: str) -> str | None:
        name = self.not_level_re.sub("", name)
        if self.place_level_re is not None:
            name = self.place_level_re.sub(" ", name)       # "Bao Ha Tinh": Hà Tĩnh names no level
        for level, rx in self.levels:
            if rx.search(name):
                return level
        return None

    def head_role(self, text: str, verb: int) -> str:
        """The role of the organisations at the head of a clause, from the verb at ``verb``
        (after any auxiliaries): "lead" (chủ trì, theo dõi, ...), "coordinate" (phối hợp) or
        "execute"."""
        aux = self.auxiliary_re.match(text, verb)
        pos = aux.end() if aux else verb
        if self.lead_re.match(text, pos):
            return "lead"
        return "coordinate" if self.coordinate_re.match(text, pos) else "execute"

    @functools.lru_cache(maxsize=8192)
    def analyse(self, written: str) -> tuple[str, str, str | None]:
        """(normalised name, key, level) of a name as written; names recur across a corpus."""
        name = self.normalise(written)
        return self.normalise(written, self.kept_abbreviations), self.key(name), self.level(name)

    @functools.lru_cache(maxsize=8192)
    def is_org(self, piece: str) -> bool:
        name = self.unify(self.normalise(piece))
        bare = self.quantifier_re.sub("", name)
        head = self.any_head_re if bare != name else self.head_re
        return bool(head.match(bare)) and not self.not_head_re.match(bare)


def _respell(word: str, spelling: dict[str, str]) -> str:
    """``word`` in the other spelling ("Ủy ban" -> "Uỷ ban")."""
    for a, b in spelling.items():
        word = word.replace(b, a)
    return word


def org_vocab() -> OrgVocab:
    """The organisation vocabulary, its words as written, or without diacritics while a text
    written without them is read (``vocab.UNMARKED``)."""
    return _org_vocab(UNMARKED.get())


@functools.cache
def _org_vocab(unmarked: bool) -> OrgVocab:
    load_data = load_unmarked if unmarked else load_plain
    d = load_data("organizations.toml")
    if unmarked:
        d = _unambiguous_stops(d)
    word = exact_trie
    abbrev = d["abbreviations"]
    quantifiers = literal_one_of(d["quantifiers"])
    item = (r"[\s\-+•*–]{0,6}(?:(?:" + rf"{literal_one_of(d['item_words'])}\s{{1,2}}\d{{1,3}}[.:]?"
            r"|\d{1,2}(?:\.\d{1,2}){0,3}[.)\-–]|(?:\d{1,2}|[a-zđ]|[IVX]{1,5})/(?=\s)|[a-zđ][.)\-–]|[IVX]{1,5}[.)\-–])\s{0,3})?")
    # words matched with case ignored are written with ``cased_one_of``: ``re`` tries only those
    # that start with the letter at hand (a clause's opening is tested at every clause)
    purpose = rf"{cased_one_of(d['purpose_openers'] + d['adverbial_openers'])}\s[^,;.:\n]{{1,{MAX_PURPOSE_CHARS}}},"
    types = load_data("types.toml")
    kinds = sorted([t["word"] for t in types["type"]] + types["generic"]["words"], key=len, reverse=True)
    says = (rf"{cased_one_of(kinds)}\s+(?:{cased_one_of(d['document_says_adverbs'])}\s+)?"
            rf"{cased_one_of(d['document_says'])}\s*[,:]")
    opener = rf"(?:(?:{cased_one_of(d['clause_openers'])}|{purpose}|{says})\s*[,:]?\s*)+"
    any_quantifier = cased_one_of(d["quantifiers"])
    all_heads = d["heads"] + list(abbrev) + [_respell(h, d["spelling"]) for h in d["heads"]]
    cased = _cased_heads() if unmarked else frozenset()
    # a place after a quantifier names bodies only where a list, a joiner or the task follows it ("các
    # xã, thị trấn", "các tỉnh thực hiện …"), not in a compound ("các chi phí", "các xã hội nghề nghiệp")
    # (or another head of two words or more, a coordination contracted with no comma: "các chi đảng bộ …")
    then = word(d["task_verbs"] + d["directive_verbs"] + d["auxiliaries"] + [d["organising"]]
                + [w for w in d["name_goes_on"] + d["heads"] + d["collective_heads"] if " " in w])
    collective = rf"{word(d['collective_heads'])}(?=[ \t]*[,;]|[ \t]+{word(d['list_joiners'])}|[ \t]+{then})"
    if cased:
        # without diacritics a one-word head may read as a common word ("Báo" / "bảo đảm", "Sở" /
        # "sơ kết", "Đài" / "đại diện"): it starts a name written with its capital, or after "các"
        # an abbreviation only as written, in capitals ("TU" is Trung ương's, "tu" a common word)
        free = word([h for h in all_heads if h.casefold() not in cased and h not in abbrev])
        capitalised = rf"(?<!\w)(?:{'|'.join(sorted([*(re.escape(h.capitalize()) for h in cased), *map(re.escape, abbrev)], key=len, reverse=True))})(?!\w)"
        start = rf"(?:{any_quantifier}\s+(?:{word(all_heads)}|{collective})|{free}|{capitalised})"
        head = rf"(?:{free}|{capitalised})"
    else:
        start = rf"(?:(?:{any_quantifier}\s+)?{word(all_heads)}|{any_quantifier}\s+{collective})"
        head = word(d["heads"])
    return OrgVocab(
        abbreviations=abbrev,
        kept_abbreviations=frozenset(d["kept_abbreviations"]),
        spelling=d["spelling"],
        head_re=re.compile(head),
        any_head_re=re.compile(word(d["heads"] + d["collective_heads"])),
        start_re=re.compile(start),
        not_head_re=re.compile(word(d["not_heads"])),
        standalone=frozenset(fold(s) for s in d["standalone"]),
        bare_nouns=frozenset(fold(s) for s in d["bare_nouns"]),
        joins_next=frozenset(fold(s) for s in d["joins_next"]),
        equivalents=frozenset(fold(s) for s in d["equivalents"]),
        # "tổ chức" before a task verb ("… tổ chức phổ biến Chỉ thị"): the task; alone it may be a name's word
        task_re=re.compile(word(d["task_verbs"] + d["directive_verbs"]
                                + [f"{d['organising']} {t}" for t in d["task_verbs"] if not t.startswith(d["organising"])])
                           + "|" + _organising_verb(d, word)),
        # a deadline ends a name too ("... báo cáo Ban Thường vụ Tỉnh ủy chậm nhất ngày ..."): cues.toml [deadline]
        name_stop_re=re.compile(word(d["name_stops"] + load_data("cues.toml")["deadline"]["phrases"])),
        name_end_re=re.compile(word(d["name_ends"] + ([] if unmarked else d["level_ends"]))),
        complete_re=re.compile(rf"(?:(?<!\w){word(d['complete_names'] + ([] if unmarked else d['level_ends']))}"
                               rf"|[ \t][-–])[ \t]{{1,3}}\Z"),
        goes_on_re=re.compile(word(d["name_goes_on"])),
        directive_re=re.compile(word(d["directive_verbs"] + d.get("ambiguous_directives", []))),
        issuer_directs_re=re.compile(word(d["issuer_directs"])),
        issuer_asks_re=re.compile(word(d["issuer_asks"])),
        ambiguous_verb_re=re.compile(word(d["ambiguous_verbs"])) if d.get("ambiguous_verbs") else None,
        passive_re=re.compile(rf"{word(d['passive_markers'])}\s{{1,2}}\Z"),
        selected_re=re.compile(rf"{word(d['passive_markers'])}\s{{1,2}}{word(d['passive_directs'])}\s{{1,2}}\Z"),
        selects_re=re.compile(word(d["directive_verbs"] + d["passive_directs"])),
        lead_re=re.compile(word(d["lead_verbs"])),
        coordinate_re=re.compile(rf"{word(d['coordinate_verbs'])}(?!\s{{1,3}}{word(d['coordinate_with'])})"),
        auxiliary_re=re.compile(rf"(?:{word(d['auxiliaries'])}[\s,]*)+"),
        levels=tuple((row["level"], re.compile(word(row["words"]))) for row in d["level"]),
        place_level_re=_place_level_re(d["level"]) if unmarked else None,
        abbrev_re=re.compile(r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, abbrev), key=len, reverse=True)) + r")(?!\w)"),
        quantifier_re=re.compile(rf"^{quantifiers}\s+", re.I),
        list_joiner_re=re.compile(word(d["list_joiners"])),
        piece_split_re=re.compile(rf"(\s*[,;]\s*|\s+{literal_one_of(d['list_joiners'])}\s+)"),
        dash_re=re.compile("".join(rf"(?<!{re.escape(w)})(?<!{re.escape(w)}\s)" for w in d["dash_after"]) + r"\s[-–]\s"),
        not_level_re=re.compile("(?i)" + "|".join(r"\s*".join(map(re.escape, w.split())) for w in d["not_level"])),
        opener_re=re.compile(opener),
        unit_re=re.compile(word(d["level_ends"])),
        unit_end_re=re.compile(rf"{word(d['level_ends'])}\s*\Z"),
        # typed without diacritics "cho" is also "chợ", "chờ" …: no marker then
        addressee_re=re.compile(rf"{word(d['addressee_markers'])}[ \t]+" if not unmarked else r"(?!)"),
        says_colon_re=re.compile(rf"{word(d['lead_verbs'] + d['directive_verbs'] + d['task_verbs'])}[ \t]*:"),
        tasks_follow_re=re.compile(word(d["tasks_follow"])),
        document_speaks_re=re.compile(rf"{cased_one_of(kinds)}\s+(?:{literal_one_of(d['document_says_adverbs'])}\s+)?\Z"),
        # heads with a joiner or a comma inside ("Ban Tuyên giáo và Dân vận", "Ban Chính sách, chiến lược")
        joined_head_re=re.compile(word([h for h in d["heads"] if set(h.split()) & set(d["list_joiners"]) or "," in h] or ["\x00"])),
        run_on_re=re.compile(literal_one_of(d["run_on"]) + r"(?!\w)"),
        number_words=frozenset(fold(w) for w in load_plain("citations.toml")["number"]["words"]),
        framing_re=re.compile(word(d["framing"])),
        retrospective_re=re.compile(word(d["retrospective"])),
        body_end_re=re.compile(word(d["body_end"])),
        item_re=re.compile(item),
        clause_head_re=re.compile(item + rf"(?:{opener})?[ \t\n\-+•*–]*" + start),
        apposition_re=re.compile(word(d["apposition"])),
        compound_re=not_cue_re(),
        person_re=re.compile(word(d["persons"])),
        people_re=re.compile(word(d["persons"] + d["people"])),
    )


def _organising_verb(d: dict, word) -> str:
    """"tổ chức" as the verb of a body's task: followed by a word, not one that goes on with the
    noun (``organisation_goes_on``), and after neither a comma nor a joiner (a piece of a list)."""
    after = "".join(rf"(?<!{re.escape(j)}\s)" for j in [",", *d["list_joiners"]])
    return rf"{after}{word([d['organising']])}(?=[ \t]+\w)(?![ \t]+{word(d['organisation_goes_on'])})"


def _place_level_re(levels: list[dict]) -> re.Pattern | None:
    """The province names that, without their diacritics, hold a level word ("Hà Tĩnh" -> "Ha
    Tinh", "tinh" as in "tỉnh"): in a text typed that way they are taken out before a name's level
    is read. ``levels``: the level table as read for such a text."""
    level_words = re.compile(exact_trie([w for row in levels for w in row["words"]]))
    marked = re.compile(exact_trie([w for row in load_plain("organizations.toml")["level"] for w in row["words"]]))
    names = {strip_marks(p["name"]) for p in vocab().provinces if not marked.search(p["name"])
             and level_words.search(strip_marks(p["name"]))}
    if not names:
        return None
    return re.compile("(?i:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + ")")


@functools.cache
def _cased_heads() -> frozenset[str]:
    """``capital_when_unmarked``, folded to lower case and unmarked ("Báo" -> "bao"): in a text typed
    without diacritics these heads start a name only with their capital."""
    return frozenset(strip_marks(h).casefold() for h in load_plain("organizations.toml")["capital_when_unmarked"])


def directs(text: str, verb: int) -> bool:
    """The verb at ``verb`` is a body's own directive ("Ban Thường vụ Tỉnh ủy yêu cầu …"), not one
    it receives ("… được phân công …")."""
    v = org_vocab()
    return bool(v.directive_re.match(text, verb)) and not v.passive_re.search(text, max(0, verb - 12), verb)


def _unambiguous_stops(d: dict) -> dict:
    """Without diacritics a one-word stop or verb may read as a word of a name ("đang" / "đảng",
    "thì" / "thị", "số" / "Sở"): such words are left out of the lists that end a name, so that a
    name is read whole ("to chuc dang", "thi uy")."""
    names = {w.casefold() for key in ("heads", "standalone", "run_on", "joins_next") for p in d[key] for w in p.split()}
    keep = {key: [p for p in d[key] if len(p.split()) > 1 or p.casefold() not in names]
            for key in ("name_stops", "task_verbs", "directive_verbs")}
    # nor does a one-word directive verb that opens a task verb ("thăm" / "tham mưu"): the task is
    # the body's, not its own directive
    openers = {p.split()[0].casefold() for p in d["task_verbs"] if len(p.split()) > 1}
    keep["directive_verbs"] = [p for p in keep["directive_verbs"] if len(p.split()) > 1 or p.casefold() not in openers]
    # the verbs left out end a name still, where no head holds them ("Bo Chinh tri giao Dang uy …",
    # not "Ban Tuyen giao"): org_list looks for them apart
    kept = set(d["unmarked_verbs"])
    keep["ambiguous_verbs"] = sorted(kept & ({p for key in ("task_verbs", "directive_verbs") for p in d[key]} -
                                             {p for key in ("task_verbs", "directive_verbs") for p in keep[key]}))
    keep["ambiguous_directives"] = sorted(kept & (set(d["directive_verbs"]) - set(keep["directive_verbs"])))
    return {**d, **keep}


def org_list(text: str, start: int, stop: int, v: OrgVocab | None = None) -> tuple[list[Org], int]:
    """The organisations listed from ``start`` up to the first verb saying what they do
    (or punctuation that closes the list); and the position of that verb (``-1`` when the
    list is not followed by one). ``v``: ``org_vocab()``, when the caller has it at hand."""
    if v is None:
        v = org_vocab()
    first = v.start_re.match(text, start)
    if first is None:
        return [], -1           # cheap test first: most clauses do not open with an organisation
    if v.not_head_re.match(text, start):
        return [], -1           # "phòng, chống …", "ban hành …": the words of a name's head, not a name
    hi = min(stop, start + MAX_LIST_CHARS)
    # a name's head is never cut ("Ban Chỉ đạo", "Ủy ban Kiểm tra", "lãnh đạo các cơ quan"):
    # the verb and the word that ends the name are looked for after it
    after_head = min(hi, first.end())
    compound = v.compound_re
    verb = _running(v.task_re, text, after_head, hi, compound, v.complete_re)
    while verb is not None and _comma_before(text, verb.start()):
        head = v.start_re.match(text, verb.start())
        if head is None:
            break
        # "các cấp ủy, tổ chức đảng, lãnh đạo các cơ quan": a name that opens with a verb
        verb = _running(v.task_re, text, head.end(), hi, compound, v.complete_re)
    if v.ambiguous_verb_re is not None:
        verb = _outside_heads(v.ambiguous_verb_re, text, after_head, verb.start() if verb else hi, v) or verb
    end = verb.start() if verb else hi
    closer = _CLOSER_RE.search(text, start, end)
    if closer and verb and text[closer.start()] == "(":
        # "UBND quận, các ban Đảng Quận ủy (theo chức năng, nhiệm vụ) chủ trì …": a bracket between the
        # names and their verb, or holding what they are charged with, ends the names, not the list's
        # verb: the verb is the first one after the bracket closes
        shut = text.find(")", closer.end(), min(hi, closer.end() + MAX_BRACKET))
        after = _skip_spaces(text, shut + 1, hi) if shut >= 0 else -1
        if after >= 0 and "(" not in text[closer.end():shut] and v.task_re.match(text, after):
            return _pieces(text, start, closer.start(), v), after
    if closer:
        end = closer.start()
    # a dash is the one character every match of dash_re holds: a list with none (most) needs no search
    dash = v.dash_re.search(text, start, end) if _has_dash(text, start, end) else None
    while dash and dash.end() < end and text[dash.end()].isupper():
        # a capital after the dash goes on with the name ("Đài Phát thanh - Truyền hình tỉnh"); not the
        # verb's ("Ban Tuyên giáo Tỉnh ủy - Chủ trì, …": the search ends there)
        dash = v.dash_re.search(text, dash.end(), end)
    verb_end = end if verb is not None and end == verb.start() else -1
    if dash:
        end = dash.start()
        if dash.end() == verb_end:
            verb_end = end          # the dash stands between the name and its verb
    name_stop = _running(v.name_stop_re, text, after_head, end, compound)
    while name_stop is not None and (_in_person_piece(text, start, name_stop.start())
                                     or _numbered_unit(text, name_stop, v)):
        # "…, các cơ quan liên quan và các đồng chí có tên tại Điều 1 thi hành …": the person piece is
        # left out of the list, and its words do not end it; "chi bộ tổ dân phố số 7": a unit's number
        name_stop = _running(v.name_stop_re, text, name_stop.end(), end, compound)
    if name_stop:
        end = name_stop.start()
    closed = _closed(text, after_head, end, v)
    if closed is not None:
        end = closed
    ends_at_verb = verb is not None and end in (verb.start(), verb_end)
    if not ends_at_verb and name_stop is not None and v.apposition_re.match(text, name_stop.start()):
        # "Ban Tuyên giáo Tỉnh ủy là cơ quan thường trực, có trách nhiệm theo dõi ...": the task
        # comes after the apposition
        comma = text.find(",", name_stop.end(), min(hi, name_stop.end() + MAX_APPOSITION))
        after = _skip_spaces(text, comma + 1, hi) if comma >= 0 else -1
        if after >= 0 and _running(v.task_re, text, after, hi, compound) is not None and v.task_re.match(text, after):
            return _pieces(text, start, end, v), after
    passive = v.passive_re.search(text, max(start, end - 12), end) if ends_at_verb else None
    if ends_at_verb and passive is None:
        # "Đảng bộ xã … được chọn | tổ chức …": chosen, right before its task, the body is put to work
        passive = v.selected_re.search(text, max(start, end - SELECTED_CHARS), end)
    # "Các chi bộ được | phân công …": the passive marker is the verb's, not the name's
    return _pieces(text, start, passive.start() if passive else end, v), (verb.start() if ends_at_verb else -1)


SELECTED_CHARS = 24       # "được lựa chọn " before a task verb
_UNIT_NUMBER_RE = re.compile(r"[ \t]{1,2}\d{1,3}(?![\d\-–/.]|,\d)")    # "số 7", not "số 12-KH/TU", "số 1.500"


def _numbered_unit(text: str, stop: re.Match, v: OrgVocab) -> bool:
    """The stop word is the number word of a unit named by its number ("tổ dân phố số 7", "Trường
    THCS số 2"): a number follows it, not a symbol's; the name goes on."""
    return fold(stop.group()).strip() in v.number_words and _UNIT_NUMBER_RE.match(text, stop.end()) is not None


def _has_dash(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` holds one of the dashes of ``OrgVocab.dash_re`` ("-", "–")."""
    return text.find("-", start, end) >= 0 or text.find("–", start, end) >= 0


def _closed(text: str, start: int, end: int, v: OrgVocab) -> int | None:
    """Where a word that closes a name ("các cơ quan liên quan") ends the list before ``end``: when
    what follows it in lower case does not go on with the list (a comma, a joiner)."""
    m = _running(v.name_end_re, text, start, end, v.compound_re)
    while m is not None:
        pos = _skip_spaces(text, m.end(), end)
        if pos < end and text[pos].islower() and not v.list_joiner_re.match(text, pos) \
                and not v.goes_on_re.match(text, pos):
            return m.end()
        m = _running(v.name_end_re, text, m.end(), end, v.compound_re)
    return None


def _in_person_piece(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` lies in a piece of the list (after its last "," ";" or joiner) that names
    persons, not bodies (``persons``: "các đồng chí có tên tại Điều 1")."""
    v = org_vocab()
    piece = start
    for m in v.piece_split_re.finditer(text, start, pos):
        piece = m.end()
    return piece > start and v.person_re.match(text, piece) is not None


def _running(rx: re.Pattern, text: str, pos: int, end: int, compound: re.Pattern,
             complete: re.Pattern | None = None) -> re.Match | None:
    """The first match of ``rx`` written as running text: a capitalised word after a name's head
    is part of the name ("Ban Chỉ đạo", "Ủy ban Kiểm tra", "Sở Kế hoạch và Đầu tư"), not the verb
    or the word that ends it; a text in capitals is read as it is. A word that opens a line opens a
    sentence, so its capital says nothing: a body named as a heading ("2. Ban Tuyên giáo Tỉnh ủy")
    ends where the next line starts with its task ("Chủ trì …", "Căn cứ Kế hoạch này, …"). Nor
    after a name that ``complete`` says is complete, where a page ran that heading and its task into
    one line ("Ban Tổ chức Tỉnh ủy Tham mưu …", "Ban Tuyên giáo Tỉnh ủy - Chủ trì …").
    ``compound``: ``org_vocab().compound_re``; ``complete``: ``org_vocab().complete_re``."""
    # a search from the end of each rejected match: the matches ``finditer`` gives (``rx`` matches
    # no empty string), without an iterator made for the usual span, where nothing matches
    m = rx.search(text, pos, end)
    while m is not None:
        first = text[m.start()]
        if (not first.isupper() or m.group().isupper() or _opens_line(text, m.start())
                or complete is not None and complete.search(text, max(0, m.start() - COMPLETE_REACH), m.start())) \
                and not compound.match(text, m.start()):
            return m
        m = rx.search(text, m.end(), end)
    return None


def _outside_heads(rx: re.Pattern, text: str, pos: int, end: int, v: OrgVocab) -> re.Match | None:
    """The first match of ``rx`` as running text that no organisation's head holds."""
    while (m := _running(rx, text, pos, end, v.compound_re)) is not None:
        if not in_head(text, m.start(), v):
            return m
        pos = m.end()
    return None


HEAD_REACH = 24      # how far back the head of a name holding a word may start


def in_head(text: str, pos: int, v: OrgVocab) -> bool:
    """The word at ``pos`` is a word of an organisation's head ("Ban Tuyen giao" typed without
    diacritics holds "giao"): part of a name."""
    at, hi = max(0, pos - HEAD_REACH), min(len(text), pos + HEAD_REACH)
    while (m := v.start_re.search(text, at, hi)) is not None and m.start() < pos:
        if pos < m.end():
            return True
        at = m.start() + 1      # heads may overlap: "Truong Ban" (a post), then "Ban Tuyen giao"
    return False


def _opens_line(text: str, pos: int) -> bool:
    """Whether only spaces and a bullet stand between a line break and ``pos``."""
    while pos > 0 and text[pos - 1] in " \t-+•*–":
        pos -= 1
    return pos > 0 and text[pos - 1] == "\n"


def not_cue_re() -> re.Pattern:
    """Words that open with an assignment cue or a verb but are other words ("giao ban", a
    meeting; "giao tiếp"): ``cues.toml`` ``[not_assignment]``, as written but for the first
    letter's case ("Giao Ban Tuyên giáo ...": a capital after the verb starts a name)."""
    return _not_cue_re(UNMARKED.get())


@functools.cache
def _not_cue_re(unmarked: bool) -> re.Pattern:
    phrases = (load_unmarked if unmarked else load_plain)("cues.toml")["not_assignment"]["phrases"]
    return re.compile(first_cased_one_of(phrases) + r"(?!\w)")


def _skip_spaces(text: str, pos: int, hi: int) -> int:
    while pos < hi and text[pos] in " \t\n":
        pos += 1
    return pos


def _comma_before(text: str, pos: int) -> bool:
    pos -= 1
    while pos >= 0 and text[pos] in " \t\n":
        pos -= 1
    return pos >= 0 and text[pos] == ","


def _pieces(text: str, start: int, end: int, v: OrgVocab) -> list[Org]:
    """The organisations a list's span names (``_pieces_of``), remembered by the span's text and the
    character before it (texts name the same lists again and again): ``_pieces_of`` reads nothing
    else, its one look further back being the word start of a head with a joiner inside."""
    return [Org(name, key, level, start + a, start + b)
            for name, key, level, a, b in _piece_spans(v, text[start - 1:start] if start > 0 else "", text[start:end])]


@functools.lru_cache(maxsize=8192)
def _piece_spans(v: OrgVocab, before: str, span: str) -> tuple[tuple[str, str, str | None, int, int], ...]:
    """``_pieces_of`` of ``span`` after the character ``before``, as (name, key, level, start,
    end) with offsets in ``span``."""
    off = len(before)
    return tuple((o.name, o.key, o.level, o.start - off, o.end - off)
                 for o in _pieces_of(before + span, off, off + len(span), v))


def _pieces_of(text: str, start: int, end: int, v: OrgVocab) -> list[Org]:
    split = v.piece_split_re.search(text, start, end)
    if split is None:
        return _one_piece(text, start, end, v)
    # a joiner inside a name ("Ban Tuyên giáo và Dân vận") does not separate two names (most
    # lists hold none: one search tells, before the spans are gathered)
    joined = v.joined_head_re.search(text, start, end)
    inside = [m.span() for m in v.joined_head_re.finditer(text, start, end)] if joined else []
    pieces: list[tuple[int, int, str]] = []   # (start, end, separator before)
    pos, sep = start, ""
    # the separators ``finditer`` would give: each search starts where the last one ended (a
    # separator is never empty)
    m = split
    while m is not None:
        if not (inside and any(a < m.start() < b for a, b in inside)):
            _add_piece(text, pos, m.start(), sep, pieces)
            pos, sep = m.end(), m.group(1).strip()
        m = v.piece_split_re.search(text, m.end(), end)
    _add_piece(text, pos, end, sep, pieces)
    if not pieces or pieces[0][0] != start or not v.is_org(text[pieces[0][0]:pieces[0][1]]):
        return []           # a list of organisations starts with one, right where it is expected
    merged: list[tuple[int, int]] = []
    prev_end = -1                       # the end of the piece before this one
    for a, b, sep in pieces:
        piece = text[a:b]
        if merged and v.people_re.match(piece):
            prev_end = b        # "…, đảng viên": persons, no body (nor a word of the name before)
            continue
        if merged and merged[-1][1] != prev_end:
            # the piece before was no name ("các cơ quan, đơn vị và cán bộ, đảng viên"): nothing
            # after it goes on with the name before that
            if v.is_org(piece):
                merged.append((a, b))
            prev_end = b
            continue
        if merged and sep == "," and fold(text[merged[-1][0]:merged[-1][1]]) in v.joins_next:
            merged[-1] = (merged[-1][0], b)
        elif merged and sep not in ("", ",", ";") and merged[-1][1] == prev_end and fold(piece) in v.equivalents:
            merged[-1] = (merged[-1][0], b)     # "cấp huyện và tương đương": one collective
        elif merged and sep == "," and not v.quantifier_re.match(piece) and (
                v.run_on_re.match(piece) or len(piece.split()) == 1
                or (piece[:1].islower() and ((_short(piece, v) and not _collective(text[merged[-1][0]:merged[-1][1]], v))
                                             or _bare_noun(text[merged[-1][0]:merged[-1][1]], v)))):
            # "các huyện, thị, thành ủy", "các cơ quan, đơn vị", "các Sở, Ban, ngành": a lone word
            # is never a name of its own; a short name after a collective of its own is another body
            # ("các cấp ủy, cơ quan, đơn vị": the committees, and the agencies and units)
            merged[-1] = (merged[-1][0], b)
        elif merged and sep == "," and piece[:1].islower() and _contracted(text[merged[-1][0]:merged[-1][1]], piece):
            # "thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ": the heads of both, the post said once
            merged[-1] = (merged[-1][0], b)
        elif merged and sep == "," and piece[:1].islower() and v.unit_re.match(piece) \
                and v.unit_end_re.search(text, merged[-1][0], merged[-1][1]):
            # "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương": localities of one kind
            merged[-1] = (merged[-1][0], b)
        elif v.is_org(piece):
            merged.append((a, b))
        elif (merged and sep not in ("", ";") and piece[:1].isupper() and merged[-1][1] == prev_end
              and (sep != "," or len(piece.split()) <= MAX_NAME_PART_WORDS)):
            # "Phòng Giáo dục và Đào tạo", "Sở Văn hóa, Thể thao và Du lịch": a name that goes on
            # after the joiner or comma with capitalised words that start no name
            merged[-1] = (merged[-1][0], b)
        prev_end = b
    return [o for o in (Org(*v.analyse(text[a:b]), a, b) for a, b in merged) if not _bare(o, v)]


def _one_piece(text: str, start: int, end: int, v: OrgVocab) -> list[Org]:
    """``_pieces`` of a span with no separator (most lists name one body): its text without the
    spaces after it, when that is an organisation's name right at ``start``."""
    b = end
    while b > start and text[b - 1].isspace():
        b -= 1
    if b == start or text[start].isspace() or not v.is_org(text[start:b]):
        return []
    org = Org(*v.analyse(text[start:b]), start, b)
    return [] if _bare(org, v) else [org]


def _bare(org: Org, v: OrgVocab) -> bool:
    """``org`` is only a noun of ``bare_nouns``: no body ("Cơ quan | chủ trì: …", a field's label)."""
    return " ".join(fold(org.name).split()) in v.bare_nouns


def _add_piece(text: str, a: int, b: int, sep: str, pieces: list[tuple[int, int, str]]) -> None:
    if a < b and not text[a].isspace() and not text[b - 1].isspace():
        pieces.append((a, b, sep))      # the usual piece: the separators took the spaces around it
        return
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        pieces.append((a, b, sep))


def _bare_noun(name: str, v: OrgVocab) -> bool:
    """"các phòng", "các sở": a quantifier and one word, whose modifier is the next name's ("các
    phòng, ban chuyên môn": one collective)."""
    bare = v.quantifier_re.sub("", name)
    return bare != name and len(bare.split()) == 1


def _contracted(name: str, piece: str) -> bool:
    """``piece`` names the same kind of body as the one ``name`` is the post or the part of, its
    first two words coming after the first two of ``name`` ("thủ trưởng cơ quan ngang bộ" / "cơ quan
    thuộc Chính phủ"): one coordination, the head said once."""
    words, first = name.split(), piece.split()[:2]
    return len(first) == 2 and any(words[i:i + 2] == first for i in range(2, len(words) - 1))


def _collective(name: str, v: OrgVocab) -> bool:
    """``name`` is one of the collective names that stand alone in a list ("các cấp ủy", "chính quyền")."""
    return fold(v.quantifier_re.sub("", name)) in v.standalone


def _short(piece: str, v: OrgVocab) -> bool:
    """A short name that runs on with the next one in a list ("các huyện, thị, thành ủy"):
    at most two words, not a collective name of its own ("cấp ủy", "đảng đoàn")."""
    return len(v.quantifier_re.sub("", piece).split()) <= 2 and not _collective(piece, v)


def issues(org: Org, issuing_body: str | None) -> bool:
    """``org`` is the body named ``issuing_body`` (a document's issuer), a head that stands for the
    body itself aside ("Ban Thường vụ Tỉnh ủy" acts for "Tỉnh ủy Lạng Sơn"; compared without diacritics)."""
    if not issuing_body:
        return False
    own, body = _body_itself(org.key), _body_itself(org_vocab().analyse(issuing_body)[1])
    return bool(own) and (own == body or body.startswith(own + " "))


def _body_itself(key: str) -> str:
    words = fold(key).split()
    for n in range(len(words) - 1, 0, -1):
        if " ".join(words[:n]) in same_body():
            return " ".join(words[n:])
    return " ".join(words)


@functools.cache
def same_body() -> frozenset[str]:
    """``same_body``: heads before a body's name that stand for the body itself, folded."""
    return frozenset(fold(" ".join(w.split())) for w in load_plain("organizations.toml")["same_body"])

