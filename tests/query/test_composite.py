"""Composite questions: arithmetic frames around knowledge-base facts."""

import pytest

from reasoner.query.composite import fill, parse_composite


@pytest.mark.parametrize(
    ("question", "template", "parts"),
    [
        ("What is 15% of the K-7's list price?", "15% * {0}", ("What is the K-7's list price?",)),
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


@pytest.mark.parametrize(
    ("question", "template", "parts"),
    [
        ("How much heavier is the K-9 than the K-7 in kilograms?", "{0} - {1}",
         ("What is the weight of the K-9?", "What is the weight of the K-7?")),
        ("How much cheaper is the K-7 than the K-9?", "{1} - {0}",
         ("What is the list price of the K-7?", "What is the list price of the K-9?")),
        ("How many more hours of battery life does the K-9 have than the K-7?", "{0} - {1}",
         ("What is the battery life of the K-9?", "What is the battery life of the K-7?")),
        ("What does a K-9 cost after the 15% education discount?", "(1 - 15%) * {0}",
         ("What is the list price of the K-9?",)),
        ("With the 40% employee discount, how much would I pay for a K-9?", "(1 - 40%) * {0}",
         ("What is the list price of the K-9?",)),
        ("What is the K-12 Pro's price with a 10% volume discount?", "(1 - 10%) * {0}",
         ("What is the list price of the K-12 Pro?",)),
        ("What do a K-7 and a DockStation D2 cost together?", "{0} + {1}",
         ("What is the list price of the K-7?", "What is the list price of the DockStation D2?")),
        ("How much would three K-7s cost at list price?", "3 * {0}", ("What is the list price of the K-7?",)),
    ],
)
def test_comparison_discount_and_together_frames(question, template, parts):
    comp = parse_composite(question)
    assert comp is not None and (comp.template, comp.parts) == (template, parts)


@pytest.mark.parametrize(
    ("question", "template", "parts"),
    [
        ("If each of the 14 engineers gets the laptop budget, what is the total?", "14 * {0}",
         ("What is the laptop budget?",)),
        ("If each of the fourteen new hires receives the onboarding stipend, what is the total cost?", "14 * {0}",
         ("What is the onboarding stipend?",)),
        ("If 12 engineers each get the laptop budget, what is the total?", "12 * {0}", ("What is the laptop budget?",)),
        ("If each of the two dozen interns is paid the daily rate, what is the total?", "24 * {0}",
         ("What is the daily rate?",)),
    ],
)
def test_each_of_a_kb_fact(question, template, parts):
    comp = parse_composite(question)
    assert comp is not None and (comp.template, comp.parts, comp.frame) == (template, parts, "each-of")


@pytest.mark.parametrize(
    "question",
    [
        "Each of the 3 teams gets 5 laptops, what is the total?",  # all numbers given: a word problem
        "If each of the engineers gets the laptop budget, what is the total?",  # no count
    ],
)
def test_each_of_needs_a_count_and_a_fact(question):
    assert parse_composite(question) is None
