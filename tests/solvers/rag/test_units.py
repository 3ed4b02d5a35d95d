"""Candidates from markdown chunks: paragraphs unwrapped, list items, table rows with headers."""

from reasoner.solvers.rag.units import clean_inline, pieces, split_sentences, units_of_hits
from reasoner.types import Chunk, Hit


def texts(md: str) -> list[str]:
    return [p.text for p in pieces(md)]


def test_hard_wrapped_lines_of_a_paragraph_are_one_sentence():
    md = "You're expected to spend at least\n80% of your time on billable work. That leaves\nup to 20% for the rest."
    assert texts(md) == [
        "You're expected to spend at least 80% of your time on billable work.",
        "That leaves up to 20% for the rest.",
    ]


def test_sentences_are_not_cut_after_abbreviations():
    assert split_sentences("Go to 1800 F St. NW for the badge. Then call.") == [
        "Go to 1800 F St. NW for the badge.",
        "Then call.",
    ]
    assert len(split_sentences("Use a tool, e.g. Cofense, to report it.")) == 1


def test_table_rows_carry_their_header():
    md = "| Work week | Billable time |\n| --- | --- |\n| 5 days | 32 hours |\n| 3 days | 19 hours |"
    assert texts(md) == ["Work week: 5 days; Billable time: 32 hours", "Work week: 3 days; Billable time: 19 hours"]


def test_list_items_are_candidates_and_carry_their_lead_in():
    md = "Three to five weeks in advance for:\n\n- Conferences over $2,500\n- Events abroad"
    ps = pieces(md)
    assert [p.kind for p in ps] == ["sentence", "item", "item"]
    assert ps[1].lead == "Three to five weeks in advance for:"
    hits = [Hit(Chunk("c", md, "a.md", "Conferences", "Approval"), 0.5)]
    units = units_of_hits(hits)
    assert units[1].text == "Three to five weeks in advance for: Conferences over $2,500"
    assert units[1].in_context.startswith("Conferences > Approval:")


def test_a_list_flattened_onto_one_line_is_split():
    md = "You must use it within a year * You need 12 months of service. 1. Make a copy. - It helps."
    assert texts(md) == ["You must use it within a year", "You need 12 months of service.", "Make a copy.", "It helps."]


def test_a_dash_between_words_is_a_range_not_a_list():
    assert texts("Open Monday - Friday, 9 - 5.") == ["Open Monday - Friday, 9 - 5."]


def test_headings_are_context_not_candidates():
    assert texts("## Leave\n\nYou get 4 hours per pay period.") == ["You get 4 hours per pay period."]


def test_markup_is_removed():
    assert clean_inline("Ask in \\#670 or [the form](http://x) **now** {% slack_channel \"tock\" %}") == (
        "Ask in #670 or the form now tock"
    )


def test_a_sentence_repeated_in_two_chunks_is_one_candidate():
    c1, c2 = Chunk("a", "Use LastPass.", "a.md"), Chunk("b", "Use LastPass. Call IT.", "b.md")
    units = units_of_hits([Hit(c1, 0.9), Hit(c2, 0.8)])
    assert [(u.text, u.hit) for u in units] == [("Use LastPass.", 0), ("Call IT.", 1)]
