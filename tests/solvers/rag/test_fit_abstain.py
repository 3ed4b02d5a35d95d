"""benchmarks/fit_abstain.py: a score chosen on one family of question sets by cross-validation there."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from reasoner.solvers.rag import abstain

BENCH = Path(__file__).resolve().parents[3] / "benchmarks"


def load():
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("fit_abstain", BENCH / "fit_abstain.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


F = load()


def row(within: float, noise: float, *, right: bool, unanswerable: bool = False) -> dict:
    feats = dict.fromkeys(abstain.FEATURES, 0.0)
    feats.update(within=within, cos_context=noise)
    return {"features": feats, "would_be_correct": right, "should_abstain": unanswerable}


def family(shift: float = 0.0) -> list[dict]:
    """Answerable readings stand out of their candidates (within 0.2-0.4), unanswerable ones do not
    (0.0-0.1); ``cos_context`` carries only noise, and ``shift`` moves its level."""
    out = [row(0.2 + 0.01 * i, shift + 0.3 * (i % 3), right=True) for i in range(20)]
    out += [row(0.01 * i, shift + 0.3 * (i % 3), right=False, unanswerable=True) for i in range(10)]
    return out


def test_at_counts_an_abstention_right_only_on_an_unanswerable_question():
    rows = [row(0.5, 0, right=True), row(0.0, 0, right=False, unanswerable=True), row(0.0, 0, right=True)]
    coef = {"bias": 0.0, "within": 10.0}
    p = F.at(rows, coef, 0.6)  # answers the first (p 0.99), declines the others (p 0.5)
    assert p["accuracy"] == pytest.approx(66.7) and p["abstain_P"] == 50.0 and p["abstain_R"] == 100.0


def test_the_candidate_that_separates_the_fitting_family_is_kept_and_carries_to_a_shifted_level(monkeypatch):
    monkeypatch.setattr(F, "CANDIDATES", {"level": ["cos_context"], "relative": ["within"]})
    monkeypatch.setattr(F, "L2S", (0.1,))
    table = F.choose(family(), folds=3, repeats=1)
    assert table[0][1] == "relative" and table[0][0] > table[1][0]
    coef, t = F.fitted(family(), ["within"], 0.1)
    assert F.at(family(shift=0.2), coef, t)["accuracy"] == F.at(family(), coef, t)["accuracy"] >= 90.0


def test_main_reads_bench_runs_and_prints_both_directions(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(F, "CANDIDATES", {"relative": ["within"]})
    monkeypatch.setattr(F, "L2S", (0.1,))
    run = tmp_path / "run.json"
    run.write_text(json.dumps({"ca": family(), "18f": family(shift=0.1)}), encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["fit_abstain.py", str(run), "--folds", "3", "--repeats", "1"])
    F.main()
    out = capsys.readouterr().out
    assert "## fitted on ca, s12" in out and "## fitted on 18f, blind10, dev, blind12" in out
    assert out.count("kept: relative") == 2 and "default (absolute)" in out


def test_every_candidate_reads_recorded_features_and_record_sets_the_alignment_on(monkeypatch):
    for keys in F.CANDIDATES.values():
        assert set(keys) <= set(abstain.FEATURES)
    import bench_kb

    from reasoner.solvers.rag import align

    seen = {}
    monkeypatch.setattr(align, "RECORD", False)
    monkeypatch.setattr(bench_kb, "main", lambda: seen.update(record=align.RECORD, argv=list(sys.argv)))
    monkeypatch.setattr(sys, "argv", ["fit_abstain.py", "record", "--sets", "s12"])
    F.main()
    assert seen == {"record": True, "argv": ["bench_kb.py", "--sets", "s12"]}
