"""`reasoner index` then `reasoner ask` with the knowledge index and memory in PostgreSQL."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FILES = ("policies/leave.md", "org/org_chart.csv", "company.triples.tsv")


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reasoner.cli.main", *args], env=env, capture_output=True,
                          text=True, timeout=180, cwd=ROOT)  # fmt: skip


def test_index_then_ask_with_a_database_url(tmp_path, env_for, postgres_url):
    import psycopg

    kb = tmp_path / "kb"
    for rel in FILES:
        (kb / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "kb" / rel, kb / rel)
    env = env_for(tmp_path, REASONER_DATABASE_URL=postgres_url)
    built = _run(["index", str(kb), "--index", str(tmp_path / "ix")], env)
    assert built.returncode == 0, built.stderr
    assert "3 added" in built.stdout and not (tmp_path / "ix" / "knowledge" / "docstore.sqlite").exists()
    with psycopg.connect(postgres_url) as conn:
        chunks = conn.execute("SELECT count(*) FROM kb_chunks WHERE embedding IS NOT NULL").fetchone()[0]
        assert chunks > 3
    asked = _run(["ask", "How many vacation days per calendar year do new hires get?", "--index",
                  str(tmp_path / "ix"), "--json", "--route", "rag", "--no-cache"], env)  # fmt: skip
    assert asked.returncode in (0, 3), asked.stderr
    answer = json.loads(asked.stdout)
    assert any(ev.get("source") == "policies/leave.md" for ev in answer["evidence"]), answer
    # another machine: the database URL and no index folder at all
    elsewhere = _run(["ask", "How many vacation days per calendar year do new hires get?", "--index",
                      str(tmp_path / "not-here"), "--json", "--route", "rag", "--no-cache"], env)  # fmt: skip
    assert elsewhere.returncode in (0, 3), elsewhere.stderr
    assert json.loads(elsewhere.stdout)["evidence"] == answer["evidence"]
    again = _run(["index", str(kb), "--index", str(tmp_path / "ix")], env)
    assert again.returncode == 0 and "3 unchanged" in again.stdout, again.stderr
