"""Every loader on fixture files, including broken ones."""

from __future__ import annotations

import json

import pytest

from reasoner.ingest.loaders import UnreadableFile, is_supported, load_bytes, load_file
from reasoner.ingest.markdown import parse_markdown, split_front_matter


def test_markdown_front_matter_title_and_sections():
    data = b"---\ntitle: Leave\nkeywords: a, b\n---\n# Ignored H1\n\nIntro.\n\n## Vacation\n\n20 days.\n\n### Carry over\n\n5 days.\n"
    doc = load_bytes(data, "hr/leave.md")
    assert doc.title == "Leave" and doc.metadata["keywords"] == "a, b" and doc.doc_type == "md"
    assert [(b.section, b.text) for b in doc.blocks] == [
        ("Ignored H1", "Intro."),
        ("Ignored H1 > Vacation", "20 days."),
        ("Ignored H1 > Vacation > Carry over", "5 days."),
    ]


def test_markdown_without_front_matter_uses_h1_then_file_name():
    assert load_bytes(b"# Travel\n\ntext", "a.md").title == "Travel"
    assert load_bytes(b"just text", "paid-parental_leave.md").title == "Paid parental leave"


def test_markdown_broken_yaml_keeps_body():
    meta, body = split_front_matter("---\ntitle: [unclosed\n---\nBody text.\n")
    assert meta == {} and body.strip() == "Body text."


def test_markdown_tables_code_links_and_liquid():
    blocks, _ = parse_markdown(
        "Para with [a link](http://x.y) and {% include x.html %} tag.\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n```\n# not a heading\n```\n"
    )
    assert blocks[0].text == "Para with a link and  tag." and blocks[0].kind == "text"
    assert blocks[1].kind == "table" and blocks[1].text.count("\n") == 2
    assert blocks[2].kind == "code" and blocks[2].text == "# not a heading" and blocks[2].section == ""


def test_text_paragraphs_and_encodings():
    doc = load_bytes("Caf\u00e9 menu.\n\n\nSecond para.".encode("cp1252"), "notes.txt")
    assert [b.text for b in doc.blocks] == ["Caf\u00e9 menu.", "Second para."]
    with pytest.raises(UnreadableFile, match="binary"):
        load_bytes(b"abc\x00\x01\x02", "notes.txt")


def test_html_title_sections_tables_and_dropped_script():
    html = (
        b"<html><head><title>Guide</title><style>p{}</style></head><body><nav>menu</nav>"
        b"<h2>Security</h2><p>Wear <b>badges</b>.</p><ul><li>Item <p>one</p></li></ul>"
        b"<table><tr><th>Room</th><th>Seats</th></tr><tr><td>Atlas</td><td>12</td></tr></table>"
        b"<script>alert(1)</script></body></html>"
    )
    doc = load_bytes(html, "guide.html")
    assert doc.title == "Guide"
    texts = [(b.section, b.kind, b.text) for b in doc.blocks]
    assert ("Security", "text", "Wear badges .") in texts
    assert ("Security", "text", "Item one") in texts
    assert ("Security", "table", "Room | Seats\nAtlas | 12") in texts
    assert "menu" not in doc.text and "alert" not in doc.text


def test_pdf_pages_and_title(make_pdf):
    doc = load_bytes(make_pdf(["First page text.", "Second page\nwraps here."], title="Manual"), "m.pdf")
    assert doc.title == "Manual" and doc.doc_type == "pdf"
    assert [(b.page, b.text) for b in doc.blocks] == [(1, "First page text."), (2, "Second page wraps here.")]


@pytest.mark.parametrize("data", [b"%PDF-1.4 garbage", b"", b"not a pdf at all"])
def test_broken_pdf_is_unreadable(data):
    with pytest.raises(UnreadableFile):
        load_bytes(data, "bad.pdf")


def test_pdf_without_text_is_unreadable(make_pdf):
    with pytest.raises(UnreadableFile, match="no extractable text"):
        load_bytes(make_pdf([""]), "scan.pdf")


def test_docx_headings_tables_and_title(make_docx):
    doc = load_bytes(make_docx("Staff Handbook"), "h.docx")
    assert doc.title == "Staff Handbook"
    got = [(b.section, b.kind, b.text) for b in doc.blocks]
    assert got == [
        ("", "text", "Intro paragraph before any heading."),
        ("Benefits", "text", "Employees receive health insurance."),
        ("Benefits > Vacation", "text", "Full-time staff earn 20 vacation days a year."),
        ("Benefits > Vacation", "table", "Years | Days\n0-3 | 20"),
        ("Travel", "text", "Book travel through the portal."),
    ]


def test_broken_docx_is_unreadable(make_docx):
    with pytest.raises(UnreadableFile):
        load_bytes(make_docx()[:300], "cut.docx")


def test_csv_rows_become_records_and_tsv_triples():
    doc = load_bytes(b"room,capacity\nAtlas,12\nZephyr,\n", "rooms.csv")
    assert doc.blocks[0].kind == "table" and doc.blocks[0].text == "room: Atlas | capacity: 12\nroom: Zephyr"
    tsv = load_bytes(b"name\tteam\nAna\tOps\n", "people.tsv")
    assert tsv.blocks[0].text == "name: Ana | team: Ops"
    triples = load_bytes(b"Alice\tmanages\tBob\n", "org.triples.tsv")
    assert triples.blocks[0].text == "Alice manages Bob"


def test_empty_csv_is_unreadable():
    with pytest.raises(UnreadableFile):
        load_bytes(b"\n\n", "empty.csv")


def test_json_list_object_and_text_field():
    doc = load_bytes(
        json.dumps([{"title": "A", "text": "Body A"}, {"x": {"y": 1}, "z": [1, 2]}]).encode(), "d.json"
    )
    assert doc.blocks[0].text == "title: A\nBody A"
    assert doc.blocks[1].text == "x.y: 1\nz: 1, 2"
    with pytest.raises(UnreadableFile):
        load_bytes(b"{not json", "bad.json")


def test_jsonl_skips_bad_lines_but_not_all(caplog):
    doc = load_bytes(b'{"text": "one"}\n{broken\n"two"\n', "d.jsonl")
    assert [b.text for b in doc.blocks] == ["one", "two"]
    assert "malformed" in caplog.text
    with pytest.raises(UnreadableFile):
        load_bytes(b"{broken\n{also", "bad.jsonl")


def test_unknown_type_and_unreadable_path(tmp_path):
    assert not is_supported("a.png") and is_supported("A.MD")
    with pytest.raises(UnreadableFile, match="unsupported"):
        load_bytes(b"x", "a.png")
    with pytest.raises(UnreadableFile, match="cannot read"):
        load_file(tmp_path / "missing.md", "missing.md")


def test_markdown_renders_a_liquid_channel_tag_and_drops_template_comments():
    # what the site shows: "#admins-docker" (the tag's first argument; a second is its label), nothing of a comment
    blocks, _ = parse_markdown(
        'Ask {% slack_channel "admins-docker" %} or {% slack_channel "vets" "Vets" %} for access.\n\n'
        "- Kick off {% comment %}TODO link to\nKickoffs{% endcomment %}the team {% include x.html %}\n"
    )
    assert blocks[0].text == "Ask #admins-docker or #vets for access."
    assert "TODO" not in blocks[1].text and "Kickoffs" not in blocks[1].text and "Kick off" in blocks[1].text


def test_markdown_reference_links_are_their_text_and_definitions_render_nothing():
    blocks, _ = parse_markdown(
        "Fill out the [CGE Access Request Form][cgeform] and [this][].\n\n"
        '[cgeform]: {% page "/travel/" %}\n[this]: https://x.org\n\nNext ![logo][l] end.\n'
    )
    assert [b.text for b in blocks] == ["Fill out the CGE Access Request Form and this.", "Next logo end."]
