"""Session 13 (kbnum): numeric spans that measure a length of time (issue 15).

Hand-written sentences, not from any data set."""


def test_an_article_before_a_moment_counts_no_length_of_time() -> None:
    from reasoner.solvers.rag.spans import quantities

    shown = [s.text for s in quantities("She booked a last minute flight, and stayed a calendar day longer.")]
    assert "a last minute" not in shown
    assert "a calendar day" in shown


def test_a_bare_number_does_not_answer_how_long() -> None:
    from reasoner.solvers.rag.answer_type import question_type
    from reasoner.solvers.rag.spans import spans

    qtype = question_type("How long does the warranty last?")
    found = [s.text for s in spans("The warranty, signed March, 3, 2021, lasts 18 months.", qtype)]
    assert "18 months" in found and "3" not in found
