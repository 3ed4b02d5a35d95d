"""End-to-end latency of an answer-memory hit: `Reasoner.ask` to answer, in a warm process.

Indexes the sample KB into a scratch folder, answers the sample-KB dev questions
once (filling the memory), then asks each remembered question again, retyped
(lower case, dropped question mark, "Can you tell me ..." normalise to the stored
key and hit without an embedding; "what's" for "what is", or "Tell me, ...", do not), and asks the dev set's own paraphrases
(kind "memory": other words, so the hit needs the embedding and the guard). Every
ask the memory answered is timed, exact-key and semantic hits apart. The baseline,
measured in the same run, is one embedding of a question by the same embedder.

    python benchmarks/bench_memory_hit.py            # every dev question, 3 retypings each
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out" / "memory_hit"

RETYPINGS = (
    lambda q: q.lower(),
    lambda q: q.rstrip("?"),
    lambda q: "Can you tell me " + q[0].lower() + q[1:],
    lambda q: re.sub(r"(?i)\b(what|who|where|which) (is|are)\b", lambda m: m.group(1) + "'s", q)
    if re.search(r"(?i)\b(what|who|where|which) is\b", q) else "Tell me, " + q[0].lower() + q[1:],
)


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))] if xs else float("nan")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from reasoner import Reasoner

    shutil.rmtree(args.out, ignore_errors=True)
    r = Reasoner.build(ROOT / "kb", index_dir=args.out / "index", progress=False)
    dev = [json.loads(x) for x in (ROOT / "benchmarks" / "data" / "sample_kb_dev.jsonl").read_text().splitlines() if x]
    questions = [d["question"] for d in dev if d.get("kind") != "memory"]
    paraphrases = [d["question"] for d in dev if d.get("kind") == "memory"]
    stored = []
    t0 = time.perf_counter()
    for q in questions:  # fills the memory (LLM answers included: minutes)
        a = r.ask(q)
        if not a.abstained and a.verified and a.route not in ("math", "memory"):
            stored.append((q, a.text))
    print(f"filled the memory with {len(stored)} answers in {time.perf_counter() - t0:.0f} s "
          f"(math answers are kept by canonical key instead)")

    embed = r.parts.embedder.embed
    base_ms = []
    for q, _ in stored:  # what any hit must pay: one embedding of the question
        t = time.perf_counter()
        embed([q.lower()])
        base_ms.append((time.perf_counter() - t) * 1e3)

    hit_ms: dict[str, list[float]] = {"exact key": [], "semantic": []}
    miss = wrong = 0
    asks = [(retype(q), text) for q, text in stored for retype in RETYPINGS]
    asks += [(p, None) for p in paraphrases]
    for q, text in asks:
        t = time.perf_counter()
        a = r.ask(q)
        ms = (time.perf_counter() - t) * 1e3
        if a.from_memory:
            semantic = "similarity 1.000" not in (a.verdict or "")
            hit_ms["semantic" if semantic else "exact key"].append(ms)
            wrong += text is not None and a.text != text
        elif text is not None or a.route != "math":
            miss += 1
    print(f"asks: {len(asks)} ({len(paraphrases)} paraphrases), misses {miss}, retyped hits with another answer {wrong}")
    print(f"embed one question (baseline): p50 {statistics.median(base_ms):.1f} ms")
    for kind, xs in hit_ms.items():
        if xs:
            p50 = statistics.median(xs)
            print(f"{kind} memory hit, ask to answer: n {len(xs)}  p50 {p50:.1f} ms  p95 {pct(xs, 0.95):.1f} ms  "
                  f"({p50 / statistics.median(base_ms):.2f}x the embedding; goal p50 < 30 ms)")
    r.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
