"""Every script in examples/ runs and prints what it promises (hash embedder, fake LLM: fast)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def shared(tmp_path_factory, env_for):
    """(index dir, env) shared by the examples: the sample KB indexed once."""
    tmp = tmp_path_factory.mktemp("examples")
    return tmp / "ix", env_for(tmp)


def example(name: str, *args: str, env: dict[str, str]) -> str:
    proc = subprocess.run([sys.executable, str(EXAMPLES / name), *args], env=env, capture_output=True, text=True,
                          timeout=180, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout


def test_every_example_is_tested():
    tested = {"library.py", "index_folder.py", "langchain_model.py", "cost_ledger.py"}
    assert {p.name for p in EXAMPLES.glob("*.py")} == tested


def test_library(shared):
    ix, env = shared
    out = example("library.py", "--index", str(ix), env=env)
    assert out.count("Q: ") == 3 and out.count("   value=") == 3
    assert "value='36' route=math verified=True" in out
    assert re.search(r"value='25' route=rag verified=True abstained=False", out)
    assert "source: policies/leave.md" in out and "step: controller plan" in out


def test_index_folder(shared, tmp_path):
    _, env = shared
    out = example("index_folder.py", str(ROOT / "kb" / "policies"), "--index", str(tmp_path / "ix"), env=env)
    first, second = out.split("second run:")
    assert re.search(r"files: (\d+) \(\1 added", first)
    assert "0 added, 0 changed, 0 removed" in second
    assert "top passages for 'vacation days':" in out and "leave.md" in out


def test_langchain_model(shared):
    ix, env = shared
    out = example("langchain_model.py", "--index", str(ix), env=env)
    assert "llm: LangChainLLM over FakeListChatModel: 'Request vacation in PeopleHub" in out
    assert re.search(r"invoke: .* \(route \w+, \d+ LLM call\(s\)\)", out)
    assert "batch: ['1024', '360']" in out
    assert "stream events: step" in out and out.split("stream events:")[1].splitlines()[0].endswith("answer")
    assert "chain: 144 (via math)" in out


def test_cost_ledger(shared):
    ix, env = shared
    out = example("cost_ledger.py", "--index", str(ix), env=env)
    assert "memory=True  How many vacation days per calendar year do new hires get?" in out
    assert "answers from memory: 1" in out and "avoided vs retrieval+LLM" in out
