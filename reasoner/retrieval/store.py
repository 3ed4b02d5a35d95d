"""The SQLite docstore (WAL) and atomic generation files of a knowledge index.

Layout of ``<index_dir>/knowledge/``::

    docstore.sqlite        files, chunks, chunk sources (links), meta
    gen-<n>.vectors.npy    float32 (rows, dim), row i is chunk ``rids[i]``
    gen-<n>.rids.npy       int64 chunk row ids, the order shared by vectors and BM25
    gen-<n>.faiss          the approximate index (only when not exact)
    gen-<n>.bm25/          the bm25s index
    gen-<n>.sentences.npy  (text hash, vector) of the reader's candidate texts (optional, ``sentences.py``)

An update writes generation n+1 under new names (temporary name, fsync,
rename) and commits the SQLite transaction that points ``meta.generation`` at
it last; a crash anywhere before that commit leaves generation n in force.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from reasoner.errors import IndexError_

SCHEMA_VERSION = 2
_SCHEMA = [
    """CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE files(source TEXT PRIMARY KEY, origin TEXT NOT NULL, size INTEGER, mtime_ns INTEGER,
        sha TEXT NOT NULL, doc_type TEXT, title TEXT)""",
    """CREATE TABLE chunks(rid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, hash TEXT UNIQUE NOT NULL,
        text TEXT NOT NULL, title TEXT, section TEXT, page INTEGER, doc_type TEXT, source TEXT,
        minhash BLOB)""",
    """CREATE TABLE links(lid INTEGER PRIMARY KEY, rid INTEGER NOT NULL, source TEXT NOT NULL,
        title TEXT, section TEXT, page INTEGER, doc_type TEXT)""",
    """CREATE INDEX links_source ON links(source)""",
    """CREATE INDEX links_rid ON links(rid)""",
]
# Numbered migrations: MIGRATIONS[v] brings a docstore from version v to v + 1.
MIGRATIONS: dict[int, list[str]] = {
    1: [  # version 2: who may read each file and each of a chunk's sources (issue 20)
        """ALTER TABLE files ADD COLUMN access TEXT NOT NULL DEFAULT '["everyone"]'""",
        """ALTER TABLE files ADD COLUMN access_from TEXT NOT NULL DEFAULT 'path'""",
        """ALTER TABLE links ADD COLUMN access TEXT NOT NULL DEFAULT '["everyone"]'""",
    ],
}


@dataclass(frozen=True)
class FileRow:
    """What the index remembers about one source file."""

    source: str
    origin: str  # "file" (from kb_dir) or "document" (handed in from Python)
    size: int
    mtime_ns: int
    sha: str
    doc_type: str = ""
    title: str = ""
    access: str = '["everyone"]'  # JSON list of the groups allowed (reasoner.ingest.access)
    access_from: str = "path"  # "front matter" when the document declares it itself


class DocStore:
    """Chunks, their sources and file fingerprints in SQLite (WAL mode)."""

    def __init__(self, path: Path, *, create: bool = False) -> None:
        if not create and not path.is_file():
            raise IndexError_(f"no knowledge index at {path.parent} (run `reasoner index` first)")
        self.path = path
        try:
            # reads may come from a worker thread (LangChain async); KnowledgeIndex serialises them with a lock
            self.db = sqlite3.connect(str(path), isolation_level=None, timeout=30, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self._migrate(create)
        except sqlite3.DatabaseError as exc:
            raise IndexError_(f"the knowledge index's docstore {path} is damaged ({exc}): run `reasoner index` "
                              "to repair it") from exc  # fmt: skip

    def _migrate(self, create: bool) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        if version == 0 and not create:
            raise IndexError_(f"the knowledge index's docstore {self.path} is damaged (empty: no schema): "
                              "run `reasoner index` to repair it")  # fmt: skip
        if version > SCHEMA_VERSION or (version and version not in MIGRATIONS):
            raise IndexError_(f"the docstore {self.path} has schema version {version}; this version of reasoner reads "
                              f"{SCHEMA_VERSION}: run `reasoner index --rebuild`")  # fmt: skip
        self.db.execute("BEGIN IMMEDIATE")
        try:
            if version == 0:
                for stmt in _SCHEMA:
                    self.db.execute(stmt)
                version = 1
            while version < SCHEMA_VERSION:
                for stmt in MIGRATIONS[version]:
                    self.db.execute(stmt)
                version += 1
            self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.db.close()

    def problem(self) -> str | None:
        """What SQLite's quick check finds wrong with the file, or None when it is sound."""
        try:
            rows = [r[0] for r in self.db.execute("PRAGMA quick_check").fetchall()]
            self.meta()
        except sqlite3.DatabaseError as exc:
            return str(exc)
        return None if rows == ["ok"] else "; ".join(rows[:3])

    # transactions -------------------------------------------------------
    def begin(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.db.execute("COMMIT")

    def rollback(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    # meta ----------------------------------------------------------------
    def meta(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT key, value FROM meta"))

    def set_meta(self, **values: object) -> None:
        self.db.executemany(
            "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            [(k, str(v)) for k, v in values.items()],
        )

    # files ---------------------------------------------------------------
    def files(self) -> dict[str, FileRow]:
        rows = self.db.execute(
            "SELECT source, origin, size, mtime_ns, sha, doc_type, title, access, access_from FROM files"
        )
        return {r[0]: FileRow(*r) for r in rows}

    def put_file(self, row: FileRow) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO files(source, origin, size, mtime_ns, sha, doc_type, title, access, access_from)"
            " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (row.source, row.origin, row.size, row.mtime_ns, row.sha, row.doc_type, row.title, row.access,
             row.access_from),
        )  # fmt: skip

    def delete_file(self, source: str) -> None:
        self.db.execute("DELETE FROM files WHERE source=?", (source,))

    # chunks and links -------------------------------------------------------
    def rid_by_hash(self, chunk_hash: str) -> int | None:
        row = self.db.execute("SELECT rid FROM chunks WHERE hash=?", (chunk_hash,)).fetchone()
        return row[0] if row else None

    def insert_chunk(self, cid: str, chunk_hash: str, text: str, minhash: np.ndarray | None) -> int:
        blob = minhash.tobytes() if minhash is not None else None
        cur = self.db.execute(
            "INSERT INTO chunks(id, hash, text, minhash) VALUES(?, ?, ?, ?)", (cid, chunk_hash, text, blob)
        )
        return int(cur.lastrowid)

    def link(self, rid: int, source: str, title: str, section: str, page: int | None, doc_type: str,
             access: str = '["everyone"]') -> int:  # fmt: skip
        """Attach a source (with who may read it) to a chunk; returns how many links it had before."""
        before = self.db.execute("SELECT COUNT(*) FROM links WHERE rid=?", (rid,)).fetchone()[0]
        self.db.execute(
            "INSERT INTO links(rid, source, title, section, page, doc_type, access) VALUES(?, ?, ?, ?, ?, ?, ?)",
            (rid, source, title, section, page, doc_type, access),
        )
        if before == 0:
            self._set_primary(rid)
        return int(before)

    def unlink_source(self, source: str) -> set[int]:
        """Drop a source's links; returns the chunks that lost one."""
        rids = {r[0] for r in self.db.execute("SELECT rid FROM links WHERE source=?", (source,))}
        self.db.execute("DELETE FROM links WHERE source=?", (source,))
        for rid in rids:
            self._set_primary(rid)
        return rids

    def _set_primary(self, rid: int) -> None:
        """The chunk's displayed source is its earliest remaining link."""
        self.db.execute(
            """UPDATE chunks SET (title, section, page, doc_type, source) =
               (SELECT title, section, page, doc_type, source FROM links WHERE rid=? ORDER BY lid LIMIT 1)
               WHERE rid=?""",
            (rid, rid),
        )

    def orphans(self, rids: Iterable[int]) -> list[int]:
        """Of the given chunks, those with no source left."""
        out = []
        for rid in rids:
            if self.db.execute("SELECT 1 FROM links WHERE rid=? LIMIT 1", (rid,)).fetchone() is None:
                out.append(rid)
        return out

    def delete_chunks(self, rids: list[int]) -> list[str]:
        """Delete chunks; returns their content hashes."""
        hashes = []
        for rid in rids:
            row = self.db.execute("SELECT hash FROM chunks WHERE rid=?", (rid,)).fetchone()
            if row:
                hashes.append(row[0])
                self.db.execute("DELETE FROM chunks WHERE rid=?", (rid,))
        return hashes

    def linked_signatures(self) -> Iterable[tuple[int, bytes]]:
        """(rid, minhash) of chunks that still have a source and a signature."""
        return self.db.execute(
            "SELECT rid, minhash FROM chunks WHERE minhash IS NOT NULL AND EXISTS"
            " (SELECT 1 FROM links WHERE links.rid = chunks.rid)"
        )

    def live_rids(self) -> np.ndarray:
        rows = self.db.execute("SELECT rid FROM chunks ORDER BY rid").fetchall()
        return np.array([r[0] for r in rows], dtype=np.int64)

    def texts(self, rids: np.ndarray) -> list[str]:
        """Indexed text (title and section header + body) of each chunk, in order."""
        from reasoner.ingest.chunking import index_text

        got = {
            r[0]: index_text(r[1] or "", r[2] or "", r[3])
            for r in self._select("SELECT rid, title, section, text FROM chunks WHERE rid IN ({})", rids)
        }
        return [got[int(r)] for r in rids]

    def chunk_rows(self, rids: Iterable[int]) -> dict[int, tuple]:
        """rid -> (id, text, source, title, section, page, doc_type, hash)."""
        q = "SELECT rid, id, text, source, title, section, page, doc_type, hash FROM chunks WHERE rid IN ({})"
        return {r[0]: r[1:] for r in self._select(q, list(rids))}

    def rid_by_id(self, cid: str) -> int | None:
        row = self.db.execute("SELECT rid FROM chunks WHERE id=?", (cid,)).fetchone()
        return row[0] if row else None

    def link_table(self) -> list[tuple[int, str, str, str, str, str]]:
        """(rid, source, doc_type, section, title, access) of every link."""
        return self.db.execute("SELECT rid, source, doc_type, section, title, access FROM links").fetchall()

    def sources(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT source FROM links ORDER BY source")]

    def content_digest(self) -> str:
        import hashlib

        h = hashlib.sha1()
        for chunk_hash, source, access in self.db.execute(
            "SELECT c.hash, l.source, l.access FROM links l JOIN chunks c USING(rid) ORDER BY c.hash, l.source"
        ):
            restricted = "" if access == '["everyone"]' else f"\t{access}"  # who may read it is content too
            h.update(f"{chunk_hash}\t{source}{restricted}\n".encode())
        return h.hexdigest()[:16]

    def _select(self, query: str, keys: Iterable[int]) -> list[tuple]:
        keys = [int(k) for k in keys]
        out: list[tuple] = []
        for i in range(0, len(keys), 900):  # SQLite's bound-parameter limit
            part = keys[i : i + 900]
            out.extend(self.db.execute(query.format(",".join("?" * len(part))), part))
        return out


# generation files ----------------------------------------------------------
def fsync_dir(path: Path) -> None:
    fd = os.open(str(path), os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def save_array(path: Path, array: np.ndarray) -> None:
    """Write an .npy file atomically: temporary name, fsync, rename."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        np.save(f, array)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def save_faiss(path: Path, index) -> None:
    import faiss

    tmp = path.with_name(path.name + ".tmp")
    faiss.write_index(index, str(tmp))
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(tmp, path)


def save_folder(path: Path, write) -> None:
    """Fill a folder through ``write(tmp_folder)``, fsync its files, then rename it into place."""
    tmp = path.with_name(path.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    write(tmp)
    for f in tmp.iterdir():
        with open(f, "rb+") as fh:
            os.fsync(fh.fileno())
    fsync_dir(tmp)
    shutil.rmtree(path, ignore_errors=True)
    os.replace(tmp, path)


def gen_paths(folder: Path, gen: int) -> dict[str, Path]:
    stem = f"gen-{gen}"
    return {
        "vectors": folder / f"{stem}.vectors.npy",
        "rids": folder / f"{stem}.rids.npy",
        "faiss": folder / f"{stem}.faiss",
        "bm25": folder / f"{stem}.bm25",
        "sentences": folder / f"{stem}.sentences.npy",  # optional (``sentences.py``): never a reason to rebuild
    }


def generation_problem(folder: Path, gen: int, dim: int) -> str | None:
    """What is wrong with a generation's files, cheaply (headers and sizes, no full read), or None."""
    paths = gen_paths(folder, gen)
    try:
        rids = np.load(paths["rids"], mmap_mode="r")
        vectors = np.load(paths["vectors"], mmap_mode="r")
        if vectors.ndim != 2 or vectors.shape != (len(rids), dim):
            return f"vectors {vectors.shape} do not match {len(rids)} ids of dimension {dim}"
        info = json.loads((paths["bm25"] / "lexical.json").read_text(encoding="utf-8"))
        if int(info["num_docs"]) != len(rids):
            return f"the BM25 index holds {info['num_docs']} documents, not {len(rids)}"
        for part in paths["bm25"].iterdir():
            if part.suffix == ".npy":
                np.load(part, mmap_mode="r")
            elif part.suffix == ".json":
                json.loads(part.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError, EOFError) as exc:  # EOFError: an emptied .npy
        return " ".join(str(exc).split())[:160] or type(exc).__name__
    return None


def remove_other_generations(folder: Path, keep: int) -> None:
    """Delete files of generations other than ``keep`` (old ones, or a crashed run's)."""
    keep_names = {p.name for p in gen_paths(folder, keep).values()}
    for p in folder.glob("gen-*"):
        if p.name in keep_names:
            continue
        if p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink(missing_ok=True)
