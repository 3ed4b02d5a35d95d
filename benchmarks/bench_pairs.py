"""The answer memory's guard on held-out labelled pairs: hits, false hits, the curve, the cost.

    python benchmarks/bench_pairs.py                  # QQP test part and PAWS-Wiki held-out half
    python benchmarks/bench_pairs.py --sample 60      # also write 60 false hits to read (label noise)
    python benchmarks/bench_pairs.py --bootstrap 0    # without the spreads at the default target (200 resamples)
    python benchmarks/bench_pairs.py --sample 40 --sample-target 0.1 --real 0 --cost 0  # ... at a looser bar

Protocol (as ``bench_paws.py``'s pair protocol): a memory holding only ``a`` is
asked ``b``. A served answer on a ``same: true`` pair is a *hit*, on a
``same: false`` pair a *false hit*; rates are over all pairs of that label.
The same text (after normalisation) is always served. The learned guard serves
when the cosine reaches the model's floor, no veto fires and the score reaches
the bar of the memory's target false-hit rate (1% by default); computed here
in bulk from the cached vectors with the shipped model, and checked against
real one-entry ``AnswerMemory.put/get`` calls on a sample.

Parts (``pair_data.py``, fixed split): QQP *test* (15% of the question
components, never used for training or the bars) and PAWS-Wiki dev's last
4,000 pairs. Printed: the learned guard at every target of its bars table, the
rule guard (before this work) at its default threshold, and similarity alone
(a GPTCache-style cache) at thresholds and at the learned guard's false-hit rate.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pair_data import OUT, all_pairs, embed_texts, word_vectors  # noqa: E402
from train_guard import cached_features, served_scores  # noqa: E402

from reasoner.memory import AnswerMemory, guard, normalise_question  # noqa: E402
from reasoner.memory.answers import DEFAULT_THRESHOLD  # noqa: E402
from reasoner.memory.learned import DEFAULT_FALSE_HIT_RATE, load_model  # noqa: E402

SIM_THRESHOLDS = (0.80, 0.85, 0.90, 0.93, 0.95, 0.97, 0.98, 0.99)


def pct(n: float, d: float) -> str:
    return f"{100 * n / max(d, 1):.2f}%"


def line(served: np.ndarray, same: np.ndarray) -> str:
    h, p = int(served[same].sum()), int(same.sum())
    f, n = int(served[~same].sum()), int((~same).sum())
    return f"hits {h}/{p} = {pct(h, p):>7}   false hits {f}/{n} = {pct(f, n):>6}"


def rule_guard(pairs, cos: np.ndarray, words: dict[str, np.ndarray], same_text: np.ndarray) -> np.ndarray:
    """The rule guard as AnswerMemory served before this work: cosine >= 0.95 and ``guard.check``."""

    def similarity(xs, ys):
        return np.stack([words[x] for x in xs]) @ np.stack([words[y] for y in ys]).T

    out = same_text.copy()
    for i, p in enumerate(pairs):
        if not out[i] and cos[i] >= DEFAULT_THRESHOLD:
            out[i] = guard.check(p.a, p.b, similarity=similarity).ok
    return out


def check_real_memories(pairs, served: np.ndarray, cos: np.ndarray, floor: float, n: int = 40, model=None) -> int:
    """Disagreements between the bulk computation and real one-entry memories (minilm-onnx) on ``n`` pairs.

    Half the sample is drawn from pairs at or above the floor, where the guard decides.
    """
    from reasoner.retrieval.embedder import load_embedder

    embedder = load_embedder("minilm-onnx")
    rng = random.Random(7)
    near = [i for i in range(len(pairs)) if cos[i] >= floor]
    picks = rng.sample(near, min(n // 2, len(near)))
    picks += rng.sample(range(len(pairs)), min(n - len(picks), len(pairs)))
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        for k, i in enumerate(picks):
            with AnswerMemory(Path(tmp) / f"m{k}", embedder, guard_model=model) as m:
                m.put(pairs[i].a, "x")
                bad += (m.get(pairs[i].b) is not None) != bool(served[i])
    return bad


def guard_cost(pairs, n: int = 200, model=None) -> tuple[float, float, float]:
    """Warm-process milliseconds: one embedding (baseline), the guard's scoring of one candidate, a whole get."""
    from reasoner.retrieval.embedder import load_embedder

    embedder = load_embedder("minilm-onnx")
    rng = random.Random(11)
    sample = rng.sample(pairs, min(n, len(pairs)))
    with tempfile.TemporaryDirectory() as tmp:
        m = AnswerMemory(Path(tmp), embedder, max_entries=len(sample) + 10, guard_model=model)
        for p in sample:
            m.put(p.a, "x")
        embed_ms, score_ms, get_ms = [], [], []
        vecs = {}
        for p in sample:
            t = time.perf_counter()
            vecs[p.b] = embedder.embed([p.b])[0]
            embed_ms.append((time.perf_counter() - t) * 1e3)
        for p in sample:
            u = embedder.embed([p.a])[0]
            m.score(p.a, p.b, u, vecs[p.b])  # warms the word vectors and token outputs of this pair
            t = time.perf_counter()
            m.score(p.a, p.b, u, vecs[p.b])
            score_ms.append((time.perf_counter() - t) * 1e3)
        for p in sample:
            t = time.perf_counter()
            m.get(p.b)
            get_ms.append((time.perf_counter() - t) * 1e3)
        m.close()
    return statistics.median(embed_ms), statistics.median(score_ms), statistics.median(get_ms)


def write_sample(pairs, scores: np.ndarray, served: np.ndarray, n: int, path: Path) -> None:
    """``n`` false hits, drawn at random (fixed seed), to read: is the label or the guard wrong?"""
    wrong = [i for i in range(len(pairs)) if served[i] and not pairs[i].same]
    picks = random.Random(3).sample(wrong, min(n, len(wrong)))
    with path.open("w", encoding="utf-8") as fh:
        for i in picks:
            fh.write(json.dumps({"score": round(float(scores[i]), 3), "a": pairs[i].a, "b": pairs[i].b}) + "\n")
    print(f"  {len(picks)} of {len(wrong)} false hits written to {path}")


def calibration_negatives(model) -> dict[str, np.ndarray]:
    """The model's served scores of every calibration ``same: false`` pair, per source (for the bar's spread)."""
    pairs = [p for p in all_pairs() if p.part != "test"]
    fs = cached_features(pairs, idf=model.idf)  # the training run's cache
    same_text = np.array([normalise_question(p.a) == normalise_question(p.b) for p in pairs])
    scores = served_scores(model, fs, same_text)
    m = (fs.part == "calibration") & ~fs.same.astype(bool)
    return {s: scores[m & (fs.source == s)] for s in sorted(set(fs.source[m]))}


def spreads(scores: np.ndarray, same: np.ndarray, negatives: dict[str, np.ndarray], rounds: int) -> str:
    """5-95% of hits and false hits at the default target over ``rounds`` resamples: of the test pairs
    (the bar as shipped), and of the test pairs and the calibration negatives (the bar set again each time)."""
    from reasoner.memory.calibration import bars_table

    rng = np.random.default_rng(0)
    pos, neg = np.nonzero(same)[0], np.nonzero(~same)[0]
    bar = bars_table({s: (v, len(v)) for s, v in negatives.items()}, [DEFAULT_FALSE_HIT_RATE])[0]
    out = {"test pairs resampled": [], "test pairs and calibration resampled": []}
    for _ in range(rounds):
        p, n = rng.choice(pos, len(pos)), rng.choice(neg, len(neg))
        again = bars_table({s: (rng.choice(v, len(v)), len(v)) for s, v in negatives.items()}, [DEFAULT_FALSE_HIT_RATE])[0]
        for key, b in (("test pairs resampled", bar), ("test pairs and calibration resampled", again)):
            out[key].append(((scores[p] >= b).mean(), (scores[n] >= b).mean()))
    lines = []
    for key, xs in out.items():
        h, f = np.array(xs).T
        lines.append(f"    {key} ({rounds}x): hits {np.quantile(h, 0.05):.2%} - {np.quantile(h, 0.95):.2%}, "
                     f"false hits {np.quantile(f, 0.05):.2%} - {np.quantile(f, 0.95):.2%} (5-95%)")
    return "\n".join(lines)


def report(name: str, pairs, args) -> None:
    model = load_model(args.model)
    fs = cached_features(pairs, idf=model.idf)  # a v1 model: the QQP train part's idf (its features ignore it)
    same = fs.same.astype(bool)
    same_text = np.array([normalise_question(p.a) == normalise_question(p.b) for p in pairs])
    cos = fs.scalar[:, 0]
    scores = served_scores(model, fs, same_text)
    print(f"\n{name}: {len(pairs)} pairs ({same.sum()} same, {(~same).sum()} not)")
    print(f"  learned guard {model.version} (floor {model.floor}), by target false-hit rate:")
    for t in model.targets:
        bar = model.bar(float(t))
        mark = "  <- default" if abs(t - DEFAULT_FALSE_HIT_RATE) < 1e-12 else ""
        print(f"    target {t:>6.2%}  bar {bar:7.3f}  {line(scores >= bar, same)}{mark}")
    served = scores >= model.bar(DEFAULT_FALSE_HIT_RATE)
    if args.bootstrap:
        print(f"  spread at the default target:\n{spreads(scores, same, calibration_negatives(model), args.bootstrap)}")
    texts = {t for p in pairs for t in (p.a, p.b)}
    words = word_vectors({w for t in texts for w in guard.content_words(t).values()}, log=False)
    print(f"  rule guard (before), t={DEFAULT_THRESHOLD}: {line(rule_guard(pairs, cos, words, same_text), same)}")
    print("  similarity alone:")
    for t in SIM_THRESHOLDS:
        print(f"    cosine >= {t:.2f}  {line(same_text | (cos >= t), same)}")
    rate = served[~same].mean()
    neg = np.sort(np.where(same_text, np.inf, cos)[~same])[::-1]
    t_eq = neg[min(int(rate * len(neg)), len(neg) - 1)]
    print(f"    at the learned guard's false-hit rate (cosine > {t_eq:.4f})  {line(same_text | (cos > t_eq), same)}")
    if args.real:
        print(f"  bulk computation vs real one-entry memories: {check_real_memories(pairs, served, cos, model.floor, args.real, model)} "
              f"disagreements in {args.real} pairs")
    if args.sample:
        at = scores >= model.bar(args.sample_target)
        tag = f"{name.split()[0].lower()}_{args.sample_target:g}"
        write_sample(pairs, scores, at, args.sample, OUT / f"false_hits_{tag}.jsonl")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=0, help="write this many false hits per set to read")
    ap.add_argument(
        "--sample-target", type=float, default=DEFAULT_FALSE_HIT_RATE, help="... at this target's bar"
    )
    ap.add_argument("--real", type=int, default=40, help="pairs checked with real one-entry memories")
    ap.add_argument("--cost", type=int, default=200, help="lookups timed for the guard's cost")
    ap.add_argument("--cost-only", action="store_true", help="time the lookups only (no held-out numbers)")
    ap.add_argument("--bootstrap", type=int, default=200, help="resamples for the default target's spread (0: none)")
    ap.add_argument("--model", type=Path, default=None, help="a guard model file (default: the shipped one)")
    args = ap.parse_args()
    pairs = all_pairs()
    if not pairs:
        sys.exit("skipped: ../shared/data/qqp_pairs and paws_wiki_dev are absent")
    for name, source in (("QQP test part", "qqp"), ("PAWS-Wiki held-out half", "paws")):
        part = [p for p in pairs if p.source == source and p.part == "test"]
        if part and not args.cost_only:
            embed_texts({t for p in part for t in (p.a, p.b)})  # cached after the first run
            report(name, part, args)
    if args.cost:
        qqp = [p for p in pairs if p.source == "qqp" and p.part == "test"]
        e, s, g = guard_cost(qqp, args.cost, load_model(args.model))
        print(f"\nwarm process, {args.cost} QQP test pairs: embed one question p50 {e:.2f} ms; "
              f"the learned guard scoring one candidate p50 {s:.2f} ms; get end to end p50 {g:.2f} ms "
              f"(memory of {args.cost} entries)")


if __name__ == "__main__":
    main()
