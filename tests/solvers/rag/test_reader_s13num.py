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


def test_one_and_a_half_is_one_amount() -> None:
    from reasoner.solvers.rag.spans import quantities

    shown = [s.text for s in quantities("The ferry takes two and a half hours each way.")]
    assert shown == ["two and a half hours"]


def test_the_amount_the_question_qualifies_is_taken() -> None:
    from reasoner.solvers.rag.answer_type import question_type
    from reasoner.solvers.rag.spans import best_span

    question = "How often is the lawn mowed in spring?"
    text = "The lawn is mowed once a month in winter and twice a week in spring."
    anchors = [text.index("lawn"), text.index("mowed"), text.index("spring")]
    span = best_span(question, text, question_type(question), anchors)
    assert span is not None and span.text == "twice a week"
    text2 = "In winter the lawn is mowed once a month."
    span2 = best_span(question, text2, question_type(question), [text2.index("lawn")])
    assert span2 is not None and span2.text == "once a month"


def test_the_case_the_question_excludes_counts_against_an_amount() -> None:
    import re

    from reasoner.solvers.rag.answer_type import question_type
    from reasoner.solvers.rag.extract import question_terms
    from reasoner.solvers.rag.spans import best_span
    from reasoner.text.stem import suffix_stem

    question = "I work on my own laptop instead of a loaned tablet. What's my monthly stipend?"
    text = "The stipend is $20 for staff with loaned tablets and $45 for staff with their own computer."
    terms = question_terms(question)
    anchors = [m.start() for m in re.finditer(r"[A-Za-z0-9']+", text) if suffix_stem(m.group().lower()) in terms]
    span = best_span(question, text, question_type(question), anchors)
    assert span is not None and span.text == "$45"
