"""Finding 1: a link inside the KB pointing outside it is never read (nor a loop followed)."""

from __future__ import annotations

from pathlib import Path

from reasoner.ingest.walk import OUTSIDE, walk
from reasoner.retrieval.embedder import HashEmbedder
from reasoner.retrieval.index import KnowledgeIndex


def test_a_link_to_a_file_outside_is_skipped_and_reported(small_kb: Path, tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash daemon nologin PWNED-SECRET\n")
    (small_kb / "leak.md").symlink_to(secret)
    (small_kb / "outside_dir").symlink_to(tmp_path, target_is_directory=True)
    idx, report = KnowledgeIndex.update(small_kb, tmp_path / "ix", embedder=HashEmbedder(), progress=False)
    assert "leak.md" not in idx.sources() and "leak.md" not in report.fingerprints
    assert ("leak.md", OUTSIDE) in report.skipped and ("outside_dir", OUTSIDE) in report.skipped
    hits = idx.search("root daemon nologin PWNED-SECRET", k=10)
    assert all("PWNED-SECRET" not in h.chunk.text for h in hits)
    idx.close()


def test_links_inside_the_kb_and_loops(small_kb: Path, tmp_path: Path):
    (small_kb / "again.md").symlink_to(small_kb / "policies" / "leave.md")  # inside: read
    (small_kb / "policies" / "loop").symlink_to(small_kb, target_is_directory=True)  # a loop: not followed
    (small_kb / "dangling.md").symlink_to(tmp_path / "gone.md")
    found = walk(small_kb)
    assert "again.md" in found.files and not any(r.startswith("policies/loop") for r in found.files)
    assert ("dangling.md", "a broken link") in found.skipped


def test_outside_links_can_be_allowed_explicitly(small_kb: Path, tmp_path: Path):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "faq.md").write_text("# FAQ\n\nThe office opens at 9.\n")
    (small_kb / "shared").symlink_to(shared, target_is_directory=True)
    assert "shared/faq.md" not in walk(small_kb).files
    assert "shared/faq.md" in walk(small_kb, follow_outside_links=True).files
