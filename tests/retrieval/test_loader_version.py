"""An index written under older loaders reads every file again on its next update."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reasoner.ingest.document import Block
from reasoner.ingest.loaders import LOADER_VERSION
from reasoner.retrieval import updater
from reasoner.retrieval.embedder import HashEmbedder
from reasoner.retrieval.index import KnowledgeIndex

EMB = HashEmbedder()


def _update(kb: Path, index_dir: Path):
    return KnowledgeIndex.update(kb, index_dir, embedder=EMB, progress=False)


def _loader_version(index_dir: Path) -> str | None:
    db = sqlite3.connect(index_dir / "knowledge" / "docstore.sqlite")
    row = db.execute("SELECT value FROM meta WHERE key='loader_version'").fetchone()
    db.close()
    return row[0] if row else None


def _set_loader_version(index_dir: Path, value: str) -> None:
    db = sqlite3.connect(index_dir / "knowledge" / "docstore.sqlite")
    db.execute("UPDATE meta SET value=? WHERE key='loader_version'", (value,))
    db.commit()
    db.close()


def test_index_records_the_loader_version_and_a_current_one_reads_nothing_again(kb, tmp_path):
    _, first = _update(kb, tmp_path / "ix")
    assert _loader_version(tmp_path / "ix") == LOADER_VERSION and not first.reread
    _, again = _update(kb, tmp_path / "ix")
    assert not again.reread and again.unchanged == 9 and not again.changed_sources


def test_older_loaders_mean_every_file_is_read_again_and_same_chunks_keep_their_vectors(kb, tmp_path):
    idx1, _ = _update(kb, tmp_path / "ix")
    _set_loader_version(tmp_path / "ix", "1")
    idx2, report = _update(kb, tmp_path / "ix")
    assert report.reread and report.unchanged == 0 and len(report.changed) == 9
    assert report.chunks_embedded == 0 and len(idx2) == len(idx1)
    assert ("read again", "every file: this version's loaders read some formats differently") in report.rows()
    assert _loader_version(tmp_path / "ix") == LOADER_VERSION
    _, after = _update(kb, tmp_path / "ix")
    assert not after.reread and after.unchanged == 9


def test_a_loader_that_now_reads_more_text_is_picked_up_without_touching_files(kb, tmp_path, monkeypatch):
    _update(kb, tmp_path / "ix")
    real = updater.load_bytes

    def reads_more(data: bytes, source: str):
        doc = real(data, source)
        if source.endswith(".md"):
            doc.blocks.append(Block("Contact: people-ops@example.com for leave questions."))
        return doc

    monkeypatch.setattr(updater, "load_bytes", reads_more)
    monkeypatch.setattr(updater, "LOADER_VERSION", "test-next")
    idx, report = _update(kb, tmp_path / "ix")
    assert report.reread and report.chunks_embedded > 0
    hits = idx.search("people-ops@example.com", k=5, mode="lexical")
    assert any("people-ops@example.com" in h.chunk.text for h in hits)
    assert _loader_version(tmp_path / "ix") == "test-next"
