"""Use reasoner as a library: build an index, ask one question per route, look at the answers.

    python examples/library.py                      # the sample KB, index in indexes/
    python examples/library.py --index /tmp/ix      # somewhere else
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reasoner import Reasoner

KB = Path(__file__).resolve().parent.parent / "kb"
QUESTIONS = [
    "What is 15% of 240?",  # exact arithmetic: the math route (SymPy), no model
    "Who does the head of sales report to?",  # the org chart as a graph: the graph route
    "How many vacation days per calendar year do new hires get?",  # retrieval + the small LLM: the rag route
]


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--kb", default=str(KB))
    p.add_argument("--index", default="indexes")
    args = p.parse_args()

    r = Reasoner.build(args.kb, index_dir=args.index, progress=False)  # incremental: fast the second time
    for q in QUESTIONS:
        a = r.ask(q)
        print(f"Q: {q}")
        print(f"A: {a.text}")
        print(f"   value={a.value!r} route={a.route} verified={a.verified} abstained={a.abstained}")
        print(f"   {a.cost.wall_ms:.0f} ms, {a.cost.tokens_out} LLM tokens out, from memory: {a.from_memory}")
        for ev in a.evidence[:3]:
            print(f"   source: {ev.label()}")
        for step in a.steps:
            print(f"   step: {step.route} {step.action} {step.detail[:60]} {step.verdict or ''}".rstrip())
    r.close()


if __name__ == "__main__":
    main()
