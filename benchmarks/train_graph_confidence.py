"""Fit the graph solver's learned scores (``reasoner/solvers/graph/confidence_model.json``).

Training data comes from graphs whose questions carry their gold path: the solver plans each
question, and the features of :mod:`reasoner.solvers.graph.learned` are kept with two labels,
which relations the gold path walks (the word-relation score) and whether the first answer is
right (the plan score). Trained on MetaQA's original names and renamings 1-3 (half A of the
dev questions, seed 1), WC2014 (seed 1) and graph_s12; checked on renamings 4 and 5 (the
benchmark's seed-0 samples) and graph_blind12, which it never sees. Each training graph
weighs the same, whatever its number of questions. The plan score is fitted on relation
scores predicted by a word-relation model that did not see that graph (leave one graph out),
so it learns how far they hold on a graph they were not fitted on.

    python benchmarks/train_graph_confidence.py collect /tmp/gc        # run the solver, keep features (~10 min)
    python benchmarks/train_graph_confidence.py fit /tmp/gc            # fit, report, write the json
    python benchmarks/train_graph_confidence.py fit /tmp/gc --dry-run  # report only
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from bench_kg import WC2014, norm, read_items  # noqa: E402
from bench_metaqa import DATA, RENAMINGS, in_half, renamed_kb  # noqa: E402

from reasoner.controller import ACCEPT  # noqa: E402
from reasoner.solvers.graph import learned  # noqa: E402
from reasoner.solvers.graph.question import words_of  # noqa: E402
from reasoner.solvers.graph.solver import Plan, _confidence  # noqa: E402

BENCH = ROOT / "benchmarks" / "data"
TRAIN = ("metaqa0", "metaqa1", "metaqa2", "metaqa3", "wc2014", "graph_s12")
HELD_OUT = ("metaqa4", "metaqa5", "graph_blind12")
# MetaQA's qtype names the kinds a hop joins ("movie_to_director"); the relation of each kind
# (benchmark data, read only here to label the gold paths; the solver never sees it).
METAQA_KIND = {"director": "directed_by", "writer": "written_by", "actor": "starred_actors", "year": "release_year",
               "language": "in_language", "tag": "has_tags", "tags": "has_tags", "genre": "has_genre",
               "imdbrating": "has_imdb_rating", "imdbvotes": "has_imdb_votes"}


def metaqa_questions(renaming: int, per_hop: int, train: bool) -> list[tuple[str, frozenset[str], set[str]]]:
    """(question, gold answers, gold relations): training sets draw from half A with seed 1,
    held-out ones are the benchmark's own sample (seed 0, both halves)."""
    names = RENAMINGS.get(renaming, {})
    out = []
    for hop in (1, 2, 3):
        lines = (DATA / f"{hop}-hop" / "qa_dev.txt").read_text(encoding="utf-8").splitlines()
        kinds = (DATA / f"{hop}-hop" / "qa_dev_qtype.txt").read_text(encoding="utf-8").splitlines()
        rows = []
        for index, (line, qtype) in enumerate(zip(lines, kinds, strict=True)):
            if not line.strip() or (train and not in_half(hop, index, "A")):
                continue
            question, answers = line.split("\t")
            rels = {names.get(METAQA_KIND[k], METAQA_KIND[k]) for k in qtype.split("_to_") if k != "movie"}
            rows.append((question.replace("[", "").replace("]", ""), frozenset(answers.split("|")), rels))
        out += random.Random(1 if train else 0).sample(rows, min(per_hop, len(rows)))
    return out


def kg_questions(files: list[Path], per_file: int | None) -> list[tuple[str, frozenset[str], set[str]]]:
    """(question, gold answers, gold relations) of question files whose third field is the path
    (``a#rel#b#rel#c``, branches of a conjunction joined by ``*``)."""
    out = []
    for f in files:
        paths: dict[str, set[str]] = {}
        for line in f.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if len(fields) >= 3:  # a question asked twice walks either path
                paths.setdefault(fields[0].strip(), set()).update(
                    p for branch in fields[2].split("*") for p in branch.split("#")[1::2] if p != "<end>")
        rows = [(it.question, it.gold, paths.get(it.question, set())) for it in read_items(f)]
        out += random.Random(1).sample(rows, per_file) if per_file and per_file < len(rows) else rows
    return out


def graph_set(name: str, folder: Path, per_hop: int) -> tuple[Path, str | None, list]:
    """(triples file, separator, questions) of one named set."""
    if name.startswith("metaqa"):
        n = int(name[-1])
        kb = renamed_kb(DATA / "kb.txt", n, folder) if n else DATA / "kb.txt"
        return kb, "|", metaqa_questions(n, per_hop if name in TRAIN else 300, name in TRAIN)
    if name == "wc2014":
        return WC2014 / "WC2014.txt", None, kg_questions([WC2014 / f for f in ("WC-P1.txt", "WC-P2.txt", "WC-C.txt")],
                                                         per_hop)
    d = BENCH / name
    return d / "triples.txt", None, kg_questions([d / "hop1.txt", d / "hop2.txt"], None)


def collect(out: Path, per_hop: int, names: list[str]) -> None:
    """Plan every question of each set and pickle its features and labels to ``out/<set>.pkl``."""
    import tempfile

    from reasoner.config import Config
    from reasoner.graph import KnowledgeGraph
    from reasoner.retrieval.embedder import load_embedder
    from reasoner.solvers.graph import GraphSolver

    out.mkdir(parents=True, exist_ok=True)
    embedder = load_embedder(Config().embedder)
    for name in names:
        with tempfile.TemporaryDirectory() as tmp:
            triples, sep, questions = graph_set(name, Path(tmp), per_hop)
            kg = KnowledgeGraph.from_triples_file(triples, sep=sep)
        solver = GraphSolver(kg, embedder, confidence="scoring")
        solver.warm()
        rels = solver.lexicon.relations
        rows = []
        for text, gold, path_rels in questions:
            plan = solver.plan(text)
            if not isinstance(plan, Plan):
                continue
            per_word, per_rel, open_words, focus = solver.relation_inputs(words_of(text), plan.mention)
            kept = {solver.twins.get(r, r) for r in path_rels}
            first = sorted(plan.answers)[0] if plan.answers else ""
            hit = (first in gold) if name.startswith("metaqa") else (norm(first) in gold)
            rows.append({"words": per_word.astype(np.float32), "relations": per_rel.astype(np.float32),
                         "open": open_words, "gold": np.array([r in kept for r in rels]), "conf": _confidence(plan),
                         "margin": plan.margin, "score": plan.score, "rels": rels,
                         "hops": [r for r, _ in plan.path] + [r for _, p, _ in plan.also for r, _ in p],
                         "unnamed": plan.unnamed, "end_fit": solver._fit(focus, plan.path[-1]),
                         "branches": len(plan.also),
                         "hop_tie": plan.hop_tie, "exact": plan.mention.exact, "fit": plan.fit, "hit": bool(hit),
                         "question": text})
        (out / f"{name}.pkl").write_bytes(pickle.dumps(rows))
        print(f"{name}: {len(rows)} plans, H@1 {np.mean([r['hit'] for r in rows]):.3f}", flush=True)


# -- fitting ------------------------------------------------------------------------------


def _instances(rows: list[dict], w: np.ndarray | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One instance per (question, relation): its best word group under ``w`` (None: the
    lexicon's mention, then the cosine), with the relation's own features; labels; question ids."""
    xs, ys, qs = [], [], []
    k = len(learned.WORD_FEATURES)
    for qi, r in enumerate(rows):
        per_word, per_rel = r["words"].astype(np.float64), r["relations"].astype(np.float64)
        for j in range(per_rel.shape[0]):
            if per_word.shape[0]:
                cand = per_word[:, j, :]
                key = cand @ w[:k] if w is not None else cand[:, 8] * 10 + cand[:, 0]
                best = cand[int(np.argmax(key))]
            else:
                best = np.zeros(k)
            xs.append(np.concatenate([best, per_rel[j]]))
            ys.append(bool(r["gold"][j]))
            qs.append(qi)
    return np.array(xs), np.array(ys), np.array(qs)


def _weights(sets: dict[str, list[dict]], per: dict[str, np.ndarray]) -> np.ndarray:
    """Each set weighs the same in all: its instances share a weight of 1."""
    return np.concatenate([np.full(len(per[n]), 1.0 / max(1, len(per[n]))) for n in sets]) * 1000.0


def fit_word_model(sets: dict[str, list[dict]], rounds: int = 5) -> tuple[np.ndarray, float]:
    """Multiple-instance logistic fit: the relation's label goes to its best word group, which the
    model picks anew each round."""
    from sklearn.linear_model import LogisticRegression

    w, b = None, 0.0
    for _ in range(rounds):
        per = {n: _instances(rows, w) for n, rows in sets.items()}
        x = np.concatenate([per[n][0] for n in sets])
        y = np.concatenate([per[n][1] for n in sets])
        sw = _weights(sets, {n: per[n][1] for n in sets})
        model = LogisticRegression(C=1.0, max_iter=2000).fit(x, y, sample_weight=sw)
        w, b = model.coef_[0], float(model.intercept_[0])
    return w, b


def _readings(rows: list[dict], w: np.ndarray, b: float) -> list[learned.PlanReading]:
    m = learned.ConfidenceModel(w, b, np.zeros(len(learned.PLAN_FEATURES)), 0.0)
    out = []
    for r in rows:
        per_word, per_rel = r["words"].astype(np.float64), r["relations"].astype(np.float64)
        named = dict(zip(r["rels"], (float(p) for p in m.relation_scores(per_word, per_rel)), strict=True))
        out.append(learned.PlanReading(named, m.least_word(per_word, per_rel, r["open"]), r.get("equiv", {})))
    return out


def _plan_x(rows: list[dict], readings: list[learned.PlanReading]) -> np.ndarray:
    return np.array([learned.plan_features(r["conf"], r["margin"], r["score"], r["hops"], r["unnamed"], reading,
                                           r["end_fit"], r["hop_tie"], r["exact"], r["fit"])
                     for r, reading in zip(rows, readings, strict=True)])


def shipped(rows: list[dict], readings: list[learned.PlanReading], x: np.ndarray,
            model: learned.ConfidenceModel) -> np.ndarray:
    """The confidence the solver gives (``GraphSolver.confidence``): the scoring's, capped by the
    learned plan score where a hop of a chain (no intersection) is named by no word."""
    return np.array([min(r["conf"], model.plan_confidence(v, ACCEPT))
                     if not r.get("branches") and g.unnamed(r["hops"]) else r["conf"]
                     for r, g, v in zip(rows, readings, x, strict=True)])


def _report(name: str, rows: list[dict], learned_conf: np.ndarray) -> str:
    hit = np.array([r["hit"] for r in rows], bool)
    old = np.array([r["conf"] for r in rows])

    def acc(c: np.ndarray) -> str:
        a = c >= ACCEPT
        prec = 100 * hit[a].mean() if a.any() else float("nan")
        return f"{100 * a.mean():5.1f} / {prec:5.1f} ({int((a & ~hit).sum()):3d} wrong)"

    from sklearn.metrics import roc_auc_score

    auc = (lambda c: f"{roc_auc_score(hit, c):.3f}") if 0 < hit.sum() < len(hit) else (lambda c: "  n/a")
    return (f"{name:>14} n={len(rows):4d} H@1 {100 * hit.mean():5.1f}  scoring {acc(old)} AUC {auc(old)}"
            f"  learned {acc(learned_conf)} AUC {auc(learned_conf)}")


def fit_plan_model(x: np.ndarray, y: np.ndarray, sw: np.ndarray) -> tuple[np.ndarray, float]:
    """L2-regularised logistic fit (as scikit-learn's C=1) with each weight held to the sign
    ``learned.PLAN_SIGNS`` gives it (L-BFGS-B bounds)."""
    from scipy.optimize import minimize

    y = y.astype(np.float64)
    signs = [learned.PLAN_SIGNS.get(n, 0) for n in learned.PLAN_FEATURES]
    bounds = [(0.0, None) if s > 0 else (None, 0.0) if s < 0 else (None, None) for s in signs] + [(None, None)]

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ theta[:-1] + theta[-1]
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        ll = -(sw * (y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))).sum()
        g = sw * (p - y)
        grad = np.concatenate([x.T @ g + theta[:-1], [g.sum()]])
        return ll + 0.5 * float(theta[:-1] @ theta[:-1]), grad

    res = minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B", bounds=bounds)
    return res.x[:-1], float(res.x[-1])


def _probability(x: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x @ w + b, -30, 30)))


def _precision(accept: np.ndarray, y: np.ndarray, sw: np.ndarray) -> float:
    return float((sw * (accept & y)).sum() / max((sw * accept).sum(), 1e-9))


def accept_point(xs: list[np.ndarray], ys: list[np.ndarray], ws: list[np.ndarray]) -> float:
    """The plan probability to accept at: the lowest at which the answers accepted on graphs the
    plan model was not fitted on (leave one graph out) are as precise as the scoring's accepted
    answers on the same graphs (its confidence >= ACCEPT; each graph weighing the same)."""
    out_of_graph = []
    for i in range(len(xs)):
        rest = [j for j in range(len(xs)) if j != i]
        w, b = fit_plan_model(np.concatenate([xs[j] for j in rest]), np.concatenate([ys[j] for j in rest]),
                              np.concatenate([ws[j] for j in rest]))
        out_of_graph.append(_probability(xs[i], w, b))
    p, y, sw = np.concatenate(out_of_graph), np.concatenate(ys).astype(bool), np.concatenate(ws)
    scoring = np.concatenate(xs)[:, 0] >= learned.logit(ACCEPT)
    target = _precision(scoring, y, sw)
    at = next((t for t in np.arange(0.5, 0.99, 0.01) if _precision(p >= t, y, sw) >= target), 0.99)
    print(f"scoring precision at ACCEPT {target:.4f}; out of graph the plan score reaches it at {at:.2f}")
    return float(at)


def fit(folder: Path, dry_run: bool) -> None:

    load = lambda n: pickle.loads((folder / f"{n}.pkl").read_bytes())  # noqa: E731
    train = {n: load(n) for n in TRAIN if (folder / f"{n}.pkl").is_file()}
    held = {n: load(n) for n in HELD_OUT if (folder / f"{n}.pkl").is_file()}
    # the plan score sees relation scores of a word model that did not see the graph
    xs, ys, ws, reads = [], [], [], []
    for n, rows in train.items():
        w, b = fit_word_model({o: r for o, r in train.items() if o != n})
        reads.append(_readings(rows, w, b))
        xs.append(_plan_x(rows, reads[-1]))
        ys.append(np.array([r["hit"] for r in rows]))
        ws.append(np.full(len(rows), 1000.0 / len(rows)))
    x, y, sw = np.concatenate(xs), np.concatenate(ys), np.concatenate(ws)
    plan_w, plan_b = fit_plan_model(x, y, sw)
    at = accept_point(xs, ys, ws)
    w, b = fit_word_model(train)
    model = learned.ConfidenceModel(w, b, plan_w, plan_b, float(at), tuple(train))
    print(model.to_json())
    print("accepted / precision at ACCEPT, the solver's confidence (training sets: plan score in-sample,"
          " relation scores out of graph)")
    for (n, rows), x, g in zip(train.items(), xs, reads, strict=True):
        print(_report(n, rows, shipped(rows, g, x, model)))
    print("held out (never seen)")
    for n, rows in held.items():
        g = _readings(rows, w, b)
        print(_report(n, rows, shipped(rows, g, _plan_x(rows, g), model)))
    if not dry_run:
        learned.PATH.write_text(model.to_json(), encoding="utf-8")
        print(f"wrote {learned.PATH}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("step", choices=["collect", "fit"])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--per-hop", type=int, default=200, help="MetaQA questions per hop, WC2014 per file")
    ap.add_argument("--sets", nargs="+", default=list(TRAIN + HELD_OUT))
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args()
    if args.step == "collect":
        collect(args.folder, args.per_hop, args.sets)
    else:
        fit(args.folder, args.dry_run)


if __name__ == "__main__":
    main()
