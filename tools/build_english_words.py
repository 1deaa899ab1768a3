"""Build ``rules/english-words.txt.gz``, the general English dictionary of the spelling check.

    python tools/build_english_words.py [--scowl /usr/share/dict/scowl] [--size 80]

Source: SCOWL (Spell Checker Oriented Word Lists) by Kevin Atkinson, release 2020.12.07, as
Debian's ``scowl`` package installs it in /usr/share/dict/scowl (one file per category, spelling
and size, e.g. ``british-words.50``). SCOWL is the list the Hunspell dictionaries en_US, en_GB,
en_CA and en_AU are built from; its licence allows copying with its notice, which the output's
header carries.

What goes in: every list of size <= ``--size`` (80: "words found in most dictionaries"; 95 is
the "insane" level, with apostrophe-less contractions such as "dont") of the categories words,
upper, abbreviations, contractions and proper-names, for the four spellings
    US = english + american, GB = english + british + british_z (Oxford -ize spelling),
    CA = english + canadian, AU = english + australian,
each with its ``variant_1`` lists ("variants generally considered good") as a second tier and
its ``variant_2`` lists ("acceptable but not generally considered good": benefitted, yuppy) as a
third; ``variant_3`` ("seldom used": luv, nett) is left out.
Possessives ("word's") are left out: the spelling check strips them itself.

Output: UTF-8 text, gzip-compressed; ``#`` lines are the header; ``@FLAGS`` starts a section
whose words (one per line, sorted) have those flags, followed by ``!`` for abbreviations in
capitals (IM, AIDS) and ``^`` for capitalised words (names), so the reader needs no test per
word; upper-case U G C A = accepted by that
spelling at variant level 0, lower-case u g c a = a level-1 variant of it, w x y z = a
level-2 variant of US, GB, CA, AU spelling. The same build
from the same SCOWL release gives the same bytes (gzip mtime 0).
"""

from __future__ import annotations

import argparse
import gzip
import re
from collections import defaultdict
from pathlib import Path

CATEGORIES = ("words", "upper", "abbreviations", "contractions", "proper-names")
SPELLINGS = {
    "U": ("english", "american"),
    "G": ("english", "british", "british_z"),
    "C": ("english", "canadian"),
    "A": ("english", "australian"),
}
VARIANTS = {
    "u": ("variant_1",), "g": ("british_variant_1",), "c": ("canadian_variant_1",), "a": ("australian_variant_1",),
    "w": ("variant_2",), "x": ("british_variant_2",), "y": ("canadian_variant_2",), "z": ("australian_variant_2",),
}
ORDER = "UGCAugcawxyz"
HEADER = """\
# English words for medlint's spelling check (SPL), built by tools/build_english_words.py.
# Source: SCOWL (Spell Checker Oriented Word Lists) release 2020.12.07 by Kevin Atkinson,
# http://wordlist.aspell.net/ (Debian package scowl 2020.12.07), sizes <= {size}.
# Flags: U G C A = US, British (-ise and -ize), Canadian, Australian spelling; u g c a = a
# level-1 variant of that spelling; w x y z = a level-2 variant of US, GB, CA, AU spelling.
# Copyright 2000-2020 by Kevin Atkinson. Permission to use, copy, modify, distribute and sell
# these word lists, the associated scripts, the output created from the scripts, and its
# documentation for any purpose is hereby granted without fee, provided that the above
# copyright notice appears in all copies and that both that copyright notice and this
# permission notice appear in supporting documentation. Kevin Atkinson makes no
# representations about the suitability of this array for any purpose. It is provided "as
# is" without express or implied warranty.
"""


def read(folder: Path, prefixes: tuple[str, ...], size: int) -> set[str]:
    out: set[str] = set()
    for path in folder.iterdir():
        m = re.fullmatch(r"(.+)-([a-z-]+)\.(\d+)", path.name)
        if not m or m.group(1) not in prefixes or m.group(2) not in CATEGORIES or int(m.group(3)) > size:
            continue
        for line in path.read_text(encoding="utf-8", errors="strict").splitlines():
            word = line.strip()
            if word and not word.endswith("'s"):
                out.add(word)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scowl", type=Path, default=Path("/usr/share/dict/scowl"))
    parser.add_argument("--size", type=int, default=80)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "rules" / "english-words.txt.gz")
    args = parser.parse_args()
    flags: dict[str, set[str]] = defaultdict(set)
    for flag, prefixes in {**SPELLINGS, **VARIANTS}.items():
        for word in read(args.scowl, prefixes, args.size):
            flags[word].add(flag)
    for found in flags.values():  # a variant of a spelling that has the word anyway says nothing
        for level0, level1, level2 in zip("UGCA", "ugca", "wxyz"):
            if level0 in found:
                found -= {level1, level2}
            elif level1 in found:
                found.discard(level2)
    sections: dict[str, list[str]] = defaultdict(list)
    for word, found in flags.items():
        kind = "!" if len(word) > 1 and word.isupper() else "^" if word[:1].isupper() else ""
        sections["".join(f for f in ORDER if f in found) + kind].append(word)
    lines = [HEADER.format(size=args.size)]
    for key in sorted(sections, key=lambda k: (-len(sections[k]), k)):
        lines.append(f"@{key}\n")
        lines.append("".join(w + "\n" for w in sorted(sections[key])))
    data = "".join(lines).encode("utf-8")
    args.out.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"{args.out}: {len(flags)} words in {len(sections)} sections, {args.out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
