"""The reader's sentence vectors stored beside the index (``retrieval/sentences.py``, ``rag/texts.py``)."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from reasoner.config import Config
from reasoner.retrieval import sentences
from reasoner.retrieval.embedder import HashEmbedder
from reasoner.retrieval.index import KnowledgeIndex, index_folder
from reasoner.retrieval.store import DocStore
from reasoner.solvers.rag.reader import Reader
from reasoner.solvers.rag.texts import chunk_texts

QUESTIONS = [
    "How many vacation days do full-time employees earn?",
    "When do I have to submit my receipts after a trip?",
    "Where is the kitchen?",
    "How much sick leave accrues per pay period?",
]


class Counting(HashEmbedder):
    """The test embedder, counting what it is asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def embed(self, texts):
        self.seen += list(texts)
        return super().embed(texts)


def build(kb: Path, out: Path, **kw) -> tuple[KnowledgeIndex, object]:
    return KnowledgeIndex.update(kb, out, embedder=HashEmbedder(), progress=False, **kw)


def readings(idx: KnowledgeIndex, stored: bool) -> tuple[list[tuple], list[str]]:
    """Each question's ranking (text, score, cosines) and what the embedder had to embed."""
    emb = Counting()
    reader = Reader(emb, stored=idx.stored_vectors if stored else None)
    out = []
    for q in QUESTIONS:
        r = reader.read(q, idx.search(q, k=8))
        out.append(tuple((s.unit.text, s.score, s.cos, s.cos_context, s.window) for s in r.ranked))
    return out, emb.seen


def gen_file(index_dir: Path) -> Path:
    folder = index_folder(index_dir)
    gen = int(DocStore(folder / "docstore.sqlite").meta()["generation"])
    return sentences.path(folder, gen)


def test_stored_vectors_give_the_same_readings_and_only_questions_are_embedded(kb, tmp_path):
    idx, report = build(kb, tmp_path / "ix")
    assert gen_file(tmp_path / "ix").is_file() and report.sentences_total and report.sentences_embedded
    lazy, lazy_seen = readings(idx, stored=False)
    fast, fast_seen = readings(idx, stored=True)
    assert fast == lazy  # the same texts, scores and cosines, to the bit
    assert set(fast_seen) == set(QUESTIONS) and len(lazy_seen) > 10 * len(QUESTIONS)


def test_chunk_texts_cover_every_text_a_reading_of_the_chunk_embeds():
    from reasoner.types import Chunk, Hit

    a = Chunk("a", "Intro to leave:\n\n- Vacation is 20 days.\n- Sick leave is 13 days.\n\nAsk HR.", "a.md", "Leave", "Days")
    b = Chunk("b", "Vacation is 20 days. Book it early. | A | B |\n|---|---|\n| 1 | 2 |", "b.md", "Other", "")
    stored = {t: v for t, v in zip(*(lambda ts: (ts, HashEmbedder().embed(ts)))(
        sentences.needed_texts([(a, [("Copy", "Days")]), (b, [])])), strict=True)}  # fmt: skip
    emb = Counting()
    reader = Reader(emb, stored=lambda texts: {t: stored[t] for t in texts if t in stored})
    for q in ("How long is vacation?", "What is B?", "Who do I ask?"):
        for hits in ([Hit(a, 0.5), Hit(b, 0.4)], [Hit(b, 0.5), Hit(a, 0.4)]):  # a repeated sentence dropped
            reader.read(q, hits)
        copy = Chunk("a", a.text, "copy.md", "Copy", "Days")  # the chunk shown under its other source
        reader.read(q, [Hit(copy, 0.5)])
    assert set(emb.seen) == {"How long is vacation?", "What is B?", "Who do I ask?"}, (
        "the reader embeds a text rag/texts.py does not list: list it there and raise texts.VERSION")
    assert len(chunk_texts(a)) == len(set(chunk_texts(a)))


def test_an_update_keeps_only_live_texts_and_embeds_only_new_ones(kb, tmp_path):
    build(kb, tmp_path / "ix")
    before = sentences.load(gen_file(tmp_path / "ix"), HashEmbedder().dim)
    (kb / "ops" / "notes.txt").write_text("Parking permits are issued by facilities.\n\nThe roof garden opens at 9am.")
    idx, report = build(kb, tmp_path / "ix")
    after = sentences.load(gen_file(tmp_path / "ix"), HashEmbedder().dim)
    gone, new = sentences.text_key("The garage closes at 10pm."), sentences.text_key("The roof garden opens at 9am.")
    assert before.find([gone])[0] >= 0 and after.find([gone])[0] == -1 and after.find([new])[0] >= 0
    assert 0 < report.sentences_embedded < len(after) // 2  # the unchanged files' vectors were kept
    assert len(list(index_folder(tmp_path / "ix").glob("gen-*.sentences.npy"))) == 1
    assert readings(idx, stored=True)[1] == QUESTIONS


def test_off_writes_none_and_answers_embed_per_question(kb, tmp_path, caplog):
    idx, report = build(kb, tmp_path / "ix", sentence_vectors=False)
    assert report.sentences_total is None and not gen_file(tmp_path / "ix").exists()
    with caplog.at_level(logging.WARNING, logger="reasoner.retrieval"):
        assert idx.stored_vectors(["Sick leave accrues at 4 hours per pay period."]) == {}
    assert "sentence vectors" not in caplog.text  # asked for: no warning
    idx.close()
    idx, report = build(kb, tmp_path / "ix")  # nothing changed, turned on: written for this generation
    assert gen_file(tmp_path / "ix").is_file() and report.sentences_total
    assert readings(idx, stored=True)[1] == QUESTIONS
    idx.close()
    build(kb, tmp_path / "ix", sentence_vectors=False)  # and off again: removed
    assert not gen_file(tmp_path / "ix").exists()


@pytest.mark.parametrize("damage", ["truncate", "delete", "old index"])
def test_a_damaged_or_missing_file_falls_back_with_one_warning_and_is_rewritten(kb, tmp_path, caplog, damage):
    build(kb, tmp_path / "ix")
    target = gen_file(tmp_path / "ix")
    good = sentences.load(target, HashEmbedder().dim)
    if damage == "truncate":
        target.write_bytes(target.read_bytes()[:200])
    else:
        target.unlink()
    if damage == "old index":  # built before sentence vectors existed
        st = DocStore(target.parent / "docstore.sqlite")
        st.db.execute("DELETE FROM meta WHERE key=?", (sentences.META_KEY,))
        st.close()
    idx = KnowledgeIndex.open(tmp_path / "ix", embedder=HashEmbedder())
    with caplog.at_level(logging.WARNING, logger="reasoner.retrieval"):
        fast, seen = readings(idx, stored=True)
    assert fast == readings(idx, stored=False)[0] and len(seen) > 10 * len(QUESTIONS)
    warned = [r.getMessage() for r in caplog.records if "sentence vectors" in r.getMessage()]
    assert len(warned) == 1 and "reasoner index" in warned[0]
    assert ("built before" in warned[0]) == (damage == "old index")
    idx.close()
    idx, report = build(kb, tmp_path / "ix")  # the next update writes it again
    again = sentences.load(target, HashEmbedder().dim)
    assert np.array_equal(again.keys, good.keys) and np.array_equal(again.vectors, good.vectors)
    assert bool(report.repaired) == (damage == "truncate")


def test_vectors_of_another_embedder_are_not_used(kb, tmp_path, caplog):
    build(kb, tmp_path / "ix")

    class Other(HashEmbedder):
        name = "other"

    idx = KnowledgeIndex.open(tmp_path / "ix", embedder=HashEmbedder())
    idx._embedder = Other()  # same space and dimension, other vectors
    with caplog.at_level(logging.WARNING, logger="reasoner.retrieval"):
        assert idx.stored_vectors(["Sick leave accrues at 4 hours per pay period."]) == {}
    assert "embedded by 'hash'" in caplog.text


def test_the_switch_is_a_setting_and_an_index_option(monkeypatch):
    from reasoner.cli import commands, main

    assert Config().sentence_vectors is True
    args = main.parse_args(["index", "kb", "--no-sentence-vectors"])
    assert commands.load_config(args).sentence_vectors is False
    assert commands.load_config(main.parse_args(["index", "kb"])).sentence_vectors is True
    monkeypatch.setenv("REASONER_SENTENCE_VECTORS", "off")
    assert Config.load().sentence_vectors is False


def test_the_cli_help_names_the_switch(capsys):
    from reasoner.cli import main

    with pytest.raises(SystemExit):
        main.parse_args(["index", "--help"])
    assert "--no-sentence-vectors" in capsys.readouterr().out


def test_engine_index_follows_the_setting(kb, tmp_path):
    from reasoner.engine import Reasoner

    r = Reasoner.build(kb, tmp_path / "ix", progress=False, embedder="hash", llm="fake", sentence_vectors=False)
    assert not gen_file(tmp_path / "ix").exists()
    r.close()
    r = Reasoner.build(kb, tmp_path / "ix", progress=False, embedder="hash", llm="fake")
    assert gen_file(tmp_path / "ix").is_file()
    assert r.parts.stored_vectors(["Sick leave accrues at 4 hours per pay period."])
    r.close()


_SCORE = """
import math
from reasoner.solvers.rag import extract
words = [f"term{i}" for i in range(40)]
idf = {w: math.log(1.0 + 97.0 / (1.0 + 3 * i)) for i, w in enumerate(words)}
text = " ".join(words[::3])
print([repr(extract.sentence_score(set(words[:k]), text, idf)) for k in range(5, 40, 3)])
"""


def test_lexical_scores_are_identical_across_hash_seeds():
    """A set of question terms iterates in another order under another hash seed; the idf-weighted
    share must not change with it (a plain float sum did, in the 16th digit, for 6 of 6 seeds)."""
    root = Path(__file__).resolve().parents[2]
    out = {
        subprocess.run([sys.executable, "-c", _SCORE], capture_output=True, text=True, check=True, cwd=root,
                       env={"PYTHONHASHSEED": seed, "PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"}).stdout  # fmt: skip
        for seed in ("0", "1", "2", "3", "4", "5")
    }
    assert len(out) == 1 and "0." in out.pop()


def test_copies_of_the_index_folder_read_their_own_file(kb, tmp_path):
    build(kb, tmp_path / "ix")
    shutil.copytree(tmp_path / "ix", tmp_path / "copy")
    idx = KnowledgeIndex.open(tmp_path / "copy", embedder=HashEmbedder())
    assert readings(idx, stored=True)[1] == QUESTIONS


def test_postgres_stores_the_same_vectors_and_keeps_only_live_texts(kb, tmp_path, postgres_url):
    from reasoner.factory import index_backend

    embedded, _ = build(kb, tmp_path / "ix")
    backend = index_backend(Config(database_url=postgres_url))
    pg, report = backend.update(kb, tmp_path / "pg", embedder=HashEmbedder(), progress=False)
    assert report.sentences_total == len(sentences.load(gen_file(tmp_path / "ix"), HashEmbedder().dim))
    fast, seen = readings(pg, stored=True)
    assert set(seen) == set(QUESTIONS) and fast == readings(pg, stored=False)[0]
    pg.close()
    (kb / "ops" / "notes.txt").write_text("Parking permits are issued by facilities.\n\nThe roof garden opens at 9am.")
    pg, report = backend.update(kb, tmp_path / "pg", embedder=HashEmbedder(), progress=False)
    assert 0 < report.sentences_embedded < report.sentences_total // 2
    assert pg.stored_vectors(["The roof garden opens at 9am."]) and not pg.stored_vectors(["The garage closes at 10pm."])
    pg.close()
    pg, report = backend.update(kb, tmp_path / "pg", embedder=HashEmbedder(), progress=False, sentence_vectors=False)
    assert pg.stored_vectors(["The roof garden opens at 9am."]) == {}
    pg.close()


def test_the_onnx_embedder_remembers_its_last_single_texts(model_cache):
    from reasoner.retrieval.embedder import load_embedder

    emb = load_embedder("minilm-onnx", cache_dir=model_cache)
    q = "How many vacation days do full-time employees earn?"
    first = emb.embed([q])
    first[0, 0] = 9.0  # the caller's copy: the remembered vector is not changed through it
    again = emb.embed([q])
    assert np.array_equal(again, emb.embed([q, "The garage closes at 10pm."])[:1])  # alone = in a list
    assert again[0, 0] != 9.0 and q in emb._recent
    for i in range(emb.RECENT + 4):
        emb.embed([f"question {i}"])
    assert len(emb._recent) == emb.RECENT and q not in emb._recent
    assert np.array_equal(emb.embed([q]), again)


def test_vectors_cut_by_another_reader_version_are_used_and_recut_by_the_next_update(kb, tmp_path, caplog):
    build(kb, tmp_path / "ix")
    folder = index_folder(tmp_path / "ix")
    st = DocStore(folder / "docstore.sqlite")
    st.set_meta(**{sentences.TEXTS_KEY: "0"})
    st.close()
    idx = KnowledgeIndex.open(tmp_path / "ix", embedder=HashEmbedder())
    with caplog.at_level(logging.WARNING, logger="reasoner.retrieval"):
        assert readings(idx, stored=True)[1] == QUESTIONS  # still used: keyed by text, so never wrong
    assert "another version of the reader" in caplog.text
    idx.close()
    idx, report = build(kb, tmp_path / "ix")
    assert report.sentences_total and report.sentences_embedded == 0  # the same texts: nothing embedded
    assert idx.meta[sentences.TEXTS_KEY] == sentences.texts_version()


def test_a_reader_that_opened_without_the_file_uses_it_once_an_update_writes_it(kb, tmp_path):
    build(kb, tmp_path / "ix", sentence_vectors=False)
    reader_side = KnowledgeIndex.open(tmp_path / "ix", embedder=HashEmbedder())  # a chat or server worker
    text = "Sick leave accrues at 4 hours per pay period."
    assert reader_side.stored_vectors([text]) == {}
    build(kb, tmp_path / "ix")  # another process turns them on: same generation, file added
    reader_side.search("sick leave", k=2)  # each question searches first: the reader sees the change
    assert text in reader_side.stored_vectors([text])
    build(kb, tmp_path / "ix", sentence_vectors=False)
    reader_side.search("sick leave", k=2)
    assert reader_side.stored_vectors([text]) == {}
