"""Load test of `reasoner serve`: answers per second and p50/p95 latency with 1, 2 and 4 worker
processes on the embedded backend (FAISS + SQLite files) and on the PostgreSQL backend (pgvector:
index, graph and memory in one database, workers with no index folder), over the same knowledge
base and the same question mix.

The LLM is the scripted fake (``llm="fake"``): this measures the service (HTTP, workers,
routing, retrieval, the memory, the solvers) and not a model's generation, which a model
server would add to every KB question that reaches the LLM. The embedder is the shipped
default (int8 MiniLM ONNX) unless ``--embedder`` says otherwise.

The mix, the same for every run (a fresh copy of one index, its memory empty, the same
warm-up; on PostgreSQL a fresh database copied from the built one with ``CREATE DATABASE ...
TEMPLATE``, served by a local ``pgserver`` on this machine): four kinds, ``--per-kind`` questions each, shuffled with a fixed seed:
  memory  repeats (as asked, lower-cased, without "?") of org-chart questions asked in the warm-up
  math    percentages and sums with numbers no other request uses (no cache can answer them)
  graph   org-chart questions (manager, team, title, start date) not asked before
  kb      the sample KB's dev questions of kinds rag, compose and abstain
The load comes from this machine only: an asyncio + httpx client keeping ``--concurrency``
requests in flight, a new connection per request (so the kernel hands each to an idle
worker, as a load balancer would). A baseline measured in the same run asks the same
questions of ``Reasoner.ask`` in this process, one at a time, without HTTP.

    python benchmarks/bench_serve.py                          # 1, 2 and 4 workers, 8 in flight
    python benchmarks/bench_serve.py --workers 1 2 --per-kind 20 --embedder hash
    python benchmarks/bench_serve.py --backend embedded,postgres --onnx-threads 1
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out" / "serve"
DEV = ROOT / "benchmarks" / "data" / "sample_kb_dev.jsonl"
TEMPLATES = ("Who does {} report to?", "What team is {} on?", "What is the title of {}?", "When did {} start?")


def onnx_embedder(cache_dir: str | Path | None = None, threads: int | None = None):
    """``minilm-onnx`` with ``BENCH_ONNX_THREADS`` intra-op threads whatever ``Config.embedder_threads``
    says (``--onnx-threads``; `reasoner serve` itself gives each worker the cores divided by the workers)."""
    from reasoner.retrieval.embedder import OnnxMiniLMEmbedder

    return OnnxMiniLMEmbedder(cache_dir, threads=int(os.environ.get("BENCH_ONNX_THREADS", "1")))


@dataclass(frozen=True)
class Mix:
    warmup: list[str]
    measured: list[tuple[str, str]]  # (kind, question)


@dataclass
class Result:
    kind: str
    ms: float
    status: int
    route: str = ""
    from_memory: bool = False


def org_questions(kb: Path) -> list[str]:
    with (kb / "org" / "org_chart.csv").open(encoding="utf-8") as f:
        people = [row["employee"] for row in csv.DictReader(f)]
    return [t.format(p) for p in people for t in TEMPLATES]


def question_mix(kb: Path, per_kind: int, seed: int = 7) -> Mix:
    """The warm-up and the measured requests (the same for every run)."""
    rng = random.Random(seed)
    org = org_questions(kb)
    rng.shuffle(org)
    remembered, graph = org[:per_kind], org[per_kind:2 * per_kind]
    retype = (lambda q: q, str.lower, lambda q: q.rstrip("?"))
    memory = [retype[i % 3](q) for i, q in enumerate(remembered)]
    math = [f"What is {rng.randint(2, 60)}% of {rng.randint(100, 99_999)}?" if i % 2 else
            f"What is {rng.randint(10, 9_999)} + {rng.randint(10, 9_999)} * {rng.randint(2, 99)}?"
            for i in range(per_kind)]  # fmt: skip
    dev = [json.loads(x) for x in DEV.read_text(encoding="utf-8").splitlines() if x.strip()]
    kb_qs = [d["question"] for d in dev if d.get("kind") in ("rag", "compose", "abstain")][:per_kind]
    measured = ([("memory", q) for q in memory] + [("math", q) for q in math] + [("graph", q) for q in graph]
                + [("kb", q) for q in kb_qs])  # fmt: skip
    rng.shuffle(measured)
    return Mix(warmup=remembered, measured=measured)


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))] if xs else float("nan")


def summarise(results: list[Result], wall_s: float) -> dict:
    ok = [r for r in results if r.status == 200]
    out = {"requests": len(results), "errors": len(results) - len(ok), "wall_s": round(wall_s, 2),
           "answers_per_s": round(len(ok) / wall_s, 2) if wall_s else 0.0,
           "p50_ms": round(pct([r.ms for r in ok], 0.5), 1), "p95_ms": round(pct([r.ms for r in ok], 0.95), 1)}  # fmt: skip
    out["by_kind"] = {
        kind: {"p50_ms": round(pct([r.ms for r in ok if r.kind == kind], 0.5), 1),
               "p95_ms": round(pct([r.ms for r in ok if r.kind == kind], 0.95), 1),
               "from_memory": sum(r.from_memory for r in ok if r.kind == kind),
               "n": sum(r.kind == kind for r in ok)}
        for kind in ("memory", "math", "graph", "kb")
    }  # fmt: skip
    return out


# -- the server ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fresh_copy(base: Path, dst: Path) -> Path:
    """A copy of the built index with an empty memory (every run starts alike)."""
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(base, dst, ignore=shutil.ignore_patterns("memory"))
    return dst


class Embedded:
    """The index folder's files (FAISS, SQLite, bm25s, graph.pkl) and a SQLite memory in it."""

    name = "embedded"

    def __init__(self, out: Path) -> None:
        self.out, self.base = out, out / "index"

    def build(self, kb: Path, embedder: str) -> None:
        from reasoner import Reasoner

        shutil.rmtree(self.base, ignore_errors=True)
        Reasoner.build(kb, self.base, progress=False, embedder=embedder, llm="fake").close()

    def fresh(self, run: str) -> tuple[Path, dict[str, str]]:
        """The index folder of one run and the environment its server needs."""
        return fresh_copy(self.base, self.out / f"run-{run}"), {}

    def close(self) -> None:
        """Nothing to stop."""


class Postgres:
    """One local PostgreSQL (``pgserver``) holding the index, the graph and the memory; each run
    serves a fresh database copied from the built one, and its workers get no index folder."""

    name = "postgres"

    def __init__(self, out: Path) -> None:
        import pgserver

        self.out, self.runs = out, 0
        # its own short folder: the server's socket lives there (a path past ~100 characters fails)
        self.server = pgserver.get_server(tempfile.mkdtemp(prefix="bench-pg-"), cleanup_mode="delete")
        self.admin = self.server.get_uri()
        self._sql("DROP DATABASE IF EXISTS bench_base WITH (FORCE)")
        self._sql("CREATE DATABASE bench_base")

    def url(self, database: str) -> str:
        head, sep, tail = self.admin.partition("?")
        return head.rsplit("/", 1)[0] + f"/{database}" + sep + tail

    def _sql(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.admin, autocommit=True) as conn:
            conn.execute(statement)

    def build(self, kb: Path, embedder: str) -> None:
        from reasoner import Reasoner

        folder = self.out / "index-pg"
        shutil.rmtree(folder, ignore_errors=True)
        Reasoner.build(kb, folder, progress=False, embedder=embedder, llm="fake",
                       database_url=self.url("bench_base")).close()  # fmt: skip

    def fresh(self, run: str) -> tuple[Path, dict[str, str]]:
        self.runs += 1
        name = f"bench_run_{self.runs}"
        self._sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        self._sql(f"CREATE DATABASE {name} TEMPLATE bench_base")
        folder = self.out / f"run-pg-{run}"  # stateless workers: an index folder that does not exist
        shutil.rmtree(folder, ignore_errors=True)
        return folder, {"REASONER_DATABASE_URL": self.url(name)}

    def close(self) -> None:
        self.server.cleanup()


BACKENDS = {"embedded": Embedded, "postgres": Postgres}


def start_server(index: Path, workers: int, env: dict[str, str], log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    cmd = [sys.executable, "-m", "reasoner.cli.main", "serve", "--index", str(index), "--port", str(port),
           "--workers", str(workers), "--max-concurrent", "64", "--timeout", "300"]  # fmt: skip
    proc = subprocess.Popen(cmd, env={**os.environ, **env, "PYTHONPATH": str(ROOT)}, stdout=log.open("wb"),
                            stderr=subprocess.STDOUT, cwd=ROOT)  # fmt: skip
    return proc, f"http://127.0.0.1:{port}"


def wait_for_workers(url: str, workers: int, proc: subprocess.Popen, timeout_s: float = 600) -> None:
    """Until ``workers`` distinct worker processes have answered /health (each on a new connection)."""
    import httpx

    pids: set[int] = set()
    deadline = time.monotonic() + timeout_s
    while len(pids) < workers:
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the server did not start {workers} workers (saw {len(pids)})")
        try:
            pids.add(httpx.get(f"{url}/health", timeout=5).json()["pid"])
        except httpx.HTTPError:
            time.sleep(0.2)


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


# -- the load ---------------------------------------------------------------------------------


async def one(client, url: str, kind: str, question: str) -> Result:
    t0 = time.perf_counter()
    try:
        r = await client.post(f"{url}/ask", json={"question": question})
    except Exception:  # noqa: BLE001 - counted as an error
        return Result(kind, (time.perf_counter() - t0) * 1e3, 0)
    ms = (time.perf_counter() - t0) * 1e3
    body = r.json() if r.status_code == 200 else {}
    return Result(kind, ms, r.status_code, body.get("route", ""), bool(body.get("from_memory")))


async def load(url: str, jobs: list[tuple[str, str]], concurrency: int) -> tuple[list[Result], float]:
    """Send every job, ``concurrency`` in flight, each on a new connection."""
    import httpx

    queue = list(reversed(jobs))
    results: list[Result] = []
    limits = httpx.Limits(max_keepalive_connections=0, max_connections=concurrency)
    async with httpx.AsyncClient(timeout=300, limits=limits) as client:

        async def worker() -> None:
            while queue:
                kind, q = queue.pop()
                results.append(await one(client, url, kind, q))

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return results, time.perf_counter() - t0


def run_served(backend, workers: int, mix: Mix, args: argparse.Namespace, env: dict[str, str]) -> dict:
    import httpx

    index, own = backend.fresh(str(workers))
    proc, url = start_server(index, workers, {**env, **own}, args.out / f"serve-{backend.name}-{workers}.log")
    try:
        t = time.perf_counter()
        wait_for_workers(url, workers, proc)
        started = time.perf_counter() - t
        for q in mix.warmup:  # fills the memory the "memory" kind hits
            httpx.post(f"{url}/ask", json={"question": q}, timeout=300).raise_for_status()
        results, wall = asyncio.run(load(url, mix.measured, args.concurrency))
    finally:
        stop_server(proc)
    return {"backend": backend.name, "workers": workers, "start_s": round(started, 1),
            "load_1min": round(os.getloadavg()[0], 1), **summarise(results, wall)}  # fmt: skip


def run_library(backend, mix: Mix, args: argparse.Namespace) -> dict:
    """The same questions asked of ``Reasoner.ask`` in this process, one at a time, no HTTP."""
    from reasoner import Reasoner
    from reasoner.server.engines import warm

    index, own = backend.fresh("library")
    r = Reasoner.open(index, embedder=args.embedder, llm="fake", database_url=own.get("REASONER_DATABASE_URL"))
    try:
        warm(r)  # as a served worker does before it takes requests
        for q in mix.warmup:
            r.ask(q)
        results = []
        t0 = time.perf_counter()
        for kind, q in mix.measured:
            t = time.perf_counter()
            a = r.ask(q)
            results.append(Result(kind, (time.perf_counter() - t) * 1e3, 200, a.route, a.from_memory))
        wall = time.perf_counter() - t0
    finally:
        r.close()
    return {"backend": backend.name, "workers": "in-process", "load_1min": round(os.getloadavg()[0], 1),
            **summarise(results, wall)}  # fmt: skip


def median_row(runs: list[dict]) -> dict:
    """One row for a worker count: the round with the median answers/s, and every round's rate."""
    ordered = sorted(runs, key=lambda r: r["answers_per_s"])
    row = dict(ordered[(len(ordered) - 1) // 2])
    row["rounds"] = [r["answers_per_s"] for r in runs]
    return row


def table(rows: list[dict]) -> str:
    lines = ["| backend | workers | answers/s | x 1 worker | p50 ms | p95 ms | memory p50 | math p50 | graph p50 | "
             "kb p50 | errors | answers/s by round |", "|---|---|---|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for r in rows:
        k = r["by_kind"]
        first = next((x for x in rows if x["workers"] == 1 and x["backend"] == r["backend"]), r)
        ratio = r["answers_per_s"] / first["answers_per_s"] if first["answers_per_s"] else float("nan")
        lines.append(f"| {r['backend']} | {r['workers']} | {r['answers_per_s']:.1f} | {ratio:.2f}x | {r['p50_ms']:.0f} | "
                     f"{r['p95_ms']:.0f} | {k['memory']['p50_ms']:.0f} | {k['math']['p50_ms']:.0f} | "
                     f"{k['graph']['p50_ms']:.0f} | {k['kb']['p50_ms']:.0f} | {r['errors']} | "
                     f"{', '.join(f'{x:.1f}' for x in r['rounds'])} |")  # fmt: skip
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    ap.add_argument("--per-kind", type=int, default=35, help="questions of each kind (kb has 35 at most)")
    ap.add_argument("--concurrency", type=int, default=8, help="requests in flight")
    ap.add_argument("--rounds", type=int, default=2, help="times each worker count is measured (interleaved)")
    ap.add_argument("--embedder", default="minilm-onnx")
    ap.add_argument("--onnx-threads", type=int, default=None, metavar="N",
                    help="minilm-onnx with N intra-op threads per process (default: onnxruntime's, every core)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--backend", default="embedded",
                    help="comma-separated storage backends to compare: embedded, postgres (pgserver on this machine)")
    args = ap.parse_args()
    backends = [b.strip() for b in args.backend.split(",") if b.strip()]
    if not backends or set(backends) - set(BACKENDS):
        ap.error(f"--backend: choose from {', '.join(BACKENDS)}")
    if args.onnx_threads:
        os.environ["BENCH_ONNX_THREADS"] = str(args.onnx_threads)
        args.embedder = "benchmarks.bench_serve:onnx_embedder"
    sys.path.insert(0, str(ROOT))
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"uptime before: {uptime()}", flush=True)
    stores = {name: BACKENDS[name](args.out) for name in backends}
    try:
        return measure(stores, args)
    finally:
        for store in stores.values():
            store.close()


def uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def measure(stores: dict, args: argparse.Namespace) -> int:
    for store in stores.values():
        store.build(ROOT / "kb", args.embedder)
    mix = question_mix(ROOT / "kb", args.per_kind)
    env = {"REASONER_LLM": "fake", "REASONER_EMBEDDER": args.embedder, "REASONER_CONFIG": str(args.out / "none.toml")}
    runs: dict[tuple[str, object], list[dict]] = {}
    loads = []
    for _ in range(args.rounds):  # per backend 1, 2, 4, then again: a drift in the load hits every count
        for name, store in stores.items():
            runs.setdefault((name, "in-process"), []).append(run_library(store, mix, args))
            print(json.dumps(runs[(name, "in-process")][-1]), flush=True)
            for w in args.workers:
                runs.setdefault((name, w), []).append(run_served(store, w, mix, args, env))
                print(json.dumps(runs[(name, w)][-1]), flush=True)
        loads.append(os.getloadavg()[0])
    rows = [median_row(runs[(name, w)]) for name in stores for w in [*args.workers, "in-process"]]
    print(f"\n{len(mix.measured)} requests per run, {args.concurrency} in flight, {args.rounds} rounds, "
          f"embedder {args.embedder}, llm fake, load average after each round {', '.join(f'{x:.1f}' for x in loads)}")
    print(f"uptime after: {uptime()}\n")
    print(table(rows))
    (args.out / "results.json").write_text(json.dumps({"args": {k: str(v) for k, v in vars(args).items()},
                                                       "runs": {f"{b}:{w}": v for (b, w), v in runs.items()}},
                                                      indent=2))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
