"""CISI retrieval quality: BM25, dense and hybrid, torch fp32 vs ONNX int8 MiniLM.

Indexes the 1,460 CISI abstracts through ``KnowledgeIndex`` (as LangChain
documents, the real code path) and scores the 76 judged queries.

    nice -n 10 .venv/bin/python benchmarks/bench_cisi.py [--sweep] [--chunk-size N]

Prints nDCG@10, recall@10 and recall@100 per mode and embedder, the hybrid
margin over the better single mode, and the embedding speed of ONNX int8
relative to torch fp32 measured on the same texts in the same run.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data" / "cisi" / "beir_format"


def load_cisi() -> tuple[dict[str, dict], dict[str, str], dict[str, dict[str, int]]]:
    corpus = {}
    for line in (DATA / "corpus.jsonl").read_text().splitlines():
        d = json.loads(line)
        corpus[d["_id"]] = d
    queries = {
        json.loads(x)["_id"]: json.loads(x)["text"] for x in (DATA / "queries.jsonl").read_text().splitlines()
    }
    qrels: dict[str, dict[str, int]] = defaultdict(dict)
    for line in (DATA / "qrels" / "test.tsv").read_text().splitlines()[1:]:
        q, doc, score = line.split("\t")
        qrels[q][doc] = int(score)
    return corpus, {q: t for q, t in queries.items() if q in qrels}, dict(qrels)


def ndcg(ranked: list[str], rel: dict[str, int], k: int = 10) -> float:
    dcg = sum(rel.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sum(r / math.log2(i + 2) for i, r in enumerate(sorted(rel.values(), reverse=True)[:k]))
    return dcg / ideal if ideal else 0.0


def recall(ranked: list[str], rel: dict[str, int], k: int) -> float:
    return len(set(ranked[:k]) & set(rel)) / len(rel)


def doc_ranking(hits) -> list[str]:
    """Chunks to documents: a document ranks at its best chunk."""
    return list(dict.fromkeys(h.chunk.source for h in hits))


def evaluate(runs: dict[str, list[str]], qrels: dict[str, dict[str, int]]) -> dict[str, float]:
    n = len(runs)
    return {
        "nDCG@10": sum(ndcg(r, qrels[q]) for q, r in runs.items()) / n,
        "R@10": sum(recall(r, qrels[q], 10) for q, r in runs.items()) / n,
        "R@100": sum(recall(r, qrels[q], 100) for q, r in runs.items()) / n,
    }


def run_mode(idx, queries: dict[str, str], mode: str, k: int = 150) -> dict[str, list[str]]:
    return {q: doc_ranking(idx.search(text, k, mode=mode))[:100] for q, text in queries.items()}


def rrf_runs(a: dict[str, list[str]], b: dict[str, list[str]], k: int = 60) -> dict[str, list[str]]:
    out = {}
    for q in a:
        score: dict[str, float] = defaultdict(float)
        for ranked in (a[q], b[q]):
            for i, d in enumerate(ranked):
                score[d] += 1 / (k + 1 + i)
        out[q] = sorted(score, key=lambda d: -score[d])[:100]
    return out


def documents(corpus: dict[str, dict]):
    from langchain_core.documents import Document

    return [
        Document(page_content=d["text"], metadata={"source": i, "title": d["title"]})
        for i, d in corpus.items()
    ]


def build(corpus, embedder, chunk_size: int | None, tmp: Path):
    from reasoner.retrieval.index import KnowledgeIndex

    t0 = time.perf_counter()
    idx, report = KnowledgeIndex.update(None, tmp / embedder.name, embedder=embedder, progress=False,
                                        documents=documents(corpus), chunk_size=chunk_size)  # fmt: skip
    return idx, report, time.perf_counter() - t0


def raw_embed_seconds(embedder, texts: list[str]) -> float:
    embedder.embed(texts[:32])  # warm up
    t0 = time.perf_counter()
    embedder.embed(texts)
    return time.perf_counter() - t0


def speed_compare(names: list[str], texts: list[str], rounds: int = 3) -> dict[str, float]:
    """Seconds per text for each embedder, alternating rounds on the same texts (best round kept),
    so load from other processes hits both alike."""
    from reasoner.retrieval.embedder import load_embedder

    embs = {n: load_embedder(n) for n in names}
    best = {n: float("inf") for n in names}
    for _ in range(rounds):
        for n, emb in embs.items():
            best[n] = min(best[n], raw_embed_seconds(emb, texts) / len(texts))
    return best


def calibration(idx, queries: dict[str, str]) -> None:
    """Top-1 hybrid score for CISI's own queries vs off-topic questions (MetaQA movie questions):
    a usable confidence separates them without knowing the query."""
    import re

    lines = (DATA.parent.parent / "metaqa" / "1-hop" / "qa_dev.txt").read_text().splitlines()[:200]
    off = [re.sub(r"[\[\]]", "", x.split("\t")[0]) for x in lines]
    on_s = np.array([idx.search(q, 1)[0].score for q in queries.values()])
    off_s = np.array([idx.search(q, 1)[0].score for q in off])
    auc = float((on_s[:, None] > off_s[None, :]).mean())
    print(f"  calibration: top-1 hybrid score, CISI queries mean {on_s.mean():.3f} (p10 {np.percentile(on_s, 10):.3f}); "
          f"off-topic MetaQA questions mean {off_s.mean():.3f} (p90 {np.percentile(off_s, 90):.3f}); "
          f"AUC {auc:.3f}")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sweep", action="store_true", help="also sweep the hybrid dense weight and compare RRF")
    ap.add_argument("--chunk-size", type=int, default=None)
    ap.add_argument("--embedders", default="minilm,minilm-onnx")
    ap.add_argument(
        "--speed-only", action="store_true", help="only the interleaved embedding-speed comparison"
    )
    args = ap.parse_args()
    if not DATA.is_dir():
        sys.exit(f"CISI not found at {DATA}")
    from reasoner.retrieval.embedder import load_embedder

    corpus, queries, qrels = load_cisi()
    print(f"CISI: {len(corpus)} documents, {len(queries)} judged queries")
    texts = [f"{d['title']}\n{d['text']}" for d in corpus.values()]
    results: dict[str, dict[str, dict[str, float]]] = {}
    speed: dict[str, float] = {}
    names = args.embedders.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        for name in [] if args.speed_only else names:
            emb = load_embedder(name)
            speed[name] = raw_embed_seconds(emb, texts)
            idx, report, secs = build(corpus, emb, args.chunk_size, Path(tmp))
            print(f"\n[{name}] indexed {report.chunks_total} chunks in {secs:.1f} s "
                  f"(raw embedding of the {len(texts)} documents: {speed[name]:.1f} s)")  # fmt: skip
            runs = {m: run_mode(idx, queries, m) for m in ("lexical", "dense", "hybrid")}
            results[name] = {m: evaluate(r, qrels) for m, r in runs.items()}
            for m, res in results[name].items():
                print(f"  {m:8s} " + "  ".join(f"{k} {v:.4f}" for k, v in res.items()))
            best_single = max(results[name]["lexical"]["nDCG@10"], results[name]["dense"]["nDCG@10"])
            margin = results[name]["hybrid"]["nDCG@10"] - best_single
            print(f"  hybrid - best single mode, nDCG@10: {margin:+.4f} ({'OK' if margin >= 0 else 'FAIL'})")
            if args.sweep:
                sweep(idx, queries, qrels, runs)
            calibration(idx, queries)
            idx.close()
    if {"minilm", "minilm-onnx"} <= set(results):
        t, o = results["minilm"]["dense"], results["minilm-onnx"]["dense"]
        diff = (o["R@10"] - t["R@10"]) * 100
        print(
            f"\nONNX int8 vs torch fp32 (dense): R@10 {o['R@10']:.4f} vs {t['R@10']:.4f} ({diff:+.2f} points, "
            f"{'within' if abs(diff) <= 1 else 'OUTSIDE'} one point); nDCG@10 {o['nDCG@10']:.4f} vs {t['nDCG@10']:.4f}"
        )
    if {"minilm", "minilm-onnx"} <= set(names):
        per = speed_compare(["minilm", "minilm-onnx"], texts[:400])
        print(f"embedding speed, 400 CISI texts, 3 alternating rounds, best of each: torch fp32 "
              f"{1 / per['minilm']:.1f} docs/s, onnx int8 {1 / per['minilm-onnx']:.1f} docs/s, "
              f"speedup x{per['minilm'] / per['minilm-onnx']:.2f}")  # fmt: skip


def sweep(idx, queries, qrels, runs) -> None:
    for w in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        idx.dense_weight = w
        res = evaluate(run_mode(idx, queries, "hybrid"), qrels)
        print(f"  convex w={w:.1f}  " + "  ".join(f"{k} {v:.4f}" for k, v in res.items()))
    idx.dense_weight = 0.6
    res = evaluate(rrf_runs(runs["dense"], runs["lexical"]), qrels)
    print("  RRF k=60      " + "  ".join(f"{k} {v:.4f}" for k, v in res.items()))


if __name__ == "__main__":
    main()
