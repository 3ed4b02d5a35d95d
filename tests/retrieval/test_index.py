"""KnowledgeIndex: build, search, filters, incremental add/change/delete, settings checks."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from reasoner.errors import ConfigError, IndexError_
from reasoner.retrieval.embedder import HashEmbedder
from reasoner.retrieval.index import KnowledgeIndex

EMB = HashEmbedder()


def _update(kb: Path | None, index_dir: Path, **kw):
    return KnowledgeIndex.update(kb, index_dir, embedder=kw.pop("embedder", EMB), progress=False, **kw)


def _sources(hits) -> list[str]:
    return [h.chunk.source for h in hits]


def test_build_reads_every_format_and_skips_bad_files(kb, tmp_path, caplog):
    idx, report = _update(kb, tmp_path / "ix")
    assert sorted(report.added) == sorted(
        ["hr/leave.md", "ops/travel.md", "ops/notes.txt", "ops/guide.html", "hr/benefits.docx",
         "hr/manual.pdf", "ops/rooms.csv", "ops/people.triples.tsv", "ops/faq.jsonl"]
    )  # fmt: skip
    assert dict(report.skipped).keys() == {"ops/broken.pdf", "ops/image.png"}
    assert "skipped ops/broken.pdf" in caplog.text and "skipped ops/image.png" in caplog.text
    assert report.chunks_embedded == len(idx) == report.chunks_total > 9
    assert set(idx.sources()) == set(report.added)
    assert report.changed_sources == set(report.added) and report.removed_chunk_hashes == set()
    labels = dict(report.rows())
    assert labels["skipped"] == "2" and labels["files"].startswith("9 (9 added")


def test_boilerplate_footer_is_stored_once_with_both_sources(kb, tmp_path):
    idx, report = _update(kb, tmp_path / "ix")
    assert report.duplicates_folded >= 1
    hits = idx.search("maintained by the People Operations team help channel", k=3, mode="lexical")
    footer = hits[0].chunk
    assert "People Operations" in footer.text
    both = [
        idx.search("People Operations team", k=1, filters={"path": p})[0].chunk for p in ("hr/*", "ops/*")
    ]
    assert {c.id for c in both} == {footer.id} and {c.source for c in both} == {
        "hr/leave.md",
        "ops/travel.md",
    }


def test_search_modes_find_the_right_passage_with_scores_in_range(kb, tmp_path):
    idx, _ = _update(kb, tmp_path / "ix")
    for mode in ("hybrid", "dense", "lexical"):
        hits = idx.search("how many vacation days do full-time employees earn", k=3, mode=mode)
        assert hits[0].chunk.source == "hr/leave.md" and hits[0].chunk.section == "Leave Policy > Vacation"
        assert all(0.0 <= h.score <= 1.0 for h in hits) and [h.rank for h in hits] == [1, 2, 3]
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    hybrid = idx.search("vacation days", k=1)[0]
    assert hybrid.dense is not None and hybrid.lexical is not None
    assert hybrid.score == pytest.approx(0.6 * max(hybrid.dense, 0) + 0.4 * hybrid.lexical, abs=1e-5)
    assert idx.search("zzzz qqqq", k=3, mode="lexical") == []
    assert idx.search("   ", k=3) == [] and idx.search("vacation", k=0) == []


def test_relevant_hits_score_higher_than_unrelated_queries(kb, tmp_path):
    idx, _ = _update(kb, tmp_path / "ix")
    good = idx.search("vacation days per year", k=1)[0].score
    bad = idx.search("quantum chromodynamics lattice", k=1)[0].score
    assert good > 0.5 > bad


def test_page_numbers_titles_and_chunk_lookup(kb, tmp_path):
    idx, _ = _update(kb, tmp_path / "ix")
    hit = idx.search("laptop return policy", k=1, filters={"doc_type": "pdf"})[0]
    assert hit.chunk.page == 2 and hit.chunk.source == "hr/manual.pdf"
    docx_hit = idx.search("vacation days", k=1, filters={"doc_type": ["docx"]})[0]
    assert docx_hit.chunk.section == "Benefits > Vacation" and docx_hit.chunk.title == "Handbook"
    assert idx.chunk(hit.chunk.id) == hit.chunk
    with pytest.raises(KeyError):
        idx.chunk("nope")


def test_filters_path_source_section_and_unknown_key(kb, tmp_path):
    idx, _ = _update(kb, tmp_path / "ix")
    assert set(_sources(idx.search("days", k=10, filters={"path": "ops/*"}))) <= {
        "ops/travel.md", "ops/notes.txt", "ops/guide.html", "ops/rooms.csv", "ops/people.triples.tsv", "ops/faq.jsonl"
    }  # fmt: skip
    only = idx.search("days", k=10, filters={"source": "ops/travel.md", "section": "*Reimbursement*"})
    assert only and all(h.chunk.section == "Travel > Reimbursement" for h in only)
    assert idx.search("days", k=5, filters={"path": "nowhere/*"}) == []
    with pytest.raises(ConfigError, match="unknown filter"):
        idx.search("days", filters={"author": "x"})
    with pytest.raises(ConfigError, match="search mode"):
        idx.search("days", mode="fuzzy")


def test_second_run_with_nothing_changed_embeds_nothing(kb, tmp_path):
    idx1, _ = _update(kb, tmp_path / "ix")
    idx2, report = _update(kb, tmp_path / "ix")
    assert report.chunks_embedded == 0 and report.unchanged == 9 and not report.changed_sources
    assert idx2.version == idx1.version and len(idx2) == len(idx1)


def test_touched_but_identical_file_is_unchanged(kb, tmp_path):
    _update(kb, tmp_path / "ix")
    p = kb / "ops" / "notes.txt"
    p.write_text(p.read_text())
    _, report = _update(kb, tmp_path / "ix")
    assert report.unchanged == 9 and report.chunks_embedded == 0


def test_change_embeds_only_changed_chunks_and_drops_old_ones(kb, tmp_path):
    idx1, _ = _update(kb, tmp_path / "ix")
    leave = kb / "hr" / "leave.md"
    leave.write_text(leave.read_text().replace("20 vacation days", "25 vacation days"))
    idx2, report = _update(kb, tmp_path / "ix")
    assert report.changed == ["hr/leave.md"] and report.chunks_embedded == 1 and report.chunks_removed == 1
    assert len(report.removed_chunk_hashes) == 1 and idx2.version != idx1.version
    assert len(idx2) == len(idx1)
    for mode in ("lexical", "dense", "hybrid"):
        hits = idx2.search("vacation days per year", k=20, mode=mode, filters={"doc_type": "md"})
        texts = [h.chunk.text for h in hits]
        assert any("25 vacation days" in t for t in texts) and not any("20 vacation days" in t for t in texts)
    old_hash = next(iter(report.removed_chunk_hashes))
    db = sqlite3.connect(tmp_path / "ix" / "knowledge" / "docstore.sqlite")
    assert db.execute("SELECT COUNT(*) FROM chunks WHERE hash=?", (old_hash,)).fetchone()[0] == 0


def test_delete_removes_chunks_from_every_structure(kb, tmp_path):
    idx1, _ = _update(kb, tmp_path / "ix")
    n_notes = len(idx1.search("parking permits garage", k=50, filters={"source": "ops/notes.txt"}))
    (kb / "ops" / "notes.txt").unlink()
    idx2, report = _update(kb, tmp_path / "ix")
    assert report.removed == ["ops/notes.txt"] and report.chunks_removed == n_notes
    assert report.changed_sources == {"ops/notes.txt"} and len(idx2) == len(idx1) - n_notes
    assert "ops/notes.txt" not in idx2.sources()
    for mode in ("lexical", "dense", "hybrid"):
        assert "ops/notes.txt" not in _sources(idx2.search("parking permits garage", k=50, mode=mode))
    assert idx2.search("garage", k=5, mode="lexical") == []
    files = list((tmp_path / "ix" / "knowledge").glob("gen-*"))
    assert {f.name.split(".")[0] for f in files} == {
        f"gen-{idx2.meta['generation']}"
    }  # old generation cleaned


def test_deleting_one_copy_keeps_folded_chunk_for_the_other(kb, tmp_path):
    _update(kb, tmp_path / "ix")
    (kb / "ops" / "travel.md").unlink()
    idx, report = _update(kb, tmp_path / "ix")
    hit = idx.search("maintained by the People Operations team", k=1, mode="lexical")[0]
    assert hit.chunk.source == "hr/leave.md" and "People Operations" in hit.chunk.text
    assert hit.chunk.hash not in report.removed_chunk_hashes


def test_file_becoming_unreadable_drops_its_chunks(kb, tmp_path):
    _update(kb, tmp_path / "ix")
    (kb / "ops" / "notes.txt").write_bytes(b"\x00\x01binary now")
    idx, report = _update(kb, tmp_path / "ix")
    assert "ops/notes.txt" in dict(report.skipped) and report.removed == ["ops/notes.txt"]
    assert "ops/notes.txt" not in idx.sources()


def test_added_file_is_indexed(kb, tmp_path):
    _update(kb, tmp_path / "ix")
    (kb / "ops" / "new.md").write_text("# Desk booking\n\nHot desks are booked through the room app.")
    idx, report = _update(kb, tmp_path / "ix")
    assert report.added == ["ops/new.md"] and report.chunks_embedded == 1
    assert idx.search("hot desks booking", k=1)[0].chunk.source == "ops/new.md"


def test_index_dir_inside_kb_is_not_indexed(kb):
    idx, _ = _update(kb, kb / "indexes")
    _, report = _update(kb, kb / "indexes")
    assert not any(s.startswith("indexes/") for s in idx.sources()) and report.chunks_embedded == 0


def test_open_checks_embedder_and_missing_index(kb, tmp_path):
    _update(kb, tmp_path / "ix")
    assert len(KnowledgeIndex.open(tmp_path / "ix")) > 0  # embedder loaded lazily by recorded name
    with pytest.raises(ConfigError, match=r"built with embedder 'hash' \(dim 256\)"):
        KnowledgeIndex.open(tmp_path / "ix", embedder=HashEmbedder(dim=64))
    with pytest.raises(IndexError_, match="no knowledge index"):
        KnowledgeIndex.open(tmp_path / "empty")


def test_update_with_other_settings_says_so_unless_rebuilt(kb, tmp_path):
    _update(kb, tmp_path / "ix", chunk_size=100)
    with pytest.raises(ConfigError, match="chunking"):
        _update(kb, tmp_path / "ix", chunk_size=50)
    with pytest.raises(ConfigError, match="embedder"):
        _update(kb, tmp_path / "ix", embedder=HashEmbedder(dim=64))
    idx, report = _update(kb, tmp_path / "ix", embedder=HashEmbedder(dim=64), chunk_size=50, rebuild=True)
    assert idx.meta["dim"] == "64" and idx.meta["chunk_words"] == "50" and report.chunks_embedded == len(idx)
    _, again = _update(kb, tmp_path / "ix", embedder=HashEmbedder(dim=64))  # recorded size reused
    assert again.chunks_embedded == 0


def test_damaged_generation_files_raise_index_error(kb, tmp_path):
    idx, _ = _update(kb, tmp_path / "ix")
    gen = idx.meta["generation"]
    (tmp_path / "ix" / "knowledge" / f"gen-{gen}.vectors.npy").write_bytes(b"junk")
    with pytest.raises(IndexError_, match="damaged"):
        KnowledgeIndex.open(tmp_path / "ix")


def test_langchain_documents_indexed_and_updated(tmp_path):
    from langchain_core.documents import Document

    docs = [
        Document(
            page_content="The cafeteria serves lunch from noon.", metadata={"source": "wiki/food", "page": 0}
        ),
        Document(page_content="Dinner is not served.", metadata={"source": "wiki/food", "page": 1}),
        Document(page_content="Gym opens at six."),
    ]
    idx, report = _update(None, tmp_path / "ix", documents=docs)
    assert len(report.added) == 2 and len(idx) == 3
    hit = idx.search("dinner served", k=1)[0]
    assert hit.chunk.source == "wiki/food" and hit.chunk.page == 2 and hit.chunk.doc_type == "document"
    report = idx.add_documents(
        [Document(page_content="Dinner is served on Fridays.", metadata={"source": "wiki/food"})]
    )
    assert report.changed == ["wiki/food"] and report.chunks_removed == 2
    assert [h.chunk.text for h in idx.search("dinner", k=5, mode="lexical")] == [
        "Dinner is served on Fridays."
    ]


@pytest.mark.parametrize("kind", ["hnsw", "ivf"])
def test_large_index_uses_approximate_search_with_recorded_type(tmp_path, kind):
    from langchain_core.documents import Document

    rng = np.random.default_rng(0)
    words = [f"w{i}" for i in range(400)]
    docs = [
        Document(page_content=" ".join(rng.choice(words, 12)), metadata={"source": f"d{i}"})
        for i in range(600)
    ]
    idx, _ = _update(None, tmp_path / "ix", documents=docs, ann_kind=kind)
    assert idx.meta["ann"].startswith(kind) and (tmp_path / "ix" / "knowledge" / "gen-1.faiss").is_file()
    target = docs[123].page_content
    assert idx.search(target, k=1, mode="dense")[0].chunk.source == "d123"
    reopened = KnowledgeIndex.open(tmp_path / "ix", embedder=EMB)
    assert reopened.search(target, k=1)[0].chunk.source == "d123"


def test_second_writer_is_refused_while_one_holds_the_lock(kb, tmp_path):
    import fcntl
    import os

    _update(kb, tmp_path / "ix")
    fd = os.open(tmp_path / "ix" / "knowledge" / "write.lock", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with pytest.raises(IndexError_, match="another process"):
            _update(kb, tmp_path / "ix")
    finally:
        os.close(fd)
    assert _update(kb, tmp_path / "ix")[1].chunks_embedded == 0


def test_index_type_is_chosen_by_size():
    from reasoner.retrieval import ann

    assert ann.choose(49_999).kind == "flat"
    assert ann.choose(100_000) == ann.AnnSpec("hnsw", 32, 128)
    assert ann.choose(1_000_000) == ann.AnnSpec("ivf", 2000, 125)
    assert ann.AnnSpec.parse(ann.choose(1_000_000).key()) == ann.choose(1_000_000)
