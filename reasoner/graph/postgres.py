"""The knowledge graph in PostgreSQL: the source of truth shared by every worker.

Selected by ``Config.database_url`` (through :func:`reasoner.factory.graph_backend`), beside
the knowledge index's ``kb_`` tables and the memory. What each file states is stored as rows
keyed by that file, so re-indexing a changed file replaces exactly its rows:

* ``kg_files``: one row per file the graph was built from: its content fingerprint, who may
  read it (``groups``, NULL for everyone, as the embedded store's ``access`` map leaves it
  out) and ``seq``, the order files were added in;
* ``kg_edges``: the file's triples in the order it stated them;
* ``kg_nodes``: the file's node attributes (a table's row) and aliases, as JSON;
* ``kg_meta``: the triples separator and ``generation``, bumped by every change.

A worker loads the rows into the same networkx graph the embedded store pickles, replaying
the files in ``seq`` order through :meth:`KnowledgeGraph.add_facts`, so every worker holds
the identical graph; it reloads when ``generation`` moves (one small query per question,
:meth:`PostgresGraphStore.changed`). An update is one transaction holding an advisory lock
(a second writer fails at once, as the index's does); readers keep the previous rows until
it commits. The schema is versioned in ``kg_schema_version``, migrated under the same lock.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from reasoner.errors import IndexError_
from reasoner.graph.store import KnowledgeGraph, sync
from reasoner.ingest.access import PUBLIC
from reasoner.ingest.triples import Facts, Triple
from reasoner.memory.postgres import _psycopg, redact
from reasoner.memory.sql import pg_migrate, pg_schema_version

T = TypeVar("T")
# The advisory lock a graph update (and a migration) holds ("reasoner kgraph").
GRAPH_LOCK = 0x7265_616B_6772_61

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE kg_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE kg_files (file TEXT PRIMARY KEY, seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
        fingerprint TEXT NOT NULL, groups TEXT[]);
    CREATE TABLE kg_edges (file TEXT NOT NULL REFERENCES kg_files (file) ON DELETE CASCADE, pos INTEGER NOT NULL,
        subject TEXT NOT NULL, relation TEXT NOT NULL, object TEXT NOT NULL, source TEXT NOT NULL,
        PRIMARY KEY (file, pos));
    CREATE TABLE kg_nodes (file TEXT NOT NULL REFERENCES kg_files (file) ON DELETE CASCADE, pos INTEGER NOT NULL,
        node TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('attrs', 'aliases')), value JSONB NOT NULL,
        PRIMARY KEY (file, pos));
    INSERT INTO kg_meta VALUES ('generation', '0'), ('triples_sep', 'null');
    """,
)


def connect(url: str) -> Any:
    """An autocommit connection with the graph tables migrated.

    Raises:
        IndexError_: the server cannot be reached.
        ConfigError: psycopg is not installed.
    """
    psycopg = _psycopg()
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        migrate(conn)
    except psycopg.Error as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise IndexError_(f"cannot use the knowledge graph database at {redact(url)}: {first}") from exc
    return conn


def schema_version(conn: Any) -> int:
    return pg_schema_version(conn, "kg_schema_version")


def migrate(conn: Any) -> None:
    """Apply the migrations the database lacks, once, under the graph lock (workers start together)."""
    pg_migrate(conn, "kg_schema_version", GRAPH_LOCK, MIGRATIONS)


class PostgresGraphStore:
    """``update``, ``load``, ``save`` and ``changed`` of the graph, on one database.

    The embedded counterpart is :class:`reasoner.graph.store.FileGraphStore`; ``index_dir``
    is accepted by every method for the same calls and not used: nothing is written there.
    """

    def __init__(self, url: str) -> None:
        self.url, self.where = url, redact(url)
        self._conn: Any = None
        self._lock = threading.Lock()

    def _db(self) -> Any:
        if self._conn is None or self._conn.broken or self._conn.closed:
            self._conn = connect(self.url)
        return self._conn

    def _run(self, work: Callable[[Any], T]) -> T:
        """``work(connection)`` under this store's lock; a server restart is retried once on a new
        connection (a transaction it broke was rolled back), any other failure is one clear error."""
        psycopg = _psycopg()
        with self._lock:
            for attempt in (1, 2):
                conn = self._db()
                try:
                    return work(conn)
                except psycopg.Error as exc:
                    if attempt == 1 and conn.broken:
                        continue
                    first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
                    raise IndexError_(f"the knowledge graph database at {self.where} failed: {first}") from exc
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # reading ------------------------------------------------------------------------
    def load(self, index_dir: str | Path | None = None) -> KnowledgeGraph:
        """The graph the database holds (empty when none was built), read in one snapshot."""

        def work(conn: Any) -> KnowledgeGraph:
            with conn.transaction():
                conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                return _read(conn)

        return self._run(work)

    def changed(self, graph: KnowledgeGraph) -> bool:
        """Whether the database holds a newer graph than ``graph`` (one small query)."""
        return self._run(_generation) != graph.stored_generation

    # writing ------------------------------------------------------------------------
    def update(
        self,
        kb_dir: str | Path,
        index_dir: str | Path | None = None,
        files: Mapping[str, str] | None = None,
        *,
        triples_sep: str | None = None,
        access: Mapping[str, tuple[str, ...]] | None = None,
    ) -> KnowledgeGraph:
        """:meth:`KnowledgeGraph.update` on the database: the files that changed are re-read and
        only their rows replaced, in one transaction; returns the graph as it now reads back.

        Raises:
            IndexError_: another process is updating the graph, or the server fails.
        """

        def work(conn: Any) -> KnowledgeGraph:
            with conn.transaction():
                self._exclusive(conn)
                # The diff needs only the files, their fingerprints and access: no edge is read twice.
                kg, changes = sync(_read(conn, edges=False), kb_dir, files, triples_sep=triples_sep, access=access)
                if not changes.dirty:
                    return _read(conn)
                if changes.reset:
                    conn.execute("DELETE FROM kg_files")
                for rel in changes.removed:
                    conn.execute("DELETE FROM kg_files WHERE file = %s", (rel,))
                for rel, facts in changes.read.items():
                    _put_file(conn, facts, kg.files[rel], kg.access.get(rel))
                _put_access(conn, kg.access)
                _bump(conn, kg.triples_sep)
                return _read(conn)

        return self._run(work)

    def save(self, graph: KnowledgeGraph, index_dir: str | Path | None = None) -> None:
        """Replace the stored graph with ``graph`` (one hand-built, e.g. with ``"external"`` files)."""

        def work(conn: Any) -> int:
            with conn.transaction():
                self._exclusive(conn)
                conn.execute("DELETE FROM kg_files")
                for facts in decompose(graph):
                    _put_file(conn, facts, graph.files.get(facts.file, ""), graph.access.get(facts.file))
                _bump(conn, graph.triples_sep)
                return _generation(conn)

        graph.stored_generation = self._run(work)

    def _exclusive(self, conn: Any) -> None:
        if not conn.execute("SELECT pg_try_advisory_xact_lock(%s)", (GRAPH_LOCK,)).fetchone()[0]:
            raise IndexError_(f"another process is updating the knowledge graph at {self.where}")


def _generation(conn: Any) -> int:
    return int(conn.execute("SELECT value FROM kg_meta WHERE key = 'generation'").fetchone()[0])


def _read(conn: Any, *, edges: bool = True) -> KnowledgeGraph:
    """Rebuild the graph from the rows: each file's facts, in the order the files were added
    (``edges=False``: only the files, their fingerprints and access, for an update's diff)."""
    meta = dict(conn.execute("SELECT key, value FROM kg_meta").fetchall())
    kg = KnowledgeGraph(triples_sep=json.loads(meta.get("triples_sep", "null")))
    facts: dict[str, Facts] = {}
    for file, digest, groups in conn.execute("SELECT file, fingerprint, groups FROM kg_files ORDER BY seq"):
        facts[file] = Facts(file)
        kg.files[file] = digest
        if groups is not None and tuple(groups) != PUBLIC:
            kg.access[file] = tuple(groups)
    kg.stored_generation = int(meta.get("generation", 0))
    if not edges:
        return kg
    for file, s, rel, o, source in conn.execute(
        "SELECT file, subject, relation, object, source FROM kg_edges ORDER BY file, pos"
    ):
        facts[file].triples.append(Triple(s, rel, o, source))
    for file, node, kind, value in conn.execute("SELECT file, node, kind, value FROM kg_nodes ORDER BY file, pos"):
        (facts[file].attributes if kind == "attrs" else facts[file].aliases)[node] = value
    for one in facts.values():
        kg.add_facts(one)
    return kg


def _put_file(conn: Any, facts: Facts, fingerprint: str, groups: tuple[str, ...] | None) -> None:
    """Replace one file's rows (its edges and nodes go with its ``kg_files`` row)."""
    conn.execute("DELETE FROM kg_files WHERE file = %s", (facts.file,))
    conn.execute("INSERT INTO kg_files (file, fingerprint, groups) VALUES (%s, %s, %s)",
                 (facts.file, fingerprint, list(groups) if groups else None))  # fmt: skip
    with conn.cursor() as cur:
        cur.executemany("INSERT INTO kg_edges VALUES (%s, %s, %s, %s, %s, %s)",
                        [(facts.file, i, t.subject, t.relation, t.object, t.source)
                         for i, t in enumerate(facts.triples)])  # fmt: skip
        nodes = [("attrs", n, v) for n, v in facts.attributes.items() if v]
        nodes += [("aliases", n, list(v)) for n, v in facts.aliases.items()]
        cur.executemany("INSERT INTO kg_nodes VALUES (%s, %s, %s, %s, %s::jsonb)",
                        [(facts.file, i, n, kind, json.dumps(v)) for i, (kind, n, v) in enumerate(nodes)])  # fmt: skip


def _put_access(conn: Any, access: Mapping[str, tuple[str, ...]]) -> None:
    """Who may read each file: the restricted ones named, every other one readable by everyone."""
    conn.execute("UPDATE kg_files SET groups = NULL WHERE groups IS NOT NULL AND NOT file = ANY(%s)",
                 (list(access),))  # fmt: skip
    with conn.cursor() as cur:
        cur.executemany("UPDATE kg_files SET groups = %s WHERE file = %s AND groups IS DISTINCT FROM %s",
                        [(list(a), f, list(a)) for f, a in access.items()])  # fmt: skip


def _bump(conn: Any, triples_sep: str | None) -> None:
    conn.execute("UPDATE kg_meta SET value = (value::bigint + 1)::text WHERE key = 'generation'")
    conn.execute("UPDATE kg_meta SET value = %s WHERE key = 'triples_sep'", (json.dumps(triples_sep),))


def decompose(graph: KnowledgeGraph) -> list[Facts]:
    """Each file's facts as the graph holds them (edges by their ``file``, per-file attributes
    and aliases), files in the order ``graph.files`` lists them, then any the edges name."""
    out: dict[str, Facts] = {f: Facts(f) for f in graph.files}
    for s, o, d in graph.graph.edges(data=True):
        file = d.get("file", "")
        out.setdefault(file, Facts(file)).triples.append(Triple(s, d["relation"], o, d.get("source", "")))
    for node, data in graph.graph.nodes(data=True):
        for file, attrs in data.get("attrs", {}).items():
            out.setdefault(file, Facts(file)).attributes[node] = dict(attrs)
        for file, names in data.get("aliases", {}).items():
            out.setdefault(file, Facts(file)).aliases[node] = list(names)
    return list(out.values())
