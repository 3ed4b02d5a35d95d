"""The real path: index the sample KB with MiniLM, answer one question per route with SmolLM2."""

from __future__ import annotations

import pytest

from reasoner import Reasoner

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def real(sample_kb, tmp_path_factory, minilm, smollm):
    r = Reasoner.build(sample_kb, index_dir=tmp_path_factory.mktemp("real-index"), progress=False,
                       embedder=minilm, llm=smollm)
    yield r
    r.close()


def test_index_report_counts_the_sample_kb(real):
    rep = real.last_report
    assert len(rep.added) >= 25 and rep.chunks_embedded > 50 and not rep.skipped
    assert rep.duplicates_folded >= 1  # the near-duplicate remote-work copy


def test_math(real):
    a = real.ask("Solve 3x + 7 = 22", use_memory=False)
    assert (a.route, a.value, a.verified) == ("math", "5", True)


def test_graph(real):
    a = real.ask("Who does the head of sales report to?", use_memory=False)
    assert (a.route, a.value) == ("graph", "Rafael Lindqvist")
    assert any(e.kind == "edge" for e in a.evidence)


def test_rag_cites_the_leave_policy(real):
    a = real.ask("How many vacation days do new hires get?", use_memory=False)
    assert a.route == "rag" and a.value == "25" and a.verified
    assert any(e.kind == "chunk" and e.source == "policies/leave.md" for e in a.evidence)


def test_rag_generates_with_the_llm_when_forced(real):
    a = real.ask("What is the per diem for international travel?", route="rag", use_memory=False)
    assert a.route == "rag"
    assert not a.abstained and "110" in (a.value or a.text)
    assert any(e.source == "policies/travel_expenses.md" for e in a.evidence)


def test_compose(real):
    a = real.ask("What is 15% of the K-7's list price?", use_memory=False)
    assert (a.route, a.value) == ("compose", "186")


def test_memory_hit_on_a_paraphrase(real):
    real.forget()
    first = real.ask("How many vacation days do new hires get?")
    again = real.ask("how many vacation days does a new hire get?")
    assert not first.from_memory and again.from_memory and again.route == "memory" and again.value == "25"


def test_abstains_on_what_the_kb_does_not_say(real):
    a = real.ask("What is the CEO's favourite colour?", use_memory=False)
    assert a.abstained and a.value is None
