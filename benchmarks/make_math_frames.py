"""Write reasoner/solvers/math/frames.jsonl: the masked request frames the meaning reader compares with.

Each frame is a question with its math objects masked (``objects.mask``), the parser's operation for it
(``parse_question(original).kind``) and, for operations whose operands are not interchangeable, which
object fills which slot (found by matching the objects with the parsed operands). Sources (development
data only; the validation sets s8-val and s9-val are never read):

- DeepMind interpolate questions 0-999 of every module (the canonical frames);
- the development rewordings: paraphrased_dev (both halves, no longer held out), own, own-val,
  fresh, s8-dev, s8-own, s8-late and s9-dev (their originals give the operation).

    PYTHONPATH=$PWD python benchmarks/make_math_frames.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEV_PARTS = ("dev", "val", "own", "own-val", "fresh", "s8-dev", "s8-own", "s8-late", "s9-dev")
OUT = ROOT / "reasoner" / "solvers" / "math" / "frames.jsonl"


# the object kinds that fill an operation's slots
_VALUES = ("num", "expr", "var", "basenum")
PER_KIND = 40  # DeepMind frames kept per operation: its few templates, with their variants


def _pairs(per_module: int) -> list[tuple[str, str, str]]:
    """(question, original) pairs: the DeepMind questions themselves, then the development rewordings."""
    from bench_math import DATA, reworded_parts

    out = []
    for path in sorted(DATA.glob("*.json")):
        for row in json.loads(path.read_text())[:per_module]:
            out.append((row["question"], row["question"], "dm"))
    parts = reworded_parts()
    for name in DEV_PARTS:
        out.extend((r["question"], r["original"], name) for r in parts.get(name, []))
    return out


def frame_of(question: str, original: str) -> dict | None:
    """The frame of a (question, original) pair: masked request, operation, slot order."""
    from reasoner.solvers.math.nlu import _normal, parse_question
    from reasoner.solvers.math.objects import mask
    from reasoner.solvers.math.requests import ORDERED

    problem = parse_question(original)
    m = mask(question)
    # the parser's normal form: "Suppose E. What is v?" is "Solve E for v"
    frame = {"masked": m.masked, "kind": _normal(problem)[0]}
    slots = ORDERED.get(problem.kind)
    if slots:
        values = [o for o in m.objects if o.kind in _VALUES]
        found = [_index_of(values, problem.args[s]) for s in slots]
        if None in found:
            return None
        frame["order"] = [slots[i] for i in sorted(range(len(slots)), key=lambda i: found[i])]
    return frame


def _index_of(values: list, node: object) -> int | None:
    from reasoner.errors import ParseError
    from reasoner.solvers.math import tree
    from reasoner.solvers.math.parser import parse

    want = tree.canonical(node)
    for i, o in enumerate(values):
        try:
            if tree.canonical(parse(o.text)) == want:
                return i
        except ParseError:
            continue
    return None


def main() -> int:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from reasoner.errors import ParseError

    seen: dict[str, dict] = {}
    per_kind: dict[str, int] = {}
    for question, original, source in _pairs(1000):
        try:
            frame = frame_of(question, original)
        except (ParseError, RecursionError):
            continue
        if frame is None:
            continue
        key = json.dumps(frame, sort_keys=True)
        if key in seen:
            continue
        if source == "dm":
            per_kind[frame["kind"]] = per_kind.get(frame["kind"], 0) + 1
            if per_kind[frame["kind"]] > PER_KIND:
                continue
        seen[key] = frame
    OUT.write_text("".join(json.dumps(f, sort_keys=True) + "\n" for f in seen.values()))
    print(f"{len(seen)} frames -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
