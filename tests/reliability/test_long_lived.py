"""Finding 2: a long-lived Reasoner keeps answering while another process re-indexes, and
moves to each new version once it is complete (no KeyError, no mixed state)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from reasoner.engine import Reasoner

from .conftest import fake_env, write_kb

pytestmark = pytest.mark.slow


def _code_page(word: str, filler: int) -> dict[str, str]:
    # Each version also changes the other pages' chunks, so rows of the old generation go away.
    pages = {"codes.md": f"# Codes\n\nThe code word this week is {word}.\n"}
    for i in range(filler):
        pages[f"notes/n{i}.md"] = f"# Note {i}\n\nRevision {word} of note {i} about parking and badges.\n"
    return pages


def test_reader_answers_across_three_reindexes_and_sees_each_new_fact(tmp_path: Path):
    kb, ix = tmp_path / "kb", tmp_path / "ix"
    write_kb(kb, _code_page("alpha0", 30))
    r = Reasoner.build(kb, ix, progress=False, embedder="hash", llm="fake", cache_dir=tmp_path / "cache")
    asked, errors, seen = 0, [], []
    for version in range(1, 4):
        word = f"alpha{version}"
        write_kb(kb, _code_page(word, 30))
        proc = subprocess.Popen([sys.executable, "-m", "reasoner.cli.main", "index", str(kb), "--index", str(ix)],
                                env=fake_env(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
        while proc.poll() is None or asked < 34 * version:
            try:
                r.ask("What is the code word this week?", use_memory=False)
                r.parts.index.search("parking badges note", k=3)
            except Exception as exc:  # noqa: BLE001 - the test counts every failure
                errors.append(f"{type(exc).__name__}: {exc}")
            asked += 1
            time.sleep(0.01)
        assert proc.wait(timeout=120) == 0, proc.stderr.read().decode()[-2000:]
        r.ask("What is the code word this week?", use_memory=False)  # follows the new generation
        top = r.parts.index.search("code word this week", k=1)
        seen.append(word in top[0].chunk.text)
    r.close()
    assert asked >= 100 and errors == [] and seen == [True, True, True]
