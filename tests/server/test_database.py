"""`reasoner serve` on a PostgreSQL database: workers with no index folder, a re-index through
one server reaching another through the database alone (index, graph and memory)."""

from __future__ import annotations

import shutil

import httpx
import pytest

from reasoner.errors import IndexError_
from reasoner.server.run import check
from reasoner.server.settings import ServeSettings

from .conftest import FAST


def test_check_needs_an_index_in_the_database_not_a_folder(tmp_path, postgres_url, monkeypatch, sample_kb):
    from reasoner import Reasoner

    monkeypatch.setenv("REASONER_DATABASE_URL", postgres_url)
    monkeypatch.setenv("REASONER_CONFIG", str(tmp_path / "none.toml"))
    settings = ServeSettings(index_dir=str(tmp_path / "no-folder"))
    with pytest.raises(IndexError_, match="no knowledge index in the database"):
        check(settings)
    kb = tmp_path / "kb"
    shutil.copytree(sample_kb / "org", kb / "org")
    Reasoner.build(kb, tmp_path / "built-here", progress=False, cache_dir=tmp_path / "cache",
                   database_url=postgres_url, **FAST).close()  # fmt: skip
    assert check(settings).database_url == postgres_url
    assert not (tmp_path / "no-folder").exists()


def test_a_reindex_through_one_server_reaches_another_through_the_database(tmp_path, postgres_url, sample_kb,
                                                                           serve_process):  # fmt: skip
    from reasoner import Reasoner

    kb = tmp_path / "kb"
    shutil.copytree(sample_kb, kb)
    Reasoner.build(kb, tmp_path / "builder", progress=False, cache_dir=tmp_path / "cache", database_url=postgres_url,
                   **FAST).close()  # fmt: skip
    env = {"REASONER_EMBEDDER": "hash", "REASONER_LLM": "fake", "REASONER_CACHE": str(tmp_path / "cache"),
           "REASONER_KB_DIR": str(kb), "REASONER_CONFIG": str(tmp_path / "none.toml"),
           "REASONER_DATABASE_URL": postgres_url}  # fmt: skip
    a = serve_process(["--index", str(tmp_path / "a")], env).wait_ready()
    b = serve_process(["--index", str(tmp_path / "b")], env).wait_ready()
    question = "Who does Marcus Bell report to?"
    first = httpx.post(f"{b.url}/ask", json={"question": question}, timeout=60).json()
    assert (first["route"], first["value"]) == ("graph", "Dana Whitfield")
    assert httpx.post(f"{a.url}/ask", json={"question": question}, timeout=60).json()["from_memory"] is True
    chart = kb / "org" / "org_chart.csv"
    chart.write_text(chart.read_text(encoding="utf-8").replace(
        "Marcus Bell,Account Executive,Sales,Dana Whitfield", "Marcus Bell,Account Executive,Sales,Zoe Hart"),
        encoding="utf-8")  # fmt: skip
    r = httpx.post(f"{a.url}/index", json={}, timeout=120)
    assert r.status_code == 200 and r.json()["changed"] == ["org/org_chart.csv"], r.text
    fresh = httpx.post(f"{b.url}/ask", json={"question": question}, timeout=60).json()
    assert fresh["value"] == "Zoe Hart" and not fresh["from_memory"]  # the stale memory went with the re-index
    assert httpx.post(f"{a.url}/ask", json={"question": question}, timeout=60).json()["value"] == "Zoe Hart"
    assert not (tmp_path / "b").exists()  # B never needed a folder
