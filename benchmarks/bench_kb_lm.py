"""Does a small LM's likelihood read meaning the reader's MiniLM cosine misses? (issue 15, session 13)

    python benchmarks/bench_kb_lm.py score --sets s12,ca,18f,blind12,blind10,dev --index ca=DIR ... \
        --out ROWS.jsonl [--k 5] [--cache-dir DIR]
    python benchmarks/bench_kb_lm.py report ROWS.jsonl

``score``: for every question of each set (``bench_kb.SETS``), the reader's reading (RagSolver,
estimate, no LLM), its top ``k`` candidates of the first part, each labelled gold when it holds a
gold answer (``evaluate.normalise`` containment), and the LM's evidence for each
(``reasoner/solvers/rag/lm_score.py``: ``ql``, ``ql_pmi``, ``sq_pmi``) with the wall time of
scoring them. One JSON line per question, written as it is scored (a rerun skips the ids already
in ``--out``).

``report``: per handbook (CivicActions: s12, ca; 18F: 18f, blind12, blind10, dev) and per
question kind,
  (a) how often the top candidate is gold, among answerable questions with a gold candidate in
      the top k: the reader's order, each LM score alone, and a logistic over the reader's
      relative score and the LM's, fitted on one handbook and checked on the other;
  (b) answerable vs unanswerable (and "the reader's forced answer is right" vs not): AUC of the
      reader's probability, of the LM's scores of its best candidate, and of a logistic over
      both, fitted on one handbook and checked on the other;
  (c) ms per question of the LM scoring (2 torch threads), and the share of questions in the
      reader's unsure band (its probability within ``--band`` of the threshold).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from reasoner.evaluate import EvalItem, is_correct, normalise, percentile  # noqa: E402
from reasoner.types import Budget, Context, Query  # noqa: E402

HANDBOOKS = {"civicactions": ("s12", "ca"), "18f": ("18f", "blind12", "blind10", "dev")}
LM_KEYS = ("ql", "ql_pmi", "sq_pmi")


def gold_of(text: str, answers: list[str]) -> bool:
    t = normalise(text)
    return any(normalise(a) and normalise(a) in t for a in answers)


def score_sets(args) -> None:
    from bench_kb import SETS, _forced, load_rows, open_index

    from reasoner.config import default_cache_dir
    from reasoner.llm import FakeLLM
    from reasoner.solvers.rag.lm_score import LikelihoodScorer, load_smollm2
    from reasoner.solvers.rag.solver import RagSolver

    done = set()
    if args.out.is_file():
        done = {(r["set"], r["id"]) for r in map(json.loads, args.out.read_text().splitlines()) if r}
    cache = args.cache_dir or default_cache_dir()
    t0 = time.perf_counter()
    lm = LikelihoodScorer(load_smollm2(cache, threads=args.threads))
    print(f"LM loaded in {time.perf_counter() - t0:.1f} s", flush=True)
    given = dict(s.split("=", 1) for s in args.index)
    ctx = Context(budget=Budget(max_tokens=48))
    with args.out.open("a", encoding="utf-8") as out:
        for name in [n for n in args.sets.split(",") if n]:
            kb, qfile = SETS[name]
            idx = open_index(kb, Path(given.get(name, cache / f"bench_kb_{kb.name}")))
            solver = RagSolver(idx.search, FakeLLM(), embedder=idx.embedder, stored_vectors=idx.stored_vectors)
            for row in load_rows(qfile):
                if (name, row["id"]) in done:
                    continue
                out.write(json.dumps(_score_row(name, row, solver, lm, ctx, args.k, _forced)) + "\n")
                out.flush()
            print(f"{name} done at {time.perf_counter() - t0:.0f} s", flush=True)


def _score_row(name: str, row: dict, solver, lm, ctx: Context, k: int, forced) -> dict:
    item = EvalItem(row["id"], row["question"], tuple(row["answers"]), row.get("kind", ""))
    q = Query(row["question"])
    t0 = time.perf_counter()
    est = solver.estimate(q, ctx)
    ans = solver.solve(q, ctx, est)
    reader_ms = (time.perf_counter() - t0) * 1e3
    parts = est.payload.parts if est.payload is not None else []
    reading = parts[0].reading if parts else None
    top = reading.ranked[:k] if reading else []
    t1 = time.perf_counter()
    question = reading.question if reading else row["question"]
    lm_scores = lm.score(question, [s.unit.in_context for s in top], [s.unit.text for s in top])
    lm_ms = (time.perf_counter() - t1) * 1e3
    would = (not item.should_abstain) and is_correct(item, forced(solver, q, est, ctx) if ans.abstained else ans)
    return {
        "set": name, "id": row["id"], "kind": row.get("kind", ""), "should_abstain": item.should_abstain,
        "qtype": reading.qtype.kind if reading else "", "n_parts": len(parts),
        "prob": est.confidence, "threshold": solver.threshold, "abstained": ans.abstained,
        "correct": is_correct(item, ans), "would_be_correct": would, "reader_ms": reader_ms, "lm_ms": lm_ms,
        "candidates": [
            {"text": s.unit.text[:300], "score": s.score, "cos": s.cos, "cos_context": s.cos_context,
             "lexical": s.lexical, "typed": s.typed, "gold": gold_of(s.unit.text, row["answers"]), **m.as_dict()}
            for s, m in zip(top, lm_scores, strict=True)
        ],
    }  # fmt: skip


# -- report -------------------------------------------------------------------------------


def auc(scores: list[float], labels: list[bool]) -> float | None:
    """Area under the ROC curve (the chance a positive outscores a negative; ties count half)."""
    pos = [s for s, y in zip(scores, labels, strict=True) if y]
    neg = [s for s, y in zip(scores, labels, strict=True) if not y]
    if not pos or not neg:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return round(wins / (len(pos) * len(neg)), 3)


def precision_at_recall(scores: list[float], unanswerable: list[bool], recall: float = 0.8) -> float | None:
    """Declining the lowest-scored questions until ``recall`` of the unanswerable ones are declined:
    the share of the declined that are unanswerable (the abstention precision at that recall)."""
    need = recall * sum(unanswerable)
    if not need:
        return None
    got = declined = 0
    for _, u in sorted(zip(scores, unanswerable, strict=True), key=lambda t: t[0]):
        declined += 1
        got += u
        if got >= need:
            return round(100 * got / declined, 1)
    return None


def candidate_features(cands: list[dict]) -> list[dict[str, float]]:
    """Per candidate: the reader's score and each LM score relative to the best in its question,
    and the reader's rank (1/(1+rank))."""
    if not cands:
        return []
    best = {k: max(c[k] for c in cands) for k in ("score", *LM_KEYS)}
    return [
        {"d_score": c["score"] - best["score"], "rank": 1.0 / (1.0 + i),
         **{f"d_{k}": c[k] - best[k] for k in LM_KEYS}}
        for i, c in enumerate(cands)
    ]  # fmt: skip


RERANKERS = {
    "reader": ("d_score", "rank"),
    "reader+ql_pmi": ("d_score", "rank", "d_ql_pmi"),
    "reader+sq_pmi": ("d_score", "rank", "d_sq_pmi"),
    "reader+lm": ("d_score", "rank", "d_ql_pmi", "d_sq_pmi"),
    "score+lm (no rank)": ("d_score", "d_ql_pmi", "d_sq_pmi"),
}


def _rerank_rows(rows: list[dict]) -> list[dict]:
    return [r for r in rows if not r["should_abstain"] and any(c["gold"] for c in r["candidates"])]


def _picks(rows: list[dict], key) -> list[bool]:
    """Per question: is its best candidate by ``key`` (candidate, features -> value; ties keep
    the reader's order) gold."""
    out = []
    for r in rows:
        feats = candidate_features(r["candidates"])
        vals = [key(c, f) for c, f in zip(r["candidates"], feats, strict=True)]
        out.append(r["candidates"][max(range(len(vals)), key=lambda i: (vals[i], -i))]["gold"])
    return out


def within_auc(rows: list[dict], key: str) -> float | None:
    """Mean over questions of the AUC of gold vs other candidates by ``key`` (questions with both)."""
    vals = [auc([c[key] for c in r["candidates"]], [c["gold"] for c in r["candidates"]]) for r in rows]
    vals = [v for v in vals if v is not None]
    return round(statistics.mean(vals), 3) if vals else None


def _cell(base: list[bool], got: list[bool]) -> str:
    """"hits (+gained/-lost against the reader)"."""
    gained = sum(g and not b for b, g in zip(base, got, strict=True))
    lost = sum(b and not g for b, g in zip(base, got, strict=True))
    return f"{sum(got)} (+{gained}/-{lost})"


def fit_reranker(rows: list[dict], keys, l2: float = 1.0) -> dict[str, float]:
    from reasoner.solvers.rag import abstain

    x, y = [], []
    for r in rows:
        for c, f in zip(r["candidates"], candidate_features(r["candidates"]), strict=True):
            x.append(f)
            y.append(c["gold"])
    return abstain.fit(x, y, l2=l2, keys=keys)


def _linear(coef: dict[str, float]):
    return lambda c, f: sum(v * f.get(k, 0.0) for k, v in coef.items() if k != "bias")


def question_features(r: dict) -> dict[str, float]:
    import math

    c = r["candidates"]
    p = min(max(r["prob"], 1e-6), 1 - 1e-6)
    out = {"reader_logit": math.log(p / (1 - p))}
    for k in LM_KEYS:
        out[f"top_{k}"] = c[0][k] if c else 0.0
        out[f"max_{k}"] = max((x[k] for x in c), default=0.0)
    return out


ABSTAINERS = {
    "reader": ("reader_logit",),
    "lm top ql_pmi": ("top_ql_pmi",),
    "lm max ql_pmi": ("max_ql_pmi",),
    "lm top sq_pmi": ("top_sq_pmi",),
    "lm top ql": ("top_ql",),
    "reader+lm": ("reader_logit", "top_ql_pmi", "max_ql_pmi", "top_sq_pmi"),
}


def report(path: Path, band: float) -> None:
    from reasoner.solvers.rag import abstain

    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    book = {s: b for b, sets in HANDBOOKS.items() for s in sets}
    by_book = {b: [r for r in rows if book.get(r["set"]) == b] for b in HANDBOOKS}
    print(f"{len(rows)} questions: " + ", ".join(f"{b} {len(v)}" for b, v in by_book.items()))
    print("\n(a) top candidate gold, among answerable questions with a gold candidate in the top k")
    print("| handbook (checked on) | kind | N | reader | ql | ql_pmi | sq_pmi | " + " | ".join(
        f"fit {n} on other" for n in RERANKERS) + " |")  # fmt: skip
    print("|" + "---|" * (7 + len(RERANKERS)))
    for b, mine in by_book.items():
        other = [r for bb, v in by_book.items() if bb != b for r in v]
        if not mine or not other:
            continue
        coefs = {n: fit_reranker(_rerank_rows(other), keys) for n, keys in RERANKERS.items()}
        kinds = sorted({r["kind"] for r in mine if not r["should_abstain"]})
        for kind in ["all", *kinds, "unsure band"]:
            sub = _rerank_rows([r for r in mine if kind in ("all", r["kind"]) or
                                (kind == "unsure band" and abs(r["prob"] - r["threshold"]) <= band)])  # fmt: skip
            if not sub:
                continue
            base = _picks(sub, lambda c, f: f["rank"])
            cells = [str(sum(base))] + [_cell(base, _picks(sub, lambda c, f, k=k: c[k])) for k in LM_KEYS]
            cells += [_cell(base, _picks(sub, _linear(coefs[n]))) for n in RERANKERS]
            print(f"| {b} | {kind} | {len(sub)} | " + " | ".join(cells) + " |")
        for n, coef in coefs.items():
            print(f"   fitted on the other handbook, {n}: {json.dumps(coef)}")
        sub = _rerank_rows(mine)
        print(f"   gold vs other candidates, mean AUC within a question ({b}): " + ", ".join(
            f"{k} {within_auc(sub, k)}" for k in ("score", "cos", "cos_context", "lexical", *LM_KEYS)))  # fmt: skip
    print("\n(b) AUC: answerable vs unanswerable / forced answer right vs not (fitted on the other handbook)")
    from bench_kb import curve, fit_threshold

    print("| handbook | score | AUC answerable | AUC right | abstain P at R 80% | t (fitted on other) | "
          "accuracy / abstain P / R at t |\n|---|---|---|---|---|---|---|")  # fmt: skip
    for b, mine in by_book.items():
        other = [r for bb, v in by_book.items() if bb != b for r in v]
        if not mine or not other:
            continue
        for n, keys in ABSTAINERS.items():
            coef = abstain.fit([question_features(r) for r in other], [r["would_be_correct"] for r in other], l2=1.0, keys=keys)
            s = [abstain.probability(question_features(r), coef) for r in mine]
            t = fit_threshold(curve(other, [abstain.probability(question_features(r), coef) for r in other]))
            at = next(p for p in curve(mine, s) if p["t"] == t)
            unans = [r["should_abstain"] for r in mine]
            print(f"| {b} | {n} | {auc(s, [not u for u in unans])} | {auc(s, [r['would_be_correct'] for r in mine])} | "
                  f"{precision_at_recall(s, unans)} | {t} | {at['accuracy']} / {at['abstain_P']} / {at['abstain_R']} |")  # fmt: skip
    print("\n(c) cost")
    lm_ms = [r["lm_ms"] for r in rows]
    reader_ms = [r["reader_ms"] for r in rows]
    unsure = [r for r in rows if abs(r["prob"] - r["threshold"]) <= band]
    print(f"LM scoring ms per question: p50 {percentile(lm_ms, 50)}, p95 {percentile(lm_ms, 95)}, "
          f"mean {statistics.mean(lm_ms):.0f}; reader (estimate + solve) p50 {percentile(reader_ms, 50)}")
    print(f"unsure band |p - t| <= {band}: {len(unsure)}/{len(rows)} questions")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("score")
    s.add_argument("--sets", default="s12,ca,18f,blind12,blind10,dev")
    s.add_argument("--index", action="append", default=[], help="NAME=DIR: an index already built")
    s.add_argument("--cache-dir", type=Path, default=None)
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--k", type=int, default=5)
    s.add_argument("--threads", type=int, default=2)
    r = sub.add_parser("report")
    r.add_argument("rows", type=Path)
    r.add_argument("--band", type=float, default=0.1)
    args = ap.parse_args()
    if args.cmd == "score":
        score_sets(args)
    else:
        report(args.rows, args.band)


if __name__ == "__main__":
    main()
