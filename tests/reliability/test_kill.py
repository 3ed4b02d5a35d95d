"""SIGKILL `reasoner index` at random moments: after each kill the index opens and holds exactly
the old state or the new one, and a re-run finishes the new one.

The default run kills a few times; `make adversarial` (REASONER_KILLS=200) many more."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reasoner.retrieval.embedder import HashEmbedder
from reasoner.retrieval.index import KnowledgeIndex

from .conftest import fake_env, run_cli, write_kb

pytestmark = pytest.mark.slow
KILLS = int(os.environ.get("REASONER_KILLS", "6"))


def _version(n: int) -> dict[str, str]:
    pages = {f"team/p{i}.md": f"# Page {i}\n\nVersion {n}: fact {i} is {i * n + 7}.\n\n" + "filler words " * 80
             for i in range(120)}  # fmt: skip
    pages[f"v{n}.md"] = f"# Marker\n\nThis is version {n}.\n"
    return pages


def _state(ix: Path) -> frozenset[str]:
    idx = KnowledgeIndex.open(ix, embedder=HashEmbedder())
    try:
        hits = idx.search("This is version", k=3)  # the index answers
        assert hits, "an open index must answer"
        return frozenset(idx.sources())
    finally:
        idx.close()


def test_kills_leave_the_old_or_the_new_state(tmp_path: Path):
    rng = random.Random(1234)
    kb, ix = tmp_path / "kb", tmp_path / "ix"
    write_kb(kb, _version(0))
    assert run_cli(tmp_path, "index", str(kb), "--index", str(ix)).returncode == 0
    t0 = time.perf_counter()
    write_kb(kb, _version(1))
    assert run_cli(tmp_path, "index", str(kb), "--index", str(ix)).returncode == 0
    full = time.perf_counter() - t0
    states = {n: frozenset(_version(n)) | {f"v{m}.md" for m in range(n)} for n in range(KILLS + 2)}
    corrupt = 0
    for n in range(2, KILLS + 2):
        write_kb(kb, _version(n))
        proc = subprocess.Popen([sys.executable, "-m", "reasoner.cli.main", "index", str(kb), "--index", str(ix)],
                                env=fake_env(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        time.sleep(rng.uniform(0.05, full))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        got = _state(ix)
        corrupt += got not in (states[n - 1], states[n])
        assert run_cli(tmp_path, "index", str(kb), "--index", str(ix)).returncode == 0
        assert _state(ix) == states[n]
    assert corrupt == 0
