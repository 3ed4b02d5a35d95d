"""AnswerMemory: never reason twice, never serve a stale or wrong answer.

Entries live in SQLite (question, answer, route, evidence, verdict, vector,
counters); each process keeps a FAISS inner-product view over the question
vectors and refreshes it whenever the ``generation`` counter shows that another
process (or a restart) changed the entries.

A question is served a stored answer when

* it is the same question (the same text after normalisation, in the same
  conversation), or
* it shares an exact equivalence key with a stored question (``keys``: two
  questions with the same math canonical key or graph plan are one question
  whatever their wording), or
* a stored question embeds close to it *and* the false-hit guard agrees: the
  learned, calibrated guard (:mod:`reasoner.memory.learned`) when the embedder
  is the one it was trained for, else the rule guard (:mod:`reasoner.memory.guard`);
  the caller's ``confirm`` callback may still refuse (a KB answer whose cited
  chunk the new question no longer retrieves).

A follow-up asked inside a conversation is looked up only among the entries
stored with that same conversation, and a standalone question never among them.
When a later verified answer contradicts a served hit, :meth:`AnswerMemory.contradicted`
raises that entry's bar (persisted: every process sees it).
"""

from __future__ import annotations

import dataclasses
import json
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from reasoner.errors import ModelError
from reasoner.memory import features, guard, provenance, store
from reasoner.memory.context import ContextVectors
from reasoner.memory.learned import DEFAULT_FALSE_HIT_RATE, GuardModel, LearnedGuard, load_model
from reasoner.memory.provenance import Provenance
from reasoner.memory.states import TokenEncoder
from reasoner.memory.view import DatabaseView, VectorView
from reasoner.memory.wordvec import WordVectors
from reasoner.retrieval.embedder import Embedder
from reasoner.types import Answer, Cost, Evidence, Step

# Cosine similarity a candidate needs before the guard looks at it. On PAWS-Wiki
# (long sentences) the guard does most of the work: from 0.90 to 0.98 hits fall
# 28% -> 23% and false hits 1.7% -> 1.0% (tune half, benchmarks/notes/memory.md).
# 0.95 keeps short-question paraphrases ("New employees get how many vacation
# days?" is 0.97 from its original) while losing little of what 0.98 buys.
DEFAULT_THRESHOLD = 0.95
_CANDIDATES = 5
_COLUMNS = (
    "id, question, text, value, route, verified, verdict, evidence, confidence, strikes, min_score, vector, states"
)
# Each contradiction halves the false-hit rate an entry may be served at.
STRIKE_FACTOR = 0.5
_CONVERSATION = "\x1f"  # joins a follow-up's conversation and question into one exact key

Confirm = Callable[["MemoryHit"], bool]


@dataclass(frozen=True)
class MemoryHit:
    """A stored answer served for a new question.

    Attributes:
        answer: the stored answer, ``from_memory=True``, route "memory", with a
            ``kind="memory"`` evidence item naming the entry.
        similarity: cosine similarity of the two questions (1.0 for the same text).
        question: the stored question the answer was computed for.
        entry_id: the entry's id (for ``invalidate``-style bookkeeping and logs).
        matched: "exact" (same question), "key" (an equivalence key) or "similar" (the guard).
        score: the guard's score of the pair (learned guard: log-odds of "same meaning";
            rule guard: the similarity); ``inf`` for exact and key matches.
        bar: the score the entry needed (its own bar, raised by contradictions).
    """

    answer: Answer
    similarity: float
    question: str
    entry_id: str
    matched: str = "similar"
    score: float = float("inf")
    bar: float = float("-inf")


@dataclass(frozen=True)
class Candidate:
    """A stored question near an asked one, as :meth:`AnswerMemory.explain` reports it."""

    similarity: float
    question: str
    entry_id: str
    verdict: guard.Verdict
    score: float | None = None


def normalise_question(text: str) -> str:
    """The exact-match key: lower case, single spaces, no trailing punctuation."""
    return re.sub(r"\s+", " ", text).strip().rstrip("?.!").strip().lower()


@dataclass(frozen=True)
class _Row:
    """An entry as read for serving."""

    id: int
    question: str
    text: str
    value: str | None
    route: str
    verified: int | None
    verdict: str
    evidence: str
    confidence: float
    strikes: int
    min_score: float | None
    vector: bytes
    states: bytes | None

    @property
    def unit_vector(self) -> np.ndarray:
        return np.frombuffer(self.vector, dtype=np.float32)


class AnswerMemory:
    """Answers of earlier questions, served again only when the new question means the same.

    Args:
        path: directory holding ``memory.sqlite`` (created if needed), or a ``postgresql://``
            URL of a database many workers share (:mod:`reasoner.memory.postgres`).
        embedder: the question embedder (the engine's; ``HashEmbedder`` in tests).
        max_entries: bound on stored answers; the least recently used go first.
        threshold: minimum cosine similarity for a candidate to be judged by the
            guard (default: the learned model's floor, or ``DEFAULT_THRESHOLD``
            with the rule guard).
        min_word_similarity: rule guard: how close a content word only one question
            has must be to a word of the other (word vectors from ``embedder``).
        timeout_s: how long to wait for another process's write before failing.
        context: rule guard: decide reordered questions with MiniLM's contextual
            word vectors (:mod:`reasoner.memory.context`) instead of refusing every
            moved word. Off by default; asks for the rule guard unless ``learned=True``.
        learned: use the learned guard (True), the rule guard (False), or the
            learned one whenever the embedder's space is the model's (None).
        false_hit_rate: learned guard: the false-hit rate the bar is set for
            (an upper bound at 95% confidence on the calibration pairs).
        guard_model: learned guard: the model (default: the shipped one).

    Raises:
        IndexError_: the database is corrupt or stays locked.
        ModelError: ``learned=True`` and the model cannot be read or does not fit the embedder.
    """

    def __init__(
        self,
        path: Path | str,
        embedder: Embedder,
        *,
        max_entries: int = 10_000,
        threshold: float | None = None,
        min_word_similarity: float = guard.MIN_WORD_SIMILARITY,
        timeout_s: float = store.BUSY_TIMEOUT_MS / 1000,
        context: bool = False,
        learned: bool | None = None,
        false_hit_rate: float = DEFAULT_FALSE_HIT_RATE,
        guard_model: GuardModel | None = None,
    ) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        if not 0.0 < false_hit_rate < 1.0:
            raise ValueError("false_hit_rate must be between 0 and 1")
        self.path = path if store.is_url(path) else Path(path)
        self.embedder = embedder
        self.max_entries = max_entries
        self.min_word_similarity = min_word_similarity
        self.false_hit_rate = false_hit_rate
        self._words = WordVectors(embedder)
        self._context = ContextVectors() if context else None
        # context=True asks for the rule guard with contextual vectors, unless learned=True says otherwise.
        self._learned = self._learned_guard(False if context and learned is None else learned, guard_model)
        self._encoder = (
            TokenEncoder(embedder) if self._learned is not None and self._learned.model.uses_context else None
        )
        if self._encoder is not None and not self._encoder.available:
            self._encoder = None  # context features take their neutral value
        default = self._learned.model.floor if self._learned is not None else DEFAULT_THRESHOLD
        self.threshold = default if threshold is None else threshold
        self._lock = threading.RLock()
        self._conn = store.connect(self.path, timeout_s=timeout_s)
        self._view = DatabaseView(self._conn) if self._conn.searches_vectors else VectorView(embedder.dim)
        self.session_hits = 0
        self.session_misses = 0
        with self._errors():
            self._check_embedder()

    def _learned_guard(self, learned: bool | None, model: GuardModel | None) -> LearnedGuard | None:
        """The learned guard when asked for (or, with ``learned=None``, when the model fits the embedder)."""
        if learned is False:
            return None
        try:
            model = model if model is not None else load_model()
        except ModelError:
            if learned:
                raise
            return None
        space = getattr(self.embedder, "space", None)
        if space != model.space:
            if learned:
                raise ModelError(
                    f"the guard model was trained on {model.space} vectors, not {space or self.embedder.name}"
                )
            return None
        return LearnedGuard(model, self._words.similarity)

    @property
    def guard_name(self) -> str:
        """"learned v<N>" or "rules": which guard judges similar questions."""
        return f"learned v{self._learned.model.version}" if self._learned is not None else "rules"

    # ----------------------------------------------------------------- public API

    def put(
        self,
        question: str,
        answer: Answer | str,
        *,
        value: str | None = None,
        route: str = "manual",
        evidence: Iterable[Evidence] | None = None,
        depends_on: Provenance | Mapping[str, Iterable[str]] | None = None,
        vector: np.ndarray | None = None,
        keys: Iterable[str] = (),
        conversation: str | None = None,
    ) -> str | None:
        """Store ``answer`` for ``question``; return the entry id, or None when not storable.

        An :class:`Answer` is stored only when it did not abstain, its check did
        not fail (``verified is not False``) and it was not itself served from
        memory. A plain string given by a program is stored as trusted.
        Dependencies come from the evidence (files, chunk hashes, edges) unless
        ``depends_on`` names them; answers without KB evidence never go stale.
        The same question (after normalisation, in the same conversation)
        replaces its earlier entry. ``vector`` is the question's embedding when
        the caller already has it.

        ``keys`` are exact equivalence keys (a math canonical key, a graph plan):
        a later ``get`` with one of them is served this answer whatever its
        wording; a key moves to the newest entry that gives it. ``conversation``
        marks a follow-up: the earlier turns it depends on (e.g. the previous
        question); it is then served only to the same follow-up in the same
        conversation, never to a standalone question.
        """
        record = _record_for(answer, value=value, route=route, evidence=evidence)
        norm = _entry_key(question, conversation)
        if record is None or not normalise_question(question):
            return None
        prov = (
            Provenance.coerce(depends_on)
            if depends_on is not None
            else Provenance.from_evidence(record["evidence"])
        )
        vector, hidden = self._encode(question, vector)
        clean_keys = sorted({k.strip() for k in keys if k and k.strip()})
        with self._lock, self._errors():
            if self._learned is not None:  # embedded before the write lock is taken
                self._prepare_words(set(guard.content_words(question).values()))
            entry = self._insert(question.strip(), norm, record, prov, vector, hidden, clean_keys, conversation)
            return str(entry)

    def get(
        self,
        question: str,
        *,
        vector: np.ndarray | None = None,
        keys: Iterable[str] = (),
        conversation: str | None = None,
        confirm: Confirm | None = None,
    ) -> MemoryHit | None:
        """The stored answer of a question that means the same as ``question``, or None.

        Args:
            question: the question asked.
            vector: its embedding when the caller already has it (the retriever
                embeds the same text with the same embedder).
            keys: its exact equivalence keys (see :meth:`put`); a stored entry
                with one of them is served without the guard.
            conversation: the earlier turns a follow-up depends on (see :meth:`put`);
                None for a standalone question.
            confirm: called with a candidate hit found by similarity before it is
                served; False (or an exception) refuses it and the next candidate
                is tried. For KB answers: is the stored answer's cited chunk still
                among the new question's top retrieval hits?
        """
        started = time.perf_counter()
        if not normalise_question(question):
            return None
        norm = _entry_key(question, conversation)
        with self._lock, self._errors():
            self._refresh()
            row = self._row("norm=?", norm)
            if row is not None:
                return self._count(self._hit(row, 1.0, started, "exact"))
            row = self._key_row([k.strip() for k in keys if k and k.strip()])
            if row is not None:
                return self._count(self._hit(row, 1.0, started, "key"))
            if not self._view:
                return self._miss()
        vector, hidden = self._encode(question, vector)
        with self._lock, self._errors():
            rows = self._candidates(vector, _conversation_key(conversation))
            for hit in self._judged(question, vector, hidden, rows, started):
                if confirm is None or _confirmed(confirm, hit):
                    return self._count(hit)
            return self._miss()

    def contradicted(self, hit: MemoryHit) -> bool:
        """A later verified answer disagreed with ``hit``: make the entry harder to serve; True if it changed.

        A hit by similarity was a false hit of the guard: the entry's bar rises
        (its false-hit rate halves, :data:`STRIKE_FACTOR`, and no pair scoring at
        or below this hit's score is served from it again). A hit on the same
        question or an equivalence key means the stored answer itself is wrong:
        the entry is dropped. Persisted in the database, so every process sees it.
        """
        entry = int(hit.entry_id)
        with self._lock, self._errors(), store.write(self._conn):
            if self._conn.execute("SELECT 1 FROM answers WHERE id=?", (entry,)).fetchone() is None:
                return False
            if hit.matched != "similar":
                self._delete([entry])
                self._bumped(removed=[entry])
                return True
            self._conn.execute(
                "UPDATE answers SET strikes = strikes + 1, "
                "min_score = CASE WHEN min_score IS NULL OR min_score < ? THEN ? ELSE min_score END WHERE id=?",
                (hit.score, hit.score, entry),
            )
            return True

    def _judged(
        self,
        question: str,
        vector: np.ndarray,
        hidden: np.ndarray | None,
        rows: list[tuple[float, _Row]],
        started: float,
    ) -> list[MemoryHit]:
        """The candidates the guard would serve, best first (none served yet)."""
        if not rows:
            return []
        if self._learned is not None:
            return self._judged_learned(question, vector, hidden, rows, started)
        if self._context is not None:
            return self._judged_in_context(question, rows, started)
        # Word vectors only where the words decide, embedded in one call.
        strict = [guard.check(row.question, question) for _, row in rows]
        undecided = [row.question for (_, row), v in zip(rows, strict, strict=True) if v.check == "words"]
        if undecided:
            self.prepare_words([question, *undecided])
        out = []
        for (score, row), verdict in zip(rows, strict, strict=True):
            if verdict.ok or (verdict.check == "words" and self.check(row.question, question).ok):
                if _beats(score, self.threshold, row):
                    out.append(self._hit(row, score, started, "similar", score=score, bar=self.threshold))
        return out

    def _judged_learned(
        self,
        question: str,
        vector: np.ndarray,
        hidden: np.ndarray | None,
        rows: list[tuple[float, _Row]],
        started: float,
    ) -> list[MemoryHit]:
        """Score every candidate with the learned guard; those reaching their entry's bar, best score first."""
        words: set[str] = set()
        for _, row in rows:
            words |= features.words_to_compare(row.question, question)
        self._prepare_words(words)
        asked = self._states(question, hidden)
        scored = []
        for similarity, row in rows:
            log_odds = self._learned.log_odds(
                row.question, question, row.unit_vector, vector, self._states(row.question, row.states), asked
            )
            bar = self._bar(row)
            if _beats(log_odds, bar, row):
                scored.append(self._hit(row, similarity, started, "similar", score=log_odds, bar=bar))
        return sorted(scored, key=lambda h: -h.score)

    def _bar(self, row: _Row) -> float:
        """The learned score ``row`` needs: the bar of the memory's rate, halved per contradiction."""
        return self._learned.model.bar(self.false_hit_rate * STRIKE_FACTOR**row.strikes)

    def _judged_in_context(self, question: str, rows: list[tuple[float, _Row]], started: float) -> list[MemoryHit]:
        """The rule guard with contextual word vectors: every candidate's vectors in one batch."""
        alive = [row.question for _, row in rows if guard.check_structure(row.question, question).ok]
        if not alive:
            return []
        self.prepare_words([question, *alive])
        self._context.many([question, *alive])
        return [
            self._hit(row, score, started, "similar", score=score, bar=self.threshold)
            for score, row in rows
            if row.question in alive and self.check(row.question, question).ok and _beats(score, self.threshold, row)
        ]

    def _candidates(self, vector: np.ndarray, conversation: str) -> list[tuple[float, _Row]]:
        """Stored rows of this conversation at or above the threshold, most similar first."""
        out = []
        for score, entry in self._view.search(vector, 4 * _CANDIDATES):
            if score < self.threshold or len(out) >= _CANDIDATES:
                break
            row = self._row("id=? AND context=?", entry, conversation)
            if row is not None:
                out.append((score, row))
        return out

    def _row(self, where: str, *args: Any) -> _Row | None:
        found = self._conn.execute(f"SELECT {_COLUMNS} FROM answers WHERE {where}", args).fetchone()
        return _Row(*found) if found is not None else None

    def _key_row(self, keys: list[str]) -> _Row | None:
        for key in keys:
            found = self._conn.execute("SELECT entry FROM keys WHERE key=?", (key,)).fetchone()
            if found is not None:
                row = self._row("id=?", found[0])
                if row is not None:
                    return row
        return None

    def explain(
        self,
        question: str,
        k: int = _CANDIDATES,
        *,
        vector: np.ndarray | None = None,
        conversation: str | None = None,
    ) -> list[Candidate]:
        """The ``k`` nearest stored questions with their similarity and the guard's verdict.

        Shows why ``get`` did or did not hit; ``threshold`` is not applied.
        """
        if not normalise_question(question):
            return []
        vector = self._vector(question, vector)
        out: list[Candidate] = []
        with self._lock, self._errors():
            self._refresh()
            for score, entry in self._view.search(vector, k):
                row = self._row("id=? AND context=?", entry, _conversation_key(conversation))
                if row is None:
                    continue
                if self._learned is None:
                    out.append(Candidate(score, row.question, str(entry), self.check(row.question, question)))
                    continue
                self._prepare_words(features.words_to_compare(row.question, question))
                log_odds = self._learned.log_odds(
                    row.question, question, row.unit_vector, vector,
                    self._states(row.question, row.states), self._states(question),
                )
                bar = self._bar(row)
                ok = _beats(log_odds, bar, row)
                reason = f"log-odds {log_odds:.2f} against the entry's bar {bar:.2f}"
                if row.min_score is not None:
                    reason += f" (and above {row.min_score:.2f}, a contradicted hit)"
                out.append(Candidate(score, row.question, str(entry), guard.Verdict(ok, "learned", reason), log_odds))
        return out

    def prepare_words(self, questions: Iterable[str]) -> None:
        """Embed the content words of many questions in one batch (before bulk puts or gets)."""
        self._words.prepare({w for q in questions for w in guard.content_words(q).values()})

    def check(self, stored: str, asked: str) -> guard.Verdict:
        """The rule guard's verdict on serving ``stored``'s answer for ``asked`` (see :meth:`explain`
        for the learned guard's)."""
        return guard.check(
            stored,
            asked,
            similarity=self._words.similarity,
            min_word_similarity=self.min_word_similarity,
            context=self._context,
        )

    def score(self, stored: str, asked: str, u: np.ndarray | None = None, v: np.ndarray | None = None) -> float:
        """The learned guard's log-odds that ``stored`` and ``asked`` mean the same (vectors embedded if not given).

        Raises:
            ModelError: this memory uses the rule guard.
        """
        if self._learned is None:
            raise ModelError("this memory uses the rule guard; it has no learned score")
        u = self._vector(stored, u)
        v = self._vector(asked, v)
        with self._lock, self._errors():
            self._prepare_words(features.words_to_compare(stored, asked))
        return self._learned.log_odds(stored, asked, u, v, self._states(stored), self._states(asked))

    def bar(self, strikes: int = 0) -> float:
        """The learned score an entry with ``strikes`` contradictions needs (``-inf`` with the rule guard)."""
        if self._learned is None:
            return float("-inf")
        return self._learned.model.bar(self.false_hit_rate * STRIKE_FACTOR**strikes)

    def invalidate(
        self,
        *,
        sources: Iterable[str] = (),
        chunk_hashes: Iterable[str] = (),
        edges: Iterable[str] = (),
    ) -> int:
        """Drop exactly the entries citing one of these files, chunk hashes or edges; return how many."""
        prov = Provenance.coerce({"sources": sources, "chunk_hashes": chunk_hashes, "edges": edges})
        with self._lock, self._errors(), store.write(self._conn):
            owners = provenance.dependent_owners(self._conn, prov, "a:")
            ids = [int(o[2:]) for o in owners]
            self._delete(ids)
            if ids:
                self._bumped(removed=ids)
            return len(ids)

    def clear(self) -> int:
        """Forget every answer; return how many were dropped."""
        with self._lock, self._errors(), store.write(self._conn):
            ids = [r[0] for r in self._conn.execute("SELECT id FROM answers")]
            self._delete(ids)
            self._bumped(removed=ids)
            return len(ids)

    def stats(self) -> dict[str, Any]:
        """Entries, hits served (all processes, all time), size on disk, oldest/newest entry and more."""
        with self._lock, self._errors():
            n, oldest, newest, hits = self._conn.execute(
                "SELECT count(*), min(created), max(created), coalesce(sum(hits), 0) FROM answers"
            ).fetchone()
            routes = dict(self._conn.execute("SELECT route, count(*) FROM answers GROUP BY route"))
            contradicted = self._conn.execute("SELECT count(*) FROM answers WHERE strikes > 0").fetchone()[0]
            total_hits = int(store.get_meta(self._conn, "total_hits") or 0)
        return {
            "path": self._conn.where if store.is_url(self.path) else str(self.path),
            "entries": n,
            "max_entries": self.max_entries,
            "hits": total_hits,
            "hits_on_current_entries": hits,
            "session_hits": self.session_hits,
            "session_misses": self.session_misses,
            "size_bytes": self._conn.size_bytes(),
            "oldest": _iso(oldest),
            "newest": _iso(newest),
            "routes": routes,
            "embedder": self.embedder.name,
            "threshold": self.threshold,
            "guard": self.guard_name,
            "false_hit_rate": self.false_hit_rate if self._learned is not None else None,
            "contradicted_entries": contradicted,
        }

    def entries(self) -> list[dict[str, Any]]:
        """Every entry's id, question, value, route and counters, most recently used first."""
        with self._lock, self._errors():
            rows = self._conn.execute(
                "SELECT id, question, value, route, hits, created, last_used FROM answers "
                "ORDER BY last_used DESC"
            ).fetchall()
        keys = ("id", "question", "value", "route", "hits", "created", "last_used")
        return [dict(zip(keys, (str(r[0]), *r[1:]), strict=True)) for r in rows]

    def __len__(self) -> int:
        with self._lock, self._errors():
            return int(self._conn.execute("SELECT count(*) FROM answers").fetchone()[0])

    def close(self) -> None:
        """Close the database connection (the object is unusable afterwards)."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> AnswerMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ internals

    def _vector(self, question: str, vector: np.ndarray | None) -> np.ndarray:
        if vector is None:
            return self.embedder.embed([question])[0]
        vector = np.asarray(vector, dtype=np.float32).reshape(-1)
        if vector.shape != (self.embedder.dim,):
            raise ValueError(f"vector must have {self.embedder.dim} values, not {vector.shape[0]}")
        return vector

    def _prepare_words(self, words: set[str]) -> None:
        """Word vectors for the guard: cached, else saved with a stored question, else embedded now."""
        missing = self._words.missing(words)
        if not missing:
            return
        if self._learned is not None:
            marks = ",".join("?" * len(missing))
            found = self._conn.execute(f"SELECT word, vector FROM words WHERE word IN ({marks})", sorted(missing))
            self._words.add({w: np.frombuffer(v, dtype=np.float32) for w, v in found})
        self._words.prepare(missing)

    def _save_words(self, question: str) -> None:
        """Keep the vectors of a stored question's content words (learned guard; inside the put's
        transaction, so another process, or this one after a restart, never embeds them again)."""
        if self._learned is None:
            return
        words = set(guard.content_words(question).values())
        self._conn.executemany(
            "INSERT INTO words(word, vector) VALUES (?, ?) ON CONFLICT(word) DO NOTHING",
            [(w, _blob(self._words.get(w))) for w in sorted(words) if self._words.get(w) is not None],
        )

    def _encode(self, question: str, vector: np.ndarray | None) -> tuple[np.ndarray, np.ndarray | None]:
        """The question's vector and, when the learned guard reads them, its token outputs (one model run)."""
        if self._encoder is None:
            return self._vector(question, vector), None
        if vector is None:
            encoded = self._encoder.encode(question)
            return encoded.vector, encoded.hidden
        return self._vector(question, vector), self._encoder.encode(question).hidden

    def _states(self, text: str, hidden: bytes | np.ndarray | None = None):  # noqa: ANN202 - TokenStates | None
        """TokenStates of a question from its stored outputs (or a model run); None without an encoder."""
        if self._encoder is None:
            return None
        if isinstance(hidden, bytes):
            hidden = np.frombuffer(hidden, dtype=np.float16).reshape(-1, self.embedder.dim)
        return self._encoder.states(text, hidden)

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except self._conn.errors as exc:
            self._view.generation = -1  # a rolled-back write may have touched the view
            raise self._conn.translate(exc) from exc

    def _insert(
        self,
        question: str,
        norm: str,
        rec: dict[str, Any],
        prov: Provenance,
        vector: np.ndarray,
        hidden: np.ndarray | None,
        keys: list[str],
        conversation: str | None,
    ) -> int:
        t = store.now()
        with store.write(self._conn):
            old = self._conn.execute("SELECT id FROM answers WHERE norm=?", (norm,)).fetchone()
            if old is not None:
                self._delete([old[0]])
            cur = self._conn.execute(
                "INSERT INTO answers(norm, question, text, value, route, verified, verdict, evidence, "
                "confidence, vector, cost_ms, created, last_used, context, states) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                (
                    norm,
                    question,
                    rec["text"],
                    rec["value"],
                    rec["route"],
                    rec["verified"],
                    rec["verdict"],
                    _dump_evidence(rec["evidence"]),
                    rec["confidence"],
                    self._conn.vector(vector),
                    rec["cost_ms"],
                    t,
                    t,
                    _conversation_key(conversation),
                    None if hidden is None else np.ascontiguousarray(hidden, dtype=np.float16).tobytes(),
                ),
            )
            entry = int(cur.fetchone()[0])
            provenance.record(self._conn, f"a:{entry}", prov)
            self._conn.executemany(
                "INSERT INTO keys(key, entry) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET entry=excluded.entry",
                [(k, entry) for k in keys],
            )
            self._save_words(question)
            evicted = self._evict()
            removed = ([old[0]] if old else []) + evicted
            self._bumped(removed=removed, added=[(entry, vector)])
        return entry

    def _evict(self) -> list[int]:
        """Drop the least recently used entries beyond ``max_entries``."""
        n = self._conn.execute("SELECT count(*) FROM answers").fetchone()[0]
        if n <= self.max_entries:
            return []
        ids = [
            r[0]
            for r in self._conn.execute(
                "SELECT id FROM answers ORDER BY last_used ASC, id ASC LIMIT ?", (n - self.max_entries,)
            )
        ]
        self._delete(ids)
        return ids

    def _delete(self, ids: list[int]) -> None:
        for entry in ids:
            self._conn.execute("DELETE FROM answers WHERE id=?", (entry,))
            self._conn.execute("DELETE FROM deps WHERE owner=?", (f"a:{entry}",))
            self._conn.execute("DELETE FROM keys WHERE entry=?", (entry,))

    def _bumped(self, *, removed: list[int] = (), added: list[tuple[int, np.ndarray]] = ()) -> None:
        """Record a change of the entry set; keep the FAISS view in step when no one else wrote."""
        if self._conn.searches_vectors:  # no view to keep in step: count the change, read nothing back
            self._conn.execute(store.BUMP)
            return
        before = store.generation(self._conn)
        after = store.bump_generation(self._conn)
        if before != self._view.generation:
            self._view.generation = -1  # someone else wrote: reload on next get
            return
        self._view.remove(removed)
        for entry, vec in added:
            self._view.add(entry, vec)
        self._view.generation = after

    def _refresh(self) -> None:
        """Reload the FAISS view when another process (or a rollback) changed the entries."""
        if self._conn.searches_vectors:  # the database searches its own vectors: nothing to load
            return
        gen = store.generation(self._conn)
        if gen == self._view.generation:
            return
        rows = self._conn.execute("SELECT id, vector FROM answers").fetchall()
        ids = np.array([r[0] for r in rows], dtype=np.int64)
        vecs = np.stack([np.frombuffer(r[1], dtype=np.float32) for r in rows]) if rows else None
        self._view.reset(ids, vecs, gen)

    def _check_embedder(self) -> None:
        """Re-embed stored questions when the memory was built with another embedder."""
        tag = f"{self.embedder.name}:{self.embedder.dim}"
        if store.get_meta(self._conn, "embedder") == tag:
            return
        rows = self._conn.execute("SELECT id, question FROM answers").fetchall()
        vectors = self.embedder.embed([r[1] for r in rows]) if rows else []
        with store.write(self._conn):
            for (entry, _), vec in zip(rows, vectors, strict=True):
                self._conn.execute(
                    "UPDATE answers SET vector=?, states=NULL WHERE id=?", (self._conn.vector(vec), entry)
                )
            self._conn.execute("DELETE FROM words")
            store.set_meta(self._conn, "embedder", tag)
            store.bump_generation(self._conn)

    def _hit(
        self,
        row: _Row,
        similarity: float,
        started: float,
        matched: str,
        *,
        score: float = float("inf"),
        bar: float = float("-inf"),
    ) -> MemoryHit:
        """The hit ``row`` would give (nothing is counted until :meth:`_count`)."""
        ms = (time.perf_counter() - started) * 1000
        how = {"exact": "the same question", "key": "an equivalence key"}.get(matched, f"similarity {similarity:.3f}")
        detail = f"served the {row.route} answer of {row.question!r} ({how})"
        if matched == "similar" and self._learned is not None:
            detail += f", guard log-odds {score:.2f} >= bar {bar:.2f}"
        ev = _load_evidence(row.evidence) + [
            Evidence(kind="memory", ref=str(row.id), text=row.question, score=similarity)
        ]
        answer = Answer(
            text=row.text,
            value=row.value,
            route="memory",
            confidence=similarity * (row.confidence if row.confidence > 0 else 1.0),
            verified=None if row.verified is None else bool(row.verified),
            verdict=f"from memory ({row.route}): {row.verdict}".strip(),
            evidence=ev,
            cost=Cost(wall_ms=ms, cache_hits=1),
            steps=[
                Step(
                    route="memory",
                    action="hit",
                    detail=detail,
                    confidence=similarity,
                    cost=Cost(wall_ms=ms, cache_hits=1),
                )
            ],
            from_memory=True,
        )
        return MemoryHit(
            answer=answer,
            similarity=float(similarity),
            question=row.question,
            entry_id=str(row.id),
            matched=matched,
            score=float(score),
            bar=float(bar),
        )

    def _count(self, hit: MemoryHit) -> MemoryHit:
        """Count a served hit (best effort: a busy database must not cost the hit)."""
        try:
            with store.write(self._conn, exclusive=False):
                self._conn.execute(
                    "UPDATE answers SET hits = hits + 1, last_used=? WHERE id=?", (store.now(), int(hit.entry_id))
                )
                self._conn.execute(
                    "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key='total_hits'"
                )
        except self._conn.busy:
            pass
        self.session_hits += 1
        return hit

    def _miss(self) -> None:
        self.session_misses += 1
        return None


def _conversation_key(conversation: str | None) -> str:
    """The stored form of a follow-up's conversation ('' for a standalone question)."""
    return normalise_question(conversation) if conversation else ""


def _entry_key(question: str, conversation: str | None) -> str:
    """The exact-match key: the normalised question, prefixed by its conversation for a follow-up."""
    norm = normalise_question(question)
    ctx = _conversation_key(conversation)
    return f"{ctx}{_CONVERSATION}{norm}" if ctx else norm


def _beats(score: float, bar: float, row: _Row) -> bool:
    """Does ``score`` reach the entry's bar and beat its highest contradicted score?"""
    return score >= bar and (row.min_score is None or score > row.min_score)


def _confirmed(confirm: Confirm, hit: MemoryHit) -> bool:
    """The caller's confirmation; an error in it refuses the hit (never serve on a failed check)."""
    try:
        return bool(confirm(hit))
    except Exception:  # noqa: BLE001 - a caller's check that fails must not fail the lookup
        return False


def _record_for(
    answer: Answer | str, *, value: str | None, route: str, evidence: Iterable[Evidence] | None
) -> dict[str, Any] | None:
    """What to store for ``answer``, or None when it must not be stored."""
    if isinstance(answer, str):
        if not answer.strip():
            return None
        return {
            "text": answer,
            "value": value if value is not None else answer.strip(),
            "route": route,
            "verified": None,
            "verdict": "trusted: given by a program",
            "confidence": 1.0,
            "evidence": list(evidence or ()),
            "cost_ms": 0.0,
        }
    if not isinstance(answer, Answer):
        raise TypeError(f"answer must be an Answer or a str, not {type(answer).__name__}")
    if answer.abstained or answer.verified is False or answer.from_memory:
        return None
    return {
        "text": answer.text,
        "value": answer.value if value is None else value,
        "route": answer.route,
        "verified": None if answer.verified is None else int(answer.verified),
        "verdict": answer.verdict or ("verified" if answer.verified else "unchecked"),
        "confidence": float(answer.confidence),
        "evidence": list(answer.evidence if evidence is None else evidence),
        "cost_ms": float(answer.cost.wall_ms),
    }


def _blob(vector: np.ndarray) -> bytes:
    return np.ascontiguousarray(vector, dtype=np.float32).tobytes()


def _dump_evidence(evidence: list[Evidence]) -> str:
    return json.dumps([dataclasses.asdict(e) for e in evidence if e.kind != "memory"])


def _load_evidence(text: str) -> list[Evidence]:
    try:
        return [Evidence(**item) for item in json.loads(text)]
    except (ValueError, TypeError):
        return []


def _iso(t: float | None) -> str | None:
    return None if t is None else datetime.fromtimestamp(t, tz=UTC).isoformat(timespec="seconds")
