"""PDF (pypdf, with page numbers) and DOCX (python-docx, with heading paths) loaders."""

from __future__ import annotations

import io
import re

from reasoner.ingest.document import Block, Document, UnreadableFile, paragraphs, title_from_name
from reasoner.logs import quiet


def _pdf_page_blocks(text: str, page: int) -> list[Block]:
    # pypdf joins wrapped lines with "\n"; blank lines (when present) separate paragraphs
    text = re.sub(r"-\n(?=[a-z])", "", text)  # re-join hyphenated line breaks
    return [Block(re.sub(r"\s*\n\s*", " ", p), "", page) for p in paragraphs(text)]


def load_pdf(data: bytes, source: str) -> Document:
    """PDF: one or more blocks per page, each carrying its 1-based page number.

    Raises:
        UnreadableFile: encrypted, malformed, or without extractable text (a scan).
    """
    from pypdf import PdfReader

    with quiet("pypdf"):  # the skip warning is ours; pypdf's own notes would be a second line
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFile(f"{source}: encrypted PDF")
        blocks: list[Block] = []
        for number, page in enumerate(reader.pages, start=1):
            blocks.extend(_pdf_page_blocks(page.extract_text() or "", number))
    if not blocks:
        raise UnreadableFile(f"{source}: no extractable text (a scanned PDF?)")
    meta = reader.metadata
    title = str(meta.title).strip() if meta is not None and meta.title else ""
    return Document(source=source, doc_type="pdf", title=title or title_from_name(source), blocks=blocks)


def _heading_level(style_name: str) -> int | None:
    m = re.match(r"Heading\s*(\d)", style_name or "")
    return int(m.group(1)) if m else None


def _docx_table_text(table) -> str:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = cell.text.strip()
            if not cells or cells[-1] != text:  # merged cells repeat their text
                cells.append(text)
        if any(cells):
            rows.append(" | ".join(cells))
    return "\n".join(rows)


def load_docx(data: bytes, source: str) -> Document:
    """Word document: paragraphs and tables in order; "Heading N" styles build the section path."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    title = (document.core_properties.title or "").strip()
    stack: list[tuple[int, str]] = []
    blocks: list[Block] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        section = " > ".join(h for _, h in stack)
        if tag == "tbl":
            blocks.append(Block(_docx_table_text(Table(child, document)), section, None, "table"))
            continue
        if tag != "p":
            continue
        para = Paragraph(child, document)
        text, style = para.text.strip(), para.style.name if para.style is not None else ""
        if not text:
            continue
        level = _heading_level(style)
        if style == "Title":
            title = title or text
        elif level is not None:
            stack = [(lv, h) for lv, h in stack if lv < level] + [(level, text)]
        else:
            blocks.append(Block(text, section))
    return Document(source=source, doc_type="docx", title=title or title_from_name(source), blocks=blocks)
