"""Start-up time of the `reasoner` command: `--help`, and `chat` to its first prompt.

Goals: `reasoner --help` under 1 s; `reasoner chat` on an existing index shows
its prompt in under 3 s. Each is run several times and the median reported,
next to a baseline measured in the same run (`python -c pass`: the interpreter
alone), because the machine is shared.

It also reports "ready": from start until the first answer to a question typed
at once (models load in the background while the prompt is shown).

    python benchmarks/bench_startup.py                 # real models, sample KB, 5 runs
    python benchmarks/bench_startup.py --runs 3 --embedder hash --llm fake
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pexpect

ROOT = Path(__file__).resolve().parent.parent
PROMPT = "› "


def median_s(fn, runs: int) -> tuple[float, list[float]]:
    times = [fn() for _ in range(runs)]
    return statistics.median(times), times


def time_cmd(argv: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t0


def time_chat(env: dict[str, str], index: Path, question: str | None) -> float:
    """Seconds from spawn to the first prompt, or (with ``question``) to the end of its answer."""
    t0 = time.perf_counter()
    child = pexpect.spawn(sys.executable, ["-m", "reasoner.cli.main", "chat", "--index", str(index)],
                          env=env, encoding="utf-8", dimensions=(50, 140), timeout=300, cwd=str(ROOT))
    child.expect_exact(PROMPT)
    if question:
        child.sendline(question)
        child.expect(r"computed|from memory")
    elapsed = time.perf_counter() - t0
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    return elapsed


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--embedder", default="minilm")
    p.add_argument("--llm", default="smollm2")
    p.add_argument("--index", default=None, help="an existing index (default: build the sample KB's in a temp dir)")
    args = p.parse_args()

    env = dict(os.environ, REASONER_EMBEDDER=args.embedder, REASONER_LLM=args.llm, HF_HUB_OFFLINE="1",
               TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false", PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm")
    py = [sys.executable]
    with tempfile.TemporaryDirectory() as tmp:
        env["REASONER_CACHE"] = env.get("REASONER_CACHE", str(Path.home() / ".cache" / "reasoner"))
        index = Path(args.index) if args.index else Path(tmp) / "ix"
        if not args.index:
            t = time_cmd(py + ["-m", "reasoner.cli.main", "index", str(ROOT / "kb"), "--index", str(index)], env)
            print(f"built the sample KB index in {t:.1f} s ({args.embedder})")
        base, base_all = median_s(lambda: time_cmd(py + ["-c", "pass"], env), args.runs)
        helps, help_all = median_s(lambda: time_cmd(py + ["-m", "reasoner.cli.main", "--help"], env), args.runs)
        prompt, prompt_all = median_s(lambda: time_chat(env, index, None), args.runs)
        ready, ready_all = median_s(lambda: time_chat(env, index, "What is 15% of 2400?"), max(1, args.runs // 2))

    def row(name: str, med: float, all_: list[float], goal: str) -> None:
        runs = ", ".join(f"{x:.2f}" for x in all_)
        print(f"{name:<34} median {med:6.2f} s  ({med / base:5.1f}x python -c pass)  goal {goal:<6} runs: {runs}")

    print(f"embedder={args.embedder} llm={args.llm} runs={args.runs} cpus={os.cpu_count()}")
    row("python -c pass (baseline)", base, base_all, "-")
    row("reasoner --help", helps, help_all, "< 1 s")
    row("reasoner chat: first prompt", prompt, prompt_all, "< 3 s")
    row("reasoner chat: first math answer", ready, ready_all, "-")


if __name__ == "__main__":
    main()
