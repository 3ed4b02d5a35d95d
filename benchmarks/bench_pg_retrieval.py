"""Retrieval on PostgreSQL + pgvector against the embedded index: same KB, same questions, same run.

    python benchmarks/bench_pg_retrieval.py [--sets 18f,ca,dev] [--k 5] [--url postgresql://...]

For each set (benchmarks/bench_kb.py's: employees' questions over the 18F and CivicActions
handbooks, and the 18F dev set), both backends index the same folder with the default
embedder (int8 MiniLM ONNX; the PostgreSQL build reuses the embedded build's vectors, so
the two differ only in storage and search), then answer every answerable question with a
hybrid search. Reported per backend: the gold page in the top 1 / top k, a gold answer in
a top-k chunk's text, search p50/p95 ms; and between them: questions whose top k is the
same chunks in the same order, and the largest score difference. Without ``--url`` a
local server is started through ``pgserver`` (the test dependency).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_kb import SETS, load_rows  # noqa: E402

from reasoner.evaluate import normalise, percentile  # noqa: E402

OUT = ROOT / "benchmarks" / "out" / "pg_retrieval"


class Reuse:
    """The embedder, answering texts the embedded build already embedded from its vectors."""

    def __init__(self, embedder, known: dict[str, np.ndarray]) -> None:
        self.inner, self.known = embedder, known
        self.name, self.dim = embedder.name, embedder.dim
        self.space = getattr(embedder, "space", embedder.name)

    def embed(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in texts if t not in self.known]
        if missing:
            self.known.update(zip(missing, self.inner.embed(missing), strict=True))
        return np.stack([self.known[t] for t in texts])


def server_url() -> str:
    import pgserver
    import psycopg

    url = pgserver.get_server(tempfile.mkdtemp(prefix="bench-pg-"), cleanup_mode="delete").get_uri()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
    return url


def fresh_database(url: str, name: str) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    head, sep, tail = url.partition("?")
    return f"{head.rsplit('/', 1)[0]}/{name}{sep}{tail}"


def build_both(kb: Path, name: str, url: str, embedder):
    from reasoner.retrieval.index import KnowledgeIndex
    from reasoner.retrieval.pgindex import PostgresKnowledgeIndex

    t0 = time.perf_counter()
    emb_idx, _ = KnowledgeIndex.update(kb, OUT / name / "embedded", embedder=embedder, progress=False)
    t_emb = time.perf_counter() - t0
    texts = emb_idx._store.texts(emb_idx._rids)
    known = dict(zip(texts, emb_idx._vectors, strict=True))
    t0 = time.perf_counter()
    pg_idx, report = PostgresKnowledgeIndex.update(kb, OUT / name / "pg", database_url=fresh_database(url, f"bench_{name}"),
                                                   embedder=Reuse(embedder, known), progress=False)  # fmt: skip
    t_pg = time.perf_counter() - t0
    print(f"{name}: {len(emb_idx)} chunks; embedded build {t_emb:.1f} s, PostgreSQL build {t_pg:.1f} s "
          f"(vectors reused, {report.chunks_embedded} rows written)", flush=True)  # fmt: skip
    return emb_idx, pg_idx


def measure(idx, rows: list[dict], k: int) -> dict:
    top1 = topk = contains = 0
    ms, hits = [], []
    for row in rows:
        t0 = time.perf_counter()
        found = idx.search(row["question"], k=k)
        ms.append(1000 * (time.perf_counter() - t0))
        hits.append(found)
        sources = [h.chunk.source for h in found]
        gold_page = [s == row["source"] or s.endswith("/" + row["source"]) for s in sources]  # dev: under pages/
        top1 += bool(gold_page) and gold_page[0]
        topk += any(gold_page)
        gold = [normalise(a) for a in row["answers"]]
        contains += any(g and g in normalise(h.chunk.text) for h in found for g in gold)
    n = len(rows)
    return {"top1": top1 / n, "topk": topk / n, "contains": contains / n, "p50": percentile(ms, 50),
            "p95": percentile(ms, 95), "hits": hits}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="18f,ca,dev")
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--url", default=None, help="a PostgreSQL server with pgvector (default: start one)")
    args = ap.parse_args()
    from reasoner.retrieval.embedder import load_embedder

    embedder = load_embedder("minilm-onnx")
    url = args.url or server_url()
    print(f"| set | n | backend | gold page top 1 | gold page top {args.k} | answer in top {args.k} | "
          "search p50 ms | p95 ms | same top k | max score diff |\n|---|---|---|---|---|---|---|---|---|---|")
    for name in args.sets.split(","):
        kb, questions = SETS[name]
        rows = [r for r in load_rows(questions) if r.get("answers") and r.get("source")]
        emb_idx, pg_idx = build_both(kb, name, url, embedder)
        for idx in (emb_idx, pg_idx):  # warm both (the embedder's first calls, the server's caches)
            idx.search(rows[0]["question"], k=args.k)
        a, b = measure(emb_idx, rows, args.k), measure(pg_idx, rows, args.k)
        same = sum([h.chunk.id for h in x] == [h.chunk.id for h in y] for x, y in zip(a["hits"], b["hits"], strict=True))
        diff = max((abs(h.score - g.score) for x, y in zip(a["hits"], b["hits"], strict=True)
                    for h, g in zip(x, y, strict=False)), default=0.0)  # fmt: skip
        for label, m in (("embedded", a), ("postgres", b)):
            print(f"| {name} | {len(rows)} | {label} | {m['top1']:.3f} | {m['topk']:.3f} | {m['contains']:.3f} | "
                  f"{m['p50']:.1f} | {m['p95']:.1f} | {same}/{len(rows)} | {diff:.1e} |", flush=True)  # fmt: skip
        emb_idx.close()
        pg_idx.close()


if __name__ == "__main__":
    main()
