"""Vector search latency and recall at 10k, 100k and 1M vectors with real structure.

    nice -n 10 .venv/bin/python benchmarks/bench_ann.py [--sizes 10000,100000,1000000]

Base vectors are MiniLM (ONNX int8) embeddings of real text from
``../shared/data`` (MetaQA questions, CISI abstracts, XQuAD paragraphs, PAWS
sentences; about 12k). Larger sets add perturbed copies (unit noise of norm
0.15-0.45 added, renormalised: cosine 0.90-0.99 to the original), so they keep
the clusters and anisotropy of real embeddings. Queries are 400 held-out real
questions (MetaQA and XQuAD) that are not in the base set.

For each size it builds the approximate kinds ``reasoner.retrieval.ann.choose``
can pick (HNSW, IVF; "<- default" marks their default search setting), times single-query
searches (one thread, p50/p95) and reports recall@10 against exact search
measured in the same run. Base embeddings are cached in the user cache.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"


def real_texts() -> tuple[list[str], list[str]]:
    """(base texts, held-out query texts) from the shared data sets."""
    rng = np.random.default_rng(0)
    metaqa = [re.sub(r"[\[\]]", "", line.split("\t")[0]) for line in
              (DATA / "metaqa" / "1-hop" / "qa_dev.txt").read_text().splitlines()]  # fmt: skip
    metaqa += [re.sub(r"[\[\]]", "", line.split("\t")[0]) for line in
               (DATA / "metaqa" / "2-hop" / "qa_dev.txt").read_text().splitlines()[:4000]]  # fmt: skip
    rng.shuffle(metaqa)
    cisi = [
        json.loads(x)["text"]
        for x in (DATA / "cisi" / "beir_format" / "corpus.jsonl").read_text().splitlines()
    ]
    xq = json.loads((DATA / "xquad_en" / "xquad_en_dev.json").read_text())["data"]
    contexts = [p["context"] for a in xq for p in a["paragraphs"]]
    xq_questions = [qa["question"] for a in xq for p in a["paragraphs"] for qa in p["qas"]]
    paws = []
    for line in (DATA / "paws_wiki_dev").glob("*.jsonl").__next__().read_text().splitlines()[:1500]:
        paws.append(json.loads(line)["a"])
    queries = metaqa[:200] + xq_questions[:200]
    base = metaqa[200:9200] + cisi + contexts + paws
    return base, queries


def embeddings(cache: Path) -> tuple[np.ndarray, np.ndarray]:
    if cache.is_file():
        z = np.load(cache)
        return z["base"], z["queries"]
    from reasoner.retrieval.embedder import load_embedder

    emb = load_embedder("minilm-onnx")
    base_t, query_t = real_texts()
    t0 = time.perf_counter()
    base, queries = emb.embed(base_t), emb.embed(query_t)
    print(
        f"embedded {len(base_t) + len(query_t)} real texts in {time.perf_counter() - t0:.0f} s (cached at {cache})"
    )
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.savez(cache, base=base, queries=queries)
    return base, queries


def extend(base: np.ndarray, n: int, seed: int = 1) -> np.ndarray:
    """The real vectors, then perturbed copies of random real ones up to ``n`` rows."""
    if n <= len(base):
        return base[:n].copy()
    rng = np.random.default_rng(seed)
    out = np.empty((n, base.shape[1]), np.float32)
    out[: len(base)] = base
    for start in range(len(base), n, 100_000):
        m = min(100_000, n - start)
        src = base[rng.integers(0, len(base), m)]
        noise = rng.standard_normal(src.shape).astype(np.float32)
        noise *= (rng.uniform(0.15, 0.45, (m, 1)) / np.linalg.norm(noise, axis=1, keepdims=True)).astype(
            np.float32
        )
        v = src + noise
        out[start : start + m] = v / np.linalg.norm(v, axis=1, keepdims=True)
    return out


def timed_search(index, queries: np.ndarray, k: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """(top-k ids per query, per-query milliseconds) with one query per call."""
    ids, ms = [], []
    for q in queries:
        t0 = time.perf_counter()
        _, i = index.search(q.reshape(1, -1), k)
        ms.append((time.perf_counter() - t0) * 1000)
        ids.append(i[0])
    return np.array(ids), np.array(ms)


def recall_at_10(found: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean([len(set(f) & set(t)) / 10 for f, t in zip(found, truth, strict=True)]))


def bench_size(vectors: np.ndarray, queries: np.ndarray, kinds: list[str]) -> None:
    from reasoner.retrieval import ann

    n = len(vectors)
    exact = ann.build(vectors, ann.AnnSpec("flat"))
    truth, ms = timed_search(exact, queries)
    print(
        f"\n{n:>9,d} vectors   exact (flat)        p50 {np.percentile(ms, 50):7.2f} ms  p95 {np.percentile(ms, 95):7.2f} ms"
    )
    for kind in kinds:
        spec = ann.choose(n, kind)
        if spec.kind == "flat":
            continue
        import faiss

        threads = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(2)  # build with both cores, search with the requested count
        t0 = time.perf_counter()
        index = ann.build(vectors, spec)
        build_s = time.perf_counter() - t0
        faiss.omp_set_num_threads(threads)
        for search in sorted({max(1, spec.search // 2), spec.search, spec.search * 2}):
            ann.configure(index, ann.AnnSpec(spec.kind, spec.param, search))
            found, ms = timed_search(index, queries)
            mark = "  <- default" if search == spec.search else ""
            print(f"{'':>9s}           {spec.kind}:{spec.param}:{search:<6d} p50 {np.percentile(ms, 50):7.2f} ms  "
                  f"p95 {np.percentile(ms, 95):7.2f} ms  recall@10 {recall_at_10(found, truth):.3f}  "
                  f"(build {build_s:.0f} s){mark}")  # fmt: skip
        del index


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument(
        "--kinds", default="ivf,hnsw", help="approximate kinds to measure (hnsw is skipped above 200k)"
    )
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    import faiss

    from reasoner.config import default_cache_dir

    faiss.omp_set_num_threads(args.threads)
    base, queries = embeddings(default_cache_dir() / "bench" / "ann_real_minilm.npz")
    print(
        f"{len(base)} real base vectors, {len(queries)} held-out real queries, faiss threads {args.threads}"
    )
    for n in (int(s) for s in args.sizes.split(",")):
        kinds = [k for k in args.kinds.split(",") if k != "hnsw" or n <= 200_000]
        bench_size(extend(base, n), queries, kinds if n >= 10_000 else [])


if __name__ == "__main__":
    main()
