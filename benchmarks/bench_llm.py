"""The LLM backends on the same RAG prompts: load time, prefill and decode speed, TTFT, peak RSS.

    python benchmarks/bench_llm.py [--prompts 12] [--max-new-tokens 48] [--variants hf,lcpp,...]

Prompts are the rag route's own (reasoner.solvers.rag.prompt.build_messages over the
sources RagSolver retrieves for the KB question sets, benchmarks/kb_prompts.py), one
new prompt per call, so no variant is served a whole prompt from its cache (the
shared system prompt and source prefixes are reused as in real use). Variants
take turns prompt by prompt, so load from other processes hits them alike; the
tables give medians and ratios against the transformers backend measured in the
same run: the fastest-decoding transformers variant run, so a thread setting that
suits this machine's load badly cannot flatter llama.cpp. Variants:

  hf          transformers, fp32 weights converted once from the GGUF (the old default),
              torch threads "auto" (chosen from the load average at each call)
  hf-t1       transformers, 1 torch thread
  hf-t2       transformers, 2 torch threads
  lcpp        llama.cpp (xllamacpp) on the GGUF file as shipped (Q4_1), default threads
              (2 decode threads on 2 cores or more, a prompt thread per core; since
              session 9, with OpenMP's bounded spin, reasoner/openmp.py)
  lcpp-t1     llama.cpp, 1 prompt thread
  lcpp-d1     llama.cpp, 1 decode thread (the default before session 9)
  lcpp-t2     llama.cpp, 2 decode threads
  lcpp-ngram  llama.cpp with n-gram (prompt-lookup) speculative drafts
  lcpp-q8     llama.cpp on a Q8_0 copy of the GGUF (re-quantised once into the cache):
              what load_llm("smollm2") runs since session 8

"same" is the share of greedy outputs identical to the lcpp variant's (speculative
decoding must keep it at 100%). Peak RSS is measured per backend in a child process
(load + one answer), so each number holds one model only.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from kb_prompts import all_prompt_cases  # noqa: E402

VARIANTS = {
    "hf": {"backend": "transformers"},
    "hf-t1": {"backend": "transformers", "threads": 1},
    "hf-t2": {"backend": "transformers", "threads": 2},
    "lcpp": {"weights": "file"},
    "lcpp-t1": {"weights": "file", "batch_threads": 1},
    "lcpp-d1": {"weights": "file", "threads": 1},
    "lcpp-t2": {"weights": "file", "threads": 2},
    "lcpp-ngram": {"weights": "file", "speculative": "ngram"},
    "lcpp-q8": {"weights": "q8_0"},
}
RSS_CHILD = """
import json, sys, time
from pathlib import Path
from reasoner.llm import load_llm
msgs, options = json.loads(sys.argv[1]), json.loads(sys.argv[2])
t0 = time.perf_counter()
llm = load_llm(options.pop("model"), cache_dir=Path(options.pop("cache_dir")), **options)
load_s = time.perf_counter() - t0
llm.generate(msgs, max_new_tokens=16)
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the forked parent
hwm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"load_s": load_s, "rss_mb": hwm / 1024}))
"""


def measure(llm, msgs, max_new: int) -> dict:
    g = llm.generate(msgs, max_new_tokens=max_new, stop=("\n\n",))
    ttft = g.ttft_ms or g.ms
    decode_s = max(1e-6, (g.ms - ttft) / 1e3)
    return {
        "text": g.text,
        "ttft": ttft,
        "prefill_tps": max(1, g.tokens_in - g.cached_tokens) / max(1e-6, ttft / 1e3),
        "decode_tps": max(0, g.tokens_out - 1) / decode_s,
        "n_out": g.tokens_out,
        "cached": g.cached_tokens,
        "n_in": g.tokens_in,
    }


def child_rss(model: str, options: dict, msgs: list, cache: Path) -> dict:
    opts = dict(options, model=model, cache_dir=str(cache))
    out = subprocess.run(
        [sys.executable, "-c", RSS_CHILD, json.dumps(msgs), json.dumps(opts)],
        capture_output=True, text=True, check=True, env={"PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"},
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def load_times(model: str, options: dict, cache: Path, n: int) -> list[float]:
    from reasoner.llm import load_llm

    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        llm = load_llm(model, cache_dir=cache, **options)
        out.append(time.perf_counter() - t0)
        del llm
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--prompts", type=int, default=12)
    ap.add_argument("--max-new-tokens", type=int, default=48)
    ap.add_argument("--variants", default="hf,lcpp,lcpp-t1,lcpp-t2,lcpp-ngram,lcpp-q8")
    ap.add_argument("--model", default="smollm2")
    ap.add_argument("--index-root", type=Path, default=Path("/tmp/reasoner-bench-kb"))
    ap.add_argument("--loads", type=int, default=3, help="loads timed per backend")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    from reasoner.config import default_cache_dir
    from reasoner.llm import load_llm

    cache = default_cache_dir()
    cases = [c for c in all_prompt_cases(args.index_root, ["18f", "civicactions"]) if c.messages]
    step = max(1, len(cases) // args.prompts)
    msgs = [c.messages for c in cases[::step][: args.prompts]]
    names = args.variants.split(",")
    print(f"{len(msgs)} prompts, {statistics.median(len(m[1]['content']) for m in msgs):.0f} chars median", flush=True)
    llms = {n: load_llm(args.model, cache_dir=cache, **VARIANTS[n]) for n in names}  # hf converts once here
    loads = {
        "llama.cpp": load_times(args.model, {"weights": "file"}, cache, args.loads),
        "llama.cpp, Q8_0 copy (cached)": load_times(args.model, {"weights": "q8_0"}, cache, args.loads),
        "transformers (converted cache)": load_times(args.model, {"backend": "transformers"}, cache, args.loads),
    }
    rows: dict[str, list[dict]] = {n: [] for n in names}
    for i, m in enumerate(msgs):
        for n in names:
            rows[n].append(measure(llms[n], m, args.max_new_tokens))
        print(f"prompt {i + 1}/{len(msgs)} done", flush=True)
    backends = (("llama.cpp", {"weights": "file"}), ("llama.cpp, Q8_0", {"weights": "q8_0"}), ("transformers", {"backend": "transformers"}))
    rss = {b: child_rss(args.model, o, msgs[0], cache) for b, o in backends}
    report(rows, names, loads, rss)
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "loads": loads, "rss": rss}, indent=1))


def report(rows: dict[str, list[dict]], names: list[str], loads: dict, rss: dict) -> None:
    hf_runs = [n for n in names if n.startswith("hf")]
    base = max(hf_runs, key=lambda n: statistics.median(o["decode_tps"] for o in rows[n])) if hf_runs else names[0]
    ref = "lcpp" if "lcpp" in rows else names[0]

    def med(n: str, k: str) -> float:
        return statistics.median(o[k] for o in rows[n])

    print(f"\nbaseline (vs hf): {base}, the fastest-decoding transformers variant run")
    print("\n| variant | decode tok/s | vs hf | prefill tok/s | vs hf | TTFT ms | vs hf | tokens out | same as lcpp |")
    print("|---|---|---|---|---|---|---|---|---|")
    for n in names:
        same = sum(a["text"] == b["text"] for a, b in zip(rows[n], rows[ref], strict=True)) / len(rows[n])
        print(
            f"| {n} | {med(n, 'decode_tps'):.1f} | {med(n, 'decode_tps') / med(base, 'decode_tps'):.2f}x "
            f"| {med(n, 'prefill_tps'):.0f} | {med(n, 'prefill_tps') / med(base, 'prefill_tps'):.2f}x "
            f"| {med(n, 'ttft'):.0f} | {med(n, 'ttft') / med(base, 'ttft'):.2f}x "
            f"| {sum(o['n_out'] for o in rows[n])} | {100 * same:.0f}% |"
        )
    print("\n| backend | load s (median of runs) | runs | peak RSS MB (child: load + one answer) |")
    print("|---|---|---|---|")
    for b, times in loads.items():
        key = {"llama.cpp": "llama.cpp", "llama.cpp, Q8_0 copy (cached)": "llama.cpp, Q8_0"}.get(b, "transformers")
        print(f"| {b} | {statistics.median(times):.2f} | {', '.join(f'{t:.2f}' for t in times)} | {rss[key]['rss_mb']:.0f} |")


if __name__ == "__main__":
    main()
