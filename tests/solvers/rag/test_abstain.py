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
