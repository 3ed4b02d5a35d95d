"""Word problems through the math route: precision, coverage, latency, and what it does to other questions.

Usage:
    python benchmarks/bench_word_problems.py                  # development parts of ASDiv and MAWPS
    python benchmarks/bench_word_problems.py --part val       # the validation parts (report once)
    python benchmarks/bench_word_problems.py --limit 100 --answers /tmp/wp.jsonl

Each problem goes through ``MathSolver.estimate`` and, when the estimate is at least
``controller.PLAUSIBLE``, ``MathSolver.solve`` (the real route: the question grammar first,
the story reader as its fallback, SymPy in the worker as the cross-check). A problem is
answered when the answer does not abstain; it is right when its value equals a gold answer
(relative tolerance 1e-4: MAWPS writes 1/3 as 0.3333333333); several gold values need all of them, a
name answer ("which team ...?") is scored by its words (``right``). The split rule is in
``benchmarks/wp_data.py``. Non-math questions (the KB and handbook dev sets, MetaQA dev) are
counted by the story reader's confidence against the controller's thresholds, with the
in-process answer to "2 + 3" as the latency baseline of the same run.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import defaultdict
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import wp_data  # noqa: E402

DATA = wp_data.DATA


def _number(text: str) -> float | None:
    try:
        return float(Fraction(text.strip().replace(",", "").replace("$", "")))
    except (ValueError, ZeroDivisionError):
        return None


def _same_number(v: float, g: float) -> bool:
    return abs(v - g) <= 1e-4 * max(1.0, abs(g))


_ARTICLES = frozenset({"the", "a", "an"})


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", re.sub(r"['’]s\b", "", text.lower())) if w not in _ARTICLES}


def _same_name(value: str, gold: str, text: str) -> bool:
    """A name answer names the gold: equal words, or the gold's own words (those its question does not say)
    are all in the answer and the answer adds only words of the story ("Cesar" for "Cesar's toothbrush" asked
    "Whose toothbrush is longer?"; "Richard's stew recipe" for "Richard's recipe")."""
    v, g, q = _words(value), _words(gold), _words(question_of(text))
    if v == g:
        return True
    return bool(g - q) and g - q <= v and v - g <= _words(text)


def right(value: str | None, answers: tuple[str, ...], text: str = "") -> bool:
    """The value equals a gold answer (numbers within a relative 1e-4; a name by ``_same_name``).

    Several gold values ("5 (dogs); 3 (cats)") ask for all of them: the answer must give as many values,
    each one a gold one ("8; 128"), in any order. One gold value asks for one value.
    """
    if value is None:
        return False
    numbers = [_number(g) for g in answers]
    if len(answers) > 1 and all(n is not None for n in numbers):
        given = [_number(p) for p in value.split(";")]
        if len(given) != len(numbers) or any(x is None for x in given):
            return False
        rest = list(numbers)
        for x in given:
            hit = next((g for g in rest if _same_number(x, g)), None)
            if hit is None:
                return False
            rest.remove(hit)
        return True
    v = _number(value)
    if v is None:
        return any(_same_name(value, g, text) for g in answers)
    return any(g is not None and _same_number(v, g) for g in numbers)


def question_of(text: str) -> str:
    """The question sentence: the last sentence of the text."""
    parts = [p for p in re.split(r"(?<=[.!?])\s+", text.strip()) if p]
    return parts[-1] if parts else text


def _pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))] if s else float("nan")


def run_set(solver, name: str, problems: list, answers_out) -> dict:
    """Answer every problem; returns the counts and the latencies."""
    from reasoner import controller
    from reasoner.types import Budget, Context, Query

    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    times, answered, correct = [], 0, 0
    for p in problems:
        t0 = time.perf_counter()
        est = solver.estimate(Query(p.text))
        ans = solver.solve(Query(p.text), Context(budget=Budget()), est) if est.confidence >= controller.PLAUSIBLE else None
        times.append((time.perf_counter() - t0) * 1000)
        stats = by_kind[p.kind]
        stats[0] += 1
        if ans is None or ans.abstained:
            continue
        ok = right(ans.value, p.answers, p.text)
        answered, correct = answered + 1, correct + ok
        stats[1] += 1
        stats[2] += ok
        if answers_out is not None:
            answers_out.write(json.dumps({"set": name, "id": p.id, "gold": p.answers, "value": ans.value,
                                          "right": ok, "text": ans.text}) + "\n")
    return {"n": len(problems), "answered": answered, "right": correct, "times": times, "by_kind": by_kind}


def report(name: str, part: str, r: dict) -> None:
    n, a, c = r["n"], r["answered"], r["right"]
    print(f"\n{name} ({part}): {n} problems, answered {a} (coverage {a / n:.1%}), right {c} "
          f"(precision {c / max(1, a):.1%}), accuracy over all {c / n:.1%}")
    t = r["times"]
    print(f"  latency per problem: p50 {_pct(t, 0.5):.2f} ms, p95 {_pct(t, 0.95):.2f} ms, max {max(t):.1f} ms, "
          f"over 2 s: {sum(x > 2000 for x in t)}")
    print(f"  {'type':24s} {'n':>5s} {'answered':>9s} {'right':>6s} {'coverage':>9s} {'precision':>10s}")
    for kind, (k_n, k_a, k_c) in sorted(r["by_kind"].items(), key=lambda kv: -kv[1][0]):
        prec = f"{k_c / k_a:.1%}" if k_a else "-"
        print(f"  {kind:24s} {k_n:5d} {k_a:9d} {k_c:6d} {k_a / k_n:9.1%} {prec:>10s}")


def other_questions() -> dict[str, list[str]]:
    """The non-math question sets (math-kind KB questions left out: they are math)."""
    out: dict[str, list[str]] = {}
    for name in ("sample_kb_dev", "handbook_dev"):
        path = ROOT / "benchmarks" / "data" / f"{name}.jsonl"
        if path.is_file():
            rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
            out[name] = [r["question"] for r in rows if r.get("kind") != "math"]
    metaqa = DATA.parent / "metaqa"
    for hop in (1, 2, 3):
        path = metaqa / f"{hop}-hop" / "qa_dev.txt"
        if path.is_file():
            lines = path.read_text().splitlines()
            out[f"metaqa-{hop}hop"] = [re.sub(r"[\[\]]", "", ln.split("\t")[0]) for ln in lines]
    return out


def non_math(solver) -> None:
    """Share of non-math questions whose math estimate comes from the story reader above the thresholds."""
    from reasoner import controller
    from reasoner.types import Query

    print("\nnon-math questions: story-reader confidence against the controller's thresholds")
    for name, questions in other_questions().items():
        conf = []
        for q in questions:
            est = solver.estimate(Query(q))
            conf.append(est.confidence if str(est.detail).startswith("word problem") else 0.0)
        hi = sum(c >= controller.CONFIDENT for c in conf)
        mid = sum(c >= controller.PLAUSIBLE for c in conf)
        print(f"  {name:16s} {len(conf):6d} questions; >= CONFIDENT ({controller.CONFIDENT}): {hi} "
              f"({hi / max(1, len(conf)):.2%}); >= PLAUSIBLE ({controller.PLAUSIBLE}): {mid} "
              f"({mid / max(1, len(conf)):.2%})")


def baseline_ms(solver) -> float:
    from reasoner.types import Query

    runs = []
    for _ in range(50):
        t0 = time.perf_counter()
        solver.solve(Query("2 + 3"), None, solver.estimate(Query("2 + 3")))
        runs.append((time.perf_counter() - t0) * 1000)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=("dev", "val"), default="dev")
    ap.add_argument("--sets", default="mawps,asdiv")
    ap.add_argument("--limit", type=int, default=0, help="at most this many problems per set (0: all)")
    ap.add_argument("--answers", help="write every answer as JSON lines here")
    ap.add_argument("--skip-other", action="store_true", help="do not measure the non-math questions")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} is not there")
        return
    from reasoner.solvers.math import MathSolver

    solver = MathSolver(timeout_s=2.0)
    solver.warm(wait=True)
    from reasoner.types import Query

    solver.estimate(Query("Sam has 3 apples. He gives 1 to Ann. How many does she have?"))  # load the lexicons
    out = open(args.answers, "w") if args.answers else None  # noqa: SIM115 - closed below
    try:
        print(f"baseline: in-process '2 + 3' p50 {baseline_ms(solver):.3f} ms (same run)")
        for name in args.sets.split(","):
            problems = getattr(wp_data, name)(args.part)
            if args.limit:
                problems = problems[: args.limit]
            report(name, args.part, run_set(solver, name, problems, out))
        if not args.skip_other:
            non_math(solver)
    finally:
        if out is not None:
            out.close()
        solver.close()


if __name__ == "__main__":
    main()
