"""AnswerMemory: what is stored, what is served, persistence, eviction, invalidation, errors."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from reasoner.errors import IndexError_
from reasoner.memory import AnswerMemory, SubproblemCache, normalise_question
from reasoner.retrieval.embedder import HashEmbedder
from reasoner.types import Answer, Evidence

ROOT = Path(__file__).resolve().parents[2]


def test_put_then_get_the_same_question(memory, make_rag_answer) -> None:
    entry = memory.put("How many vacation days do employees get?", make_rag_answer("25 days", "hr/leave.md"))
    hit = memory.get("how many vacation days do employees get")
    assert hit is not None and hit.entry_id == entry
    assert hit.similarity == 1.0
    assert hit.question == "How many vacation days do employees get?"
    assert hit.answer.text == "25 days" and hit.answer.from_memory and hit.answer.route == "memory"
    assert hit.answer.verified is True
    assert hit.answer.cost.cache_hits == 1 and hit.answer.cost.model_calls == 0
    kinds = [e.kind for e in hit.answer.evidence]
    assert kinds == ["chunk", "memory"]
    assert hit.answer.evidence[-1].ref == entry
    assert hit.answer.evidence[0].source == "hr/leave.md"


def test_a_reworded_question_hits_by_similarity(memory) -> None:
    memory.put("How many vacation days do new employees get?", "25")
    hit = memory.get("New employees get how many vacation days?")
    assert hit is not None and hit.answer.value == "25"
    assert 0.8 <= hit.similarity < 1.0


def test_a_similar_question_that_means_otherwise_misses(memory) -> None:
    memory.put("Who reports to the head of sales?", "Dana and Lee")
    memory.put("What is 2 + 3?", "5")
    memory.put("Where was Alice born?", "Oslo")
    # Bag-of-words vectors make these pairs near-identical: only the guard tells them apart.
    assert memory.get("Who does the head of sales report to?") is None
    assert memory.get("What is 2 + 4?") is None
    assert memory.get("Where was Bob born?") is None
    assert memory.get("Who reports to the head of sales") is not None


def test_unrelated_question_misses(memory) -> None:
    memory.put("What is the refund policy?", "30 days")
    assert memory.get("Which laptop has the longest battery life?") is None
    assert memory.get("   ") is None


def test_only_sound_answers_are_stored(memory, make_rag_answer) -> None:
    assert memory.put("q1", Answer.abstain("no idea", route="rag")) is None
    assert memory.put("q2", make_rag_answer("wrong", "a.md", verified=False)) is None
    served = make_rag_answer("x", "a.md")
    served.from_memory = True
    assert memory.put("q3", served) is None
    assert memory.put("q4", "") is None
    assert memory.put("", "text") is None
    assert len(memory) == 0
    assert memory.put("q5", make_rag_answer("unchecked", "a.md", verified=None)) is not None
    assert memory.put("q6", "42") is not None
    assert len(memory) == 2
    hit = memory.get("q6")
    assert hit.answer.value == "42" and "trusted" in hit.answer.verdict


def test_put_rejects_other_types(memory) -> None:
    with pytest.raises(TypeError):
        memory.put("q", 42)  # type: ignore[arg-type]


def test_same_question_replaces_its_entry(memory) -> None:
    first = memory.put("What is the price of the K5?", "199")
    second = memory.put("what is the price of the K5", "249")
    assert first != second and len(memory) == 1
    assert memory.get("What is the price of the K5?").answer.value == "249"


def test_memory_survives_a_restart(mem_location, make_rag_answer) -> None:
    with AnswerMemory(mem_location, HashEmbedder()) as m:
        m.put("How many vacation days do employees get?", make_rag_answer("25 days", "hr/leave.md"))
        m.put("What is 12 * 12?", Answer(text="144", value="144", route="math", verified=True))
    with AnswerMemory(mem_location, HashEmbedder(), threshold=0.8) as again:
        assert len(again) == 2
        assert again.get("What is 12 * 12?").answer.value == "144"
        hit = again.get("employees get how many vacation days?")
        assert hit is not None and hit.answer.evidence[0].source == "hr/leave.md"


def test_eviction_drops_the_least_recently_used(mem_location) -> None:
    with AnswerMemory(mem_location, HashEmbedder(), max_entries=3) as m:
        for q in ("q one", "q two", "q three"):
            m.put(q, q.upper())
        assert m.get("q one") is not None  # now "q two" is the least recently used
        m.put("q four", "Q FOUR")
        assert len(m) == 3
        assert m.get("q two") is None
        assert {m.get(q).answer.value for q in ("q one", "q three", "q four")} == {
            "Q ONE",
            "Q THREE",
            "Q FOUR",
        }


def test_invalidation_drops_exactly_the_dependent_entries(memory, make_rag_answer) -> None:
    memory.put("What is the leave policy?", make_rag_answer("25 days", "hr/leave.md"))
    memory.put(
        "What do K5 and leave have in common?", make_rag_answer("both", "hr/leave.md", "products/k5.md")
    )
    memory.put("What does the K5 cost?", make_rag_answer("199", "products/k5.md"))
    memory.put("What is 7 * 6?", Answer(text="42", value="42", route="math", verified=True))
    assert memory.invalidate(sources={"hr/leave.md"}) == 2
    assert memory.get("What is the leave policy?") is None
    assert memory.get("What do K5 and leave have in common?") is None
    assert memory.get("What does the K5 cost?").answer.value == "199"
    assert memory.get("What is 7 * 6?").answer.value == "42"
    assert memory.invalidate(sources={"hr/other.md"}) == 0
    assert len(memory) == 2


def test_invalidation_by_chunk_hash_and_edge(memory) -> None:
    edge = Evidence(kind="edge", ref="Dana|reports_to|Lee", source="org/chart.csv:12")
    chunk = Evidence(kind="chunk", ref="c9", source="faq.md", hash="abc123")
    memory.put(
        "Who does Dana report to?",
        Answer(text="Lee", value="Lee", route="graph", verified=True, evidence=[edge]),
    )
    memory.put("What is the FAQ answer?", Answer(text="yes", route="rag", verified=True, evidence=[chunk]))
    assert memory.invalidate(chunk_hashes={"zzz"}) == 0
    assert memory.invalidate(chunk_hashes={"abc123"}) == 1
    assert memory.invalidate(edges={"Dana|reports_to|Lee"}) == 1
    assert len(memory) == 0


def test_edge_sources_are_invalidated_by_their_file(memory) -> None:
    edge = Evidence(kind="edge", ref="Dana|reports_to|Lee", source="org/chart.csv:12")
    memory.put("Who does Dana report to?", Answer(text="Lee", route="graph", verified=True, evidence=[edge]))
    assert memory.invalidate(sources={"org/chart.csv"}) == 1


def test_explicit_dependencies_replace_the_evidence(memory, make_rag_answer) -> None:
    memory.put("q", make_rag_answer("a", "cited.md"), depends_on={"sources": {"./real.md"}})
    assert memory.invalidate(sources={"cited.md"}) == 0
    assert memory.invalidate(sources={"real.md"}) == 1
    with pytest.raises(ValueError):
        memory.put("q2", "a", depends_on={"files": {"x"}})


def test_clear_and_stats(memory, mem_location) -> None:
    memory.put("What is 2 + 2?", "4")
    memory.put("What is the capital of France?", Answer(text="Paris", route="rag", verified=True))
    memory.get("What is 2 + 2?")
    memory.get("What is 2 + 5?")
    stats = memory.stats()
    assert stats["entries"] == 2 and stats["hits"] == 1
    assert stats["session_hits"] == 1 and stats["session_misses"] == 1
    assert stats["routes"] == {"manual": 1, "rag": 1}
    assert stats["size_bytes"] > 0 and stats["oldest"] <= stats["newest"]
    assert [e["question"] for e in memory.entries()][0] == "What is 2 + 2?"
    assert memory.clear() == 2
    assert len(memory) == 0 and memory.get("What is 2 + 2?") is None
    assert memory.stats()["oldest"] is None


def test_another_process_sees_new_entries(mem_location) -> None:
    reader = AnswerMemory(mem_location, HashEmbedder())
    assert reader.get("What is the K9 battery life?") is None
    writer = AnswerMemory(mem_location, HashEmbedder())
    writer.put("What is the K9 battery life?", "12 hours")
    writer.put("Who founded the company?", "Ada")
    assert reader.get("What is the K9 battery life?").answer.value == "12 hours"
    assert reader.get("who founded the company").answer.value == "Ada"
    writer.invalidate(sources=set())  # no-op
    writer.clear()
    assert reader.get("Who founded the company?") is None
    reader.close()
    writer.close()


_WRITER = textwrap.dedent(
    """
    import sys, time
    from reasoner.memory import AnswerMemory, SubproblemCache
    from reasoner.retrieval.embedder import HashEmbedder
    where, name, n, start = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    m, c = AnswerMemory(where, HashEmbedder()), SubproblemCache(where)
    time.sleep(max(0.0, start - time.time()))  # both workers write at the same moment
    for i in range(n):
        m.put(f"question {name} number {i}", f"answer {i}", depends_on={"sources": {f"{name}.md"}})
        m.put("the question both workers answer", f"{name} {i}")
        c.put(f"math:{name}:{i}", i, kind="math")
        assert m.get(f"question {name} number {i}").answer.value == f"answer {i}"
        assert c.get(f"math:{name}:{i}") == i
    """
)


def test_two_processes_writing_at_once_lose_nothing(mem_location) -> None:
    """Two workers put answers and subproblems, replace one shared entry and count hits, all at once:
    every entry, every hit and every dependency row of both is there afterwards."""
    n = 40
    start = time.time() + 4  # after both have imported and opened the memory
    procs = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(mem_location), name, str(n), str(start)], cwd=ROOT)
        for name in ("alpha", "beta")
    ]
    assert [p.wait(timeout=180) for p in procs] == [0, 0]
    with AnswerMemory(mem_location, HashEmbedder()) as m, SubproblemCache(mem_location) as c:
        assert len(m) == 2 * n + 1  # the shared question kept one entry
        assert m.get("question beta number 39").answer.value == "answer 39"
        assert m.get("question alpha number 0").answer.value == "answer 0"
        assert m.get("the question both workers answer").answer.value in {f"alpha {n - 1}", f"beta {n - 1}"}
        assert m.stats()["hits"] == 2 * n + 3  # every worker's hits, and ours
        assert len(c) == 2 * n and c.stats()["hits"] == 2 * n
        assert m.invalidate(sources={"alpha.md"}) == n and len(m) == n + 1


def test_corrupt_database_gives_one_clear_error(mem_dir) -> None:
    mem_dir.mkdir(parents=True)
    (mem_dir / "memory.sqlite").write_bytes(b"this is not a database" * 100)
    with pytest.raises(IndexError_, match="corrupt"):
        AnswerMemory(mem_dir, HashEmbedder())


def test_locked_database_gives_one_clear_error_and_keeps_data(mem_dir) -> None:
    with AnswerMemory(mem_dir, HashEmbedder()) as m:
        m.put("What is 2 + 2?", "4")
    blocker = sqlite3.connect(mem_dir / "memory.sqlite", isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(IndexError_, match="locked"):
            AnswerMemory(mem_dir, HashEmbedder(), timeout_s=0.1).put("What is 3 + 3?", "6")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    with AnswerMemory(mem_dir, HashEmbedder()) as m:
        assert len(m) == 1 and m.get("What is 2 + 2?").answer.value == "4"


def test_postgres_schema_is_versioned_and_migrated_once(postgres_url) -> None:
    import psycopg

    from reasoner.memory import postgres, store

    with AnswerMemory(postgres_url, HashEmbedder()) as m:
        m.put("q", "a")
    with AnswerMemory(postgres_url, HashEmbedder()) as m, SubproblemCache(postgres_url):
        assert len(m) == 1  # reopening runs no migration twice
    with psycopg.connect(postgres_url) as conn:
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version")]
        assert versions == list(range(1, len(postgres.MIGRATIONS) + 1))
        assert conn.execute("SELECT 1 FROM pg_extension WHERE extname = 'vector'").fetchone() == (1,)
    assert len(postgres.MIGRATIONS) == len(store.MIGRATIONS)  # version N is the same schema on both


def test_postgres_write_locked_by_another_worker_gives_one_clear_error_and_keeps_data(postgres_url) -> None:
    import psycopg

    from reasoner.memory.postgres import WRITE_LOCK

    with AnswerMemory(postgres_url, HashEmbedder()) as m:
        m.put("What is 2 + 2?", "4")
    blocker = psycopg.connect(postgres_url)  # a transaction holding the write lock
    blocker.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
    try:
        with AnswerMemory(postgres_url, HashEmbedder(), timeout_s=0.2) as m:
            with pytest.raises(IndexError_, match="locked by another worker"):
                m.put("What is 3 + 3?", "6")
            assert m.get("What is 2 + 2?").answer.value == "4"  # reads never wait on a writer
    finally:
        blocker.rollback()
        blocker.close()
    with AnswerMemory(postgres_url, HashEmbedder()) as m:
        assert len(m) == 1 and m.put("What is 3 + 3?", "6") is not None


def test_postgres_reads_survive_a_dropped_connection(postgres_url) -> None:
    import psycopg

    with AnswerMemory(postgres_url, HashEmbedder()) as m:
        m.put("What is 2 + 2?", "4")
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        assert m.get("What is 2 + 2?").answer.value == "4"
        assert m.put("What is 3 + 3?", "6") is not None and len(m) == 2


def test_an_unreachable_postgres_gives_one_clear_error() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(IndexError_, match="cannot reach the memory database at postgresql://u:\\*\\*\\*@"):
        AnswerMemory("postgresql://u:secret@127.0.0.1:9/none", HashEmbedder(), timeout_s=1)


def test_switching_embedder_re_embeds_stored_questions(mem_location) -> None:
    with AnswerMemory(mem_location, HashEmbedder(dim=64)) as m:
        m.put("How many vacation days do employees get?", "25")
    with AnswerMemory(mem_location, HashEmbedder(dim=128), threshold=0.8) as m:
        hit = m.get("employees get how many vacation days")
        assert hit is not None and hit.answer.value == "25"


def test_normalise_question() -> None:
    assert normalise_question("  What  is 2+2 ?? ") == "what is 2+2"
    assert normalise_question("?!") == ""


def test_explain_reports_candidates_and_verdicts(memory) -> None:
    memory.put("Who reports to the head of sales?", "Dana")
    [candidate] = memory.explain("Who does the head of sales report to?")
    assert candidate.question == "Who reports to the head of sales?"
    assert candidate.similarity > 0.8
    assert not candidate.verdict.ok and candidate.verdict.check == "roles"
    assert memory.explain("") == []


def test_callers_may_pass_the_question_vector(memory) -> None:
    emb = HashEmbedder()
    q = "What is the refund window?"
    memory.put(q, "30 days", vector=emb.embed([q])[0])
    asked = "The refund window is what?"
    hit = memory.get(asked, vector=emb.embed([asked])[0])
    assert hit is not None and hit.answer.value == "30 days"
    with pytest.raises(ValueError, match="values"):
        memory.get(asked, vector=[0.1, 0.2])
    memory.prepare_words([q, asked])  # batch-embeds words; must not change what is stored
    assert len(memory) == 1


def test_a_file_where_the_folder_should_be_gives_one_clear_error(tmp_path) -> None:
    blocker = tmp_path / "memory"
    blocker.write_text("not a folder")
    with pytest.raises(IndexError_, match="cannot open the memory"):
        AnswerMemory(blocker, HashEmbedder())


def test_schema_is_migrated_once_and_numbered(mem_dir) -> None:
    from reasoner.memory import store

    with AnswerMemory(mem_dir, HashEmbedder()) as m:
        m.put("q", "a")
    with AnswerMemory(mem_dir, HashEmbedder()) as m:  # reopening runs no migration twice
        assert len(m) == 1
    conn = sqlite3.connect(mem_dir / "memory.sqlite")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(store.MIGRATIONS)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
