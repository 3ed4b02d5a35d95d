"""Reading a request by its meaning (session 9, issue 25): objects masked, the operation taken from
the nearest frames by the MiniLM embedder, the canonical question built from the objects.

The unit tests of masking and building need no embedder; the pairs at the end go through the
whole fallback (the worded readings decline each of them first, which is asserted). The wordings
are written for these tests, none copied from a reworded data set, and the numbers are new.
"""

from __future__ import annotations

import pytest

from reasoner.errors import ParseError
from reasoner.solvers.math import nlu
from reasoner.solvers.math.meaning import canonical
from reasoner.solvers.math.objects import mask
from reasoner.solvers.math.requests import Choice, build

from .conftest import check_declined, check_near_miss, check_reads_as


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(o.kind, o.text) for o in mask(text).objects]


# -- masking ----------------------------------------------------------------------------------------


def test_mask_names_each_object_by_its_type():
    m = mask("What does d have to be so that 23*d - 7 = 4*d?")
    assert m.masked == "What does variable have to be so that equation?"
    assert _kinds(m.text) == [("var", "d"), ("eq", "23*d - 7 = 4*d")]


def test_mask_joins_a_list_ended_by_and():
    assert _kinds("Sum up 3, 8, -2 and 6.") == [("list", "3, 8, -2 and 6")]
    assert mask("Sum up 3, 8, -2 and 6.").objects[0].items == ("3", "8", "-2", "6")


def test_mask_reads_options_with_commas_and_or():
    objs = mask("Which is nearest 2: (a) -1, (b) q or (c) 5?").objects
    assert [o.kind for o in objs] == ["num", "options"]
    assert objs[1].items == ("(a) -1", "(b) q", "(c) 5")


def test_mask_reads_definitions_in_words_and_as_equations():
    assert _kinds("m is 4*7 and f(x) = x + 1. What is f(m)?") == [
        ("def", "m = 4*7"),
        ("def", "f(x) = x + 1"),
        ("expr", "f(m)"),
    ]


def test_mask_keeps_english_letters_as_words_until_defined():
    assert _kinds("Is 91 a prime?") == [("num", "91")]
    assert _kinds("70/(-154)*3 I keep getting it wrong.") == [("expr", "70/(-154)*3")]
    assert _kinds("What is 2 - a?") == [("expr", "2 - a")]
    objs = _kinds("Let a = 2.5 + 1. What is a to 1 decimal place?")
    assert ("var", "a") in objs


def test_mask_finds_nothing_in_plain_english():
    assert mask("Who wrote the novel Dracula?").objects == ()


# -- building the canonical question (no embedder) ----------------------------------------------------


def _build(kind: str, text: str, member: str = "") -> str | None:
    return build(kind, mask(text), Choice(kind, 0.9, 0.2, member or kind))


def test_build_solve_puts_earlier_facts_in_the_setup():
    got = _build("solve", "We know 2*i = 8. Given that, what's v when 3 = i*v - 5?")
    assert got == "Suppose 2*i = 8. Solve 3 = i*v - 5 for v."


def test_build_solve_needs_one_unknown_when_none_is_named():
    assert _build("solve", "Two equations: a + b = 3 and a - b = 1.") is None


def test_build_divisor_is_the_operand_after_by():
    assert _build("remainder", "What's left of 50 once divided by 7?") == "What is the remainder when 50 is divided by 7?"
    assert _build("remainder", "Take 7 and 50; what remains?") is None  # which one divides?
    assert _build("is_factor", "Can 91 be divided by 7 exactly?") == "Is 7 a factor of 91?"


def test_build_yes_no_operations_only_for_yes_no_questions():
    assert _build("is_prime", "What prime numbers go into 91?") is None
    assert _build("is_prime", "Tell me whether 91 is prime.") == "Is 91 prime?"
    assert _build("is_prime", "Is 91 composite?") == "Is 91 composite?"


def test_build_nth_term_needs_the_variable_named():
    assert _build("nth_term", "Find a formula for the q'th term of 3, 5, 7, 9.") == "What is the q'th term of 3, 5, 7, 9?"
    assert _build("nth_term", "Find a formula for the terms of 3, 5, 7, 9.") is None
    assert _build("next_term", "Find the q'th term of 3, 5, 7, 9.") is None


def test_build_order_reads_direction_and_rank_from_the_question():
    text = "If you put 4, -1, 9 from largest down, which is second?"
    assert _build("order", text, "sort") == "What is the second biggest value in 4, -1, 9?"
    assert _build("order", "Arrange 4, -1, 9 from smallest to largest.", "sort") == "Sort 4, -1, 9 in increasing order."
    assert _build("order", "Arrange 4, -1, 9 from highest to lowest.", "sort") == "Sort 4, -1, 9 in decreasing order."
    assert _build("order", "Which is largest: 4, -1 or 9?", "kth") == "What is the biggest value in 4, -1, 9?"


def test_build_declines_other_bases_and_unused_objects():
    assert _build("value", "Work out 12 - 5 in base seven.") is None
    assert _build("round", "Round 3.14159 to 2 decimal places.") == "Round 3.14159 to 2 decimal places."
    assert _build("round", "Let a = 1.25 + 1. What is a to 4 dp?") == "Let a = 1.25 + 1. Round a to 4 decimal places."
    assert _build("gcd", "What's the gcd of 12, 18 and 30?") is None  # two operands only


def test_build_pair_comparison_needs_an_alternative():
    assert _build("order", "If s = 3 - 5, which is smaller, 0.2 or s?", "kth") == (
        "Let s = 3 - 5. Which is smaller: 0.2 or s?"
    )
    assert _build("order", "Tell me the larger of 7/3 and 2.", "kth") == "Which is bigger: 7/3 or 2?"
    assert _build("order", "What's the biggest number that goes into both d and 5400?", "kth") is None


def test_build_divisor_after_into_and_before_divides():
    assert _build("is_factor", "Does 56 go evenly into 1232?") == "Is 56 a factor of 1232?"
    assert _build("is_factor", "Tell me if 13 divides 91.") == "Is 13 a factor of 91?"
    assert _build("is_factor", "Does 7 go into 91 by 13?") is None  # both "into" and "by": unclear


def test_build_round_and_roots():
    assert _build("round", "What's -1890.4015 to the nearest 100?") == "Round -1890.4015 to the nearest 100."
    assert _build("round", "Give 105549.577 to the nearest thousand.") == "Round 105549.577 to the nearest thousand."
    assert _build("round", "Show 2.71828 to three decimal places.") == "Round 2.71828 to 3 decimal places."
    assert _build("round", "Which integer is closest to the cube root of 9000?") == (
        "What is the cube root of 9000 to the nearest integer?"
    )
    assert _build("round", "Round 12.5 to 2 decimal places and to the nearest 10.") is None


def test_build_simplify_needs_the_name_said_positive():
    got = _build("simplify_pos", "With v positive, write (v**2)**(1/3)*v in its simplest form.")
    assert got == "Simplify (v**2)**(1/3)*v assuming v is positive."
    assert _build("simplify_pos", "Write (v**2)**(1/3)*v in its simplest form.") is None


def test_build_declines_a_function_defined_in_words():
    text = "Let w(j) be the third derivative of j**5 and l(c) = 19 - 6*c. Simplify -4*l(m) + 9*w(m)."
    assert _build("value", text) is None


def test_yes_no_reads_requests_and_embedded_questions():
    from reasoner.solvers.math.requests import yes_no

    assert yes_no("Is 91 prime?")
    assert yes_no("I'd like to know if 91 is prime.")
    assert not yes_no("Can you evaluate r(17) for me?")
    assert not yes_no("Could you tell me what 3 + 4 is?")


def test_build_place_reads_hyphenated_places():
    got = _build("place", "Tell me the digit in the ten-thousands place of 4718293.")
    assert got == "What is the ten thousands digit of 4718293?"


# -- the whole fallback (MiniLM) -----------------------------------------------------------------------

PAIRS = [
    ("We have c = 12 - 5. Using that, solve 3*m - c = 2 for m.", "Let c = 12 - 5. Solve 3*m - c = 2 for m."),
    ("Could you tell me what (4 - 9) + 17 + -2 works out to?", "What is (4 - 9) + 17 + -2?"),
    ("I keep getting a strange result for 14/(-3) + (20 - 21). What should it be?", "What is 14/(-3) + (20 - 21)?"),
    ("Suppose both 2*p + q = 9 and p - q = 3 hold. Then p is what?", "Solve 2*p + q = 9, p - q = 3 for p."),
    ("If you order 5, -2, 7.5, 0 from smallest up, what's the third one?",
     "What is the third smallest value in 5, -2, 7.5, 0?"),
    ("Tell me the rule for term number k in 7, 12, 17, 22.", "What is the k'th term of 7, 12, 17, 22?"),
    ("Give all solutions for w: w**2 - 5*w + 6 = 0.", "Solve w**2 - 5*w + 6 = 0 for w."),
]


@pytest.mark.slow
@pytest.mark.parametrize(("reworded", "original"), PAIRS)
def test_read_by_meaning_as_the_original(reworded, original, math_solver):
    with pytest.raises(ParseError):
        nlu._read(reworded)  # no worded reading: the meaning reader answers it
    assert canonical(reworded) == original
    check_reads_as(reworded, original, math_solver)


NEAR = [
    # the direction of size changed: another rank
    ("If you order 5, -2, 7.5, 0 from largest down, what's the third one?",
     "What is the third smallest value in 5, -2, 7.5, 0?"),
    # another variable for the rule
    ("Tell me the rule for term number j in 7, 12, 17, 22.", "What is the k'th term of 7, 12, 17, 22?"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "other"), NEAR)
def test_near_miss_by_meaning(text, other, math_solver):
    check_near_miss(text, other, math_solver)


DECLINED = [
    "Who won the World Cup in 1990 and 1994?",
    "How many people lived in Berlin in 1900, 1950 and 2000?",
    "What remainder do you get on splitting 100 into groups of 7?",  # which operand divides: "into"
    "Please find the q-th and the r-th terms of 3, 5, 7, 9.",  # two variables: which formula?
]


@pytest.mark.slow
@pytest.mark.parametrize("text", DECLINED)
def test_declined_by_meaning(text, math_solver):
    check_declined(text, math_solver)


def test_contrast_finds_a_word_that_reverses_the_request():
    from collections import Counter

    from reasoner.solvers.math.meaning import contrast

    words = ["what", "comes", "next", "after", "the", "term", "is", "number", "positive", "in", "remainder"]
    vocab = {"next_term": Counter(dict.fromkeys(words, 5)), "value": Counter({"quotient": 4, "the": 9})}
    assert contrast("Which number comes before list?", "next_term", vocab) == "before"  # order, never said
    assert contrast("Is number negative?", "next_term", vocab) == "negative"  # WordNet: negative <-> positive
    assert contrast("What is the quotient in list?", "next_term", vocab) == "quotient"  # another operation's word
    assert contrast("What comes next after list?", "next_term", vocab) is None
    assert contrast("Hmm, what is the smallest term in list?", "next_term", vocab) is None  # a size: a parameter


@pytest.mark.slow
def test_a_reversed_request_is_declined_by_meaning():
    with pytest.raises(ParseError):
        canonical("Which number comes before 4, 9, 14, 19?")


def test_shipped_vectors_match_the_frames_file():
    """The shipped vectors were made from this frames file (regenerate with write_shipped_vectors)."""
    from reasoner.retrieval.embedder import RECOMMENDED
    from reasoner.solvers.math import meaning

    raw = meaning.FRAMES.read_text()
    n = sum(1 for x in raw.splitlines() if x.strip())
    digest = meaning.frames_digest(raw, RECOMMENDED)
    vectors = meaning.shipped_vectors(digest, (n, 384))
    assert vectors is not None and vectors.dtype.name == "float32"
    assert meaning.shipped_vectors(meaning.frames_digest(raw + " ", RECOMMENDED), (n, 384)) is None
    assert meaning.shipped_vectors(digest, (n + 1, 384)) is None


def test_shipped_vectors_missing_or_damaged_file_is_none(tmp_path):
    from reasoner.solvers.math import meaning

    assert meaning.shipped_vectors("x", (1, 384), path=tmp_path / "absent.npz") is None
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip")
    assert meaning.shipped_vectors("x", (1, 384), path=bad) is None


@pytest.mark.slow
def test_shipped_vectors_agree_with_the_embedder():
    """float16 storage keeps each frame's vector within rounding of a fresh embedding."""
    import json

    import numpy as np

    from reasoner.retrieval.embedder import RECOMMENDED, load_embedder
    from reasoner.solvers.math import meaning

    raw = meaning.FRAMES.read_text()
    frames = [json.loads(x) for x in raw.splitlines() if x.strip()]
    embedder = load_embedder(RECOMMENDED)
    shipped = meaning.shipped_vectors(meaning.frames_digest(raw, embedder.name), (len(frames), embedder.dim))
    sample = list(range(0, len(frames), 97))
    fresh = embedder.embed([frames[i]["masked"] for i in sample])
    cos = (fresh * shipped[sample]).sum(1) / np.linalg.norm(fresh, axis=1) / np.linalg.norm(shipped[sample], axis=1)
    assert cos.min() > 0.999


@pytest.mark.parametrize(
    "text",
    ["How much does the K-3 cost?", "What is the price of the K-7?", "How much is an F-150 worth?"],
)
def test_a_model_name_is_no_expression(text):
    """A capital joined to a number by a hyphen names a product: no math question, whatever the frame."""
    with pytest.raises(ParseError, match="model name"):
        canonical(text)
    with pytest.raises(ParseError):
        nlu.parse_question(text)
