"""Hand-made chunks and a tiny lexical search, so RAG tests need no index."""

from __future__ import annotations

import pytest

from reasoner.solvers.rag.grounding import content_terms
from reasoner.types import Chunk, Hit

HANDBOOK = [
    Chunk(
        "c1",
        "Full-time employees earn 25 days of vacation each year. Part-time staff earn 10 days.",
        "benefits/leave.md",
        "Leave",
        "Vacation",
        hash="h1",
    ),
    Chunk(
        "c2",
        "The office is in Washington, D.C. It was founded on March 19, 2014 by Greg Godbout.",
        "about.md",
        "About us",
        "History",
        hash="h2",
    ),
    Chunk(
        "c3",
        "Expense reports are due within 30 days of travel. Use the Concur system to file them.",
        "travel/expenses.md",
        "Travel",
        "Expenses",
        hash="h3",
    ),
    Chunk(
        "c4",
        "New hires get a laptop on their first day. The IT team sets up accounts.",
        "onboarding.md",
        "Onboarding",
        "",
        hash="h4",
    ),
]


def lexical_search(chunks: list[Chunk]):
    """search(q, k): chunks ranked by the share of the question's terms they contain."""

    def search(query: str, k: int) -> list[Hit]:
        q = content_terms(query)
        scored = []
        for c in chunks:
            s = len(q & content_terms(c.text)) / max(1, len(q))
            if s > 0:
                scored.append((s, c))
        scored.sort(key=lambda t: -t[0])
        return [Hit(c, s, rank=i) for i, (s, c) in enumerate(scored[:k])]

    return search


@pytest.fixture
def chunks() -> list[Chunk]:
    return list(HANDBOOK)


@pytest.fixture
def search(chunks):
    return lexical_search(chunks)
