"""Questions that name a quantity ("what is the per diem") want a number as their short answer."""

import pytest

from reasoner.solvers.rag.extract import find_value, question_kind


@pytest.mark.parametrize(
    "question",
    ["What is the per diem for international travel?", "What is the minimum password length?",
     "What is the mileage rate?", "What is the 401k match?"],
)
def test_named_quantities_are_number_questions(question):
    assert question_kind(question) == "number"


def test_name_questions_stay_names():
    assert question_kind("What is the name of the VPN client?") != "number"


def test_value_of_a_named_quantity():
    sentence = "International travel: $110 per day. On travel days you receive 75% of it."
    assert find_value("What is the per diem for international travel?", sentence) == "$110"
