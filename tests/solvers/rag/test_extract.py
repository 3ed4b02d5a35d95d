import pytest

from reasoner.solvers.rag.extract import extract, find_value, focus, question_kind, rank_sentences

TEXTS = [
    "Full-time employees earn 25 days of vacation each year. Part-time staff earn 10 days.",
    "The office is in Washington, D.C. It was founded on March 19, 2014 by Greg Godbout.",
]


@pytest.mark.parametrize(
    "q,kind",
    [
        ("How many days off do I get?", "number"),
        ("What percentage is matched?", "number"),
        ("When was it founded?", "date"),
        ("In what year did it open?", "date"),
        ("How long is the trial?", "number"),
        ("Who founded 18F?", "person"),
        ("Where is the office?", "place"),
        ("Which tool files expenses?", "entity"),
        ("Why do we pair?", "other"),
    ],
)
def test_question_kind(q, kind):
    assert question_kind(q) == kind


def test_rank_sentences_best_first():
    ranked = rank_sentences("How many vacation days do full-time employees earn?", TEXTS)
    assert ranked[0][2].startswith("Full-time employees earn 25")
    assert ranked[0][1] == 0


def test_find_value_number_skips_question_numbers():
    s = "In 2020, staff earned 12 days."
    assert find_value("How many days did staff earn in 2020?", s) == "12"


def test_find_value_date_and_person():
    s = TEXTS[1]
    assert (
        find_value("When was it founded?", "It was founded on March 19, 2014 by Greg Godbout.")
        == "March 19, 2014"
    )
    assert find_value("Who founded it?", s) == "Greg Godbout"


def test_find_value_none_for_other_questions():
    assert find_value("Why do we pair?", "We pair to share knowledge.") is None


def test_extract_returns_sentence_and_value():
    e = extract("How many vacation days do full-time employees earn?", TEXTS)
    assert e is not None and e.value == "25" and e.source == 0 and e.score > 0.8


def test_extract_none_without_overlap():
    assert extract("Quantum chromodynamics lattice?", TEXTS) is None


def test_focus_keeps_short_text_whole_and_cuts_long_text():
    assert focus("q", "short text.", 100) == "short text."
    long = "Alpha beta gamma. " * 10 + "The vacation policy grants 25 days. " + "Delta epsilon. " * 10
    out = focus("vacation policy days", long, 60)
    assert "25 days" in out and len(out) <= 60 + 40


def test_find_value_keeps_question_number_with_other_unit():
    s = "FMLA entitles you to up to 12 weeks of unpaid leave per 12 month period."
    assert find_value("How many weeks of FMLA leave per 12-month period?", s) == "12"


def test_question_kind_limits_are_numbers():
    assert question_kind("What is the maximum carry-over, in hours?") == "number"
    assert question_kind("What is the yearly cap on award leave?") == "number"


def test_guess_span_takes_new_words_next_to_question_words():
    from reasoner.solvers.rag.extract import guess_span

    s = "The Normans give their name to Normandy, a region in France."
    assert guess_span("What region did the Normans give their name to?", s) == "Normandy"
    assert guess_span("Unrelated words only?", "Nothing here matches.") is None


def test_find_value_number_word_in_question_counts_as_repeat():
    s = "Fewer than 3 years: 4 hours per pay period."
    assert find_value("With under three years of service, how many hours accrue per pay period?", s) == "4"
