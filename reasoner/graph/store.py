"""KnowledgeGraph: a networkx MultiDiGraph built from the knowledge base, saved with the index.

Each edge has ``relation``, ``source`` ("path:row") and ``file`` attributes, so an
answer can cite it and a changed file can be rebuilt alone. The graph is saved as
``graph.pkl`` beside a small ``graph.json`` manifest of per-file content fingerprints
(:class:`FileGraphStore`), or kept in PostgreSQL (:mod:`reasoner.graph.postgres`).
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
import pickle
import tempfile
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from reasoner.errors import IndexError_
from reasoner.ingest.access import PUBLIC, visible
from reasoner.ingest.triples import MAX_FILE_BYTES, Facts, file_kind, parse_file, parse_triples
from reasoner.ingest.walk import fingerprint, walk

log = logging.getLogger(__name__)

GRAPH_FILE = "graph.pkl"
EXTERNAL = "external"  # the fingerprint of a file merged in by hand: no update removes it
MANIFEST_FILE = "graph.json"
FORMAT_VERSION = 1

# (relation, forward?) -> neighbours, per node: the traversal index built from the graph.
Adjacency = dict[str, dict[tuple[str, bool], list[str]]]


class KnowledgeGraph:
    """Entities and relations from the knowledge base, with per-file provenance.

    Attributes:
        graph: the MultiDiGraph; node attributes ``attrs`` and ``aliases`` are
            kept per file (``{file: {...}}``) so a file can be withdrawn.
        files: relative path -> fingerprint of the content the graph was built from.
        triples_sep: separator used for triples files (None: detected per file).
    """

    def __init__(
        self,
        graph: nx.MultiDiGraph | None = None,
        files: dict[str, str] | None = None,
        triples_sep: str | None = None,
    ) -> None:
        self.graph = graph if graph is not None else nx.MultiDiGraph()
        self.files: dict[str, str] = dict(files or {})
        self.triples_sep = triples_sep
        # file -> the groups allowed to read it (reasoner.ingest.access); absent: everyone
        self.access: dict[str, tuple[str, ...]] = {}
        self._adj: Adjacency | None = None
        self._edge_source: dict[tuple[str, str, str], tuple[str, str]] | None = None
        self.version = 0  # bumped on every change; caches built on the graph compare it
        self.stored_generation: int | None = None  # the database's generation it was read at (PostgreSQL)

    # -- reading ----------------------------------------------------------------------

    def __len__(self) -> int:
        return self.graph.number_of_edges()

    def is_empty(self) -> bool:
        """No facts: no edges and no node with table attributes (a table alone is answerable)."""
        if next(iter(self.graph.edges()), None) is not None:
            return False
        return not any(data.get("attrs") for _, data in self.graph.nodes(data=True))

    def relations(self) -> set[str]:
        """The relation names used by the edges."""
        return {d["relation"] for _, _, d in self.graph.edges(data=True)}

    def adjacency(self) -> Adjacency:
        """``node -> (relation, forward) -> neighbours``, built once per graph version."""
        if self._adj is None:
            adj: Adjacency = defaultdict(lambda: defaultdict(list))
            for s, o, d in self.graph.edges(data=True):
                rel = d["relation"]
                adj[s][(rel, True)].append(o)
                adj[o][(rel, False)].append(s)
            self._adj = {n: dict(v) for n, v in adj.items()}
        return self._adj

    def edge_source(self, subject: str, relation: str, obj: str) -> str:
        """Where the edge ``subject --relation--> obj`` was stated ("" when absent)."""
        return self._stated(subject, relation, obj)[0]

    def edge_access(self, subject: str, relation: str, obj: str) -> tuple[str, ...]:
        """Who may read the file that states the edge (the one :meth:`edge_source` names)."""
        return self.access_of(self._stated(subject, relation, obj)[1])

    def _stated(self, subject: str, relation: str, obj: str) -> tuple[str, str]:
        """(source with line, file) of an edge."""
        if self._edge_source is None:
            self._edge_source = {
                (s, d["relation"], o): (d.get("source", ""), d.get("file", "")) for s, o, d in self.graph.edges(data=True)
            }
        return self._edge_source.get((subject, relation, obj), ("", ""))

    def has_edge(self, subject: str, relation: str, obj: str) -> bool:
        """True when the graph holds ``subject --relation--> obj``."""
        return obj in self.adjacency().get(subject, {}).get((relation, True), ())

    def aliases(self, node: str) -> list[str]:
        """Other names of ``node`` (from every file)."""
        per_file = self.graph.nodes[node].get("aliases", {}) if node in self.graph else {}
        return [a for names in per_file.values() for a in names]

    def attributes(self, node: str) -> dict[str, str]:
        """Merged attributes of ``node`` (from every file)."""
        per_file = self.graph.nodes[node].get("attrs", {}) if node in self.graph else {}
        out: dict[str, str] = {}
        for attrs in per_file.values():
            out.update(attrs)
        return out

    def stats(self) -> dict[str, Any]:
        return {
            "nodes": self.graph.number_of_nodes(),
            "edges": self.graph.number_of_edges(),
            "relations": len(self.relations()),
            "files": len(self.files),
        }

    # -- who may read what --------------------------------------------------------------

    def readable_files(self, groups: frozenset[str] | None) -> set[str] | None:
        """The files a caller in ``groups`` may read; None when that is every file."""
        if groups is None or not any(a != PUBLIC for a in self.access.values()):
            return None
        hidden = {f for f, a in self.access.items() if not visible(a, groups)}
        return None if not hidden else set(self.files) - hidden

    def access_of(self, file: str) -> tuple[str, ...]:
        """The groups that may read ``file`` (everyone when no rule restricts it)."""
        return self.access.get(file, PUBLIC)

    def view(self, files: set[str]) -> KnowledgeGraph:
        """The graph as a caller who may read only ``files`` sees it: their edges, attributes, aliases."""
        g = nx.MultiDiGraph()
        for s, o, k, d in self.graph.edges(keys=True, data=True):
            if d.get("file") in files:
                g.add_edge(s, o, key=k, **d)
        for node, data in self.graph.nodes(data=True):
            kept = {key: {f: v for f, v in data.get(key, {}).items() if f in files} for key in ("attrs", "aliases")}
            kept = {key: v for key, v in kept.items() if v}
            if kept or node in g:
                g.add_node(node, **kept)
        out = KnowledgeGraph(g, {f: d for f, d in self.files.items() if f in files}, self.triples_sep)
        out.access = {f: a for f, a in self.access.items() if f in files}
        return out

    # -- changing ---------------------------------------------------------------------

    def _touch(self) -> None:
        self._adj = None
        self._edge_source = None
        self.version += 1

    def add_facts(self, facts: Facts) -> None:
        """Add one file's edges, attributes and aliases."""
        g = self.graph
        for t in facts.triples:
            g.add_edge(t.subject, t.object, relation=t.relation, source=t.source, file=facts.file)
        for node, attrs in facts.attributes.items():
            if attrs:
                g.add_node(node)
                g.nodes[node].setdefault("attrs", {})[facts.file] = dict(attrs)
        for node, names in facts.aliases.items():
            g.add_node(node)
            g.nodes[node].setdefault("aliases", {})[facts.file] = list(names)
        self._touch()

    def remove_file(self, file: str) -> None:
        """Withdraw everything ``file`` contributed; nodes left with nothing go too."""
        g = self.graph
        doomed = [(s, o, k) for s, o, k, f in g.edges(keys=True, data="file") if f == file]
        touched = {n for s, o, _ in doomed for n in (s, o)}
        g.remove_edges_from(doomed)
        for node, data in g.nodes(data=True):
            for key in ("attrs", "aliases"):
                if file in data.get(key, {}):
                    del data[key][file]
                    touched.add(node)
        for node in touched:
            data = g.nodes[node]
            if g.degree(node) == 0 and not data.get("attrs") and not data.get("aliases"):
                g.remove_node(node)
        self.files.pop(file, None)
        self._touch()

    # -- building from a folder -------------------------------------------------------

    @classmethod
    def update(
        cls,
        kb_dir: str | Path,
        index_dir: str | Path,
        files: Mapping[str, str] | None = None,
        *,
        triples_sep: str | None = None,
        access: Mapping[str, tuple[str, ...]] | None = None,
    ) -> KnowledgeGraph:
        """Build the graph of ``kb_dir`` into ``index_dir``, re-reading only files that changed.

        Args:
            kb_dir: the knowledge-base folder.
            index_dir: where ``graph.pkl`` and ``graph.json`` live.
            files: every file present in the folder with its content fingerprint, as the
                chunk index's walk reports it (``IndexReport.fingerprints``); None walks and
                fingerprints the folder here (standalone use).
            triples_sep: separator of triples files; None detects it per file.
            access: who may read each file (``KnowledgeIndex.file_access()``); a change of access
                alone is recorded without reading the file again.

        Returns:
            The updated graph (also saved atomically in ``index_dir``). Files recorded as
            ``"external"`` (merged in by hand, not from the folder) are kept.
        """
        index_dir = Path(index_dir)
        try:
            kg = cls.load(index_dir)
        except IndexError_:
            kg = cls()  # a corrupt graph is rebuilt from scratch
        kg, changes = sync(kg, kb_dir, files, triples_sep=triples_sep, access=access)
        if changes.dirty or not (index_dir / GRAPH_FILE).exists():
            kg.save(index_dir)
        return kg

    def _refresh(self, path: Path, rel: str, digest: str) -> Facts | None:
        """Re-read one changed file; what it now says, or None when it cannot be read (kept as it was)."""
        data = _read_bytes(path)
        if data is None:
            return None
        if rel in self.files:
            self.remove_file(rel)
        text = data.decode("utf-8", errors="replace")
        try:
            facts = parse_file(text, rel, file_kind(rel) or "text", self.triples_sep)
        except (csv.Error, ValueError) as exc:  # a damaged table: no facts (the index reports the file)
            log.warning("graph: skipped %s: cannot parse: %s", rel, exc)
            facts = Facts(rel)
        self.add_facts(facts)
        self.files[rel] = digest
        return facts

    @classmethod
    def from_triples_file(cls, path: str | Path, sep: str | None = "|") -> KnowledgeGraph:
        """Load a MetaQA-style ``subject|relation|object`` file (no index folder involved)."""
        path = Path(path)
        data = path.read_bytes()
        kg = cls(triples_sep=sep)
        kg.add_facts(parse_triples(data.decode("utf-8", errors="replace"), path.name, sep))
        kg.files[path.name] = fingerprint(data)
        return kg

    # -- persistence ------------------------------------------------------------------

    def save(self, index_dir: str | Path) -> None:
        """Write ``graph.pkl`` and ``graph.json`` atomically (temporary file, fsync, rename)."""
        index_dir = Path(index_dir)
        index_dir.mkdir(parents=True, exist_ok=True)
        blob = pickle.dumps(self.graph, protocol=pickle.HIGHEST_PROTOCOL)
        manifest = {
            "format": FORMAT_VERSION,
            "files": self.files,
            "access": {f: list(a) for f, a in self.access.items()},
            "triples_sep": self.triples_sep,
            "graph_sha256": hashlib.sha256(blob).hexdigest(),
            "stats": self.stats(),
        }
        _atomic_write(index_dir / GRAPH_FILE, blob)
        _atomic_write(index_dir / MANIFEST_FILE, json.dumps(manifest, indent=1, sort_keys=True).encode())

    @classmethod
    def load(cls, index_dir: str | Path | None) -> KnowledgeGraph:
        """Read the saved graph; an empty graph when none was built (or ``index_dir`` is None).

        Raises:
            IndexError_: the saved files are corrupt or from another format version.
        """
        if index_dir is None:
            return cls()
        index_dir = Path(index_dir)
        gpath, mpath = index_dir / GRAPH_FILE, index_dir / MANIFEST_FILE
        if not gpath.exists() or not mpath.exists():
            return cls()
        repair = "run `reasoner index` to repair it"
        try:
            manifest = json.loads(mpath.read_text(encoding="utf-8"))
            if not isinstance(manifest, dict):
                raise ValueError("not a JSON object")
        except (OSError, ValueError) as exc:
            raise IndexError_(f"the graph manifest {mpath} is damaged ({exc}): {repair}") from exc
        if manifest.get("format") != FORMAT_VERSION:
            raise IndexError_(f"{mpath}: graph format {manifest.get('format')}, expected {FORMAT_VERSION}: {repair}")
        try:
            blob = gpath.read_bytes()
            if manifest.get("graph_sha256") != hashlib.sha256(blob).hexdigest():
                raise ValueError("it does not match its manifest")
            graph = pickle.loads(blob)  # noqa: S301 - our own file, checked against the manifest hash
        except (OSError, ValueError, pickle.UnpicklingError, EOFError, AttributeError) as exc:
            raise IndexError_(f"the graph file {gpath} is damaged ({exc}): {repair}") from exc
        if not isinstance(graph, nx.MultiDiGraph):
            raise IndexError_(f"the graph file {gpath} is damaged (not a graph): {repair}")
        kg = cls(graph, manifest.get("files", {}), manifest.get("triples_sep"))
        kg.access = {f: tuple(a) for f, a in (manifest.get("access") or {}).items()}
        return kg


class FileGraphStore:
    """Where the embedded graph lives: ``graph.pkl`` and ``graph.json`` in the index folder (the default).

    The interface the engine calls, shared with :class:`reasoner.graph.postgres.PostgresGraphStore`.
    """

    def update(self, kb_dir: str | Path, index_dir: str | Path, files: Mapping[str, str] | None = None, *,
               triples_sep: str | None = None, access: Mapping[str, tuple[str, ...]] | None = None,
               ) -> KnowledgeGraph:  # fmt: skip
        return KnowledgeGraph.update(kb_dir, index_dir, files, triples_sep=triples_sep, access=access)

    def load(self, index_dir: str | Path | None) -> KnowledgeGraph:
        return KnowledgeGraph.load(index_dir)

    def save(self, graph: KnowledgeGraph, index_dir: str | Path) -> None:
        graph.save(index_dir)

    def changed(self, graph: KnowledgeGraph) -> bool:
        """Always False: the files change only with the index, whose refresh reloads the graph."""
        return False

    def close(self) -> None:
        """Nothing is held open."""


@dataclass
class Changes:
    """What one update did to a graph: the PostgreSQL store writes exactly this, the file store all of it."""

    reset: bool = False  # started again from nothing (another triples separator)
    removed: list[str] = field(default_factory=list)  # files withdrawn
    read: dict[str, Facts] = field(default_factory=dict)  # files (re)read, with what each now states
    access: bool = False  # who may read some file changed

    @property
    def dirty(self) -> bool:
        return self.reset or bool(self.removed or self.read) or self.access


def sync(
    kg: KnowledgeGraph,
    kb_dir: str | Path,
    files: Mapping[str, str] | None,
    *,
    triples_sep: str | None,
    access: Mapping[str, tuple[str, ...]] | None,
) -> tuple[KnowledgeGraph, Changes]:
    """Bring ``kg`` to the folder's files (the arguments of :meth:`KnowledgeGraph.update`).

    Returns:
        The graph (``kg`` changed in place, or a new one when the separator changed) and what
        changed, file by file, so a store can write only that.
    """
    kb_dir = Path(kb_dir)
    changes = Changes()
    if kg.triples_sep != triples_sep:
        kg, changes.reset = KnowledgeGraph(triples_sep=triples_sep), True
    present = _fingerprints(kb_dir) if files is None else {r: f for r, f in files.items() if file_kind(r)}
    for rel in sorted(set(kg.files) - set(present)):
        if kg.files[rel] != EXTERNAL:
            kg.remove_file(rel)
            changes.removed.append(rel)
    for rel, digest in sorted(present.items()):
        if kg.files.get(rel) != digest:
            facts = kg._refresh(kb_dir / rel, rel, digest)
            if facts is not None:
                changes.read[rel] = facts
    kept = {f: a for f, a in kg.access.items() if f in kg.files}  # a withdrawn file's rule goes with it
    if access is not None:
        granted = {f: tuple(a) for f, a in access.items() if f in kg.files and tuple(a) != PUBLIC}
        kept = {**{f: a for f, a in kept.items() if f not in present}, **granted}
    changes.access = kept != kg.access
    kg.access = kept
    return kg, changes


def _fingerprints(kb_dir: Path) -> dict[str, str]:
    """The files the graph reads under ``kb_dir`` with their fingerprints (standalone updates)."""
    if not kb_dir.is_dir():
        return {}
    out = {}
    for rel, path in walk(kb_dir).files.items():
        data = _read_bytes(path) if file_kind(rel) else None
        if data is not None:
            out[rel] = fingerprint(data)
    return out


def _read_bytes(path: Path) -> bytes | None:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
