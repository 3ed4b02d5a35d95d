"""Permissions: what filtering by the caller's groups costs in retrieval, and whether it keeps recall.

Indexes the 18F handbook with every page given to one of 100 groups (by a hash of its path,
declared through the ``access`` mapping), then searches the employee-worded 18F questions as
a caller in 1, 10 and 100 groups, and as an unrestricted caller (the baseline, same run):

- latency p50 / p95 of ``KnowledgeIndex.search(k=4)``, and the ratio to the unfiltered search;
- recall: of the 4 best chunks the caller may read (the unrestricted top 200, filtered), the
  share the filtered search returns; and how often the question's own page is found when
  the caller may read it.

    python benchmarks/bench_permissions.py [--groups 100] [--runs 3]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"


def group_of(source: str, n: int) -> str:
    return f"g{int(hashlib.sha1(source.encode()).hexdigest(), 16) % n}"


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--groups", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    kb = DATA / "handbook_18f"
    if not kb.is_dir():
        print(f"skipped: {kb} not present")
        return 0
    from reasoner.ingest.access import AccessRules
    from reasoner.ingest.walk import walk
    from reasoner.retrieval.embedder import load_embedder
    from reasoner.retrieval.index import KnowledgeIndex

    mapping = {rel: [group_of(rel, args.groups)] for rel in walk(kb).files}
    questions = [json.loads(line) for line in (DATA / "kb_questions" / "18f_paraphrased.jsonl").read_text().splitlines()]
    questions = [q for q in questions if q.get("source")]
    embedder = load_embedder("minilm-onnx")
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        idx, _ = KnowledgeIndex.update(kb, Path(tmp) / "ix", embedder=embedder, progress=False,
                                       access=AccessRules.from_settings("everyone", mapping, {}))  # fmt: skip
        print(f"indexed {len(idx)} chunks of {len(mapping)} pages in {time.perf_counter() - t0:.1f} s; "
              f"{args.groups} groups; {len(questions)} questions")
        for q in questions:  # warm: embeddings and caches
            idx.search(q["question"], k=4)
        callers = [("unrestricted", None)] + [(f"{n} groups", frozenset(f"g{i}" for i in range(n)))
                                               for n in (1, 10, args.groups)]  # fmt: skip
        base_p50 = None
        for label, groups in callers:
            ms, kept, own, own_n = [], [], 0, 0
            for _ in range(args.runs):
                for q in questions:
                    t1 = time.perf_counter()
                    hits = idx.search(q["question"], k=4, groups=groups)
                    ms.append((time.perf_counter() - t1) * 1e3)
            for q in questions:
                hits = idx.search(q["question"], k=4, groups=groups)
                wide = idx.search(q["question"], k=200)
                ideal = [h.chunk.id for h in wide if groups is None or group_of(h.chunk.source, args.groups) in groups][:4]
                got = {h.chunk.id for h in hits}
                kept.append(len(got & set(ideal)) / len(ideal) if ideal else 1.0)
                assert all(groups is None or group_of(h.chunk.source, args.groups) in groups for h in hits)
                if groups is None or group_of(q["source"], args.groups) in groups:
                    own_n += 1
                    own += any(h.chunk.source == q["source"] for h in hits)
            p50 = statistics.median(ms)
            base_p50 = base_p50 or p50
            print(f"{label:>13}: search p50 {p50:6.2f} ms  p95 {pct(ms, 0.95):6.2f} ms  ratio {p50 / base_p50:5.2f}x  "
                  f"recall of the best visible 4 {100 * statistics.mean(kept):5.1f}%  "
                  f"own page in top 4 {own}/{own_n}")
        idx.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
