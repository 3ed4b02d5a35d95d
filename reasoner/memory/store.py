"""The memory's database: numbered migrations, one writer at a time, clear errors.

The embedded default is one SQLite file, ``<dir>/memory.sqlite`` (WAL); a
``postgresql://`` URL selects the shared server (:mod:`reasoner.memory.postgres`,
the same tables and the same SQL). The database holds the answer entries (with their question
vectors, so the FAISS view can be rebuilt by any process), the subproblem
entries and the provenance rows both kinds depend on. The database is the only source
of truth; with SQLite, FAISS is a per-process view refreshed when the ``generation``
counter in ``meta`` moves (PostgreSQL searches its pgvector column itself).
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from reasoner.errors import IndexError_
from reasoner.memory.sql import statements

DB_NAME = "memory.sqlite"
URL_SCHEMES = ("postgresql://", "postgres://")
BUSY_TIMEOUT_MS = 10_000

# Numbered migrations: entry i brings the schema from version i to i + 1.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE answers (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        norm TEXT NOT NULL UNIQUE,
        question TEXT NOT NULL,
        text TEXT NOT NULL,
        value TEXT,
        route TEXT NOT NULL,
        verified INTEGER,
        verdict TEXT NOT NULL DEFAULT '',
        confidence REAL NOT NULL DEFAULT 0,
        evidence TEXT NOT NULL DEFAULT '[]',
        vector BLOB NOT NULL,
        cost_ms REAL NOT NULL DEFAULT 0,
        created REAL NOT NULL,
        last_used REAL NOT NULL,
        hits INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX answers_last_used ON answers(last_used);
    CREATE TABLE subproblems (
        key TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        created REAL NOT NULL,
        last_used REAL NOT NULL,
        hits INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX subproblems_last_used ON subproblems(last_used);
    CREATE TABLE deps (
        owner TEXT NOT NULL,      -- 'a:<answer id>' or 's:<subproblem key>'
        kind TEXT NOT NULL,       -- 'source', 'hash' or 'edge'
        ref TEXT NOT NULL
    );
    CREATE INDEX deps_ref ON deps(kind, ref);
    CREATE INDEX deps_owner ON deps(owner);
    INSERT INTO meta(key, value) VALUES ('generation', '0'), ('total_hits', '0');
    """,
    # 2: conversation context, per-entry bars, token outputs (raised when a served hit is contradicted)
    # and exact equivalence keys (a math canonical key, a graph plan).
    """
    ALTER TABLE answers ADD COLUMN context TEXT NOT NULL DEFAULT '';
    ALTER TABLE answers ADD COLUMN strikes INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE answers ADD COLUMN min_score REAL;
    ALTER TABLE answers ADD COLUMN states BLOB;  -- the question's token outputs (float16), for the learned guard
    CREATE TABLE keys (
        key TEXT PRIMARY KEY,
        entry INTEGER NOT NULL
    );
    CREATE INDEX keys_entry ON keys(entry);
    CREATE TABLE words (word TEXT PRIMARY KEY, vector BLOB NOT NULL);  -- the guard's word vectors
    """,
)


def is_url(location: Path | str) -> bool:
    """Is ``location`` a database URL (``postgresql://...``) rather than a memory folder?"""
    return isinstance(location, str) and location.startswith(URL_SCHEMES)


def connect(location: Path | str, *, timeout_s: float = BUSY_TIMEOUT_MS / 1000) -> Database:
    """Open (creating if needed) the memory database, migrated to the latest schema.

    Args:
        location: the memory folder (embedded SQLite), or a ``postgresql://`` URL.
        timeout_s: how long a statement waits for another process's write lock.

    Raises:
        IndexError_: the file is not a database, is corrupt, or stays locked; the server cannot be reached.
    """
    if is_url(location):
        from reasoner.memory.postgres import PostgresDatabase  # lazy: psycopg is optional

        return PostgresDatabase(str(location), timeout_s=timeout_s)
    return SqliteDatabase(Path(location), timeout_s=timeout_s)


class Database(Protocol):
    """What the memory needs of its database; SQL is the portable subset both backends run
    (``?`` placeholders, ``ON CONFLICT`` upserts, ``RETURNING``)."""

    where: str  # for messages: the file, or the URL without its password
    errors: tuple[type[Exception], ...]  # every failure of the database
    busy: tuple[type[Exception], ...]  # a lock that stayed taken (best-effort writes give up)
    searches_vectors: bool  # True: the database runs nearest-neighbour search itself

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any: ...
    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...
    def write(self, *, exclusive: bool = True) -> contextlib.AbstractContextManager[Any]: ...
    def translate(self, exc: Exception) -> IndexError_: ...
    def vector(self, vector: np.ndarray) -> Any: ...
    def size_bytes(self) -> int: ...
    def close(self) -> None: ...


class SqliteDatabase:
    """The embedded default: ``<dir>/memory.sqlite`` in WAL mode, writers queued by BEGIN IMMEDIATE."""

    errors = (sqlite3.Error,)
    busy = (sqlite3.OperationalError,)
    searches_vectors = False

    def __init__(self, directory: Path, *, timeout_s: float) -> None:
        self.directory = directory
        path = directory / DB_NAME
        self.where = str(path)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, timeout=timeout_s, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise IndexError_(f"cannot open the memory at {path}: {exc}") from exc
        self._conn = conn
        try:
            conn.execute(f"PRAGMA busy_timeout={int(timeout_s * 1000)}")
            _wal(conn, timeout_s)
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            _migrate(self)
            conn.execute("SELECT count(*) FROM answers").fetchone()
        except sqlite3.Error as exc:
            conn.close()
            raise self.translate(exc) from exc

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self._conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._conn.executemany(sql, rows)

    @contextlib.contextmanager
    def write(self, *, exclusive: bool = True) -> Iterator[SqliteDatabase]:
        """A write transaction taken up front (BEGIN IMMEDIATE), so writers queue instead of deadlocking
        (SQLite has one writer at a time whatever ``exclusive`` says)."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def translate(self, exc: Exception) -> IndexError_:
        return translate(exc, self.where)

    def vector(self, vector: np.ndarray) -> bytes:
        return np.ascontiguousarray(vector, dtype=np.float32).tobytes()

    def size_bytes(self) -> int:
        return size_on_disk(self.directory)

    def close(self) -> None:
        self._conn.close()

    def schema_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def set_schema_version(self, version: int) -> None:
        self._conn.execute(f"PRAGMA user_version={int(version)}")


def _wal(conn: sqlite3.Connection, timeout_s: float) -> None:
    """Switch to WAL, retrying while another process creates the same file: the switch
    needs a moment of exclusive access and does not wait on the busy timeout."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def translate(exc: Exception, path: Path | str) -> IndexError_:
    """One clear library error for a SQLite failure."""
    msg = str(exc)
    if "locked" in msg or "busy" in msg:
        return IndexError_(f"the memory at {path} is locked by another process ({msg}); try again")
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
        return IndexError_(
            f"the memory at {path} is corrupt ({msg}); delete that folder to start an empty memory"
        )
    return IndexError_(f"the memory at {path} failed: {msg}")


def _migrate(db: SqliteDatabase) -> None:
    """Apply the migrations this file lacks, inside one write transaction (safe against a racing process)."""
    if db.schema_version() >= len(MIGRATIONS):
        return
    with db.write():
        for number in range(db.schema_version(), len(MIGRATIONS)):
            for statement in statements(MIGRATIONS[number]):
                db.execute(statement)
            db.set_schema_version(number + 1)


def write(db: Database, *, exclusive: bool = True) -> contextlib.AbstractContextManager[Any]:
    """A write transaction on ``db``: all or nothing; ``exclusive``: one such writer at a time
    (False only for single-row increments, which row locks keep exact)."""
    return db.write(exclusive=exclusive)


BUMP = "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key='generation'"


def generation(db: Database) -> int:
    """The change counter: bumped by every write that adds or removes answer entries."""
    return int(db.execute("SELECT value FROM meta WHERE key='generation'").fetchone()[0])


def bump_generation(db: Database) -> int:
    """Increment the change counter inside the current write transaction; return the new value."""
    db.execute(BUMP)
    return generation(db)


def get_meta(db: Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
    return row[0] if row else None


def set_meta(db: Database, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
        (key, value),
    )


_statements = statements  # the name older tests use


def size_on_disk(directory: Path) -> int:
    """Bytes used by the database and its WAL files."""
    total = 0
    for suffix in ("", "-wal", "-shm"):
        path = Path(directory) / (DB_NAME + suffix)
        if path.exists():
            total += path.stat().st_size
    return total


def now() -> float:
    """Wall-clock seconds; one place so entries order consistently across processes."""
    return time.time()
