"""Finding 3: a damaged or half-built index is an error naming the part and the repair (exit 1),
not "I don't know"; `reasoner index` repairs it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reasoner.engine import Reasoner
from reasoner.errors import IndexError_

KNOWLEDGE = "knowledge"


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _garble(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for i in range(0, len(data), 7):
        data[i] = (data[i] * 31 + 17) % 256
    path.write_bytes(bytes(data))


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _files(ix: Path) -> dict[str, Path]:
    k = ix / KNOWLEDGE
    bm25 = next(k.glob("gen-*.bm25"))
    return {
        "docstore": k / "docstore.sqlite",
        "vectors": next(k.glob("gen-*.vectors.npy")),
        "ids": next(k.glob("gen-*.rids.npy")),
        "bm25 json": bm25 / "lexical.json",
        "bm25 scores": next(bm25.glob("data.csc.index.npy")),
        "bm25 vocab": next(bm25.glob("vocab.index.json")),
    }


CASES = [(part, how) for part in ("docstore", "vectors", "ids", "bm25 json", "bm25 scores", "bm25 vocab")
         for how in ("truncate", "garble", "empty")]  # fmt: skip


@pytest.mark.parametrize(("part", "how"), CASES)
def test_damage_is_an_error_and_index_repairs_it(small_kb: Path, tmp_path: Path, cli, part: str, how: str):
    ix = tmp_path / "ix"
    assert cli("index", str(small_kb), "--index", str(ix)).returncode == 0
    target = _files(ix)[part]
    if part == "docstore":  # a checkpointed file, so the damage is not in the WAL only
        db = sqlite3.connect(target)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
    {"truncate": _truncate, "garble": _garble, "empty": _empty}[how](target)
    asked = cli("ask", "How many vacation days do full-time employees earn?", "--index", str(ix))
    assert asked.returncode == 1, (asked.returncode, asked.stdout, asked.stderr)
    assert "damaged" in asked.stderr and "reasoner index" in asked.stderr
    assert len(asked.stderr.strip().splitlines()) == 1
    repaired = cli("index", str(small_kb), "--index", str(ix))
    assert repaired.returncode == 0, repaired.stderr
    again = cli("ask", "How many vacation days do full-time employees earn?", "--index", str(ix), "--json")
    assert again.returncode == 0 and '"25"' in again.stdout, (again.stdout, again.stderr)


def test_an_index_left_by_a_killed_first_build_is_an_error(small_kb: Path, tmp_path: Path, cli):
    from reasoner.retrieval.store import DocStore

    ix = tmp_path / "ix"
    (ix / KNOWLEDGE).mkdir(parents=True)
    DocStore(ix / KNOWLEDGE / "docstore.sqlite", create=True).close()  # schema, no generation
    asked = cli("ask", "How many vacation days?", "--index", str(ix))
    assert asked.returncode == 1 and "incomplete" in asked.stderr and "reasoner index" in asked.stderr
    with pytest.raises(IndexError_, match="incomplete"):
        Reasoner.open(ix, embedder="hash", llm="fake", cache_dir=tmp_path / "c").ask("How many vacation days?")


def test_a_damaged_graph_manifest_is_named(small_kb: Path, tmp_path: Path, cli):
    ix = tmp_path / "ix"
    assert cli("index", str(small_kb), "--index", str(ix)).returncode == 0
    (ix / "graph.json").write_text("{not json")
    asked = cli("ask", "What is the K-7's list price?", "--index", str(ix))
    assert asked.returncode == 1 and "graph.json" in asked.stderr and "graph.pkl" not in asked.stderr


@pytest.mark.parametrize(("change", "named"), [
    ("UPDATE meta SET value='0' WHERE key='format_version'", "format"),  # another format version
    ("PRAGMA user_version = 99", "schema version 99"),  # a docstore written by a newer reasoner
])
def test_a_folder_from_another_version_says_how_to_rebuild(small_kb: Path, tmp_path: Path, cli, change, named):
    ix = tmp_path / "ix"
    assert cli("index", str(small_kb), "--index", str(ix)).returncode == 0
    db = sqlite3.connect(ix / KNOWLEDGE / "docstore.sqlite", isolation_level=None)
    db.execute(change)
    db.close()
    asked = cli("ask", "How many vacation days do full-time employees earn?", "--index", str(ix))
    assert asked.returncode == 1 and named in asked.stderr and "--rebuild" in asked.stderr
    assert len(asked.stderr.strip().splitlines()) == 1
    assert cli("index", str(small_kb), "--index", str(ix), "--rebuild").returncode == 0
    again = cli("ask", "How many vacation days do full-time employees earn?", "--index", str(ix), "--json")
    assert again.returncode == 0 and '"25"' in again.stdout


def test_an_id_file_naming_chunks_the_docstore_never_held_is_damage_and_repaired(small_kb: Path, tmp_path: Path):
    import numpy as np

    from reasoner.retrieval.embedder import HashEmbedder
    from reasoner.retrieval.index import KnowledgeIndex

    ix = tmp_path / "ix"
    KnowledgeIndex.update(small_kb, ix, embedder=HashEmbedder(), progress=False)[0].close()
    rids_file = _files(ix)["ids"]
    np.save(rids_file, np.load(rids_file) + 10_000)  # the right shape, ids of nothing
    idx = KnowledgeIndex.open(ix, embedder=HashEmbedder())
    with pytest.raises(IndexError_, match="damaged"):
        idx.search("vacation days", k=3)
    idx.close()
    repaired, report = KnowledgeIndex.update(small_kb, ix, embedder=HashEmbedder(), progress=False)
    assert report.repaired and repaired.search("vacation days", k=1)[0].chunk.source == "policies/leave.md"
    repaired.close()
