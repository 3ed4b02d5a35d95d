"""Fixture files for the loaders and a small knowledge base, written per test."""

from __future__ import annotations

from pathlib import Path

import pytest

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
