"""Reading a question for the graph: words, relation mentions, counting and sharing cues.

Pure functions over the question text plus a :class:`Lexicon` that knows the
graph's relation names. A relation is *mentioned* by a word or word pair when
the pair shares a stem with the relation's name ("acted" ~ "starred_actors",
"screenwriter" ~ "written_by") or its embedding is clearly closer to that
relation than to any other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from reasoner.graph.paths import phrase
from reasoner.retrieval.embedder import Embedder
from reasoner.solvers.graph.link import STOPWORDS
from reasoner.text.tokens import fold

EMBED_MIN = 0.65  # a word pair this close to a relation's name mentions it...
EMBED_MARGIN = 0.1  # ...when no other relation is nearly as close
LEXICAL_SCORE = 0.9
MAX_SPLIT_GAP = 8  # words between the two halves of a relation's name ("year ... released")
MAX_CACHE = 50_000

# Words that make "films sharing a director with X" a round trip (r, then r backwards).
SHARE_CUES = frozenset({"same", "share", "shares", "shared", "sharing", "together", "also", "other",
                        "others", "fellow", "alongside", "co", "both", "too", "another"})
INFLECTIONS = frozenset({"", "s", "es", "ed", "er", "or", "ers", "ors", "ing"})
# "What *kind of* film is X": the question asks for a class (the graph's classifying relation).
CLASS_CUES = frozenset({"kind", "kinds", "sort", "sorts", "type", "types", "category", "categories",
                        "class", "classes", "variety", "varieties"})
# "Describe X in a few words", "what is X about": the question asks for labels (the graph's
# descriptor relation, when it has one).
DESCRIPTOR_CUES = frozenset({"describe", "describes", "described", "describing", "description", "descriptions",
                             "about", "topic", "topics", "theme", "themes", "keyword", "keywords", "tag", "tags",
                             "tagged", "label", "labels", "labelled", "labeled"})
COUNT_CUES = re.compile(r"\b(how many|number of|count of|how much)\b", re.IGNORECASE)


@dataclass(frozen=True)
class RelationMention:
    """Words ``start:end`` of the question name ``relation`` with ``score`` in [0, 1]."""

    relation: str
    start: int
    end: int
    score: float


def words_of(text: str) -> list[str]:
    """The question's words, normalised (hyphenated words split: "co-stars" -> "co", "stars")."""
    return fold(text.replace("-", " ")).split()


def is_count_question(text: str) -> bool:
    """True for "how many ..." / "number of ..." questions."""
    return bool(COUNT_CUES.search(text))


def class_cues(words: list[str], skip: range = range(0)) -> list[int]:
    """Positions of words asking for a class: "what *sort* of film", "*types* of movies",
    "what *types* are the films"."""
    return [
        i
        for i, w in enumerate(words)
        if w in CLASS_CUES and i not in skip
        and (words[i + 1 : i + 2] == ["of"] or (i > 0 and words[i - 1] in ("what", "which")))
    ]


def share_cues(words: list[str]) -> tuple[int, ...]:
    """Positions of words that speak of sharing ("same director", "co-stars", "also directed")."""
    return tuple(i for i, w in enumerate(words) if w in SHARE_CUES)


def _stem_match(word: str, rel_word: str) -> bool:
    """Crude morphology: "acted"~"actors", "directors"~"directed", "screenwriter"~"written"."""
    if len(word) < 3 or len(rel_word) < 3:
        return False
    n = 0
    while n < min(len(word), len(rel_word)) and word[n] == rel_word[n]:
        n += 1
    if n >= 4:
        return True
    shorter = word if len(word) <= len(rel_word) else rel_word
    if n == 3 and shorter[3:] in INFLECTIONS:
        return True
    return len(rel_word) >= 5 and len(word) >= 8 and rel_word[:4] in word[2:]


class Lexicon:
    """The graph's relation names, embedded once, matched against question words.

    ``classifying`` is the relation that sorts subjects into classes
    (:func:`reasoner.graph.paths.classifying_relation`): "what kind of" names it.
    ``descriptor`` is the relation holding free labels
    (:func:`reasoner.graph.paths.descriptor_relation`): "describe", "about", "topics" name it.
    """

    def __init__(self, relations: list[str], embedder: Embedder,
                 aliases: dict[str, list[str]] | None = None, classifying: str | None = None,
                 descriptor: str | None = None) -> None:
        self.relations = sorted(relations)
        self.embedder = embedder
        self.classifying = classifying if classifying in self.relations else None
        self.descriptor = descriptor if descriptor in self.relations else None
        self.words = {r: _content_words(r) for r in self.relations}
        for r, others in (aliases or {}).items():
            if r in self.words:
                self.words[r] += [w for o in others for w in _content_words(o) if w not in self.words[r]]
        texts, owner = [], []
        for i, r in enumerate(self.relations):
            for t in dict.fromkeys([phrase(r), *self.words[r]]):
                texts.append(t)
                owner.append(i)
        self._owner = np.array(owner, dtype=np.int64)
        self._rel_vecs = embedder.embed(texts) if texts else np.zeros((0, embedder.dim), np.float32)
        self._cache: dict[str, np.ndarray] = {}

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed ``texts`` through a bounded cache (question words repeat a lot)."""
        if not texts:
            return np.zeros((0, self.embedder.dim), np.float32)
        found = {t: self._cache[t] for t in texts if t in self._cache}
        new = [t for t in dict.fromkeys(texts) if t not in found]
        if new:
            if len(self._cache) + len(new) > MAX_CACHE:
                self._cache.clear()  # bounded; what this call needs is kept in `found`
            for t, v in zip(new, self.embedder.embed(new), strict=True):
                self._cache[t] = found[t] = v
        return np.stack([found[t] for t in texts])

    def gram_scores(self, grams: list[str]) -> np.ndarray:
        """``(len(grams), n_relations)`` similarity of each word group to each relation name."""
        if not grams or not self.relations:
            return np.zeros((len(grams), len(self.relations)), np.float32)
        sims = self.embed(grams) @ self._rel_vecs.T
        out = np.full((len(grams), len(self.relations)), -1.0, np.float32)
        np.maximum.at(out.T, self._owner, sims.T)
        return out

    def mentions(self, words: list[str], skip: range) -> list[RelationMention]:
        """Relation mentions among ``words`` (outside ``skip``, the entity), best first."""
        grams = question_grams(words, skip)
        if not grams:
            return []
        scores = self.gram_scores([g for g, _, _ in grams])
        found: list[RelationMention] = []
        for (gram, a, b), row in zip(grams, scores, strict=True):
            for j, r in enumerate(self.relations):
                if any(_stem_match(w, v) for w in gram.split() if w not in STOPWORDS for v in self.words[r]):
                    found.append(RelationMention(r, a, b, max(LEXICAL_SCORE, float(row[j]))))
            order = np.argsort(-row)
            best = float(row[order[0]])
            second = float(row[order[1]]) if len(order) > 1 else -1.0
            if best >= EMBED_MIN and best - second >= EMBED_MARGIN:
                found.append(RelationMention(self.relations[order[0]], a, b, best))
        if self.classifying:
            found += [RelationMention(self.classifying, i, i + 1, LEXICAL_SCORE) for i in class_cues(words, skip)]
        if self.descriptor:
            cue = next((i for i, w in enumerate(words) if w in DESCRIPTOR_CUES and i not in skip), None)
            if cue is not None:  # "which topics is X about" names it once
                found.append(RelationMention(self.descriptor, cue, cue + 1, LEXICAL_SCORE))
        found.sort(key=lambda m: (-m.score, m.start))
        return found


def _content_words(relation: str) -> list[str]:
    return [w for w in phrase(relation).split() if w not in STOPWORDS] or phrase(relation).split()


def question_grams(words: list[str], skip: range) -> list[tuple[str, int, int]]:
    """Single words and word pairs outside ``skip`` that are not only stopwords."""
    out = []
    for n in (1, 2):
        for i in range(len(words) - n + 1):
            if any(k in skip for k in range(i, i + n)):
                continue
            span = words[i:i + n]
            if all(w in STOPWORDS for w in span):
                continue
            out.append((" ".join(span), i, i + n))
    return out


def mention_spans(
    mentions: list[RelationMention], words: list[str] | None = None
) -> dict[str, list[tuple[int, int, float]]]:
    """Per relation, its disjoint mention spans, strongest score kept.

    Overlapping grams merge; so do two spans that match different words of the
    relation's name when only stopwords separate them ("released in which
    years"), or when the question names no other relation ("what year was X
    released"): "release_year" is named once; and a relative clause restating the
    noun before it ("the director that directed X").
    """
    by_rel: dict[str, list[tuple[int, int, float]]] = {}
    named = {m.relation for m in mentions}
    for m in sorted(mentions, key=lambda m: (m.relation, m.start)):
        spans = by_rel.setdefault(m.relation, [])
        alone = named == {m.relation}
        if spans and (
            m.start < spans[-1][1]
            or _split_name(words, m.relation, spans[-1], m, alone)
            or _relative_clause(words, spans[-1], m)
        ):
            a, b, s = spans[-1]
            spans[-1] = (a, max(b, m.end), max(s, m.score))
        else:
            spans.append((m.start, m.end, m.score))
    return by_rel


RELATIVE_PRONOUNS = frozenset({"that", "who", "which", "whom"})


def _relative_clause(words: list[str] | None, prev: tuple[int, int, float], m: RelationMention) -> bool:
    """True when ``m`` only restates ``prev`` in a relative clause: "the *director* that
    *directed* X", "the *writer* who *wrote* X" name one relation, not a round trip."""
    if not words:
        return False
    gap = words[prev[1]:m.start]
    if not gap and prev[1] > prev[0]:  # the pronoun ended the earlier span ("director that")
        gap = words[prev[1] - 1:prev[1]]
    return len(gap) == 1 and gap[0] in RELATIVE_PRONOUNS


def _split_name(
    words: list[str] | None,
    relation: str,
    prev: tuple[int, int, float],
    m: RelationMention,
    alone: bool = False,
) -> bool:
    """True when ``prev`` and ``m`` are two halves of one multi-word relation name: each
    matches a different word of the name, and only stopwords separate them (any words,
    up to ``MAX_SPLIT_GAP``, when ``alone``: no other relation is named)."""
    if not words:
        return False
    gap = words[prev[1]:m.start]
    if not (len(gap) <= 3 and all(w in STOPWORDS for w in gap)) and not (alone and len(gap) <= MAX_SPLIT_GAP):
        return False
    rel_words = [w for w in phrase(relation).split() if w not in STOPWORDS]
    first = {v for v in rel_words for w in words[prev[0]:prev[1]] if _stem_match(w, v)}
    second = {v for v in rel_words for w in words[m.start:m.end] if _stem_match(w, v)}
    return bool(first and second and first.isdisjoint(second))


def assign_words(mentions: list[RelationMention]) -> list[RelationMention]:
    """Keep, for each word, only the mentions of its strongest relation (a word names one relation)."""
    best: dict[int, float] = {}
    for m in mentions:
        for k in range(m.start, m.end):
            best[k] = max(best.get(k, 0.0), m.score)
    return [m for m in mentions if all(m.score >= best[k] - 1e-6 for k in range(m.start, m.end))]
