"""A LangChain-core retriever over a :class:`KnowledgeIndex`.

```python
from reasoner.retrieval.langchain import KnowledgeRetriever
retriever = KnowledgeRetriever(index=idx, k=4)
docs = retriever.invoke("how do I request leave?")
```
"""

from __future__ import annotations

from typing import Any, Literal

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from reasoner.types import Hit


def hit_to_document(hit: Hit) -> Document:
    """A LangChain ``Document`` with the chunk text and its provenance and scores as metadata."""
    c = hit.chunk
    meta = {
        "source": c.source, "title": c.title, "section": c.section, "page": c.page, "doc_type": c.doc_type,
        "chunk_id": c.id, "hash": c.hash, "score": hit.score, "dense": hit.dense, "lexical": hit.lexical,
        "rank": hit.rank,
    }  # fmt: skip
    return Document(page_content=c.text, metadata={k: v for k, v in meta.items() if v is not None}, id=c.id)


class KnowledgeRetriever(BaseRetriever):
    """Hybrid (or dense/lexical) search over the index as a LangChain retriever.

    Attributes:
        index: an open ``KnowledgeIndex``.
        k: documents per query.
        mode: "hybrid", "dense" or "lexical".
        filters: metadata filters passed to ``KnowledgeIndex.search``.
        min_score: drop hits whose fused score is below this.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    index: Any
    k: int = 4
    mode: Literal["hybrid", "dense", "lexical"] = "hybrid"
    filters: dict[str, Any] | None = None
    min_score: float = 0.0

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        hits = self.index.search(query, self.k, mode=self.mode, filters=self.filters)
        return [hit_to_document(h) for h in hits if h.score >= self.min_score]
