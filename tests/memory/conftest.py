"""Fixtures for the memory tests: a fresh memory on the deterministic HashEmbedder, on each backend.

``mem_location`` (root conftest) is the memory's place on the embedded backend (a folder) and
on the shared one (a fresh PostgreSQL database): the behavioural tests take it (or
``memory``/``cache``) and run on both; ``mem_dir`` is the SQLite folder, for the tests of the
file itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reasoner.memory import AnswerMemory, SubproblemCache
from reasoner.retrieval.embedder import HashEmbedder
from reasoner.types import Answer, Evidence


@pytest.fixture
def mem_dir(tmp_path: Path) -> Path:
    return tmp_path / "memory"


@pytest.fixture
def memory(mem_location: Path | str):
    """An AnswerMemory on HashEmbedder; its threshold suits bag-of-words vectors."""
    m = AnswerMemory(mem_location, HashEmbedder(), threshold=0.8)
    yield m
    m.close()


@pytest.fixture
def cache(mem_location: Path | str):
    c = SubproblemCache(mem_location)
    yield c
    c.close()


def rag_answer(text: str, *sources: str, verified: bool | None = True) -> Answer:
    """A verified RAG answer citing one chunk of each source (hash derived from the path)."""
    evidence = [Evidence(kind="chunk", ref=f"{s}#0", source=s, hash=f"h-{s}") for s in sources]
    return Answer(text=text, value=text, route="rag", verified=verified, confidence=0.9, evidence=evidence)


@pytest.fixture
def make_rag_answer():
    return rag_answer
