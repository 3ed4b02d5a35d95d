"""benchmarks/bench_peers.py and its LLM server: the stream, the peers' scoring, the report, the skip.

The peers themselves (LlamaIndex, txtai) live in .peers-venv/ and are not imported here.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import threading
import urllib.request
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from reasoner.llm import FakeLLM

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def load(name: str):
    """A benchmark module loaded by path (benchmarks is not a package)."""
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bp():
    return load("bench_peers")


def test_mixed_stream_repeats_earlier_questions(bp):
    stream = bp.questions("mixed", 10)
    base = [q for q in stream if "~" not in q["id"]]
    assert len(base) == 10 and len(stream) == 14  # 30% of the stream are repeats
    assert all(q.get("kind") != "memory" for q in base)
    for i, q in enumerate(stream):
        if "~" in q["id"]:
            source = q["id"].split("~")[0]
            assert source in [p["id"] for p in stream[:i]]  # a repeat follows its first asking
    assert stream == bp.questions("mixed", 10)  # seeded


def row(text: str, **kw) -> dict:
    return {"system": "peer", "text": text, "ms": 5.0, "calls": 1, "tokens_in": 100, "tokens_out": 7, **kw}


def test_peer_refusal_is_an_abstention(bp):
    q = {"id": "u", "question": "What is the gym budget?", "answers": []}
    scored = bp.score_peer(q, row("The context does not mention a gym budget."))
    assert scored["abstained"] and scored["correct"]
    assert bp.score_peer(q, row("Empty Response"))["abstained"]
    answered = bp.score_peer(q, row("The gym budget is $50."))
    assert not answered["abstained"] and not answered["correct"]


def test_peer_value_read_from_the_reply(bp):
    q = {"id": "n", "question": "How many vacation days do new hires get?", "answers": ["25"]}
    assert bp.score_peer(q, row("New hires get 25 vacation days per year."))["correct"]
    wrong = bp.score_peer(q, row("New hires get 20 vacation days per year."))
    assert not wrong["correct"] and wrong["model_calls"] == 1 and wrong["tokens_in"] == 100


def result(correct: list[bool], ms: float, tokens: int = 0) -> dict:
    rows = [{"id": str(i), "kind": "", "route": "x", "correct": c, "abstained": False, "should_abstain": False,
             "ms": ms, "tokens_in": tokens, "tokens_out": 0, "model_calls": 1 if tokens else 0, "flops": 0}
            for i, c in enumerate(correct)]  # fmt: skip
    return {"rows": rows, "index_s": 1.0, "peak_rss_mb": 100.0, "versions": {}}


def test_summary_scores_the_common_prefix_and_ratios(bp):
    results = {"auto": result([True, True, False], 100.0), "txtai": result([True, False], 400.0, tokens=50)}
    results["txtai"]["llm_server_peak_rss_mb"] = 250.0
    summary = bp.summarise("dev", results)
    assert summary["auto"]["n"] == summary["txtai"]["n"] == 2  # txtai ran out of time after two
    assert summary["auto"]["accuracy"] == 1.0 and summary["txtai"]["accuracy"] == 0.5
    assert summary["txtai"]["peak_rss_mb"] == 350.0  # the driver and the LLM server it used
    md = bp.table({"dev": summary})
    assert "| dev | txtai | 2 | 50.0 |" in md and "0.50x / 4.00x" in md


def test_unbuildable_peers_venv_is_a_reason(bp, tmp_path, monkeypatch):
    reqs = tmp_path / "reqs.txt"
    reqs.write_text("no-such-package==0\n")
    monkeypatch.setattr(bp, "VENV", tmp_path / "venv")
    monkeypatch.setattr(bp, "REQUIREMENTS", reqs)

    def failing(cmd, **kw):
        return subprocess.CompletedProcess(
            cmd, 1, "", "ERROR: No matching distribution found for no-such-package==0"
        )

    monkeypatch.setattr(bp.subprocess, "run", failing)
    python, why = bp.peers_python()
    assert python is None and "No matching distribution" in why and "exited 1" in why


@pytest.fixture
def server():
    srv_mod = load("peers_llm_server")
    llm = FakeLLM({"capital": "Paris."})
    srv = ThreadingHTTPServer(("127.0.0.1", 0), srv_mod.make_handler(llm, srv_mod.Counters()))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}", llm
    srv.shutdown()
    srv.server_close()


def post(url: str, body: dict) -> bytes:
    req = urllib.request.Request(url + "/v1/chat/completions", data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})  # fmt: skip
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.read()


def test_llm_server_speaks_openai_chat_and_counts(server):
    url, llm = server
    msgs = [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": [{"type": "text", "text": "The capital?"}]},
    ]
    reply = json.loads(post(url, {"messages": msgs, "max_tokens": 12, "temperature": 0}))
    assert reply["choices"][0]["message"]["content"] == "Paris."
    assert llm.calls[-1][-1] == {"role": "user", "content": "The capital?"}  # list content joined
    assert llm.options[-1]["max_new_tokens"] == 12 and llm.options[-1]["temperature"] == 0.0
    lines = post(url, {"messages": msgs, "stream": True}).decode().split("\n\n")
    pieces = [
        json.loads(x[6:])["choices"][0]["delta"].get("content", "") for x in lines if x.startswith("data: {")
    ]
    assert "".join(pieces) == "Paris." and lines[-2] == "data: [DONE]"
    with urllib.request.urlopen(url + "/stats", timeout=10) as r:
        stats = json.loads(r.read())
    assert stats["calls"] == 2 and stats["peak_rss_mb"] > 0
    with urllib.request.urlopen(url + "/v1/models", timeout=10) as r:
        assert json.loads(r.read())["data"][0]["id"]


def test_txtai_paragraphs_split_at_blank_lines(tmp_path):
    driver = load("peers_driver")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.md").write_text("# Title\n\nFirst para\nline two.\n\n\n\nSecond.\n")
    assert driver.paragraphs(str(tmp_path)) == ["# Title", "First para\nline two.", "Second."]
