"""Migration scripts as statements, for both memory backends (one place, no import cycle), and the
versioned migration of the PostgreSQL stores (knowledge index, graph)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any


def statements(script: str) -> list[str]:
    """Split a migration script into statements (executescript would commit our transaction)."""
    lines = [line.split("--")[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def pg_schema_version(conn: Any, table: str) -> int:
    """The newest migration recorded in ``table`` of a PostgreSQL database (0 before the first)."""
    if conn.execute("SELECT to_regclass(%s)", (table,)).fetchone()[0] is None:
        return 0
    return int(conn.execute(f"SELECT coalesce(max(version), 0) FROM {table}").fetchone()[0])


def pg_migrate(conn: Any, table: str, lock: int, migrations: Sequence[str]) -> None:
    """Apply the ``migrations`` a PostgreSQL database lacks, once, under advisory ``lock``
    (workers start together), recording each in ``table`` (a constant name, never user text)."""
    if pg_schema_version(conn, table) >= len(migrations):
        return
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (lock,))
        conn.execute(f"CREATE TABLE IF NOT EXISTS {table} (version INTEGER PRIMARY KEY, "
                     "applied DOUBLE PRECISION NOT NULL)")  # fmt: skip
        for number in range(pg_schema_version(conn, table), len(migrations)):
            for statement in statements(migrations[number]):
                conn.execute(statement)
            conn.execute(f"INSERT INTO {table} VALUES (%s, %s)", (number + 1, time.time()))
