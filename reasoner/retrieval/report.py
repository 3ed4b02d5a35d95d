"""What one indexing run did."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class IndexReport:
    """Summary of an update: files seen, chunks embedded and removed, duplicates folded.

    Attributes:
        added, changed, removed: relative "/" paths of files (or document sources).
        unchanged: number of files found identical to the indexed version.
        chunks_embedded: chunks sent to the embedder in this run.
        chunks_removed: stored chunks deleted (their last source went away or changed).
        duplicates_folded: new chunks stored as an extra source of an existing
            (identical or near-identical) chunk instead of a new one.
        skipped: (path, reason) of files that could not be read.
        seconds: wall time of the run.
        chunks_total: chunks in the index after the run.
        removed_hashes: content hashes of the deleted chunks.
        fingerprints: content fingerprint of every supported file present in the folder
            (read this run or known unchanged): what the graph builds from, without
            walking the folder again.
        repaired: what was found damaged and rebuilt in this run.
        chunks_resumed: vectors taken from an interrupted earlier run instead of embedded again.
        sentences_total, sentences_embedded: the reader's candidate texts with a stored vector
            (``sentences.py``), and how many of them this run embedded (None: none written).
        reread: every file was read again because the loaders changed since the index was
            written (``loaders.LOADER_VERSION``); chunks that came out the same kept their vectors.
    """

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    chunks_embedded: int = 0
    chunks_removed: int = 0
    duplicates_folded: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    chunks_total: int = 0
    removed_hashes: list[str] = field(default_factory=list)
    fingerprints: dict[str, str] = field(default_factory=dict)
    repaired: list[str] = field(default_factory=list)
    chunks_resumed: int = 0
    sentences_total: int | None = None
    sentences_embedded: int = 0
    reread: bool = False

    def then(self, later: IndexReport) -> IndexReport:
        """One report for this run followed by ``later`` (a repair run right after it)."""
        return IndexReport(
            added=self.added + later.added, changed=self.changed + later.changed,
            removed=self.removed + later.removed, unchanged=later.unchanged,
            chunks_embedded=self.chunks_embedded + later.chunks_embedded,
            chunks_removed=self.chunks_removed + later.chunks_removed,
            duplicates_folded=self.duplicates_folded + later.duplicates_folded,
            skipped=later.skipped, seconds=self.seconds + later.seconds, chunks_total=later.chunks_total,
            removed_hashes=self.removed_hashes + later.removed_hashes, fingerprints=later.fingerprints,
            repaired=self.repaired + later.repaired, chunks_resumed=self.chunks_resumed + later.chunks_resumed,
            sentences_total=later.sentences_total if later.sentences_total is not None else self.sentences_total,
            sentences_embedded=self.sentences_embedded + later.sentences_embedded,
            reread=self.reread or later.reread,
        )  # fmt: skip

    @property
    def changed_sources(self) -> set[str]:
        """Relative paths added, changed or removed (drives memory invalidation)."""
        return set(self.added) | set(self.changed) | set(self.removed)

    @property
    def removed_chunk_hashes(self) -> set[str]:
        """Content hashes of chunks no longer in the index."""
        return set(self.removed_hashes)

    @property
    def files_indexed(self) -> int:
        return len(self.added) + len(self.changed) + self.unchanged

    def rows(self) -> list[tuple[str, str]]:
        """(label, value) pairs for a summary table."""
        return [
            ("files", f"{self.files_indexed} ({len(self.added)} added, {len(self.changed)} changed, "
                      f"{len(self.removed)} removed, {self.unchanged} unchanged)"),
            ("chunks", f"{self.chunks_total} in index, {self.chunks_embedded} embedded"
                       + (f" ({self.chunks_resumed} resumed from an interrupted run)" if self.chunks_resumed else "")
                       + f", {self.chunks_removed} removed"),
            ("duplicates folded", str(self.duplicates_folded)),
        ] + ([("sentence vectors", f"{self.sentences_total} stored, {self.sentences_embedded} embedded")]
             if self.sentences_total is not None else []) + [
            ("skipped", str(len(self.skipped))),
            ("time", f"{self.seconds:.2f} s"),
        ] + [("repaired", what) for what in self.repaired] + (
            [("read again", "every file: this version's loaders read some formats differently")]
            if self.reread else [])  # fmt: skip
