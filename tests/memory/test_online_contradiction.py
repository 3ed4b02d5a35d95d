"""The online half of the error bound, end to end: a route asked for by name answers and verifies,
memory's stored answer disagrees, so the engine records the contradiction and memory stops serving it.

The memory-level behaviour (strikes, persisted bars) is in ``test_learned.py``; this checks that
``Reasoner.ask`` calls it (the fake LLM and the hash embedder: fast, no models).
"""

from __future__ import annotations

import shutil

import pytest

from reasoner import Reasoner
from reasoner.llm.base import FakeLLM
from reasoner.retrieval.embedder import HashEmbedder
from reasoner.types import Answer

QUESTION = "Who does the head of sales report to?"


@pytest.fixture()
def reasoner(sample_kb, tmp_path):
    kb = tmp_path / "kb"
    shutil.copytree(sample_kb, kb)
    r = Reasoner.build(kb, index_dir=tmp_path / "index", progress=False, embedder=HashEmbedder(),
                       llm=FakeLLM({}, default="The knowledge base does not say."),
                       cache_dir=tmp_path / "cache")  # fmt: skip
    yield r
    r.close()


def _poison(r: Reasoner, value: str) -> None:
    r.memory.put(QUESTION, Answer(value, value=value, route="graph", verified=True, confidence=0.9))


def test_a_verified_forced_route_that_disagrees_drops_the_wrong_stored_answer(reasoner) -> None:
    _poison(reasoner, "Ada Wrong")
    assert reasoner.ask(QUESTION).value == "Ada Wrong"  # served from memory, as stored
    checked = reasoner.ask(QUESTION, route="graph")
    assert checked.value == "Rafael Lindqvist" and checked.verified
    assert any(s.action == "contradicted" for s in checked.steps)
    again = reasoner.ask(QUESTION)
    assert again.value == "Rafael Lindqvist" and again.route == "graph" and not again.from_memory


def test_a_forced_route_that_agrees_leaves_memory_alone(reasoner) -> None:
    _poison(reasoner, "Rafael Lindqvist")
    checked = reasoner.ask(QUESTION, route="graph")
    assert not any(s.action == "contradicted" for s in checked.steps)
    assert reasoner.ask(QUESTION).from_memory
