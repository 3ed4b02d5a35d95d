"""`reasoner --help` stays light: a subprocess check of what importing the CLI pulls in."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("torch", "transformers", "faiss", "sentence_transformers", "sympy", "networkx", "langchain_core",
         "numpy", "rich", "prompt_toolkit")


def test_importing_the_cli_imports_nothing_heavy():
    code = ("import reasoner.cli.main, sys; "
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""


def test_help_runs_in_a_fresh_process_without_heavy_imports(tmp_path):
    code = ("import sys; from reasoner.cli.main import main; rc = main(['--help']); "
            f"sys.stderr.write(','.join(m for m in {HEAVY!r} if m in sys.modules)); sys.exit(rc)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0
    assert "reasoner index" in proc.stdout and "exit codes:" in proc.stdout
    assert proc.stderr == ""


def test_console_script_is_installed():
    from importlib.metadata import entry_points

    (ep,) = [e for e in entry_points(group="console_scripts") if e.name == "reasoner"]
    assert ep.value == "reasoner.cli.main:main"
