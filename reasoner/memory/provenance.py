"""What a memory entry depends on, and how entries are found again to drop them.

An entry depends on files (relative KB paths), chunk hashes and graph edges.
``reasoner index`` reports which sources changed and which chunk hashes went
away; :func:`invalidate` drops exactly the entries that cite one of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reasoner.types import Evidence

if TYPE_CHECKING:
    from reasoner.memory.store import Database

_ROW_SUFFIX = re.compile(r":\d+$")


@dataclass(frozen=True)
class Provenance:
    """The evidence an entry rests on. Empty for answers without KB evidence (math)."""

    sources: frozenset[str] = field(default_factory=frozenset)
    chunk_hashes: frozenset[str] = field(default_factory=frozenset)
    edges: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_evidence(cls, evidence: Iterable[Evidence]) -> Provenance:
        """Files, chunk hashes and edges cited by ``evidence`` (memory and expression refs carry none)."""
        sources, hashes, edges = set(), set(), set()
        for ev in evidence:
            if ev.kind in ("memory", "expression"):
                continue
            if ev.source:
                sources.add(normalise_source(ev.source))
            if ev.hash:
                hashes.add(ev.hash)
            if ev.kind == "edge" and ev.ref:
                edges.add(ev.ref)
        return cls(frozenset(sources), frozenset(hashes), frozenset(edges))

    @classmethod
    def coerce(cls, value: Provenance | Mapping[str, Iterable[str]] | None) -> Provenance:
        """Accept a Provenance, a mapping with keys sources/chunk_hashes/edges, or None."""
        if value is None:
            return cls()
        if isinstance(value, Provenance):
            return value
        unknown = set(value) - {"sources", "chunk_hashes", "edges"}
        if unknown:
            raise ValueError(
                f"depends_on has unknown keys {sorted(unknown)}; use sources, chunk_hashes, edges"
            )
        return cls(
            frozenset(normalise_source(s) for s in value.get("sources", ())),
            frozenset(value.get("chunk_hashes", ())),
            frozenset(value.get("edges", ())),
        )

    def rows(self) -> list[tuple[str, str]]:
        """(kind, ref) rows for the deps table."""
        return (
            [("source", s) for s in sorted(self.sources)]
            + [("hash", h) for h in sorted(self.chunk_hashes)]
            + [("edge", e) for e in sorted(self.edges)]
        )


def normalise_source(source: str) -> str:
    """A KB-relative path as the index reports it: "/"-separated, no "./", no ":row" suffix."""
    path = _ROW_SUFFIX.sub("", source.strip().replace("\\", "/"))
    while path.startswith("./"):
        path = path[2:]
    return path


def record(conn: Database, owner: str, prov: Provenance) -> None:
    """Replace the dependency rows of ``owner`` (inside the caller's write transaction)."""
    conn.execute("DELETE FROM deps WHERE owner=?", (owner,))
    conn.executemany(
        "INSERT INTO deps(owner, kind, ref) VALUES (?, ?, ?)",
        [(owner, kind, ref) for kind, ref in prov.rows()],
    )


def dependent_owners(conn: Database, prov: Provenance, prefix: str) -> set[str]:
    """Owners (``prefix`` "a:" answers or "s:" subproblems) citing any source, hash or edge in ``prov``."""
    owners: set[str] = set()
    for kind, ref in prov.rows():
        for (owner,) in conn.execute(
            "SELECT DISTINCT owner FROM deps WHERE kind=? AND ref=? AND owner LIKE ?",
            (kind, ref, prefix + "%"),
        ):
            owners.add(owner)
    return owners
