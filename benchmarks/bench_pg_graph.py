"""The knowledge graph on PostgreSQL against the embedded files: build, load (a worker's start
and its reload after a re-index), a one-file re-index, the per-question "changed?" check, and
whether both hold the identical networkx graph.

Knowledge bases: the sample KB (``kb/``, its tables, triples and prose) and the two graph data
sets of ``../shared/data`` as one triples file each: WC2014 (6,482 triples, tab-separated) and
MetaQA's movie KB (129,413 triples, ``|``-separated). The PostgreSQL server is a local
``pgserver`` on this machine, so its time is on the same cores.

    python benchmarks/bench_pg_graph.py                 # all three, 3 loads each
    python benchmarks/bench_pg_graph.py --sets sample --loads 5
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
if not DATA.is_dir():
    DATA = Path("/work/shared/data")


def make_kb(name: str, dst: Path) -> tuple[Path, str | None, str]:
    """The KB folder of one set, its triples separator, and the file a re-index changes."""
    if name == "sample":
        shutil.copytree(ROOT / "kb", dst)
        return dst, None, "company.triples.tsv"
    source, sep = {"wc2014": (DATA / "wc2014" / "WC2014.txt", "\t"), "metaqa": (DATA / "metaqa" / "kb.txt", "|")}[name]
    dst.mkdir(parents=True)
    shutil.copy(source, dst / f"{name}.triples.txt")
    (dst / "extra.triples.txt").write_text(sep.join(("Extra One", "knows", "Extra Two")) + "\n", encoding="utf-8")
    return dst, sep, "extra.triples.txt"


def timed(fn, *args, **kw):
    t = time.perf_counter()
    out = fn(*args, **kw)
    return out, (time.perf_counter() - t) * 1e3


def full(kg) -> tuple:
    """Everything in order: edges with keys and data, nodes with data, files, access."""
    return (list(kg.graph.edges(keys=True, data=True)), list(kg.graph.nodes(data=True)), kg.files, kg.access)


def as_sets(kg) -> tuple:
    """The same without the order (an incremental update may order nodes differently from a replay)."""
    edges = {(s, o, d["relation"], d["source"], d["file"]) for s, o, d in kg.graph.edges(data=True)}
    nodes = {n: json.dumps(d, sort_keys=True) for n, d in kg.graph.nodes(data=True)}
    return edges, nodes, kg.files, kg.access


def one_set(name: str, store_name: str, url: str | None, work: Path, loads: int) -> dict:
    from reasoner.config import Config
    from reasoner.factory import graph_backend

    kb, sep, change = make_kb(name, work / f"{name}-{store_name}-kb")
    index = work / f"{name}-{store_name}-index"
    store = graph_backend(Config(database_url=url))
    try:
        built, build_ms = timed(store.update, kb, index, triples_sep=sep)
        load_ms = [timed(store.load, index)[1] for _ in range(loads)]
        first = full(store.load(index))
        changed_ms = [timed(store.changed, built)[1] for _ in range(50)]
        path = kb / change  # one more triple in a small file: the re-index reads that file alone
        path.write_text(path.read_text(encoding="utf-8") + (sep or "\t").join(("Extra Two", "knows", "Extra Three"))
                        + "\n", encoding="utf-8")  # fmt: skip
        after, reindex_ms = timed(store.update, kb, index, triples_sep=sep)
        reloaded = store.load(index)
    finally:
        store.close()
    return {"set": name, "backend": store_name, "edges": len(built), "nodes": built.graph.number_of_nodes(),
            "build_ms": round(build_ms), "load_ms": round(statistics.median(load_ms)),
            "changed_ms": round(statistics.median(changed_ms), 2), "reindex_one_file_ms": round(reindex_ms),
            "graph": first, "after": as_sets(reloaded), "after_edges": len(after)}  # fmt: skip


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default="sample,wc2014,metaqa")
    ap.add_argument("--loads", type=int, default=3)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    import pgserver
    import psycopg

    print(f"load average before: {', '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    work = Path(tempfile.mkdtemp(prefix="bench-graph-"))
    server = pgserver.get_server(tempfile.mkdtemp(prefix="bench-pg-"), cleanup_mode="delete")
    rows = []
    try:
        for i, name in enumerate(s.strip() for s in args.sets.split(",")):
            with psycopg.connect(server.get_uri(), autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE graph_{i}")
            head, q, tail = server.get_uri().partition("?")
            url = head.rsplit("/", 1)[0] + f"/graph_{i}" + q + tail
            pair = [one_set(name, "embedded", None, work, args.loads), one_set(name, "postgres", url, work, args.loads)]
            same = pair[0].pop("graph") == pair[1].pop("graph")
            same_after = pair[0].pop("after") == pair[1].pop("after")
            for row in pair:
                row["identical_graph"], row["same_after_reindex"] = same, same_after
                rows.append(row)
                print(json.dumps(row), flush=True)
    finally:
        server.cleanup()
        shutil.rmtree(work, ignore_errors=True)
    print(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    print("| set | backend | edges | build ms | load ms | re-index one file ms | changed? ms | identical graph "
          "| same after re-index |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['set']} | {r['backend']} | {r['edges']} | {r['build_ms']} | {r['load_ms']} | "
              f"{r['reindex_one_file_ms']} | {r['changed_ms']} | {r['identical_graph']} | {r['same_after_reindex']} |")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
