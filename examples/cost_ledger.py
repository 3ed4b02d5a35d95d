"""The cost ledger: what each answer cost, and the compute that cheap routes and memory avoided.

    python examples/cost_ledger.py --index /tmp/ix
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reasoner import Reasoner

KB = Path(__file__).resolve().parent.parent / "kb"
QUESTIONS = [
    "What is 15% of 240?",
    "Who does the head of sales report to?",
    "How many vacation days per calendar year do new hires get?",
    "How many vacation days per calendar year do new hires get?",  # asked again: answered from memory
]


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--kb", default=str(KB))
    p.add_argument("--index", default="indexes")
    args = p.parse_args()

    r = Reasoner.build(args.kb, index_dir=args.index, progress=False)
    r.forget()  # start from an empty answer memory so the repeat is the only memory hit
    for q in QUESTIONS:
        a = r.ask(q)
        c = a.cost
        print(f"{a.route:>7}  {c.wall_ms:8.1f} ms  {c.model_calls} calls  {c.tokens_in:4d}/{c.tokens_out:<4d} tokens"
              f"  memory={a.from_memory}  {q}")
    print()
    for label, value in r.ledger.rows():
        print(f"{label:>26}: {value}")
    summary = r.ledger.summary()
    print(f"\nanswers from memory: {summary['from_memory']}, tokens avoided: {summary['avoided_tokens']}")
    r.close()


if __name__ == "__main__":
    main()
