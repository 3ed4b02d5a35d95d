"""Mixed workload: the controller (`--route auto`) against retrieval + LLM (`--route rag`).

Assembles at least 400 queries from the dev data (the sample-KB and handbook dev
sets, MetaQA dev, DeepMind mathematics) plus about 30% repeats and paraphrases
of earlier questions, indexes the sample KB and the 18F handbook together (with
the MetaQA graph added), and runs every mode over the same workload in one run:

    python benchmarks/bench_mixed.py                 # all modes, full workload
    python benchmarks/bench_mixed.py --n-math 20 --n-metaqa 20 --modes auto,rag   # quick

Prints accuracy, wall time, LLM tokens, route mix, accuracy per route,
latency p50/p95, the ratios auto/rag, routing accuracy against the cheapest
route that answers correctly, and writes a PNG of accuracy against compute.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "benchmarks" / "out" / "mixed"
# Cheapest first: the label of a question is the first of these that answers it correctly.
COST_ORDER = ("math", "graph", "compose", "rag")


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def metaqa_items(n: int, rng: random.Random) -> list[dict]:
    """n questions spread over 1/2/3 hops, brackets stripped as real users write."""
    items = []
    for hop in (1, 2, 3):
        lines = (DATA / "metaqa" / f"{hop}-hop" / "qa_dev.txt").read_text().splitlines()
        for i, line in enumerate(rng.sample(lines, n // 3 + (hop <= n % 3))):
            q, a = line.split("\t")
            items.append({"id": f"metaqa{hop}-{i}", "question": re.sub(r"[\[\]]", "", q),
                          "answers": a.split("|"), "kind": f"metaqa-{hop}hop"})
    return items


def math_items(n: int, rng: random.Random) -> list[dict]:
    files = sorted((DATA / "dm_mathematics" / "interpolate").glob("*.json"))
    items = []
    for i in range(n):
        f = files[i % len(files)]
        qa = rng.choice(json.loads(f.read_text()))
        items.append({"id": f"math-{i}", "question": qa["question"], "answers": [qa["answer"]],
                      "kind": "dm_math"})
    return items


def paraphrase(q: str, rng: random.Random) -> str:
    """A surface paraphrase: what people retype (case, contractions, politeness, punctuation)."""
    forms = [
        lambda s: s.lower(),
        lambda s: s.rstrip("?") if s.endswith("?") else s + "?",
        lambda s: re.sub(r"(?i)^what is\b", "what's", s),
        lambda s: "Can you tell me " + s[0].lower() + s[1:],
        lambda s: "Please: " + s,
        lambda s: " ".join(s.split()).replace(" ,", ","),
    ]
    return rng.choice(forms)(q)


def assemble(n_math: int, n_metaqa: int, repeat_frac: float, seed: int) -> list[dict]:
    rng = random.Random(seed)
    base = read_jsonl(ROOT / "benchmarks" / "data" / "sample_kb_dev.jsonl")
    base = [b for b in base if b.get("kind") != "memory"]  # repeats are added below for every source
    handbook = ROOT / "benchmarks" / "data" / "handbook_dev.jsonl"
    base += read_jsonl(handbook) if handbook.exists() else []
    base += metaqa_items(n_metaqa, rng) + math_items(n_math, rng)
    rng.shuffle(base)
    n_rep = int(len(base) * repeat_frac / (1 - repeat_frac))
    workload = list(base)
    for i in range(n_rep):
        pos = rng.randrange(len(base) // 4, len(workload) + 1)
        src = rng.choice(workload[: max(pos, 1)])
        kind = "repeat" if rng.random() < 0.5 else "paraphrase"
        q = src["question"] if kind == "repeat" else paraphrase(src["question"], rng)
        workload.insert(pos, {**src, "id": f"{src['id']}~{kind}{i}", "question": q,
                              "kind": f"{kind}:{src.get('kind', '')}"})
    return workload


def build_kb(out: Path) -> Path:
    """One KB folder: the sample KB and the 18F handbook side by side (a scratch copy under out/)."""
    kb = out / "kb"
    for name, source in (("sample", ROOT / "kb"), ("handbook", DATA / "handbook_18f")):
        shutil.copytree(source, kb / name, dirs_exist_ok=True)
    return kb


def add_metaqa_graph(index_dir: Path) -> None:
    """Merge the MetaQA movie graph into the index's graph (it is not text to embed)."""
    from reasoner.graph import KnowledgeGraph
    from reasoner.graph.store import EXTERNAL
    from reasoner.ingest.triples import parse_triples

    kg = KnowledgeGraph.load(index_dir)
    if "metaqa/kb.txt" not in kg.files:
        kg.add_facts(parse_triples((DATA / "metaqa" / "kb.txt").read_text(), "metaqa/kb.txt", sep="|"))
        kg.files["metaqa/kb.txt"] = EXTERNAL
        kg.save(index_dir)


def run_mode(r, items, mode: str) -> dict:
    from reasoner.evaluate import EvalItem, run_eval

    r.forget()
    evs = [EvalItem(it["id"], it["question"], tuple(it["answers"]), it.get("kind", "")) for it in items]
    use_memory = mode == "auto"
    t0 = time.perf_counter()
    done = 0

    def tick(row: dict) -> None:
        nonlocal done
        done += 1
        if done % 25 == 0:
            print(f"  {mode}: {done}/{len(evs)} ({time.perf_counter() - t0:.0f} s)", file=sys.stderr, flush=True)

    return run_eval(r, evs, route=mode, use_memory=use_memory, on_result=tick).to_dict()


def routing_accuracy(results: dict[str, dict]) -> dict | None:
    """Auto's route against the cheapest single route that answered correctly."""
    singles = [m for m in COST_ORDER if m in results]
    if "auto" not in results or len(singles) < 2:
        return None
    correct = labelled = 0
    confusion: dict[str, int] = {}
    for i, row in enumerate(results["auto"]["rows"]):
        # An unanswerable question is answered right by declining: its label is "none"
        # (a single route that abstains on it is not "the route that answers it").
        if row["should_abstain"]:
            labelled += 1
            correct += row["correct"]
            key = f"none->{row['route']}"
            confusion[key] = confusion.get(key, 0) + 1
            continue
        label = next((m for m in singles if results[m]["rows"][i]["correct"]), None)
        if label is None:
            continue
        labelled += 1
        ok = row["route"] == label or (row["route"] == "memory" and row["correct"])
        correct += ok
        key = f"{label}->{row['route']}"
        confusion[key] = confusion.get(key, 0) + 1
    return {"labelled": labelled, "accuracy": round(correct / max(labelled, 1), 4),
            "label->chosen": dict(sorted(confusion.items()))}


def plot(results: dict[str, dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4))
    for mode, res in results.items():
        x = max(res["wall_s"], 1e-3)
        ax.scatter([x], [100 * res["accuracy"]], s=60)
        ax.annotate(mode, (x, 100 * res["accuracy"]), textcoords="offset points", xytext=(6, 4))
    ax.set_xscale("log")
    ax.set_xlabel("total wall time for the workload (s, log)")
    ax.set_ylabel("accuracy (%)")
    ax.set_title(f"Accuracy vs compute, {results[next(iter(results))]['n']} mixed queries")
    ax.grid(True, alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def report(results: dict[str, dict]) -> None:
    print(f"\n{'mode':8} {'acc':>6} {'wall s':>9} {'tok in':>9} {'tok out':>8} {'p50 ms':>8} {'p95 ms':>9}  routes")
    for mode, r in results.items():
        print(f"{mode:8} {100 * r['accuracy']:6.1f} {r['wall_s']:9.1f} {r['tokens']['in']:9d} {r['tokens']['out']:8d} "
              f"{r['latency_ms']['p50']:8.1f} {r['latency_ms']['p95']:9.1f}  {r['routes']}")
    if "auto" in results:
        print("\nauto accuracy per route:", results["auto"]["route_accuracy"])
        print("auto accuracy per kind:", {k: v["accuracy"] for k, v in results["auto"]["per_kind"].items()})
    if "auto" in results and "rag" in results:
        a, g = results["auto"], results["rag"]
        tok = lambda r: r["tokens"]["in"] + r["tokens"]["out"]  # noqa: E731
        print(f"\naccuracy auto - rag: {100 * (a['accuracy'] - g['accuracy']):+.1f} points (goal >= +30)")
        print(f"wall time auto / rag: {a['wall_s'] / max(g['wall_s'], 1e-9):.3f} (goal <= 0.1)")
        print(f"LLM tokens auto / rag: {tok(a) / max(tok(g), 1):.3f} (goal <= 0.1)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n-math", type=int, default=110)
    ap.add_argument("--n-metaqa", type=int, default=110)
    ap.add_argument("--repeat-frac", type=float, default=0.3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--modes", default="auto,rag,math,graph,compose")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} not present", file=sys.stderr)
        return 0
    sys.path.insert(0, str(ROOT))
    from reasoner import Reasoner

    args.out.mkdir(parents=True, exist_ok=True)
    items = assemble(args.n_math, args.n_metaqa, args.repeat_frac, args.seed)
    (args.out / "workload.jsonl").write_text("".join(json.dumps(i) + "\n" for i in items))
    kinds: dict[str, int] = {}
    for it in items:
        kinds[it["kind"].split(":")[0]] = kinds.get(it["kind"].split(":")[0], 0) + 1
    print(f"workload: {len(items)} queries {kinds}")
    t0 = time.perf_counter()
    r = Reasoner.build(build_kb(args.out), index_dir=args.out / "index", progress=True)
    add_metaqa_graph(args.out / "index")
    r = Reasoner.open(args.out / "index")
    print(f"index + graph ready in {time.perf_counter() - t0:.1f} s")
    results = {}
    for mode in args.modes.split(","):
        print(f"running --route {mode} ...", file=sys.stderr)
        results[mode] = run_mode(r, items, mode)
    report(results)
    ra = routing_accuracy(results)
    if ra:
        print("\nrouting accuracy (chosen vs cheapest correct route):", ra)
    plot(results, args.out / "accuracy_vs_compute.png")
    (args.out / "results.json").write_text(json.dumps({"results": results, "routing": ra}, indent=1))
    print(f"\nwrote {args.out / 'accuracy_vs_compute.png'} and results.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
