"""The `reasoner` command on the real engine, in subprocesses.

Fast tests use the hash embedder and a scripted fake LLM on a small copy of the
sample KB (REASONER_EMBEDDER=hash, REASONER_LLM=fake). The test marked slow runs
the default models (MiniLM + SmolLM2) on the whole sample KB.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest

ROOT = Path(__file__).resolve().parents[2]
HARNESS = Path(__file__).resolve().parent / "chat_harness.py"
SAMPLE_FILES = ("policies/leave.md", "org/org_chart.csv", "products/products.csv", "products/k9.md",
                "company.triples.tsv")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r")
PROMPT = "› "


def run(args: list[str], env: dict[str, str], *, harness: bool = False, stdin: str | None = None,
        timeout: float = 120) -> subprocess.CompletedProcess:
    """Run `reasoner ARGS` (through the test harness when asked) from the repository root."""
    head = [str(HARNESS)] if harness else ["-m", "reasoner.cli.main"]
    return subprocess.run([sys.executable, *head, *args], env=env, capture_output=True, text=True, input=stdin,
                          timeout=timeout, cwd=ROOT)


@pytest.fixture(scope="module")
def small(tmp_path_factory, env_for):
    """(kb, index, env): a small KB copied from the sample one, indexed once by `reasoner index`."""
    tmp = tmp_path_factory.mktemp("cli_small")
    kb = tmp / "kb"
    for rel in SAMPLE_FILES:
        (kb / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "kb" / rel, kb / rel)
    env = env_for(tmp)
    proc = run(["index", str(kb), "--index", str(tmp / "ix")], env)
    assert proc.returncode == 0, proc.stderr
    return kb, tmp / "ix", env, proc.stdout


def test_index_ends_with_a_summary_table(small):
    kb, ix, env, out = small
    assert "files" in out and "5 added" in out and "chunks" in out
    again = run(["index", str(kb), "--index", str(ix)], env)
    assert again.returncode == 0 and "0 added" in again.stdout and "5 unchanged" in again.stdout


def ask_json(small, question: str, *extra: str, harness: bool = False) -> tuple[int, dict]:
    _, ix, env, _ = small
    env = dict(env, HARNESS_LLM="script")
    proc = run(["ask", question, "--index", str(ix), "--json", *extra], env, harness=harness)
    assert proc.returncode in (0, 3), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def test_ask_json_math(small):
    rc, a = ask_json(small, "What is 15% of 240?")
    assert rc == 0 and a["route"] == "math" and float(a["value"]) == 36 and a["verified"] is True


def test_ask_json_graph(small):
    rc, a = ask_json(small, "Who is the manager of the head of sales?", "--no-cache")
    assert rc == 0 and a["route"] == "graph" and "Rafael Lindqvist" in a["value"]
    assert any("org_chart.csv" in ev["source"] for ev in a["evidence"])


def test_ask_json_rag_with_a_scripted_llm(small):
    rc, a = ask_json(small, "How many vacation days per calendar year do new hires get?", "--route", "rag", "--no-cache",
                     harness=True)
    assert rc == 0 and a["route"] == "rag" and "25" in a["text"]
    assert any(ev["source"] == "policies/leave.md" for ev in a["evidence"])


def test_ask_abstains_with_exit_3(small):
    rc, a = ask_json(small, "What is the airspeed of an unladen swallow on Mars?", "--no-cache")
    assert rc == 3 and a["abstained"] is True and a["value"] is None


def test_eval_json(small, tmp_path):
    _, ix, env, _ = small
    f = tmp_path / "dev.jsonl"
    items = [{"id": "m", "question": "What is 15% of 2400?", "answers": ["360"], "kind": "math"},
             {"id": "g", "question": "Who is the manager of the head of sales?", "answers": ["Rafael Lindqvist"],
              "kind": "graph"},
             {"id": "x", "question": "What is the airspeed of an unladen swallow on Mars?", "answers": [],
              "kind": "abstain"}]
    f.write_text("\n".join(json.dumps(i) for i in items) + "\n")
    proc = run(["eval", str(f), "--index", str(ix), "--json", "--no-cache"], env)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["n"] == 3 and report["accuracy"] == 1.0
    assert report["routes"].get("math") == 1 and report["routes"].get("graph") == 1
    assert report["abstention"]["recall"] == 1.0 and [r["id"] for r in report["rows"]] == ["m", "g", "x"]
    plain = run(["eval", str(f), "--index", str(ix), "--limit", "2"], env)
    assert plain.returncode == 0 and "questions: 2" in plain.stdout and "accuracy: 100.0%" in plain.stdout


def test_stats_memory_and_errors(small):
    _, ix, env, _ = small
    run(["ask", "What is 2**10?", "--index", str(ix)], env)
    proc = run(["stats", "--index", str(ix)], env)
    assert proc.returncode == 0 and "[index]" in proc.stdout and "chunks:" in proc.stdout
    proc = run(["memory", "stats", "--index", str(ix)], env)
    assert proc.returncode == 0 and "[memory]" in proc.stdout
    proc = run(["ask", "hi", "--index", str(ix.parent / "missing")], env)
    assert proc.returncode == 1 and proc.stderr.startswith("reasoner: error: no index in")
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    proc = run(["--debug", "ask", "hi", "--index", str(ix.parent / "missing")], env)
    assert proc.returncode == 1 and "Traceback" in proc.stderr


def test_piped_chat_on_the_real_engine(small):
    _, ix, env, _ = small
    proc = run(["chat", "--index", str(ix)], dict(env, HARNESS_LLM="script"), harness=True,
               stdin="What is 15% of 240?\nWho is the manager of the head of sales?\nand who manages him?\n/why\n")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert "\x1b" not in proc.stdout
    assert "36" in lines[0] and "Rafael Lindqvist" in lines[1]
    assert lines[3:5] == ["question: and who manages him?", "resolved as: who manages Rafael Lindqvist?"]


def _until(child: pexpect.spawn, text: str) -> str:
    child.expect_exact(text)
    return ANSI.sub("", child.before)


def _ask(child: pexpect.spawn, line: str) -> str:
    """Send a question; the screen text (no escape codes) up to the next prompt after its badge."""
    child.sendline(line)
    child.expect(r"computed|from memory")  # the end of the badge (the prompt is redrawn while typing)
    return ANSI.sub("", child.before) + child.after + _until(child, PROMPT)


def test_chat_in_a_pty_on_the_real_engine(small):
    """A question per route, a follow-up, /why, Ctrl-C during a long (slowly streamed) answer, Ctrl-D."""
    _, ix, env, _ = small
    env = dict(env, HARNESS_LLM="script", HARNESS_TOKEN_DELAY="0.3")
    cleared = run(["memory", "clear", "--index", str(ix)], env)  # earlier tests asked the same questions
    assert cleared.returncode == 0 and "memory cleared" in cleared.stdout
    child = pexpect.spawn(sys.executable, [str(HARNESS), "chat", "--index", str(ix)], env=env, cwd=str(ROOT),
                          encoding="utf-8", dimensions=(50, 140), timeout=60)
    _until(child, PROMPT)
    out = _ask(child, "What is 15% of 240?")
    assert "36" in out and "math · ✓ verified" in out
    out = _ask(child, "How many vacation days per calendar year do new hires get?")
    assert "25 vacation days" in out and "rag · ✓ verified" in out and "policies/leave.md" in out
    out = _ask(child, "Who is the manager of the head of sales?")
    assert "Rafael Lindqvist" in out and "graph · ✓ verified" in out
    _ask(child, "and who manages him?")  # a follow-up, resolved by the conversation
    child.sendline("/why")
    _until(child, "resolved as:")
    why = _until(child, "accepted")
    assert "who manages Rafael Lindqvist?" in why and "conversation" in why
    _until(child, PROMPT)
    child.sendline("/sources")
    _until(child, "Sources")
    assert "org_chart.csv" in _until(child, PROMPT)
    child.sendline("Explain slowly the sick leave policy: paid sick days per year and carry over")
    _until(child, "This answer")  # the scripted reply has started streaming
    t0 = time.monotonic()
    child.sendintr()
    _until(child, "(answer cancelled)")
    assert time.monotonic() - t0 < 3.0
    _until(child, PROMPT)
    out = _ask(child, "What is 2**10?")
    assert "1024" in out
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


@pytest.mark.slow
def test_chat_with_the_default_models_on_the_sample_kb(tmp_path_factory, env_for, sample_kb):
    """Real MiniLM + SmolLM2: the first run builds the index, then answers a question per route."""
    tmp = tmp_path_factory.mktemp("cli_real")
    env = env_for(tmp)
    for key in ("REASONER_EMBEDDER", "REASONER_LLM", "REASONER_CACHE"):
        env.pop(key)
    child = pexpect.spawn(sys.executable, ["-m", "reasoner.cli.main", "chat", "--index", str(tmp / "ix")],
                          env=env, cwd=str(ROOT), encoding="utf-8", dimensions=(50, 140), timeout=120)
    greeting = _until(child, PROMPT)
    assert "First run: indexing" in greeting and "Try:" in greeting
    out = _ask(child, "What is 15% of 240?")
    assert "36" in out and "math" in out
    out = _ask(child, "Who designed the K-7?")
    assert "Isabel Novak" in out and "graph" in out
    out = _ask(child, "How many vacation days do new hires get?")
    assert "25" in out and "rag" in out and "policies/leave.md" in out
    out = _ask(child, "How many vacation days do new hires get?")
    assert "memory · ✓ verified" in out and "from memory" in out
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_first_chat_run_builds_the_index(small, tmp_path):
    kb, _, env, _ = small
    shutil.copytree(kb, tmp_path / "kb")
    proc = subprocess.run([sys.executable, "-m", "reasoner.cli.main", "chat"], cwd=tmp_path, env=env, input=
                          "What is 15% of 240?\n", capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "36" in proc.stdout and len(proc.stdout.splitlines()) == 1
    from reasoner.config import index_exists

    assert index_exists(tmp_path / "indexes")


def test_chat_without_a_knowledge_base_still_does_math(env_for, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "reasoner.cli.main", "chat"], cwd=tmp_path, env=env_for(tmp_path),
                          input="What is 15% of 240?\n", capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "no knowledge base in kb/" in proc.stderr and "36" in proc.stdout
    assert not (tmp_path / "indexes").exists()
