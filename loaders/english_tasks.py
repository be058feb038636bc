"""Tasks stated in English ("The Politburo instructed Party committees at all levels ... to
devise ...", "the Central Organizing Committee will preside over ...").

English puts the head noun of a name last, so a list of bodies is read differently from a
Vietnamese one (``organizations.py``): it runs from its cue to a word that ends it (``stops``:
"to", "will" ...) and a piece of it is a body when it holds a head noun. The words are
``organizations.toml`` ``[english]``; ``assignments.py`` makes assignments of what this finds.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from vankien.loaders.fold import case_class, literal_one_of
from vankien.loaders.organizations import Org
from vankien.loaders.vocab import load_data

MAX_LIST_CHARS = 240       # a list of bodies after a cue
MAX_SUBJECT_CHARS = 120    # a body before its verb
MIN_NAME_WORDS = 1
SHARED_MODIFIER_WORDS = 2  # "provincial and municipal Party Committees": modifiers before a shared noun
REPORT_OBJECT_WORDS = 5    # "report | the results of the review | to"
BE_REACH = 8               # "is " / "were " before a cue


@dataclass(frozen=True)
class EnglishTask:
    org: Org
    role: str
    start: int              # evidence: from the cue or the body
    end: int
    cue: str


@dataclass(frozen=True)
class _Vocab:
    noun_re: re.Pattern
    stop_re: re.Pattern        # what ends a list: punctuation or a stop word
    split_re: re.Pattern       # what separates its names
    cue_re: re.Pattern
    roles: dict[str, str]      # cue phrase (lower case) -> role
    lead_re: re.Pattern        # "<body> (will) preside over"
    passive_re: re.Pattern     # "<body> is urged to"
    duty_re: re.Pattern        # "<bodies> shall <verb>"
    opener_re: re.Pattern      # "Under the plan, ": a phrase before the clause's subject
    clause_re: re.Pattern      # "while": a word that opens a second clause
    be_re: re.Pattern          # "is", "was" … right before a cue: the passive, read by passive_re
    report_re: re.Pattern      # "report the results to ": the bodies reported to follow
    via_re: re.Pattern         # " via ": the body a report goes through follows
    infinitive_re: re.Pattern  # " to " right before a verb: the verb of a cue's object
    continuations: frozenset[str]   # words in lower case that go on with a name after its head noun
    joiner_words: frozenset[str]    # the words of `joiners`
    named_for_re: re.Pattern        # a name that ends listing what it is for ("… Commission for Communication")


def _words(phrases: list[str]) -> str:
    """``phrases`` as whole words (no letter, digit or hyphen around them), case ignored, a space
    matching any run of whitespace, the longest where several match: ``_words_alternation``,
    written as a trie of ``fold.case_class`` letters (what ``(?i)`` matches, written out) so that
    ``re`` scans for the letters the phrases start with instead of trying each phrase at every
    position (2 to 5 times as fast). The same matches at every position, in the same order of
    preference (tests/test_shortcut_speed.py): the phrases that match at a position lie on one path
    of the trie, whose greedy optional tails try the longest first, as the longest-first
    alternation does. Phrases whose letters ``case_class`` cannot keep apart keep the alternation."""
    trie: dict = {}
    for p in phrases:
        node = trie
        for ch in p:
            node = node.setdefault(r"\s+" if ch == " " else case_class(ch), {})
        node[""] = {}
    if not phrases or "" in trie or not _distinct_classes(trie):
        return _words_alternation(phrases)
    return r"(?:(?<![\w-])(?:" + _emit(trie) + r")(?![\w-]))"


def _words_alternation(phrases: list[str]) -> str:
    return r"(?i:(?<![\w-])" + literal_one_of(sorted(phrases, key=len, reverse=True), space=r"\s+") + r"(?![\w-]))"


def _emit(node: dict) -> str:
    branches = [k + _emit(sub) for k, sub in sorted(node.items()) if k]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _distinct_classes(node: dict) -> bool:
    """No two branches of a node match a character in common (every class is a single character
    written out, a class of them or ``\\s+``, none of which matches a character of another unless
    they are the same): a text's phrases at a position then lie on one path."""
    keys = [k for k in node if k]
    sets = [_chars_of(k) for k in keys]
    for i in range(len(sets)):
        for j in range(i + 1, len(sets)):
            if sets[i] is None or sets[j] is None or sets[i] & sets[j]:
                return False
    return all(_distinct_classes(sub) for sub in node.values())


@functools.lru_cache(maxsize=1024)
def _chars_of(key: str) -> frozenset[str] | None:
    """The characters of Latin, Vietnamese and the whitespace that the trie's key ``key`` matches;
    None when it may match others (``case_class`` left it as ``(?i:…)``)."""
    if key.startswith("(?i:"):
        return None
    rx = re.compile(key)
    return frozenset(c for c in _CANDIDATES if rx.match(c))


_CANDIDATES = "".join(chr(cp) for lo, hi in ((0x0000, 0x0250), (0x1E00, 0x1F00), (0x2000, 0x2150), (0x3000, 0x3001))
                      for cp in range(lo, hi))


@functools.cache
def _vocab() -> _Vocab:
    d = load_data("organizations.toml")["english"]
    roles = {p.lower(): row["role"] for row in d["cue"] for p in row["phrases"]}
    modals = _words(d["modals"])
    return _Vocab(
        noun_re=re.compile(_words(d["nouns"])),
        # a preposition of `name_prepositions` before a capital goes on with a name ("the Central
        # Commission for Information and Education"); before a word in lower case it ends it
        stop_re=re.compile(r"[.;:()!?\"“”]|" + r"\s" + _words([w for w in d["stops"] if w not in d["name_prepositions"]])
                           + r"|\s" + _words(d["name_prepositions"]) + r"(?!\s+[A-Z])"),
        split_re=re.compile(r"\s*,\s*(?:" + _words(d["joiners"]) + r"\s+)?|\s+" + _words(d["joiners"]) + r"\s+"),
        cue_re=re.compile(_words(list(roles))),
        roles=roles,
        # "<body> (will) preside over", "<body> is assigned to take charge of": the body leads
        lead_re=re.compile(rf"\s+(?:{modals}\s+|{_words(d['passive'])}\s+)?(?P<verb>{_words(d['lead_verbs'])})"),
        passive_re=re.compile(r"\s+(?P<verb>" + _words(d["passive"]) + ")"),
        duty_re=re.compile(r"\s+(?P<verb>" + _words(d["duties"]) + ")"),
        opener_re=re.compile(r"\s*" + _words(d["openers"]) + r"[^,;:]{0,60},\s*"),
        clause_re=re.compile(_words(d["clause_joiners"]) + r"\s+"),
        be_re=re.compile(_words(sorted({p.split()[0] for p in d["passive"]})) + r"\s+\Z"),
        report_re=re.compile(_words(d["report_verbs"]) + rf"(?:\s+[\w'-]+){{0,{REPORT_OBJECT_WORDS}}}?\s+to\s+"),
        via_re=re.compile(r"\s*" + _words(d["via"]) + r"\s+"),
        infinitive_re=re.compile(r"(?i:(?<![\w-])to)\s+\Z"),
        continuations=frozenset(w.lower() for w in d["continuations"]),
        joiner_words=frozenset(w.lower() for j in d["joiners"] for w in j.split()),
        named_for_re=re.compile(r"\s" + _words(d["name_prepositions"]) + r"\s+[A-Z][^,]*\Z"),
    )


def english_tasks(text: str, lo: int, hi: int) -> list[EnglishTask]:
    """The tasks one English sentence ``text[lo:hi]`` gives."""
    v = _vocab()
    out: list[EnglishTask] = []
    partnered: list[re.Match] = []      # cues of coordination: the body before them does the task
    for m in v.cue_re.finditer(text, lo, hi):
        if v.be_re.search(text, max(lo, m.start() - BE_REACH), m.start()):
            continue                # "is tasked with …": a passive, its body is before it
        role = v.roles[" ".join(m.group().split()).lower()]
        for org in _list(text, m.end(), hi):
            out.append(EnglishTask(org, role, m.start(), org.end, m.group()))
        if role == "coordinate" and not v.infinitive_re.search(text, max(lo, m.start() - 4), m.start() + 1):
            partnered.append(m)
    for m in v.report_re.finditer(text, lo, hi):
        orgs = _list(text, m.end(), hi)
        via = v.via_re.match(text, orgs[-1].end) if orgs else None
        if via is not None:
            orgs += _list(text, via.end(), hi)
        for org in orgs:
            if not any(t.org.start == org.start for t in out):
                out.append(EnglishTask(org, "report_to", m.start(), org.end, m.group().strip()))
    for rx, role in ((v.lead_re, "lead"), (v.passive_re, "execute")):
        for m in rx.finditer(text, lo, hi):
            if v.infinitive_re.search(text, max(lo, m.start() - 4), m.start() + 1):
                continue            # "asks the Government Party Committee to lead …": the cue's object leads
            # "Ministries, sectors and localities are required to …": every body of the clause
            whole = _subjects(text, lo, m.start())
            orgs = whole if role == "execute" else []
            if len(orgs) < 2:
                # one body: its name ends at a stop word; or the clause's one body whose name holds
                # commas ("the Commission for Communication, Education and Mass Mobilisation")
                orgs = [_subject(text, lo, m.start()) or (whole[0] if len(whole) == 1 else None)]
            for org in orgs:
                if org is not None and not any(t.org.start == org.start for t in out):
                    out.append(EnglishTask(org, role, org.start, m.end(), m.group("verb")))
    for m in v.duty_re.finditer(text, lo, hi):
        if v.lead_re.match(text, m.start()):
            continue                # "<body> shall preside over": its lead, above
        for org in _subjects(text, lo, m.start()):
            if not any(t.org.start == org.start for t in out):
                out.append(EnglishTask(org, "execute", org.start, m.end(), m.group("verb")))
    for m in partnered:
        # "the Department of Science and Technology will coordinate with …", "the Department of Finance,
        # in coordination with …,": the body before does the task with its partners, unless it leads
        # it or is given it otherwise (above); not "asks X to coordinate with …" (the cue's object)
        before = text[lo:m.start()].rstrip()
        doer = _subject(text, lo, lo + len(before) - 1 if before.endswith(",") else m.start())
        if doer is not None and not any(t.org.start == doer.start for t in out):
            out.append(EnglishTask(doer, "execute", doer.start, m.end(), m.group()))
    return out


def _subjects(text: str, lo: int, verb: int) -> list[Org]:
    """The bodies that make up the whole clause before a modal of duty ("Party committees, Party
    organisations and Party delegations shall …"); none unless every piece of it names one."""
    # a line break ends a heading the sentence may have run on from ("Article 9. Implementation")
    a = _clause_subject_start(text, max(lo, text.rfind(";", lo, verb) + 1, text.rfind(":", lo, verb) + 1,
                                        text.rfind("\n", lo, verb) + 1), verb)
    if verb - a > MAX_LIST_CHARS:
        return []
    participle = _PARTICIPLE_RE.search(text, a, verb)     # "Party committees | failing to …"
    pieces = _pieces(text, a, participle.start() if participle else verb)
    return pieces if pieces and all(pieces) else []


def _pieces(text: str, a: int, b: int) -> list[Org | None]:
    """The pieces of ``text[a:b]`` split at "," and the joiners, each a body or None; a piece in
    capitals with no head noun after "and" goes on with the name before it ("the Department of
    Science and Technology"), also after a comma when that name lists what it is for ("the
    Commission for Communication, | Education and | Mass Mobilisation")."""
    v = _vocab()
    out: list[Org | None] = []
    pos = a
    shared = None       # where a run of modifiers sharing the next piece's noun starts
    for sep in [*v.split_re.finditer(text, a, b), None]:
        end = sep.start() if sep else b
        org = _org(text, pos, end)
        if org is None and out and out[-1] is not None and text[pos:pos + 1].isupper() \
                and ("," not in text[out[-1].end:pos] or v.named_for_re.search(out[-1].name)):
            org = _org(text, out[-1].start, end)
            out[-1] = org
        elif org is None and sep is not None and 0 < len(text[pos:end].split()) <= SHARED_MODIFIER_WORDS \
                and (text[pos:end].strip()[:1].islower() or pos == a):
            # "provincial | and municipal Party Committees" (capitalised when it opens the sentence)
            shared = pos if shared is None else shared
        else:
            if org is not None and shared is not None:
                org = _org(text, shared, end)               # one body: a contracted coordination
            shared = None
            out.append(org)
        if sep:
            pos = sep.end()
    return out


def _list(text: str, start: int, hi: int) -> list[Org]:
    """The bodies listed from ``start`` to the word or punctuation that ends the list."""
    v = _vocab()
    end = min(hi, start + MAX_LIST_CHARS)
    stop = v.stop_re.search(text, start, end)
    if stop is not None:
        end = stop.start()
    return [org for org in _pieces(text, start, _verb_after_names(text, start, end)) if org is not None]


_WORD_RE = re.compile(r"[\w'-]+")


def _verb_after_names(text: str, start: int, end: int) -> int:
    """Where the verb of a clause whose subject the list is starts ("the requirement that Party
    committees and authorities at all levels | strengthen …"): the first word in lower case right
    after a head noun (`nouns`) or a capitalised word, unless it goes on with the name
    (`continuations`: "of", "at all levels" …); ``end`` when none."""
    v = _vocab()
    after_name = False
    prev = start
    for m in _WORD_RE.finditer(text, start, end):
        w = m.group()
        if "," in text[prev:m.start()] or w.lower() in v.joiner_words:
            after_name = False          # a comma or a joiner ("… as well as political-social organisations"): the next name
        elif after_name and w[:1].islower() and w.lower() not in v.continuations and not v.noun_re.fullmatch(w):
            return m.start()
        else:
            after_name = bool(v.noun_re.fullmatch(w)) or w[:1].isupper() or (after_name and w.lower() in v.continuations)
        prev = m.end()
    return end


def _clause_subject_start(text: str, a: int, verb: int) -> int:
    """Where the subject of a clause starts, after a word that opens a second clause ("…, while
    the Department of Finance shall …") and a phrase before it ("Under the plan, …")."""
    v = _vocab()
    joiners = list(v.clause_re.finditer(text, a, verb))
    if joiners:
        a = joiners[-1].end()
    opener = v.opener_re.match(text, a, verb)
    return opener.end() if opener else a


def _subject(text: str, lo: int, verb: int) -> Org | None:
    """The body right before a verb: back to the clause's start or its last comma; the name ends at
    a stop word or a participle in lower case ("The Ministry of Finance | shall take the lead",
    "Party committees | failing to …")."""
    # a line break ends a heading the sentence may have run on from, as in ``_subjects``
    a = _clause_subject_start(text, max(lo, verb - MAX_SUBJECT_CHARS, text.rfind(",", lo, verb) + 1,
                                        text.rfind(";", lo, verb) + 1, text.rfind("\n", lo, verb) + 1), verb)
    v = _vocab()
    end = min((m.start() for m in (v.stop_re.search(text, a, verb), _PARTICIPLE_RE.search(text, a, verb)) if m),
              default=verb)
    for cue in v.cue_re.finditer(text, a, end):
        a = cue.end()               # "It asks | the Government Party Committee …": the cue's object, not its speaker
    return _org(text, a, end)


_PARTICIPLE_RE = re.compile(r"(?<=\s)[a-z]+ing(?![\w'])")     # "failing", "concerning": no word of a name in lower case


def _org(text: str, a: int, b: int) -> Org | None:
    while a < b and not text[a].isalnum():
        a += 1
    while b > a and not text[b - 1].isalnum():
        b -= 1
    name = " ".join(text[a:b].split())
    if len(name.split()) < MIN_NAME_WORDS or not _vocab().noun_re.search(name):
        return None
    return Org(name, name.casefold(), None, a, b)
