"""Any triples file and question files over the knowledge-graph solver (default: WC2014).

A question file is tab-separated: the question, its answer, then optional fields;
when a fourth field is present it holds every valid answer joined by ``/`` (the
IRN papers' format: WC2014, PathQuestion), else the second field is split on ``|``
or ``/``. Hits@1 counts the solver's first answer against any valid one;
answers compare case-, accent-, underscore- and punctuation-insensitively, as
a reader would (``kingdom_of_england`` = "Kingdom of England"). Also printed: the
share of questions answered at all, the share the engine would accept (confidence
at least ``controller.ACCEPT``; below it the cascade declines or escalates) and the
Hits@1 of those (precision), p50 latency per question once the graph is loaded,
and graph load time and memory. The baseline, measured in the same run, ranks
paths by embedding similarity alone.

    python benchmarks/bench_kg.py                                   # WC2014: WC-P1, WC-P2, WC-C
    python benchmarks/bench_kg.py --sample 300                      # 300 per file, drawn at random (seed 0)
    python benchmarks/bench_kg.py --triples kb.tsv --questions a.txt b.txt --misses out.tsv

benchmarks/data/graph_s12/ is the lead's blind graph of session 12 (a fictional publishing
world: 258 triples, 11 relations, accented and underscored names; 40 one-hop and 40 two-hop
questions in everyday words by an author who read no code), released as development data in
session 12's round 2; each question line is: question, every answer joined by ``/``, path:

    python benchmarks/bench_kg.py --no-baseline --triples benchmarks/data/graph_s12/triples.txt \
        --questions benchmarks/data/graph_s12/hop1.txt benchmarks/data/graph_s12/hop2.txt

benchmarks/data/graph_blind12/ (same format: a fictional music scene, 282 triples, 10 relations) is the
blind graph of round 2, by another author who read no code; measured at the session's start and at its
end, misses not read; development data from session 13 on.

benchmarks/data/graph_blind13/ (same format: a regional railway network, 284 triples, 13 relations, two of
them numeric) is session 13's blind graph, by an author who read no code; measured at the session's start
and at its end, misses not read; development data from session 14 on.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from bench_metaqa import load_solvers, write_outputs  # noqa: E402  (the same loading and memory report)

from reasoner.controller import ACCEPT  # noqa: E402
from reasoner.solvers.graph import GraphSolver  # noqa: E402
from reasoner.text.tokens import fold  # noqa: E402
from reasoner.types import Budget, Context, Query  # noqa: E402

WC2014 = ROOT.parent / "shared" / "data" / "wc2014"
WC2014_FILES = ("WC-P1.txt", "WC-P2.txt", "WC-C.txt")


@dataclass(frozen=True)
class Item:
    """One benchmark question and every answer that counts as right."""

    question: str
    gold: frozenset[str]


def norm(name: str) -> str:
    """A name as a reader compares it: case, accents, underscores and punctuation ignored."""
    return " ".join(fold(name.replace("_", " ")).split())


def read_items(path: Path, limit: int | None = None, sample: int | None = None, seed: int = 0) -> list[Item]:
    """The questions of ``path`` (see the module docstring for the format)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) < 2 or not fields[0].strip():
            continue
        raw = fields[3] if len(fields) > 3 and fields[3].strip() else fields[1]
        gold = frozenset(norm(a) for part in raw.split("|") for a in part.split("/") if a.strip())
        if gold:
            out.append(Item(fields[0].strip(), gold))
        if limit and len(out) >= limit:
            break
    if sample and sample < len(out):
        out = random.Random(seed).sample(out, sample)
    return out


@dataclass
class Result:
    hits: list[float]
    answered: list[float]
    ms: list[float]
    accepted: list[float] = field(default_factory=list)  # confidence >= ACCEPT


def run(solver: GraphSolver, items: list[Item], misses: list[str] | None = None,
        answers: list[dict] | None = None) -> Result:
    """Ask every question; the first answer (sorted, as the solver shows them) is scored."""
    res = Result([], [], [])
    for item in items:
        t0 = time.perf_counter()
        q = Query(item.question)
        est = solver.estimate(q)
        ans = solver.solve(q, Context(budget=Budget()), est)
        res.ms.append((time.perf_counter() - t0) * 1000)
        pred = sorted(est.payload.answers) if est.payload is not None and not ans.abstained else []
        first = norm(pred[0]) if pred else ""
        res.hits.append(1.0 if first in item.gold else 0.0)
        res.answered.append(1.0 if pred else 0.0)
        res.accepted.append(1.0 if pred and (ans.confidence or 0.0) >= ACCEPT else 0.0)
        if answers is not None:
            answers.append({"id": f"{len(answers)}", "question": item.question, "value": "|".join(pred),
                            "route": ans.route, "abstained": ans.abstained})
        if misses is not None and not res.hits[-1]:
            path = est.payload.describe() if est.payload is not None else est.detail
            misses.append(f"{item.question}\t{'/'.join(sorted(item.gold))[:200]}\t{'|'.join(pred[:5])}\t{path}")
    return res


def pct(xs: list[float]) -> str:
    return f"{100 * sum(xs) / len(xs):5.1f}" if xs else "  n/a"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=Path, default=WC2014 / "WC2014.txt")
    ap.add_argument("--sep", default=None, help="triples separator (default: detected)")
    ap.add_argument("--questions", type=Path, nargs="+", default=[WC2014 / f for f in WC2014_FILES])
    ap.add_argument("--limit", type=int, default=None, help="first N questions per file")
    ap.add_argument("--sample", type=int, default=None, help="N questions per file drawn at random")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--embedder", default=None, help="default: the product's default embedder")
    ap.add_argument("--misses", type=Path, default=None, help="write every miss (TSV)")
    ap.add_argument("--answers", type=Path, default=None, help="write every answer as JSON lines")
    ap.add_argument("--no-baseline", action="store_true", help="skip the embedding-only baseline")
    ap.add_argument("--confidence", choices=["learned", "scoring"], default="learned",
                    help="the graph solver's confidence: the learned model (default) or the scoring's margin alone")
    args = ap.parse_args()
    if not args.triples.is_file():
        sys.exit(f"triples file not found: {args.triples}")
    _, solver, baseline = load_solvers(args.triples, args.sep, args.embedder, not args.no_baseline,
                                      args.confidence)
    print(f"{'file':>14} {'n':>6} {'H@1':>6} {'answered':>9} {'accepted':>9} {'prec':>6} {'base H@1':>9} {'ratio':>6}"
          f" {'p50 ms':>7} {'p95 ms':>7}")
    misses: list[str] | None = [] if args.misses else None
    answers: list[dict] | None = [] if args.answers else None
    for qfile in args.questions:
        items = read_items(qfile, args.limit, args.sample, args.seed)
        res = run(solver, items, misses, answers)
        base = run(baseline, items).hits if baseline else []
        ratio = sum(res.hits) / sum(base) if base and sum(base) else float("nan")
        p95 = sorted(res.ms)[int(0.95 * (len(res.ms) - 1))] if res.ms else float("nan")
        prec = pct([h for h, a in zip(res.hits, res.accepted, strict=True) if a])
        print(f"{qfile.name:>14} {len(items):>6} {pct(res.hits):>6} {pct(res.answered):>9} {pct(res.accepted):>9}"
              f" {prec:>6} {pct(base):>9}"
              f" {ratio:>6.2f} {statistics.median(res.ms) if res.ms else float('nan'):>7.1f} {p95:>7.1f}",
              flush=True)
    write_outputs(args.misses, misses, args.answers, answers)


if __name__ == "__main__":
    main()
