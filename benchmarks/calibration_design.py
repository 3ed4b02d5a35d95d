"""How the guard's bars are set: designs compared on the calibration parts only (split halves).

    python benchmarks/calibration_design.py                 # the shipped model, every design
    python benchmarks/calibration_design.py --model PATH    # another model file
    python benchmarks/calibration_design.py --halves 200    # more random halves

The shipped bars table takes, for each target false-hit rate, the strictest of the
per-source bars (QQP and PAWS-Wiki calibration pairs, each within the target at a
one-sided 95% Clopper-Pearson bound). The designs compared here:

* ``global``: that (what ships);
* ``kind``: one such bar per *kind of pair* read at lookup time, here whether the two
  questions have the same content words (a *reordering*: only order and function words
  differ, so only the roles can have changed) or not; within a kind every source with
  enough negatives to bound the rate at all must stay within the target;
* ``kind-pooled``: per kind, the sources' negatives pooled (one population per kind).

Then the *ceiling* of any calibration design for this model: the bars as if each
source had unlimited calibration pairs (its empirical false-hit quantile, no bound),
and the global bar at the PAWS-Wiki sizes a larger calibration part would have.

Judged without the test parts: the calibration pairs are halved at random (within each
source and label) many times; the bars come from one half and are applied to the other,
so the hits and false hits printed are held out from the bars. Every run of this script
reads the calibration parts: count the runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pair_data import all_pairs  # noqa: E402
from train_guard import cached_features, served_scores, train_idf  # noqa: E402

from reasoner.memory import features as feat  # noqa: E402
from reasoner.memory.answers import normalise_question  # noqa: E402
from reasoner.memory.calibration import bar_for_rate, binomial_upper_bound  # noqa: E402
from reasoner.memory.learned import load_model  # noqa: E402

JACCARD = feat.SCALAR_NAMES.index("content_jaccard")
DESIGNS = ("global", "kind", "kind-pooled")
TARGETS = (0.005, 0.01, 0.02)


def kinds_of(scalar: np.ndarray) -> np.ndarray:
    """``True`` for a reordering (the same content words on both sides), from the scalar features."""
    return scalar[:, JACCARD] >= 1.0 - 1e-6


def min_negatives(target: float, confidence: float = 0.95) -> int:
    """The fewest negatives whose bound, with none served, is within ``target`` (fewer say nothing)."""
    n = 1
    while binomial_upper_bound(0, n, confidence) > target:
        n += 1
    return n


def _bar(scores: np.ndarray, n: int, target: float) -> float:
    return bar_for_rate(scores[np.isfinite(scores) | (scores > 0)], n, target)


def bars(design: str, scores, same, source, kind, target: float) -> dict[bool, float]:
    """Per kind (``True``: reordering), the bar the design sets from these pairs."""
    neg = ~same
    out = {}
    for k in (False, True):
        in_k = (kind == k) if design != "global" else np.ones_like(kind)
        if design == "kind-pooled":
            m = neg & in_k
            out[k] = _bar(scores[m], int(m.sum()), target)
            continue
        each = []
        for s in sorted(set(source)):
            m = neg & in_k & (source == s)
            if m.sum() >= min_negatives(target):
                each.append(_bar(scores[m], int(m.sum()), target))
        out[k] = max(each) if each else float("inf")
    return out


def served(bar: dict[bool, float], scores, kind) -> np.ndarray:
    return scores >= np.where(kind, bar[True], bar[False])


def halves(same, source, rng) -> np.ndarray:
    """A random half of the pairs, drawn within each source and label."""
    mask = np.zeros(len(same), bool)
    for s in sorted(set(source)):
        for y in (False, True):
            idx = np.nonzero((source == s) & (same == y))[0]
            mask[rng.permutation(idx)[: len(idx) // 2]] = True
    return mask


def describe(fs, scores, kind) -> None:
    print("calibration pairs by source, kind and label (scored: cosine at the floor or above):")
    for s in sorted(set(fs.source)):
        for k, name in ((False, "other"), (True, "reordering")):
            for y in (True, False):
                m = (fs.source == s) & (kind == k) & (fs.same == y)
                print(f"  {s:5s} {name:10s} same={y!s:5s} {m.sum():6d} pairs, {np.isfinite(scores[m]).sum():6d} scored")


def allowed(n: int, target: float, confidence: float = 0.95) -> int:
    """How many false hits among ``n`` negatives keep the bound within ``target`` (-1: not even none)."""
    k = -1
    while k + 1 <= n and binomial_upper_bound(k + 1, n, confidence) <= target:
        k += 1
    return k


def empirical_bar(scores: np.ndarray, rate: float) -> float:
    """The bar letting through the top ``rate`` of these negatives' scores, no bound (unlimited data)."""
    ranked = np.sort(scores)[::-1]
    return float(np.nextafter(ranked[min(int(rate * len(ranked)), len(ranked) - 1)], np.inf))


def ceiling(scores, same, source, kind, target: float = 0.01) -> None:
    q, p = source == "qqp", source == "paws"

    def cells(bar_of) -> str:
        hit = scores >= bar_of
        return (f"qqp {hit[q & same].mean():5.1%} (false {hit[q & ~same].mean():5.2%})   "
                f"paws {hit[p & same].mean():5.1%} (false {hit[p & ~same].mean():5.2%})")

    print(f"\nceiling at {target:.0%} (in-sample on the calibration parts):")
    qbar = _bar(scores[q & ~same], int((q & ~same).sum()), target)
    print(f"  QQP's own bar (95% bound, {int((q & ~same).sum())} negatives) {qbar:6.3f}: {cells(qbar)}")
    pneg = scores[p & ~same]
    for n in (int(len(pneg)), 1000, 1775, 2225, 4461):
        k = allowed(n, target)
        b = max(qbar, empirical_bar(pneg, k / n))
        print(f"  PAWS with {n:7d} negatives (bound allows {k:4d} = {k / n:.2%}): global bar {b:6.3f}  {cells(b)}")
    g = max(empirical_bar(scores[q & ~same], target), empirical_bar(pneg, target))
    print(f"  both sources unlimited (empirical {target:.0%} each) bar {g:6.3f}:  {cells(g)}")
    kb = {k: max(empirical_bar(scores[s & (kind == k) & ~same], target) for s in (q, p)) for k in (False, True)}
    print(f"  per kind, unlimited (other {kb[False]:.3f}, reordering {kb[True]:.3f}):  "
          f"{cells(np.where(kind, kb[True], kb[False]))}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=Path, default=None)
    ap.add_argument("--halves", type=int, default=100)
    args = ap.parse_args()
    pairs = [p for p in all_pairs() if p.part == "calibration"]  # never the test parts
    fs = cached_features([p for p in all_pairs() if p.part != "test"], idf=train_idf())
    fs = fs.take(fs.part == "calibration")
    assert len(fs.same) == len(pairs)
    same_text = np.array([normalise_question(p.a) == normalise_question(p.b) for p in pairs])
    model = load_model(args.model)
    scores = served_scores(model, fs, same_text)
    kind, same, source = kinds_of(fs.scalar), fs.same.astype(bool), fs.source
    describe(fs, scores, kind)
    ceiling(scores, same, source, kind)
    for t in TARGETS:
        print(f"\ntarget {t:.1%} (a source needs >= {min_negatives(t)} negatives in a kind to bound it)")
        for d in DESIGNS:
            b = bars(d, scores, same, source, kind, t)
            cells = []
            for s in sorted(set(source)):
                m = source == s
                hit = served(b, scores[m], kind[m])
                cells.append(f"{s} {hit[same[m]].mean():6.1%} / {hit[~same[m]].mean():6.2%}")
            print(f"  {d:12s} bars other {b[False]:7.3f} reorder {b[True]:7.3f}   in-sample  " + "   ".join(cells))
        rng = np.random.default_rng(0)
        res = {d: {s: ([], []) for s in sorted(set(source))} for d in DESIGNS}
        for _ in range(args.halves):
            a = halves(same, source, rng)
            for d in DESIGNS:
                b = bars(d, scores[a], same[a], source[a], kind[a], t)
                for s in sorted(set(source)):
                    m = ~a & (source == s)
                    hit = served(b, scores[m], kind[m])
                    res[d][s][0].append(hit[same[m]].mean())
                    res[d][s][1].append(hit[~same[m]].mean())
        for d in DESIGNS:
            cells = []
            for s, (h, f) in res[d].items():
                h, f = np.array(h), np.array(f)
                cells.append(
                    f"{s} hits {h.mean():6.1%} [{np.quantile(h, 0.05):5.1%}-{np.quantile(h, 0.95):5.1%}]"
                    f" false {f.mean():5.2%} [max {f.max():5.2%}, >target in {(f > t).mean():4.0%}]"
                )
            print(f"  {d:12s} held-out half  " + "   ".join(cells))


if __name__ == "__main__":
    main()
