"""The calibrated abstention score: a logistic model, fitted by the same code the benchmark uses."""

from reasoner.solvers.rag import abstain


def row(top: float, margin: float) -> dict[str, float]:
    out = dict.fromkeys(abstain.FEATURES, 0.0)
    out.update(top=top, margin=margin)
    return out


def test_probability_rises_with_the_best_score():
    low, high = abstain.probability(row(0.2, 0.0)), abstain.probability(row(0.9, 0.2))
    assert 0.0 < low < high < 1.0


def test_fit_learns_the_direction_of_the_evidence():
    rows = [row(0.2 + 0.01 * i, 0.0) for i in range(20)] + [row(0.7 + 0.01 * i, 0.1) for i in range(20)]
    labels = [False] * 20 + [True] * 20
    coef = abstain.fit(rows, labels, l2=0.1)
    assert coef["top"] > 0
    assert abstain.probability(row(0.9, 0.1), coef) > 0.5 > abstain.probability(row(0.1, 0.0), coef)


def test_extreme_features_do_not_overflow():
    assert abstain.probability(row(1e6, 1e6)) == 1.0


def test_unknown_names_are_the_question_names_no_hit_mentions():
    from reasoner.types import Chunk, Hit

    hits = [Hit(Chunk("a", "The K-12 Pro costs $4,350.", "p.md", "Pricing", "K series"), 0.5)]
    assert abstain.unknown_names("How much does the K-3 cost?", hits) == ["k-3"]
    assert abstain.unknown_names("How much does the K-12 Pro cost?", hits) == []
    assert abstain.unknown_names("I'd like the price of Pricing", hits) == []


def test_ordinals_and_number_unit_words_are_amounts_not_unknown_names():
    from reasoner.types import Chunk, Hit

    hits = [
        Hit(
            Chunk("a", "Paychecks are deposited on the 25th day of the month.", "pay.md", "Pay", "Payday"),
            0.5,
        )
    ]
    assert abstain.unknown_names("When is my pay for the 1st through the 15th deposited?", hits) == []
    assert abstain.unknown_names("How is an 8-year term split?", hits) == []
    assert "gs-13" in abstain.unknown_names("Is pay different for GS-13?", hits)
    assert abstain.unknown_names("Does 37signals pay monthly?", hits) == ["37signals"]
