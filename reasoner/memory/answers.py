"""AnswerMemory: never reason twice, never serve a stale or wrong answer.

Entries live in SQLite (question, answer, route, evidence, verdict, vector,
counters); each process keeps a FAISS inner-product view over the question
vectors and refreshes it whenever the ``generation`` counter shows that another
process (or a restart) changed the entries. A hit needs a high similarity *and*
the false-hit guard's agreement (:mod:`reasoner.memory.guard`).
"""

from __future__ import annotations

import dataclasses
import json
import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from reasoner.memory import guard, provenance, store
from reasoner.memory.context import ContextVectors
from reasoner.memory.provenance import Provenance
from reasoner.memory.view import VectorView
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
_COLUMNS = "id, question, text, value, route, verified, verdict, evidence, confidence"


@dataclass(frozen=True)
class MemoryHit:
    """A stored answer served for a new question.

    Attributes:
        answer: the stored answer, ``from_memory=True``, route "memory", with a
            ``kind="memory"`` evidence item naming the entry.
        similarity: cosine similarity of the two questions (1.0 for the same text).
        question: the stored question the answer was computed for.
        entry_id: the entry's id (for ``invalidate``-style bookkeeping and logs).
    """

    answer: Answer
    similarity: float
    question: str
    entry_id: str


@dataclass(frozen=True)
class Candidate:
    """A stored question near an asked one, as :meth:`AnswerMemory.explain` reports it."""

    similarity: float
    question: str
    entry_id: str
    verdict: guard.Verdict


def normalise_question(text: str) -> str:
    """The exact-match key: lower case, single spaces, no trailing punctuation."""
    return re.sub(r"\s+", " ", text).strip().rstrip("?.!").strip().lower()


class AnswerMemory:
    """Answers of earlier questions, served again only when the new question means the same.

    Args:
        path: directory holding ``memory.sqlite`` (created if needed).
        embedder: the question embedder (the engine's; ``HashEmbedder`` in tests).
        max_entries: bound on stored answers; the least recently used go first.
        threshold: minimum cosine similarity for a candidate to be checked by the guard.
        min_word_similarity: how close a content word only one question has must be to a
            word of the other (word vectors from ``embedder``).
        timeout_s: how long to wait for another process's write before failing.
        context: decide reordered questions with MiniLM's contextual word vectors
            (:mod:`reasoner.memory.context`; loads the model on first use) instead of
            refusing every moved word. More hits on reordered long sentences at the
            same false-hit rate on PAWS, but refuses some reordered short questions
            ("New employees get how many vacation days?"), so it is off by default.

    Raises:
        IndexError_: the database is corrupt or stays locked.
    """

    def __init__(
        self,
        path: Path | str,
        embedder: Embedder,
        *,
        max_entries: int = 10_000,
        threshold: float = DEFAULT_THRESHOLD,
        min_word_similarity: float = guard.MIN_WORD_SIMILARITY,
        timeout_s: float = store.BUSY_TIMEOUT_MS / 1000,
        context: bool = False,
    ) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self.path = Path(path)
        self.embedder = embedder
        self.max_entries = max_entries
        self.threshold = threshold
        self.min_word_similarity = min_word_similarity
        self._words = WordVectors(embedder)
        self._context = ContextVectors() if context else None
        self._lock = threading.RLock()
        self._conn = store.connect(self.path, timeout_s=timeout_s)
        self._view = VectorView(embedder.dim)
        self.session_hits = 0
        self.session_misses = 0
        with self._errors():
            self._check_embedder()

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
    ) -> str | None:
        """Store ``answer`` for ``question``; return the entry id, or None when not storable.

        An :class:`Answer` is stored only when it did not abstain, its check did
        not fail (``verified is not False``) and it was not itself served from
        memory. A plain string given by a program is stored as trusted.
        Dependencies come from the evidence (files, chunk hashes, edges) unless
        ``depends_on`` names them; answers without KB evidence never go stale.
        The same question (after normalisation) replaces its earlier entry.
        ``vector`` is the question's embedding when the caller already has it.
        """
        record = _record_for(answer, value=value, route=route, evidence=evidence)
        norm = normalise_question(question)
        if record is None or not norm:
            return None
        prov = (
            Provenance.coerce(depends_on)
            if depends_on is not None
            else Provenance.from_evidence(record["evidence"])
        )
        vector = self._vector(question, vector)
        with self._lock, self._errors():
            return str(self._insert(question.strip(), norm, record, prov, vector))

    def get(self, question: str, *, vector: np.ndarray | None = None) -> MemoryHit | None:
        """The stored answer of a question that means the same as ``question``, or None.

        ``vector`` is the question's embedding when the caller already has it
        (the retriever embeds the same text with the same embedder).
        """
        started = time.perf_counter()
        norm = normalise_question(question)
        if not norm:
            return None
        with self._lock, self._errors():
            self._refresh()
            row = self._conn.execute(f"SELECT {_COLUMNS} FROM answers WHERE norm=?", (norm,)).fetchone()
            if row is not None:
                return self._serve(row, 1.0, started)
            if not len(self._view):
                return self._miss()
        vector = self._vector(question, vector)
        with self._lock, self._errors():
            rows = self._candidates(vector)
            if self._context is not None:
                return self._get_in_context(question, rows, started)
            # Word vectors only where the words decide, embedded in one call.
            strict = [guard.check(row[1], question) for _, row in rows]
            undecided = [row[1] for (_, row), v in zip(rows, strict, strict=True) if v.check == "words"]
            if undecided:
                self.prepare_words([question, *undecided])
            for (score, row), verdict in zip(rows, strict, strict=True):
                if verdict.ok or (verdict.check == "words" and self.check(row[1], question).ok):
                    return self._serve(row, score, started)
            return self._miss()

    def _get_in_context(
        self, question: str, rows: list[tuple[float, tuple]], started: float
    ) -> MemoryHit | None:
        """``get``'s guard step with contextual word vectors: every candidate's vectors in one batch."""
        alive = [row[1] for _, row in rows if guard.check_structure(row[1], question).ok]
        if not alive:
            return self._miss()
        self.prepare_words([question, *alive])
        self._context.many([question, *alive])
        for score, row in rows:
            if row[1] in alive and self.check(row[1], question).ok:
                return self._serve(row, score, started)
        return self._miss()

    def _candidates(self, vector: np.ndarray) -> list[tuple[float, tuple]]:
        """Stored rows at or above the threshold, most similar first."""
        out = []
        for score, entry in self._view.search(vector, _CANDIDATES):
            if score < self.threshold:
                break
            row = self._conn.execute(f"SELECT {_COLUMNS} FROM answers WHERE id=?", (entry,)).fetchone()
            if row is not None:
                out.append((score, row))
        return out

    def explain(
        self, question: str, k: int = _CANDIDATES, *, vector: np.ndarray | None = None
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
                row = self._conn.execute("SELECT question FROM answers WHERE id=?", (entry,)).fetchone()
                if row is not None:
                    out.append(Candidate(score, row[0], str(entry), self.check(row[0], question)))
        return out

    def prepare_words(self, questions: Iterable[str]) -> None:
        """Embed the content words of many questions in one batch (before bulk puts or gets)."""
        self._words.prepare({w for q in questions for w in guard.content_words(q).values()})

    def check(self, stored: str, asked: str) -> guard.Verdict:
        """The false-hit guard's verdict on serving ``stored``'s answer for ``asked``."""
        return guard.check(
            stored,
            asked,
            similarity=self._words.similarity,
            min_word_similarity=self.min_word_similarity,
            context=self._context,
        )

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
            total_hits = int(store.get_meta(self._conn, "total_hits") or 0)
        return {
            "path": str(self.path),
            "entries": n,
            "max_entries": self.max_entries,
            "hits": total_hits,
            "hits_on_current_entries": hits,
            "session_hits": self.session_hits,
            "session_misses": self.session_misses,
            "size_bytes": store.size_on_disk(self.path),
            "oldest": _iso(oldest),
            "newest": _iso(newest),
            "routes": routes,
            "embedder": self.embedder.name,
            "threshold": self.threshold,
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

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            self._view.generation = -1  # a rolled-back write may have touched the view
            raise store.translate(exc, self.path / store.DB_NAME) from exc

    def _insert(
        self, question: str, norm: str, rec: dict[str, Any], prov: Provenance, vector: np.ndarray
    ) -> int:
        t = store.now()
        with store.write(self._conn):
            old = self._conn.execute("SELECT id FROM answers WHERE norm=?", (norm,)).fetchone()
            if old is not None:
                self._delete([old[0]])
            cur = self._conn.execute(
                "INSERT INTO answers(norm, question, text, value, route, verified, verdict, evidence, "
                "confidence, vector, cost_ms, created, last_used) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
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
                    _blob(vector),
                    rec["cost_ms"],
                    t,
                    t,
                ),
            )
            entry = int(cur.lastrowid)
            provenance.record(self._conn, f"a:{entry}", prov)
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

    def _bumped(self, *, removed: list[int] = (), added: list[tuple[int, np.ndarray]] = ()) -> None:
        """Record a change of the entry set; keep the FAISS view in step when no one else wrote."""
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
                self._conn.execute("UPDATE answers SET vector=? WHERE id=?", (_blob(vec), entry))
            store.set_meta(self._conn, "embedder", tag)
            store.bump_generation(self._conn)

    def _serve(self, row: tuple, similarity: float, started: float) -> MemoryHit:
        entry, question, text, value, route, verified, verdict, evidence, confidence = row
        t = store.now()
        try:
            with store.write(self._conn):
                self._conn.execute("UPDATE answers SET hits = hits + 1, last_used=? WHERE id=?", (t, entry))
                self._conn.execute(
                    "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key='total_hits'"
                )
        except sqlite3.OperationalError:
            pass  # counters are best effort: a busy database must not cost the hit
        self.session_hits += 1
        ms = (time.perf_counter() - started) * 1000
        detail = f"served the {route} answer of {question!r} (similarity {similarity:.3f})"
        ev = _load_evidence(evidence) + [
            Evidence(kind="memory", ref=str(entry), text=question, score=similarity)
        ]
        answer = Answer(
            text=text,
            value=value,
            route="memory",
            confidence=similarity * (confidence if confidence > 0 else 1.0),
            verified=None if verified is None else bool(verified),
            verdict=f"from memory ({route}): {verdict}".strip(),
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
        return MemoryHit(answer=answer, similarity=float(similarity), question=question, entry_id=str(entry))

    def _miss(self) -> None:
        self.session_misses += 1
        return None


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
