"""Finding 5: per-file size and chunk bounds with a clear report, and indexing progress that
survives an interruption (a re-run resumes from the vectors already embedded)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from reasoner.retrieval.embcache import FILE as CACHE_FILE
from reasoner.retrieval.embedder import HashEmbedder
from reasoner.retrieval.index import KnowledgeIndex, index_folder
from reasoner.retrieval.updater import EMBED_BATCH, Limits


def test_a_file_over_the_size_limit_is_skipped_with_a_reason(small_kb: Path, tmp_path: Path):
    (small_kb / "huge.txt").write_text("word " * 60_000)  # ~300 KB
    idx, report = KnowledgeIndex.update(small_kb, tmp_path / "ix", embedder=HashEmbedder(), progress=False,
                                        limits=Limits(max_file_bytes=100_000))  # fmt: skip
    reasons = dict(report.skipped)
    assert "huge.txt" in reasons and "too large" in reasons["huge.txt"] and "Config.max_file_mb" in reasons["huge.txt"]
    assert "huge.txt" not in idx.sources() and "policies/leave.md" in idx.sources()
    idx.close()


def test_a_file_of_too_many_chunks_is_skipped_and_an_old_version_leaves(small_kb: Path, tmp_path: Path):
    ix = tmp_path / "ix"
    (small_kb / "long.md").write_text("# Long\n\nA short page for now.\n")
    KnowledgeIndex.update(small_kb, ix, embedder=HashEmbedder(), progress=False)[0].close()
    (small_kb / "long.md").write_text("\n\n".join(f"Paragraph {i} " + "text " * 200 for i in range(40)))
    idx, report = KnowledgeIndex.update(small_kb, ix, embedder=HashEmbedder(), progress=False,
                                        limits=Limits(max_chunks_per_file=10))  # fmt: skip
    assert "too many chunks" in dict(report.skipped)["long.md"]
    assert "long.md" not in idx.sources() and "long.md" in report.removed
    idx.close()


def test_empty_files_are_reported(small_kb: Path, tmp_path: Path):
    (small_kb / "empty.md").write_text("")
    idx, report = KnowledgeIndex.update(small_kb, tmp_path / "ix", embedder=HashEmbedder(), progress=False)
    assert dict(report.skipped)["empty.md"] == "empty: no text to index"
    idx.close()


class Interrupted(BaseException):
    pass


class DyingEmbedder(HashEmbedder):
    """Embeds ``batches`` batches, then the process "dies" (an exception nothing catches)."""

    def __init__(self, batches: int) -> None:
        super().__init__()
        self.left = batches

    def embed(self, texts: list[str]) -> np.ndarray:
        if self.left == 0:
            raise Interrupted
        self.left -= 1
        return super().embed(texts)


def test_an_interrupted_build_resumes_from_the_vectors_it_had(tmp_path: Path):
    from .conftest import write_kb

    kb = write_kb(tmp_path / "kb", {f"p{i}.md": f"# Page {i}\n\nFact number {i} about topic {i * 7}.\n"
                                    for i in range(3 * EMBED_BATCH)})  # fmt: skip
    ix = tmp_path / "ix"
    with pytest.raises(Interrupted):
        KnowledgeIndex.update(kb, ix, embedder=DyingEmbedder(batches=2), progress=False)
    assert (index_folder(ix) / CACHE_FILE).exists()
    idx, report = KnowledgeIndex.update(kb, ix, embedder=HashEmbedder(), progress=False)
    assert report.chunks_resumed == 2 * EMBED_BATCH and report.chunks_embedded == 3 * EMBED_BATCH
    assert not (index_folder(ix) / CACHE_FILE).exists()  # a committed run leaves nothing to resume
    assert len(idx) == 3 * EMBED_BATCH
    again = idx.search("Fact number 5 about topic 35", k=1)
    assert again and "Fact number 5 " in again[0].chunk.text
    idx.close()
