"""The knowledge index's behaviour on both backends: embedded files and PostgreSQL + pgvector.

``index_backend`` is what ``reasoner.factory.index_backend`` returns for each setting; the
PostgreSQL one runs on a fresh database of the session's real server (``pgserver``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reasoner.config import Config, index_exists
from reasoner.errors import ConfigError, IndexError_
from reasoner.factory import index_backend
from reasoner.retrieval.embedder import HashEmbedder

EMB = HashEmbedder()
QUESTIONS = ("how many vacation days do full-time employees earn", "book flights through the travel portal",
             "when does the garage close", "where is the printer", "sick leave per pay period")  # fmt: skip


@pytest.fixture(params=["embedded", "postgres"])
def backend(request: pytest.FixtureRequest):
    """The factory's backend for one setting: the embedded files, or a fresh PostgreSQL database."""
    url = request.getfixturevalue("postgres_url") if request.param == "postgres" else None
    return index_backend(Config(database_url=url))


def _update(backend, kb: Path | None, index_dir: Path, **kw):
    return backend.update(kb, index_dir, embedder=EMB, progress=False, **kw)


def _ids(hits) -> list[str]:
    return [h.chunk.id for h in hits]


def test_postgres_ranks_exactly_as_the_embedded_index(kb, tmp_path, postgres_url):
    """Same chunks, same digest, same hits and scores in every mode: BM25 in SQL is bm25s'."""
    embedded, _ = _update(index_backend(Config()), kb, tmp_path / "e")
    pg, _ = _update(index_backend(Config(database_url=postgres_url)), kb, tmp_path / "p")
    assert pg.version == embedded.version and len(pg) == len(embedded)
    for q in QUESTIONS:
        for mode in ("hybrid", "dense", "lexical"):
            a, b = embedded.search(q, k=5, mode=mode), pg.search(q, k=5, mode=mode)
            assert _ids(a) == _ids(b), (q, mode)
            assert [h.score for h in a] == pytest.approx([h.score for h in b], abs=1e-5)
            assert [h.chunk.source for h in a] == [h.chunk.source for h in b]


def test_search_modes_find_the_passage(backend, kb, tmp_path):
    idx, _ = _update(backend, kb, tmp_path / "ix")
    for mode in ("hybrid", "dense", "lexical"):
        hits = idx.search("how many vacation days do full-time employees earn", k=3, mode=mode)
        assert hits[0].chunk.source == "hr/leave.md" and hits[0].chunk.section == "Leave Policy > Vacation"
        assert all(0.0 <= h.score <= 1.0 for h in hits) and [h.rank for h in hits] == [1, 2, 3]
    assert idx.search("   ", k=3) == [] and idx.search("vacation", k=0) == []
    assert idx.search("zzqx unmatched", k=3, mode="lexical") == []


def test_filters_keep_only_matching_sources(backend, kb, tmp_path):
    idx, _ = _update(backend, kb, tmp_path / "ix")
    hits = idx.search("People Operations team", k=10, filters={"path": "ops/*"})
    assert hits and all(h.chunk.source.startswith("ops/") for h in hits)
    footer = [h for h in hits if "People Operations" in h.chunk.text][0]
    assert footer.chunk.source == "ops/travel.md"  # the folded chunk shows the source that matched
    assert {h.chunk.doc_type for h in idx.search("days", k=10, filters={"doc_type": "CSV"})} <= {"csv"}
    only = idx.search("vacation days", k=10, filters={"source": ["hr/leave.md"]})
    assert only and {h.chunk.source for h in only} == {"hr/leave.md"}
    assert idx.search("vacation", k=5, filters={"section": "Nothing*"}) == []
    with pytest.raises(ConfigError, match="unknown filter"):
        idx.search("vacation", filters={"author": "x"})


def test_access_groups_apply_before_ranking(backend, kb, tmp_path):
    (kb / "hr" / ".access").write_text("hr\n")
    idx, _ = _update(backend, kb, tmp_path / "ix")
    assert idx.restricted and idx.file_access()["hr/leave.md"] == ("hr",)
    for mode in ("hybrid", "dense", "lexical"):
        outsider = idx.search("how many vacation days do full-time employees earn", k=50, mode=mode,
                              groups=frozenset({"sales"}))  # fmt: skip
        assert all(not h.chunk.source.startswith("hr/") for h in outsider)
        assert all(h.chunk.access == ("everyone",) for h in outsider)
        member = idx.search("how many vacation days do full-time employees earn", k=3, mode=mode,
                            groups=frozenset({"hr"}))  # fmt: skip
        assert member[0].chunk.source == "hr/leave.md" and member[0].chunk.access == ("hr",)
    footer = idx.search("maintained by the People Operations team", k=5, groups=frozenset({"sales"}))
    assert footer and all(h.chunk.source == "ops/travel.md" for h in footer if "People Operations" in h.chunk.text)
    assert idx.search("vacation", k=5, groups=frozenset()) and all(
        h.chunk.access == ("everyone",) for h in idx.search("vacation", k=20, groups=frozenset()))


def test_reindex_follows_changed_and_deleted_files(backend, kb, tmp_path):
    idx, _ = _update(backend, kb, tmp_path / "ix")
    reader = backend.open(tmp_path / "ix", embedder=EMB)
    gen, n = reader.generation, len(reader)
    (kb / "ops" / "notes.txt").unlink()
    (kb / "ops" / "travel.md").write_text("# Travel\n\n## Booking\n\nBook trains through the rail desk.\n")
    idx2, report = _update(backend, kb, tmp_path / "ix")
    assert report.removed == ["ops/notes.txt"] and report.changed == ["ops/travel.md"]
    assert report.chunks_removed >= 2 and len(idx2) == report.chunks_total
    assert reader.refresh() and reader.generation == gen + 1 and len(reader) != n
    for view in (idx2, reader):
        assert all(h.chunk.source != "ops/notes.txt" for h in view.search("garage closes at 10pm", k=20))
        assert view.search("rail desk trains", k=1)[0].chunk.source == "ops/travel.md"
        assert not [h for h in view.search("travel portal flights", k=20) if "travel portal" in h.chunk.text]
    footer = idx2.search("maintained by the People Operations team", k=1)[0].chunk
    assert footer.source == "hr/leave.md"  # its other source left: the chunk stays, shown by the one left
    again, report = _update(backend, kb, tmp_path / "ix")
    assert report.chunks_embedded == 0 and again.generation == gen + 1 and not reader.refresh()


def test_a_changed_embedder_is_refused(backend, kb, tmp_path):
    _update(backend, kb, tmp_path / "ix")
    other = HashEmbedder(dim=EMB.dim * 2)
    with pytest.raises(ConfigError, match="built with embedder"):
        backend.open(tmp_path / "ix", embedder=other)


def test_postgres_schema_is_versioned_and_one_writer_runs_at_a_time(kb, tmp_path, postgres_url):
    import psycopg

    from reasoner.retrieval import pgstore

    backend = index_backend(Config(database_url=postgres_url))
    _update(backend, kb, tmp_path / "ix")
    assert index_exists(tmp_path / "ix")  # the marker `reasoner ask` looks for
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        assert conn.execute("SELECT version FROM kb_schema_version ORDER BY version").fetchall() == [(1,), (2,)]
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (pgstore.INDEX_LOCK,))
            with pytest.raises(IndexError_, match="another process is updating"):
                _update(backend, kb, tmp_path / "ix")
    pgstore.connect(postgres_url).close()  # opening again migrates nothing
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM kb_schema_version").fetchone()[0] == 2


def test_postgres_open_says_when_nothing_is_indexed(tmp_path, postgres_url):
    with pytest.raises(IndexError_, match="no knowledge index in the database"):
        index_backend(Config(database_url=postgres_url)).open(tmp_path / "ix", embedder=EMB)
    with pytest.raises(IndexError_, match="cannot use the knowledge index database"):
        index_backend(Config(database_url="postgresql://nobody@127.0.0.1:1/none")).open(tmp_path, embedder=EMB)
