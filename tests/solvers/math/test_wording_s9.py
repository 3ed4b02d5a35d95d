"""Session 9 of issue 25: a precision fix found by the held-out set s9-val (the probability reader)."""

from __future__ import annotations

from reasoner.solvers.math import parse_question


def test_the_sequence_is_letters_names_the_letters_not_the_copula():
    # main read "the sequence is xx" as the sequence "is" (and answered 0)
    p = parse_question("Picking two letters without replacement from kkxkxxkx, what is the chance the sequence is kx?")
    assert p.kind == "prob_sequence" and p.args["sequence"] == "kx"


def test_a_sequence_spelled_is_still_reads_as_letters():
    p = parse_question("Calculate prob of sequence is when two letters picked without replacement from iiss.")
    assert p.args["sequence"] == "is"
