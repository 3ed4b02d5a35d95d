"""Answer-memory throughput and latency on the embedded backend (SQLite + FAISS view) and on
PostgreSQL + pgvector, with 1, 2 and 4 worker processes sharing one memory.

    nice -n 10 .venv/bin/python benchmarks/bench_backends.py [--data metaqa|qqp] [--ops 200]
        [--prefill 1000] [--procs 1,2,4] [--database-url postgresql://...]

Each configuration gets a fresh memory, pre-filled with ``--prefill`` questions so the
similarity search has something to scan. Then every worker process, started at the same
moment, runs three phases over its own ``--ops`` questions of the data set:

* put:  store an answer (a write transaction: entry, dependencies, eviction check);
* hit:  ``get`` of a question it stored (the exact-match path);
* miss: ``get`` of a question nobody stored (exact and key misses, then the nearest-question
  search over every stored vector and the guard).

Questions are real (MetaQA 1-hop dev questions, or the first questions of the QQP pairs for
the second set). The embedder is ``HashEmbedder`` so the numbers are the storage's, not the
model's. Throughput is the phase's operations over all workers divided by the longest
worker's phase time; latencies are per operation over all workers. Ratios are PostgreSQL
over SQLite, measured in the same run. Without ``--database-url`` a local server is started
through ``pgserver`` (the same unix-socket machine: network round trips are not included).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import re
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
PHASES = ("put", "hit", "miss")


def questions(data: str, n: int) -> list[str]:
    """``n`` distinct real questions of the chosen data set, in file order."""
    if data == "metaqa":
        lines = (DATA / "metaqa" / "1-hop" / "qa_dev.txt").read_text(encoding="utf-8").splitlines()
        texts = [re.sub(r"[\[\]]", "", line.split("\t")[0]) + "?" for line in lines]
    else:
        with open(DATA / "qqp_pairs" / "pairs.jsonl", encoding="utf-8") as f:
            texts = [json.loads(line)["a"] for line in f]
    out, seen = [], set()
    for t in texts:
        key = t.lower().strip()
        if key not in seen:
            seen.add(key)
            out.append(t)
        if len(out) == n:
            return out
    raise SystemExit(f"{data} has only {len(out)} distinct questions; {n} needed")


def worker(location: str, qs: list[str], misses: list[str], start: float, out: mp.Queue) -> None:
    """One worker: put, then hit, then miss; per-operation latencies (ms) and phase wall times."""
    from reasoner.memory import AnswerMemory
    from reasoner.retrieval.embedder import HashEmbedder

    memory = AnswerMemory(location, HashEmbedder(), threshold=0.9)
    time.sleep(max(0.0, start - time.time()))
    result: dict[str, tuple[list[float], float]] = {}
    ops = {
        "put": lambda q: memory.put(q, f"answer to {q}", depends_on={"sources": {"bench.md"}}),
        "hit": lambda q: memory.get(q),
        "miss": lambda q: memory.get(q),
    }
    for phase in PHASES:
        lat = []
        began = time.perf_counter()
        for q in misses if phase == "miss" else qs:
            t = time.perf_counter()
            got = ops[phase](q)
            lat.append((time.perf_counter() - t) * 1000)
            if phase == "hit" and got is None:
                raise SystemExit(f"lost write: {q!r}")
        result[phase] = (lat, time.perf_counter() - began)
    memory.close()
    out.put(result)


def run(
    location: str, procs: int, prefill: list[str], work: list[list[str]], misses: list[list[str]]
) -> dict:
    from reasoner.memory import AnswerMemory
    from reasoner.retrieval.embedder import HashEmbedder

    with AnswerMemory(location, HashEmbedder(), threshold=0.9) as m:
        for q in prefill:
            m.put(q, f"answer to {q}")
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    start = time.time() + 3.0 + procs  # after every worker has imported and opened the memory
    ps = [ctx.Process(target=worker, args=(location, work[i], misses[i], start, out)) for i in range(procs)]
    for p in ps:
        p.start()
    results = [out.get(timeout=900) for _ in ps]
    for p in ps:
        p.join()
        if p.exitcode:
            raise SystemExit(f"a worker failed ({p.exitcode})")
    with AnswerMemory(location, HashEmbedder()) as m:
        expected = len(prefill) + sum(len(w) for w in work)
        if len(m) != expected:
            raise SystemExit(f"lost writes: {len(m)} entries, {expected} expected")
    stats = {}
    for phase in PHASES:
        lat = np.concatenate([r[phase][0] for r in results])
        wall = max(r[phase][1] for r in results)
        stats[phase] = {"ops_s": len(lat) / wall, "p50": float(np.percentile(lat, 50)),
                        "p95": float(np.percentile(lat, 95))}  # fmt: skip
    return stats


def fresh_database(server: str, name: str) -> str:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    head, sep, tail = server.partition("?")
    base = re.sub(r"/[^/]*$", f"/{name}", head) if head.count("/") > 2 else f"{head}/{name}"
    return base + sep + tail


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", choices=("metaqa", "qqp"), default="metaqa")
    ap.add_argument("--ops", type=int, default=200, help="operations per worker per phase")
    ap.add_argument("--prefill", type=int, default=1000)
    ap.add_argument("--procs", default="1,2,4")
    ap.add_argument("--database-url", default=None, help="a server of one's own (default: pgserver)")
    args = ap.parse_args()
    procs = [int(p) for p in args.procs.split(",")]
    need = args.prefill + 2 * max(procs) * args.ops
    qs = questions(args.data, need)
    prefill, rest = qs[: args.prefill], qs[args.prefill :]
    work = [rest[i * args.ops : (i + 1) * args.ops] for i in range(max(procs))]
    misses = [rest[(max(procs) + i) * args.ops : (max(procs) + i + 1) * args.ops] for i in range(max(procs))]
    server = args.database_url
    if server is None:
        import pgserver

        server = pgserver.get_server(
            tempfile.mkdtemp(prefix="reasoner-bench-pg-"), cleanup_mode="delete"
        ).get_uri()
    tmp = Path(tempfile.mkdtemp(prefix="reasoner-bench-sqlite-"))
    print(f"data {args.data}: {args.prefill} stored first, {args.ops} operations per worker per phase; "
          f"HashEmbedder; {os.cpu_count()} cores")  # fmt: skip
    print(
        f"{'backend':10} {'procs':>5} "
        + " ".join(f"{p + ' ops/s':>11} {'p50':>6} {'p95':>6}" for p in PHASES)
    )
    rows = {}
    for n in procs:
        for backend in ("sqlite", "postgres"):
            where = str(tmp / f"m{n}") if backend == "sqlite" else fresh_database(server, f"bench_{n}")
            s = rows[backend, n] = run(where, n, prefill, work[:n], misses[:n])
            cells = " ".join(f"{s[p]['ops_s']:11.0f} {s[p]['p50']:6.2f} {s[p]['p95']:6.2f}" for p in PHASES)
            print(f"{backend:10} {n:5d} {cells}", flush=True)
    print("\nPostgreSQL / SQLite (throughput ratio; latency ratios p50, p95):")
    for n in procs:
        pg, lite = rows["postgres", n], rows["sqlite", n]
        cells = "  ".join(
            f"{p} x{pg[p]['ops_s'] / lite[p]['ops_s']:.2f} (p50 x{pg[p]['p50'] / lite[p]['p50']:.2f}, "
            f"p95 x{pg[p]['p95'] / lite[p]['p95']:.2f})"
            for p in PHASES
        )
        print(f"  {n} procs: {cells}")


if __name__ == "__main__":
    main()
