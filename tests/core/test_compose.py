"""Composite questions: arithmetic frames around knowledge-base facts."""

import pytest

from reasoner.compose import fill, parse_composite


@pytest.mark.parametrize(
    ("question", "template", "parts"),
    [
        ("What is 15% of the K-7's list price?", "15/100 * {0}", ("What is the K-7's list price?",)),
        ("How much do two K-9s cost?", "2 * {0}", ("What is the list price of the K-9?",)),
        ("how much would 3 K-5 weigh?", "3 * {0}", ("What is the weight of the K-5?",)),
        ("What is twice the K-9 battery life?", "2 * {0}", ("What is the K-9 battery life?",)),
        (
            "What is the total price of the K-7 and the K-9?",
            "{0} + {1}",
            ("What is the price of the K-7?", "What is the price of the K-9?"),
        ),
        ("What is the K-7 list price minus 100?", "({0}) - (100)", ("What is the K-7 list price?",)),
    ],
)
def test_frames(question, template, parts):
    comp = parse_composite(question)
    assert comp is not None
    assert comp.template == template
    assert comp.parts == parts


@pytest.mark.parametrize(
    "question",
    ["What is 15% of 240?", "What is 3 plus 4?", "How many vacation days do new hires get?", "Who leads Sales?", ""],
)
def test_not_composite(question):
    assert parse_composite(question) is None


def test_fill_strips_currency_and_separators():
    assert fill("15/100 * {0}", ["$1,299"]) == "15/100 * 1299"
    assert fill("{0} + {1}", ["2", "3.5"]) == "2 + 3.5"
