"""Structure-following chunking: sections, then paragraphs, then sentences.

Blocks of one section (and one page) are packed together up to the target
size in words; a block above the target is split at sentence ends (tables and
code at line ends). Small tables stay whole. Each chunk carries its document
title and heading path, which are prefixed to the text that gets embedded.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from reasoner.ingest.document import Block, Document

DEFAULT_CHUNK_WORDS = 160
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class ChunkSettings:
    """How documents are cut; recorded in the index so a mismatch can be reported.

    Attributes:
        size: target chunk length in words.
        overlap: words repeated from the previous piece when a long block is split.
        table_factor: a table up to ``size * table_factor`` words is kept whole.
    """

    size: int = DEFAULT_CHUNK_WORDS
    overlap: int = 0
    table_factor: float = 2.0

    def key(self) -> str:
        """A short string that changes whenever the chunking would."""
        return f"words={self.size};overlap={self.overlap};table={self.table_factor};v=1"


@dataclass(frozen=True)
class DraftChunk:
    """A chunk before it is stored: text plus where it came from."""

    text: str
    title: str
    section: str
    page: int | None

    @property
    def index_text(self) -> str:
        """What is embedded and BM25-indexed: title and heading path, then the text."""
        return index_text(self.title, self.section, self.text)

    @property
    def hash(self) -> str:
        """Content hash of the indexed text (title and section included)."""
        return content_hash(self.index_text)


def index_text(title: str, section: str, text: str) -> str:
    """The header-prefixed text that is embedded and lexically indexed."""
    head = " > ".join(p for p in (title, section) if p)
    return f"{head}\n{text}" if head else text


def content_hash(text: str) -> str:
    """SHA-1 hex of the text (a content address, not a security measure)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def word_count(text: str) -> int:
    return len(text.split())


def split_long(text: str, size: int, overlap: int, by_lines: bool) -> list[str]:
    """Cut a block above ``size`` words at sentence (or line) ends; a sentence above
    ``size`` is cut at word boundaries."""
    units = text.splitlines() if by_lines else _SENTENCE_END.split(text)
    words_units: list[list[str]] = []
    for u in units:
        w = u.split()
        words_units.extend(w[i : i + size] for i in range(0, len(w), size) if w)
    joiner = "\n" if by_lines else " "
    pieces: list[str] = []
    cur: list[list[str]] = []
    for unit in words_units:
        if cur and sum(map(len, cur)) + len(unit) > size:
            pieces.append(joiner.join(" ".join(u) for u in cur))
            cur = _tail(cur, overlap)
        cur.append(unit)
    if cur:
        pieces.append(joiner.join(" ".join(u) for u in cur))
    return pieces


def _tail(units: list[list[str]], overlap: int) -> list[list[str]]:
    """The last whole units holding at most ``overlap`` words."""
    out: list[list[str]] = []
    for u in reversed(units):
        if sum(map(len, out)) + len(u) > overlap:
            break
        out.insert(0, u)
    return out


def _pieces(block: Block, s: ChunkSettings) -> list[str]:
    n = word_count(block.text)
    if block.kind == "table" and n <= s.size * s.table_factor:
        return [block.text]
    if n <= s.size:
        return [block.text]
    return split_long(block.text, s.size, s.overlap, by_lines=block.kind != "text")


def chunk_document(doc: Document, settings: ChunkSettings | None = None) -> list[DraftChunk]:
    """Cut a document into chunks that never cross a section or page boundary."""
    s = settings or ChunkSettings()
    out: list[DraftChunk] = []
    cur: list[str] = []
    cur_words = 0
    cur_key: tuple[str, int | None] | None = None

    def flush() -> None:
        nonlocal cur, cur_words
        if cur and cur_key is not None:
            out.append(DraftChunk("\n\n".join(cur), doc.title, cur_key[0], cur_key[1]))
        cur, cur_words = [], 0

    for block in doc.blocks:
        key = (block.section, block.page)
        if key != cur_key:
            flush()
            cur_key = key
        for piece in _pieces(block, s):
            n = word_count(piece)
            if cur and cur_words + n > s.size:
                flush()
            cur.append(piece)
            cur_words += n
    flush()
    return out
