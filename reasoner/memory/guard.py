"""The false-hit guard: do two questions that embed alike ask the same thing?

Embeddings are blind to the details that change an answer: "who reports to the
head of sales" and "who does the head of sales report to" embed almost alike.
A memory hit therefore needs, besides a high similarity, agreement on:

* numbers (digits, number words and ordinals, normalised),
* named entities (capitalised words and their spans),
* negation (how many negation cues each question carries),
* comparison direction (more/less, before/after, larger/smaller, ...),
* the order of roles: no word may move from one participant to another
  (see :func:`role_exchange`).

Every function here is pure: two strings in, a verdict out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

# (words, other words) -> cosine matrix of shape (len(words), len(other words)).
WordSimilarity = Callable[[Sequence[str], Sequence[str]], np.ndarray]

# A word only one question has needs a counterpart at least this close (MiniLM
# word vectors: price/cost 0.74, buy/purchase 0.87, manager/employee 0.57).
MIN_WORD_SIMILARITY = 0.6

_TOKEN = re.compile(
    r"\d+(?:[.,]\d+)*(?:st|nd|rd|th)?(?![^\W_])"  # numbers, ordinals
    r"|[^\W_]*[^\W\d_][^\W_]*(?:'[^\W\d_]+)?"  # words, codes such as K5 or 3D
    r"|[,;:()\"]",  # clause punctuation
    re.UNICODE,
)
_PUNCT = frozenset(',;:()"')

# Function words: never entities or role anchors (articles, auxiliaries,
# pronouns, prepositions, conjunctions, question words, common sentence openers).
STOPWORDS = frozenset(
    """a an the this that these those some any each every all both either
    is are was were be been being am do does did done doing have has had having
    will would shall should can could may might must
    i me my mine we us our you your he him his she her it its they them their
    who whom whose what which where when why how whether if then than as so
    of to in on at by for from with into onto over under about after before
    between through during without within along across against among around
    since until till upon via per toward towards near off out up down
    and or but nor yet also too very just only even still already
    there here not no never
    however although though while despite because unless whereas thus hence
    therefore meanwhile
    please tell give show list find say name""".split()
)

# Skipped entirely when building role sequences: they carry no role.
_SKIP = frozenset("a an the do does did please".split())

# Function words that still name a participant: a neighbour moving between these matters.
_ROLE_WORDS = frozenset("who whom whose what which".split())

# Prepositions that mark a participant's role: moving one to another participant swaps roles.
_ROLE_PREPOSITIONS = frozenset("to from by than into onto toward towards via".split())

_COORDINATORS = frozenset({"and", "or", "nor", ",", "&"})

_GLUE = STOPWORDS | _COORDINATORS
_SIBLING_GLUE = _GLUE - _ROLE_PREPOSITIONS

_NEGATIONS = frozenset("not no never none nobody nothing neither nor nowhere without cannot n't".split())

# word -> (axis, pole): words on the same axis with different poles contradict.
_DIRECTIONS: dict[str, tuple[str, str]] = {}


def _axis(axis: str, plus: str, minus: str) -> None:
    for w in plus.split():
        _DIRECTIONS[w] = (axis, "+")
    for w in minus.split():
        _DIRECTIONS[w] = (axis, "-")


_axis(
    "amount",
    "more most greater greatest larger largest bigger biggest higher highest "
    "increase increases increased increasing rise rises rose raise raised gain gained "
    "maximum max above over exceed exceeds exceeded plus add added",
    "less least fewer fewest "
    "smaller smallest lesser lower lowest decrease decreases decreased decreasing fall falls "
    "fell drop dropped reduce reduced loss lost minimum min below under minus subtract subtracted",
)
_axis(
    "time",
    "after later latest afterwards following since next newer newest",
    "before earlier earliest prior previously preceding until previous older oldest",
)
_axis("age", "young younger youngest", "old elder eldest")
_axis("length", "long longer longest tall taller tallest", "short shorter shortest")
_axis("speed", "fast faster fastest quick quicker quickest", "slow slower slowest")
_axis(
    "trade",
    "buy buys bought buying import imports imported",
    "sell sells sold selling export exports exported",
)
_axis("outcome", "win wins won winning winner victory", "lose loses lost losing loser defeat")
_axis("order", "first start begin began beginning", "last end ended ending final finish")

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_ORDINALS = {
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "twelfth": 12,
    "twentieth": 20,
}


@dataclass(frozen=True)
class Token:
    """One word of a question: its text as written and its normalised form."""

    raw: str
    norm: str


@dataclass(frozen=True)
class Verdict:
    """The guard's decision: ``ok`` and, when not ok, which check failed and why."""

    ok: bool
    check: str = ""
    reason: str = ""


def tokenize(text: str) -> list[Token]:
    """Split a question into words, numbers and clause punctuation; "isn't" becomes "is" + "n't"."""
    out: list[Token] = []
    for m in _TOKEN.finditer(text.replace("\u2019", "'")):
        raw = m.group(0)
        low = raw.lower()
        if low.endswith("n't"):
            stem = {"won't": "will", "can't": "can", "shan't": "shall"}.get(low, low[:-3])
            out += [Token(raw[: len(stem)], stem), Token("n't", "n't")]
        elif "'" in low:
            out.append(Token(raw.split("'")[0], low.split("'")[0]))
        else:
            out.append(Token(raw, low))
    return out


def _number_value(text: str) -> str:
    """Canonical text of a numeral: no thousands separators, no trailing zeros."""
    text = re.sub(r"(st|nd|rd|th)$", "", text)
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", text):
        text = text.replace(",", "")
    text = text.replace(",", ".")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.lstrip("0") or "0"


def numbers(text: str) -> list[str]:
    """Sorted canonical numbers in ``text``: digits, number words ("twenty five") and ordinals."""
    found: list[str] = []
    words = [t.norm for t in tokenize(text) if t.norm not in _PUNCT]
    i = 0
    while i < len(words):
        w = words[i]
        if w[0].isdigit():
            prefix = "#" if re.search(r"\d(st|nd|rd|th)$", w) else ""
            found.append(prefix + _number_value(w))
            i += 1
        elif w in _ORDINALS:
            found.append(f"#{_ORDINALS[w]}")
            i += 1
        elif w in _UNITS or (w in _SCALES and i > 0 and words[i - 1] == "a"):
            value, i = _read_number_words(words, i)
            found.append(str(value))
        else:
            i += 1
    return sorted(found)


def _read_number_words(words: list[str], i: int) -> tuple[int, int]:
    """Read a run like "two hundred and five" starting at ``i``; return (value, next index)."""
    total, current = 0, 0
    while i < len(words):
        w = words[i]
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _SCALES:
            current = max(current, 1) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total, current = total + current, 0
        elif not (w == "and" and i + 1 < len(words) and words[i + 1] in _UNITS):
            break
        i += 1
    return total + current, i


def _is_entity_word(tok: Token) -> bool:
    raw = tok.raw
    return (raw[:1].isupper() or any(c.isupper() for c in raw[1:])) and tok.norm not in STOPWORDS


def entity_spans(text: str) -> list[str]:
    """Runs of capitalised non-function words ("Head of Sales" gives "head", "sales")."""
    spans: list[str] = []
    run: list[str] = []
    for tok in tokenize(text) + [Token("", "")]:
        if tok.raw and _is_entity_word(tok):
            run.append(tok.norm)
            continue
        if run:
            spans.append(" ".join(run))
            run = []
    return spans


def negation_count(text: str) -> int:
    """How many negation cues ``text`` carries (not, never, no, n't, without, ...)."""
    return sum(1 for t in tokenize(text) if t.norm in _NEGATIONS)


def directions(text: str) -> list[tuple[str, str]]:
    """Sorted (axis, pole) pairs of the comparison and direction words in ``text``."""
    return sorted(_DIRECTIONS[t.norm] for t in tokenize(text) if t.norm in _DIRECTIONS)


def stem(word: str) -> str:
    """A light, predictable stem: "reports", "reporting", "reported" -> "report"; "policies" -> "policy"."""
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed") and not word.endswith("eed"):
        return word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def role_sequence(text: str) -> list[str]:
    """The question's words with articles and auxiliaries dropped, stemmed: what roles hang on."""
    return [stem(t.norm) if t.norm not in _PUNCT else "," for t in tokenize(text) if t.norm not in _SKIP]


def _contexts(seq: list[str]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Left and right role neighbours of every word of a role sequence.

    A word's neighbour on one side is the next word there if it names a role
    (a content word or who/what/which), else the nearest content word before
    the clause ends: in "born in Holland" the left neighbour of "holland" is
    "born". A preposition that marks a role ("to", "from", "by", "than") right
    before a word is a left neighbour too: "from Boston to Austin".
    """
    left: dict[str, set[str]] = {}
    right: dict[str, set[str]] = {}
    for i, w in enumerate(seq):
        if i > 0 and seq[i - 1] in _ROLE_PREPOSITIONS:
            left.setdefault(w, set()).add(seq[i - 1])
        for side, step in ((left, -1), (right, 1)):
            j = i + step
            while 0 <= j < len(seq) and seq[j] != ",":
                if seq[j] not in STOPWORDS or (j == i + step and seq[j] in _ROLE_WORDS):
                    side.setdefault(w, set()).add(seq[j])
                    break
                j += step
    return left, right


def _joined(
    seq: list[str], x: str, y: str, *, min_gap: int = 0, glue: frozenset[str] = _COORDINATORS
) -> bool:
    """Are ``x`` and ``y`` separated only by ``glue`` words ("and", "or", commas), at least ``min_gap`` of them?"""
    for i in (k for k, v in enumerate(seq) if v == x):
        for j in (k for k, v in enumerate(seq) if v == y):
            between = seq[min(i, j) + 1 : max(i, j)]
            if len(between) >= min_gap and all(w in glue for w in between):
                return True
    return False


def _unordered(seq_a: list[str], seq_b: list[str], c: str, x: str, y: str) -> bool:
    """Reorders that keep roles.

    Neighbours (``x y`` / ``y x``), conjuncts ("Berlin and Paris") and sibling
    phrases that stay siblings ("built in Israel in the 1980s" / "built in the
    1980s in Israel": only function words between them in both questions).
    """
    return (
        (_joined(seq_a, x, y, glue=_SIBLING_GLUE) and _joined(seq_b, x, y, glue=_SIBLING_GLUE))
        or _joined(seq_a, x, y)
        or _joined(seq_b, x, y)
        or _joined(seq_a, c, x, min_gap=1)
        or _joined(seq_b, c, y, min_gap=1)
    )


def role_exchange(a: str, b: str) -> tuple[str, str, str] | None:
    """Find a neighbour that moved from one participant to another, or None.

    A participant is a content word found in both questions. When neighbour
    ``c`` sits beside participant ``x`` in ``a`` but beside another participant
    ``y`` (and no longer beside ``x``) in ``b``, the two exchanged roles: "dog
    bites man" / "man bites dog", "who reports to the head" / "who does the
    head report to". Moving a whole clause keeps each word's neighbours and
    passes.

    Returns:
        (neighbour, participant in a, participant in b) of the first exchange found.
    """
    seq_a, seq_b = role_sequence(a), role_sequence(b)
    # A word met twice has no single role to compare.
    shared = {w for w in set(seq_a) & set(seq_b) if w not in _GLUE}
    for ctx_a, ctx_b in zip(_contexts(seq_a), _contexts(seq_b), strict=True):
        for x in sorted(shared):
            for c in sorted(ctx_a.get(x, set()) - ctx_b.get(x, set())):
                for y in sorted(shared - {x}):
                    if (
                        c in ctx_b.get(y, set())
                        and c not in ctx_a.get(y, set())
                        and not _unordered(seq_a, seq_b, c, x, y)
                    ):
                        return c, x, y
    return None


def _entity_words(text: str) -> set[str]:
    return {w for span in entity_spans(text) for w in span.split()}


def check(
    a: str,
    b: str,
    *,
    similarity: WordSimilarity | None = None,
    min_word_similarity: float = MIN_WORD_SIMILARITY,
) -> Verdict:
    """Do questions ``a`` and ``b`` agree on everything that changes an answer?

    Args:
        a: the stored question.
        b: the question asked.
        similarity: word-vector cosine, ``(words, others) -> (len(words), len(others))``;
            with None, a content word found in only one question refuses the pair.
        min_word_similarity: how close a word only one question has must be to
            some word of the other ("price" / "cost" pass, "manager" / "employee" do not).

    Returns:
        ``Verdict(ok=True)`` or the first failed check with a short reason.
    """
    for test in (_check_numbers, _check_entities, _check_negation, _check_direction, _check_roles):
        verdict = test(a, b)
        if not verdict.ok:
            return verdict
    return check_words(a, b, similarity, min_word_similarity)


def _check_numbers(a: str, b: str) -> Verdict:
    na, nb = numbers(a), numbers(b)
    return Verdict(True) if na == nb else Verdict(False, "numbers", f"{na} vs {nb}")


def _check_entities(a: str, b: str) -> Verdict:
    words_a = {stem(t.norm) for t in tokenize(a)}
    words_b = {stem(t.norm) for t in tokenize(b)}
    missing = {stem(w) for w in _entity_words(a)} - words_b | {stem(w) for w in _entity_words(b)} - words_a
    if missing:
        return Verdict(False, "entities", f"only in one question: {sorted(missing)}")
    sa, sb = set(entity_spans(a)), set(entity_spans(b))
    if _span_conflict(sa, sb):
        return Verdict(False, "entities", f"{sorted(sa)} vs {sorted(sb)}")
    return Verdict(True)


def _check_negation(a: str, b: str) -> Verdict:
    ca, cb = negation_count(a), negation_count(b)
    return Verdict(True) if ca == cb else Verdict(False, "negation", f"{ca} vs {cb} negations")


def _check_direction(a: str, b: str) -> Verdict:
    da, db = directions(a), directions(b)
    return Verdict(True) if da == db else Verdict(False, "direction", f"{da} vs {db}")


def _check_roles(a: str, b: str) -> Verdict:
    swapped = name_inversion(a, b)
    if swapped:
        return Verdict(False, "roles", f"names in another order: {swapped[0]!r} and {swapped[1]!r}")
    moved = role_exchange(a, b)
    if moved:
        return Verdict(False, "roles", f"{moved[0]!r} moved from {moved[1]!r} to {moved[2]!r}")
    return Verdict(True)


def content_words(text: str) -> dict[str, str]:
    """Stemmed words that carry meaning the other checks do not already compare, each with its word.

    Function words, numbers, negations and direction words are left out (their
    own checks cover them). Stems match words; the words themselves go to the
    word-similarity function ("located", not "locat").
    """
    out: dict[str, str] = {}
    for tok in tokenize(text):
        w = tok.norm
        if w in STOPWORDS or w in _PUNCT or w in _NEGATIONS or w in _DIRECTIONS or _is_number_word(w):
            continue
        out.setdefault(stem(w), w)
    return out


def _is_number_word(w: str) -> bool:
    return w[0].isdigit() or w in _UNITS or w in _SCALES or w in _ORDINALS


def check_words(
    a: str, b: str, similarity: WordSimilarity | None, min_similarity: float = MIN_WORD_SIMILARITY
) -> Verdict:
    """Each content word only one question has must have a near-synonym in the other.

    "What does the K5 cost" / "What is the price of the K5" pass with a word
    similarity; "vacation days for managers" / "... for employees" do not.
    """
    ca, cb = content_words(a), content_words(b)
    for mine, theirs in ((ca, cb), (cb, ca)):
        extra = sorted(mine[w] for w in mine.keys() - theirs.keys())
        if not extra:
            continue
        if similarity is None or not theirs:
            return Verdict(False, "words", f"only in one question: {extra}")
        best = np.asarray(similarity(extra, sorted(theirs.values()))).max(axis=1)
        lonely = [w for w, s in zip(extra, best, strict=True) if s < min_similarity]
        if lonely:
            return Verdict(False, "words", f"no counterpart for {lonely}")
    return Verdict(True)


def entity_order(text: str, other: str) -> list[tuple[str, ...]]:
    """The names of ``text`` that ``other`` also has, in the order ``text`` gives them.

    "Is Alice older than Bob" and "Is Bob older than Alice" give different
    orders. Names joined by "and", "or" or commas form one unordered group:
    "Berlin and Paris" equals "Paris and Berlin".
    """
    theirs = set(entity_spans(other))
    groups = [tuple(sorted({s for s in g if s in theirs})) for g in _entity_groups(text)]
    return [g for g in groups if g]


def name_inversion(a: str, b: str) -> tuple[str, str] | None:
    """Two names both questions give, in opposite orders, and not coordinated in either; else None.

    "Is Alice older than Bob" / "Is Bob older than Alice" give ("alice", "bob");
    "Berlin and Paris" / "Paris and Berlin" give None.
    """
    ga, gb = _group_index(a), _group_index(b)
    shared = sorted(ga.keys() & gb.keys())
    for i, x in enumerate(shared):
        for y in shared[i + 1 :]:
            if ga[x] == ga[y] or gb[x] == gb[y]:
                continue
            if (ga[x] < ga[y]) != (gb[x] < gb[y]):
                return x, y
    return None


def _group_index(text: str) -> dict[str, int]:
    """Each name's group number (its first occurrence)."""
    index: dict[str, int] = {}
    for n, group in enumerate(_entity_groups(text)):
        for span in group:
            index.setdefault(span, n)
    return index


def _entity_groups(text: str) -> list[list[str]]:
    """Entity spans grouped when only coordinators or commas stand between them."""
    groups: list[list[str]] = []
    run: list[str] = []
    joined = False  # only coordinators since the last span: the next span joins its group
    for tok in tokenize(text) + [Token("", "")]:
        if tok.raw and _is_entity_word(tok):
            run.append(tok.norm)
            continue
        if run:
            span = " ".join(run)
            if joined:
                groups[-1].append(span)
            else:
                groups.append([span])
            run, joined = [], True
        joined = joined and tok.norm in _COORDINATORS
    return groups


def _span_conflict(sa: set[str], sb: set[str]) -> bool:
    """A multi-word name may not be split across two names of the other question.

    "BARLA Cumbria" against "BARLA Great Britain" and "Cumbria" is a conflict;
    "Taihu Lake" against "Taihu lake" is not.
    """
    for one, other in ((sa, sb), (sb, sa)):
        for span in one:
            words = set(span.split())
            if len(words) < 2 or span in other:
                continue
            homes = {o for o in other if words & set(o.split())}
            if len(homes) > 1 and not any(words <= set(o.split()) for o in homes):
                return True
    return False
