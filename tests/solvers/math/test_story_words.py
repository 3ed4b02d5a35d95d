"""The story reader's tokens: numbers however English writes them, lemmas, contractions."""

from fractions import Fraction

import pytest

from reasoner.errors import ParseError
from reasoner.solvers.math.story.words import noun_lemma, tokenize, verb_lemma


def _numbers(text):
    return [(t.value, t.unit) for t in tokenize(text) if t.is_num]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("seven hundred thirty-six photos", Fraction(736)),
        ("twenty-one cards", Fraction(21)),
        ("16,000 dollars", Fraction(16000)),
        ("2.5 feet", Fraction(5, 2)),
        ("a dozen eggs", Fraction(12)),
        ("3 dozen eggs", Fraction(36)),
        ("one-third of the cake", Fraction(1, 3)),
        ("two thirds of the pie", Fraction(2, 3)),
        ("3/4 cup", Fraction(3, 4)),
    ],
)
def test_numbers_in_words_and_digits(text, value):
    assert _numbers(text)[0][0] == value


def test_currency_and_percent_signs_become_units():
    assert _numbers("She paid $ 12.50 and a 4% tax") == [(Fraction(25, 2), "dollar"), (Fraction(4), "percent")]


def test_a_list_without_spaces_is_not_one_thousands_number():
    assert [v for v, _ in _numbers("the numbers 4,5 and 6")] == [4, 5, 6]


def test_sentences_are_numbered_and_titles_do_not_end_them():
    toks = tokenize("Mrs. Hilt has 40 markers. She gives 3 away.")
    assert {t.sent for t in toks if t.low == "hilt"} == {0}
    assert {t.sent for t in toks if t.low == "gives"} == {1}


def test_contractions_split_into_word_and_ending():
    lows = [t.low for t in tokenize("Sara's cat didn't eat.")]
    assert lows[:5] == ["sara", "'s", "cat", "did", "n't"]


def test_lemmas_come_from_the_dictionary():
    assert (noun_lemma("peaches"), noun_lemma("seashells"), verb_lemma("gave"), verb_lemma("bought")) == (
        "peach", "seashell", "give", "buy")
    assert verb_lemma("Joan") == ""


@pytest.mark.parametrize("text", ["", "   ", "x" * 5000])
def test_empty_or_huge_text_is_refused(text):
    with pytest.raises(ParseError):
        tokenize(text)
