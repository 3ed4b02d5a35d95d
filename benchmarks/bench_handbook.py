"""RAG over the 18F handbook: accuracy, abstention precision/recall, citation correctness.

    python benchmarks/bench_handbook.py [--paths extractive,rag,llm] [--limit N]

The dev set (benchmarks/data/handbook_dev.jsonl) has questions written for this
project over ../shared/data/handbook_18f, some of them not answered by the handbook
("answers": []). Retrieval is reasoner.retrieval.index.KnowledgeIndex (hybrid,
MiniLM), built once into the user cache and refreshed incrementally.

Paths:
  extractive  no LLM: abstain on weak retrieval, else the supporting sentence and its value.
  rag         RagSolver defaults: the supporting sentence when it clearly suffices, else the LLM.
  llm         RagSolver with the LLM on every retrieved question (extractive_first=False).

Citation correctness, over answered questions that have answers: the first cited
chunk contains a gold answer ("contains") / comes from the page the question was
written from ("source").
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

from reasoner.evaluate import EvalItem, is_correct, normalise  # noqa: E402
from reasoner.types import Answer, Budget, Context, Query  # noqa: E402

KB = ROOT.parent / "shared" / "data" / "handbook_18f"
DEV = ROOT / "benchmarks" / "data" / "handbook_dev.jsonl"


def load_dev(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def open_index(cache: Path):
    from reasoner.retrieval.embedder import load_embedder
    from reasoner.retrieval.index import KnowledgeIndex

    t0 = time.perf_counter()
    idx, report = KnowledgeIndex.update(
        KB, cache / "bench_handbook_index", embedder=load_embedder("minilm"), progress=False
    )
    print(f"index: {len(idx)} chunks, ready in {time.perf_counter() - t0:.1f} s", flush=True)
    return idx


def answer_extractive(solver, q: Query) -> Answer:
    est = solver.estimate(q)
    hits = est.payload.hits
    if not hits or hits[0].score < solver.min_score:
        return Answer.abstain("weak retrieval", route="rag")
    return solver.extract(q, hits) or Answer.abstain("no supporting sentence", route="rag")


def citation(row: dict, ans: Answer, idx) -> tuple[bool, bool] | None:
    if ans.abstained or not row["answers"] or not ans.evidence:
        return None
    ev = ans.evidence[0]
    text = normalise(idx.chunk(ev.ref).text)
    contains = any(normalise(g) in text for g in row["answers"])
    src = row.get("source") or ""
    return contains, bool(src) and (ev.source == src or ev.source.endswith("/" + src))


def run_path(name: str, rows: list[dict], solve, idx) -> dict:
    out = []
    for row in rows:
        t0 = time.perf_counter()
        ans = solve(Query(row["question"]))
        ms = (time.perf_counter() - t0) * 1e3
        item = EvalItem(row["id"], row["question"], tuple(row["answers"]), "handbook")
        out.append(
            {"row": row, "ans": ans, "ok": is_correct(item, ans), "ms": ms, "cite": citation(row, ans, idx)}
        )
    return summarize(name, out)


def summarize(name: str, out: list[dict]) -> dict:
    should = [o for o in out if not o["row"]["answers"]]
    abst = [o for o in out if o["ans"].abstained]
    tp = sum(1 for o in abst if not o["row"]["answers"])
    cites = [o["cite"] for o in out if o["cite"] is not None]
    answerable = [o for o in out if o["row"]["answers"]]
    return {
        "path": name,
        "n": len(out),
        "accuracy": round(100 * sum(o["ok"] for o in out) / len(out), 1),
        "answerable_acc": round(100 * sum(o["ok"] for o in answerable) / max(1, len(answerable)), 1),
        "abstain_precision": round(100 * tp / len(abst), 1) if abst else None,
        "abstain_recall": round(100 * tp / len(should), 1) if should else None,
        "cite_contains": round(100 * sum(c[0] for c in cites) / len(cites), 1) if cites else None,
        "cite_source": round(100 * sum(c[1] for c in cites) / len(cites), 1) if cites else None,
        "llm_calls": sum(o["ans"].cost.model_calls for o in out),
        "tokens_out": sum(o["ans"].cost.tokens_out for o in out),
        "median_ms": round(statistics.median(o["ms"] for o in out), 1),
        "wrong": [
            {
                "id": o["row"]["id"],
                "q": o["row"]["question"],
                "gold": o["row"]["answers"],
                "value": o["ans"].value,
                "text": o["ans"].text[:160],
                "verdict": o["ans"].verdict[:90],
            }
            for o in out
            if not o["ok"]
        ],  # fmt: skip
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--paths", default="extractive,rag")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--min-score", type=float, default=None, help="override RagSolver.min_score")
    ap.add_argument("--show-wrong", action="store_true")
    ap.add_argument("--cache-dir", type=Path, default=None)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    if not KB.is_dir():
        sys.exit(f"skipped: {KB} not present")
    from reasoner.config import default_cache_dir
    from reasoner.llm import FakeLLM, load_llm
    from reasoner.solvers.rag.solver import RagSolver

    cache = args.cache_dir or default_cache_dir()
    rows = load_dev(DEV)
    rows = rows[: args.limit] if args.limit else rows
    idx = open_index(cache)
    kw = {"min_score": args.min_score} if args.min_score is not None else {}
    paths = args.paths.split(",")
    llm = load_llm("smollm2", cache_dir=cache) if {"rag", "llm"} & set(paths) else FakeLLM()
    results = []
    ctx = Context(budget=Budget(max_tokens=48))
    for p in paths:
        solver = RagSolver(idx.search, llm, extractive_first=(p != "llm"), **kw)
        solve = (lambda q, s=solver: answer_extractive(s, q)) if p == "extractive" else (
            lambda q, s=solver: s.solve(q, ctx))  # fmt: skip
        res = run_path(p, rows, solve, idx)
        results.append(res)
        brief = {k: v for k, v in res.items() if k != "wrong"}
        print(json.dumps(brief), flush=True)
        if args.show_wrong:
            for w in res["wrong"]:
                print("   ", json.dumps(w))
    print(
        "\n| path | N | accuracy | answerable acc | abstain P | abstain R | cite contains | cite source | LLM calls | median ms |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r['path']} | {r['n']} | {r['accuracy']} | {r['answerable_acc']} | {r['abstain_precision']} | "
            f"{r['abstain_recall']} | {r['cite_contains']} | {r['cite_source']} | {r['llm_calls']} | {r['median_ms']} |"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
