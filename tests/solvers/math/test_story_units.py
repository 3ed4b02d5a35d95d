"""Unit conversions for answers asked in another unit than the story's."""

from fractions import Fraction

import pytest

from reasoner.solvers.math.story import read_problem
from reasoner.solvers.math.story.units import canonical, factor


@pytest.mark.parametrize(
    ("src", "dst", "value"),
    [("cent", "dollar", Fraction(1, 100)), ("dime", "dollar", Fraction(1, 10)), ("minute", "hour", Fraction(1, 60)),
     ("inch", "yard", Fraction(1, 36)), ("kilogram", "gram", Fraction(1000)), ("g", "kilogram", Fraction(1, 1000)),
     ("hour", "hour", Fraction(1))],
)
def test_factors_chain_the_definitions(src, dst, value):
    assert factor(src, dst) == value


def test_units_that_do_not_convert_have_no_factor():
    assert factor("minute", "dollar") is None
    assert factor("apple", "pear") is None
    assert canonical("cm") == "centimeter"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Nancy has saved 4900 cents from selling lemonade. How many dollars does Nancy have?", 49),
        ("Joan found 15 dimes in her jacket, and 4 dimes in her shorts. How much money did Joan find?",
         Fraction(19, 10)),
        ("On Wednesday, Joan spent 4 half-dollars playing pinball. The next day, she spent 14 half-dollars on "
         "pinball. What was the total amount Joan spent playing pinball?", 9),
        ("James rode 80 miles at 16 miles per hour. How long did James ride?", 5),
    ],
)
def test_answers_in_the_asked_unit(text, value):
    assert read_problem(text).value == value
