"""Reading speed, round 7 (issue 20, README "Reading speed"): each shortcut against the computation it
replaced, kept here as a reference copy of the earlier code, on ../shared/corpus (when it is here) and
on invented and random texts (CRLF, byte-order marks, TCVN3, combining marks, wrapped lines, invisible
characters, blanks at line ends, indentation).
"""
from __future__ import annotations

import random
import unicodedata
from pathlib import Path

from vankien.loaders import clean

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"

# pieces of invented text, written for these tests (the Vietnamese ones are built from letters, so that
# this file holds no Vietnamese words: see _vi)
_TCVN3_SIGNS = "\u00b8\u00b5\u00a8\u00ae\u00ab\u00d6\u00f1\u00e7\u00de\u00b6"


def _vi(words: int, rng: random.Random) -> str:
    """Random syllables of Vietnamese letters, some capitalised."""
    onsets = ["b", "c", "ch", "d", "\u0111", "g", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "t", "th",
              "tr", "v", "x"]
    vowels = ["a", "\u00e1", "\u1ea3", "\u0103", "\u1eaf", "\u00e2", "\u1ea5", "\u00ea", "\u1ebf", "\u1ec7",
              "i", "\u00ed", "o", "\u00f4", "\u1ed1", "\u01a1", "\u1edb", "u", "\u01b0", "\u1ee9", "y"]
    codas = ["", "", "c", "m", "n", "ng", "nh", "t", "p"]
    out = []
    for _ in range(words):
        w = rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
        out.append(w.capitalize() if rng.random() < 0.15 else w)
    return " ".join(out)


def corpus_texts() -> list[str]:
    files = sorted((CORPUS / "seeds").glob("*.txt")) + sorted((CORPUS / "dev").glob("*.txt"))
    return [f.read_bytes().decode("utf-8", errors="replace") for f in files]


def invented_texts(count: int, seed: int) -> list[str]:
    """Texts of random lines: wrapped prose, short lines, blanks at line ends, indentation, tabs, CRLF,
    invisible and look-alike characters, TCVN3 signs, combining marks, glued words, surrogates."""
    rng = random.Random(seed)
    odd = ["\u00a0", "\u2007", "\u202f", "\u2010", "\u2011", "\u00ad", "\u200b", "\u200c", "\u200d", "\u2060",
           "\ufeff", "\u00d0", "\u00f0", "\u0189", "\u0301", "\u0300", "\u0323", "\u0309", "\ud800", "\udfff",
           "\x0b", "\x0c", "\u3000", "\u2003", *_TCVN3_SIGNS, "\t", " ", "  ", "\r", "\r\n"]
    texts = []
    for _ in range(count):
        width = rng.choice([60, 72, 80, 100, 200])
        lines = []
        for _ in range(rng.randint(0, 30)):
            kind = rng.random()
            if kind < 0.5:
                line = _vi(rng.randint(8, 25), rng)[:width]
            elif kind < 0.6:
                line = ""
            elif kind < 0.7:
                line = rng.choice(["1. ", "- ", "a) ", "II. "]) + _vi(rng.randint(2, 8), rng)
            elif kind < 0.8:
                line = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod " * rng.randint(0, 2)
            else:
                line = _vi(rng.randint(1, 6), rng).upper()
            for _ in range(rng.choice([0, 0, 0, 1, 3])):
                at = rng.randint(0, len(line))
                line = line[:at] + rng.choice(odd) + line[at:]
            line = rng.choice(["", "", "", " ", "    ", "\t", " \t"]) + line + rng.choice(["", "", "", " ", "\t ", "  "])
            lines.append(line)
        sep = rng.choice(["\n", "\n", "\n", "\r\n", "\n\n"])
        texts.append(sep.join(lines) + rng.choice(["", "\n", "  ", "\n  "]))
    return texts


def random_texts(count: int, seed: int) -> list[str]:
    """Short texts of any of a few characters: every combination of blanks, breaks and marks."""
    rng = random.Random(seed)
    alphabet = (list("aAbB\u0111\u0110yQ \t\n\n\r\x0b.,-1") + ["\u1ebf", "\u1ed9", "\u01b0", "\u00e1", "\u00ea",
                "\u0301", "\u0323", "\u00a0", "\u00ad", "\u200b", "\ufeff", "\u00d0", "\ud800", "\u3000",
                *_TCVN3_SIGNS, "    ", "\r\n", "  \n", "\t\n"])
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(count)]


def all_texts() -> list[str]:
    return corpus_texts() + invented_texts(1500, 71) + random_texts(4000, 72)


def as_tuples(result):
    text, warnings = result
    return text, [(w.code, w.message, w.start, w.end) for w in warnings]


def full(text: str):
    """normalize_reporting with nothing remembered: every step computed."""
    clean._FIXED = ()
    return as_tuples(clean.normalize_reporting(text))


# --- a text normalisation changed only in its first steps is its own normal form


def test_a_text_remembered_is_its_own_normal_form():
    """What normalisation remembers (now also a text whose only changes were blanks at line ends and
    shared indentation) is what normalising it again in full gives, text and warnings."""
    remembered = 0
    for text in all_texts():
        once = full(text)
        if any(known is not None and known == once[0] for known, _ in clean._FIXED):
            remembered += once[0] != text.replace("\r\n", "\n").replace("\r", "\n")     # the new case
            warned = [(w.code, w.message, w.start, w.end) for w in clean._FIXED[0][1]]
            assert warned == once[1]
            assert full(once[0]) == once, repr(text)
    assert remembered > 100


def test_the_first_steps_leave_their_own_result_as_it_is():
    for text in all_texts():
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        first = clean.dedent_lines(clean.strip_line_ends(text))
        assert clean.dedent_lines(clean.strip_line_ends(first)) == first, repr(text)


def test_normalising_twice_is_the_step_by_step_computation_twice():
    """The record normalises the decoder's text again: the same as computing both in full."""
    for text in all_texts()[:3000]:
        clean._FIXED = ()
        once = clean.normalize_reporting(text)
        again = clean.normalize_reporting(once[0])
        assert as_tuples(again) == full(full(text)[0]), repr(text)


# --- blanks at line ends taken out line by line


def test_blanks_at_line_ends_go_as_the_regular_expression_took_them():
    extra = ["a \n", " \n", "\t\n\t\n", "a\n ", "a \t \nb  ", "\n\n  \n", "x\u00a0\n", "x \u3000 \n", "a\x0b \n"]
    for text in extra + all_texts():
        text = text.replace("\r", "\n")
        assert clean.strip_line_ends(text) == clean._LINE_END_BLANKS_RE.sub("", text), repr(text)


# --- the TCVN3 repair looks at lines only where one holds enough signs


def _repair_tcvn3_3cc8765(text: str) -> tuple[str, int]:
    """loaders/legacy.py's repair_tcvn3 as it was at 3cc8765 (the reference)."""
    from vankien.loaders.legacy import _table
    t = _table()
    if not t.sign_re.search(text):
        return text, 0
    lines = text.split("\n")
    converted = 0
    for i, line in enumerate(lines):
        signs = sum(1 for c in line if c in t.signs)
        if signs < t.min_signs:
            continue
        letters = sum(1 for c in line if c.isalpha())
        if letters and signs / letters >= t.min_share:
            lines[i] = line.translate(t.to_unicode)
            converted += 1
    return ("\n".join(lines), converted) if converted else (text, 0)


def tcvn3_texts(count: int, seed: int) -> list[str]:
    """Lines of Vietnamese letters with TCVN3 signs strewn at random, a few to many a line."""
    from vankien.loaders.legacy import _table
    signs = sorted(_table().signs)
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        lines = []
        for _ in range(rng.randint(1, 8)):
            line = list(_vi(rng.randint(0, 30), rng))
            for _ in range(rng.choice([0, 1, 2, 3, 4, 8, 40])):
                line.insert(rng.randint(0, len(line)), rng.choice(signs))
            lines.append("".join(line))
        texts.append("\n".join(lines))
    return texts


def test_the_tcvn3_repair_is_the_earlier_one():
    from vankien.loaders.legacy import _table, repair_tcvn3
    signs = "".join(sorted(_table().signs))
    extra = ["", "\n", signs, signs[:2], signs[:2] + "\n" + signs[:2], signs[:3], "\n" + signs[:3] + "\n",
             signs[:2] + "\n" + signs[:1], "ab\n" * 3 + signs[:3], signs[:1] + "\n\n" + signs[1:3]]
    converted = 0
    for text in extra + all_texts() + tcvn3_texts(3000, 73):
        got = repair_tcvn3(text)
        assert got == _repair_tcvn3_3cc8765(text), repr(text)
        converted += got[1] > 0
    assert converted > 500


# --- unwrapping: a text that is not wrapped is not looked at again without its blank lines


def _unwrap_lines_3cc8765(text: str) -> tuple[str, int]:
    """loaders/clean.py's unwrap_lines as it was at 3cc8765 (the reference), its two functions in one."""
    def once(text):
        if len(text) > 2 * clean.WRAP_MAX_WIDTH * (text.count("\n") + 1):
            return text, 0
        lines = text.split("\n")
        lengths = [len(line.rstrip()) for line in lines]
        long = sorted(n for n in lengths if n >= clean.WRAP_MIN_LINE)
        if len(long) < 5:
            return text, 0
        width = long[int(len(long) * 0.9) - 1]
        if not clean.WRAP_MIN_WIDTH <= width <= clean.WRAP_MAX_WIDTH or sum(
                1 for n in long if n >= width - clean.WRAP_SLACK) < clean.WRAP_SHARE * len(long):
            return text, 0
        # the joining itself is unchanged: the current loop, given what the test above found
        return clean._unwrap_lines(text, lines, width)

    out, joined = once(text)
    if joined or text.count("\n\n") * 2 < clean.DOUBLE_SPACED_SHARE * text.count("\n"):
        return out, joined
    pairs = len(clean._DOUBLE_RE.findall(text))
    if pairs < clean.DOUBLE_SPACED_SHARE * (len(clean._LINE_RE.findall(text)) - 1):
        return out, joined
    single, joined = once(clean._DOUBLE_RE.sub("\n", text))
    return (single, joined) if joined else (text, 0)


def wrapped_texts(count: int, seed: int) -> list[str]:
    """Prose wrapped at a width, some of it double-spaced (a blank line after each line), with
    paragraphs, short lines and long ones among them."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        width = rng.choice([45, 55, 60, 72, 80, 100, 120, 130])
        prose = _vi(rng.randint(20, 300), rng)
        lines, line = [], ""
        for word in prose.split(" "):
            if len(line) + len(word) + 1 > width:
                lines.append(line)
                line = ""
            line = (line + " " + word).strip()
            if rng.random() < 0.02:
                lines += [line + ".", ""] if rng.random() < 0.5 else [line + "."]
                line = ""
        lines.append(line)
        if rng.random() < 0.2:
            lines.insert(rng.randint(0, len(lines)), "x" * rng.randint(100, 400))
        sep = "\n\n" if rng.random() < 0.4 else "\n"
        texts.append(sep.join(lines) + rng.choice(["", "\n"]))
    return texts


def test_unwrapping_is_the_earlier_computation():
    joined = double = 0
    for text in all_texts() + wrapped_texts(1500, 74):
        text = clean.strip_line_ends(text.replace("\r", "\n"))
        got = clean.unwrap_lines(text)
        assert got == _unwrap_lines_3cc8765(text), repr(text)
        joined += got[1] > 0
        double += got[1] > 0 and "\n\n" in text
    assert joined > 300 and double > 100


# --- a file its folder's listing gave as a regular file: opened without a stat first


def _load_3cc8765(item, max_bytes: int):
    """loaders/readers/paths.py's load as it was at 3cc8765 (the reference; Path.open is open)."""
    import os
    import stat
    from vankien.loaders.readers import warning_codes as codes
    from vankien.loaders.readers.paths import READ_CHUNK, _reason, _too_large
    from vankien.loaders.readers.records import failure, human_size
    try:
        info = os.stat(item.location)
        if not stat.S_ISREG(info.st_mode):
            return failure(item.source, codes.UNREADABLE, "not a regular file (a device, pipe or socket?)")
        if info.st_size > max_bytes:
            return _too_large(item.source, human_size(info.st_size), max_bytes)
        with open(item.location, "rb", buffering=0) as handle:
            limit = max_bytes + 1
            parts = [handle.read(min(info.st_size + 1, limit))]
            got = len(parts[0])
            while got < limit:
                more = handle.read(min(limit - got, READ_CHUNK))
                if not more:
                    break
                parts.append(more)
                got += len(more)
            data = b"".join(parts)
    except FileNotFoundError:
        return failure(item.source, codes.NOT_FOUND, "not found: no such file (a broken link?)")
    except OSError as exc:
        return failure(item.source, codes.UNREADABLE, f"cannot read the file: {_reason(exc)}")
    if len(data) > max_bytes:
        return _too_large(item.source, f"more than {human_size(max_bytes)}", max_bytes)
    return data


def _same_load(got, expected) -> bool:
    if isinstance(expected, bytes):
        return got == expected
    return (not isinstance(got, bytes) and got.source == expected.source and got.text is None
            and [w.to_dict() for w in got.warnings] == [w.to_dict() for w in expected.warnings])


def test_a_listed_file_is_loaded_as_before(tmp_path):
    import os
    from vankien.loaders.readers.paths import Input, iter_inputs, load
    folder = tmp_path / "texts"
    folder.mkdir()
    sizes = [0, 1, 99, 100, 101, 4095, 4096, 70_000, 200_000]
    for size in sizes:
        (folder / f"f{size}.txt").write_bytes(bytes(random.Random(size).randrange(256) for _ in range(size)))
    (folder / "link.txt").symlink_to(folder / "f99.txt")
    os.mkfifo(folder / "pipe.txt")
    items = [i for i in iter_inputs([folder]) if isinstance(i, Input)]
    assert {i.regular for i in items} == {True, False}
    assert not [i for i in items if i.regular and i.source.endswith(("link.txt", "pipe.txt"))]
    for item in items:
        for max_bytes in (0, 99, 100, 4096, 199_999, 200_000, 25 << 20):
            assert _same_load(load(item, max_bytes), _load_3cc8765(item, max_bytes)), (item, max_bytes)
    gone = next(i for i in items if i.source.endswith("f100.txt"))
    os.remove(gone.location)            # listed, then removed before it is read
    assert _same_load(load(gone, 1000), _load_3cc8765(gone, 1000))
    assert load(gone, 1000).warnings[0].code == "not_found"
    same_place = Input(gone.source, gone.location, True)
    (folder / "f100.txt").mkdir()       # a folder where the listing saw a file
    assert _same_load(load(same_place, 1000), _load_3cc8765(same_place, 1000))


def test_the_records_of_a_folder_are_those_of_its_files_named_one_by_one(tmp_path):
    """Files walked (read without a stat first) and named explicitly (stat first) give the same records."""
    from vankien.loaders.readers import read_paths
    texts = corpus_texts()[:40] + invented_texts(60, 75)
    for i, text in enumerate(texts):
        encoding = ["utf-8", "utf-16", "utf-8-sig", "cp1258"][i % 4]
        (tmp_path / f"{i:03d}.txt").write_bytes(text.encode(encoding, errors="replace"))
    walked = [dataclass_dict(r) for r in read_paths([tmp_path])]
    named = [dataclass_dict(r) for r in read_paths(sorted(str(p) for p in tmp_path.iterdir()))]
    assert walked == named and len(walked) == len(texts)


def dataclass_dict(record) -> dict:
    import dataclasses
    return dataclasses.asdict(record)


# --- a folder's manifests as the walk's listing found them


def test_the_walk_s_manifests_are_those_url_for_finds(tmp_path):
    from vankien.loaders.readers import read_paths
    from vankien.loaders.readers.manifest import url_for
    from vankien.loaders.readers.paths import Input, iter_inputs
    (tmp_path / "none").mkdir()
    (tmp_path / "none" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "tsv").mkdir()
    (tmp_path / "tsv" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "tsv" / "b.txt").write_text("x", encoding="utf-8")
    (tmp_path / "tsv" / "SOURCES.tsv").write_text("file\turl\na.txt\thttps://example.org/a\n", encoding="utf-8")
    (tmp_path / "tsv" / "urls.csv").write_text("name,link\nb.txt,https://example.org/b\na.txt,https://x.org/\n",
                                               encoding="utf-8")
    (tmp_path / "two").mkdir()
    (tmp_path / "two" / "c.txt").write_text("x", encoding="utf-8")
    (tmp_path / "two" / "manifest.csv").mkdir()                     # a folder with a manifest's name
    (tmp_path / "two" / "urls.tsv").symlink_to(tmp_path / "tsv" / "SOURCES.tsv")
    (tmp_path / "two" / "MANIFEST.TSV").write_text("path\taddress\nc.txt\thttps://example.org/c\n", encoding="utf-8")
    items = [i for i in iter_inputs([tmp_path]) if isinstance(i, Input)]
    assert len(items) == 4 and all(i.manifests is not None for i in items)
    assert [len(i.manifests) for i in items] == [0, 2, 2, 2]
    for item in items:
        assert url_for(item.location, item.manifests) == url_for(item.location), item
    assert [r.url for r in read_paths([tmp_path])] == [None, "https://example.org/a", "https://example.org/b",
                                                        "https://example.org/c"]


# --- a sample's parts counted with each step done once for all of them


def test_a_sample_s_parts_are_counted_as_each_alone():
    from vankien.loaders.readers import vietnamese as vi
    rng = random.Random(76)
    texts = all_texts()[:3000] + ["", " ", "a", "\u1ebf", "|", "a|b", " \u0111 ", "x\x00y", "\x00"]
    for _ in range(6000):
        parts = [rng.choice(texts)[:rng.randint(0, 200)] for _ in range(rng.randint(1, 6))]
        assert vi._part_counts(parts) == [vi._counts(p) for p in parts], parts
    for text in corpus_texts():
        parts = vi.language_sample(text)
        if parts:
            assert vi._part_counts(parts) == [vi._counts(p) for p in parts]


# --- one scan also tells a text made only of characters NFC leaves as they are


def _anything_to_do_3cc8765(text: str) -> tuple[bool, bool]:
    """loaders/clean.py's _anything_to_do as it was at 3cc8765 (the reference)."""
    import re
    to_do = clean._to_do_class()
    first = re.search(f"[{to_do}{clean._UPPER}](?:(?<=[{to_do}])|(?<=[{clean._LOWER}].)(?=[{clean._LOWER}]))", text)
    if first is None:
        return False, False
    if clean._anything_to_do_re().match(text, first.start()) is not None:
        return True, True
    return clean._anything_to_do_re().search(text, first.end()) is not None, True


def _pair_seconds() -> set[int]:
    """The second characters of every canonical decomposition into two (the pairs NFC composes)."""
    seconds = set()
    for code in range(0x110000):
        mapping = unicodedata.decomposition(chr(code))
        if mapping and not mapping.startswith("<") and len(mapping.split()) == 2:
            seconds.add(int(mapping.split()[1], 16))
    return seconds


def test_the_nfc_stable_characters_are_so_for_unicodedata():
    seconds = _pair_seconds()
    for first, last in clean.NFC_STABLE_RANGES:
        for code in range(first, last + 1):
            char = chr(code)
            assert unicodedata.combining(char) == 0, hex(code)
            assert unicodedata.normalize("NFC", char) == char, hex(code)
            assert code not in seconds and not 0x1100 <= code <= 0x11FF, hex(code)


def stable_texts(count: int, seed: int) -> list[str]:
    """Random texts of characters of NFC_STABLE_RANGES, with now and then one from outside them."""
    rng = random.Random(seed)
    stable = [chr(c) for first, last in clean.NFC_STABLE_RANGES for c in range(first, last + 1)]
    other = ["\u0301", "\u0300", "\u0323", "\u0309", "\u0303", "\u0302", "\u0306", "\u031b", "\u1161", "\u11a8",
             "\u2126", "\u212b", "\u2000", "\u0340", "\u0374", "\u0958", "\uf900", "\u0b3e", "\u3099", "\ud800",
             "\U0001d15e", "\U0001f600", "\u00d0", "\u00ad", "\u200b"]
    texts = []
    for _ in range(count):
        chars = [rng.choice(stable) for _ in range(rng.randint(0, 40))]
        for _ in range(rng.choice([0, 0, 1, 2])):
            chars.insert(rng.randint(0, len(chars)), rng.choice(other))
        texts.append("".join(chars))
    return texts


def test_one_scan_says_what_three_did():
    known_nfc = 0
    for text in all_texts() + stable_texts(20000, 77):
        to_do, glued_maybe, in_nfc = clean._scan(text)
        old_to_do, old_glued_maybe = _anything_to_do_3cc8765(text)
        assert to_do == old_to_do, repr(text)
        # "may find one" where the earlier scan said so, and where a character outside the stable ones
        # stopped the scan first (split_glued then looks: the same output, a little more work)
        assert glued_maybe or not old_glued_maybe, repr(text)
        assert glued_maybe or clean._GLUED_RE.search(text) is None, repr(text)
        if in_nfc:
            known_nfc += 1
            assert unicodedata.is_normalized("NFC", text), repr(text)
            assert clean._anything_to_do_re().search(text) is None and clean._GLUED_RE.search(text) is None
    assert known_nfc > 5000
