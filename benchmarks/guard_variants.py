"""Which inputs and weights the learned guard trains on: variants judged on the inner validation pairs.

    python benchmarks/guard_variants.py                  # inner validation (a fixed 10% of the train parts)
    python benchmarks/guard_variants.py --calibration v2  # ... and the calibration curves of the named variants
    python benchmarks/guard_variants.py --bag 5           # 5 bootstrap-fitted v1 models averaged vs one (inner validation)

An experiment beside ``train_guard.py`` (same features, cache, split and learners): each
variant fits the network and the trees on the train parts at cosine >= the floor,
chooses its blend on the inner validation pairs, and is reported per source on those
pairs (AUC, partial AUC up to 5% false hits, hits at an empirical 2% / 5%). The
calibration parts are printed only for the variants named after ``--calibration``
(each such print is a look at the pairs the bars are set on; count them). Test parts
are never read.

Variants: ``v1`` (the shipped inputs), ``v2`` (+ the word-alignment features in both
learners), ``v2-trees`` / ``v2-net`` (in one learner only), ``v2-mono`` (in the trees,
monotone: more differing words never raise the score, higher cosines never lower it),
``v2-diff`` / ``v2-diff-mono`` (the trees read only the features that count differing
words, :data:`DIFFERENCE`), ``v1-negW`` (v1 with every ``same: false`` pair weighing W: a false
hit costs more than a miss; session 10: no gain), and ``-balanced`` versions
where each source's pairs weigh as much in total as the other's (PAWS-Wiki has 2,798
train pairs to QQP's 48,275; the bar is set on both).
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
from train_guard import (  # noqa: E402
    FLOOR,
    TARGETS,
    cached_features,
    calibrate,
    choose_blend,
    fit_network,
    fit_trees,
    hits_at_rates,
    inner_validation,
    make_model,
    served_scores,
    train_idf,
)

from reasoner.memory import features as feat  # noqa: E402
from reasoner.memory.answers import normalise_question  # noqa: E402

VARIANTS = ("v1", "v2", "v2-trees", "v2-net", "v1-balanced", "v2-balanced", "v2-mono", "v2-diff", "v2-diff-mono")


def balanced_weights(fs, mask: np.ndarray) -> np.ndarray:
    """Per pair: 1 / (its source's pairs in ``mask``), scaled so the weights average 1 over ``mask``."""
    w = np.ones(len(fs.same), np.float64)
    sources = sorted(set(fs.source[mask]))
    for s in sources:
        m = fs.source == s
        w[m] = 1.0 / max((m & mask).sum(), 1)
    return w / w[mask].mean()


def pad_network(parts: dict, extra: int) -> dict:
    """A v1 network read as a v2 one: zero weights (mean 0, scale 1) for ``extra`` more scalar inputs."""
    out = dict(parts)
    out["w1"] = np.concatenate([parts["w1"], np.zeros((extra, parts["w1"].shape[1]), np.float32)])
    out["mean"] = np.concatenate([parts["mean"], np.zeros(extra, np.float32)])
    out["scale"] = np.concatenate([parts["scale"], np.ones(extra, np.float32)])
    return out


# The alignment features that say *which words differ* (counts and idf masses); the rest are
# cosines, close kin of v1's BERTScore F1 / minimum over all tokens.
DIFFERENCE = (
    "align_unaligned_min", "align_unaligned_max", "align_unaligned_idf_min", "align_unaligned_idf_max",
    "align_unmatched_idf_top", "align_substituted", "align_numbers_unmatched", "align_entities_unmatched",
    "align_question_unmatched",
)


def fit_trees_with(fs, fit, *, keep: tuple[str, ...], monotone: bool):
    """``fit_trees`` over the v2 inputs, the alignment features outside ``keep`` held constant (never split
    on); with ``monotone``, the score may only fall as a difference grows and rise as a cosine does."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from train_guard import export_trees, scalar_inputs

    x = scalar_inputs(fs, True).copy()
    first = len(feat.SCALAR_NAMES) + len(feat.CONTEXT_NAMES)
    cst = [0] * x.shape[1]
    for j, name in enumerate(feat.ALIGNMENT_NAMES):
        if name not in keep:
            x[:, first + j] = 0.0
        elif monotone:
            cst[first + j] = -1 if name in DIFFERENCE else 1
    clf = HistGradientBoostingClassifier(
        max_iter=400, learning_rate=0.05, max_leaf_nodes=31, l2_regularization=1.0,
        early_stopping=False, random_state=0, monotonic_cst=cst if monotone else None,
    ).fit(x[fit], fs.same[fit])
    return export_trees(clf)


def negative_weights(fs, mask: np.ndarray, factor: float) -> np.ndarray:
    """Per pair: ``factor`` for a ``same: false`` pair, 1 for a ``same: true`` one, averaging 1 over ``mask``
    (a false hit costs more than a miss, so the learners attend to the negatives that score high)."""
    w = np.where(fs.same, 1.0, factor)
    return w / w[mask].mean()


def fit_variant(name: str, fs, fit, val, idf):
    weight = balanced_weights(fs, fit) if name.endswith("-balanced") else None
    if name.startswith("v1-neg"):  # v1-neg3: negatives weigh 3
        weight, name = negative_weights(fs, fit, float(name.removeprefix("v1-neg"))), "v1"
    base = name.removesuffix("-balanced")
    if base.startswith("v2-diff") or base == "v2-mono":
        parts = pad_network(fit_network(fs, fit, val), len(feat.ALIGNMENT_NAMES))
        keep = DIFFERENCE if base.startswith("v2-diff") else feat.ALIGNMENT_NAMES
        trees = fit_trees_with(fs, fit, keep=keep, monotone=base.endswith("mono"))
        blend = choose_blend(parts, trees, fs, val, idf)
        return make_model(parts, trees, blend, [0.01], [0.0], {}, idf)
    net_align = base in ("v2", "v2-net")
    tree_align = base in ("v2", "v2-trees")
    parts = fit_network(fs, fit, val, alignment=net_align, weight=weight)
    if base != "v1" and not net_align:
        parts = pad_network(parts, len(feat.ALIGNMENT_NAMES))
    trees = fit_trees(fs, fit, tree_align, weight=weight)  # trees over v1 inputs never read the extra columns
    model_idf = idf if base != "v1" else None
    blend = choose_blend(parts, trees, fs, val, model_idf)
    return make_model(parts, trees, blend, [0.01], [0.0], {}, model_idf)


def auc(scores: np.ndarray, same: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    finite = np.clip(scores, -1e6, 1e6)
    return float(roc_auc_score(same, finite))


def partial(scores: np.ndarray, same: np.ndarray, max_rate: float = 0.05) -> float:
    return float(np.mean(hits_at_rates(scores, same, np.linspace(0, max_rate, 11)[1:])))


def bootstrap(paths: list[Path], rounds: int, target: float = 0.01) -> None:
    """Model files on the calibration parts: hits at the bar the bars table would give for ``target``,
    on the pairs as they are and over ``rounds`` resamples (pairs drawn with replacement per source and label).

    The 1% bar is set by the handful of highest-scoring PAWS calibration negatives (657 of them:
    the 95% bound allows 2), so a difference between two models there can be a few pairs' luck.
    """
    from reasoner.memory.calibration import bars_table
    from reasoner.memory.learned import load_model

    pairs = [p for p in all_pairs() if p.part != "test"]
    fs = cached_features(pairs, idf=train_idf(pairs))  # the training run's cache; its calibration rows
    cal = fs.part == "calibration"
    fs, pairs = fs.take(cal), [p for p, c in zip(pairs, cal, strict=True) if c]
    same_text = np.array([normalise_question(p.a) == normalise_question(p.b) for p in pairs])
    scores = {path.name: served_scores(load_model(path), fs, same_text) for path in paths}
    groups = {(s, y): np.nonzero((fs.source == s) & (fs.same == y))[0] for s in sorted(set(fs.source)) for y in (0, 1)}
    rng = np.random.default_rng(0)

    def hits(idx: np.ndarray) -> dict[str, dict[str, float]]:
        out = {}
        for name, sc in scores.items():
            negatives = {s: (sc[idx[(s, 0)]], len(idx[(s, 0)])) for s in ("paws", "qqp")}
            bar = bars_table(negatives, [target])[0]
            out[name] = {s: float((sc[idx[(s, 1)]] >= bar).mean()) for s in ("paws", "qqp")}
        return out

    base = hits(groups)
    draws = [hits({k: rng.choice(v, len(v)) for k, v in groups.items()}) for _ in range(rounds)]
    names = list(scores)
    print(f"calibration parts, hits at the {target:.0%} bar (95% bound, both sources); {rounds} resamples:")
    for name in names:
        for s in ("qqp", "paws"):
            xs = np.array([d[name][s] for d in draws])
            print(f"  {name:16s} {s}: {base[name][s]:6.1%}   resampled median {np.median(xs):6.1%} "
                  f"(5-95%: {np.quantile(xs, 0.05):.1%} - {np.quantile(xs, 0.95):.1%})")
    for other in names[1:]:
        for s in ("qqp", "paws"):
            d = np.array([x[other][s] - x[names[0]][s] for x in draws])
            print(f"  {other} - {names[0]} {s}: median {np.median(d):+.1%} (5-95%: {np.quantile(d, 0.05):+.1%} "
                  f"- {np.quantile(d, 0.95):+.1%}), better in {(d > 0).mean():.0%} of resamples")


def bag(members: int, calibration: bool) -> None:
    """Bagging: ``members`` v1 models, each fitted on a bootstrap resample of the train pairs (drawn within
    each source, as sample weights), their log-odds averaged; against one v1 model on the inner validation
    pairs (none of them in any resample) and, with ``calibration``, at the 1% bar on the calibration parts.
    """
    pairs = [p for p in all_pairs() if p.part != "test"]
    fs = cached_features(pairs, idf=train_idf(pairs))
    same_text = np.array([normalise_question(p.a) == normalise_question(p.b) for p in pairs])
    inner = inner_validation(pairs)
    train_part = (fs.part == "train") & (fs.scalar[:, 0] >= FLOOR)
    fit, val = train_part & ~inner, train_part & inner
    cal = fs.part == "calibration"
    look = val | cal if calibration else val
    sub, st = fs.take(look), same_text[look]
    single = fit_variant("v1", fs, fit, val, None)
    scores = {"v1": served_scores(single, sub, st)}
    rng = np.random.default_rng(0)
    total = np.zeros(len(sub.same))
    for k in range(members):
        weight = np.zeros(len(fs.same))
        for s in sorted(set(fs.source)):
            idx = np.nonzero(fit & (fs.source == s))[0]
            np.add.at(weight, rng.choice(idx, len(idx)), 1.0)
        parts = fit_network(fs, weight > 0, val, weight=weight)
        trees = fit_trees(fs, weight > 0, weight=weight)
        model = make_model(parts, trees, single.blend, [0.01], [0.0], {})
        total += served_scores(model, sub, st)
        scores[f"bag{k + 1}"] = total / (k + 1)
        print(f"  member {k + 1} fitted", flush=True)
    inside = fs.part[look] == "train"
    print("\ninner validation: AUC, partial AUC to 5%, hits at 1% / 2% / 5% false hits (empirical)")
    for source in sorted(set(sub.source)):
        m = inside & (sub.source == source)
        print(f"  {source}: {m.sum()} pairs, {(m & sub.same).sum()} same")
        for name, sv in scores.items():
            h = hits_at_rates(sv[m], sub.same[m], (0.01, 0.02, 0.05))
            print(f"    {name:6s} AUC {auc(sv[m], sub.same[m]):.4f}  pAUC {partial(sv[m], sub.same[m]):.4f}  "
                  + "  ".join(f"{x:6.1%}" for x in h))
    if calibration:
        from reasoner.memory.calibration import bars_table

        c = ~inside
        print("\ncalibration parts: hits at the 1% bar (95% bound, every source)")
        for name, sv in scores.items():
            negatives = {s: (sv[c & (sub.source == s) & ~sub.same], int((c & (sub.source == s) & ~sub.same).sum()))
                         for s in sorted(set(sub.source))}
            bar = bars_table(negatives, [0.01])[0]
            cells = "  ".join(f"{s} {(sv[c & (sub.source == s) & sub.same] >= bar).mean():6.1%}"
                              for s in sorted(set(sub.source)))
            print(f"  {name:6s} bar {bar:6.3f}  {cells}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bag", type=int, default=0, help="bagging experiment with this many members")
    ap.add_argument("--variants", nargs="*", default=list(VARIANTS))
    ap.add_argument("--calibration", nargs="*", default=[], help="variants whose calibration curves to print")
    ap.add_argument("--bootstrap", type=Path, nargs="*", default=[], help="model files to compare (first: base)")
    ap.add_argument("--rounds", type=int, default=300)
    ap.add_argument("--save", type=Path, default=None, help="write each --calibration variant, bars included, here")
    args = ap.parse_args()
    if args.bag:
        bag(args.bag, bool(args.calibration))
        return
    if args.bootstrap:
        bootstrap(args.bootstrap, args.rounds)
        return
    pairs = [p for p in all_pairs() if p.part != "test"]
    idf = train_idf(pairs)
    fs = cached_features(pairs, idf=idf)
    same_text = np.array([normalise_question(p.a) == normalise_question(p.b) for p in pairs])
    inner = inner_validation(pairs)
    train_part = (fs.part == "train") & (fs.scalar[:, 0] >= FLOOR)
    fit, val = train_part & ~inner, train_part & inner
    cal = fs.part == "calibration"
    rows = {}
    for name in dict.fromkeys(args.variants + args.calibration):
        print(f"variant {name}", flush=True)
        model = fit_variant(name, fs, fit, val, idf)
        sv = served_scores(model, fs.take(val), same_text[val])
        rows[name] = model, sv
    vs = fs.take(val)
    print("\ninner validation (train parts, cosine >= floor): AUC, partial AUC to 5%, hits at 2% / 5% false hits")
    for source in sorted(set(vs.source)):
        m = vs.source == source
        print(f"  {source}: {m.sum()} pairs, {(m & vs.same).sum()} same")
        for name, (model, sv) in rows.items():
            h = hits_at_rates(sv[m], vs.same[m], (0.02, 0.05))
            print(f"    {name:14s} blend {model.blend:4.2f}  AUC {auc(sv[m], vs.same[m]):.4f}  "
                  f"pAUC {partial(sv[m], vs.same[m]):.4f}  {h[0]:6.1%} {h[1]:6.1%}")
    if args.calibration:
        sub, st = fs.take(cal), same_text[cal]
        print("\ncalibration parts: hits at an empirical 0.25/0.5/1/2/5/10% false hits; bars (95% bound) at 1%")
        for source in sorted(set(sub.source)):
            m = sub.source == source
            print(f"  {source}")
            for name in args.calibration:
                model = rows[name][0]
                full = make_model(
                    {k: getattr(model, k) for k in ("w1", "b1", "w2", "b2", "mean", "scale")},
                    model.trees, model.blend, TARGETS, np.zeros(len(TARGETS)), {}, model.idf,
                )
                bars, report = calibrate(full, sub, st)
                if args.save and source == sorted(set(sub.source))[0]:
                    meta = {"version": f"variant-{name}", "blend": model.blend, "calibration": report}
                    args.save.mkdir(parents=True, exist_ok=True)
                    make_model(
                        {k: getattr(model, k) for k in ("w1", "b1", "w2", "b2", "mean", "scale")},
                        model.trees, model.blend, TARGETS, bars, meta, model.idf,
                    ).save(args.save / f"guard-{name}.npz")
                sc = served_scores(full, sub, st)
                cells = "  ".join(f"{h:6.1%}" for h in hits_at_rates(sc[m], sub.same[m]))
                at = report["0.01"][source]
                print(f"    {name:14s} {cells}   bars@1%: {at['hits']:.1%} / {at['false_hits']:.2%}")


if __name__ == "__main__":
    main()
