"""KnowledgeIndex: hybrid (FAISS + BM25) search over an incrementally built knowledge base.

```python
idx, report = KnowledgeIndex.update(kb_dir, index_dir, embedder=emb)
hits = idx.search("how much parental leave?", k=5)
```
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, Literal

import numpy as np

from reasoner.errors import ConfigError, IndexError_
from reasoner.ingest import access
from reasoner.ingest.access import AccessRules
from reasoner.retrieval import ann, fusion, sentences, store, updater
from reasoner.retrieval.lexical import LexicalIndex, top_k
from reasoner.retrieval.report import IndexReport
from reasoner.retrieval.store import DocStore
from reasoner.types import Chunk, Hit

__all__ = ["KnowledgeIndex", "IndexReport", "SearchMode"]

log = logging.getLogger("reasoner.retrieval")
SearchMode = Literal["hybrid", "dense", "lexical"]
FOLDER = "knowledge"
FILTER_KEYS = ("path", "source", "doc_type", "section")
_CANDIDATES = 50
_RELOAD_TRIES = 5


class _GenerationGone(Exception):
    """The generation a snapshot points at was removed by a newer writer before it was loaded."""


def index_folder(index_dir: str | Path) -> Path:
    """Where the knowledge index lives inside ``index_dir``."""
    return Path(index_dir) / FOLDER


class KnowledgeIndex:
    """A read view of the index's current generation; build and refresh it with :meth:`update`.

    Safe beside a writer in another process: every read runs inside one SQLite read
    transaction (a WAL snapshot) and first compares the snapshot's generation with the
    one whose vectors and BM25 index are loaded; when a re-index has committed a newer
    generation, that generation's files are loaded before the read. So a long-lived
    reader never mixes the rows of one generation with the vectors of another, and moves
    to the new version as soon as it is complete.
    """

    def __init__(
        self,
        folder: Path,
        st: DocStore,
        meta: dict[str, str],
        rids: np.ndarray,
        vectors: np.ndarray,
        faiss_index: Any,
        lexical: LexicalIndex,
        embedder: Any,
    ) -> None:
        self.folder = folder
        self._store = st
        self._embedder = embedder
        self._lock = threading.RLock()
        self._install(meta, rids, vectors, faiss_index, lexical)
        self.dense_weight = fusion.DENSE_WEIGHT  # hybrid score = w * cosine + (1 - w) * normalised BM25

    def _install(self, meta: dict[str, str], rids: np.ndarray, vectors: np.ndarray, faiss_index: Any,
                 lexical: LexicalIndex) -> None:  # fmt: skip
        """Make one generation's files the ones reads use (the caller holds the snapshot)."""
        self._meta = meta
        self._rids, self._vectors = rids, vectors
        self._ann, self._lexical = faiss_index, lexical
        self._pos = {int(r): i for i, r in enumerate(rids)}
        self._links = _LinkTable(self._store.link_table(), self._pos)
        self._sentences: sentences.SentenceVectors | None = None  # read on first use

    @property
    def generation(self) -> int:
        """The generation whose files are loaded."""
        return int(self._meta["generation"])

    @contextmanager
    def _snapshot(self) -> Iterator[None]:
        """One consistent read: a WAL read transaction on the generation whose files are loaded."""
        with self._lock:
            for _ in range(_RELOAD_TRIES):
                try:
                    self._store.db.execute("BEGIN")
                    try:
                        meta = self._store.meta()  # the snapshot starts here
                        if meta.get("generation") != self._meta["generation"]:
                            self._reload(meta)
                        elif meta.get(sentences.STAMP_KEY) != self._meta.get(sentences.STAMP_KEY):
                            self._meta, self._sentences = meta, None  # sentence vectors (re)written or removed
                        yield
                        return
                    finally:
                        self._store.db.execute("COMMIT")
                except _GenerationGone:
                    continue  # a newer writer removed the files we went for: look again
                except sqlite3.DatabaseError as exc:
                    raise damaged_docstore(self.folder, exc) from exc
            raise IndexError_(f"knowledge index at {self.folder} keeps changing under this reader; retry")

    def _reload(self, meta: dict[str, str]) -> None:
        if not meta.get("generation"):
            raise IndexError_(f"knowledge index at {self.folder} lost its generation: run `reasoner index`")
        updater.check_settings(meta, self._embedder, None, self.folder)
        try:
            files = _load_files(self.folder, meta)
        except IndexError_ as exc:
            if not store.gen_paths(self.folder, int(meta["generation"]))["vectors"].exists():
                raise _GenerationGone from exc
            raise
        self._install(meta, *files)

    # building ---------------------------------------------------------------
    @classmethod
    def update(
        cls,
        kb_dir: str | Path | None,
        index_dir: str | Path,
        *,
        embedder: Any,
        progress: bool = True,
        chunk_size: int | None = None,
        overlap: int | None = None,
        documents: Iterable[Any] | None = None,
        rebuild: bool = False,
        ann_kind: Literal["flat", "hnsw", "ivf"] | None = None,
        limits: updater.Limits | None = None,
        access: AccessRules | None = None,
        sentence_vectors: bool = True,
    ) -> tuple[KnowledgeIndex, IndexReport]:
        """Create or incrementally refresh the index from a folder and/or LangChain documents.

        Only new or changed chunks are embedded; chunks of deleted or changed
        files leave the vectors, the BM25 index and the docstore.

        Args:
            kb_dir: folder of documents (None: only ``documents``).
            index_dir: where indexes live; this one is written to ``index_dir/knowledge``.
            embedder: the Embedder; must match the one the index was built with.
            progress: show a progress bar with rate and ETA while embedding.
            chunk_size: target words per chunk (None: the recorded or default size).
            overlap: words repeated when a long paragraph is split (None: recorded or 0).
            documents: LangChain ``Document``s to index (grouped by ``metadata["source"]``).
            rebuild: discard the old contents (needed to change embedder or chunking).
            ann_kind: force the vector index type (default: exact below 50k vectors, HNSW below 500k, IVF above).
            limits: per-file size and chunk bounds and the link policy (default ``updater.Limits()``).
            access: the default access and the path mapping of ``reasoner.toml`` (``.access``
                files and front matter are read from the folder itself).
            sentence_vectors: also store the vectors of the reader's candidate sentences, so a
                question embeds only itself (``sentences.py``; ``Config.sentence_vectors``): 4-7x the
                build time and about 7x the size, no-LLM answers 5-11x faster (18F, CivicActions).

        Raises:
            ConfigError: the index was built with another embedder or chunking.
            IndexError_: another process is updating it, or its files are damaged.
        """
        folder = index_folder(index_dir)
        options = dict(chunk_size=chunk_size, overlap=overlap, documents=documents, progress=progress,
                       ann_kind=ann_kind, limits=limits or updater.Limits(), access=access or AccessRules(),
                       sentence_vectors=sentence_vectors)  # fmt: skip
        kb = Path(kb_dir) if kb_dir is not None else None
        report = updater.run_update(kb, folder, embedder, rebuild=rebuild, **options)
        try:
            return cls.open(index_dir, embedder=embedder), report
        except IndexError_ as exc:  # damage the cheap checks did not see: rebuild the vectors once
            again = updater.run_update(kb, folder, embedder, rebuild=False, repair=str(exc), **options)
            return cls.open(index_dir, embedder=embedder), report.then(again)

    def add_documents(self, documents: Iterable[Any], *, progress: bool = False) -> IndexReport:
        """Index LangChain ``Document``s into this index and reload it in place."""
        report = updater.run_update(None, self.folder, self.embedder, chunk_size=None, overlap=None,
                                    documents=documents, progress=progress, rebuild=False,
                                    sentence_vectors=self._meta.get(sentences.META_KEY) != "off")  # fmt: skip
        fresh = KnowledgeIndex.open(self.folder.parent, embedder=self._embedder)
        self._store.close()
        self.__dict__.update(fresh.__dict__)
        return report

    @classmethod
    def open(cls, index_dir: str | Path, *, embedder: Any | None = None) -> KnowledgeIndex:
        """Open the current generation of the index in ``index_dir``.

        Raises:
            IndexError_: missing or corrupt.
            ConfigError: ``embedder`` differs from the one the index was built with.
        """
        folder = index_folder(index_dir)
        st = DocStore(folder / updater.DB_NAME)
        try:
            meta = _read_meta(st, folder)
            if not meta.get("generation"):
                raise IndexError_(f"the knowledge index at {folder} is incomplete (its first build did not "
                                  "finish): run `reasoner index` to build it")  # fmt: skip
            updater.check_settings(meta, embedder, None, folder)
            return cls(folder, st, meta, *_load_files(folder, meta), embedder)
        except sqlite3.DatabaseError as exc:
            st.close()
            raise damaged_docstore(folder, exc) from exc
        except BaseException:
            st.close()
            raise

    def close(self) -> None:
        self._store.close()

    # reading ----------------------------------------------------------------
    @property
    def version(self) -> str:
        """Content digest: changes whenever chunks or their sources change."""
        return self._meta["version"]

    @property
    def meta(self) -> dict[str, str]:
        """What the index records: embedder, chunking, ANN kind, format version, generation."""
        return dict(self._meta)

    @property
    def embedder(self) -> Any:
        """The embedder, loaded by its recorded name on first use when none was given."""
        if self._embedder is None:
            from reasoner.retrieval.embedder import load_embedder

            self._embedder = load_embedder(self._meta["embedder"])
        return self._embedder

    def __len__(self) -> int:
        return len(self._rids)

    def file_access(self) -> dict[str, tuple[str, ...]]:
        """Who may read each indexed file (source -> groups)."""
        with self._snapshot():
            rows = self._store.db.execute("SELECT source, access FROM files").fetchall()
        return {source: access.loads(granted) for source, granted in rows}

    @property
    def restricted(self) -> bool:
        """Some document is not readable by everyone."""
        return self._links.restricted

    def refresh(self) -> bool:
        """Move to the newest committed generation now; True when it changed."""
        before = self._meta["generation"]
        with self._snapshot():
            pass
        return self._meta["generation"] != before

    def sources(self) -> list[str]:
        """Relative paths of every indexed source."""
        with self._snapshot():
            return self._store.sources()

    def chunk(self, chunk_id: str) -> Chunk:
        """The stored chunk with this id.

        Raises:
            KeyError: no such chunk in this generation.
        """
        with self._snapshot():
            rid = self._store.rid_by_id(chunk_id)
            rows = self._store.chunk_rows([rid]) if rid is not None else {}
        if rid is None or rid not in rows:
            raise KeyError(chunk_id)
        return _chunk(rows[rid], self._links.own(self._pos.get(rid, -1), rows[rid][2]))

    def stored_vectors(self, texts: list[str]) -> dict[str, np.ndarray]:
        """The vectors the index stores for the reader's candidate texts (``sentences.py``), by text;
        texts it does not hold are absent (the reader embeds them)."""
        with self._lock:
            if self._sentences is None:
                self._sentences = self._load_sentences()
            table = self._sentences
        return table.lookup(texts) if len(table) else {}

    def _load_sentences(self) -> sentences.SentenceVectors:
        """This generation's sentence vectors; none (with one warning) when they cannot be used."""
        dim, state = int(self._meta["dim"]), self._meta.get(sentences.META_KEY)
        if state == "off":
            return sentences.SentenceVectors.empty(dim)
        if self._meta.get("embedder") != getattr(self.embedder, "name", None):
            why = f"they were embedded by {self._meta.get('embedder')!r}, questions by {self.embedder.name!r}"
        else:
            table, why = sentences.try_load(self.folder, self.generation, dim)
            if table is not None and self._meta.get(sentences.TEXTS_KEY) != sentences.texts_version():
                log.warning("knowledge index %s: its sentence vectors were cut for another version of the reader; "
                            "answers embed what they miss: run `reasoner index` to store them again", self.folder)  # fmt: skip
            if table is not None:
                return table
            why = "this index was built before they were stored" if why == "missing" and state is None else why
        log.warning("knowledge index %s: no stored sentence vectors (%s); answers embed them per question, "
                    "slower: run `reasoner index` to store them", self.folder, why)  # fmt: skip
        return sentences.SentenceVectors.empty(dim)

    # searching -----------------------------------------------------------------
    def search(
        self, query: str, k: int = 5, *, mode: SearchMode = "hybrid", filters: dict[str, Any] | None = None,
        groups: frozenset[str] | None = None,
    ) -> list[Hit]:  # fmt: skip
        """The ``k`` best chunks for ``query``, best first.

        ``Hit.score`` is in [0, 1]: in hybrid mode ``0.6 * cosine + 0.4 *
        normalised BM25``; in dense mode the cosine; in lexical mode BM25
        divided by the query's highest attainable score.

        Args:
            query: free text.
            k: number of hits.
            mode: "hybrid", "dense" or "lexical".
            filters: {"path": glob(s), "source": path(s), "doc_type": type(s),
                "section": glob(s)}; keys combine with AND, list items with OR.
            groups: the caller's groups: only chunks with a source they may read are
                ranked, scored or returned, and each hit shows such a source (None:
                an unrestricted caller).

        Raises:
            ConfigError: unknown mode or filter key.
        """
        if mode not in ("hybrid", "dense", "lexical"):
            raise ConfigError(f"search mode must be hybrid, dense or lexical, not {mode!r}")
        qvec = self.embedder.embed([query])[0] if mode != "lexical" and query.strip() else None
        with self._snapshot():
            mask, shown = self._links.filter(filters, len(self), groups)
            if k <= 0 or not query.strip() or not len(self) or (mask is not None and not mask.any()):
                return []
            pos, dense, lexical, score = self._score(query, qvec, k, mode, mask)
            order = np.argsort(-score, kind="stable")[:k]
            rows = self._store.chunk_rows(int(self._rids[pos[i]]) for i in order)
            if len(rows) < len(order):  # the id file names chunks this docstore never held
                raise IndexError_(f"the knowledge index at {self.folder} is damaged (its id file does not match "
                                  "the docstore): run `reasoner index` to repair it")  # fmt: skip
        hits = []
        for rank, i in enumerate(order, start=1):
            row, at = rows[int(self._rids[pos[i]])], int(pos[i])
            chunk = _chunk(row, shown.get(at) or self._links.own(at, row[2]))
            hits.append(Hit(chunk, float(score[i]), _opt(dense, i), _opt(lexical, i), rank))
        return hits

    def _score(self, query: str, qvec: np.ndarray | None, k: int, mode: str, mask: np.ndarray | None):
        """Candidate positions with their dense, lexical and fused scores (inside a snapshot)."""
        n_cand = max(_CANDIDATES, 4 * k) if mode == "hybrid" else k
        cands: list[np.ndarray] = []
        raw = None
        norm = 0.0
        if qvec is not None:
            found = (ann.masked_search(self._vectors, mask, qvec, n_cand) if mask is not None
                     else ann.search(self._ann, qvec, n_cand))  # fmt: skip
            cands.append(found[0])
        if mode != "dense":
            raw, norm = self._lexical.scores(query)
            cands.append(top_k(raw, n_cand, mask))
        pos = np.unique(np.concatenate(cands)) if cands else np.zeros(0, np.int64)
        dense = self._vectors[pos] @ qvec if qvec is not None else None
        lexical = np.clip(raw[pos] / norm, 0, 1) if raw is not None and norm > 0 else (
            np.zeros(len(pos), np.float32) if raw is not None else None)  # fmt: skip
        if mode == "dense":
            score = fusion.dense_confidence(dense)
        elif mode == "lexical":
            score = lexical
        else:
            score = fusion.convex(dense, lexical, self.dense_weight)
        return pos, dense, lexical, score


def damaged_docstore(folder: Path, exc: Exception) -> IndexError_:
    """The one error a damaged docstore gives: what, where, and the command that repairs it."""
    return IndexError_(f"the knowledge index's docstore in {folder} is damaged ({exc}): run `reasoner index` "
                       "to repair it")  # fmt: skip


def _read_meta(st: DocStore, folder: Path) -> dict[str, str]:
    try:
        return st.meta()
    except sqlite3.DatabaseError as exc:
        raise damaged_docstore(folder, exc) from exc


def _opt(values: np.ndarray | None, i: int) -> float | None:
    return None if values is None else float(values[i])


def _chunk(row: tuple, link: tuple[str, str, str, str, str] | None = None) -> Chunk:
    cid, text, source, title, section, page, doc_type, chash = row
    granted = access.PUBLIC
    if link is not None:  # show the source that matched the filter (and that the caller may read)
        source, doc_type, section, title, granted = link[0], link[1], link[2], link[3], access.loads(link[4])
    return Chunk(id=cid, text=text, source=source or "", title=title or "", section=section or "",
                 page=page, doc_type=doc_type or "", hash=chash, access=granted)  # fmt: skip


def _load_files(folder: Path, meta: dict[str, str]):
    """(rids, vectors, faiss index, lexical index) of the recorded generation."""
    paths = store.gen_paths(folder, int(meta["generation"]))
    spec = ann.AnnSpec.parse(meta["ann"])
    try:
        rids, vectors = np.load(paths["rids"]), np.load(paths["vectors"])
        if len(rids) != len(vectors) or vectors.ndim != 2 or vectors.shape[1] != int(meta["dim"]):
            raise ValueError("vector and id files disagree")
        if spec.kind == "flat":
            index = ann.build(vectors, spec)
        else:
            import faiss

            index = faiss.read_index(str(paths["faiss"]))
            ann.configure(index, spec)
        lexical = LexicalIndex.load(paths["bm25"])
    except Exception as exc:  # noqa: BLE001 - numpy, faiss and bm25s fail in many ways on damaged files
        what = " ".join(str(exc).split())[:160] or type(exc).__name__
        raise IndexError_(f"the knowledge index at {folder} is damaged ({what}): run `reasoner index` "
                          "to repair it") from exc  # fmt: skip
    return rids, vectors, index, lexical


class _LinkTable:
    """Every (chunk, source) pair, for metadata filters over folded chunks."""

    def __init__(self, links: list[tuple[int, str, str, str, str, str]], pos: dict[int, int]) -> None:
        links = [link for link in links if link[0] in pos]
        self.pos = np.array([pos[link[0]] for link in links], dtype=np.int64)
        self.rows = [link[1:] for link in links]  # (source, doc_type, section, title, access)
        self.columns = {
            "source": np.array([r[0] for r in self.rows], dtype=object),
            "doc_type": np.array([r[1] or "" for r in self.rows], dtype=object),
            "section": np.array([r[2] or "" for r in self.rows], dtype=object),
        }
        kinds, codes = np.unique(np.array([r[4] for r in self.rows] or [""], dtype=object), return_inverse=True)
        self._access_kinds = [access.loads(k) for k in kinds]  # each distinct access, parsed once
        self._access_codes = codes[: len(self.rows)]
        self.restricted = any(k != access.PUBLIC for k in self._access_kinds)
        self._readable_cache: dict[frozenset[str], np.ndarray] = {}
        self._by_pos: dict[int, list[int]] | None = None

    def own(self, position: int, source: str) -> tuple | None:
        """The link of the chunk at ``position`` to its own ``source`` (so an unfiltered hit carries that
        file's access); None when the index records none."""
        if self._by_pos is None:
            by_pos: dict[int, list[int]] = {}
            for i, p in enumerate(self.pos.tolist()):
                by_pos.setdefault(p, []).append(i)
            self._by_pos = by_pos
        links = self._by_pos.get(position, [])
        return next((self.rows[i] for i in links if self.rows[i][0] == source), self.rows[links[0]] if links else None)

    def filter(self, filters: dict[str, Any] | None, n: int,
               groups: frozenset[str] | None = None) -> tuple[np.ndarray | None, dict[int, tuple]]:  # fmt: skip
        """(position mask or None, position -> matching link) for the filters and the caller's groups."""
        readable = self._readable(groups)
        if readable is not None and readable.all():
            readable = None  # this caller may read every link: the unfiltered (ANN) search
        if not filters and readable is None:
            return None, {}
        unknown = set(filters or {}) - set(FILTER_KEYS)
        if unknown:
            raise ConfigError(f"unknown filter {sorted(unknown)[0]!r}; use {', '.join(FILTER_KEYS)}")
        ok = np.ones(len(self.rows), dtype=bool) if readable is None else readable
        for key, wanted in (filters or {}).items():
            values = [wanted] if isinstance(wanted, str) else list(wanted)
            column = self.columns["source" if key == "path" else key]
            exact = key in ("source", "doc_type")
            ok &= _match(column, [str(v).lower() if key == "doc_type" else str(v) for v in values], exact)
        mask = np.zeros(n, dtype=bool)
        mask[self.pos[ok]] = True
        chosen = np.flatnonzero(ok)
        _, first = np.unique(self.pos[chosen], return_index=True)  # each chunk's first matching link
        return mask, _Shown(self.pos, self.rows, chosen[first])

    def _readable(self, groups: frozenset[str] | None) -> np.ndarray | None:
        """Links the caller may read (None: every link, the caller or the index being unrestricted)."""
        if groups is None or not self.restricted:
            return None
        if groups not in self._readable_cache:
            if len(self._readable_cache) > 64:
                self._readable_cache.clear()
            verdict = np.array([access.visible(k, groups) for k in self._access_kinds], dtype=bool)
            self._readable_cache[groups] = verdict[self._access_codes]
        return self._readable_cache[groups].copy()


class _Shown:
    """position -> the link a hit shows (the first one matching the filters and the caller), lazily."""

    def __init__(self, pos: np.ndarray, rows: list[tuple], links: np.ndarray) -> None:
        self._by_pos = dict(zip(pos[links].tolist(), links.tolist(), strict=True))
        self._rows = rows

    def get(self, position: int, default: Any = None) -> tuple | None:
        link = self._by_pos.get(position)
        return default if link is None else self._rows[link]


def _match(column: np.ndarray, patterns: list[str], exact: bool) -> np.ndarray:
    """Rows whose value equals (or glob-matches) one of the patterns; globs run once per distinct value."""
    distinct = set(column.tolist())
    if exact:
        hits = {v for v in distinct if v.lower() in patterns or v in patterns}
    else:
        hits = {v for v in distinct if any(fnmatchcase(v, p.replace("**/", "*")) for p in patterns)}
    return np.isin(column, list(hits)) if hits else np.zeros(len(column), dtype=bool)
