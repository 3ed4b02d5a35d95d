"""The rule guard: do two questions that embed alike ask the same thing?

With the MiniLM embedders the memory decides with the learned guard
(:mod:`reasoner.memory.learned`), which reads these checks as features among
others (:mod:`reasoner.memory.features`); the rules themselves decide only for
other embedders (and in the tests, on ``HashEmbedder``).

Embeddings are blind to the details that change an answer: "who reports to the
head of sales" and "who does the head of sales report to" embed almost alike.
A memory hit therefore needs, besides a high similarity, agreement on:

* numbers (digits, number words and ordinals, normalised),
* named entities (capitalised words and their spans),
* negation (how many negation cues each question carries),
* comparison direction (more/less, before/after, larger/smaller, ...),
* the order of roles: named participants keep their order, two participants
  may not trade neighbours and a question word may not move (see
  :func:`role_exchange`); any other word moving from one participant to
  another refuses too, unless contextual word vectors are supplied, which then
  decide (:mod:`reasoner.memory.context`),
* the words themselves: a content word only one question has needs a
  near-synonym in the other (word vectors supplied by the caller).

Every function here is pure: two strings (and optionally a word-similarity
function) in, a verdict out. The word lists live in :mod:`reasoner.memory.lexicon`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from reasoner.memory.context import MIN_CONTEXT_SCORE, ContextFunction, context_score
from reasoner.memory.lexicon import (
    COORDINATORS,
    DIRECTIONS,
    GLUE,
    NEGATIONS,
    PUNCT,
    ROLE_PREPOSITIONS,
    ROLE_WORDS,
    SIBLING_GLUE,
    SKIP,
    STOPWORDS,
    directions,
    is_number_word,
    negation_count,
    numbers,
)
from reasoner.memory.lexicon import tokens as tokenize
from reasoner.text.stem import inflection_stem as stem
from reasoner.text.tokens import Token

# (words, other words) -> cosine matrix of shape (len(words), len(other words)).
WordSimilarity = Callable[[Sequence[str], Sequence[str]], np.ndarray]

# A word only one question has needs a counterpart at least this close (MiniLM
# word vectors: price/cost 0.74, buy/purchase 0.87, manager/employee 0.57).
MIN_WORD_SIMILARITY = 0.6


@dataclass(frozen=True)
class Verdict:
    """The guard's decision: ``ok`` and, when not ok, which check failed and why."""

    ok: bool
    check: str = ""
    reason: str = ""


def _is_entity_word(tok: Token) -> bool:
    raw = tok.raw
    return (raw[:1].isupper() or any(c.isupper() for c in raw[1:])) and tok.norm not in STOPWORDS


def entity_spans(text: str) -> list[str]:
    """Runs of capitalised non-function words ("Head of Sales" gives "head", "sales")."""
    spans: list[str] = []
    run: list[str] = []
    for tok in [*tokenize(text), Token("", "")]:
        if tok.raw and _is_entity_word(tok):
            run.append(tok.norm)
            continue
        if run:
            spans.append(" ".join(run))
            run = []
    return spans


@lru_cache(maxsize=50_000)
def role_sequence(text: str) -> tuple[str, ...]:
    """The question's words with articles and auxiliaries dropped, stemmed: what roles hang on."""
    return tuple(stem(t.norm) if t.norm not in PUNCT else "," for t in tokenize(text) if t.norm not in SKIP)


@lru_cache(maxsize=50_000)
def _contexts(seq: tuple[str, ...]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
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
        if i > 0 and seq[i - 1] in ROLE_PREPOSITIONS:
            left.setdefault(w, set()).add(seq[i - 1])
        for side, step in ((left, -1), (right, 1)):
            j = i + step
            while 0 <= j < len(seq) and seq[j] != ",":
                if seq[j] not in STOPWORDS or (j == i + step and seq[j] in ROLE_WORDS):
                    side.setdefault(w, set()).add(seq[j])
                    break
                j += step
    return left, right


def _joined(seq: Sequence[str], x: str, y: str, *, min_gap: int = 0, glue: frozenset[str] = COORDINATORS) -> bool:
    """Are ``x`` and ``y`` separated only by ``glue`` words ("and", "or", commas), at least ``min_gap`` of them?"""
    for i in (k for k, v in enumerate(seq) if v == x):
        for j in (k for k, v in enumerate(seq) if v == y):
            between = seq[min(i, j) + 1 : max(i, j)]
            if len(between) >= min_gap and all(w in glue for w in between):
                return True
    return False


def _unordered(seq_a: Sequence[str], seq_b: Sequence[str], c: str, x: str, y: str) -> bool:
    """Reorders that keep roles.

    Neighbours (``x y`` / ``y x``), conjuncts ("Berlin and Paris") and sibling
    phrases that trade places and stay siblings ("built in Israel in the 1980s"
    / "built in the 1980s in Israel": only function words between them).
    """
    return (
        (
            _joined(seq_a, x, y, glue=SIBLING_GLUE)
            and _joined(seq_b, x, y, glue=SIBLING_GLUE)
            and (seq_a.index(x) < seq_a.index(y)) != (seq_b.index(x) < seq_b.index(y))
        )
        or _joined(seq_a, x, y)
        or _joined(seq_b, x, y)
        or _joined(seq_a, c, x, min_gap=1)
        or _joined(seq_b, c, y, min_gap=1)
    )


def role_exchange(a: str, b: str) -> tuple[str, str, str] | None:
    """Find two participants that traded roles, or None.

    A participant is a content word found in both questions. Neighbour ``c``
    *moves* from participant ``x`` to participant ``y`` when it sits beside
    ``x`` in ``a`` but beside ``y`` (and no longer beside ``x``) in ``b``. The
    two exchanged roles when moves go both ways: something moved from ``x`` to
    ``y`` and something (possibly the same word, on its other side) from ``y``
    to ``x``: "dog bites man" / "man bites dog", "who reports to the head" /
    "who does the head report to". A one-way move is a modifier or phrase
    changing place ("was musically influenced by Elton John" / "was influenced
    musically by Elton John") and passes, as does moving a whole clause. A
    question word that moves ("who reports to the head" / "who does the head
    report to") is the asked-for participant changing role: one move is enough.

    Returns:
        (neighbour, participant in a, participant in b) of the first exchange found.
    """
    moves = _moves(a, b)
    for c, x, y in moves:
        if c in ROLE_WORDS or any(x2 == y and y2 == x for _, x2, y2 in moves):
            return c, x, y
    return None


def _moves(a: str, b: str) -> list[tuple[str, str, str]]:
    """Every (neighbour, participant in a, participant in b) move from ``a`` to ``b``."""
    seq_a, seq_b = role_sequence(a), role_sequence(b)
    # A word met twice has no single role to compare.
    shared = {w for w in set(seq_a) & set(seq_b) if w not in GLUE}
    out = []
    for ctx_a, ctx_b in zip(_contexts(seq_a), _contexts(seq_b), strict=True):
        for x in sorted(shared):
            for c in sorted(ctx_a.get(x, set()) - ctx_b.get(x, set())):
                for y in sorted(shared - {x}):
                    if (
                        c in ctx_b.get(y, set())
                        and c not in ctx_a.get(y, set())
                        and not _unordered(seq_a, seq_b, c, x, y)
                    ):
                        out.append((c, x, y))
    return out


def _entity_words(text: str) -> set[str]:
    return {w for span in entity_spans(text) for w in span.split()}


def check(
    a: str,
    b: str,
    *,
    similarity: WordSimilarity | None = None,
    min_word_similarity: float = MIN_WORD_SIMILARITY,
    context: ContextFunction | None = None,
) -> Verdict:
    """Do questions ``a`` and ``b`` agree on everything that changes an answer?

    Without ``context`` any neighbour that moves from one participant to
    another refuses the pair. With ``context`` only a two-way exchange (or a
    moved question word) refuses outright; the rest is decided by the
    contextual word vectors (:func:`reasoner.memory.context.context_score`):
    a word that changed role reads differently in its new context.

    Args:
        a: the stored question.
        b: the question asked.
        similarity: word-vector cosine, ``(words, others) -> (len(words), len(others))``;
            with None, a content word found in only one question refuses the pair.
        min_word_similarity: how close a word only one question has must be to
            some word of the other ("price" / "cost" pass, "manager" / "employee" do not).
        context: text -> (words, contextual word vectors), e.g.
            :class:`reasoner.memory.context.ContextVectors`.

    Returns:
        ``Verdict(ok=True)`` or the first failed check with a short reason.
    """
    verdict = check_structure(a, b)
    if not verdict.ok:
        return verdict
    moved = _moves(a, b)
    if moved and context is None:
        c, x, y = moved[0]
        return Verdict(False, "roles", f"{c!r} moved from {x!r} to {y!r}")
    verdict = check_words(a, b, similarity, min_word_similarity)
    if not verdict.ok or context is None:
        return verdict
    return _check_context(a, b, context, moved=bool(moved))


def check_structure(a: str, b: str) -> Verdict:
    """The checks that need no model: numbers, entities, negation, direction, exchanged roles."""
    for test in (_check_numbers, _check_entities, _check_negation, _check_direction, _check_roles):
        verdict = test(a, b)
        if not verdict.ok:
            return verdict
    return Verdict(True)


def _check_context(a: str, b: str, context: ContextFunction, *, moved: bool) -> Verdict:
    score = context_score(context(a), context(b), moved=moved)
    if score < MIN_CONTEXT_SCORE:
        return Verdict(False, "context", f"shared words read differently (score {score:.2f})")
    return Verdict(True)


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
        if w in STOPWORDS or w in PUNCT or w in NEGATIONS or w in DIRECTIONS or is_number_word(w):
            continue
        out.setdefault(stem(w), w)
    return out


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


@lru_cache(maxsize=50_000)
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
    for tok in [*tokenize(text), Token("", "")]:
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
        joined = joined and tok.norm in COORDINATORS
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
