"""Unit tests of the lexer, parser, tree helpers and words (pure functions)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from reasoner.errors import ParseError, UnsafeInputError
from reasoner.solvers.math.exact import evaluate
from reasoner.solvers.math.lexer import tokenize
from reasoner.solvers.math.parser import Relation, parse, parse_equation, parse_relation
from reasoner.solvers.math.tree import Bin, Call, Name, Neg, Num, Post, calls, canonical, names, show
from reasoner.solvers.math.words import (
    fraction_words,
    number_word,
    ordinal,
    sentences,
    split_list,
    split_options,
    split_top,
)


def test_tokens_of_simple_expression():
    assert [t.text for t in tokenize("3*x**2 - 1")] == ["3", "*", "x", "**", "2", "-", "1"]


def test_decimal_literal_is_one_token():
    assert [t.kind for t in tokenize("0.75+.5")] == ["num", "op", "num"]


def test_unicode_operators_normalised():
    assert [t.text for t in tokenize("6 \u00d7 7 \u2212 1")] == ["6", "*", "7", "-", "1"]


@pytest.mark.parametrize("bad", ["2 # 3", "a;b", "x = `ls`", "1 & 2", "\u0435xec", "2\x00"])
def test_foreign_characters_refused(bad):
    with pytest.raises(ParseError):
        tokenize(bad)


def test_malformed_number_refused():
    with pytest.raises(ParseError):
        tokenize("1.2.3")


def test_too_many_digits_is_unsafe():
    with pytest.raises(UnsafeInputError):
        tokenize("9" * 101)


def test_unary_minus_binds_looser_than_power():
    assert parse("-x**2") == Neg(Bin("^", Name("x"), Num("2")))


def test_power_is_right_associative():
    assert parse("2^3^2") == Bin("^", Num("2"), Bin("^", Num("3"), Num("2")))


def test_negative_exponent():
    assert parse("2**-1") == Bin("^", Num("2"), Neg(Num("1")))


def test_implicit_multiplication_number_name():
    assert parse("5x") == Bin("*", Num("5"), Name("x"))


def test_implicit_multiplication_before_parenthesis():
    assert parse("2(x+1)") == Bin("*", Num("2"), Bin("+", Name("x"), Num("1")))


def test_implicit_multiplication_before_function():
    assert parse("x sin(x)") == Bin("*", Name("x"), Call("sin", (Name("x"),)))


def test_two_numbers_side_by_side_refused():
    with pytest.raises(ParseError):
        parse("2 3")


def test_user_function_call_only_when_declared():
    assert parse("f(3)", frozenset({"f"})) == Call("f", (Num("3"),))
    assert parse("f(3)") == Bin("*", Name("f"), Num("3"))


def test_unknown_long_name_refused():
    with pytest.raises(ParseError):
        parse("os")


def test_whitelisted_function_needs_parentheses():
    with pytest.raises(ParseError):
        parse("sqrt 4")


def test_function_arity_checked():
    with pytest.raises(ParseError):
        parse("sqrt(1, 2)")


def test_percent_and_factorial_postfix():
    assert parse("15%") == Post("%", Num("15"))
    assert parse("5!") == Post("!", Num("5"))


def test_relation_parsed():
    assert parse_relation("x <= 3") == Relation(Name("x"), "<=", Num("3"))


def test_double_equals_normalised():
    assert parse_relation("a == b").op == "="


def test_equation_required():
    with pytest.raises(ParseError):
        parse_equation("x + 1")


def test_expression_rejects_relation():
    with pytest.raises(ParseError):
        parse("x = 1")


def test_unbalanced_parenthesis():
    with pytest.raises(ParseError):
        parse("(1 + 2")


def test_trailing_operator():
    with pytest.raises(ParseError):
        parse("1 +")


def test_empty_expression():
    with pytest.raises(ParseError):
        parse("   ")


def test_deep_nesting_is_unsafe():
    with pytest.raises(UnsafeInputError):
        parse("(" * 200 + "1" + ")" * 200)


def test_names_and_calls():
    node = parse("f(x) + y*sin(z)", frozenset({"f"}))
    assert names(node) == {"x", "y", "z"}
    assert calls(node) == {"f", "sin"}


def test_canonical_ignores_operand_order_and_spacing():
    assert canonical(parse("2+3")) == canonical(parse("3 + 2"))
    assert canonical(parse("x*y + 1")) == canonical(parse("1 + y x"))


def test_canonical_keeps_non_commutative_order():
    assert canonical(parse("2-3")) != canonical(parse("3-2"))
    assert canonical(parse("2/3")) != canonical(parse("3/2"))


def test_canonical_normalises_number_text():
    assert canonical(parse("0.50 + 007")) == canonical(parse("7 + 0.5"))


def test_show_round_trips():
    for text in ["(2 + 3) * (-4)", "x**2 - 3*x", "a - (b - c)", "f(2) / (3 * x)"]:
        node = parse(text, frozenset({"f"}))
        assert parse(show(node), frozenset({"f"})) == node


def test_exact_evaluation():
    assert evaluate(parse("(48143/(-434) + 111)*16/6")) == Fraction(4, 21)
    assert evaluate(parse("0.1 + 0.2")) == Fraction(3, 10)
    assert evaluate(parse("15% * 240")) == 36


def test_exact_evaluation_bounds_powers():
    with pytest.raises(UnsafeInputError):
        evaluate(parse("10^100000"))


def test_number_words():
    assert number_word("thirty-nine") == 39
    assert number_word("one hundred thousand") == 100_000
    assert number_word("two million") == 2_000_000
    with pytest.raises(ParseError):
        number_word("banana")


def test_ordinals():
    assert ordinal("third") == 3
    assert ordinal("21st") == 21
    assert ordinal("twenty-first") == 21


def test_fraction_words():
    assert fraction_words("thirty-nine quarters") == Fraction(39, 4)
    assert fraction_words("two fifths") == Fraction(2, 5)
    assert fraction_words("a half") == Fraction(1, 2)


def test_split_top_respects_parentheses():
    assert split_top("f(1, 2), 3") == ["f(1, 2)", "3"]


def test_split_list_with_and():
    assert split_list("1, 2 and 3") == ["1", "2", "3"]


def test_split_options():
    assert split_options("(a) -1  (b) 11/1033") == [("a", "-1"), ("b", "11/1033")]
    assert split_options("no options here") == []


def test_sentences_keep_decimals_and_options():
    assert sentences("Let x be 2.5. Calculate x.") == ["Let x be 2.5", "Calculate x"]
    assert sentences("Which is biggest?  (a) 1  (b) 2") == ["Which is biggest?  (a) 1  (b) 2"]


def test_sentences_keep_a_final_factorial():
    assert sentences("What is 5!") == ["What is 5!"]
    assert sentences("Great! What is 2+2?") == ["Great", "What is 2+2"]


def test_thousands_separators_and_currency():
    assert evaluate(parse("1,299")) == 1299
    assert evaluate(parse("$1,299.50")) == Fraction(259900, 200)
    assert split_top("1,299, 3") == ["1,299", "3"]
    assert split_top("4,5") == ["4", "5"]
