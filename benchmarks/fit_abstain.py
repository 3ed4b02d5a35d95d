"""Abstention scores fitted on one handbook's question sets and checked on the other's.

    python benchmarks/fit_abstain.py record --sets ca,s12,18f,blind12,blind10,dev --json RUN.json
    python benchmarks/fit_abstain.py RUN.json [--curves] [--folds 5 --repeats 10]

``record ARGS``: ``bench_kb.py ARGS`` with every reading's word alignment recorded (``align.RECORD``;
the committed default score reads none, so a plain bench run leaves those features 0).

For each direction (fit on the CivicActions sets, check on the 18F ones; then the reverse), every
candidate score of ``CANDIDATES`` (a feature list of ``abstain.FEATURES``) is fitted at each L2 of
``L2S`` with the same code as ``bench_kb.py --fit`` (``abstain.fit``; threshold: the best accuracy
with abstention recall >= 80%). The candidate a direction keeps is chosen on its fitting family
alone, by repeated k-fold cross-validation there (accuracy of the held-out questions at the
threshold fitted on the other folds); then it is fitted on the whole family and reported on every
set, with the committed default score (``abstain.DEFAULT_SCORE`` at its threshold) beside it.
``--curves`` prints the precision/recall curve of "answerable vs not" of the kept score and of the
default on each set of the other family.

The rows are ``bench_kb.py --json`` rows: ``features`` (every feature the reading recorded),
``would_be_correct`` (the reply with no threshold is right) and ``should_abstain``. What this
prints is what the threshold would do on those readings; a multi-part reply's later parts (which
``reply.compose`` also holds to the threshold) are not re-read, so ``bench_kb.py --score NAME``
is the check of a score put into ``abstain.SCORES``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_kb import curve, fit_threshold  # noqa: E402

from reasoner.solvers.rag import abstain  # noqa: E402

FAMILIES = {"ca": ("ca", "s12"), "18f": ("18f", "blind10", "dev", "blind12")}
ABSOLUTE = list(abstain.SCORES["absolute"].keys)
# the candidates of session 13: the committed scores' features, scores of relative features only (no
# absolute cosine or retrieval level: ``abstain.RELATIVE_FEATURES``), and the absolute score with one
# or two relative ones added
CANDIDATES: dict[str, list[str]] = {
    "absolute": ABSOLUTE,
    "within": list(abstain.SCORES["within"].keys),
    "relative-small": ["within", "z_within", "below_best", "typed_miss", "unknown_name", "margin"],
    "relative-words": ["within", "z_within", "below_best", "typed_miss", "unknown_name", "margin", "coverage",
                       "coverage_chunk", "lexical"],
    "relative-all": ["within", "z_within", "stands_out", "below_best", "dense_peak", "hit_rank", "typed_miss",
                     "unknown_name", "margin", "coverage", "coverage_chunk", "typed_share", "specific", "in_unit",
                     "fits", "lexical"],
    "absolute+relative": [*ABSOLUTE, "within", "z_within", "below_best", "coverage", "typed_miss"],
    "absolute+coverage_chunk": [*ABSOLUTE, "coverage_chunk"],
    "absolute+coverage": [*ABSOLUTE, "coverage", "coverage_chunk"],
    "absolute+hit_rank": [*ABSOLUTE, "hit_rank"],
    "absolute+agreement": [*ABSOLUTE, "hit_rank", "dense_peak", "within"],
    # session 13 (kbalign): the question's words aligned with the best candidates' words (``align.py``)
    "absolute+align_recall": [*ABSOLUTE, "align_recall"],
    "absolute+align": [*ABSOLUTE, "align_recall", "align_precision"],
    "absolute+align-all": [*ABSOLUTE, "align_recall", "align_precision", "align_specific", "align_worst",
                           "align_best", "align_gap"],
    "absolute+align_f1": [*ABSOLUTE, "align_f1"],
    "absolute+asked": [*ABSOLUTE, "align_asked", "align_asked_n"],
    "absolute+align_f1+asked": [*ABSOLUTE, "align_f1", "align_asked", "align_asked_n"],
    "align_f1-only": ["align_f1", "typed_miss", "unknown_name"],
    "align-only": ["align_recall", "align_precision", "align_specific", "align_gap", "typed_miss", "unknown_name"],
    "align+relative": ["align_recall", "align_precision", "align_specific", "align_gap", "within", "z_within",
                       "below_best", "typed_miss", "unknown_name", "margin", "coverage_chunk"],
}  # fmt: skip
L2S = (0.1, 0.3, 1.0, 3.0)


def fitted(rows: Sequence[dict], keys: Sequence[str], l2: float) -> tuple[dict[str, float], float]:
    """Coefficients and threshold fitted on ``rows`` (as ``bench_kb.py --fit`` does)."""
    coef = abstain.fit([r["features"] for r in rows], [r["would_be_correct"] for r in rows], l2=l2, keys=keys)
    return coef, fit_threshold(curve(list(rows), [abstain.probability(r["features"], coef) for r in rows]))


def at(rows: Sequence[dict], coef: dict[str, float], t: float) -> dict:
    """Accuracy and abstention precision / recall of ``rows`` answered when the score reaches ``t``
    (one point of ``bench_kb.curve``)."""
    right = abst = tp = 0
    for r in rows:
        if abstain.probability(r["features"], coef) < t:
            abst, tp, right = abst + 1, tp + r["should_abstain"], right + r["should_abstain"]
        else:
            right += r["would_be_correct"]
    should = sum(r["should_abstain"] for r in rows)
    return {"t": t, "accuracy": round(100 * right / len(rows), 1),
            "abstain_P": round(100 * tp / abst, 1) if abst else None,
            "abstain_R": round(100 * tp / should, 1) if should else None}  # fmt: skip


def cross_validated(rows: Sequence[dict], keys: Sequence[str], l2: float, folds: int, repeats: int) -> float:
    """Accuracy of held-out questions, each fold scored at the threshold fitted on the others."""
    right = n = 0
    for seed in range(repeats):
        order = list(range(len(rows)))
        random.Random(seed).shuffle(order)
        for k in range(folds):
            held = set(order[k::folds])
            coef, t = fitted([r for i, r in enumerate(rows) if i not in held], keys, l2)
            for i in held:
                r = rows[i]
                answered = abstain.probability(r["features"], coef) >= t
                right += r["would_be_correct"] if answered else r["should_abstain"]
                n += 1
    return 100 * right / max(1, n)


def choose(rows: Sequence[dict], folds: int, repeats: int) -> list[tuple[float, str, float]]:
    """(CV accuracy, candidate, L2), best first; ties go to fewer features, then the larger L2."""
    table = [(cross_validated(rows, keys, l2, folds, repeats), name, l2)
             for name, keys in CANDIDATES.items() for l2 in L2S]  # fmt: skip
    return sorted(table, key=lambda x: (-round(x[0], 6), len(CANDIDATES[x[1]]), -x[2]))


def record(argv: list[str]) -> None:
    """``bench_kb.py argv`` with the alignment features recorded in every reading."""
    import bench_kb

    from reasoner.solvers.rag import align

    align.RECORD = True
    sys.argv = ["bench_kb.py", *argv]
    bench_kb.main()


def main() -> None:
    if sys.argv[1:2] == ["record"]:
        record(sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("runs", nargs="+", type=Path, help="bench_kb.py --json files")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=10)
    ap.add_argument("--curves", action="store_true")
    ap.add_argument("--top", type=int, default=0, help="print only the N best candidates by CV (0: all)")
    args = ap.parse_args()
    data: dict[str, list[dict]] = {}
    for path in args.runs:
        data.update(json.loads(path.read_text(encoding="utf-8")))
    default = abstain.SCORES[abstain.DEFAULT_SCORE]
    for fam, other in (("ca", "18f"), ("18f", "ca")):
        rows = [r for s in FAMILIES[fam] for r in data.get(s, [])]
        if not rows:
            continue
        table = choose(rows, args.folds, args.repeats)
        print(f"\n## fitted on {', '.join(FAMILIES[fam])}; checked on {', '.join(FAMILIES[other])}")
        print("| CV acc | candidate | L2 | t | " + " | ".join(s for s in (*FAMILIES[fam], *FAMILIES[other]) if s in data)
              + " |")  # fmt: skip
        for cv, name, l2 in table[: args.top or None]:
            coef, t = fitted(rows, CANDIDATES[name], l2)
            cells = [_cell(at(data[s], coef, t)) for s in (*FAMILIES[fam], *FAMILIES[other]) if s in data]
            print(f"| {cv:.1f} | {name} | {l2} | {t} | " + " | ".join(cells) + " |")
        cells = [_cell(at(data[s], default.coef, default.threshold)) for s in (*FAMILIES[fam], *FAMILIES[other])
                 if s in data]  # fmt: skip
        print(f"| - | default ({abstain.DEFAULT_SCORE}) | {default.l2} | {default.threshold} | " + " | ".join(cells) + " |")
        _, name, l2 = table[0]
        coef, t = fitted(rows, CANDIDATES[name], l2)
        print(f"kept: {name}, L2 {l2}, t {t}: {json.dumps(coef)}")
        if args.curves:
            for s in FAMILIES[other]:
                if s in data:
                    _curves(s, data[s], coef, default.coef)


def _cell(p: dict) -> str:
    return f"{p['accuracy']} / {p['abstain_P']} / {p['abstain_R']}"


def _curves(name: str, rows: list[dict], coef: dict[str, float], base: dict[str, float]) -> None:
    mine = curve(rows, [abstain.probability(r["features"], coef) for r in rows])
    theirs = curve(rows, [abstain.probability(r["features"], base) for r in rows])
    print(f"\ncurve on {name}: kept score | default (accuracy / abstain P / abstain R)")
    for a, b in zip(mine, theirs, strict=True):
        if round(a["t"] * 100) % 5 == 0 and 0.2 <= a["t"] <= 0.75:
            print(f"| {a['t']} | {_cell(a)} | {_cell(b)} |")


if __name__ == "__main__":
    main()
