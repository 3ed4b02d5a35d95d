"""Session 9 readings of the story reader, on hand-written stories (not from ASDiv or MAWPS).

Each reading has stories it answers and near misses it must still decline.
"""

import pytest

from reasoner.errors import ParseError
from reasoner.solvers.math.story import read_problem


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # manner-of-motion verbs toward a place ("up to", "over to") arrive there
        ("12 ducks were swimming in a pond. 5 more ducks flew over to the pond. How many ducks are in the pond now?", 17),
        ("9 kids sat at the table. 4 more kids walked up to the table. How many kids were at the table?", 13),
        # a progressive with a bare plural sets the scene; the next sentence says how many
        ("Nina was baking muffins. She baked 6 banana muffins and 5 corn muffins. How many muffins did she bake?", 11),
        # counted modifiers sharing one head noun
        ("A florist sold 3 rose, 5 tulip and 2 lily bouquets. How many bouquets did the florist sell?", 10),
    ],
)
def test_session9_readings(text, value):
    assert read_problem(text).value == value


@pytest.mark.parametrize(
    "text",
    [
        # away from the place: not an arrival
        "12 ducks were swimming in a pond. 5 ducks flew up and away. How many ducks flew to the pond?",
        # the progressive's plural is not told again with numbers: its amount stays unknown
        "Nina was baking muffins. She ate 3 muffins. How many muffins did she bake?",
        # a plural first item is its own noun, not a modifier of the list's head
        "Sam has 3 apples and 4 pear trees. How many trees does he have?",
    ],
)
def test_session9_near_misses_decline(text):
    with pytest.raises(ParseError):
        read_problem(text)
