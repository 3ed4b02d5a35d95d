"""Learned scores: how surely the question names each relation, and how surely a plan is right.

The hand-weighed signals of :mod:`reasoner.solvers.graph.scoring` choose the path; they do not
know when a relation word was not understood (a new graph's idiom, a word no dictionary
links). Two logistic models, fitted on graphs whose gold paths are known and checked on
other graphs (``benchmarks/train_graph_confidence.py`` writes ``confidence_model.json``):

- a **word-relation score**: for every word or word pair of the question and every relation,
  the sentence model's cosine with the relation's name and its lead over the other names,
  a shared stem, the WordNet link and its strength, how specific the name is, and the
  mention the lexicon kept; per relation, what the graph says of it (does what it reaches
  fit what is asked, how many relations the graph has). A relation's score is its best
  word's (multiple-instance: the word naming it is not labelled, the relation is):
  ``P(relation on the gold path | question)``;
- a **plan score**: the scoring's own confidence, the weakest hop's relation score, the
  strongest score of a relation the path leaves out, hops no word names:
  ``P(the first answer is right)``, the confidence the engine compares with ``ACCEPT``.

Features name no relation and no wording: they are read from the graph's own names and
statistics, WordNet and the sentence model. Without the file the scoring's confidence stands.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from reasoner.solvers.graph.link import is_content_word

PATH = Path(__file__).with_name("confidence_model.json")

# per (word group, relation)
WORD_FEATURES = ("cos", "lead", "phrase_cos", "stem", "wordnet", "wordnet_main", "wordnet_gated",
                 "wordnet_specific", "mention", "pair")
# per relation, the same for every word group of a question
RELATION_FEATURES = ("fit", "clash", "asks_noun", "log_relations")
# per plan
PLAN_FEATURES = ("logit", "margin", "score", "hops", "unnamed", "min_named", "max_left_out",
                 "rank_named", "least_word", "end_fit", "end_clash", "hop_tie", "inexact", "low_fit", "repeated")
# The sign each plan weight must have (0: free), from what the feature means: a surer scoring, a
# better-named hop, a better-read word or a better fit cannot make the answer less likely right;
# a strongly named relation left out, an unnamed hop or a clash cannot make it more likely.
PLAN_SIGNS = {"logit": 1, "margin": 1, "unnamed": -1, "min_named": 1, "max_left_out": -1, "rank_named": -1,
              "least_word": 1, "end_fit": 1, "end_clash": -1, "low_fit": -1}
MAX_CACHE = 50_000  # word groups whose stem matches are kept per lexicon
NAMED_FLOOR = 1e-3  # relation scores are read as logits, clipped here
NAMED = 0.5  # a hop whose relation scores below this is named by no word of the question (more likely not than so)


def logit(p: float) -> float:
    p = min(1.0 - NAMED_FLOOR, max(NAMED_FLOOR, p))
    return math.log(p / (1.0 - p))


def _sigmoid(x: np.ndarray | float) -> np.ndarray | float:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -30.0, 30.0)))


@dataclass(frozen=True)
class ConfidenceModel:
    """The two fitted models (weights in the order of the feature names above)."""

    word: np.ndarray  # len(WORD_FEATURES) + len(RELATION_FEATURES)
    word_bias: float
    plan: np.ndarray  # len(PLAN_FEATURES)
    plan_bias: float
    accept_at: float = 0.5  # the probability of being right the engine's ACCEPT stands for (see ``confidence``)
    trained_on: tuple[str, ...] = ()

    def word_scores(self, words: np.ndarray, relations: np.ndarray) -> np.ndarray:
        """``(n_groups, n_rel)`` logits that each word group (``words``: ``(n_groups, n_rel, k)``)
        names each relation (``relations``: ``(n_rel, m)``, the relation's own features)."""
        k = len(WORD_FEATURES)
        return words @ self.word[:k] + (relations @ self.word[k:] + self.word_bias)[None, :]

    def relation_scores(self, words: np.ndarray, relations: np.ndarray) -> np.ndarray:
        """``P(relation on the path)`` per relation: its best word group's score (none: the
        relation's own features alone)."""
        if words.shape[0] == 0:
            k = len(WORD_FEATURES)
            return _sigmoid(relations @ self.word[k:] + self.word_bias)
        return _sigmoid(self.word_scores(words, relations).max(axis=0))

    def least_word(self, words: np.ndarray, relations: np.ndarray, open_words: np.ndarray) -> float:
        """The probability that the question's worst-read open word names its best relation: a
        content word no relation explains (an idiom, a word no dictionary links) is the sign of a
        misread question. 1 when the question has no open word."""
        if not open_words.any():
            return 1.0
        best = self.word_scores(words[open_words], relations).max(axis=1)
        return float(_sigmoid(best.min()))

    def plan_probability(self, x: np.ndarray) -> float:
        """``P(the first answer is right)`` from the plan's features ``x``."""
        return float(_sigmoid(float(x @ self.plan) + self.plan_bias))

    def plan_confidence(self, x: np.ndarray, accept: float) -> float:
        """The plan's probability moved on the logit scale so that ``accept`` (the engine's
        threshold) stands where ``accept_at`` does: the probability of being right at which
        the scoring's own confidence reached ``accept`` on the training graphs, so a graph
        like those keeps answers about as before and one read worse keeps fewer."""
        p = self.plan_probability(x)
        return float(_sigmoid(logit(p) - logit(self.accept_at) + logit(accept)))

    def to_json(self) -> str:
        return json.dumps({
            "word": {"bias": round(self.word_bias, 4),
                     **{n: round(float(w), 4) for n, w in zip(WORD_FEATURES + RELATION_FEATURES, self.word, strict=True)}},
            "plan": {"bias": round(self.plan_bias, 4),
                     **{n: round(float(w), 4) for n, w in zip(PLAN_FEATURES, self.plan, strict=True)}},
            "accept_at": round(self.accept_at, 4),
            "trained_on": list(self.trained_on),
        }, indent=1) + "\n"


def from_dict(d: dict) -> ConfidenceModel:
    word = np.array([d["word"][n] for n in WORD_FEATURES + RELATION_FEATURES], np.float64)
    plan = np.array([d["plan"][n] for n in PLAN_FEATURES], np.float64)
    return ConfidenceModel(word, float(d["word"]["bias"]), plan, float(d["plan"]["bias"]),
                           float(d.get("accept_at", 0.5)), tuple(d.get("trained_on", ())))


def load(path: Path = PATH) -> ConfidenceModel | None:
    """The shipped model, or None when the file is missing (the scoring's confidence stands)."""
    if not path.is_file():
        return None
    return from_dict(json.loads(path.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class PlanReading:
    """What the learned scores say of a plan's question: each relation's score, and the worst-read word."""

    named: dict[str, float]
    least_word: float = 1.0
    equivalents: dict[str, list[str]] = field(default_factory=dict)  # relations linking the same pairs

    def unnamed(self, hops: list[str]) -> bool:
        """Whether some hop's relation is more likely named by no word of the question than by one."""
        return any(self.of(r) < NAMED for r in hops)

    def of(self, relation: str) -> float:
        """The relation's score, or its equivalent's when higher ("report to" names ``manager`` too)."""
        return max([self.named.get(relation, 0.0)] + [self.named.get(e, 0.0) for e in self.equivalents.get(relation, ())])


def plan_features(conf: float, margin: float, score: float, hops: list[str], unnamed: int, reading: PlanReading,
                  end_fit: float, hop_tie: bool, exact: bool, fit: float) -> np.ndarray:
    """The plan's features (:data:`PLAN_FEATURES`): ``hops`` the relations it walks (every branch),
    ``end_fit`` how its last hop's values fit what is asked (-1 to 1)."""
    named = reading.named
    on = set(hops) | {e for r in hops for e in reading.equivalents.get(r, ())}
    lg = [logit(reading.of(r)) for r in hops] or [0.0]
    left = [logit(p) for r, p in named.items() if r not in on]
    order = sorted(named.values(), reverse=True)
    rank = max((order.index(reading.of(r)) for r in hops if r in named), default=0)
    return np.array([logit(conf), min(max(margin, -2.0), 2.0), min(max(score, -3.0), 5.0), len(hops), unnamed,
                     min(lg), max(left, default=logit(NAMED_FLOOR)),
                     min(rank, 3), logit(reading.least_word), max(end_fit, 0.0), float(end_fit < 0),
                     float(hop_tie), float(not exact), max(0.0, 0.5 - fit), float(len(set(hops)) < len(hops))],
                    np.float64)


def word_features(lexicon, words: list[str], skip: range | set[int],
                  literal: set[int] | frozenset[int] = frozenset()) -> tuple[np.ndarray, np.ndarray]:
    """``(n_groups, n_relations, len(WORD_FEATURES))``: each word and word pair outside ``skip``
    (the entity) against each relation of ``lexicon`` (a :class:`~reasoner.solvers.graph.question.Lexicon`);
    and which groups are open words: one content word that says neither what the answers or the
    entity are (``literal``), nor which kind of answer is asked (a wh-word), nor sharing."""
    from reasoner.solvers.graph.question import SHARE_CUES, STOPWORDS, WH_KINDS, question_grams, sense_gate

    grams = question_grams(words, skip)
    n_rel = len(lexicon.relations)
    out = np.zeros((len(grams), n_rel, len(WORD_FEATURES)), np.float64)
    open_words = np.array([b - a == 1 and a not in literal and is_content_word(g) and g not in WH_KINDS
                           and g != "when" and g not in SHARE_CUES for g, a, b in grams], bool)
    if not grams or not n_rel:
        return out, open_words
    texts = [g for g, _, _ in grams]
    cos = lexicon.gram_scores(texts).astype(np.float64)
    pcos = lexicon.phrase_scores(texts).astype(np.float64)
    top2 = np.sort(cos, axis=1)[:, ::-1]
    second = top2[:, 1:2] if n_rel > 1 else np.full((len(grams), 1), -1.0)
    best_other = np.where(cos >= top2[:, :1], second, top2[:, :1])
    kept: dict[tuple[int, int, str], float] = {}
    for m in lexicon.mentions(words, skip, literal):
        key = (m.start, m.end, m.relation)
        kept[key] = max(kept.get(key, 0.0), m.score)
    index = {r: j for j, r in enumerate(lexicon.relations)}
    stems = lexicon.__dict__.setdefault("_learned_stems", {})  # gram -> shares a stem with each relation's name
    if len(stems) > MAX_CACHE:
        stems.clear()
    for i, (gram, a, b) in enumerate(grams):
        content = [w for w in gram.split() if w not in STOPWORDS]
        if gram not in stems:
            stems[gram] = np.array([any(lexicon._names_word(w, v) for w in content
                                        for v in lexicon.words[r] + lexicon.back_words[r])
                                    for r in lexicon.relations], np.float64)
        out[i, :, 0] = cos[i]
        out[i, :, 1] = cos[i] - best_other[i]
        out[i, :, 2] = pcos[i]
        out[i, :, 3] = stems[gram]
        out[i, :, 9] = float(b - a > 1)
        for (start, end, r), score in kept.items():
            if (start, end) == (a, b):
                out[i, index[r], 8] = score
        if b - a == 1 and content and a not in literal:
            for r, sense in lexicon.senses.of(content[0]).items():
                j = index[r]
                out[i, j, 4] = sense.score
                out[i, j, 5] = float(sense.main)
                out[i, j, 6] = sense.score * (1.0 if sense.main else sense_gate(float(pcos[i, j])))
                out[i, j, 7] = sense.score * lexicon.specificity[r]
    return out, open_words
