"""SubproblemCache: exact keys, JSON values, provenance invalidation, eviction, persistence."""

from __future__ import annotations

import pytest

from reasoner.memory import AnswerMemory, SubproblemCache, subproblem_key
from reasoner.retrieval.embedder import HashEmbedder


def test_put_get_round_trips_json(cache) -> None:
    key = subproblem_key("math", "integrate(x**2, x)")
    cache.put(key, {"value": "x**3/3", "steps": [1, 2]}, kind="math")
    assert cache.get(key) == {"value": "x**3/3", "steps": [1, 2]}
    assert cache.get(subproblem_key("math", "integrate(x**3, x)")) is None
    assert cache.stats()["kinds"] == {"math": 1}
    assert cache.stats()["session_hits"] == 1 and cache.stats()["session_misses"] == 1


def test_keys_are_exact_and_long_parts_are_hashed() -> None:
    assert subproblem_key("graph", "Dana", "reports_to/reports_to") == "graph:Dana:reports_to/reports_to"
    long_prompt = "x" * 500
    key = subproblem_key("llm", "smollm2", long_prompt)
    assert key.startswith("llm:smollm2:") and len(key) < 100
    assert key == subproblem_key("llm", "smollm2", long_prompt)
    assert key != subproblem_key("llm", "other-model", long_prompt)
    with pytest.raises(ValueError):
        subproblem_key("bogus", "x")


def test_non_json_values_are_refused(cache) -> None:
    with pytest.raises(TypeError, match="JSON"):
        cache.put("math:x", object(), kind="math")
    assert len(cache) == 0


def test_invalidation_drops_exactly_the_dependents(cache) -> None:
    cache.put("retrieval:v1:q1", ["c1"], kind="retrieval", depends_on={"sources": {"a.md"}})
    cache.put(
        "retrieval:v1:q2", ["c2"], kind="retrieval", depends_on={"sources": {"b.md"}, "chunk_hashes": {"h2"}}
    )
    cache.put("math:1+1", "2", kind="math")
    assert cache.invalidate(sources={"a.md"}) == 1
    assert cache.get("retrieval:v1:q1") is None
    assert cache.get("retrieval:v1:q2") == ["c2"]
    assert cache.invalidate(chunk_hashes={"h2"}) == 1
    assert cache.get("math:1+1") == "2"


def test_answer_and_subproblem_invalidation_are_separate(mem_location, cache) -> None:
    with AnswerMemory(mem_location, HashEmbedder()) as memory:
        memory.put("q", "a", depends_on={"sources": {"a.md"}})
        cache.put("graph:x", 1, kind="graph", depends_on={"sources": {"a.md"}})
        assert memory.invalidate(sources={"a.md"}) == 1
        assert cache.get("graph:x") == 1
        assert cache.invalidate(sources={"a.md"}) == 1


def test_eviction_and_persistence(mem_location) -> None:
    with SubproblemCache(mem_location, max_entries=2) as c:
        c.put("math:a", 1, kind="math")
        c.put("math:b", 2, kind="math")
        assert c.get("math:a") == 1
        c.put("math:c", 3, kind="math")
        assert c.get("math:b") is None
    with SubproblemCache(mem_location) as again:
        assert again.get("math:a") == 1 and again.get("math:c") == 3
        assert again.clear() == 2 and len(again) == 0


def test_unknown_kind_is_refused(cache) -> None:
    with pytest.raises(ValueError):
        cache.put("k", 1, kind="weird")
