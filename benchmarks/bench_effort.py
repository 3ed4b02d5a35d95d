"""Does extra effort pay? The same KB text questions with `effort` "low", "auto" and "high".

Runs the handbook dev set and the sample-KB rag/abstain questions through
`--route auto` with memory off, once per effort setting, on the KB that
`bench_mixed.py` indexes (sample KB + 18F handbook; built here when missing).
Prints accuracy, wall time, model calls and tokens per setting, and how many
outcomes differ from "low". The effort policy in `reasoner.controller` exists
because of what this prints for the bundled 135M model.

    python benchmarks/bench_effort.py                  # low, auto
    python benchmarks/bench_effort.py --efforts low,high
    python benchmarks/bench_effort.py --efforts low --prompt-sources 0   # all 4 sources in the prompt
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--efforts", default="low,auto")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "mixed")
    ap.add_argument("--prompt-sources", type=int, default=None,
                    help="sources in the rag route's prompt (0: all k; default: the product's)")
    args = ap.parse_args()
    import bench_mixed

    from reasoner import Reasoner
    from reasoner.config import index_exists
    from reasoner.evaluate import load_eval, run_eval

    if not bench_mixed.DATA.is_dir():
        print(f"skipped: {bench_mixed.DATA} not present", file=sys.stderr)
        return 0
    data = ROOT / "benchmarks" / "data"
    items = load_eval(data / "handbook_dev.jsonl")
    items += [i for i in load_eval(data / "sample_kb_dev.jsonl") if i.kind in ("rag", "abstain")]
    index = args.out / "index"
    if not index_exists(index):
        Reasoner.build(bench_mixed.build_kb(args.out), index_dir=index, progress=True).close()
    rows = {}
    for effort in args.efforts.split(","):
        r = Reasoner.open(index, effort=effort)
        if args.prompt_sources is not None:
            r.parts.solvers["rag"].prompt_sources = args.prompt_sources
        t0 = time.perf_counter()
        rep = run_eval(r, items, route="auto", use_memory=False).to_dict()
        wall = time.perf_counter() - t0
        rows[effort] = rep["rows"]
        calls = sum(x["model_calls"] for x in rep["rows"])
        print(f"effort {effort:5} prompt sources {r.parts.solvers['rag'].prompt_sources or 'all'}  n {rep['n']}  accuracy {100 * rep['accuracy']:.1f}%  wall {wall:.1f} s  "
              f"model calls {calls}  tokens in/out {rep['tokens']['in']}/{rep['tokens']['out']}", flush=True)
        r.close()
    base = next(iter(rows))
    for effort, got in rows.items():
        if effort != base:
            changed = sum(a["correct"] != b["correct"] for a, b in zip(rows[base], got, strict=True))
            print(f"outcomes that differ between {base} and {effort}: {changed}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
