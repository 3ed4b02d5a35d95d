"""The math route's fallback to the story reader: estimate, SymPy cross-check, work shown, routing unchanged."""

from reasoner.solvers.math.story.route import looks_like_story, value_text
from reasoner.types import Budget, Context, Query

JOAN = "Joan found 70 seashells. She gave Sam some. She has 27 left. How many did she give to Sam?"


def test_a_story_is_answered_with_its_equations_as_the_work(math_solver):
    est = math_solver.estimate(Query(JOAN))
    assert est.confidence >= 0.6 and est.detail.startswith("word problem")
    ans = math_solver.solve(Query(JOAN), Context(budget=Budget()), est)
    assert (ans.value, ans.verified, ans.route) == ("43", True, "math")
    assert ans.text.startswith("70 - x = 27, so x = 43") and "43 seashells" in ans.text
    assert ans.evidence[0].kind == "expression" and "70 - x = 27" in ans.evidence[0].ref


def test_solve_without_an_estimate_reads_the_story_too(math_solver):
    ans = math_solver.solve(Query("Maria has 3 boxes of eggs. Each box holds 7 eggs. How many eggs does Maria have?"))
    assert ans.value == "21" and ans.verified


def test_a_story_it_cannot_account_for_is_declined(math_solver):
    text = "A team played 12 games. It lost 4 of them. It won most of the rest. How many did it win?"
    assert math_solver.estimate(Query(text)).confidence == 0.0
    assert math_solver.solve(Query(text)).abstained


def test_the_question_grammar_still_comes_first(math_solver):
    est = math_solver.estimate(Query("What is 15% of 240?"))
    assert est.detail == "value" and math_solver.solve(Query("What is 15% of 240?"), Context(budget=Budget()), est).value == "36"


def test_questions_that_are_not_stories_get_no_confidence(math_solver):
    for q in ("Who does the head of sales report to?", "How many vacation days do new hires get?",
              "what movies did Temuera Morrison act in", "How many hours of leave do I accrue after 3 years?",
              "DEC originally had 3 layers but evolved into how many layers"):  # a reading question (XQuAD)
        assert math_solver.estimate(Query(q)).confidence == 0.0


def test_cheap_filter_and_value_text():
    assert looks_like_story("Sam has three cats. How many legs?") and not looks_like_story("Who leads Sales?")
    from fractions import Fraction

    assert [value_text(Fraction(v)) for v in ("12", "5/2", "4/3")] == ["12", "2.5", "4/3"]


def test_algebra_in_symbols_is_not_a_story():
    # The story reader once summed every number of this system (7642); algebra goes to the parser.
    for q in ("The system is 4*r = -3700*t + 3705*t - 129, 4*r + 4*t = 96. What is r?",
              "Suppose x = 3. What is 2^x?", "If 2x = y and y = 8, what is x?"):
        assert not looks_like_story(q), q
    for q in ("How many books can he read in a year (a year = 365 days)?",
              "How much shorter is his trip? (Use the value of pi = 3.14)",
              "Joan found 70 seashells. She gave Sam some. She has 27 left. How many did she give to Sam?"):
        assert looks_like_story(q), q
