"""Reading the retrieved chunks for the sentence that answers, by meaning.

Every sentence, list item and table row of the top hits (``units``) is scored for
answering the question: the embedder's cosine of the question with the sentence alone
and with the sentence in its section ("Paid parental leave > About PPL: You need to
have been a federal employee for 12 months"), plus the chunk's retrieval score, the
idf-weighted share of the question's words, and whether the sentence holds an answer of
the asked type (a duration for "how long", a name for "which tool"). Shared words add
evidence but gate nothing: people paraphrase ("let go before my first anniversary" for
"with the company for less than 1 year") and the cosine carries that.

How sure the reading is comes from one calibrated score (``abstain.py``).

Sentence vectors are cached by text (document side only): a handbook's sentences recur
across questions, and the vector of a text never changes under one embedder.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np

from reasoner.solvers.rag import abstain, align, sentence_model
from reasoner.solvers.rag import extract as rag_extract
from reasoner.solvers.rag.answer_type import NAME_KINDS, TYPED_KINDS, QuestionType, question_type
from reasoner.solvers.rag.extract import lexical_share
from reasoner.solvers.rag.grounding import STOPWORDS, content_terms
from reasoner.solvers.rag.lm_score import LMRerank
from reasoner.solvers.rag.sentence_model import SentenceModel
from reasoner.solvers.rag.spans import Span, best_span, extreme_spans, has_span, holds_question_amount, spans
from reasoner.solvers.rag.units import Unit, units_of_hits
from reasoner.text import wordnet
from reasoner.text.stem import suffix_stem
from reasoner.text.tokens import word_tokens
from reasoner.types import Hit


class Embedder(Protocol):
    """What the reader needs of an embedder (``reasoner.retrieval.embedder.Embedder``)."""

    dim: int

    def embed(self, texts: list[str]) -> np.ndarray: ...


# texts -> the vectors an index stores for them (``KnowledgeIndex.stored_vectors``), absent when not stored
StoredVectors = Callable[[list[str]], dict[str, np.ndarray]]


@dataclass(frozen=True)
class Weights:
    """How the evidence of one candidate adds up (chosen on the 18F paraphrased set; see
    benchmarks/notes/kb.md: a listwise fit on either set did no better on the other).

    Attributes:
        sentence: cosine of the question with the sentence alone.
        context: cosine of the question with section path + sentence.
        retrieval: the hit's fused retrieval score.
        lexical: idf-weighted share of the question's terms in the sentence.
        lexical_context: the same share counting the section path.
        typed: the sentence holds a span of the asked type.
        unit: the sentence holds such a span in the question's unit ("how many weeks": "4 to 6 weeks").
        untyped_penalty: a typed question's candidate without such a span, when others have one.
        question_penalty: the candidate is itself a question ("Do we sign NDAs?" answers nothing).
        window: for the ``window_top`` best, the cosine read with the previous or next sentence
            of its chunk, when higher than alone ("Kev brought his whole self ..." answers "who is
            the award named after" only after "The award honours Kevin Walsh").
        window_top: how many of the best candidates are read with their neighbours.
        bound: the candidate bounds an amount the question states, and the question's amount lies
            inside ("between 3 and 15 years" for "someone with 10 years in government earns ...";
            "3 weeks or longer" for "I'll be out for four straight weeks"): a conditional line
            that applies to the asker.
        extreme: the question asks for a bound ("the maximum length", "at least how long") and the
            candidate states one in that direction ("limited to 15 minutes").
        slot: a name or contact question's candidate says the question's verb of a span of the asked
            type ("We recommend using KeePassXC" for "which password manager does TTS suggest?";
            ``extract.slot_filled``).
        align: for the ``align_top`` best, the recall of the question's words in the candidate read
            in context (``align.py``), added at this weight (0: off, the default; session 13).
        align_top: how many of the best candidates are aligned for ranking.
    """

    sentence: float = 0.3
    context: float = 0.3
    retrieval: float = 0.2
    lexical: float = 0.1
    lexical_context: float = 0.1
    typed: float = 0.1
    unit: float = 0.05
    untyped_penalty: float = 1.0
    question_penalty: float = 0.2
    window: float = 0.3
    window_top: int = 5
    align: float = 0.0
    align_top: int = 5
    bound: float = 0.1
    extreme: float = 0.1
    slot: float = 0.1


@dataclass(frozen=True)
class Scored:
    """One candidate with its evidence.

    Attributes:
        unit: the candidate sentence, item or row.
        score: the combined score (higher is better).
        cos: cosine with the question (sentence alone).
        cos_context: cosine with the question, in context.
        lexical: idf-weighted share of the question's terms.
        typed: whether it holds a span of the asked type.
        hit_score: its chunk's retrieval score.
        lexical_context: the share of the question's terms counting the section path.
        window: the best cosine read with its previous or next sentence (the best few only; None
            for the others).
        in_unit, bounded, untyped, asks: the ranking's unit, bound and untyped-penalty terms, and
            whether the candidate is itself a question (for ``sentence_model``).
        extreme: it states a bound in the direction the question asks ("limited to 15 minutes").
        slot: it says the question's verb of a span of the asked type.
    """

    unit: Unit
    score: float
    cos: float
    cos_context: float
    lexical: float
    typed: bool
    hit_score: float
    lexical_context: float = 0.0
    window: float | None = None
    in_unit: bool = False
    bounded: bool = False
    untyped: bool = False
    asks: bool = False
    extreme: bool = False
    slot: bool = False


@dataclass
class Reading:
    """What reading the hits found.

    Attributes:
        qtype: the question's answer type.
        ranked: candidates, best first.
        span: the short answer in the best candidate (None: no typed span found).
        question: the question (or part) that was read.
        probability: the calibrated probability that the best candidate answers the question.
        features: the abstention model's inputs, for the notes and for refitting.
    """

    qtype: QuestionType
    ranked: list[Scored] = field(default_factory=list)
    question: str = ""
    span: Span | None = None
    probability: float = 0.0
    features: dict[str, float] = field(default_factory=dict)

    @property
    def best(self) -> Scored | None:
        return self.ranked[0] if self.ranked else None


class VectorCache:
    """An LRU of sentence vectors keyed by text; misses are taken from ``stored`` (the index's
    sentence vectors, ``reasoner.retrieval.sentences``) where it has them, the rest embedded in one call."""

    def __init__(self, embedder: Embedder, max_entries: int = 50_000, stored: StoredVectors | None = None) -> None:
        self.embedder, self.max_entries, self.stored = embedder, max_entries, stored
        self._vecs: OrderedDict[str, np.ndarray] = OrderedDict()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._vecs))
        if missing and self.stored is not None:
            self._vecs.update(self.stored(missing))
            missing = [t for t in missing if t not in self._vecs]
        if missing:
            for t, v in zip(missing, self.embedder.embed(missing), strict=True):
                self._vecs[t] = v
        out = np.stack([self._vecs[t] for t in texts]) if texts else np.zeros((0, self.embedder.dim), np.float32)
        for t in texts:
            self._vecs.move_to_end(t)
        while len(self._vecs) > self.max_entries:
            self._vecs.popitem(last=False)
        return out


class Reader:
    """Scores the units of the hits for one question and picks the answer span.

    Args:
        embedder: the loaded sentence embedder (MiniLM in the product).
        weights: how the evidence adds up.
        cache_size: sentence vectors kept between questions.
        coef: the calibrated score's coefficients (default ``abstain.COEF``).
        model: a learned answer-sentence model (``sentence_model``): when given, it reorders the
            candidates and its answer score is the reading's probability (the hand score's
            features stay in ``Reading.features``, the model's are added as ``model_*``).
        stored: the index's sentence vectors (``KnowledgeIndex.stored_vectors``): candidates found
            there are not embedded (None: every candidate is embedded on first use).
        lm: an LM reranking of the unsure readings (``lm_score.LMRerank``; None, the default: off).
    """

    def __init__(
        self, embedder: Embedder, *, weights: Weights | None = None, cache_size: int = 50_000,
        coef: dict[str, float] | None = None, model: SentenceModel | None = None,
        stored: StoredVectors | None = None, lm: LMRerank | None = None,
    ) -> None:  # fmt: skip
        self.embedder = embedder
        self.weights = weights or Weights()
        self.cache = VectorCache(embedder, cache_size, stored)
        self.coef = coef or abstain.COEF
        self.model = model
        self.aligner = align.Aligner.of(embedder)
        self.lm = lm

    def read(
        self, question: str, hits: Sequence[Hit], *, qtype: QuestionType | None = None, background: float | None = None
    ) -> Reading:
        """Rank the candidates of ``hits`` for ``question`` and score the best one.

        ``background``: the question's mean cosine with its nearest chunks in the knowledge base
        (``abstain.background_of``), what the best sentence's cosine is measured against.
        """
        qtype = qtype or question_type(question)
        units = units_of_hits(hits)
        if not units:
            reading = Reading(qtype, question=question)
            reading.features = abstain.features(reading, hits, background)
            return reading
        ranked = self._rank(question, qtype, units, hits)
        if self.weights.align > 0 and self.aligner is not None:
            ranked = self._realigned(question, ranked, hits)
        reading = Reading(qtype, ranked, question)
        model_feats: dict[str, float] = {}
        if self.model is not None:
            unknown = bool(abstain.unknown_names(question, hits))
            reading.ranked, prob, model_feats = sentence_model.rerank(reading, self.model, unknown)
        reading.span = self._span(question, qtype, reading.ranked[0].unit)
        reading.features = abstain.features(reading, hits, background)
        reading.features.update(self._aligned(question, reading, hits))
        reading.probability = abstain.probability(reading.features, self.coef)
        if self.model is not None:
            reading.features.update({f"model_{k}": v for k, v in model_feats.items()})
            reading.probability = prob
        elif self.lm is not None and self.lm.applies(reading.probability):
            reading.ranked = self.lm.rerank(question, reading.ranked)
            reading.span = self._span(question, qtype, reading.ranked[0].unit)
            reading.features = {**abstain.features(reading, hits, background), "lm": 1.0}
            reading.features.update(self._aligned(question, reading, hits))
            reading.probability = abstain.probability(reading.features, self.coef)
        return reading

    def _aligned(self, question: str, reading: Reading, hits: Sequence[Hit]) -> dict[str, float]:
        """The best ``align.TOP`` candidates' word alignment with the question, in context (zeros when
        the embedder gives no token vectors, or when the score reads none and ``align.RECORD`` is off)."""
        if self.aligner is None or not (align.RECORD or any(k in align.FEATURES for k in self.coef)):
            return dict.fromkeys(align.FEATURES, 0.0)
        return self.aligner.features(question, [s.unit.in_context for s in reading.ranked[: align.TOP]], hits)

    def _realigned(self, question: str, ranked: list[Scored], hits: Sequence[Hit]) -> list[Scored]:
        """The best ``align_top`` lifted by their word alignment with the question (``Weights.align``)."""
        assert self.aligner is not None
        w = self.weights
        head = ranked[: w.align_top]
        per = self.aligner.per_text(question, [s.unit.in_context for s in head], hits)
        if not per:
            return ranked
        most = max(p["recall"] for p in per)  # the best-aligned keeps its score, so the score's level holds
        lifted = [replace(s, score=round(s.score + w.align * (p["recall"] - most), 6))
                  for s, p in zip(head, per, strict=True)]  # fmt: skip
        return sorted(lifted, key=lambda s: (-s.score, s.unit.hit, s.unit.position)) + ranked[len(head) :]

    def _rank(self, question: str, qtype: QuestionType, units: list[Unit], hits: Sequence[Hit]) -> list[Scored]:
        q = self.embedder.embed([question])[0]
        sent = self.cache.embed([u.text for u in units]) @ q
        ctx = self.cache.embed([u.in_context for u in units]) @ q
        terms = rag_extract.question_terms(question)
        idf = rag_extract.idf_weights([u.text for u in units])
        check = qtype.kind in TYPED_KINDS or qtype.kind in NAME_KINDS
        typed = [check and has_span(u.text, qtype, question) for u in units]
        any_typed = any(typed) and check
        in_unit = [t and _in_unit(u.text, qtype) for t, u in zip(typed, units, strict=True)]
        acronyms = _acronyms(question)
        forms = term_forms(question, terms)
        w = self.weights
        bounded = [w.bound > 0 and holds_question_amount(question, u.text) for u in units]
        extreme = [w.extreme > 0 and qtype.numeric and bool(extreme_spans(question, u.text)) for u in units]
        texts = [_with_acronym_words(_spelled_out(u.text, acronyms), question) for u in units]
        slot_qtype = rag_extract.slot_type(qtype) if w.slot > 0 else None
        verbs = rag_extract.question_verbs(question) if slot_qtype is not None else []
        slot = [bool(verbs) and (typed[i] or slot_qtype is not qtype) and rag_extract.slot_filled(question, u.text, slot_qtype, verbs)
                for i, u in enumerate(units)]  # fmt: skip
        out = []
        for i, u in enumerate(units):
            text = texts[i]
            have = content_terms(text)  # the sentence's terms, then with its section path and lead-in
            lex = lexical_share(forms, have, idf)
            lex_ctx = lexical_share(forms, have | content_terms(f"{u.context} {u.lead}"), idf)
            hs = hits[u.hit].score
            score = (
                w.sentence * float(sent[i]) + w.context * float(ctx[i]) + w.retrieval * hs
                + w.lexical * lex + w.lexical_context * lex_ctx + w.typed * typed[i] + w.unit * in_unit[i]
                - w.untyped_penalty * (any_typed and not typed[i])
                - w.question_penalty * u.text.rstrip().endswith("?") + w.bound * bounded[i]
                + w.extreme * extreme[i] + w.slot * slot[i]
            )  # fmt: skip
            out.append(Scored(
                u, round(score, 6), float(sent[i]), float(ctx[i]), lex, typed[i], hs, lex_ctx,
                in_unit=in_unit[i], bounded=bounded[i], untyped=any_typed and not typed[i],
                asks=u.text.rstrip().endswith("?"), extreme=extreme[i], slot=slot[i],
            ))  # fmt: skip
        ranked = sorted(out, key=lambda s: (-s.score, s.unit.hit, s.unit.position))
        return self._with_neighbours(q, ranked, units)

    def _with_neighbours(self, q: np.ndarray, ranked: list[Scored], units: list[Unit]) -> list[Scored]:
        """The best few read again with the sentence before and after them in their chunk."""
        w = self.weights
        head = ranked[: w.window_top]
        if not head or w.window <= 0:
            return ranked
        at = {(u.hit, u.position): u for u in units}
        texts = []
        for s in head:
            before, after = at.get((s.unit.hit, s.unit.position - 1)), at.get((s.unit.hit, s.unit.position + 1))
            texts += [f"{before.text} {s.unit.text}" if before else s.unit.text,
                      f"{s.unit.text} {after.text}" if after else s.unit.text]  # fmt: skip
        cos = (self.cache.embed(texts) @ q).reshape(len(head), 2).max(axis=1)
        lifted = [
            replace(s, score=round(s.score + w.window * max(0.0, float(c) - s.cos), 6), window=max(s.cos, float(c)))
            for s, c in zip(head, cos, strict=True)
        ]
        return sorted(lifted + ranked[len(head) :], key=lambda s: (-s.score, s.unit.hit, s.unit.position))

    def _span(self, question: str, qtype: QuestionType, unit: Unit) -> Span | None:
        terms = rag_extract.question_terms(question)
        anchors = [m.start() for m in re.finditer(r"[A-Za-z0-9']+", unit.text) if suffix_stem(m.group().lower()) in terms]
        typed_slot = self.weights.slot > 0 and rag_extract.slot_type(qtype) is qtype
        points = rag_extract.slot_points(question, unit.text) if typed_slot else []
        prefer = (lambda sp: rag_extract.fills_slot(unit.text, sp, points)) if points else None  # "called Connect"
        return best_span(question, unit.text, qtype, anchors, prefer)


_ACRONYM = re.compile(r"\b([A-Z]{2,6})s?\b")
_SKIP = frozenset({"of", "and", "the", "for", "to", "&"})


def _acronyms(question: str) -> list[str]:
    """The question's acronyms ("PIP", "PTO"), the sources may spell them out."""
    return list(dict.fromkeys(m.group(1) for m in _ACRONYM.finditer(question)))


def _spelled_out(text: str, acronyms: list[str]) -> str:
    """``text`` plus each acronym whose words it spells out ("Performance improvement periods"
    for "PIP"), so a sentence that writes the words matches a question that writes the letters."""
    if not acronyms:
        return text
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", text) if w.lower() not in _SKIP]
    initials = "".join(w[0].lower() for w in words)
    extra = [a for a in acronyms if a.lower() in initials and a not in text]
    return f"{text} {' '.join(extra)}" if extra else text


def _in_unit(text: str, qtype: QuestionType) -> bool:
    """A span of the asked type in the question's unit ("how many weeks": "4 to 6 weeks")."""
    if not qtype.noun:
        return False
    noun = suffix_stem(qtype.noun)
    return any(noun in s.unit.split() for s in spans(text, qtype))


# a question word met by a synonym of its most frequent sense ("yearly" for "annual") counts this share
# of the word's weight; its own base form ("stored" for "store") counts in full
SYNONYM_SHARE = 1.0


def term_forms(question: str, terms: set[str]) -> dict[str, dict[str, float]]:
    """Each question term (a stem) -> the stems that stand for it in a sentence, with how much they
    count: itself and its WordNet base forms (1), the one-word synonyms of its most frequent sense
    in each part of speech (``SYNONYM_SHARE``). People paraphrase; WordNet knows which words mean
    the same."""
    forms: dict[str, dict[str, float]] = {t: {t: 1.0} for t in terms}
    for w in dict.fromkeys(word_tokens(question)):
        t = suffix_stem(w)
        if t not in forms or w in STOPWORDS:
            continue
        for stem, share in _word_forms(w).items():
            if share > forms[t].get(stem, 0.0):
                forms[t][stem] = share
    return forms


_FORMS_CACHE: dict[str, dict[str, float]] = {}


def _word_forms(word: str) -> dict[str, float]:
    if word in _FORMS_CACHE:
        return _FORMS_CACHE[word]
    wn = wordnet.load()
    out: dict[str, float] = {}
    if wn is not None and word.isalpha():
        for pos in ("n", "v", "a", "r"):
            for base in wn.base_forms(word, pos):
                out[suffix_stem(base)] = 1.0
        for other, how in wn.related(word, max_senses=1).items():
            if how >= wordnet.SYNONYM and " " not in other and "-" not in other and other not in STOPWORDS:
                out.setdefault(suffix_stem(other.lower()), SYNONYM_SHARE)
    if len(_FORMS_CACHE) > 20_000:
        _FORMS_CACHE.clear()
    _FORMS_CACHE[word] = out
    return out


_SENTENCE_ACRONYM = re.compile(r"\b([A-Z]{3,6})s?\b")


def _with_acronym_words(text: str, question: str) -> str:
    """``text`` plus the question's words that an acronym of it stands for ("RPA" for a question
    saying "resource planning analyst"): consecutive content words whose initials spell it."""
    found = _SENTENCE_ACRONYM.findall(text)
    if not found:
        return text
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", question) if w.lower() not in _SKIP]
    initials = "".join(w[0].lower() for w in words)
    extra = []
    for a in dict.fromkeys(found):
        at = initials.find(a.lower())
        if at >= 0:
            extra += words[at : at + len(a)]
    return f"{text} {' '.join(extra)}" if extra else text
