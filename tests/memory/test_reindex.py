"""Edit a KB file and re-index: exactly the answers that cited it go, the others still hit."""

from __future__ import annotations

from pathlib import Path

from reasoner.memory import AnswerMemory
from reasoner.retrieval.embedder import HashEmbedder
from reasoner.retrieval.index import KnowledgeIndex
from reasoner.types import Answer, Evidence

DOCS = {
    "hr/leave.md": "# Leave\n\nEmployees get 25 vacation days per year.\n",
    "products/k5.md": "# K5 keyboard\n\nThe K5 keyboard costs 199 dollars.\n",
    "it/vpn.md": "# VPN\n\nConnect to the VPN with the Acme client before opening the wiki.\n",
}
QUESTIONS = {
    "How many vacation days do employees get?": "hr/leave.md",
    "How much does the K5 keyboard cost?": "products/k5.md",
    "How do I connect to the VPN?": "it/vpn.md",
}


def _answer_from_index(idx: KnowledgeIndex, question: str, source: str) -> Answer:
    """A verified answer whose evidence is the retrieved chunk of ``source`` (as RagSolver records it)."""
    hits = [h for h in idx.search(question, k=5) if h.chunk.source == source]
    assert hits, f"the index did not retrieve {source} for {question!r}"
    c = hits[0].chunk
    ev = Evidence(kind="chunk", ref=c.id, source=c.source, section=c.section, text=c.text, hash=c.hash)
    return Answer(text=c.text, value=c.text, route="rag", verified=True, evidence=[ev])


def test_reindex_drops_exactly_the_answers_citing_changed_files(tmp_path: Path) -> None:
    kb, index_dir, emb = tmp_path / "kb", tmp_path / "indexes", HashEmbedder()
    for rel, text in DOCS.items():
        (kb / rel).parent.mkdir(parents=True, exist_ok=True)
        (kb / rel).write_text(text, encoding="utf-8")
    idx, _ = KnowledgeIndex.update(kb, index_dir, embedder=emb, progress=False)
    memory = AnswerMemory(index_dir / "memory", emb)
    for q, src in QUESTIONS.items():
        assert memory.put(q, _answer_from_index(idx, q, src)) is not None
    memory.put("What is 17 * 3?", Answer(text="51", value="51", route="math", verified=True))

    (kb / "hr/leave.md").write_text("# Leave\n\nEmployees get 30 vacation days per year.\n", encoding="utf-8")
    (kb / "it/vpn.md").unlink()
    idx, report = KnowledgeIndex.update(kb, index_dir, embedder=emb, progress=False)
    assert report.changed_sources == {"hr/leave.md", "it/vpn.md"}

    dropped = memory.invalidate(sources=report.changed_sources, chunk_hashes=report.removed_chunk_hashes)
    assert dropped == 2
    assert memory.get("How many vacation days do employees get?") is None
    assert memory.get("How do I connect to the VPN?") is None
    assert "199" in memory.get("How much does the K5 keyboard cost?").answer.text
    assert memory.get("What is 17 * 3?").answer.value == "51"

    # Recomputed from the new index, the answer cites the new text and is served again.
    q = "How many vacation days do employees get?"
    memory.put(q, _answer_from_index(idx, q, "hr/leave.md"))
    assert "30" in memory.get(q).answer.text
    memory.close()


def test_chunk_hash_alone_invalidates(tmp_path: Path) -> None:
    """An answer citing a chunk by hash only (no source) still goes when that chunk goes."""
    memory = AnswerMemory(tmp_path / "memory", HashEmbedder())
    ev = Evidence(kind="chunk", ref="c1", hash="deadbeef")
    memory.put("What is the policy?", Answer(text="x", route="rag", verified=True, evidence=[ev]))
    assert memory.invalidate(sources={"other.md"}, chunk_hashes={"deadbeef"}) == 1
    memory.close()
