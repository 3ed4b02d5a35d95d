"""What loaders produce (a document as a list of structured blocks) and the text helpers they share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from reasoner.errors import UnreadableFile

BlockKind = Literal["text", "table", "code"]


@dataclass(frozen=True)
class Block:
    """A paragraph, table or code block with its place in the document.

    Attributes:
        text: the block's text.
        section: heading path, e.g. "Benefits > Vacation" ("" before any heading).
        page: 1-based page number where the format has pages (PDF), else None.
        kind: "table" blocks are kept whole when small; "code" is never reflowed.
    """

    text: str
    section: str = ""
    page: int | None = None
    kind: BlockKind = "text"


@dataclass
class Document:
    """One loaded file (or LangChain ``Document``) before chunking.

    Attributes:
        source: path relative to the knowledge-base root, "/"-separated.
        doc_type: the format ("md", "txt", "html", "pdf", "docx", "csv", "tsv", "json", "jsonl", "document").
        title: front-matter, <title>, core-property or file-name title.
        metadata: front matter or other per-document fields.
        blocks: the content, in reading order.
    """

    source: str
    doc_type: str
    title: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)

    @property
    def text(self) -> str:
        """All block texts joined by blank lines."""
        return "\n\n".join(b.text for b in self.blocks)


def decode_text(data: bytes, source: str) -> str:
    """Decode bytes as UTF-8 (BOM allowed), falling back to cp1252; reject binary data.

    Raises:
        UnreadableFile: the data holds NUL bytes, so it is not text.
    """
    if b"\x00" in data[:8192]:
        raise UnreadableFile(f"{source}: binary data in a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def paragraphs(text: str) -> list[str]:
    """Split text on blank lines into stripped, non-empty paragraphs."""
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def title_from_name(source: str) -> str:
    """A readable title from a file name: "paid-parental_leave.md" -> "Paid parental leave"."""
    stem = Path(source).name.split(".")[0]
    words = re.sub(r"[-_]+", " ", stem).strip()
    return words[:1].upper() + words[1:]
