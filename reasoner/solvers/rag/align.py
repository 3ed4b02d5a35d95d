"""Whether a candidate sentence holds what the question asks about, word by word, by meaning.

A whole-sentence cosine says a sentence is on the question's topic; it does not say the sentence
holds the thing asked ("How much life insurance coverage ..." sits near "The on-call stipend amount
is $2000": both are about benefits and amounts). Here each content word of the question is matched
to its nearest word of the candidate read in its section ("Benefits > Insurance: Life insurance
coverage is ..."), by the embedder's contextual token vectors (BERTScore's greedy matching, Zhang et
al. 2020): a word is the mean of its word pieces' last hidden states, every vector normalised.

- ``recall``: the idf-weighted mean of each question word's best cosine in the candidate;
- ``worst``: the lowest of them (the asked word the candidate lacks most);
- ``specific``: the lowest among the question's rarer words (idf at least their mean: the
  asked noun phrase's head and modifiers rather than its verbs);
- ``precision``: the mean of each candidate word's best cosine in the question's content words;
- ``f1``: their harmonic mean (BERTScore's F);
- ``asked``: the lowest best cosine among the words of the asked phrase (``asked_phrase``: the first
  run of content words after the question's last wh-word, "life insurance coverage" of "How much life
  insurance coverage do I get?"), and ``asked_n`` its length.

The idf is over the retrieved chunks (a chunk a document, with its titles): a word every hit holds is
the topic, a word few hold is what picks the answer. Only the reader's best ``TOP`` candidates are
aligned (a question and up to ``TOP`` texts run through the model once each; each text's word vectors
are remembered).

Measured (benchmarks/notes/kb.md, session 13 kbalign): unanswerable questions align at the same level in
both handbooks (recall 0.34-0.41), but right readings align lower where a question set paraphrases more,
and fitted on either handbook no abstention score reading these features beat the default on the other;
as a ranking term (``reader.Weights.align``) it gained nothing on the handbook not fitted on. So the
committed default score reads none of them, and by default nothing is aligned (``RECORD``).
An embedder that gives no token vectors (a test's hash embedder) gives no alignment: ``Aligner.of``
returns None and the features stay 0 (``aligned`` 0).
"""

from __future__ import annotations

import math
import re
from collections import Counter, OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from reasoner.solvers.rag import extract as rag_extract
from reasoner.solvers.rag.grounding import STOPWORDS, content_terms
from reasoner.text.stem import suffix_stem
from reasoner.types import Hit

TOP = 3  # candidates aligned per reading
# align every reading even when its score reads no alignment (``benchmarks/fit_abstain.py record`` sets it to
# record the features for refitting); otherwise only a score that reads them, or ranking by them, pays the
# model runs (a question and up to ``TOP`` texts: about 4 question embeddings on first sight)
RECORD = False
FEATURES = ("aligned", "align_recall", "align_worst", "align_specific", "align_precision", "align_f1",
            "align_best", "align_gap", "align_asked", "align_asked_n")  # fmt: skip
# the words that open a question; what it asks about is the run of content words after the last one
WH_WORDS = frozenset({"what", "which", "who", "whom", "whose", "where", "when", "how", "why"})
_WORD = re.compile(r"[A-Za-z0-9][\w'-]*")


@dataclass(frozen=True)
class Words:
    """One text's words with one normalised contextual vector each (rows of ``vecs``)."""

    words: tuple[str, ...]
    vecs: np.ndarray


# text -> (each token's word index, None for a special token; each token's character span in the text;
# their hidden states): what one model run of a text gives
TokenRun = Callable[[str], tuple[list[int | None], list[tuple[int, int]], np.ndarray]]


def onnx_run(embedder: Any) -> TokenRun | None:
    """The token vectors of ``reasoner.retrieval.embedder.OnnxMiniLMEmbedder`` (its tokenizer and
    session; each text runs alone, as the embedder runs it), or of a sentence-transformers model
    (``MiniLMEmbedder.model``); None for an embedder with neither."""
    session, tokenizer = getattr(embedder, "session", None), getattr(embedder, "tokenizer", None)
    if session is not None and tokenizer is not None:
        names = {i.name for i in session.get_inputs()}

        def run(text: str) -> tuple[list[int | None], list[tuple[int, int]], np.ndarray]:
            enc = tokenizer.encode(text or " ")
            ids = np.asarray([enc.ids], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
            hidden = session.run(None, {k: v for k, v in feeds.items() if k in names})[0][0]
            return list(enc.word_ids), list(enc.offsets), np.asarray(hidden, dtype=np.float32)

        return run
    model = getattr(embedder, "model", None)
    if model is not None and hasattr(model, "encode") and hasattr(model, "tokenizer"):

        def run_st(text: str) -> tuple[list[int | None], list[tuple[int, int]], np.ndarray]:
            hidden = model.encode(text or " ", output_value="token_embeddings", convert_to_numpy=True)
            enc = model.tokenizer(text or " ", truncation=True, max_length=len(hidden), return_offsets_mapping=True)
            return list(enc.word_ids()), list(enc["offset_mapping"]), np.asarray(hidden, dtype=np.float32)

        return run_st
    return None


class Aligner:
    """Aligns a question's content words with candidates' words (``features``)."""

    def __init__(self, run: TokenRun, max_entries: int = 4096) -> None:
        self.run, self.max_entries = run, max_entries
        self._seen: OrderedDict[str, Words] = OrderedDict()

    @classmethod
    def of(cls, embedder: Any) -> Aligner | None:
        """An aligner over ``embedder``'s token vectors, or None when it gives none."""
        run = token_run(embedder) if hasattr(embedder, "token_vectors") else onnx_run(embedder)
        return cls(run) if run is not None else None

    def words(self, text: str) -> Words:
        """``text``'s words (pieces joined as the tokenizer split them) with their vectors, remembered."""
        got = self._seen.get(text)
        if got is not None:
            self._seen.move_to_end(text)
            return got
        got = _pool(text, *self.run(text))
        self._seen[text] = got
        while len(self._seen) > self.max_entries:
            self._seen.popitem(last=False)
        return got

    def per_text(self, question: str, texts: Sequence[str], hits: Sequence[Hit]) -> list[dict[str, float]]:
        """``align`` of the question's content words (idf over ``hits``) with each of ``texts``;
        empty when the question has no content word."""
        q = self.words(question)
        wanted = rag_extract.question_terms(question)
        keep = [i for i, w in enumerate(q.words) if _content(w, wanted)]
        if not keep or not texts:
            return []
        idf = hit_idf(hits)
        top = max(idf.values())
        weights = np.array([idf.get(suffix_stem(q.words[i].lower()), top) for i in keep])
        asked = np.array([keep.index(i) for i in asked_phrase(q.words, wanted)], dtype=int)
        return [align(q.vecs[keep], weights, self.words(t), asked) for t in texts]

    def features(self, question: str, texts: Sequence[str], hits: Sequence[Hit]) -> dict[str, float]:
        """The alignment of ``question`` with ``texts`` (best candidate first, read in context): the
        best one's recall / worst / specific / precision / f1 / asked, the best recall among them
        (``align_best``) and how far the first one's recall stands above the others' best (``align_gap``)."""
        out = dict.fromkeys(FEATURES, 0.0)
        per = self.per_text(question, texts, hits)
        if not per:
            return out
        recalls = [p["recall"] for p in per]
        out.update(
            aligned=1.0,
            align_recall=recalls[0],
            align_worst=per[0]["worst"],
            align_specific=per[0]["specific"],
            align_precision=per[0]["precision"],
            align_f1=per[0]["f1"],
            align_best=max(recalls),
            align_gap=recalls[0] - max(recalls[1:], default=recalls[0]),
            align_asked=per[0]["asked"],
            align_asked_n=per[0]["asked_n"],
        )
        return out


def _content(word: str, wanted: set[str]) -> bool:
    low = word.lower()
    return low not in STOPWORDS and suffix_stem(low) in wanted


def asked_phrase(words: Sequence[str], wanted: set[str]) -> list[int]:
    """Indexes of the asked phrase in ``words``: the first run of content words (stems in ``wanted``)
    after the last wh-word ("What is the password for the office Wi-Fi?": "password"), or the first
    such run of a question without one ("Parental leave policy for part-time staff?": "Parental leave policy")."""
    low = [w.lower() for w in words]
    opens = [i for i, w in enumerate(low) if w in WH_WORDS]
    i = opens[-1] + 1 if opens else 0
    while i < len(words) and not _content(words[i], wanted):
        i += 1
    out = []
    while i < len(words) and _content(words[i], wanted):
        out.append(i)
        i += 1
    return out


def token_run(embedder: Any) -> TokenRun:
    """An embedder that says its token vectors itself (``token_vectors(text) -> (word_ids, hidden)``)."""
    return embedder.token_vectors  # type: ignore[no-any-return]


def align(qv: np.ndarray, weights: np.ndarray, cand: Words, asked: np.ndarray | None = None) -> dict[str, float]:
    """Greedy matching of the question's word vectors ``qv`` (idf ``weights``) with ``cand``'s words;
    ``asked``: the rows of ``qv`` that make the asked phrase."""
    asked = np.zeros(0, dtype=int) if asked is None else asked
    if not len(cand.words):
        return {"recall": 0.0, "worst": 0.0, "specific": 0.0, "precision": 0.0, "f1": 0.0, "asked": 0.0,
                "asked_n": float(len(asked))}  # fmt: skip
    sim = qv @ cand.vecs.T
    best = sim.max(axis=1)
    rare = weights >= weights.mean() - 1e-9
    content = [i for i, w in enumerate(cand.words) if w.lower() not in STOPWORDS]
    prec = float(sim[:, content].max(axis=0).mean()) if content else 0.0
    recall = float((best * weights).sum() / max(1e-9, weights.sum()))
    f1 = 2 * recall * prec / (recall + prec) if recall + prec > 0 else 0.0
    return {"recall": recall, "worst": float(best.min()), "specific": float(best[rare].min()), "precision": prec,
            "f1": f1, "asked": float(best[asked].min()) if len(asked) else 0.0, "asked_n": float(len(asked))}  # fmt: skip


def _pool(
    text: str, word_ids: Sequence[int | None], offsets: Sequence[tuple[int, int]], hidden: np.ndarray
) -> Words:
    """Mean of each word's pieces (special tokens and punctuation dropped), normalised; the word's
    text is its pieces' span of ``text``."""
    groups: dict[int, list[int]] = {}
    for row, wid in enumerate(word_ids):
        if wid is not None:
            groups.setdefault(wid, []).append(row)
    words, vecs = [], []
    for _, rows in sorted(groups.items()):
        piece = text[offsets[rows[0]][0] : offsets[rows[-1]][1]]
        if not _WORD.match(piece):
            continue
        v = hidden[rows].mean(axis=0)
        words.append(piece)
        vecs.append(v / max(1e-12, float(np.linalg.norm(v))))
    arr = np.stack(vecs).astype(np.float32) if vecs else np.zeros((0, hidden.shape[-1]), np.float32)
    return Words(tuple(words), arr)


_IDF: dict[str, frozenset[str]] = {}


def hit_idf(hits: Sequence[Hit]) -> dict[str, float]:
    """idf of stems over the hits, a chunk with its titles a document."""
    held = []
    for h in hits:
        text = f"{h.chunk.title} {h.chunk.section} {h.chunk.text}"
        got = _IDF.get(text)
        if got is None:
            if len(_IDF) > 20_000:
                _IDF.clear()
            got = _IDF[text] = frozenset(content_terms(text))
        held.append(got)
    df = Counter(t for terms in held for t in terms)
    n = max(1, len(held))
    out = {t: math.log(1.0 + n / (1.0 + c)) for t, c in df.items()}
    out[""] = math.log(1.0 + n)  # a word no hit holds: the rarest
    return out
