"""Understanding a request by its meaning: the fallback after every worded reading declines.

The question's math objects are masked (:mod:`.objects`), and what is left, the request in the
asker's words ("Give me the term after list."), is compared by the MiniLM embedder with masked
frames whose operation is known (``frames.jsonl``: DeepMind questions and development rewordings,
labelled by the parser's own reading of the original; written by benchmarks/make_math_frames.py).
The nearest frames name the operation; the objects fill its slots (the setup definitions and facts
become "Let"/"Suppose" sentences), the few words that parametrise an operation (an ordinal, a
direction of size, a digit's place) are read from the question itself, and the canonical question
so built goes to the ordinary parser, evaluator and verification. It answers only when the nearest
frame is close and clearly ahead of every other operation (thresholds calibrated on development
data, see ``benchmarks/notes/math.md``) and every object is used exactly once; otherwise it
declines as before.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from reasoner.errors import ParseError
from reasoner.solvers.math.objects import PLACEHOLDER, mask
from reasoner.solvers.math.requests import DOWN, UP, Choice, build, modifier_forms, size_of, words_of
from reasoner.solvers.math.words import ordinal
from reasoner.text.stopwords import FUNCTION_WORDS

if TYPE_CHECKING:
    import numpy as np

FRAMES = Path(__file__).with_name("frames.jsonl")
# The frames' vectors as shipped (float16, with the digest of the frames and embedder they
# were made from), so that a fresh install does not embed 1,650 frames on its first question.
SHIPPED = Path(__file__).with_name("frames-vectors.npz")
# Calibrated on the development rewordings (leave-one-set-out, benchmarks/calibrate_meaning.py):
# the nearest frame's cosine and its lead over the best frame of any other operation.
MIN_SIMILARITY = 0.70
MIN_MARGIN = 0.05
# Operations that differ only by a word the question itself says: a k'th value is a sort and a pick.
_FAMILY = {"kth": "order", "sort": "order"}
_PLACEHOLDER_WORDS = set(PLACEHOLDER.values())


# ---------------------------------------------------------------- nearest frames


class _Index:
    """The frames and their vectors, embedded once on first use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ready = False
        self.frames: list[dict] = []
        self.vectors = None
        self.embedder = None
        self.vocab: dict[str, Counter] = {}

    def load(self) -> _Index:
        with self._lock:
            if not self._ready:
                from reasoner.retrieval.embedder import RECOMMENDED, load_embedder

                raw = FRAMES.read_text()
                self.frames = [json.loads(x) for x in raw.splitlines() if x.strip()]
                self.embedder = load_embedder(RECOMMENDED)
                self.vectors = _cached_vectors(raw, self.frames, self.embedder)
                self.vocab = vocabulary(self.frames)
                self._ready = True
        return self


_INDEX = _Index()


def vocabulary(frames: list[dict]) -> dict[str, Counter]:
    """Per operation (family), in how many of its frames each word occurs."""
    out: dict[str, Counter] = {}
    for f in frames:
        kind = _FAMILY.get(f["kind"], f["kind"])
        out.setdefault(kind, Counter()).update(set(words_of(f["masked"])))
    return out


def frames_digest(raw: str, embedder_name: str) -> str:
    """What the frames' vectors depend on: the frames file's text and the embedder."""
    import hashlib

    return hashlib.sha256((raw + embedder_name).encode()).hexdigest()[:16]


def shipped_vectors(digest: str, shape: tuple[int, int], path: Path = SHIPPED) -> np.ndarray | None:
    """The shipped vectors when they were made from these frames and this embedder, else None."""
    import numpy as np

    try:
        with np.load(path) as data:
            if str(data["digest"]) != digest or data["vectors"].shape != shape:
                return None
            return data["vectors"].astype(np.float32)
    except (OSError, ValueError, KeyError):
        return None


def write_shipped_vectors(path: Path = SHIPPED) -> Path:
    """Embed the frames with the recommended embedder and write them for shipping (after
    ``frames.jsonl`` changes: ``python -c "from reasoner.solvers.math import meaning;
    meaning.write_shipped_vectors()"``; a test fails while they are out of date)."""
    import numpy as np

    from reasoner.retrieval.embedder import RECOMMENDED, load_embedder

    raw = FRAMES.read_text()
    frames = [json.loads(x) for x in raw.splitlines() if x.strip()]
    embedder = load_embedder(RECOMMENDED)
    vectors = embedder.embed([f["masked"] for f in frames]).astype(np.float16)
    np.savez_compressed(path, digest=np.array(frames_digest(raw, embedder.name)), vectors=vectors)
    return path


def _cached_vectors(raw: str, frames: list[dict], embedder) -> np.ndarray:
    """The frames' vectors, kept in the cache folder under the hash of the frames file."""
    import numpy as np

    from reasoner.config import default_cache_dir

    digest = frames_digest(raw, embedder.name)
    shipped = shipped_vectors(digest, (len(frames), embedder.dim))
    if shipped is not None:
        return shipped
    path = Path(default_cache_dir()) / "math" / f"frames-{digest}.npy"
    try:
        vectors = np.load(path)
        if vectors.shape == (len(frames), embedder.dim):
            return vectors
    except (OSError, ValueError):
        pass
    vectors = embedder.embed([f["masked"] for f in frames]).astype(np.float32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npy")
        np.save(tmp, vectors)
        tmp.replace(path)
    except OSError:
        pass  # a read-only cache: embed again next time
    return vectors


def nearest(masked: str, index: _Index | None = None) -> Choice | None:
    """The operation of the closest frame, its cosine, and its lead over other operations."""
    index = (index or _INDEX).load()
    vec = index.embedder.embed([masked])[0]
    sims = index.vectors @ vec
    best: dict[str, tuple[float, int]] = {}
    for i in sims.argsort()[::-1][:200]:
        kind = _FAMILY.get(index.frames[i]["kind"], index.frames[i]["kind"])
        if kind not in best:
            best[kind] = (float(sims[i]), int(i))
    ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
    if not ranked:
        return None
    kind, (sim, i) = ranked[0]
    margin = sim - ranked[1][1][0] if len(ranked) > 1 else sim
    return Choice(kind, sim, margin, index.frames[i]["kind"])


# Words of order in time or sequence that WordNet gives no antonym for (prepositions and adverbs).
_ORDER_WORDS = {"before", "after", "prior", "previous", "preceding", "next", "following", "ago", "until", "since"}


@functools.lru_cache(maxsize=4096)
def _antonyms(word: str) -> frozenset[str]:
    """WordNet antonyms of ``word`` as an adjective or adverb (for a satellite, its head's), in
    their dictionary forms: "smallest" -> big, large, ...; "preceding" -> following, ..."""
    from reasoner.text.wordnet import load

    wn = load()
    if wn is None:
        return frozenset()
    out: set[str] = set()
    for pos in ("a", "r"):
        for sense in wn.senses(word, pos, max_senses=3):
            heads = [sense] + [wn.synset(p, o) for sym, p, o in sense.pointers if sym == "&"]
            for head in heads:
                out.update(w for sym, p, o in head.pointers if sym == "!" for w in wn.synset(p, o).words)
    return frozenset(out)


@functools.lru_cache(maxsize=4096)
def _noun(word: str) -> bool:
    """A word WordNet knows mostly as a noun (more noun senses than verb senses): operations are named
    by nouns ("quotient", "remainder"); "getting" or "like" are mostly verbs."""
    from reasoner.text.wordnet import load

    wn = load()
    if len(word) < 2 or wn is None:
        return False
    return len(wn.senses(word, "n", max_senses=50)) > len(wn.senses(word, "v", max_senses=50))


def _parameter_word(word: str, kind: str) -> bool:
    """A word the builder of ``kind`` reads from the question itself (a size, a direction, an ordinal)."""
    if kind == "order" and (word in UP or word in DOWN or size_of(word)):
        return True
    if kind not in ("order", "diff"):
        return False
    try:
        ordinal(word)
    except ParseError:
        return False
    return True


# A word names another operation when that many of its frames use it and none of the chosen one's do.
# (A word that frames of many operations use, "with", "take", names none of them.)
OTHER_OPERATION_FRAMES = 1
OPERATIONS_SHARING = 3


def contrast(text: str, kind: str, vocab: dict[str, Counter]) -> str | None:
    """A word of the question that could change the operation and that no frame of it uses, or None.

    - an adjective or adverb whose WordNet antonym the operation's frames use ("composite" where
      they say "prime");
    - a word of order in time or sequence they never use ("Which number comes *before* L?");
    - a noun that frames of another operation (of at most three) use and its own never do ("the
      *quotient* when A is divided by B" near "the remainder when A is divided by B").
    Words the builder reads itself (sizes, directions, ordinals) are not counted."""
    own = vocab.get(kind, Counter())
    known = set().union(*(modifier_forms(v) for v in own)) if own else set()
    for w in dict.fromkeys(words_of(text)):
        if own[w] or w in _PLACEHOLDER_WORDS or _parameter_word(w, kind):
            continue
        if w in _ORDER_WORDS:
            return w
        if w in FUNCTION_WORDS:
            continue  # "no", "any", "here": no operation is named by a function word
        if _antonyms(w) & known:
            return w
        users = [k for k, c in vocab.items() if c[w]]
        if _noun(w) and len(users) <= OPERATIONS_SHARING and any(vocab[k][w] >= OTHER_OPERATION_FRAMES for k in users):
            return w
    return None


# ---------------------------------------------------------------- entry point

_MATHY = ("eq", "expr", "list", "options", "def")
# The operations asked of one number ("Break 14946523 into its prime factors."): a number alone is
# a math object only when the request names one of them ("the 5 largest countries" is no sort).
ONE_NUMBER = frozenset({"prime_factors", "is_prime", "place", "round"})


# How English writes a model or product designation: capitals joined to a number by a hyphen,
# no spaces ("the K-7", "an F-150", "COVID-19"); a subtraction is not written that way with a
# capital variable (the mixed workload's "How much does the K-3 cost?" was answered "K - 3").
_MODEL_NAME = re.compile(r"[A-Z][A-Za-z]*-\d+[A-Za-z]*")


_DETERMINERS = frozenset("a an the this that these those my your his her its our their".split())
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\W*$")


@functools.lru_cache(maxsize=1024)
def _number_word(word: str) -> bool:
    """A noun for a number itself ("the number 1600", "the integer 7"), by WordNet's noun hierarchy."""
    from reasoner.text.wordnet import load

    wn = load()
    return wn is not None and any(wn.is_a(word, head) for head in ("number", "numeral", "integer"))


def _number_names_a_thing(text: str, objects: tuple) -> bool:
    """The lone number is part of a name or modifies a noun: after a determiner ("the 1600 block",
    "my 5 kids") or after a noun other than a word for a number ("flight 370", "room 101"). A
    sentence's first word is read as an imperative verb ("Break 14946523 into ...")."""
    num = next(o for o in objects if o.kind == "num")
    before = text[: num.start]
    m = _WORD_BEFORE.search(before)
    if m is None or not before[: m.start()].strip() or re.search(r"[.?!:;]\s*$", before[: m.start()]):
        return False
    word = m.group(1).lower()
    if word in _DETERMINERS:
        return True
    return word not in FUNCTION_WORDS and _noun(word) and not _number_word(word)


# Math left in the request once the objects are masked: an operator, or a digit that is no ordinal's
# ("What is d^2/dx^2 of expression?" would lose the order of the derivative).
_UNREAD = re.compile(r"[\^*/=<>]|\d(?!\d*(?:st|nd|rd|th)\b)")


def canonical(text: str) -> str:
    """The canonical question of ``text`` read by meaning.

    Raises:
        ParseError: no math object, no close frame, no clear operation, or slots that do not fill.
    """
    m = mask(text)
    one_number = not any(o.kind in _MATHY for o in m.objects) and sum(o.kind == "num" for o in m.objects) < 2
    if one_number and not any(o.kind == "num" for o in m.objects):
        raise ParseError("no math object to read by meaning")
    if any(o.kind == "expr" and _MODEL_NAME.fullmatch(o.text) for o in m.objects):
        raise ParseError("a model name (a capital joined to a number by a hyphen), not an expression")
    if _UNREAD.search(m.masked):
        raise ParseError("math the objects do not cover (\"d^2/dx^2\"): the request is not read whole")
    choice = nearest(m.masked)
    if choice is None or choice.similarity < MIN_SIMILARITY or choice.margin < MIN_MARGIN:
        raise ParseError("no operation is clearly meant")
    if one_number and (choice.kind not in ONE_NUMBER or _number_names_a_thing(text, m.objects)):
        raise ParseError("one number alone is no math object for this operation")
    word = contrast(text, choice.kind, _INDEX.vocab)
    if word is not None:
        raise ParseError(f"{word!r} is not said in any request for {choice.kind}")
    built = build(choice.kind, m, choice)
    if built is None:
        raise ParseError(f"the objects do not fill the slots of {choice.kind}")
    return built
