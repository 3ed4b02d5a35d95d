"""Fixtures of the reliability tests: a small KB, an index built with the fast fakes, a CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PAGES = {
    "policies/leave.md": "# Leave\n\n## Vacation\n\nFull-time employees earn 25 vacation days per year.\n",
    "policies/travel.md": "# Travel\n\nSubmit expense reports within 30 days of travel.\n",
    "it/laptops.md": "# Laptops\n\nNew hires get a laptop on their first day from the IT team.\n",
    "products.triples.tsv": "subject\trelation\tobject\nK-7\tlist_price\t1240\nK-9\tlist_price\t1890\n",
}


def write_kb(root: Path, pages: dict[str, str] | None = None) -> Path:
    for rel, text in (pages or PAGES).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def small_kb(tmp_path: Path) -> Path:
    return write_kb(tmp_path / "kb")


def fake_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(REASONER_EMBEDDER="hash", REASONER_LLM="fake", REASONER_CACHE=str(tmp_path / "cache"),
               HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false", PYTHONPATH=str(ROOT))  # fmt: skip
    env.pop("REASONER_CONFIG", None)
    return env


def run_cli(tmp_path: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """``reasoner ARGS`` in a subprocess with the fakes (hash embedder, scripted LLM)."""
    return subprocess.run([sys.executable, "-m", "reasoner.cli.main", *args], env=fake_env(tmp_path),
                          capture_output=True, text=True, timeout=timeout, cwd=tmp_path)  # fmt: skip


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(tmp_path: Path, monkeypatch, capsys):
    """``reasoner ARGS`` in this process (the CLI's own entry point), with the fakes."""
    from reasoner.cli.main import main

    for key, value in fake_env(tmp_path).items():
        if key.startswith("REASONER_"):
            monkeypatch.setenv(key, value)
    monkeypatch.delenv("REASONER_STRICT", raising=False)  # the CLI as users run it
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> Ran:
        capsys.readouterr()
        code = main(list(args))
        out = capsys.readouterr()
        return Ran(code, out.out, out.err)

    return run
