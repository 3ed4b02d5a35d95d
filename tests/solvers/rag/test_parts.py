from reasoner.solvers.rag.parts import part_query, split_parts


def test_two_questions_in_one():
    assert split_parts("How long is the sabbatical, and how often?") == ["How long is the sabbatical?", "how often?"]
    assert part_query("how often?", "How long is the sabbatical?") == "how often? (How long is the sabbatical)"


def test_a_condition_and_its_question_are_one_question():
    q = "When I leave federal service, what happens to my leftover annual leave balance?"
    assert split_parts(q) == [q]
    q = "When I'm hired, who sets me up with the charge codes?"
    assert split_parts(q) == [q]


def test_one_question_stays_whole():
    q = "How many weeks of unpaid, job-protected time off can I take?"
    assert split_parts(q) == [q]
