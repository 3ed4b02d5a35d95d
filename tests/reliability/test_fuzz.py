"""Property tests (hypothesis) over questions, KB files and index folders: nothing crashes,
nothing is lost, damage is an IndexError_ and `reasoner index` repairs it.

The default run draws a few examples per property; `make adversarial`
(REASONER_HYPOTHESIS=thorough) draws hundreds and adds the 200 MB file."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reasoner.engine import Reasoner
from reasoner.errors import IndexError_
from reasoner.retrieval.embedder import HashEmbedder
from reasoner.retrieval.index import KnowledgeIndex
from reasoner.types import Answer

from .conftest import write_kb

THOROUGH = os.environ.get("REASONER_HYPOTHESIS") == "thorough"
settings.register_profile("ci", max_examples=15, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
settings.register_profile("thorough", max_examples=400, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
settings.load_profile("thorough" if THOROUGH else "ci")

SYMBOLS = st.sampled_from(list("0123456789+-*/^()[]{}=<>!%$#@&|;:'\",.?_~` \\\n\t") + ["**", "__", "\x00", "é", "中", "🙂"])
QUESTIONS = st.one_of(
    st.text(max_size=300),
    st.lists(SYMBOLS, max_size=120).map("".join),
    st.lists(st.sampled_from(["what", "is", "the", "K-7", "price", "of", "vacation", "days", "how", "many",
                              "9**9", "ignore", "instructions", "and", "who", "leads", "%", "15"]),
             max_size=20).map(" ".join),  # fmt: skip
)


@pytest.fixture(scope="module")
def reasoner(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    r = Reasoner.build(write_kb(root / "kb"), root / "ix", progress=False, embedder="hash", llm="fake",
                       cache_dir=root / "c")  # fmt: skip
    yield r
    r.close()


@given(QUESTIONS)
def test_any_question_gets_an_answer_or_a_refusal(reasoner, text):
    a = reasoner.ask(text)  # times are measured by benchmarks/bench_hostile.py, not asserted here
    assert isinstance(a, Answer) and isinstance(a.text, str)
    assert a.abstained or a.value is not None or a.text


CONTENT = st.one_of(st.binary(max_size=3000), st.text(max_size=3000).map(lambda t: t.encode("utf-8", "surrogatepass")))
SUFFIX = st.sampled_from([".md", ".txt", ".csv", ".tsv", ".json", ".jsonl", ".html", ".pdf", ".docx", ".triples.tsv"])


@given(st.lists(st.tuples(SUFFIX, CONTENT), min_size=1, max_size=6))
def test_any_kb_files_index_without_crashing_and_keep_the_good_ones(tmp_path_factory, files):
    root = tmp_path_factory.mktemp("kbfuzz")
    kb = write_kb(root / "kb", {"good.md": "# Good\n\nThe garage closes at 10pm.\n"})
    for i, (suffix, data) in enumerate(files):
        (kb / f"f{i}{suffix}").write_bytes(data)
    r = Reasoner.build(kb, root / "ix", progress=False, embedder="hash", llm="fake", cache_dir=root / "c")
    try:
        assert "good.md" in r.parts.index.sources()
        hits = r.parts.index.search("When does the garage close?", k=3)
        assert any("garage" in h.chunk.text for h in hits)
    finally:
        r.close()


@given(st.data())
def test_any_damage_to_an_index_file_is_an_index_error_then_repaired(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("ixfuzz")
    kb = write_kb(root / "kb")
    ix = root / "ix"
    KnowledgeIndex.update(kb, ix, embedder=HashEmbedder(), progress=False)[0].close()
    files = sorted(p for p in (ix / "knowledge").rglob("*") if p.is_file() and p.name != "write.lock")
    target = data.draw(st.sampled_from(files))
    blob = target.read_bytes()
    cut = data.draw(st.integers(0, max(0, len(blob) - 1)))
    noise = data.draw(st.binary(min_size=0, max_size=64))
    target.write_bytes(blob[:cut] + noise)
    try:
        idx = KnowledgeIndex.open(ix, embedder=HashEmbedder())
        idx.search("vacation days", k=3)
        idx.close()
    except IndexError_:
        pass  # the one allowed failure: a clear error naming the damage
    repaired, report = KnowledgeIndex.update(kb, ix, embedder=HashEmbedder(), progress=False)
    assert {"policies/leave.md", "policies/travel.md"} <= set(repaired.sources())
    assert repaired.search("vacation days", k=1)[0].chunk.source == "policies/leave.md"
    repaired.close()


@pytest.mark.skipif(not THOROUGH, reason="the 200 MB file runs under `make adversarial`")
def test_a_200_mb_file_is_skipped_quickly_with_a_reason(tmp_path: Path):
    kb = write_kb(tmp_path / "kb")
    with open(kb / "dump.txt", "wb") as fh:
        chunk = b"log line with some words and numbers 12345\n" * 50_000
        for _ in range(200 * 2**20 // len(chunk) + 1):
            fh.write(chunk)
    t0 = time.perf_counter()
    idx, report = KnowledgeIndex.update(kb, tmp_path / "ix", embedder=HashEmbedder(), progress=False)
    assert "too large" in dict(report.skipped)["dump.txt"] and time.perf_counter() - t0 < 30
    idx.close()
    shutil.rmtree(kb)
