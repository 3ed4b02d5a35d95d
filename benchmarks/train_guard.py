"""Train and calibrate the answer memory's learned guard; write it as package data.

    python benchmarks/train_guard.py                 # features (cached), fit, calibrate, write the model
    python benchmarks/train_guard.py --dry-run       # fit and report, write nothing
    python benchmarks/train_guard.py --alignment --out /tmp/guard-v2.npz   # version 2 (+ word alignment)
    python benchmarks/train_guard.py --compare       # v1 and v2 from the same features: calibration curves

Steps (the split is fixed by rule in ``pair_data.py``; the test parts are never read here):

1. embed every distinct text of the train and calibration parts once (``minilm-onnx``,
   cached under ``benchmarks/out/guard/``), and the content words the features compare;
2. features of every pair (:mod:`reasoner.memory.features`), cached;
3. fit a one-hidden-layer network on the *train* parts (QQP train + PAWS-Wiki
   tune-half train), pairs at or above the memory's candidate floor only (below
   it nothing is ever served); a fixed 10% of the train part, by hash, stops the
   training early;
4. calibrate on the *calibration* parts: for each target false-hit rate, the
   lowest bar whose one-sided 95% Clopper-Pearson upper bound on the false-hit
   rate (served ``same: false`` pairs over all ``same: false`` pairs, the bench's
   definition) stays within the target on every calibration source;
5. write ``reasoner/memory/guard_model/guard-v<N>.npz`` (weights, feature
   scaling, bars table, metadata).

The whole run is timed and the time printed; on the shared 2-core machine it must
stay under an hour (the embedding, done once, is most of it).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pair_data import OUT, SPLIT_SEED, TextVectors, all_pairs, embed_texts, word_vectors  # noqa: E402

from reasoner.memory import features as feat  # noqa: E402
from reasoner.memory.answers import normalise_question  # noqa: E402
from reasoner.memory.calibration import bars_table  # noqa: E402
from reasoner.memory.learned import MODEL_DIR, GuardModel, Trees  # noqa: E402
from reasoner.retrieval.embedder import MINILM_SPACE  # noqa: E402


@dataclass
class FeatureSet:
    """Features of many pairs, row-aligned with their labels and origins."""

    dense: np.ndarray  # (n, 2 * dim) float16
    scalar: np.ndarray  # (n, len(SCALAR_NAMES)) float32
    context: np.ndarray  # (n, len(CONTEXT_NAMES)) float32
    align: np.ndarray  # (n, len(ALIGNMENT_NAMES)) float32
    same: np.ndarray  # (n,) bool
    source: np.ndarray  # (n,) str
    part: np.ndarray  # (n,) str

    def take(self, mask: np.ndarray) -> FeatureSet:
        return FeatureSet(*(getattr(self, f)[mask] for f in _FIELDS))


_FIELDS = ("dense", "scalar", "context", "align", "same", "source", "part")


def train_idf(pairs=None) -> np.ndarray:
    """Token idf over the distinct questions of the QQP *train* part (what the alignment features weigh by)."""
    from tokenizers import Tokenizer

    from reasoner.retrieval.embedder import MAX_TOKENS, minilm_path

    tokenizer = Tokenizer.from_file(str(Path(minilm_path()) / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)
    pairs = all_pairs() if pairs is None else pairs
    texts = [t for p in pairs if p.source == "qqp" and p.part == "train" for t in (p.a, p.b)]
    return feat.token_idf(texts, tokenizer, tokenizer.get_vocab_size())


def states_of(tv: TextVectors, tokenizer, text: str) -> feat.TokenStates:
    """The cached token outputs of ``text`` as TokenStates."""
    enc = tokenizer.encode(text or " ")
    return feat.token_states(tv.tokens(text), enc, text or " ")


def build_features(
    pairs, tv: TextVectors, words: dict[str, np.ndarray], idf: np.ndarray, *, log: bool = True
) -> FeatureSet:
    """Every pair's features (cosine from the cached sentence vectors, words from the cached word vectors)."""
    from tokenizers import Tokenizer

    from reasoner.retrieval.embedder import MAX_TOKENS, minilm_path

    tokenizer = Tokenizer.from_file(str(Path(minilm_path()) / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)

    def similarity(xs, ys):
        return np.stack([words[x] for x in xs]) @ np.stack([words[y] for y in ys]).T

    states: dict[str, feat.TokenStates] = {}

    def st(text: str) -> feat.TokenStates:
        if text not in states:
            states[text] = states_of(tv, tokenizer, text)
        return states[text]

    u = np.stack([tv.vector(p.a) for p in pairs])
    v = np.stack([tv.vector(p.b) for p in pairs])
    cos = (u * v).sum(axis=1)
    scalar = np.zeros((len(pairs), len(feat.SCALAR_NAMES)), np.float32)
    context = np.zeros((len(pairs), len(feat.CONTEXT_NAMES)), np.float32)
    align = np.zeros((len(pairs), len(feat.ALIGNMENT_NAMES)), np.float32)
    started = time.perf_counter()
    for i, p in enumerate(pairs):
        scalar[i] = feat.scalar_features(p.a, p.b, float(cos[i]), similarity)
        context[i] = feat.context_features(st(p.a), st(p.b))
        align[i] = feat.alignment_features(st(p.a), st(p.b), p.a, p.b, idf)
        if log and (i + 1) % 10_000 == 0:
            print(f"  features {i + 1}/{len(pairs)} ({time.perf_counter() - started:.0f} s)", flush=True)
    return FeatureSet(
        feat.dense_features(u, v).astype(np.float16),
        scalar,
        context,
        align,
        np.array([p.same for p in pairs]),
        np.array([p.source for p in pairs]),
        np.array([p.part for p in pairs]),
    )


def cached_features(pairs, folder: Path = OUT, *, idf: np.ndarray | None = None, log: bool = True) -> FeatureSet:
    """``build_features`` over ``pairs``, cached under ``folder`` by a digest of the pairs, feature names and idf.

    ``idf`` defaults to :func:`train_idf` (the QQP train part's, whatever ``pairs`` are).
    """
    idf = train_idf() if idf is None else idf
    key = hashlib.sha256(
        json.dumps([[p.a, p.b, p.same, p.source, p.part] for p in pairs]).encode()
        + repr((feat.SCALAR_NAMES, feat.CONTEXT_NAMES, feat.ALIGNMENT_NAMES, feat.FEATURES_VERSION)).encode()
        + np.asarray(idf, np.float32).tobytes()
    ).hexdigest()[:12]
    path = folder / f"features-{key}.npz"
    if path.is_file():
        z = np.load(path)
        return FeatureSet(*(z[f] for f in _FIELDS))
    texts = {t for p in pairs for t in (p.a, p.b)}
    tv = embed_texts(texts, folder, log=log)
    needed = set()
    for p in pairs:
        needed |= feat.words_to_compare(p.a, p.b)
    words = word_vectors(needed, folder, log=log)
    fs = build_features(pairs, tv, words, idf, log=log)
    np.savez(path, **{f: getattr(fs, f) for f in _FIELDS})
    return fs


FLOOR = 0.70  # candidates below this cosine are never scored: 95% of QQP duplicates are above it
HIDDEN = 128
EPOCHS = 30
TARGETS = (0.001, 0.0015, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1)
BLENDS = (0.0, 0.25, 0.5, 0.75, 1.0)


def inner_validation(pairs) -> np.ndarray:
    """A fixed 10% of the pairs (by hash of their texts) that stop the training and choose the blend."""
    return np.array(
        [int(hashlib.sha256(f"inner|{p.a}|{p.b}".encode()).hexdigest()[:8], 16) % 10 == 0 for p in pairs]
    )


def scalar_inputs(fs: FeatureSet, alignment: bool = False) -> np.ndarray:
    """The model's scalar inputs: the scalars, the context features and (a v2 model) the alignment features."""
    parts = [fs.scalar, fs.context] + ([fs.align] if alignment else [])
    return np.concatenate(parts, axis=1).astype(np.float32)


def fit_network(
    fs: FeatureSet, fit: np.ndarray, val: np.ndarray, log: bool = True, alignment: bool = False,
    weight: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """One hidden layer over [dense, standardised scalars], BCE, AdamW; the epoch with the best validation AUC."""
    import torch
    from sklearn.metrics import roc_auc_score

    torch.manual_seed(0)
    torch.set_num_threads(1)
    sc = scalar_inputs(fs, alignment)
    mean, scale = sc[fit].mean(axis=0), sc[fit].std(axis=0) + 1e-6
    x = np.concatenate([fs.dense.astype(np.float32), (sc - mean) / scale], axis=1)
    net = torch.nn.Sequential(
        torch.nn.Dropout(0.1), torch.nn.Linear(x.shape[1], HIDDEN), torch.nn.ReLU(), torch.nn.Linear(HIDDEN, 1)
    )
    opt = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=1e-4)
    xf, yf = torch.tensor(x[fit]), torch.tensor(fs.same[fit].astype(np.float32))
    wf = torch.tensor(np.ones(len(fs.same), np.float32)[fit] if weight is None else weight[fit].astype(np.float32))
    xv = torch.tensor(x[val])
    best = (-1.0, None, -1)
    gen = torch.Generator().manual_seed(0)
    for epoch in range(EPOCHS):
        net.train()
        order = torch.randperm(len(xf), generator=gen)
        for i in range(0, len(xf), 256):
            idx = order[i : i + 256]
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                net(xf[idx]).squeeze(1), yf[idx], weight=wf[idx]
            )
            opt.zero_grad()
            loss.backward()
            opt.step()
        net.eval()
        with torch.no_grad():
            auc = roc_auc_score(fs.same[val], net(xv).squeeze(1).numpy())
        if auc > best[0]:
            best = (auc, {k: v.clone() for k, v in net.state_dict().items()}, epoch)
    if log:
        print(f"  network: best validation AUC {best[0]:.4f} at epoch {best[2] + 1}/{EPOCHS}")
    w = best[1]
    return {
        "w1": w["1.weight"].numpy().T.copy(),
        "b1": w["1.bias"].numpy().copy(),
        "w2": w["3.weight"].numpy()[0].copy(),
        "b2": float(w["3.bias"].numpy()[0]),
        "mean": mean,
        "scale": scale,
    }


def fit_trees(fs: FeatureSet, fit: np.ndarray, alignment: bool = False, weight: np.ndarray | None = None) -> Trees:
    """Boosted trees over the scalar features (sklearn's histogram GBDT), exported to flat arrays."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    clf = HistGradientBoostingClassifier(
        max_iter=400, learning_rate=0.05, max_leaf_nodes=31, l2_regularization=1.0,
        early_stopping=False, random_state=0,
    ).fit(scalar_inputs(fs, alignment)[fit], fs.same[fit], sample_weight=None if weight is None else weight[fit])
    return export_trees(clf)


def export_trees(clf) -> Trees:
    """Flatten a fitted binary HistGradientBoostingClassifier (numeric features, no missing values)."""
    parts, roots, offset, depth = [], [], 0, 0
    for (predictor,) in clf._predictors:
        nodes = predictor.nodes
        parts.append((nodes, offset))
        roots.append(offset)
        offset += len(nodes)
        depth = max(depth, int(nodes["depth"].max()))
    cat = {k: np.concatenate([n[k] for n, _ in parts]) for k in ("feature_idx", "num_threshold", "is_leaf", "value")}
    left = np.concatenate([n["left"].astype(np.int64) + o for n, o in parts])
    right = np.concatenate([n["right"].astype(np.int64) + o for n, o in parts])
    return Trees(
        feature=cat["feature_idx"].astype(np.int32),
        threshold=cat["num_threshold"].astype(np.float64),
        left=left.astype(np.int32),
        right=right.astype(np.int32),
        leaf=cat["is_leaf"].astype(bool),
        value=cat["value"].astype(np.float64),
        roots=np.asarray(roots, np.int32),
        baseline=float(np.ravel(clf._baseline_prediction)[0]),
        depth=depth + 1,
    )


def partial_auc(scores: np.ndarray, same: np.ndarray, max_rate: float = 0.02) -> float:
    """Mean hit rate over false-hit rates 0..max_rate: how well the top of the ranking separates."""
    neg = np.sort(scores[~same])[::-1]
    pos = scores[same]
    rates = np.linspace(0, max_rate, 21)[1:]
    return float(np.mean([(pos > neg[min(int(r * len(neg)), len(neg) - 1)]).mean() for r in rates]))


def choose_blend(
    model_parts: dict, trees: Trees, fs: FeatureSet, val: np.ndarray, idf: np.ndarray | None = None
) -> float:
    """The network weight whose blend ranks the validation pairs best at low false-hit rates."""
    probe = make_model(model_parts, trees, 1.0, np.array([0.01]), np.array([0.0]), {}, idf)
    dense, sc = fs.dense[val].astype(np.float32), scalar_inputs(fs, probe.uses_alignment)[val]
    net, tree = probe.network(dense, sc), trees.predict(sc)
    scores = {b: partial_auc(b * net + (1 - b) * tree, fs.same[val]) for b in BLENDS}
    print("  blend (network weight) -> validation partial AUC: " + ", ".join(f"{b}: {v:.3f}" for b, v in scores.items()))
    return max(scores, key=lambda b: (scores[b], b))


def make_model(
    parts: dict, trees: Trees | None, blend: float, targets, bars, meta: dict, idf: np.ndarray | None = None
) -> GuardModel:
    """A model over the v1 inputs, or with ``idf`` (the alignment features' weights) over the v2 inputs."""
    return GuardModel(
        trees=trees,
        blend=blend,
        targets=np.asarray(targets, np.float64),
        bars=np.asarray(bars, np.float64),
        floor=FLOOR,
        space=MINILM_SPACE,
        scalar_names=feat.SCALAR_NAMES,
        context_names=feat.CONTEXT_NAMES,
        alignment_names=feat.ALIGNMENT_NAMES if idf is not None else (),
        idf=idf,
        meta=meta,
        **parts,
    )


def served_scores(model: GuardModel, fs: FeatureSet, same_text: np.ndarray) -> np.ndarray:
    """What the memory does with each pair: ``inf`` for the same text, ``-inf`` below the floor, else the score."""
    scores = model.score(fs.dense.astype(np.float32), scalar_inputs(fs, model.uses_alignment))
    scores = np.where(fs.scalar[:, 0] >= model.floor, scores, -np.inf)
    return np.where(same_text, np.inf, scores)


def calibrate(model: GuardModel, fs: FeatureSet, same_text: np.ndarray) -> tuple[np.ndarray, dict]:
    """The bars table on the calibration parts (every source within the target), and what it gives there."""
    scores = served_scores(model, fs, same_text)
    negatives = {}
    for source in sorted(set(fs.source)):
        m = (fs.source == source) & ~fs.same
        negatives[source] = (scores[m][np.isfinite(scores[m]) | (scores[m] > 0)], int(m.sum()))
    bars = bars_table(negatives, TARGETS)
    report = {}
    for t, bar in zip(TARGETS, bars, strict=True):
        row = {}
        for source in sorted(set(fs.source)):
            m = fs.source == source
            pos, neg = scores[m & fs.same], scores[m & ~fs.same]
            row[source] = {"hits": float((pos >= bar).mean()), "false_hits": float((neg >= bar).mean())}
        report[f"{t:g}"] = row
    return bars, report


def train(pairs, fs: FeatureSet, idf: np.ndarray | None = None, *, started: float | None = None) -> GuardModel:
    """Fit the network and trees on the train parts, choose the blend, calibrate the bars: the model to ship.

    With ``idf`` the model reads the alignment features too (version 2); without, the v1 inputs.
    """
    started = time.perf_counter() if started is None else started
    alignment = idf is not None
    same_text = np.array([normalise_question(p.a) == normalise_question(p.b) for p in pairs])
    inner = inner_validation(pairs)
    train_part = (fs.part == "train") & (fs.scalar[:, 0] >= FLOOR)
    fit, val = train_part & ~inner, train_part & inner
    print(f"fit on {fit.sum()} train pairs at cosine >= {FLOOR}, validate on {val.sum()}")
    parts = fit_network(fs, fit, val, alignment=alignment)
    trees = fit_trees(fs, fit, alignment)
    blend = choose_blend(parts, trees, fs, val, idf)
    cal = fs.part == "calibration"
    probe = make_model(parts, trees, blend, [0.01], [0.0], {}, idf)
    bars, report = calibrate(probe, fs.take(cal), same_text[cal])
    meta = {
        "version": 2 if alignment else 1,
        "features_version": feat.FEATURES_VERSION,
        "split_seed": SPLIT_SEED,
        "train_pairs": int(fit.sum()),
        "validation_pairs": int(val.sum()),
        "calibration_pairs": {s: int(((fs.source == s) & cal).sum()) for s in sorted(set(fs.source))},
        "blend": blend,
        "confidence": 0.95,
        "calibration": report,
        "training_seconds": round(time.perf_counter() - started),
    }
    if alignment:
        meta["idf"] = "token idf over the distinct questions of the QQP train part"
    return make_model(parts, trees, blend, TARGETS, bars, meta, idf)


def print_bars(model: GuardModel) -> None:
    print("bars table (target false-hit rate -> bar; calibration hits / false hits per source):")
    for t, bar in zip(model.targets, model.bars, strict=True):
        row = model.meta["calibration"][f"{t:g}"]
        cells = "  ".join(f"{s} {v['hits']:.1%} / {v['false_hits']:.2%}" for s, v in row.items())
        print(f"  {t:>6.2%} -> {bar:7.3f}   {cells}")


RATES = (0.0025, 0.005, 0.01, 0.02, 0.05, 0.1)


def hits_at_rates(scores: np.ndarray, same: np.ndarray, rates=RATES) -> list[float]:
    """Hits (over all positives) at a bar letting through at most each *empirical* false-hit rate."""
    neg = np.sort(scores[~same])[::-1]
    out = []
    for r in rates:
        k = int(r * len(neg))
        out.append(float((scores[same] > neg[min(k, len(neg) - 1)]).mean()))
    return out


def compare(pairs, fs: FeatureSet, idf: np.ndarray) -> None:
    """Train v1 and v2 on the same features; print both calibration curves (and similarity alone) per source."""
    same_text = np.array([normalise_question(p.a) == normalise_question(p.b) for p in pairs])
    cal = fs.part == "calibration"
    models = {"v1 (shipped inputs)": train(pairs, fs), "v2 (+ alignment)": train(pairs, fs, idf)}
    sub, st = fs.take(cal), same_text[cal]
    cos = np.where(st, np.inf, sub.scalar[:, 0])
    print("calibration parts: hits at an empirical false-hit rate of " + ", ".join(f"{r:.2%}" for r in RATES))
    for source in sorted(set(sub.source)):
        m = sub.source == source
        print(f"  {source} ({m.sum()} pairs, {(m & sub.same).sum()} same)")
        print(f"    {'similarity alone':22s} " + "  ".join(f"{h:6.1%}" for h in hits_at_rates(cos[m], sub.same[m])))
        for name, model in models.items():
            sc = served_scores(model, sub, st)
            row = "  ".join(f"{h:6.1%}" for h in hits_at_rates(sc[m], sub.same[m]))
            at = model.meta["calibration"]["0.01"][source]
            print(f"    {name:22s} {row}   bars@1%: {at['hits']:.1%} / {at['false_hits']:.2%}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dry-run", action="store_true", help="fit and report, write no model")
    ap.add_argument(
        "--alignment", action="store_true", help="version 2: add the word-alignment features (not shipped: see notes)"
    )
    ap.add_argument("--out", type=Path, default=None, help="default: guard_model/guard-v<version>.npz")
    ap.add_argument("--cache", type=Path, default=OUT, help="where vectors and features are cached")
    ap.add_argument("--compare", action="store_true", help="train v1 and v2, print both calibration curves")
    args = ap.parse_args()
    started = time.perf_counter()
    pairs = [p for p in all_pairs() if p.part != "test"]  # the test parts are never read here
    if not pairs:
        sys.exit("skipped: ../shared/data/qqp_pairs and paws_wiki_dev are absent")
    idf = train_idf(pairs)
    fs = cached_features(pairs, args.cache, idf=idf)
    t_features = time.perf_counter() - started
    print(f"{len(pairs)} pairs featurised in {t_features:.0f} s")
    if args.compare:
        compare(pairs, fs, idf)
        return
    model = train(pairs, fs, idf if args.alignment else None, started=started)
    print_bars(model)
    print(f"trained in {model.meta['training_seconds']} s ({t_features:.0f} s of it embedding and features)")
    out = args.out or MODEL_DIR / f"guard-v{model.meta['version']}.npz"
    if not args.dry_run:
        model.save(out)
        print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
