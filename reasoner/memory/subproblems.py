"""SubproblemCache: exact-key memory for the parts of composite questions.

Keys are exact strings built by :func:`subproblem_key`: canonical math problems,
graph queries (entity plus relation path), retrievals (query plus index
version) and LLM generations (prompt hash plus model). Values are JSON.
Entries record what they depend on, like answers, and are dropped by the same
:meth:`SubproblemCache.invalidate`.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from reasoner.memory import provenance, store
from reasoner.memory.provenance import Provenance

KINDS = ("math", "graph", "retrieval", "llm", "other")


def subproblem_key(kind: str, *parts: str) -> str:
    """An exact key such as ``math:<canonical>`` or ``llm:<model>:<sha256 of prompt>``.

    Parts longer than 200 characters are replaced by their SHA-256, so prompts
    and long retrieval queries make short keys.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    short = [p if len(p) <= 200 else hashlib.sha256(p.encode()).hexdigest() for p in parts]
    return ":".join([kind, *short])


class SubproblemCache:
    """Exact-key cache of solved subproblems, bounded, persistent and safe across processes.

    Args:
        path: directory holding ``memory.sqlite`` (shared with :class:`AnswerMemory`), or a
            ``postgresql://`` URL.
        max_entries: bound on stored subproblems; the least recently used go first.
        timeout_s: how long to wait for another process's write before failing.
    """

    def __init__(
        self, path: Path | str, *, max_entries: int = 50_000, timeout_s: float = store.BUSY_TIMEOUT_MS / 1000
    ) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self.path = path if store.is_url(path) else Path(path)
        self.max_entries = max_entries
        self._lock = threading.RLock()
        self._conn = store.connect(self.path, timeout_s=timeout_s)
        self.session_hits = 0
        self.session_misses = 0

    def get(self, key: str) -> Any | None:
        """The value stored under ``key``, or None."""
        with self._lock, self._errors():
            row = self._conn.execute("SELECT value FROM subproblems WHERE key=?", (key,)).fetchone()
            if row is None:
                self.session_misses += 1
                return None
            try:
                with store.write(self._conn, exclusive=False):
                    self._conn.execute(
                        "UPDATE subproblems SET hits = hits + 1, last_used=? WHERE key=?", (store.now(), key)
                    )
            except self._conn.busy:
                pass  # counters are best effort
            self.session_hits += 1
            return json.loads(row[0])

    def put(
        self,
        key: str,
        value: Any,
        *,
        kind: str = "other",
        depends_on: Provenance | Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        """Store a JSON-able ``value`` under ``key``; it is dropped when one of ``depends_on`` changes.

        Raises:
            TypeError: ``value`` is not JSON-serialisable.
        """
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        try:
            text = json.dumps(value)
        except (TypeError, ValueError) as exc:
            raise TypeError(f"subproblem values must be JSON-serialisable: {exc}") from exc
        prov = Provenance.coerce(depends_on)
        t = store.now()
        with self._lock, self._errors(), store.write(self._conn):
            self._conn.execute(
                "INSERT INTO subproblems(key, kind, value, created, last_used) VALUES (?,?,?,?,?) "
                "ON CONFLICT(key) DO UPDATE SET kind=excluded.kind, value=excluded.value, "
                "created=excluded.created, last_used=excluded.last_used, hits=0",
                (key, kind, text, t, t),
            )
            provenance.record(self._conn, f"s:{key}", prov)
            self._evict()

    def invalidate(
        self, *, sources: Iterable[str] = (), chunk_hashes: Iterable[str] = (), edges: Iterable[str] = ()
    ) -> int:
        """Drop exactly the subproblems citing one of these files, chunk hashes or edges; return how many."""
        prov = Provenance.coerce({"sources": sources, "chunk_hashes": chunk_hashes, "edges": edges})
        with self._lock, self._errors(), store.write(self._conn):
            keys = [o[2:] for o in provenance.dependent_owners(self._conn, prov, "s:")]
            self._delete(keys)
            return len(keys)

    def clear(self) -> int:
        """Forget every subproblem; return how many were dropped."""
        with self._lock, self._errors(), store.write(self._conn):
            n = self._conn.execute("SELECT count(*) FROM subproblems").fetchone()[0]
            self._conn.execute("DELETE FROM subproblems")
            self._conn.execute("DELETE FROM deps WHERE owner LIKE 's:%'")
            return int(n)

    def stats(self) -> dict[str, Any]:
        """Entries per kind, hits on current entries, session hits and misses."""
        with self._lock, self._errors():
            kinds = dict(self._conn.execute("SELECT kind, count(*) FROM subproblems GROUP BY kind"))
            hits = self._conn.execute("SELECT coalesce(sum(hits), 0) FROM subproblems").fetchone()[0]
        return {
            "entries": sum(kinds.values()),
            "kinds": kinds,
            "hits": hits,
            "session_hits": self.session_hits,
            "session_misses": self.session_misses,
        }

    def __len__(self) -> int:
        with self._lock, self._errors():
            return int(self._conn.execute("SELECT count(*) FROM subproblems").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> SubproblemCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except self._conn.errors as exc:
            raise self._conn.translate(exc) from exc

    def _evict(self) -> None:
        n = self._conn.execute("SELECT count(*) FROM subproblems").fetchone()[0]
        if n > self.max_entries:
            keys = [
                r[0]
                for r in self._conn.execute(
                    "SELECT key FROM subproblems ORDER BY last_used ASC LIMIT ?", (n - self.max_entries,)
                )
            ]
            self._delete(keys)

    def _delete(self, keys: list[str]) -> None:
        for key in keys:
            self._conn.execute("DELETE FROM subproblems WHERE key=?", (key,))
            self._conn.execute("DELETE FROM deps WHERE owner=?", (f"s:{key}",))
