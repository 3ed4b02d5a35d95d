"""SmolLM2-135M on CPU: load times, decode tokens/s, time to first token, peak RSS.

    python benchmarks/bench_llm.py [--rounds 3] [--max-new-tokens 48]

Variants run interleaved, round by round, on the same prompts (retrieval-style:
a paragraph and a question), so that load from other processes hits them all
alike; the table gives medians and ratios against the baseline (fp32 weights,
2 threads, no prompt lookup, no prefix reuse); "auto" picks the thread count
from the load average at each call (the default of load_llm). "same" is the share of outputs
identical to the baseline's greedy output (quality kept when 100%).

llama.cpp is compared when llama-cpp-python is installed (optional extra); it is
skipped with a note otherwise.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reasoner.solvers.rag.prompt import build_messages  # noqa: E402

XQUAD = ROOT.parent / "shared" / "data" / "xquad_en" / "xquad_en_dev.json"
FALLBACK = [
    (
        "Full-time employees earn 25 days of vacation each year. Part-time staff earn 10 days. "
        "Unused days carry over to the next year, up to a limit of 30 days.",
        "How many vacation days do full-time employees earn?",
    ),
]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def prompts(n: int) -> list[list[dict[str, str]]]:
    pairs = FALLBACK
    if XQUAD.is_file():
        arts = json.loads(XQUAD.read_text(encoding="utf-8"))["data"]
        pairs = [
            (a["paragraphs"][0]["context"][:700], a["paragraphs"][0]["qas"][0]["question"]) for a in arts[:n]
        ]
    return [build_messages(q, [ctx]) for ctx, q in pairs[:n]]


def run(llm, msgs, max_new: int) -> dict:
    g = llm.generate(msgs, max_new_tokens=max_new)
    decode_s = max(1e-6, (g.ms - (g.ttft_ms or 0)) / 1e3)
    return {
        "text": g.text,
        "ttft": g.ttft_ms or g.ms,
        "tps": max(0, g.tokens_out - 1) / decode_s,
        "n": g.tokens_out,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--prompts", type=int, default=3)
    ap.add_argument("--max-new-tokens", type=int, default=48)
    ap.add_argument("--variants", default="baseline,reuse,pld,int8,threads1,auto")
    args = ap.parse_args()

    from reasoner.llm.factory import bundled_gguf
    from reasoner.llm.hf import load_transformers, quantize_int8

    gguf = bundled_gguf()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        base = load_transformers(gguf, cache_dir=Path(tmp), name="fp32", reuse_prefix=False)
        first_load = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = load_transformers(gguf, cache_dir=Path(tmp), name="fp32", reuse_prefix=False)
        second_load = time.perf_counter() - t0
    print(f"first load (GGUF de-quantised + converted to cache): {first_load:.1f} s")
    print(
        f"second load (from the converted cache): {second_load:.2f} s  ({first_load / second_load:.0f}x faster)"
    )
    rss_fp32 = rss_mb()
    print(f"peak RSS after two fp32 loads: {rss_fp32:.0f} MB")
    del again

    from reasoner.llm.hf import TransformersLLM

    def variant(name: str) -> TransformersLLM:
        threads = {"threads1": 1, "auto": "auto"}.get(name, 2)
        m = TransformersLLM(base.model, base.tokenizer, name=name, reuse_prefix=False, threads=threads)
        if name == "reuse":
            m.reuse_prefix = True
        elif name == "pld":
            m.prompt_lookup = 10
        elif name == "int8":
            import copy

            qm = quantize_int8(copy.deepcopy(base.model))
            m = TransformersLLM(qm, base.tokenizer, name=name, reuse_prefix=False, threads=2)
        return m

    names = args.variants.split(",")
    llms = {n: variant(n) for n in names}
    msgs = prompts(args.prompts)
    for n in names:  # warm-up: the first generate of a process pays one-off costs
        run(llms[n], msgs[0], 4)
    rows: dict[str, list[dict]] = {n: [] for n in names}
    base_text: dict[int, str] = {}
    for r in range(args.rounds):
        for n in names:
            for i, m in enumerate(msgs):
                out = run(llms[n], m, args.max_new_tokens)
                if n == "baseline":
                    base_text.setdefault(i, out["text"])
                out["i"] = i
                rows[n].append(out)
        print(f"round {r + 1}/{args.rounds} done", flush=True)
    report(rows, base_text, names)
    print(f"\npeak RSS of the whole run: {rss_mb():.0f} MB (fp32 model only: {rss_fp32:.0f} MB)")
    from reasoner.llm.llamacpp import llama_cpp_available

    if not llama_cpp_available():
        print("llama.cpp: skipped (llama-cpp-python is not installed; `pip install 'reasoner[llamacpp]'`)")


def report(rows: dict[str, list[dict]], base_text: dict[int, str], names: list[str]) -> None:
    b_tps = statistics.median(o["tps"] for o in rows["baseline"])
    b_ttft = statistics.median(o["ttft"] for o in rows["baseline"])
    print("\n| variant | decode tok/s | vs baseline | TTFT ms | vs baseline | same output |")
    print("|---|---|---|---|---|---|")
    for n in names:
        tps = statistics.median(o["tps"] for o in rows[n])
        ttft = statistics.median(o["ttft"] for o in rows[n])
        same = sum(o["text"] == base_text.get(o["i"]) for o in rows[n]) / len(rows[n])
        print(
            f"| {n} | {tps:.1f} | {tps / b_tps:.2f}x | {ttft:.0f} | {ttft / b_ttft:.2f}x | {100 * same:.0f}% |"
        )


if __name__ == "__main__":
    main()
