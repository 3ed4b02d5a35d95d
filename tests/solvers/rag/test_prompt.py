from reasoner.solvers.rag.prompt import (
    ABSTAIN_TEXT,
    SYSTEM,
    build_messages,
    canonical_question,
    clean_reply,
    format_sources,
    parse_citations,
    prompt_label,
    revision_messages,
    source_label,
)
from reasoner.types import Chunk, Hit


def test_format_sources_numbers_from_one_and_flattens_whitespace():
    out = format_sources(["a\n b", "c"], ["x.md > S", ""])
    assert out == "[1] (S) a b\n\n[2] c"


def test_prompt_label_keeps_the_deepest_heading_or_the_file_name():
    assert prompt_label("pages/travel/leave.md > Types of leave > Military leave") == "Military leave"
    assert prompt_label("pages/tools/tock.md") == "tock"
    assert prompt_label("a\\b\\notes.txt") == "notes"
    assert prompt_label("x.md > ") == "x"  # an empty heading falls back to the file
    assert prompt_label("README") == "README" and prompt_label(".env") == ".env"


def test_prompt_labels_shorten_the_prompt_not_the_evidence_label():
    c = Chunk("id", "Five days of leave.", "pages/travel-and-leave/leave.md", section="Types of leave > Military leave")
    label = source_label(Hit(c, 0.5))
    assert label == "pages/travel-and-leave/leave.md > Types of leave > Military leave"
    user = build_messages("How many days?", [c.text], [label])[1]["content"]
    assert "[1] (Military leave) Five days of leave." in user and "pages/" not in user


def test_build_messages_system_first_and_fixed():
    msgs = build_messages("How many days?", ["25 days."])
    assert msgs[0] == {"role": "system", "content": SYSTEM}
    assert ABSTAIN_TEXT in SYSTEM
    assert "[1] 25 days." in msgs[1]["content"]
    assert msgs[1]["content"].rstrip().endswith("Answer with a citation:")
    assert "Question: How many days?" in msgs[1]["content"]


def test_system_prompt_is_shared_across_questions():
    a, b = build_messages("q1", ["x"]), build_messages("q2", ["y"])
    assert a[0] == b[0]


def test_revision_messages_carry_draft_and_problem():
    msgs = revision_messages("q?", ["src"], "draft [1]", "numbers not in the cited text: 30")
    assert "Draft answer: draft [1]" in msgs[1]["content"]
    assert "numbers not in the cited text: 30" in msgs[1]["content"]


def test_parse_citations_order_dedup_range():
    assert parse_citations("Yes [2]. Also [1, 2] and [7].", 3) == [2, 1]


def test_parse_citations_source_word_and_none():
    assert parse_citations("See [Source 3].", 3) == [3]
    assert parse_citations("No marks (1) here", 3) == []
    assert parse_citations("[0] is not a source", 3) == []


def test_clean_reply_strips_prefix_and_extra_paragraphs():
    assert clean_reply("Answer: 25 days [1].\n\nMore rambling") == "25 days [1]."
    assert clean_reply("  It is X.<|im_end|>") == "It is X."


def test_source_label_with_and_without_section():
    c = Chunk("id", "t", "a/b.md", section="Sec")
    assert source_label(Hit(c, 0.5)) == "a/b.md > Sec"
    assert source_label(Hit(Chunk("id", "t", "a/b.md"), 0.5)) == "a/b.md"


def test_clean_reply_strips_answer_preambles_only():
    assert clean_reply("The answer to the question is: X founded it.") == "X founded it."
    assert clean_reply("The answer is 25.") == "25."
    assert clean_reply("Short answer: Paris") == "Paris"
    assert clean_reply("Answering machines are old.") == "Answering machines are old."


def test_short_answer_messages():
    from reasoner.solvers.rag.prompt import short_answer_messages

    msgs = short_answer_messages("Who?", "Some\n text.")
    assert msgs[1]["content"].startswith("Text: Some text.") and msgs[1]["content"].endswith("Short answer:")


def test_prompts_state_the_question_in_one_canonical_form():
    assert canonical_question("  Which laptop do\n engineers get ") == "Which laptop do engineers get?"
    assert canonical_question("Tell me the hours.") == "Tell me the hours."
    assert canonical_question("") == ""
    a = build_messages("Who leads sales", ["x"])[1]["content"]
    assert a == build_messages("Who leads sales?", ["x"])[1]["content"] and "Question: Who leads sales?\n" in a
