#!/usr/bin/env python3
"""Extraction quality on the corpus rewritten in the forms real texts come in.

    python benchmarks/robustness.py [CORPUS_DIR] [--only NAME ...] [--json]

Each rewriting changes only the form of every text of seeds/ and dev/, never its words or the hand
annotations, which are shared: what a row loses against "as it is" is what extraction loses on
texts in that form. The rewritten corpora are written to a temporary folder (with the corpus's
gold/, its dev/SOURCES.tsv manifest and its scorer linked), scored by ``benchmarks/quality.py``'s
``evaluate`` part by part; the table gives all texts and, in brackets, the held-out part.

- ``stripped``: every diacritic taken out (a text typed without them; the gold organisation names
  stripped too, the scorer comparing names as written);
- ``joined``: the lines of each paragraph run into one (a page that lost its line breaks);
- ``wrapped-80`` / ``-70`` / ``-65`` / ``-60``: lines wrapped at that width (a PDF's text layer, an e-mail);
- ``double-spaced``: a blank line after every line;
- ``indented``: every line indented by four spaces; ``line-end blanks``: three spaces after every
  line; ``crlf``: Windows line breaks; ``nbsp``: a third of the spaces no-break spaces (fixed seed);
  ``page numbers``: a page number on a line of its own every 30 lines; ``old-style tones``: the tone
  mark of "oa", "oe", "uy" on the second vowel ("Hoà", "uỷ"); ``single line breaks``: no blank line
  between paragraphs.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import tempfile
import textwrap
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from quality import DEFAULT_CORPUS, evaluate, scorer_path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vankien.loaders.fold import strip_marks  # noqa: E402

SEED = 7


def _joined(text: str) -> str:
    return "\n\n".join(" ".join(p.split("\n")) for p in text.split("\n\n"))


def _wrapped(width: int):
    def rewrite(text: str) -> str:
        out = []
        for line in text.split("\n"):
            out += [line] if len(line) <= width else textwrap.wrap(line, width, break_on_hyphens=False,
                                                                    break_long_words=False)
        return "\n".join(out)
    return rewrite


def _nbsp(text: str) -> str:
    rng = random.Random(SEED)
    return "".join("\u00a0" if c == " " and rng.random() < 0.3 else c for c in text)


_TONES = "\u0300\u0301\u0309\u0303\u0323"       # grave, acute, hook, tilde, dot below
_NEW_STYLE_RE = re.compile("(?:([òóỏõọÒÓỎÕỌ])([aeAE])|([ùúủũụÙÚỦŨỤ])([yY]))(?!\\w)")


def _old_style_tones(text: str) -> str:
    """The tone mark of "oa", "oe", "uy" on the second vowel, as the older spelling puts it ("Hòa" →
    "Hoà", "ủy" → "uỷ"); the corpus writes both."""
    def move(m: re.Match) -> str:
        vowel, second = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        first = unicodedata.normalize("NFD", vowel)
        tone = next(c for c in first if c in _TONES)
        return (unicodedata.normalize("NFC", first.replace(tone, ""))
                + unicodedata.normalize("NFC", second + tone))
    return _NEW_STYLE_RE.sub(move, text)


def _page_numbers(text: str) -> str:
    lines, out = text.split("\n"), []
    for i, line in enumerate(lines, 1):
        out.append(line)
        if i % 30 == 0:
            out.append(f"\n{i // 30 + 1}\n")
    return "\n".join(out)


REWRITINGS = {
    "as it is": lambda t: t,
    "stripped": strip_marks,
    "joined": _joined,
    "wrapped-80": _wrapped(80),
    "wrapped-65": _wrapped(65),
    "wrapped-70": _wrapped(70),
    "wrapped-60": _wrapped(60),
    "double-spaced": lambda t: t.replace("\n", "\n\n"),
    "indented": lambda t: "\n".join("    " + line if line.strip() else line for line in t.split("\n")),
    "line-end blanks": lambda t: "\n".join(line + "   " if line.strip() else line for line in t.split("\n")),
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "nbsp": _nbsp,
    "page numbers": _page_numbers,
    "old-style tones": _old_style_tones,
    "single line breaks": lambda t: re.sub(r"\n\s*\n", "\n", t),
}


# rewritings whose gold organisation names are rewritten the same way (the scorer compares names as
# written): the texts without diacritics name their bodies without them
REWRITE_GOLD_NAMES = {"stripped", "old-style tones"}


def rewrite_corpus(corpus: Path, into: Path, rewrite, names_too: bool = False) -> Path:
    """A copy of ``corpus`` under ``into`` (a folder of its own, with the scorer beside it) whose texts
    are rewritten; the gold annotations are linked, or copied with their assignments' organisation
    names rewritten too (``names_too``), and the manifest copied."""
    target = into / "corpus"
    for sub in ("seeds", "dev"):
        (target / sub).mkdir(parents=True, exist_ok=True)
        for p in sorted((corpus / sub).glob("*.txt")):
            text = p.read_text(encoding="utf-8", errors="replace")
            (target / sub / p.name).write_bytes(rewrite(text).encode("utf-8"))
    manifest = corpus / "dev" / "SOURCES.tsv"
    if manifest.exists():
        shutil.copy(manifest, target / "dev" / manifest.name)
    if names_too:
        (target / "gold").mkdir()
        for g in sorted((corpus / "gold").glob("*.json")):
            data = json.loads(g.read_text(encoding="utf-8"))
            for a in data.get("assignments", []):
                if a.get("organization"):
                    a["organization"] = rewrite(a["organization"])
            (target / "gold" / g.name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    else:
        (target / "gold").symlink_to((corpus / "gold").resolve(), target_is_directory=True)
    (into / "tools").symlink_to(scorer_path(corpus).parent.resolve(), target_is_directory=True)
    return target


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--only", nargs="+", choices=list(REWRITINGS), help="these rewritings only")
    ap.add_argument("--json", action="store_true", help="print {rewriting: {part: figures}} as JSON")
    a = ap.parse_args(argv)
    if not (a.corpus / "gold").is_dir() or not scorer_path(a.corpus).is_file():
        print(f"no gold annotations or no tools/score.py beside {a.corpus}", file=sys.stderr)
        return 2
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i, name in enumerate(a.only or REWRITINGS):
            folder = Path(tmp) / f"r{i}"
            folder.mkdir()
            corpus = rewrite_corpus(a.corpus, folder, REWRITINGS[name], name in REWRITE_GOLD_NAMES)
            figures, _ = evaluate(corpus)
            results[name] = {part: figures[part] for part in ("all", "held_out")}
            if not a.json:
                print(_row(name, results[name]), flush=True)
    if a.json:
        print(json.dumps(results))
    return 0


COLUMNS = ("ref_f1", "date_acc", "scope_acc", "rel_f1", "rel_all_f1", "asg_f1")


def _row(name: str, figures: dict) -> str:
    """One line: the rewriting, then each figure on all texts with the held-out one in brackets."""
    cells = [f"{figures['all'][k]:.3f} ({figures['held_out'][k]:.3f})" for k in COLUMNS]
    return f"{name:16s} " + "  ".join(cells)


if __name__ == "__main__":
    sys.exit(main())
