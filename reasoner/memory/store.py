"""The memory's SQLite file: numbered migrations, WAL, clear errors.

One file, ``<dir>/memory.sqlite``, holds the answer entries (with their question
vectors, so the FAISS view can be rebuilt by any process), the subproblem
entries and the provenance rows both kinds depend on. SQLite is the only source
of truth; FAISS is a per-process view refreshed when the ``generation`` counter
in ``meta`` moves.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from reasoner.errors import IndexError_

DB_NAME = "memory.sqlite"
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


def connect(directory: Path, *, timeout_s: float = BUSY_TIMEOUT_MS / 1000) -> sqlite3.Connection:
    """Open (creating if needed) the memory database in ``directory``, migrated to the latest schema.

    Args:
        directory: the memory folder.
        timeout_s: how long a statement waits for another process's write lock.

    Raises:
        IndexError_: the file is not a database, is corrupt, or stays locked.
    """
    directory = Path(directory)
    path = directory / DB_NAME
    try:
        directory.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=timeout_s, isolation_level=None, check_same_thread=False)
    except (OSError, sqlite3.Error) as exc:
        raise IndexError_(f"cannot open the memory at {path}: {exc}") from exc
    try:
        conn.execute(f"PRAGMA busy_timeout={int(timeout_s * 1000)}")
        _wal(conn, timeout_s)
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        _migrate(conn)
        conn.execute("SELECT count(*) FROM answers").fetchone()
    except sqlite3.Error as exc:
        conn.close()
        raise translate(exc, path) from exc
    return conn


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


def translate(exc: sqlite3.Error, path: Path | str) -> IndexError_:
    """One clear library error for a SQLite failure."""
    msg = str(exc)
    if "locked" in msg or "busy" in msg:
        return IndexError_(f"the memory at {path} is locked by another process ({msg}); try again")
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
        return IndexError_(
            f"the memory at {path} is corrupt ({msg}); delete that folder to start an empty memory"
        )
    return IndexError_(f"the memory at {path} failed: {msg}")


def _migrate(conn: sqlite3.Connection) -> None:
    """Apply the migrations this file lacks, inside one write transaction (safe against a racing process)."""
    if conn.execute("PRAGMA user_version").fetchone()[0] >= len(MIGRATIONS):
        return
    with write(conn):
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        for number in range(version, len(MIGRATIONS)):
            for statement in _statements(MIGRATIONS[number]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version={number + 1}")


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (executescript would commit our transaction)."""
    lines = [line.split("--")[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


@contextlib.contextmanager
def write(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction taken up front (BEGIN IMMEDIATE), so writers queue instead of deadlocking."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def generation(conn: sqlite3.Connection) -> int:
    """The change counter: bumped by every write that adds or removes answer entries."""
    return int(conn.execute("SELECT value FROM meta WHERE key='generation'").fetchone()[0])


def bump_generation(conn: sqlite3.Connection) -> int:
    """Increment the change counter inside the current write transaction; return the new value."""
    conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key='generation'")
    return generation(conn)


def get_meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
    return row[0] if row else None


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))


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
