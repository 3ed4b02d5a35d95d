"""The LangChain-core retriever over a KnowledgeIndex."""

from __future__ import annotations

import asyncio

from langchain_core.retrievers import BaseRetriever

from reasoner.retrieval.embedder import HashEmbedder
from reasoner.retrieval.index import KnowledgeIndex
from reasoner.retrieval.langchain import KnowledgeRetriever


def test_retriever_returns_documents_with_provenance(kb, tmp_path):
    idx, _ = KnowledgeIndex.update(kb, tmp_path / "ix", embedder=HashEmbedder(), progress=False)
    retriever = KnowledgeRetriever(index=idx, k=2)
    assert isinstance(retriever, BaseRetriever)
    docs = retriever.invoke("how many vacation days per year")
    assert len(docs) == 2
    top = docs[0]
    assert "vacation days" in top.page_content and top.metadata["source"] == "hr/leave.md"
    assert top.metadata["section"] == "Leave Policy > Vacation" and 0 <= top.metadata["score"] <= 1
    assert top.metadata["chunk_id"] == top.id and top.metadata["hash"]
    assert top.metadata["rank"] == 1 and docs[1].metadata["score"] <= top.metadata["score"]


def test_retriever_filters_mode_threshold_and_async(kb, tmp_path):
    idx, _ = KnowledgeIndex.update(kb, tmp_path / "ix", embedder=HashEmbedder(), progress=False)
    only_pdf = KnowledgeRetriever(index=idx, k=5, filters={"doc_type": "pdf"}, mode="lexical")
    assert {d.metadata["source"] for d in only_pdf.invoke("laptop policy")} == {"hr/manual.pdf"}
    strict = KnowledgeRetriever(index=idx, k=5, min_score=0.99)
    assert strict.invoke("quantum chromodynamics") == []
    docs = asyncio.run(KnowledgeRetriever(index=idx, k=1).ainvoke("garage closes"))
    assert docs[0].metadata["source"] == "ops/notes.txt"
