"""RagSolver: retrieval, then the cheapest grounded answer.

Order of work: retrieve; abstain when retrieval is weak; answer from the
supporting sentence alone when it clearly suffices (no model call); otherwise ask
the LLM with numbered sources, check that the reply is grounded in what it cites,
and fall back to the supporting sentence or abstain when it is not. With
``budget.effort == "high"`` extra samples are drawn, the grounding verifier picks
the best, and one revision step tries to repair it; a greedy answer that
verifies, or a greedy refusal, ends the work there (early exit).

Generations can be remembered (``generations``): the key is the model and a
hash of the whole prompt, so a changed source is a different prompt; each entry
also records the chunk hashes in its prompt, so re-indexing drops it.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from reasoner.errors import ReasonerError
from reasoner.llm.base import LLM, Generation, supports_grammar
from reasoner.llm.grammar import MAX_SOURCES, cited_answer_grammar
from reasoner.solvers.limits import until_deadline
from reasoner.solvers.rag import abstain, sentence_model
from reasoner.solvers.rag import extract as rag_extract
from reasoner.solvers.rag.answer_type import question_type
from reasoner.solvers.rag.grounding import strip_citations
from reasoner.solvers.rag.lm_score import LMRerank
from reasoner.solvers.rag.parts import part_query, repeats, reread_apart, split_parts
from reasoner.solvers.rag.prompt import ABSTAIN_TEXT, build_messages, revision_messages, source_label
from reasoner.solvers.rag.reader import Reader, StoredVectors
from reasoner.solvers.rag.reply import PartAnswer, compose
from reasoner.solvers.rag.select import Candidate, choose, judge, renumber_citations, with_citations
from reasoner.types import Answer, Budget, Context, Cost, EffortOutcome, Estimate, Evidence, Hit, Query, Step

Search = Callable[[str, int], list[Hit]]


# "hand": the reader's hand-set ranking and the ``abstain_score``; "learned": the answer-sentence
# model trained on XQuAD (``sentence_model``; its ranker, answer score and threshold), falling
# back to "hand" when its weights cannot be read
READER_MODEL = "hand"
READER_MODELS = ("hand", "learned")

FULL_SUPPORT = 0.95  # a sentence with (nearly) every question term


@dataclass
class RagPayload:
    """What ``estimate`` found, so ``solve`` need not search again."""

    hits: list[Hit]
    extraction: rag_extract.Extraction | None = None
    parts: list[PartAnswer] = field(default_factory=list)


@dataclass
class _Run:
    """Book-keeping of one solve: steps and cost so far."""

    t0: float
    steps: list[Step] = field(default_factory=list)
    cost: Cost = field(default_factory=Cost)
    exhausted: bool = False
    effort: EffortOutcome | None = None


class RagSolver:
    """The "rag" route: numbered sources, citations, grounding check, abstention.

    Args:
        search: ``search(query, k) -> list[Hit]`` (e.g. ``KnowledgeIndex.search``).
        llm: the language model.
        k: sources retrieved per question.
        min_score: below this top hit score, retrieval is weak and the solver abstains.
        min_support: an answer from the supporting sentence alone needs this share of the question's terms.
        llm_min_support: below this share in every sentence, the LLM is not asked (abstain).
        extract_confidence: from this extraction confidence on, answer without the LLM.
        extractive_first: allow answers from the supporting sentence alone.
        max_source_chars: each source is cut to its most relevant sentences past this length.
        prompt_sources: sources the LLM prompt carries (0: all ``k``); the best ones by
            retrieval score, counting the one holding the best supporting sentence. All
            ``k`` are still read for the extractive answer. One source of at most 400
            characters answered as well as two of 600 on the KB sets with half the prompt
            tokens, most of an LLM answer's time (benchmarks/notes/llm.md, session 8).
        max_new_tokens: tokens one LLM reply may take (also bounded by the budget).
        embedder: the sentence embedder; given, answers are read by meaning (``reader.py``):
            the best sentence, list item or table row of the top ``reader_k`` hits and its typed
            span, answered without the LLM when the calibrated score reaches ``abstain_threshold``.
            None keeps the lexical gates above (the ``--route rag`` baseline).
        reader_k: hits read by the reader.
        abstain_threshold: the calibrated score an answer needs (default: the chosen score's).
        abstain_score: which fitted score of ``abstain.SCORES`` decides ("absolute", the default,
            or "background").
        reader_model: "hand" (the default: the reader's hand-set weights and ``abstain_score``) or
            "learned" (``sentence_model``: candidates re-ranked and the answer scored by the model
            trained on XQuAD, with its threshold; "hand" when the weights cannot be read).
        llm_kinds: answer kinds for which the LLM writes the reply (the reading's sentence stays
            the fallback when its reply is not grounded): "explain" questions want a description,
            not one sentence. Empty by default; other kinds gained nothing from the 135M model on
            the employee-worded sets (benchmarks/notes/kb.md).
        constrained: hold the model to the refusal or one sentence with citations of the shown
            sources (``llm.grammar.cited_answer_grammar``) where the backend enforces a grammar
            (llama.cpp): on 18F the bundled model then cites in 94% of its replies instead of 11%
            at the same accuracy (30.0%); on CivicActions 16.7% against 20.0% free, one question of
            30 (benchmarks/notes/llm.md). Other backends are asked as before.
        kb_size: the number of chunks in the knowledge base (the reader measures a question's
            background over a share of them, ``abstain.background_k``); None reads it from the
            index ``search`` belongs to where it can.
        stored_vectors: the index's stored sentence vectors (``KnowledgeIndex.stored_vectors``):
            the reader embeds only the candidates missing there (None: all of them, per question).
        lm_rerank: the reader's unsure readings reordered with a small LM's likelihood
            (``lm_score.LMRerank``); None (the default): off, it gained nothing measured.

    LLM replies are remembered by model and prompt hash in ``ctx.generations`` when the
    question's context has a store (the engine gives one only while memory is on).
    """

    name = "rag"

    def __init__(
        self,
        search: Search,
        llm: LLM,
        *,
        k: int = 4,
        min_score: float = 0.42,
        min_support: float = 0.5,
        llm_min_support: float = 0.25,
        extract_confidence: float = 0.85,
        extractive_first: bool = True,
        max_source_chars: int = 400,
        prompt_sources: int = 1,
        max_new_tokens: int = 64,
        embedder: Any = None,
        reader_k: int = 8,
        abstain_threshold: float | None = None,
        llm_kinds: frozenset[str] = frozenset(),
        constrained: bool = False,
        kb_size: Callable[[], int] | None = None,
        abstain_score: str = abstain.DEFAULT_SCORE,
        reader_model: str = READER_MODEL,
        stored_vectors: StoredVectors | None = None,
        lm_rerank: LMRerank | None = None,
    ) -> None:
        self.search, self.llm, self.k = search, llm, k
        self.min_score, self.min_support, self.llm_min_support = min_score, min_support, llm_min_support
        self.extract_confidence, self.extractive_first = extract_confidence, extractive_first
        self.max_source_chars, self.max_new_tokens = max_source_chars, max_new_tokens
        self.prompt_sources = prompt_sources
        score = self.score = abstain.SCORES[abstain_score]
        model = sentence_model.load() if reader_model == "learned" else None
        self.reader = (Reader(embedder, coef=score.coef, model=model, stored=stored_vectors, lm=lm_rerank)
                       if embedder is not None else None)  # fmt: skip
        self.reader_k = reader_k
        default = model.threshold if model is not None else score.threshold
        self.threshold = default if abstain_threshold is None else abstain_threshold
        self.llm_kinds = llm_kinds
        self.constrained = constrained
        self.kb_size = kb_size

    # -- estimate -----------------------------------------------------------------

    def estimate(self, query: Query, ctx: Context | None = None) -> Estimate:
        """Retrieve, and judge from the hit scores and the best supporting sentence.

        ``payload`` is a ``RagPayload`` holding the hits (and the reading, with a reader).
        """
        ctx = ctx or Context()
        if self.reader is not None:
            return self._estimate_read(query, ctx)
        hits = self._find(query.text, self.k, ctx)
        ext = rag_extract.extract(query.text, [h.chunk.text for h in hits]) if hits else None
        top = hits[0].score if hits else 0.0
        support = ext.score if ext else 0.0
        confident_extract = (
            self.extractive_first and self._extract_confidence(hits, ext) >= self.extract_confidence
        )
        weak = top < self.min_score or support < self.llm_min_support
        conf = 0.0 if not hits else round((0.5 * top + 0.5 * support) * (0.5 if weak else 1.0), 4)
        detail = "weak retrieval" if weak else ("extractive" if confident_extract else "llm")
        expected = 5.0 if confident_extract or weak else 3000.0
        return Estimate(self.name, conf, expected, detail, RagPayload(hits, ext))

    def _extract_suffices(self, hits: list[Hit], ext: rag_extract.Extraction | None) -> bool:
        """The supporting sentence answers alone: clearly, or with a typed value (a number,
        date or name of the kind asked for) that the small model would only risk changing."""
        if ext is None:
            return False
        typed = ext.value is not None and ext.score >= self.min_support
        return typed or self._extract_confidence(hits, ext) >= self.extract_confidence

    def _extract_confidence(self, hits: list[Hit], ext: rag_extract.Extraction | None) -> float:
        if ext is None or not hits:
            return 0.0
        bonus = 0.15 if ext.value else 0.0
        return min(1.0, 0.4 * hits[ext.source].score + 0.6 * ext.score + bonus)

    # -- extractive path -----------------------------------------------------------

    def extract(self, query: Query, hits: list[Hit]) -> Answer | None:
        """The supporting sentence (and short value) as an answer, without the LLM.

        Returns None when no sentence holds enough of the question's terms.
        """
        t0 = time.perf_counter()
        ext = rag_extract.extract(query.text, [h.chunk.text for h in hits])
        return self._extract_answer(query, hits, ext, t0)

    def _extract_answer(
        self, query: Query, hits: list[Hit], ext: rag_extract.Extraction | None, t0: float
    ) -> Answer | None:
        if ext is None or ext.score < self.min_support or not hits:
            return None
        hit = hits[ext.source]
        conf = round(self._extract_confidence(hits, ext), 4)
        verdict = "extractive: the answer is a sentence of the cited source, verbatim"
        cost = Cost(wall_ms=(time.perf_counter() - t0) * 1e3)
        step = Step(
            "rag", "extract", f"supporting sentence from {source_label(hit)}", conf, verdict, cost=cost
        )
        return Answer(
            text=f"{ext.sentence} [1]",
            value=ext.value,
            route="rag",
            confidence=conf,
            verified=True,
            verdict=verdict,
            evidence=[_evidence(hit, ext.sentence)],
            cost=Cost(wall_ms=cost.wall_ms),
            steps=[step],
        )

    # -- solve -----------------------------------------------------------------------

    def solve(self, query: Query, ctx: Context | None = None, estimate: Estimate | None = None) -> Answer:
        """Answer from the knowledge base, cited and grounded, or abstain."""
        ctx = ctx or Context()
        run = _Run(time.perf_counter())
        if self.reader is not None:
            return self._solve_read(query, ctx, estimate, run)
        payload = self._payload(query, estimate, run, ctx)
        hits, ext = payload.hits, payload.extraction
        top = hits[0].score if hits else 0.0
        if not hits or top < self.min_score:
            return self._abstain(run, f"retrieval too weak (top score {top:.2f} < {self.min_score})")
        if self.extractive_first and self._extract_suffices(hits, ext):
            answer = self._extract_answer(query, hits, ext, run.t0)
            if answer is not None:
                return self._finish(run, answer)
        if self.llm_min_support > 0 and (ext is None or ext.score < self.llm_min_support):
            return self._abstain(
                run, f"no source sentence holds the question's terms (support {ext.score if ext else 0:.2f})"
            )
        return self._solve_llm(query, ctx, run, hits, ext)

    def _solve_llm(
        self, query: Query, ctx: Context, run: _Run, hits: list[Hit], ext: rag_extract.Extraction | None
    ) -> Answer:
        """The LLM path: numbered sources, one call (more with high effort), grounding check."""
        budget = ctx.budget
        if budget.max_tokens < 1:  # no generation allowed: the supporting sentence or nothing
            run.exhausted = True
            fallback = self._extract_answer(query, hits, ext, time.perf_counter())
            return self._finish(run, fallback) if fallback else self._abstain(run, "token budget spent")
        shown = self._shown(hits, ext)
        snippets = [rag_extract.focus(query.text, h.chunk.text, self.max_source_chars) for h in shown]
        labels = [source_label(h) for h in shown]
        cands = [self._ask(query, shown, snippets, labels, ctx, run, sample=0)]
        if budget.effort == "high":
            cands += self._more_effort(query, shown, snippets, labels, ctx, run, cands[0])
        best = choose(cands)
        if len(cands) > 1:  # did the extra calls pay? (the controller's effort policy learns from this)
            paid = best is not cands[0] and best.good and not cands[0].good
            run.effort = EffortOutcome(len(cands) - 1, paid)
            run.steps.append(
                Step("rag", "effort", f"{len(cands) - 1} extra calls", verdict="paid" if paid else "no gain")
            )
        return self._decide(query, hits, shown, ext, best, run)

    # -- reading by meaning --------------------------------------------------------------

    def _find(self, text: str, k: int, ctx: Context) -> list[Hit]:
        """Retrieval over what the caller may read (filtered before ranking, in the index)."""
        return self.search(text, k) if ctx.groups is None else self.search(text, k, groups=ctx.groups)

    def _read(self, question: str, ctx: Context) -> RagPayload:
        """Retrieve, then read each part of the question against the same hits: the best
        ``reader_k``. A score that reads the question's background (``Score.reads_background``)
        retrieves wider: the nearest ``abstain.background_k`` of the knowledge base give it; the
        default score does not, and its reading records the candidates' mean instead."""
        assert self.reader is not None
        if self.score.reads_background:
            k = abstain.background_k(self._kb_size())
            near = self._find(question, max(self.reader_k, k), ctx)
            hits, background = near[: self.reader_k], abstain.background_of(near[:k])
        else:
            hits, background = self._find(question, self.reader_k, ctx), None
        parts = split_parts(question)
        reader = self.reader
        read: list[PartAnswer] = []
        for p in parts:
            reading = reader.read(part_query(p, parts[0]), hits, qtype=question_type(p), background=background)
            taken = [a.reading.best.unit.text for a in read if a.reading.best is not None]
            if reading.best is not None and repeats(reading.best.unit.text, taken, p, parts[0]):
                reading = reread_apart(reader, reading, hits, background, taken)  # each part its own answer
            read.append(PartAnswer(p, reading, hits))
        return RagPayload(hits, None, read)

    def _kb_size(self) -> int | None:
        """Chunks in the knowledge base: ``kb_size()`` when given, else the length of the index the
        search belongs to (a bound ``KnowledgeIndex.search``, or an owner with an ``index``); None
        when neither says."""
        try:
            if self.kb_size is not None:
                return int(self.kb_size())
            owner = getattr(self.search, "__self__", None)
            for part in (owner, getattr(owner, "index", None) if owner is not None else None):
                if part is not None and hasattr(part, "__len__"):
                    return len(part)
        except (ReasonerError, OSError, TypeError, ValueError):
            return None  # an index that cannot say: the fixed neighbourhood
        return None

    @staticmethod
    def _probability(payload: RagPayload) -> float:
        """A reply is as sure as its first part, the question asked first; a later part too unsure
        to answer is said to be unanswered (``compose``), not a reason to decline the whole reply
        ("When are the calls, and am I required to go?": the time, and that the pages do not say)."""
        if not payload.hits or not payload.parts:
            return 0.0
        return payload.parts[0].reading.probability

    def _llm_allowed(self, payload: RagPayload) -> bool:
        return any(p.reading.qtype.kind in self.llm_kinds for p in payload.parts)

    def _estimate_read(self, query: Query, ctx: Context) -> Estimate:
        payload = self._read(query.text, ctx)
        prob = self._probability(payload)
        sure = prob >= self.threshold
        llm = self._llm_allowed(payload)
        detail = "llm" if llm else ("read" if sure else "unsure reading")
        conf = self._llm_signal(query, payload) if llm else prob
        return Estimate(self.name, round(conf, 4), 3000.0 if llm else 20.0, detail, payload)

    def _llm_signal(self, query: Query, payload: RagPayload) -> float:
        """For a question bound for the LLM, the signal the controller's effort policy reads
        (retrieval and lexical support, as without the reader): the calibrated score says how
        sure the reading is, not how hard the question is for the model."""
        hits = payload.hits
        ext = rag_extract.extract(query.text, [h.chunk.text for h in hits]) if hits else None
        top, support = (hits[0].score if hits else 0.0), (ext.score if ext else 0.0)
        weak = top < self.min_score or support < self.llm_min_support
        return (0.5 * top + 0.5 * support) * (0.5 if weak else 1.0) if hits else 0.0

    def _solve_read(self, query: Query, ctx: Context, estimate: Estimate | None, run: _Run) -> Answer:
        if estimate is not None and isinstance(estimate.payload, RagPayload) and estimate.payload.parts:
            payload = estimate.payload
            run.steps.append(Step("rag", "retrieve", f"{len(payload.hits)} hits, read in the estimate"))
        else:
            t0 = time.perf_counter()
            payload = self._read(query.text, ctx)
            cost = Cost(wall_ms=(time.perf_counter() - t0) * 1e3)
            run.steps.append(Step("rag", "read", f"{len(payload.hits)} hits read", cost=cost))
        prob = self._probability(payload)
        if not payload.hits:
            return self._abstain(run, "retrieval found nothing")
        if self._llm_allowed(payload) and ctx.budget.max_tokens >= 1:
            answer = self._solve_llm(query, ctx, run, payload.hits, None)
            if (answer.abstained or answer.verified is False) and prob >= self.threshold:
                steps = [*run.steps, Step("rag", "fallback", f"LLM: {answer.verdict}; answered with the reading")]
                return self._finish(_Run(run.t0, steps, run.cost), self._read_answer(payload, prob))
            return answer
        if prob >= self.threshold:
            return self._finish(run, self._read_answer(payload, prob))
        best = payload.parts[0].reading.best
        said = f"; the closest sentence: {best.unit.text[:120]!r}" if best else ""
        return self._abstain(run, f"no sentence answers with confidence ({prob:.2f} < {self.threshold:.2f}){said}")

    def _read_answer(self, payload: RagPayload, prob: float) -> Answer:
        text, value, evidence = compose(payload.parts, self.threshold)
        kinds = ", ".join(p.reading.qtype.kind for p in payload.parts)
        verdict = f"read: the cited sentence says it, verbatim (answer type {kinds}; calibrated {prob:.2f})"
        step = Step("rag", "read", f"best sentence from {evidence[0].label()}", round(prob, 4), verdict)
        return Answer(
            text=text, value=value, route="rag", confidence=round(prob, 4), verified=True,
            verdict=verdict, evidence=evidence, steps=[step],
        )  # fmt: skip

    def _shown(self, hits: list[Hit], ext: rag_extract.Extraction | None) -> list[Hit]:
        """The hits the prompt carries: all of them, or the ``prompt_sources`` best, counting
        the one holding the best supporting sentence among them (every prompt token costs
        prefill time; on the KB text questions two sources answered as well as four, and one as well as two)."""
        if self.prompt_sources <= 0 or len(hits) <= self.prompt_sources:
            return hits
        order = [0] + ([ext.source] if ext is not None else []) + list(range(1, len(hits)))
        keep = list(dict.fromkeys(order))[: self.prompt_sources]
        return [hits[i] for i in sorted(keep)]

    def _payload(self, query: Query, estimate: Estimate | None, run: _Run, ctx: Context) -> RagPayload:
        if estimate is not None and isinstance(estimate.payload, RagPayload):
            run.steps.append(Step("rag", "retrieve", f"{len(estimate.payload.hits)} hits from the estimate"))
            return estimate.payload
        t0 = time.perf_counter()
        hits = self._find(query.text, self.k, ctx)
        ext = rag_extract.extract(query.text, [h.chunk.text for h in hits]) if hits else None
        cost = Cost(wall_ms=(time.perf_counter() - t0) * 1e3)
        run.steps.append(Step("rag", "retrieve", f"{len(hits)} hits", cost=cost))
        return RagPayload(hits, ext)

    def _ask(
        self,
        query: Query,
        hits: list[Hit],
        snippets: list[str],
        labels: list[str],
        ctx: Context,
        run: _Run,
        *,
        sample: int,
        messages: list[dict[str, str]] | None = None,
    ) -> Candidate:
        """One LLM call, judged; sample 0 is greedy and streams to ``ctx.budget.on_token``."""
        budget = ctx.budget
        n = min(self.max_new_tokens, budget.max_tokens - run.cost.tokens_out)
        msgs = messages or build_messages(query.text, snippets, labels)
        settings = {
            "max_new_tokens": max(1, n),
            "temperature": 0.0 if sample == 0 else 0.7,
            "seed": None if sample == 0 else sample,
            "stop": ("\n\n",),
        }
        if self.constrained and supports_grammar(self.llm):
            settings["grammar"] = cited_answer_grammar(max(1, min(len(snippets), MAX_SOURCES)), refusal=ABSTAIN_TEXT)
        on_token = budget.on_token if sample == 0 and messages is None else None
        store = ctx.generations
        key = _generation_key(self.llm.name, msgs, settings) if store is not None else ""
        stored = _quietly(lambda: store.get(key)) if store is not None else None
        if isinstance(stored, dict) and isinstance(stored.get("text"), str):
            gen = Generation(**{k: v for k, v in stored.items() if k in _GENERATION_FIELDS})
            cost = Cost(cache_hits=1)
            if on_token and gen.text:
                on_token(gen.text)
        else:
            stored = None
            gen = self.llm.generate(msgs, **settings, on_token=until_deadline(ctx, on_token))
            cost = _gen_cost(gen, self.llm.params)
            if store is not None:
                deps = {"chunk_hashes": [h.chunk.hash for h in hits]}
                _quietly(lambda: store.put(key, asdict(gen), kind="llm", depends_on=deps))
        cand = judge(gen.text, [h.chunk.text for h in hits], query.text, gen)
        action = "revise" if messages else ("generate" if sample == 0 else "sample")
        action += " (remembered)" if stored is not None else ""
        run.cost.add(cost)
        run.steps.append(
            Step(
                "rag",
                action,
                f"sample {sample}: {cand.text[:80]}",
                cand.check.score,
                cand.check.reason,
                cost=cost,
            )
        )
        return cand

    def _more_effort(
        self,
        query: Query,
        hits: list[Hit],
        snippets: list[str],
        labels: list[str],
        ctx: Context,
        run: _Run,
        first: Candidate,
    ) -> list[Candidate]:
        """Best-of-N samples, then one revision of the best: only what the budget allows, and
        only when the greedy answer tried and failed its check. A verified greedy answer is
        kept (more samples cannot beat it), and a greedy refusal is trusted: sampling the
        model until it answers turns "not in the sources" into a guess."""
        out: list[Candidate] = []
        if first.good or first.refusal:
            run.steps.append(Step("rag", "early exit", "greedy answer " + ("verified" if first.good else "declined")))
            return out
        budget = ctx.budget
        for i in range(1, max(2, budget.samples)):
            if not self._has_budget(budget, run):
                break
            out.append(self._ask(query, hits, snippets, labels, ctx, run, sample=i))
            if out[-1].good:  # a verified sample: more samples or a revision cannot beat it
                return out
        best = choose([first, *out])
        if self._has_budget(budget, run) and not best.refusal:
            msgs = revision_messages(query.text, snippets, best.text, best.check.reason)
            out.append(self._ask(query, hits, snippets, labels, ctx, run, sample=0, messages=msgs))
        return out

    def _has_budget(self, budget: Budget, run: _Run) -> bool:
        left_tokens = budget.max_tokens - run.cost.tokens_out
        left_ms = budget.max_ms - (time.perf_counter() - run.t0) * 1e3
        if left_tokens < 8 or left_ms <= 0:
            run.exhausted = True
            return False
        return True

    def _decide(
        self,
        query: Query,
        hits: list[Hit],
        shown: list[Hit],
        ext: rag_extract.Extraction | None,
        best: Candidate,
        run: _Run,
    ) -> Answer:
        if best.good:
            return self._finish(run, self._llm_answer(query, shown, ext, best))
        fallback = self._extract_answer(query, hits, ext, time.perf_counter())
        if best.refusal and ext is not None and ext.score < FULL_SUPPORT:
            fallback = None  # the model declined: overrule it only with a sentence holding every term
        if fallback is None:
            why = "the model found no answer in the sources" if best.refusal else best.check.reason
            return self._abstain(run, why)
        fallback.verdict = f"LLM answer {best.check.reason}; answered with the supporting sentence"
        return self._finish(run, fallback)

    def _llm_answer(
        self, query: Query, hits: list[Hit], ext: rag_extract.Extraction | None, best: Candidate
    ) -> Answer:
        mapping = {old: new for new, old in enumerate(best.cited, 1)}
        text = with_citations(renumber_citations(best.text, mapping), best.cited)
        body = strip_citations(text)
        evidence = [
            _evidence(hits[i - 1], rag_extract.focus(body, hits[i - 1].chunk.text, 300)) for i in best.cited
        ]
        value = ext.value if ext and ext.value and ext.value.lower() in body.lower() else None
        value = value or rag_extract.find_value(query.text, body)
        top = max(hits[i - 1].score for i in best.cited)
        note = f" (citation {best.note})" if best.note else ""
        return Answer(
            text=text,
            value=value,
            route="rag",
            confidence=round(0.5 * top + 0.5 * best.check.score, 4),
            verified=True,
            verdict=best.check.reason + note,
            evidence=evidence,
        )

    def _finish(self, run: _Run, answer: Answer) -> Answer:
        answer.steps = run.steps + answer.steps
        answer.cost.add(run.cost)
        answer.cost.wall_ms = (time.perf_counter() - run.t0) * 1e3
        answer.budget_exhausted = answer.budget_exhausted or run.exhausted
        answer.effort = answer.effort or run.effort
        return answer

    def _abstain(self, run: _Run, why: str) -> Answer:
        run.steps.append(Step("rag", "abstain", why, verdict=why))
        return self._finish(run, Answer.abstain(ABSTAIN_TEXT, route="rag", verified=False, verdict=why))


def _gen_cost(gen: Generation, params: int) -> Cost:
    computed = max(0, gen.tokens_in - gen.cached_tokens) + gen.tokens_out
    return Cost(
        wall_ms=gen.ms,
        model_calls=1,
        tokens_in=gen.tokens_in,
        tokens_out=gen.tokens_out,
        cache_hits=1 if gen.cached_tokens else 0,
        flops=2.0 * params * computed,
    )


_GENERATION_FIELDS = frozenset(f.name for f in fields(Generation))


def _quietly(call: Callable[[], Any]) -> Any:
    """A memory read or write that must not fail the answer (a locked or full store)."""
    try:
        return call()
    except (ReasonerError, OSError):
        return None


def _generation_key(model: str, messages: list[dict[str, str]], settings: dict[str, Any]) -> str:
    """``llm:<model>:<sha256 of the prompt and sampling settings>``."""
    blob = json.dumps([messages, settings], sort_keys=True, default=list)
    return f"llm:{model}:{hashlib.sha256(blob.encode()).hexdigest()}"


def _evidence(hit: Hit, snippet: str) -> Evidence:
    c = hit.chunk
    return Evidence("chunk", c.id, c.source, c.section, snippet, round(hit.score, 4), c.hash, c.access)
