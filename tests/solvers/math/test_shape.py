import pytest

from reasoner.solvers.math.shape import looks_like_math


@pytest.mark.parametrize("text", ["9**9**9**9", "What is 9**9**9**9?", "2 +* 3", "compute (3 + 4) * x",
                                  "1/0", "what's 2^10000000", "x = 3 + 2y"])
def test_calculations_are_math_shaped(text):
    assert looks_like_math(text)


@pytest.mark.parametrize("text", ["What is the K-9's price?", "How many vacation days do I get?", "K9",
                                  "__import__('os')", "What is 15% of the list price?", "", "2024",
                                  "Who leads Sales?"])
def test_questions_in_words_are_not(text):
    assert not looks_like_math(text)
