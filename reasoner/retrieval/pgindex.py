"""KnowledgeIndex on PostgreSQL + pgvector: the embedded index's interface, one shared database.

```python
backend = PostgresBackend("postgresql://user:pass@db/reasoner")
idx, report = backend.update(kb_dir, index_dir, embedder=emb)
hits = idx.search("how much parental leave?", k=5, groups=frozenset({"hr"}))
```

Search is one SQL statement per mode: the dense candidates (pgvector inner product), the
lexical candidates (full-text match on the stored tokens, BM25 in SQL) and the access and
metadata filters all run in the server; fusion is the embedded one
(:mod:`reasoner.retrieval.fusion`) on the union of both candidate sets. The folder
``index_dir/knowledge`` keeps only a marker (so ``reasoner ask`` finds the index) and the
resumable embedding cache of an interrupted run.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

from reasoner.errors import ConfigError, IndexError_
from reasoner.ingest import access
from reasoner.ingest.access import AccessRules
from reasoner.memory.postgres import VectorParam, redact
from reasoner.retrieval import fusion, sentences, updater
from reasoner.retrieval.embcache import EmbeddingCache
from reasoner.retrieval.index import _CANDIDATES, FILTER_KEYS, SearchMode, index_folder
from reasoner.retrieval.lexical import tokenize
from reasoner.retrieval.pgstore import K1, B, PgDocStore, connect, quote, writing
from reasoner.retrieval.report import IndexReport
from reasoner.types import Chunk, Hit

log = logging.getLogger("reasoner.retrieval")
MARKER = "database.json"
_COLUMNS = "c.rid, c.id, c.text, c.source, c.title, c.section, c.page, c.doc_type, c.hash"


class PostgresBackend:
    """``update`` and ``open`` of :class:`KnowledgeIndex`, bound to one database URL."""

    def __init__(self, url: str) -> None:
        self.url = url

    def update(self, kb_dir: str | Path | None, index_dir: str | Path, *, embedder: Any, **options: Any):
        return PostgresKnowledgeIndex.update(kb_dir, index_dir, database_url=self.url, embedder=embedder, **options)

    def open(self, index_dir: str | Path, *, embedder: Any | None = None) -> PostgresKnowledgeIndex:
        return PostgresKnowledgeIndex.open(index_dir, database_url=self.url, embedder=embedder)


class PostgresKnowledgeIndex:
    """A read view of the knowledge index in a PostgreSQL database (see the module docstring)."""

    def __init__(self, folder: Path, url: str, conn: Any, embedder: Any) -> None:
        self.folder, self.url, self.where = folder, url, redact(url)
        self._conn, self._embedder = conn, embedder
        self._store = PgDocStore(conn)
        self._lock = threading.RLock()
        self.dense_weight = fusion.DENSE_WEIGHT
        self._meta = self._read_meta()
        self._warned = False  # the "no stored sentence vectors" line, once

    # building -----------------------------------------------------------------------
    @classmethod
    def update(cls, kb_dir: str | Path | None, index_dir: str | Path, *, database_url: str, embedder: Any,
               progress: bool = True, chunk_size: int | None = None, overlap: int | None = None,
               documents: Iterable[Any] | None = None, rebuild: bool = False, ann_kind: str | None = None,
               limits: updater.Limits | None = None, access: AccessRules | None = None,
               sentence_vectors: bool = True) -> tuple[PostgresKnowledgeIndex, IndexReport]:  # fmt: skip
        """Create or incrementally refresh the index (the embedded ``KnowledgeIndex.update``'s contract).

        ``ann_kind`` is accepted for the same call and ignored: the search is exact.
        ``sentence_vectors``: store the reader's sentence vectors in ``kb_sentences``
        (``reasoner.retrieval.sentences``), so a question embeds only itself.
        """
        folder = index_folder(index_dir)
        req = updater.UpdateRequest(Path(kb_dir) if kb_dir is not None else None, folder, embedder,
                                    chunk_size=chunk_size, overlap=overlap, documents=documents, progress=progress,
                                    rebuild=rebuild, limits=limits or updater.Limits(),
                                    access=access or AccessRules(), sentence_vectors=sentence_vectors)  # fmt: skip
        report = run_update(req, database_url)
        return cls.open(index_dir, database_url=database_url, embedder=embedder), report

    def add_documents(self, documents: Iterable[Any], *, progress: bool = False) -> IndexReport:
        """Index LangChain ``Document``s into this index (readers see them once committed)."""
        req = updater.UpdateRequest(None, self.folder, self.embedder, documents=documents, progress=progress,
                                    sentence_vectors=self._meta.get(sentences.META_KEY) != "off")  # fmt: skip
        report = run_update(req, self.url)
        self.refresh()
        return report

    @classmethod
    def open(cls, index_dir: str | Path, *, database_url: str, embedder: Any | None = None) -> PostgresKnowledgeIndex:
        """Open the index the database holds.

        Raises:
            IndexError_: nothing indexed there yet, or the server cannot be reached.
            ConfigError: ``embedder`` differs from the one the index was built with.
        """
        conn = connect(database_url)
        try:
            idx = cls(index_folder(index_dir), database_url, conn, embedder)
            if not idx._meta.get("generation"):
                raise IndexError_(f"no knowledge index in the database at {idx.where}: run `reasoner index`")
            updater.check_settings(idx._meta, embedder, None, idx.folder)
            return idx
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        self._conn.close()

    # reading ------------------------------------------------------------------------
    def _read_meta(self) -> dict[str, str]:
        return self._store.meta()

    def _q(self, sql: str, params: Any = ()) -> list[tuple]:
        """One statement's rows (its own snapshot), one clear error when the server fails."""
        with self._lock:
            try:
                return self._conn.execute(sql, params, binary=True).fetchall()
            except Exception:
                if self._conn.broken:  # the server restarted: reconnect once
                    self._conn = connect(self.url)
                    self._store = PgDocStore(self._conn)
                    return self._conn.execute(sql, params, binary=True).fetchall()
                raise

    @property
    def generation(self) -> int:
        return int(self._meta["generation"])

    @property
    def version(self) -> str:
        return self._meta["version"]

    @property
    def meta(self) -> dict[str, str]:
        return dict(self._meta)

    @property
    def embedder(self) -> Any:
        if self._embedder is None:
            from reasoner.retrieval.embedder import load_embedder

            self._embedder = load_embedder(self._meta["embedder"])
        return self._embedder

    def __len__(self) -> int:
        return int(self._meta.get("chunks", 0))

    def refresh(self) -> bool:
        """Read the newest committed generation's meta; True when it changed (one small query)."""
        fresh = dict(self._q("SELECT key, value FROM kb_meta"))
        changed = fresh.get("generation") != self._meta.get("generation")
        if changed:
            updater.check_settings(fresh, self._embedder, None, self.folder)
            self._meta = fresh
        elif fresh.get(sentences.STAMP_KEY) != self._meta.get(sentences.STAMP_KEY):
            self._meta, self._warned = fresh, False  # sentence vectors stored or dropped in place
        return changed

    def file_access(self) -> dict[str, tuple[str, ...]]:
        return {s: access.loads(a) for s, a in self._q("SELECT source, access FROM kb_files")}

    @property
    def restricted(self) -> bool:
        return bool(self._q("SELECT 1 FROM kb_links WHERE NOT 'everyone' = ANY(groups) LIMIT 1"))

    def sources(self) -> list[str]:
        return [r[0] for r in self._q('SELECT DISTINCT source FROM kb_links ORDER BY source COLLATE "C"')]

    def chunk(self, chunk_id: str) -> Chunk:
        """The stored chunk with this id.

        Raises:
            KeyError: no such chunk.
        """
        rows = self._q(f"SELECT {_COLUMNS}, s.* FROM kb_chunks c {_shown('')} WHERE c.id = %s", (chunk_id,))
        if not rows:
            raise KeyError(chunk_id)
        return _chunk(rows[0])

    # searching ----------------------------------------------------------------------
    def search(self, query: str, k: int = 5, *, mode: SearchMode = "hybrid", filters: dict[str, Any] | None = None,
               groups: frozenset[str] | None = None) -> list[Hit]:  # fmt: skip
        """The ``k`` best chunks for ``query``, best first (the embedded ``KnowledgeIndex.search``'s contract).

        The caller's groups and the filters are conditions of the SQL statement: a chunk no
        readable, matching source links to is never a candidate, scored or returned.
        """
        if mode not in ("hybrid", "dense", "lexical"):
            raise ConfigError(f"search mode must be hybrid, dense or lexical, not {mode!r}")
        where, params = _link_condition(filters, groups)
        if k <= 0 or not query.strip():
            return []
        qvec = self.embedder.embed([query])[0] if mode != "lexical" else None
        terms, norm = self._terms(query) if mode != "dense" else ({}, 0.0)
        if qvec is None and not terms:
            return []
        rows = self._q(_search_sql(mode, where, bool(terms), qvec is not None),
                       {**params, "v": VectorParam(qvec) if qvec is not None else None, "n": _n_cand(mode, k),
                        "tsq": " | ".join(map(quote, terms)), "terms": list(terms), "k1": K1, "b": B,
                        "avgdl": float(self._meta.get("avgdl", 1.0))})  # fmt: skip
        return _rank(rows, k, mode, norm, self.dense_weight)

    def stored_vectors(self, texts: list[str]) -> dict[str, np.ndarray]:
        """The stored vectors of the reader's candidate texts (``sentences.py``), by text (one query)."""
        state = self._meta.get(sentences.META_KEY)
        if state != "on" or self._meta.get("embedder") != getattr(self.embedder, "name", None):
            if state != "off" and not self._warned:
                self._warned = True
                log.warning("knowledge index at %s: no stored sentence vectors (%s); answers embed them per "
                            "question, slower: run `reasoner index` to store them", self.where,
                            "built before they were stored" if state is None else "another embedder")  # fmt: skip
            return {}
        keys = {sentences.text_key(t): t for t in texts}
        wanted = np.array(list(keys), dtype=np.uint64).view(np.int64).tolist()
        rows = self._q("SELECT key, vec FROM kb_sentences WHERE key = ANY(%s)", (wanted,)) if wanted else []
        dim = self.embedder.dim
        return {keys[int(np.int64(k).view(np.uint64))]: np.frombuffer(bytes(v), np.float32)
                for k, v in rows if len(v) == 4 * dim}  # fmt: skip

    def _terms(self, query: str) -> tuple[dict[str, float], float]:
        """The query's indexed terms with their idf, and the normaliser (sum of their best scores)."""
        wanted = list(dict.fromkeys(tokenize(query)))
        rows = self._q("SELECT term, idf, top FROM kb_terms WHERE term = ANY(%s)", (wanted,)) if wanted else []
        return {t: float(i) for t, i, _ in rows}, float(sum(float(top) for *_, top in rows))


def _n_cand(mode: str, k: int) -> int:
    return max(_CANDIDATES, 4 * k) if mode == "hybrid" else k


def _bm25() -> str:
    """The BM25 score (Lucene variant, as bm25s) of chunk ``c`` for the query terms, in SQL."""
    return ("(SELECT coalesce(sum(q.idf * cardinality(u.positions) / (cardinality(u.positions) + %(k1)s * "
            "(1 - %(b)s + %(b)s * c.n_terms / %(avgdl)s))), 0) FROM unnest(c.terms) u "
            "JOIN kb_terms q ON q.term = u.lexeme AND q.term = ANY(%(terms)s))")  # fmt: skip


def _search_sql(mode: str, where: str, lexical: bool, dense: bool) -> str:
    """Dense candidates, lexical candidates, their union scored both ways, with the link each hit shows."""
    eligible = f"AND EXISTS (SELECT 1 FROM kb_links l WHERE l.rid = c.rid AND {where})" if where else ""
    parts, names = [], []
    if dense:
        parts.append(f"dense AS (SELECT c.rid FROM kb_chunks c WHERE c.embedding IS NOT NULL {eligible} "
                     "ORDER BY c.embedding <#> %(v)s LIMIT %(n)s)")  # fmt: skip
        names.append("SELECT rid FROM dense")
    if lexical:
        parts.append(f"lex AS (SELECT c.rid FROM kb_chunks c WHERE c.terms @@ %(tsq)s::tsquery {eligible} "
                     f"ORDER BY {_bm25()} DESC, c.rid LIMIT %(n)s)")  # fmt: skip
        names.append("SELECT rid FROM lex")
    parts.append(f"cand AS ({' UNION '.join(names)})")
    cos = "-(c.embedding <#> %(v)s)" if dense else "NULL::float8"
    raw = _bm25() if lexical else "0::float8"
    return (f"WITH {', '.join(parts)} SELECT {_COLUMNS}, s.*, {cos}, {raw} FROM cand JOIN kb_chunks c "
            f"USING (rid) {_shown(where)} ORDER BY c.rid")  # fmt: skip


def _shown(where: str) -> str:
    """The link a hit shows: the first one matching the filters and the caller, else its own source's."""
    cond = f"AND {where}" if where else ""
    order = "lid" if where else "(l.source = c.source) DESC, lid"
    return (f"LEFT JOIN LATERAL (SELECT l.source, l.doc_type, l.section, l.title, l.access FROM kb_links l "
            f"WHERE l.rid = c.rid {cond} ORDER BY {order} LIMIT 1) s ON true")  # fmt: skip


def _link_condition(filters: dict[str, Any] | None, groups: frozenset[str] | None) -> tuple[str, dict[str, Any]]:
    """A SQL condition on a link ``l`` for the filters and the caller's groups, with its parameters.

    Raises:
        ConfigError: an unknown filter key.
    """
    unknown = set(filters or {}) - set(FILTER_KEYS)
    if unknown:
        raise ConfigError(f"unknown filter {sorted(unknown)[0]!r}; use {', '.join(FILTER_KEYS)}")
    conds, params = [], {}
    if groups is not None:  # access.visible, in SQL
        conds.append("('everyone' = ANY(l.groups) OR (NOT 'nobody' = ANY(l.groups) AND l.groups && %(groups)s))")
        params["groups"] = sorted(groups)
    for key, wanted in (filters or {}).items():
        values = [str(v) for v in ([wanted] if isinstance(wanted, str) else list(wanted))]
        column = {"path": "l.source", "source": "l.source"}.get(key, f"coalesce(l.{key}, '')")
        name = f"f_{key}"
        if key in ("source", "doc_type"):
            params[name] = [v.lower() for v in values] if key == "doc_type" else values
            conds.append(f"(lower({column}) = ANY(%({name})s) OR {column} = ANY(%({name})s))")
        else:
            params[name] = [_glob_regex(v.replace("**/", "*")) for v in values]
            conds.append(f"{column} ~ ANY(%({name})s)")
    return " AND ".join(conds), params


def _glob_regex(pattern: str) -> str:
    """An anchored POSIX regular expression for a ``fnmatchcase`` glob (``*`` crosses ``/``, as there)."""
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        end = pattern.find("]", i + 2) if ch == "[" else -1
        if ch == "*":
            out.append(".*")
        elif ch == "?":
            out.append(".")
        elif end > 0:
            body = pattern[i + 1 : end]
            body = "^" + body[1:] if body.startswith("!") else body
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = end
        else:
            out.append("\\" + ch if not ch.isalnum() else ch)
        i += 1
    return "^" + "".join(out) + "$"


def _rank(rows: list[tuple], k: int, mode: str, norm: float, weight: float) -> list[Hit]:
    """The embedded fusion on the candidates (ordered by rid, so ties break alike)."""
    if not rows:
        return []
    dense = np.array([r[14] for r in rows], np.float32) if mode != "lexical" else None
    raw = np.array([r[15] for r in rows], np.float32)
    lexical = np.clip(raw / norm, 0, 1) if norm > 0 else np.zeros(len(rows), np.float32)
    if mode == "dense":
        score, lexical = fusion.dense_confidence(dense), None
    elif mode == "lexical":
        score = lexical
    else:
        score = fusion.convex(dense, lexical, weight)
    order = np.argsort(-score, kind="stable")[:k]
    return [Hit(_chunk(rows[i]), float(score[i]), None if dense is None else float(dense[i]),
                None if lexical is None else float(lexical[i]), rank)
            for rank, i in enumerate(order, start=1)]  # fmt: skip


def _chunk(row: tuple) -> Chunk:
    _, cid, text, source, title, section, page, doc_type, chash = row[:9]
    shown = row[9:14]
    granted = access.PUBLIC
    if shown[0] is not None:
        source, doc_type, section, title, granted = shown[0], shown[1], shown[2], shown[3], access.loads(shown[4])
    return Chunk(id=cid, text=text, source=source or "", title=title or "", section=section or "", page=page,
                 doc_type=doc_type or "", hash=chash, access=granted)  # fmt: skip


# updating -------------------------------------------------------------------------------
def run_update(req: updater.UpdateRequest, url: str) -> IndexReport:
    """One incremental run in one transaction: diff, chunk, fold, embed, store vectors and terms, commit."""
    t0 = time.perf_counter()
    report = IndexReport()
    req.folder.mkdir(parents=True, exist_ok=True)
    conn = connect(url)
    try:
        with writing(conn, redact(url)) as st:
            _update(st, req, report)
    finally:
        conn.close()
    (req.folder / MARKER).write_text(json.dumps({"database": redact(url)}), encoding="utf-8")
    report.seconds = time.perf_counter() - t0
    return report


def _update(st: PgDocStore, req: updater.UpdateRequest, report: IndexReport) -> None:
    meta = st.meta()
    if req.rebuild:
        st.wipe()
        meta = {}
    settings = updater.resolve_settings(meta, req.chunk_size, req.overlap)
    updater.check_settings(meta, req.embedder, settings, req.folder)
    pending, stale = updater._diff(st, req, report)
    touched: set[int] = set()
    for source in stale:
        touched |= st.unlink_source(source)
    updater.place(st, pending, settings, report, req.limits.max_chunks_per_file)
    report.removed_hashes = st.delete_chunks(st.orphans(touched))
    report.chunks_removed = len(report.removed_hashes)
    report.chunks_total = len(st.live_rids())
    if not (req.rebuild or pending or stale or not meta.get("generation")):
        wanted = ("on", sentences.texts_version()) if req.sentence_vectors else ("off", meta.get(sentences.TEXTS_KEY))
        if (meta.get(sentences.META_KEY), meta.get(sentences.TEXTS_KEY)) != wanted:  # turned on or off, or re-cut
            _sync_sentences(st, req, report)
        return  # fingerprints of touched-but-identical files only
    todo = st.unembedded()
    cache = EmbeddingCache(req.folder, updater.embedder_space(req.embedder), req.embedder.dim)
    try:
        rids, vectors, report.chunks_resumed = updater.embed_all(
            req.embedder, list(zip(todo, st.texts(todo), strict=True)), req.progress, cache)  # fmt: skip
        report.chunks_embedded = len(todo)
        st.put_vectors(rids, vectors)
        st.put_terms(sorted((set(todo) | touched) & set(st.live_rids().tolist())))  # new, or shown anew
        _sync_sentences(st, req, report, cache)
        _commit_meta(st, req, meta, settings)
    except BaseException:
        cache.close()  # kept: the next run resumes from it
        raise
    cache.discard()


def _sync_sentences(st: PgDocStore, req: updater.UpdateRequest, report: IndexReport,
                    cache: EmbeddingCache | None = None) -> None:  # fmt: skip
    """The reader's sentence vectors of the live chunks: those still needed kept, new ones embedded,
    the rest deleted (all of them when turned off), in the update's transaction."""
    if not req.sentence_vectors:
        st.drop_sentences()
        st.set_meta(**sentences.state_meta(False))
        return
    texts = sentences.needed_texts(updater._chunks_with_contexts(st, st.live_rids()))
    keys = np.array([sentences.text_key(t) for t in texts], dtype=np.uint64)
    keys, first = np.unique(keys, return_index=True)
    todo = np.flatnonzero(~np.isin(keys, st.sentence_keys()))
    vectors = np.zeros((0, req.embedder.dim), np.float32)
    if len(todo):
        vectors = updater._embedder_of(req, cache)([texts[first[i]] for i in todo])
    st.put_sentences(keys, keys[todo], vectors)
    report.sentences_total, report.sentences_embedded = len(keys), len(todo)
    st.set_meta(**sentences.state_meta(True))


def _commit_meta(st: PgDocStore, req: updater.UpdateRequest, meta: dict[str, str], settings: Any) -> None:
    """The lexical statistics and the meta row that make this generation the current one."""
    stats = st.rebuild_terms()
    emb = req.embedder
    st.set_meta(generation=int(meta.get("generation") or 0) + 1, version=st.content_digest(),
                format_version=updater.FORMAT_VERSION, embedder=emb.name, embedder_space=updater.embedder_space(emb),
                dim=emb.dim, chunking=settings.key(), chunk_words=settings.size, chunk_overlap=settings.overlap,
                ann="exact:0:0", chunks=stats["n"], avgdl=stats["avgdl"], loader_version=updater.LOADER_VERSION)  # fmt: skip
