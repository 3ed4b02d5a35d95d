"""One incremental indexing run: scan, diff, chunk, fold duplicates, embed, write a generation.

Everything happens inside one SQLite transaction; the new generation's files
are written under new names before the commit that makes them current, so a
crash at any point leaves the previous index loadable.
"""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import logging
import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from reasoner.errors import ConfigError, IndexError_
from reasoner.ingest import access
from reasoner.ingest.access import AccessRules
from reasoner.ingest.chunking import ChunkSettings, chunk_document
from reasoner.ingest.dedup import NearDuplicateFinder, signature
from reasoner.ingest.document import Block, Document
from reasoner.ingest.loaders import (
    LOADER_VERSION,
    UnreadableFile,
    is_supported,
    load_bytes,
    paragraphs,
    title_from_name,
)
from reasoner.ingest.walk import Walk, fingerprint, walk
from reasoner.retrieval import ann, sentences, store
from reasoner.retrieval.embcache import EmbeddingCache, text_key
from reasoner.retrieval.lexical import LexicalIndex
from reasoner.retrieval.report import IndexReport
from reasoner.retrieval.store import DocStore, FileRow

log = logging.getLogger("reasoner.ingest")
FORMAT_VERSION = "1"
DB_NAME = "docstore.sqlite"
EMBED_BATCH = 256


@dataclass
class _Pending:
    """A source to (re)index: its fingerprint and loaded document."""

    row: FileRow
    doc: Document


def embedder_space(embedder: Any) -> str:
    """Embedders sharing a vector space (same model, other runtime) may share an index."""
    return str(getattr(embedder, "space", embedder.name))


@contextmanager
def write_lock(folder: Path) -> Iterator[None]:
    """One writer at a time per index folder (released by the OS if the process dies)."""
    fd = os.open(str(folder / "write.lock"), os.O_CREAT | os.O_RDWR, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise IndexError_(f"another process is updating the index in {folder}") from exc
        yield
    finally:
        os.close(fd)


def _skip(report: IndexReport, source: str, reason: str) -> None:
    log.warning("skipped %s: %s", source, reason)
    report.skipped.append((source, reason))


@dataclass(frozen=True)
class Limits:
    """Bounds on what one file may cost (Config.max_file_mb, max_chunks_per_file, follow_outside_links).

    A 50 MB text file is about 130,000 chunks, nearly two hours of embedding on two cores:
    past these bounds a file is skipped with a reason in the report, not embedded.
    """

    max_file_bytes: int = 25 * 2**20
    max_chunks_per_file: int = 20_000
    follow_outside_links: bool = False


def diff_files(
    kb_dir: Path,
    folder: Path,
    known: dict[str, FileRow],
    st: DocStore,
    report: IndexReport,
    progress: bool = False,
    limits: Limits = Limits(),
    rules: AccessRules | None = None,
    reread: bool = False,
) -> tuple[list[_Pending], set[str]]:
    """Compare the folder with what is indexed; returns sources to load and sources whose links go.

    A file is read again when its size or time changed, or when who may read it changed
    (an edited ``.access`` file or mapping): its chunks are then re-linked, not re-embedded.
    ``reread``: every file is read again (the loaders changed since the index was written).
    """
    from tqdm.auto import tqdm

    found = walk(kb_dir, exclude=[folder.parent, folder], follow_outside_links=limits.follow_outside_links)
    for source, reason in found.skipped:
        _skip(report, source, reason)
    rules = dataclasses.replace(rules or AccessRules(), folders=_access_files(found, report))
    pending: list[_Pending] = []
    stale: set[str] = set()
    bar = tqdm(found.files.items(), total=len(found.files), unit="file", desc="reading", disable=not progress,
               dynamic_ncols=True, leave=False)  # fmt: skip
    for source, path in bar:
        item = _diff_file(source, path, known.get(source), st, report, limits, rules, stale, reread)
        if item is not None:
            pending.append(item)
    for source, old in known.items():
        if old.origin == "file" and source not in found.files:
            report.removed.append(source)
            stale.add(source)
            st.delete_file(source)
    return pending, stale


def _access_files(found: Walk, report: IndexReport) -> dict[str, access.Access]:
    """Each folder's ``.access`` declaration, parsed."""
    out = {}
    for folder, path in found.access_files.items():
        try:
            out[folder] = access.parse_access_file(path.read_text(encoding="utf-8", errors="replace"))
        except OSError as exc:  # unreadable: everything beneath it is readable by no one (fail closed)
            out[folder] = (access.NOBODY,)
            _skip(report, f"{folder}/{access.ACCESS_FILE}".lstrip("/"), f"cannot read: {exc.strerror or exc}")
    return out


def _diff_file(source: str, path: Path, old: FileRow | None, st: DocStore, report: IndexReport, limits: Limits,
               rules: AccessRules, stale: set[str], reread: bool = False) -> _Pending | None:  # fmt: skip
    """One file against what the index holds: None when it needs no loading (or was skipped)."""
    if not is_supported(path):
        _skip(report, source, f"unsupported file type {path.suffix or '(none)'!r}")
        return None
    by_path = access.dumps(rules.for_path(source))
    same_access = old is not None and (old.access_from == "front matter" or old.access == by_path)
    try:
        stat = path.stat()
        same_stat = (old.size, old.mtime_ns) == (stat.st_size, stat.st_mtime_ns) if old else False
        if old and old.origin == "file" and same_access and same_stat and not reread:
            report.unchanged += 1
            report.fingerprints[source] = old.sha
            return None
        if stat.st_size > limits.max_file_bytes:
            _skip(report, source, f"too large: {stat.st_size / 2**20:.1f} MB, over the limit of "
                                  f"{limits.max_file_bytes / 2**20:.0f} MB (Config.max_file_mb)")  # fmt: skip
            _withdraw(st, source, old, stale, report)
            return None
        data = path.read_bytes()
    except OSError as exc:
        _skip(report, source, f"cannot read: {exc.strerror or exc}")
        return None
    row = FileRow(source, "file", stat.st_size, stat.st_mtime_ns, fingerprint(data))
    report.fingerprints[source] = row.sha
    if old and old.sha == row.sha and same_access and not reread:
        st.put_file(dataclasses.replace(row, doc_type=old.doc_type, title=old.title, access=old.access,
                                        access_from=old.access_from))  # fmt: skip
        report.unchanged += 1
        return None
    try:
        doc = load_bytes(data, source)
    except UnreadableFile as exc:
        _skip(report, source, str(exc))
        _withdraw(st, source, old, stale, report)  # its old content is stale; retried next run
        return None
    if not doc.blocks:
        _skip(report, source, "empty: no text to index")
    (report.changed if old else report.added).append(source)
    stale.update([source] if old else [])
    return _Pending(_with_doc(row, doc, rules), doc)


def _withdraw(st: DocStore, source: str, old: FileRow | None, stale: set[str], report: IndexReport) -> None:
    """A file indexed before can no longer be read: its old chunks leave the index."""
    if old:
        stale.add(source)
        report.removed.append(source)
        st.delete_file(source)


def _with_doc(row: FileRow, doc: Document, rules: AccessRules) -> FileRow:
    """The file's row with what its document says: type, title, and who may read it."""
    declared = access.parse_groups(doc.metadata.get("access")) if doc.metadata else None
    granted = declared or rules.for_path(row.source)
    return dataclasses.replace(row, doc_type=doc.doc_type, title=doc.title, access=access.dumps(granted),
                               access_from="front matter" if declared else "path")  # fmt: skip


def from_langchain(documents: Iterable[Any]) -> list[Document]:
    """Group LangChain ``Document``s by ``metadata["source"]`` into documents (pages kept)."""
    grouped: dict[str, Document] = {}
    for i, lc in enumerate(documents):
        meta = dict(getattr(lc, "metadata", None) or {})
        text = str(getattr(lc, "page_content", lc))
        source = str(meta.get("source") or f"documents/{hashlib.sha1(text.encode()).hexdigest()[:12]}")
        source = source.replace(os.sep, "/")
        doc = grouped.setdefault(source, Document(
            source=source, doc_type=str(meta.get("doc_type") or "document"),
            title=str(meta.get("title") or title_from_name(source)),
            metadata={"order": i, **({"access": meta["access"]} if "access" in meta else {})}))  # fmt: skip
        page = meta.get("page")
        page = int(page) + 1 if isinstance(page, int) else None  # LangChain pages are 0-based
        section = str(meta.get("section") or "")
        doc.blocks.extend(Block(p, section, page) for p in paragraphs(text))
    return list(grouped.values())


def diff_documents(
    documents: Iterable[Any], known: dict[str, FileRow], report: IndexReport, rules: AccessRules | None = None
) -> tuple[list[_Pending], set[str]]:
    """LangChain documents: new or changed sources are (re)indexed; others are left alone.

    ``metadata["access"]`` declares who may read one (else the rules' default)."""
    rules = rules or AccessRules()
    pending: list[_Pending] = []
    stale: set[str] = set()
    for doc in from_langchain(documents):
        sha = hashlib.sha1(repr([(b.text, b.section, b.page) for b in doc.blocks]).encode()).hexdigest()
        old = known.get(doc.source)
        if old and old.sha == sha:
            report.unchanged += 1
            continue
        (report.changed if old else report.added).append(doc.source)
        if old:
            stale.add(doc.source)
        pending.append(
            _Pending(_with_doc(FileRow(doc.source, "document", len(doc.text), 0, sha), doc, rules), doc)
        )
    return pending, stale


# settings ---------------------------------------------------------------------
def check_settings(meta: dict[str, str], embedder: Any, settings: ChunkSettings | None, folder: Path) -> None:
    """Raise ConfigError (one line) when the index was built with another embedder or chunking."""
    if not meta.get("generation"):
        return
    if meta.get("format_version") != FORMAT_VERSION:
        raise ConfigError(f"index {folder} has format {meta.get('format_version')}, this version "
                          f"reads {FORMAT_VERSION}: rebuild it (reasoner index --rebuild)")  # fmt: skip
    if embedder is not None and (meta["embedder_space"] != embedder_space(embedder)
                                 or int(meta["dim"]) != embedder.dim):  # fmt: skip
        raise ConfigError(
            f"index {folder} was built with embedder {meta['embedder']!r} (dim {meta['dim']}), not "
            f"{embedder.name!r} (dim {embedder.dim}): use that embedder or rebuild the index"
        )
    if settings is not None and meta["chunking"] != settings.key():
        raise ConfigError(
            f"index {folder} was built with chunking {meta['chunking']}, not {settings.key()}: "
            "use the same chunk size or rebuild the index"
        )


def resolve_settings(meta: dict[str, str], chunk_size: int | None, overlap: int | None) -> ChunkSettings:
    """The requested chunking, defaulting to what the index records (or the library default)."""
    base = ChunkSettings()
    if meta.get("chunk_words"):
        base = ChunkSettings(int(meta["chunk_words"]), int(meta["chunk_overlap"]))
    return ChunkSettings(chunk_size or base.size, base.overlap if overlap is None else overlap)


# placing chunks ------------------------------------------------------------------
def place(
    st: DocStore, pending: list[_Pending], settings: ChunkSettings, report: IndexReport,
    max_chunks: int = Limits.max_chunks_per_file,
) -> list[tuple[int, str]]:  # fmt: skip
    """Store the chunks of new and changed documents; returns (rid, text) of those to embed.

    A chunk identical to a stored one (same content hash) or nearly so (MinHash
    LSH) becomes another source of that chunk instead of a new chunk. A document of
    more than ``max_chunks`` chunks is skipped (reported), not stored.
    """
    to_embed: list[tuple[int, str]] = []
    finder: NearDuplicateFinder | None = None
    for item in pending:
        doc = item.doc
        drafts = chunk_document(doc, settings)
        if len(drafts) > max_chunks:
            _skip(report, doc.source, f"too many chunks: {len(drafts):,}, over the limit of {max_chunks:,} "
                                      "(Config.max_chunks_per_file)")  # fmt: skip
            _drop_from(report, doc.source)
            st.delete_file(doc.source)
            continue
        st.put_file(item.row)
        for draft in drafts:
            rid = st.rid_by_hash(draft.hash)
            if rid is None:
                sig = signature(draft.text)
                finder = finder or _finder(st)
                near = finder.find(sig)
                if near is None:
                    rid = st.insert_chunk(draft.hash[:16], draft.hash, draft.text, sig)
                    finder.add(str(rid), sig)
                    to_embed.append((rid, draft.index_text))
                else:
                    rid = int(near)
            if st.link(rid, doc.source, draft.title, draft.section, draft.page, doc.doc_type, item.row.access):
                report.duplicates_folded += 1
    return to_embed


def _drop_from(report: IndexReport, source: str) -> None:
    """A source counted as added or changed that was skipped after all."""
    if source in report.added:
        report.added.remove(source)
    elif source in report.changed:
        report.changed.remove(source)
        report.removed.append(source)


def _finder(st: DocStore) -> NearDuplicateFinder:
    finder = NearDuplicateFinder()
    for rid, blob in st.linked_signatures():
        finder.add(str(rid), np.frombuffer(blob, dtype=np.uint64))
    return finder


# embedding and writing ------------------------------------------------------------
def embed_all(embedder: Any, items: list[tuple[int, str]], progress: bool, cache: EmbeddingCache | None = None,
              unit: str = "chunk") -> tuple[np.ndarray, np.ndarray, int]:  # fmt: skip
    """Embed texts in length-sorted batches (less padding); returns (rids, vectors) in input order
    and how many vectors came from the cache.

    With ``cache``, vectors a killed earlier run already embedded are taken from it, and each
    new batch is committed to it as soon as it is embedded.
    """
    from tqdm.auto import tqdm

    rids = np.array([r for r, _ in items], dtype=np.int64)
    out = np.zeros((len(items), embedder.dim), dtype=np.float32)
    keys = [text_key(t) for _, t in items]
    done = cache.get_many(set(keys)) if cache is not None else {}
    todo = [i for i, k in enumerate(keys) if k not in done]
    for i, k in enumerate(keys):
        if k in done:
            out[i] = done[k]
    order = sorted(todo, key=lambda i: len(items[i][1]))
    with tqdm(total=len(items), initial=len(items) - len(todo), unit=unit, desc="embedding",
              disable=not progress or not items, dynamic_ncols=True) as bar:  # fmt: skip
        for start in range(0, len(order), EMBED_BATCH):
            idx = order[start : start + EMBED_BATCH]
            out[idx] = embedder.embed([items[i][1] for i in idx])
            if cache is not None:
                cache.put_many([keys[i] for i in idx], out[idx])
            bar.update(len(idx))
    return rids, out, len(items) - len(todo)


def load_generation(folder: Path, meta: dict[str, str], dim: int) -> tuple[np.ndarray, np.ndarray]:
    """(rids, vectors) of the current generation, empty for a new index."""
    if not meta.get("generation"):
        return np.zeros(0, np.int64), np.zeros((0, dim), np.float32)
    paths = store.gen_paths(folder, int(meta["generation"]))
    try:
        return np.load(paths["rids"]), np.load(paths["vectors"])
    except (OSError, ValueError) as exc:
        raise IndexError_(f"index {folder}: generation files unreadable ({exc}); rebuild it") from exc


def merge(
    old_rids: np.ndarray, old_vecs: np.ndarray, live: np.ndarray, new_rids: np.ndarray, new_vecs: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Keep the old rows still live, in order, then append the new ones."""
    keep = np.isin(old_rids, live)
    return np.concatenate([old_rids[keep], new_rids]), np.concatenate([old_vecs[keep], new_vecs])


def write_generation(
    folder: Path, gen: int, rids: np.ndarray, vectors: np.ndarray, texts: list[str], ann_kind: str | None
) -> ann.AnnSpec:
    """Write a generation's files under fresh names (fsynced); returns the ANN spec used."""
    paths = store.gen_paths(folder, gen)
    store.save_array(paths["vectors"], vectors)
    store.save_array(paths["rids"], rids)
    spec = ann.choose(len(vectors), ann_kind)
    if spec.kind != "flat":
        store.save_faiss(paths["faiss"], ann.build(vectors, spec))
    lexical = LexicalIndex.build(texts)
    store.save_folder(paths["bm25"], lexical.save)
    store.fsync_dir(folder)
    return spec


@dataclass
class UpdateRequest:
    """The inputs of one indexing run."""

    kb_dir: Path | None
    folder: Path
    embedder: Any
    chunk_size: int | None = None
    overlap: int | None = None
    documents: Iterable[Any] | None = None
    progress: bool = True
    rebuild: bool = False
    ann_kind: str | None = None
    limits: Limits = Limits()
    access: AccessRules = field(default_factory=AccessRules)
    repair: str = ""  # why the current generation must be rebuilt although its files look sound
    sentence_vectors: bool = True  # store the reader's sentence vectors beside the generation (``sentences.py``)


def run_update(kb_dir: Path | None, folder: Path, embedder: Any, **options: Any) -> IndexReport:
    """Bring the index in ``folder`` up to date with ``kb_dir`` and ``documents``.

    ``options`` are the remaining :class:`UpdateRequest` fields.
    """
    req = UpdateRequest(kb_dir, folder, embedder, **options)
    t0 = time.perf_counter()
    report = IndexReport()
    folder.mkdir(parents=True, exist_ok=True)
    with write_lock(folder):
        st = _open_for_update(folder, report)
        try:
            st.begin()
            _update_in_transaction(st, req, report)
        except BaseException:
            st.rollback()
            raise
        finally:
            st.close()
    report.seconds = time.perf_counter() - t0
    return report


def _open_for_update(folder: Path, report: IndexReport) -> DocStore:
    """The docstore, checked; a damaged one is moved aside and the index is built again from the folder."""
    path = folder / DB_NAME
    try:
        st = DocStore(path, create=True)
        problem = st.problem()
        if problem is None:
            return st
        st.close()
    except IndexError_ as exc:
        problem = str(exc)
    aside = path.with_name(f"{DB_NAME}.damaged")
    for suffix in ("", "-wal", "-shm"):
        src = Path(f"{path}{suffix}")
        if src.exists():
            os.replace(src, f"{aside}{suffix}")
    store.remove_other_generations(folder, keep=-1)
    report.repaired.append(f"the docstore was damaged ({problem}); moved to {aside.name} and rebuilt")
    log.warning("%s", report.repaired[-1])
    return DocStore(path, create=True)


def _ids_problem(st: DocStore, folder: Path, gen: int) -> str | None:
    """Why the generation's id file does not match the docstore's chunks, or None."""
    rids = np.load(store.gen_paths(folder, gen)["rids"], mmap_mode="r")
    unknown = np.setdiff1d(np.asarray(rids, dtype=np.int64), st.live_rids())
    return f"{len(unknown)} ids name no chunk of the docstore" if len(unknown) else None


def _update_in_transaction(st: DocStore, req: UpdateRequest, report: IndexReport) -> None:
    meta = st.meta()
    prev_gen = int(meta.get("generation") or 0)
    damaged = (req.repair or store.generation_problem(req.folder, prev_gen, int(meta["dim"]))
               or _ids_problem(st, req.folder, prev_gen)) if prev_gen else None  # fmt: skip
    if damaged:  # the chunks are fine, their vectors or BM25 files are not: embed them again
        report.repaired.append(f"generation {prev_gen} was damaged ({damaged}); its vectors were rebuilt")
        log.warning("%s", report.repaired[-1])
        meta = {k: v for k, v in meta.items() if k != "generation"}
    if req.rebuild:
        for table in ("links", "chunks", "files"):
            st.db.execute(f"DELETE FROM {table}")
        meta = {}
    settings = resolve_settings(meta, req.chunk_size, req.overlap)
    check_settings(meta, req.embedder, settings, req.folder)
    pending, stale = _diff(st, req, report)
    touched: set[int] = set()
    for source in stale:
        touched |= st.unlink_source(source)
    to_embed = place(st, pending, settings, report, req.limits.max_chunks_per_file)
    report.removed_hashes = st.delete_chunks(st.orphans(touched))
    report.chunks_removed = len(report.removed_hashes)
    live = st.live_rids()
    report.chunks_total = len(live)
    if not (req.rebuild or pending or stale or not prev_gen or damaged):
        _sync_sentences(st, req, prev_gen, meta, report)  # turned on or off, or its file lost
        st.commit()  # fingerprints of touched-but-identical files only
        return
    old_rids, old_vecs = load_generation(req.folder, meta, req.embedder.dim)
    missing = np.setdiff1d(live, np.concatenate([old_rids, np.array([r for r, _ in to_embed], np.int64)]))
    if len(missing):  # rows without a vector (should not happen): embed them too
        to_embed += list(zip(missing.tolist(), st.texts(missing), strict=True))
    cache = EmbeddingCache(req.folder, embedder_space(req.embedder), req.embedder.dim)
    try:
        new_rids, new_vecs, report.chunks_resumed = embed_all(req.embedder, to_embed, req.progress, cache)
        report.chunks_embedded = len(to_embed)
        rids, vectors = merge(old_rids, old_vecs, live, new_rids, new_vecs)
        _write_sentences(st, req, prev_gen + 1, rids, prev_gen if not req.rebuild else 0, report, cache)
        _commit_generation(st, req, prev_gen + 1, rids, vectors, settings)
    except BaseException:
        cache.close()  # kept: the next run resumes from it
        raise
    cache.discard()


def _diff(st: DocStore, req: UpdateRequest, report: IndexReport) -> tuple[list[_Pending], set[str]]:
    known = st.files()
    written_by = st.meta().get("loader_version")  # None: before versions were kept, or a new index
    report.reread = req.kb_dir is not None and bool(known) and not req.rebuild and written_by != LOADER_VERSION
    pending, stale = ([], set())
    if req.kb_dir is not None:
        pending, stale = diff_files(Path(req.kb_dir), req.folder, known, st, report, req.progress, req.limits,
                                    req.access, report.reread)  # fmt: skip
    if req.documents is not None:
        more, stale_docs = diff_documents(req.documents, known, report, req.access)
        pending, stale = pending + more, stale | stale_docs
    return pending, stale


def _commit_generation(st: DocStore, req: UpdateRequest, gen: int, rids: np.ndarray, vectors: np.ndarray,
                       settings: ChunkSettings) -> None:  # fmt: skip
    """Write the generation's files, then commit the transaction that makes it current."""
    spec = write_generation(req.folder, gen, rids, vectors, st.texts(rids), req.ann_kind)
    emb = req.embedder
    st.set_meta(generation=gen, version=st.content_digest(), format_version=FORMAT_VERSION,
                embedder=emb.name, embedder_space=embedder_space(emb), dim=emb.dim,
                chunking=settings.key(), chunk_words=settings.size, chunk_overlap=settings.overlap,
                ann=spec.key(), chunks=len(rids), loader_version=LOADER_VERSION)  # fmt: skip
    st.set_meta(**sentences.state_meta(req.sentence_vectors))
    st.commit()
    store.remove_other_generations(req.folder, gen)


# the reader's sentence vectors (``sentences.py``) ----------------------------------------
def _write_sentences(st: DocStore, req: UpdateRequest, gen: int, rids: np.ndarray, old_gen: int,
                     report: IndexReport, cache: EmbeddingCache | None) -> None:  # fmt: skip
    """Write ``gen``'s sentence vectors for the chunks ``rids``, taking those of ``old_gen``'s file
    that are still needed (a damaged or missing old file only means embedding them all)."""
    if not req.sentence_vectors:
        return
    old = sentences.try_load(req.folder, old_gen, req.embedder.dim)[0] if old_gen else None
    t0 = time.perf_counter()
    texts = sentences.needed_texts(_chunks_with_contexts(st, rids))
    table, report.sentences_embedded = sentences.build(texts, req.embedder.dim, old, _embedder_of(req, cache))
    table.save(sentences.path(req.folder, gen))
    report.sentences_total = len(table)
    log.info("sentence vectors: %d texts, %d embedded, %.1f s", len(table), report.sentences_embedded,
             time.perf_counter() - t0)  # fmt: skip


def _embedder_of(req: UpdateRequest, cache: EmbeddingCache | None):
    """``texts -> vectors`` with the run's embedder, progress bar and resumable cache."""
    return lambda texts: embed_all(req.embedder, list(enumerate(texts)), req.progress, cache, unit="sentence")[1]


def _chunks_with_contexts(st: DocStore, rids: np.ndarray) -> Iterator[tuple[Any, list[tuple[str, str]]]]:
    """Each chunk (as a search shows it) with the (title, section) of its other sources."""
    from reasoner.types import Chunk

    contexts: dict[int, list[tuple[str, str]]] = {}
    for rid, _source, _type, section, title, _access in st.link_table():
        contexts.setdefault(rid, []).append((title or "", section or ""))
    rows = st.chunk_rows(int(r) for r in rids)
    for rid in sorted(rows):
        cid, text, source, title, section = rows[rid][:5]
        yield Chunk(cid, text, source or "", title or "", section or ""), contexts.get(rid, [])


def _sync_sentences(st: DocStore, req: UpdateRequest, gen: int, meta: dict[str, str], report: IndexReport) -> None:
    """No chunk changed: write the current generation's sentence vectors where they are wanted and
    missing or unreadable (an index from before them, a damaged file), or remove them when not wanted."""
    target = sentences.path(req.folder, gen)
    if not req.sentence_vectors:
        if meta.get(sentences.META_KEY) != "off" or target.exists():
            target.unlink(missing_ok=True)
            st.set_meta(**sentences.state_meta(False))
        return
    table, why = sentences.try_load(req.folder, gen, req.embedder.dim)
    current = meta.get(sentences.TEXTS_KEY) == sentences.texts_version()
    if table is not None and meta.get(sentences.META_KEY) == "on" and current:
        return
    if why and why != "missing":
        report.repaired.append(f"the sentence vectors of generation {gen} were unreadable ({why}); written again")
        log.warning("%s", report.repaired[-1])
    cache = EmbeddingCache(req.folder, embedder_space(req.embedder), req.embedder.dim)
    try:
        _write_sentences(st, req, gen, st.live_rids(), gen if table is not None else 0, report, cache)
    except BaseException:
        cache.close()
        raise
    cache.discard()
    st.set_meta(**sentences.state_meta(True))
