"""Structure-following chunking and near-duplicate detection."""

from __future__ import annotations

from reasoner.ingest.chunking import ChunkSettings, chunk_document, split_long, word_count
from reasoner.ingest.dedup import NearDuplicateFinder, signature
from reasoner.ingest.document import Block, Document


def _doc(*blocks: Block) -> Document:
    return Document(source="a.md", doc_type="md", title="T", blocks=list(blocks))


def test_paragraphs_of_a_section_are_packed_up_to_size():
    doc = _doc(*(Block(f"para {i} " + "w " * 8, "S") for i in range(5)))
    chunks = chunk_document(doc, ChunkSettings(size=25))
    assert [word_count(c.text) for c in chunks] == [20, 20, 10]
    assert all(c.section == "S" and c.title == "T" for c in chunks)


def test_chunks_never_cross_sections_or_pages():
    doc = _doc(Block("one", "A"), Block("two", "B"), Block("three", "B", page=2))
    chunks = chunk_document(doc, ChunkSettings(size=100))
    assert [(c.text, c.section, c.page) for c in chunks] == [
        ("one", "A", None),
        ("two", "B", None),
        ("three", "B", 2),
    ]


def test_long_paragraph_splits_at_sentence_ends():
    text = " ".join(f"Sentence number {i} has five words." for i in range(10))
    pieces = split_long(text, size=14, overlap=0, by_lines=False)
    assert all(word_count(p) <= 14 for p in pieces)
    assert all(p.endswith(".") for p in pieces) and " ".join(pieces) == text


def test_overlap_repeats_whole_sentences():
    text = "A b c d. E f g h. I j k l. M n o p."
    assert split_long(text, size=8, overlap=4, by_lines=False) == [
        "A b c d. E f g h.",
        "E f g h. I j k l.",
        "I j k l. M n o p.",
    ]


def test_small_table_kept_whole_large_table_split_by_rows():
    rows = "\n".join(f"k: v{i} | x: y" for i in range(10))  # 10 rows of 5 words
    whole = chunk_document(_doc(Block(rows, "", None, "table")), ChunkSettings(size=25))
    assert len(whole) == 1 and whole[0].text == rows
    split = chunk_document(_doc(Block(rows, "", None, "table")), ChunkSettings(size=12))
    assert len(split) == 5 and all(c.text.count("\n") == 1 for c in split)
    assert "\n".join(c.text for c in split) == rows


def test_hash_covers_title_section_and_text():
    a = chunk_document(_doc(Block("same text", "A")))[0]
    b = chunk_document(_doc(Block("same text", "B")))[0]
    assert a.hash != b.hash and a.index_text == "T > A\nsame text"


def test_settings_key_changes_with_size():
    assert ChunkSettings(100).key() != ChunkSettings(120).key()


BASE = ("Employees may work remotely up to three days per week with the approval of their supervisor, "
        "provided that their duties can be performed away from the office without loss of quality.")  # fmt: skip


def test_near_duplicates_found_and_distinct_text_not():
    long_text = " ".join([BASE] * 3 + [f"clause{i}" for i in range(30)])  # about 120 words
    finder = NearDuplicateFinder()
    finder.add("base", signature(long_text))
    assert finder.find(signature(long_text.replace("clause15", "changed"))) == "base"  # Jaccard ~0.95
    assert finder.find(signature(BASE.replace("three", "3"))) is None  # a different, shorter text
    assert finder.find(signature("Travel must be booked through the portal at least fourteen days ahead of "
                                 "the trip, and receipts are due within five business days.")) is None  # fmt: skip


def test_short_text_has_no_signature():
    assert signature("Too short to compare.") is None
    finder = NearDuplicateFinder()
    finder.add("x", None)
    assert finder.find(None) is None
