"""Fixture files for the loaders and a small knowledge base, written per test."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest


def _pdf_bytes(pages: list[str], title: str = "") -> bytes:
    """A minimal valid PDF with one text line per page (Helvetica), built by hand."""
    objs: list[bytes] = []
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(len(pages)))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    font_id = 3 + 2 * len(pages)
    for i, text in enumerate(pages):
        lines = text.split("\n")
        ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
        for line in lines:
            esc = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({esc}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode()
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    info_id = None
    if title:
        objs.append(f"<< /Title ({title}) >>".encode())
        info_id = len(objs)
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    info = f" /Info {info_id} 0 R" if info_id else ""
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _docx_bytes(title: str = "Handbook") -> bytes:
    import docx

    d = docx.Document()
    d.core_properties.title = title
    d.add_paragraph("Intro paragraph before any heading.")
    d.add_heading("Benefits", level=1)
    d.add_paragraph("Employees receive health insurance.")
    d.add_heading("Vacation", level=2)
    d.add_paragraph("Full-time staff earn 20 vacation days a year.")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Years", "Days"
    table.cell(1, 0).text, table.cell(1, 1).text = "0-3", "20"
    d.add_heading("Travel", level=1)
    d.add_paragraph("Book travel through the portal.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.fixture
def make_pdf() -> Callable[..., bytes]:
    return _pdf_bytes


@pytest.fixture
def make_docx() -> Callable[..., bytes]:
    return _docx_bytes


MD_LEAVE = """---
title: Leave Policy
tags: [hr, leave]
---
# Leave Policy

Intro text about leave for every employee of the company.

## Vacation

Full-time employees earn 20 vacation days per year. Unused days carry over up to 5 days.

## Sick leave

Sick leave accrues at 4 hours per pay period.

| Type | Days |
|------|------|
| Sick | 13   |
"""

MD_TRAVEL = """# Travel

## Booking

Book flights through the travel portal at least 14 days before departure.

## Reimbursement

Submit receipts within 5 business days of returning from the trip.
"""

FOOTER = ("This page is maintained by the People Operations team. Questions about this policy go to the "
          "people ops help channel, and corrections can be suggested through the handbook repository.")  # fmt: skip


@pytest.fixture
def kb(tmp_path: Path, make_pdf, make_docx) -> Path:
    """A small knowledge base with one file per format, a copied page and a broken file."""
    root = tmp_path / "kb"
    (root / "hr").mkdir(parents=True)
    (root / "ops").mkdir()
    (root / "hr" / "leave.md").write_text(MD_LEAVE + "\n## About this page\n\n" + FOOTER + "\n")
    (root / "ops" / "travel.md").write_text(MD_TRAVEL + "\n## About this page\n\n" + FOOTER + "\n")
    (root / "ops" / "notes.txt").write_text(
        "Parking permits are issued by facilities.\n\nThe garage closes at 10pm."
    )
    (root / "ops" / "guide.html").write_text(
        "<html><head><title>Office Guide</title><script>var x=1;</script></head><body>"
        "<h1>Office</h1><p>The kitchen is on the third floor.</p><h2>Security</h2>"
        "<p>Badges must be worn at all times.</p></body></html>"
    )
    (root / "hr" / "benefits.docx").write_bytes(make_docx())
    (root / "hr" / "manual.pdf").write_bytes(
        make_pdf(["Onboarding checklist for new hires.", "Laptop return policy."])
    )
    (root / "ops" / "rooms.csv").write_text("room,capacity,floor\nAtlas,12,3\nZephyr,4,2\n")
    (root / "ops" / "people.triples.tsv").write_text("Alice\tmanages\tBob\nBob\tworks_in\tFinance\n")
    (root / "ops" / "faq.jsonl").write_text(
        '{"question": "Where is the printer?", "answer": "Next to the elevators on floor 2."}\n'
    )
    (root / "ops" / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (root / "ops" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    return root
