"""What loaders produce: a document as a list of structured blocks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

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
