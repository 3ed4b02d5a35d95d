"""Calibrate the meaning reader (reasoner/solvers/math/meaning.py) on development rewordings.

Each development rewording is read by meaning alone (not by the worded readings first), with the
frames of the same masked text left out (a leave-one-out: a question never meets its own frame),
and its answer compared with the gold. Prints, for the nearest frame's cosine and its lead over the
other operations, how many would be answered right and wrong above each pair of thresholds.

    PYTHONPATH=$PWD python benchmarks/calibrate_meaning.py [--parts s9-dev,s8-dev] [--show]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--parts", default="dev,val,own,own-val,fresh,s8-dev,s8-own,s8-late,s9-dev")
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--misses", action="store_true", help="print what was not answered")
    a = ap.parse_args()
    import numpy as np
    from bench_math import reworded_parts, same_answer

    from reasoner.errors import ParseError
    from reasoner.solvers.math import MathSolver, meaning
    from reasoner.solvers.math.objects import mask
    from reasoner.types import Query

    index = meaning._INDEX.load()
    parts = reworded_parts()
    solver = MathSolver()
    rows = []
    full_vectors, full_frames = index.vectors, index.frames
    full_vocab = index.vocab
    for name in a.parts.split(","):
        for r in parts[name]:
            m = mask(r["question"])
            keep = [i for i, f in enumerate(full_frames) if f["masked"] != m.masked]
            index.vectors, index.frames = full_vectors[keep], [full_frames[i] for i in keep]
            vocab = meaning.vocabulary(index.frames) if len(keep) < len(full_frames) else full_vocab
            try:
                choice = meaning.nearest(m.masked, index)
                built = meaning.build(choice.kind, m, choice) if choice else None
                word = meaning.contrast(r["question"], choice.kind, vocab) if built else None
                if word:
                    built = None
                    if a.misses:
                        print(f"CONTRAST {word!r} {choice.kind}: {r['question'][:120]}")
            except ParseError:
                built = None
            index.vectors, index.frames = full_vectors, full_frames
            outcome = "none"
            got = None
            if built:
                ans = solver.solve(Query(built))
                got = None if ans.abstained else ans.value
                outcome = "none" if got is None else "right" if any(same_answer(got, g) for g in r["answers"]) else "wrong"
            rows.append((choice.similarity if choice else 0, choice.margin if choice else 0, outcome))
            if a.misses and outcome == "none":
                print(f"MISS {choice.kind if choice else '-'} {choice.similarity:.2f}/{choice.margin:.2f} "
                      f"{'built' if built else 'unbuilt'} {r['module']}: {r['question'][:140]}")
            if a.show and outcome == "wrong":
                print(f"WRONG {name} {r['id']} sim {choice.similarity:.3f} margin {choice.margin:.3f} {choice.kind}\n"
                      f"   {r['question']}\n   -> {built} = {got} | gold {r['answers'][0]}")
    solver.close()
    sims = np.array([x[0] for x in rows])
    margins = np.array([x[1] for x in rows])
    right = np.array([x[2] == "right" for x in rows])
    wrong = np.array([x[2] == "wrong" for x in rows])
    print(f"{len(rows)} rewordings; built and answered: right {right.sum()}, wrong {wrong.sum()}")
    for s in (0.6, 0.7, 0.75, 0.8, 0.85, 0.9):
        line = []
        for mg in (0.0, 0.02, 0.04, 0.05, 0.06, 0.08, 0.1):
            ok = (sims >= s) & (margins >= mg)
            line.append(f"m{mg:.2f}: {int((ok & right).sum())}/{int((ok & wrong).sum())}")
        print(f"sim >= {s:.2f}  " + "  ".join(line))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
