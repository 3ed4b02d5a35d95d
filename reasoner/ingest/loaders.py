"""Load a file of any supported format into a :class:`Document`.

One loader per format, chosen by file suffix. A loader raises
:class:`UnreadableFile` for content it cannot read; :func:`load_file` callers
skip such files with one warning and go on.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reasoner.errors import UnreadableFile
from reasoner.ingest.document import Block, Document, decode_text, paragraphs, title_from_name

__all__ = ["UnreadableFile", "decode_text", "is_supported", "load_bytes", "load_file", "paragraphs", "title_from_name"]

Loader = Callable[[bytes, str], Document]

# Raised whenever a loader reads the same bytes into other text (2: markdown keeps the address of
# an autolink such as <mailto:...>). An index written under another version reads every file again
# on its next update; chunks that come out the same keep their vectors. 3: markdown renders a Liquid
# channel tag as "#name", a reference link "[text][label]" as its text, and drops Liquid comment blocks and
# link definitions.
LOADER_VERSION = "3"


def load_text(data: bytes, source: str) -> Document:
    """Plain text: one block per paragraph; the title comes from the file name."""
    text = decode_text(data, source)
    blocks = [Block(p) for p in paragraphs(text)]
    return Document(source=source, doc_type="txt", title=title_from_name(source), blocks=blocks)


def _registry() -> dict[str, Loader]:
    from reasoner.ingest import html, markdown, office, tabular

    return {
        ".md": markdown.load_markdown,
        ".markdown": markdown.load_markdown,
        ".txt": load_text,
        ".text": load_text,
        ".rst": load_text,
        ".html": html.load_html,
        ".htm": html.load_html,
        ".pdf": office.load_pdf,
        ".docx": office.load_docx,
        ".csv": tabular.load_csv,
        ".tsv": tabular.load_tsv,
        ".json": tabular.load_json,
        ".jsonl": tabular.load_jsonl,
        ".ndjson": tabular.load_jsonl,
    }


SUPPORTED_SUFFIXES: tuple[str, ...] = (
    ".md", ".markdown", ".txt", ".text", ".rst", ".html", ".htm", ".pdf", ".docx",
    ".csv", ".tsv", ".json", ".jsonl", ".ndjson",
)  # fmt: skip


def is_supported(path: str | Path) -> bool:
    """True when a loader exists for the file's suffix."""
    return Path(path).suffix.lower() in SUPPORTED_SUFFIXES


def load_bytes(data: bytes, source: str) -> Document:
    """Load already-read file content; ``source`` (relative path) picks the loader.

    Raises:
        UnreadableFile: unsupported type, or content the loader cannot parse.
    """
    suffix = Path(source).suffix.lower()
    loader = _registry().get(suffix)
    if loader is None:
        raise UnreadableFile(f"unsupported file type {suffix or '(none)'!r}")
    try:
        doc = loader(data, source)
    except UnreadableFile:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure makes the file unreadable
        raise UnreadableFile(f"cannot parse: {type(exc).__name__}: {exc}".splitlines()[0][:200]) from exc
    doc.blocks = [b for b in doc.blocks if b.text.strip()]
    return doc


def load_file(path: Path, source: str) -> Document:
    """Read and load one file.

    Raises:
        UnreadableFile: the file cannot be read or parsed.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror or exc}") from exc
    return load_bytes(data, source)
