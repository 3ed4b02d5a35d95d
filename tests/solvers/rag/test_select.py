import pytest

from reasoner.solvers.rag.select import best_source, choose, judge, renumber_citations, with_citations

TEXTS = [
    "The office is in Washington, D.C.",
    "Full-time employees earn 25 days of vacation each year.",
]
Q = "How many vacation days do employees earn?"


def test_judge_keeps_given_citation_when_grounded():
    c = judge("Employees earn 25 vacation days [2].", TEXTS, Q)
    assert c.good and c.cited == (2,) and c.note == ""


def test_judge_infers_missing_citation():
    c = judge("Employees earn 25 days of vacation.", TEXTS, Q)
    assert c.good and c.cited == (2,) and c.note == "inferred"


def test_judge_corrects_wrong_citation():
    c = judge("Employees earn 25 days of vacation [1].", TEXTS, Q)
    assert c.good and c.cited == (2,) and c.note == "corrected"


def test_judge_flags_invented_number():
    c = judge("Employees earn 40 days of vacation [2].", TEXTS, Q)
    assert not c.good and "40" in c.check.reason


def test_judge_refusal():
    c = judge("The knowledge base does not say.", TEXTS, Q)
    assert c.refusal and not c.good and c.cited == ()


def test_best_source_prefers_first_on_tie():
    assert best_source("nothing matches", TEXTS) == 1
    assert best_source("vacation days", TEXTS) == 2
    assert best_source("x", []) == 0


def test_choose_prefers_grounded_then_refusal_then_ungrounded():
    grounded = judge("Employees earn 25 days of vacation [2].", TEXTS, Q)
    refusal = judge("I don't know.", TEXTS, Q)
    wrong = judge("Employees earn 40 days [2].", TEXTS, Q)
    assert choose([wrong, refusal, grounded]) is grounded
    assert choose([wrong, refusal]) is refusal


def test_choose_earliest_on_ties_and_rejects_empty():
    a = judge("Employees earn 25 days of vacation [2].", TEXTS, Q)
    b = judge("Employees earn 25 days of vacation [2].", TEXTS, Q)
    assert choose([a, b]) is a
    with pytest.raises(ValueError):
        choose([])


def test_renumber_citations_maps_and_drops():
    assert renumber_citations("A [3]. B [1, 3]. C [2].", {3: 1, 1: 2}) == "A [1]. B [2, 1]. C."


def test_with_citations_appends_only_when_missing():
    assert with_citations("Answer.", [2]) == "Answer. [1]"
    assert with_citations("Answer [1].", [1]) == "Answer [1]."
    assert with_citations("Answer.", []) == "Answer."


LEAVE = [
    "Fewer than 3 years: 4 hours per pay period. Between 3 and 15 years: 6 hours per pay period. "
    "Today you have 182 hours of annual leave available in HR Links."
]
LQ = "With under three years of service, how many hours of annual leave accrue each pay period?"


def test_sentence_support_high_for_the_matching_sentence():
    from reasoner.solvers.rag.select import sentence_support

    assert sentence_support("4 hours per pay period", LQ, LEAVE) == 1.0


def test_sentence_support_low_for_a_number_from_another_sentence():
    from reasoner.solvers.rag.select import sentence_support

    assert sentence_support("182", LQ, LEAVE) < 0.8
    assert sentence_support("no numbers or names here", LQ, LEAVE) is None


def test_judge_rejects_number_lifted_from_an_unrelated_sentence():
    c = judge("182 [1].", LEAVE, LQ)
    assert not c.good and "off the question" in c.check.reason
    assert judge("You accrue 4 hours per pay period [1].", LEAVE, LQ).good
