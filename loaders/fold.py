"""Diacritic- and case-insensitive matching of Vietnamese words.

Real texts scramble diacritics ("Nghị qưỹết", "bân hành"), drop them ("Quyet dinh") or
mix case. Instead of rewriting the text (which would cost time and shift offsets), vocabulary
words are compiled into regular expressions in which every letter matches all Vietnamese
letters sharing its base letter, in either case.
"""
from __future__ import annotations

import functools
import inspect
import re
import unicodedata
from collections.abc import Sequence


def _share_compiled_classes() -> bool:
    """Make ``re`` optimise each distinct character class once per process instead of once per use.

    Every letter of a vocabulary word becomes a class of some sixty letters ("[AaÀ-Å…Ạ-ặ]"), so
    the patterns hold thousands of copies of a few dozen classes, and ``re`` builds the 64 KiB
    bitmap of a class again for each copy: most of the time of compiling the patterns, i.e. of the
    first extraction in a process (and in each ingest worker). The function doing it,
    ``re._compiler._optimize_charset``, returns the same for the same class, so a cache in front of
    it changes nothing compiled; it is used only for classes compiled case-sensitively (the
    case-insensitive path takes functions and a table as arguments) and only where the function has
    the signature it has had since Python 3.11: elsewhere patterns compile as before, slower.
    Returns whether the cache is in place.
    """
    try:
        from re import _compiler
        original = _compiler._optimize_charset
        if getattr(original, "vankien_shared", False):
            return True
        if list(inspect.signature(original).parameters) != ["charset", "iscased", "fixup", "fixes"]:
            return False
    except (ImportError, AttributeError, TypeError, ValueError):
        return False
    cache: dict = {}

    def optimize_charset(charset, iscased=None, fixup=None, fixes=None):
        if iscased is not None or fixup is not None or fixes is not None:
            return original(charset, iscased, fixup, fixes)
        try:
            key = tuple(charset)
            hit = cache.get(key)
        except TypeError:           # an unhashable item: not seen from re's parser, but be safe
            return original(charset)
        if hit is None:
            if len(cache) >= _SHARED_CLASSES_MAX:
                cache.clear()
            out, hascased = original(charset)
            hit = cache[key] = (tuple(out), hascased)
        return list(hit[0]), hit[1]

    optimize_charset.vankien_shared = True
    optimize_charset.__wrapped__ = original
    _compiler._optimize_charset = optimize_charset
    return True


_SHARED_CLASSES_MAX = 4096       # distinct classes kept; the project's patterns use about a hundred


def _scan_first_letters() -> bool:
    """Let ``re`` skip, when it searches, the positions where a vocabulary cannot start.

    ``re`` searches fast (a loop in C over the text) only when its compiler finds the set of
    characters every match starts with; it finds it for a pattern that opens with a literal or a
    class, not for ``(?<!\\w)(?:[Bb…]an|[Cc…]hỉ …)``, the shape of every vocabulary scan here (a
    word's start, then a trie of words whose branches open with letter classes). It then runs the
    whole pattern at each position of the text: 3-4 times as slow (type words 6.5 against 20 MB/s,
    relation cues 5 against 12, measured). This puts, behind ``re._compiler._get_charset_prefix``, a
    fallback that looks past zero-width assertions (lookarounds, ``\\b``) and optional items (their
    first characters join the set) and into groups, alternations (the union of their branches'
    first characters) and repeats, in patterns compiled case-sensitively (the letter classes hold
    both cases). The set is only
    ``re``'s filter of where a match may start: every match starts with one of its characters, so
    the matches are the same (tests/test_fast_scan.py). Used only where the function has the
    signature it has had since Python 3.11; elsewhere patterns compile as before, slower.
    Returns whether the fallback is in place.
    """
    try:
        from re import _compiler, _constants as c
        original = _compiler._get_charset_prefix
        if getattr(original, "vankien_first_letters", False):
            return True
        if list(inspect.signature(original).parameters) != ["pattern", "flags"]:
            return False
        skip = {c.ASSERT, c.ASSERT_NOT}
        boundaries = {c.AT_BOUNDARY, c.AT_NON_BOUNDARY}
        repeats = {c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)}
        ignorecase = c.SRE_FLAG_IGNORECASE | c.SRE_FLAG_LOCALE
    except (ImportError, AttributeError, TypeError, ValueError):
        return False

    def zero_width(op, av) -> bool:
        """An item that matches no character: a lookaround, ``\\b``, or a group or alternation of
        nothing else ("(?:(?<![\\w/.])|(?<=số))" before a symbol's number)."""
        if op in skip or (op is c.AT and av in boundaries):
            return True
        if op is c.SUBPATTERN:
            return not av[1] and not av[2] and all(zero_width(o, a) for o, a in av[3].data)
        if op is c.BRANCH:
            return all(branch.data and all(zero_width(o, a) for o, a in branch.data) for branch in av[1])
        return False

    def first(items) -> list | None:
        """The class items of the characters a match of ``items`` (a parsed sequence) starts with;
        None when unknown or when it may match nothing."""
        optional: list = []
        for op, av in items:
            if zero_width(op, av):
                continue                    # the next item gives the first character
            if op in repeats and av[0] == 0:
                f = first(av[2].data)       # "(?:ban hành )?kế hoạch": either may start the match
                if f is None:
                    return None
                optional += f
                continue
            f = one(op, av)
            return None if f is None else optional + f
        return None                         # nothing but zero-width and optional items: may match empty

    def one(op, av) -> list | None:
        """The first characters of one item that matches at least one character."""
        if op is c.LITERAL:
            return [(op, av)]
        if op is c.IN:
            return None if any(o is c.NEGATE for o, _ in av) else list(av)
        if op is c.SUBPATTERN:
            group, add_flags, del_flags, sub = av
            return None if add_flags or del_flags else first(sub.data)
        if op is c.BRANCH:
            out: list = []
            for branch in av[1]:
                f = first(branch.data)
                if f is None:
                    return None
                out += f
            return out
        if op in repeats:
            return first(av[2].data)        # at least once here (lo >= 1)
        return None

    def get_charset_prefix(pattern, flags):
        found = original(pattern, flags)
        if found is None and not flags & ignorecase:
            try:
                found = first(pattern.data)
            except (AttributeError, TypeError, ValueError):     # a parse tree of another shape
                return None
        return found

    get_charset_prefix.vankien_first_letters = True
    get_charset_prefix.__wrapped__ = original
    _compiler._get_charset_prefix = get_charset_prefix
    return True


FIRST_CHARACTERS_MAX = 4096     # a set of first characters larger than this is not worth a test before a match


@functools.lru_cache(maxsize=256)
def first_characters(rx: re.Pattern) -> frozenset[str] | None:
    """The characters every match of ``rx`` starts with (the set ``re`` scans for when it searches,
    ``_scan_first_letters``), or None when they are not known, too many, or a match may be empty:
    where ``text[pos:pos + 1]`` is not one of them, ``rx.match(text, pos)`` finds nothing, and a
    caller asking at many places where the pattern seldom matches spares the calls (each costs far
    more than a test of one character)."""
    try:
        from re import _compiler, _constants as c, _parser
        parsed = _parser.parse(rx.pattern, rx.flags)
        if parsed.getwidth()[0] == 0 or rx.flags & (c.SRE_FLAG_IGNORECASE | c.SRE_FLAG_LOCALE):
            return None
        items = _compiler._get_charset_prefix(parsed, rx.flags)
    except (ImportError, AttributeError, TypeError, ValueError, re.error):
        return None
    chars: set[str] = set()
    for op, av in items or [(None, None)]:
        if op is c.LITERAL:
            chars.add(chr(av))
        elif op is c.RANGE and av[1] - av[0] < FIRST_CHARACTERS_MAX:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None         # a category, a negated class, no set at all
        if len(chars) > FIRST_CHARACTERS_MAX:
            return None
    return frozenset(chars)


def base_letter(ch: str) -> str:
    """The lower-case base letter of ``ch`` ("Ự" -> "u", "đ" -> "d")."""
    if ch in "đĐ":
        return "d"
    return unicodedata.normalize("NFD", ch)[0].lower()


class _BaseLetters(dict):
    """``str.translate`` table: code point -> ``base_letter``, filled as characters are met (those
    below U+2000, Latin and Vietnamese letters among them; others are looked up each time, so that
    a text of many rare characters cannot grow it without bound)."""

    def __missing__(self, cp: int) -> str:
        b = base_letter(chr(cp))
        if cp < 0x2000:
            self[cp] = b
        return b


_BASE_LETTERS = _BaseLetters()


def strip_marks(text: str) -> str:
    """``text`` without diacritics, case kept ("Ủy ban Kiểm tra" -> "Uy ban Kiem tra"): how a text
    typed without them writes it."""
    return "".join(b.upper() if c.isupper() else b
                   for c, b in zip(text, text.translate(_BASE_LETTERS))) if not text.isascii() else text


@functools.lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Text without diacritics, lower-cased; for comparing names, not for offsets."""
    return text.translate(_BASE_LETTERS)      # each character's base_letter, four times as fast as a join


@functools.cache
def _letter_groups() -> dict[str, frozenset[str]]:
    """Base letter -> the letters of the classes of ``_letter_classes`` (each letter under one base)."""
    groups: dict[str, set[str]] = {}
    for cp in list(range(0x41, 0x5B)) + list(range(0x61, 0x7B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        if not ch.isalpha():
            continue
        b = base_letter(ch)
        if "a" <= b <= "z":
            groups.setdefault(b, set()).add(ch)
    return {b: frozenset(chars) for b, chars in groups.items()}


@functools.cache
def _letter_classes() -> dict[str, str]:
    return {b: _char_class(chars) for b, chars in _letter_groups().items()}


def _char_class(chars) -> str:
    """A regex character class matching exactly ``chars``, runs of three or more consecutive
    code points written as ranges ("À-Å"): the same set in half the characters, which takes a
    third off the time ``re`` spends parsing the class each time a pattern uses it (measured)."""
    points = sorted(set(map(ord, chars)))
    out = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        if j - i >= 2:
            out.append(f"{_in_class(points[i])}-{_in_class(points[j])}")
        else:
            out.extend(map(_in_class, points[i:j + 1]))
        i = j + 1
    return "[" + "".join(out) + "]"


def _in_class(cp: int) -> str:
    ch = chr(cp)
    return "\\" + ch if ch in "\\]^-[" else ch


def word_pattern(phrase: str, space: str = r"\s{1,3}") -> str:
    """Regex source matching ``phrase`` regardless of case and diacritics.

    Spaces match ``space`` (by default one to three whitespace characters, line breaks
    included); other characters match literally.
    """
    classes = _letter_classes()
    out = []
    for ch in phrase:
        if ch.isspace():
            if not out or out[-1] != space:
                out.append(space)
        elif ch.isalpha():
            out.append(classes.get(base_letter(ch), re.escape(ch)))
        else:
            out.append(re.escape(ch))
    return "".join(out)


def one_of(phrases: Sequence[str], space: str = r"\s{1,3}") -> str:
    """Regex source matching any of ``phrases`` as ``word_pattern`` does, tried in the order
    given (a data list's order decides which one a match takes); one phrase needs no group."""
    alts = [word_pattern(p, space) for p in _nonempty(phrases)]
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def one_of_by_first_letter(phrases: Sequence[str], space: str = r"\s{1,3}") -> str:
    """The group ``one_of(phrases)`` matches, with the phrases gathered under their first letter's
    class, in their order: where ``re`` tried the phrases in turn (the class of a first letter tested
    once for each phrase, and each phrase entered that starts with the letter at hand), it tests each
    first letter once, then only the phrases that start with it, in the same order. Phrases under two
    first letters match no text in common (their classes share no character), so the order of the
    groups changes no match. ``one_of`` itself where a phrase does not open with a letter."""
    classes = _letter_classes()
    groups: dict[str, list[str]] = {}
    for p in _nonempty(phrases):
        first = base_letter(p[0]) if p and not p[0].isspace() else ""
        if first not in classes:
            return "(?:" + one_of(phrases, space) + ")"
        groups.setdefault(first, []).append(p)
    return "(?:" + "|".join(classes[first] + "(?:" + "|".join(word_pattern(p[1:], space) for p in group) + ")"
                            for first, group in groups.items()) + ")"


def literal_one_of(phrases: Sequence[str], space: str | None = None) -> str:
    """A group matching any of ``phrases`` exactly as written (case and diacritics count),
    tried in the order given. ``space``, when given, is the regex each space matches;
    otherwise a space matches one space."""
    def literal(p: str) -> str:
        return re.escape(p) if space is None else space.join(map(re.escape, p.split(" ")))
    return "(?:" + "|".join(map(literal, _nonempty(phrases))) + ")"


def cased_one_of(phrases: Sequence[str], space: str | None = None) -> str:
    """The group ``(?i:literal_one_of(phrases, space))`` matches (case ignored, diacritics as written,
    the phrases tried in the order given), written with each letter's ``case_class`` and the phrases
    gathered under their first letter's class, in their order: at a position only the phrases that
    start with its letter are tried, in the same order, so the matches are the same. Case ignored,
    ``re`` enters every alternative in turn (a list of fifty openers tried at each clause); written
    so, it tests one class per first letter (tests/test_speed_round4.py)."""
    def cased(p: str) -> str:
        return (space or case_class(" ")).join("".join(map(case_class, w)) for w in p.split(" "))
    groups: dict[str, list[str]] = {}
    for p in _nonempty(phrases):
        groups.setdefault(case_class(p[0]) if p[0] != " " else "", []).append(p)
    if "" in groups or not _disjoint_classes(list(groups)):
        return "(?:" + "|".join(map(cased, phrases)) + ")"
    return "(?:" + "|".join(k + "(?:" + "|".join(cased(p)[len(k):] for p in g) + ")" for k, g in groups.items()) + ")"


def first_cased_one_of(phrases: Sequence[str]) -> str:
    """The group ``(?:(?i:X)rest|…)`` matches for each of ``phrases`` (its first character X, case
    ignored, then the rest exactly as written), the phrases tried in the order given; written, as
    ``cased_one_of`` writes its phrases, with the first character's ``case_class`` and the phrases
    gathered under it in their order. ``re`` enters every alternative that opens with ``(?i:X)``;
    a class it tests without entering, once for the phrases under it."""
    def first_free(p: str) -> str:
        return f"(?i:{re.escape(p[0])}){re.escape(p[1:])}"
    groups: dict[str, list[str]] = {}
    for p in _nonempty(phrases):
        groups.setdefault(case_class(p[0]) if p else "", []).append(p)
    if "" in groups or not _disjoint_classes(list(groups)):
        return "(?:" + "|".join(map(first_free, phrases)) + ")"
    return "(?:" + "|".join(k + "(?:" + "|".join(re.escape(p[1:]) for p in g) + ")" for k, g in groups.items()) + ")"


def _disjoint_classes(classes: list[str]) -> bool:
    """No character of the cased ranges is matched by two of ``classes`` (``case_class`` results)."""
    seen: set[str] = set()
    for c in classes:
        chars = set(re.findall(c, _CASE_CANDIDATES))
        if c.startswith("(?i:") or chars & seen:
            return False
        seen |= chars
    return True


def _nonempty(phrases: Sequence[str]) -> Sequence[str]:
    """``phrases``, refused when empty: an empty alternation would match anywhere."""
    if not phrases:
        raise ValueError("an empty word list cannot be matched")
    return phrases


def word_start(phrases: Sequence[str]) -> str:
    r"""What stands before the tolerant pattern of ``phrases`` (``alternation``, ``one_of``) so that its
    matches start a word: ``(?<!\w)``, written ``\b`` when every phrase opens with a letter or a digit.
    The two then say the same (the character at the match's start is a word character: ``\b`` holds
    there exactly when the one before is none, or there is none), and ``re`` tests ``\b`` in place,
    where it runs a look-behind as a match of its own. A vocabulary scan tests it wherever a letter
    its words start with stands, in a word or at its start: some 7 % of the scan (measured;
    tests/test_speed_round6.py)."""
    return r"\b" if all(_opens_with_word_character(p) for p in phrases) else r"(?<!\w)"


def _opens_with_word_character(phrase: str) -> bool:
    """Every character the first letter of ``phrase`` matches in ``alternation`` and ``word_pattern``
    (its base letter's class, or itself) is a word character of ``re``."""
    ch = phrase[:1]
    if not ch or ch.isspace():
        return False
    return base_letter(ch) in _letter_classes() or _word_characters([ch, base_letter(ch)])


def _word_characters(chars: Sequence[str] | None) -> bool:
    r"""Each of ``chars`` is a word character as ``re`` reads ``\w`` and ``\b`` in a str pattern
    (``str.isalnum``, the same test, or "_"); False for None (characters not known)."""
    return chars is not None and all(c.isalnum() or c == "_" for c in chars)


def alternation(phrases, space: str = r"\s{1,3}", scan: bool = False) -> str:
    """A non-capturing regex matching any of ``phrases`` (case and diacritics ignored), the
    longest where several match.

    The phrases are compiled as a trie on their base letters: at each position the regex
    engine tests one character class per level instead of trying every phrase in turn,
    which makes scanning a text for a vocabulary about twice as fast. The branches of a level
    stand in the order of their letters' frequency (``_commonest_first``). With ``scan``, for a
    vocabulary a whole text is scanned for, the first level is written for the words that start
    none of the phrases (``_scan_start``): the same matches, a pattern three times as long.
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(" " if ch.isspace() else base_letter(ch), {})
        node[""] = {}
    classes = _letter_classes()
    return "(?:" + (_scan_start(trie, classes, space) if scan else _emit(trie, classes, space)) + ")"


def _emit(node: dict, classes: dict[str, str], space: str, depth: int = 0) -> str:
    keys = _commonest_first(node, depth, classes)
    run = _letter_run(keys, classes) if depth == 0 else None
    if run is not None and run[1] - run[0] > FIRST_LEVEL_OWN + 1:
        # the first level's rarer letters behind one look-ahead for them (``_rarer_behind_look_ahead``)
        lo, hi = run
        top = lo + FIRST_LEVEL_OWN
        branches = [_branch(k, node, classes, space, depth) for k in keys[:top]] \
            + [_rarer_behind_look_ahead(keys[top:hi], keys[lo:top], node, classes, space)] \
            + [_branch(k, node, classes, space, depth) for k in keys[hi:]]
    else:
        branches = [_branch(k, node, classes, space, depth) for k in keys]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


FIRST_LEVEL_OWN = 5      # the commonest first letters of a trie that keep a branch of their own before the look-ahead


def _rarer_behind_look_ahead(letters: list[str], own: list[str], node: dict, classes: dict[str, str],
                             space: str) -> str:
    """The branches of ``letters`` (base letters, the rarer of a trie's first level) as one branch:
    a look-ahead for a letter of any class but those of ``own`` (the letters before them), then
    their branches. ``re`` tests the branches of an alternation in turn, and where a word is none of
    the phrases (most words a scan enters at) it tested the class of every first letter, a call
    each; behind the look-ahead, those of the rarer letters are tested only where it holds. The same
    matches: a character outside it is in none of their classes, and fails the first class of each
    of those branches anyway. (Its class depends only on ``own``, so that the patterns share it and
    ``re`` builds it once: ``_share_compiled_classes``.)"""
    return f"(?={_letters_but(tuple(own))})(?:" + "|".join(_branch(k, node, classes, space, 0) for k in letters) + ")"


@functools.lru_cache(maxsize=256)
def _letters_but(own: tuple[str, ...]) -> str:
    """A class of the letters of every base letter's class but those of ``own``."""
    groups = _letter_groups()
    return _char_class(set().union(*(chars for b, chars in groups.items() if b not in own)))


def _letter_run(keys: list[str], classes: dict[str, str]) -> tuple[int, int] | None:
    """Where in ``keys`` the base letters (those with a class of ``classes``) stand together, as
    (start, end); None where there are none or other keys stand among them."""
    at = [i for i, k in enumerate(keys) if k in classes]
    if not at or at[-1] - at[0] + 1 != len(at):
        return None
    return at[0], at[-1] + 1


def _branch(key: str, node: dict, classes: dict[str, str], space: str, depth: int) -> str:
    """The branch of ``node``'s child ``key``: its class, then its own branches."""
    return (space if key == " " else classes.get(key, re.escape(key))) + _emit(node[key], classes, space, depth + 1)


# The base letters from the commonest to the rarest in the corpus's texts: at the start of a word
# (a trie's first level) and anywhere (its later levels). ``re`` tests the branches of an
# alternation in turn, each one's first class against the character at hand, and enters the
# first that holds it: in alphabetical order it tests a dozen classes before the "t" that opens
# most Vietnamese words. Only the order of the attempts changes (``_commonest_first``).
WORD_INITIAL_LETTERS = "tcdnhvbkqslpumgxaoiryfewjz"
LETTERS_BY_FREQUENCY = "nahtioucegdrvympbslqkxwfzj"
_INITIAL_RANK = {ch: i for i, ch in enumerate(WORD_INITIAL_LETTERS)}
_LETTER_RANK = {ch: i for i, ch in enumerate(LETTERS_BY_FREQUENCY)}


def _commonest_first(node: dict, depth: int, classes: dict[str, str]) -> list[str]:
    """The keys of a trie ``node`` of ``alternation`` (sorted, as it wrote them before), those that
    are base letters (a class of ``classes`` each) in the order of their frequency
    (``WORD_INITIAL_LETTERS`` at ``depth`` 0, ``LETTERS_BY_FREQUENCY`` below). The classes of two
    base letters share no character, so at a position at most one of their branches gets past its
    first class: their order changes no match. The other keys (a space, which may match nothing
    before a letter; a digit; a mark; a number's slot, which may open with a letter) keep their
    places: the letters are reordered only where they stand together, every other key staying
    before them or after them, as it stood."""
    keys = sorted(k for k in node if k)
    run = _letter_run(keys, classes) if len(keys) > 1 else None
    if run is None:
        return keys
    rank = _INITIAL_RANK if depth == 0 else _LETTER_RANK
    lo, hi = run
    return keys[:lo] + sorted(keys[lo:hi], key=rank.__getitem__) + keys[hi:]


# the letters a word opens with in running text, in lower case (and in capitals): each opens a branch
# of its own in a scan's first level (``_scan_start``), a base letter's other forms the rest; a base
# letter that is not named here, itself
_SCAN_LETTERS = {"d": ("d", "đ")}


def _scan_start(trie: dict, classes: dict[str, str], space: str) -> str:
    """The first level of ``alternation``'s trie for a scan of whole texts: a branch for each letter
    of ``_SCAN_LETTERS`` (a base letter itself, "đ" for "d"), in lower case and in capitals, that
    opens with that letter, then one for every other letter of the classes, behind a look-ahead for
    them, with the branches ``_emit`` writes. ``re`` enters the pattern wherever a word starts with one of the
    phrases' first letters, and most of those words are none of the phrases: there it tested every
    branch's class in turn (a call each); a branch that opens with a letter it tests in place, and
    the look-ahead once. The same matches: the letters of one branch and another are distinct (a
    letter of the look-ahead is none of the first letters before it, and the classes of two base
    letters share none), so at a position at most one of the branches of letters gets past its
    first character, and that one matches what the branch of its base letter matched; the other
    keys keep their places (``_commonest_first``). ``_emit`` where the trie holds the empty phrase
    or its letters do not stand together."""
    keys = _commonest_first(trie, 0, classes)
    run = _letter_run(keys, classes)
    if "" in trie or run is None:
        return _emit(trie, classes, space)
    lo, hi = run
    letters = keys[lo:hi]
    groups = _letter_groups()
    plain = [[*lower, *(ch.upper() for ch in lower)] for lower in (_SCAN_LETTERS.get(k, (k,)) for k in letters)]
    rest = set().union(*(groups[k] for k in letters)) - {ch for chars in plain for ch in chars}
    subs = {k: _emit(trie[k], classes, space, 1) for k in letters}
    fast = [re.escape(ch) + subs[k] for k, chars in zip(letters, plain) for ch in chars]
    others = "|".join(classes[k] + subs[k] for k in letters)
    return "(?:" + "|".join([_branch(k, trie, classes, space, 0) for k in keys[:lo]] + fast
                            + [f"(?={_char_class(rest)})(?:{others})"]
                            + [_branch(k, trie, classes, space, 0) for k in keys[hi:]]) + ")"


def literal_trie(phrases: Sequence[str]) -> str:
    """The regex ``"|".join(map(re.escape, phrases sorted longest first))`` matches (the phrases as
    written, anywhere, the longest where several match at a position), written as a trie: ``re``
    tried every phrase that opens with the character at hand in turn, the trie tests one character
    a level. The same matches: the phrases that match at a position lie on one path of the trie,
    whose greedy optional tails take the longest, as the longest-first alternation does (two phrases
    of one length that match at one position are the same phrase)."""
    trie: dict = {}
    for p in _nonempty(phrases):
        node = trie
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = {}
    if "" in trie:
        return "(?:" + "|".join(map(re.escape, sorted(phrases, key=len, reverse=True))) + ")"
    return "(?:" + _emit_literal(trie) + ")"


def _emit_literal(node: dict) -> str:
    branches = [re.escape(k) + _emit_literal(sub) for k, sub in sorted(node.items()) if k]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def exact_alternation(phrases) -> str:
    """A regex matching any of ``phrases`` as whole words, case ignored but diacritics kept:
    short Vietnamese words differ only by them ("cần" / "cán", "Sở" / "số"), where folding
    would confuse them. Longest phrase first; spaces match any run of whitespace."""
    alts = sorted({p.casefold() for p in phrases}, key=len, reverse=True)
    return r"(?i:(?<!\w)(?:" + "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts) + r")(?!\w))"


def exact_trie(phrases) -> str:
    """The regex ``fold.exact_alternation(phrases)`` matches (whole words, case ignored, diacritics
    kept, spaces matching any run of whitespace, the longest phrase where several match), written
    as a trie: ``re`` tries every alternative of an alternation in turn at each word, so a list of a
    hundred verbs scans at 2 MB/s; the trie tests one letter a level (3-4 times as fast, measured).
    Same matches at every position (tests/test_exact_trie.py): the phrases that match at a position
    lie on one path of the trie, and its greedy optional tails take the longest followed by no
    letter, as the longest-first alternation does. The start of a word is written ``\\b`` where every
    phrase opens with a word character (``word_start``)."""
    trie: dict = {}
    for p in {p.casefold() for p in phrases}:
        node = trie
        for ch in p:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie or "" in trie:
        return exact_alternation(phrases)
    opens_word = all(_word_characters(_case_partners(k)) for k in trie)
    return r"(?:" + (r"\b" if opens_word else r"(?<!\w)") + "(?:" + _emit_exact(trie) + r")(?!\w))"


# the letters whose case partners are computed here: Latin (Vietnamese among them) and the
# Letterlike Symbols that fold into it (the Kelvin sign "K" matches "k" when case is ignored);
# tests/test_fast_scan.py checks over every code point that no other character matches one of them
_CASED_RANGES = ((0x0000, 0x0250), (0x1E00, 0x1F00), (0x2100, 0x2150))
_CASE_CANDIDATES = "".join(chr(cp) for lo, hi in _CASED_RANGES for cp in range(lo, hi))


@functools.lru_cache(maxsize=4096)
def case_class(ch: str) -> str:
    """Regex source matching, case-sensitively, exactly the characters that ``ch`` matches when
    case is ignored (``(?i)``): "k" -> "[KkK]", "ư" -> "[Ưư]", "-" -> "\\-". Written out so that
    ``re`` can test a branch's first letter without entering it and find the letters a pattern
    starts with (it does neither when case is ignored). A character outside the ranges computed
    here keeps ``(?i:…)``."""
    same = _case_partners(ch)
    if same is None:
        return f"(?i:{re.escape(ch)})"
    return re.escape(ch) if same == [ch] else _char_class(same)


@functools.lru_cache(maxsize=4096)
def _case_partners(ch: str) -> list[str] | None:
    """The characters ``ch`` matches when case is ignored, those ``case_class`` writes out; None for a
    character outside the ranges computed here."""
    if not any(lo <= ord(ch) < hi for lo, hi in _CASED_RANGES):
        return None
    return re.compile("(?i)" + re.escape(ch)).findall(_CASE_CANDIDATES)


def _emit_exact(node: dict, first: bool = True) -> str:
    keys = sorted(k for k in node if k)
    branches = [(r"\s+" if k == " " else case_class(k)) + _emit_exact(node[k], False) for k in keys]
    run = _exact_letter_run(keys) if first and len(keys) > FIRST_LEVEL_OWN + 1 else None
    if run is not None and run[1] - run[0] > FIRST_LEVEL_OWN + 1:
        # as ``alternation``'s first level: the commonest letters first, the rarer behind one look-ahead
        # for any character but those before it (a class the tries share: ``re`` builds each distinct
        # class once, ``_share_compiled_classes``)
        lo, hi = run
        letters = sorted(range(lo, hi), key=lambda i: _INITIAL_RANK[base_letter(keys[i])])
        own, rarer = letters[:FIRST_LEVEL_OWN], letters[FIRST_LEVEL_OWN:]
        behind = "[^" + _char_class({ch for i in own for ch in _case_partners(keys[i])})[1:]
        branches = branches[:lo] + [branches[i] for i in own] \
            + [f"(?={behind})(?:" + "|".join(branches[i] for i in rarer) + ")"] + branches[hi:]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _exact_letter_run(keys: list[str]) -> tuple[int, int] | None:
    """Where in ``keys`` (a node of ``exact_trie``, sorted) the letters written out by ``case_class``
    (Latin ones: a base letter a-z) stand together, as (start, end), their classes sharing no
    character: at a position at most one of their branches gets past its first class, so their
    order changes no match. None where they do not."""
    at = [i for i, k in enumerate(keys) if k.isalpha() and _case_partners(k) is not None and "a" <= base_letter(k) <= "z"]
    if len(at) < 2 or at[-1] - at[0] + 1 != len(at):
        return None
    seen: set[str] = set()
    for i in at:
        chars = set(_case_partners(keys[i]))
        if chars & seen:
            return None
        seen |= chars
    return at[0], at[-1] + 1


# done on import: every module that builds tolerant patterns imports this one first
SHARED_CLASSES = _share_compiled_classes()
FIRST_LETTERS = _scan_first_letters()


def written_one_of(phrases: Sequence[str], bare: bool = True) -> str:
    """``one_of`` for the phrases of several syllables (told apart without their diacritics); a
    phrase of one syllable as written, or (``bare``) with no diacritics at all (a line typed without
    them), never with other marks: one syllable differs from another by its marks alone ("mọi" /
    "mới", "ký" / "kỳ", "cần" / "Căn"). Without ``bare`` for words whose bare form is a common word
    too ("đó" / "do")."""
    multi = [p for p in phrases if len(p.split()) > 1]
    single = [p for p in phrases if len(p.split()) == 1]
    written = single + [strip_marks(p) for p in single] if bare else single
    parts = ([one_of(multi)] if multi else []) + ([exact_trie(written)] if single else [])
    if not parts:
        raise ValueError("an empty word list cannot be matched")
    return "(?:" + "|".join(parts) + ")"


def by_marks(phrases: Sequence[str], unmarked: bool, bare: bool = True) -> str:
    """``phrases`` for a text typed without diacritics (``unmarked``: ``one_of``, all folded) or with
    them (``written_one_of``: a one-syllable phrase as written, or with ``bare`` with none at all)."""
    return one_of(phrases) if unmarked else written_one_of(phrases, bare)



# The Latin letters (Vietnamese ones included), in capitals and in lower case, as the contents of a
# character class: "[A-ZĐ][a-zà-ỹđ]" would take "Ề" (U+1EC0, inside "à-ỹ") for a lower-case letter.
_LATIN = [chr(c) for c in range(0x41, 0x1EFA) if chr(c).isalpha() and unicodedata.name(chr(c), "").startswith("LATIN")]
UPPER_LETTERS = "".join(ch for ch in _LATIN if ch.isupper())
LOWER_LETTERS = "".join(ch for ch in _LATIN if ch.islower())
