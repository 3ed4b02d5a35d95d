"""Crash safety: kill the indexer mid-run; the previous index must still open and answer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from reasoner.retrieval.embedder import HashEmbedder
from reasoner.retrieval.index import KnowledgeIndex

ROOT = Path(__file__).resolve().parents[2]

# Runs an update in a child process; CRASH picks where it dies.
CHILD = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from reasoner.retrieval import store, updater
    from reasoner.retrieval.embedder import HashEmbedder
    from reasoner.retrieval.index import KnowledgeIndex

    kb, ix, crash, marker = sys.argv[1], sys.argv[2], sys.argv[3], Path(sys.argv[4])

    class SlowEmbedder(HashEmbedder):
        def embed(self, texts):
            marker.write_text("embedding")
            time.sleep(0.5)
            return super().embed(texts)

    def die(*a, **k):
        os._exit(3)

    if crash.startswith("replace:"):
        n, real = int(crash.split(":")[1]), os.replace
        calls = []
        def replace(src, dst):
            real(src, dst)
            calls.append(dst)
            if len(calls) == n:
                os._exit(3)
        store.os.replace = replace
    elif crash == "commit":
        store.DocStore.commit = die
    elif crash == "cleanup":
        store.remove_other_generations = die
    emb = SlowEmbedder() if crash == "kill" else HashEmbedder()
    updater.EMBED_BATCH = 2
    KnowledgeIndex.update(kb, ix, embedder=emb, progress=False)
    """
)


def _child(kb: Path, ix: Path, crash: str, tmp_path: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    marker = tmp_path / "marker"
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(kb), str(ix), crash, str(marker)], env=env, cwd=ROOT
    )


def _edit(kb: Path) -> None:
    leave = kb / "hr" / "leave.md"
    leave.write_text(leave.read_text().replace("20 vacation days", "30 vacation days"))
    (kb / "ops" / "notes.txt").unlink()
    for i in range(6):
        (kb / "ops" / f"new{i}.md").write_text(f"# Page {i}\n\nNew policy number {i} about standing desks.")


@pytest.mark.parametrize("crash", ["kill", "replace:1", "replace:2", "replace:3", "commit", "cleanup"])
def test_crash_mid_update_leaves_a_loadable_index(kb, tmp_path, crash):
    emb = HashEmbedder()
    ix = tmp_path / "ix"
    before, _ = KnowledgeIndex.update(kb, ix, embedder=emb, progress=False)
    old_version, old_len = before.version, len(before)
    before.close()
    _edit(kb)
    proc = _child(kb, ix, crash, tmp_path)
    if crash == "kill":
        deadline = time.monotonic() + 60
        while not (tmp_path / "marker").exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=60) != 0  # it really died mid-run

    idx = KnowledgeIndex.open(ix, embedder=emb)
    if crash == "cleanup":  # died after the commit: the new generation is in force
        assert idx.version != old_version
    else:
        assert idx.version == old_version and len(idx) == old_len
        assert "ops/notes.txt" in idx.sources()
    assert (
        idx.search("vacation days per year", k=1, filters={"doc_type": "md"})[0].chunk.source == "hr/leave.md"
    )
    idx.close()

    after, report = KnowledgeIndex.update(kb, ix, embedder=emb, progress=False)
    assert "ops/notes.txt" not in after.sources() and "ops/new5.md" in after.sources()
    texts = [h.chunk.text for h in after.search("vacation days", k=10, filters={"source": "hr/leave.md"})]
    assert any("30 vacation days" in t for t in texts) and not any("20 vacation days" in t for t in texts)
    fresh, _ = KnowledgeIndex.update(kb, tmp_path / "fresh", embedder=emb, progress=False)
    assert after.version == fresh.version and len(after) == len(fresh)
