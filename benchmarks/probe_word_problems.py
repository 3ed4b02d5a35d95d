"""Development-only precision probes for the story reader: new numbers, and a needed number removed.

Usage:
    python benchmarks/probe_word_problems.py                 # ASDiv development part
    python benchmarks/probe_word_problems.py --show 40       # print the first 40 wrong answers

The reader was written while reading the development half, so its development precision
(100%) says little about the errors it makes on unseen wording. These probes make new
development problems whose gold answers are known, without touching the validation half:

- ``renumber``: each number written in digits gets a new value (the same value everywhere it
  occurs), and ASDiv's own formula is evaluated with the new values. A reading that was right
  only by coincidence ("4 + 4" read where the formula is "2 * 4") now gives a wrong answer.
- ``drop``: a sentence outside the question holding a number the formula uses is removed. The
  story no longer states what the answer needs, so any answer is a reading that did not account
  for the story; the right behaviour is to decline.

Formulas are evaluated with a small AST walker over numbers and + - * / (never ``eval``).
Only the story reader is run (in-process, exact); SymPy's cross-check does not change values.
"""

from __future__ import annotations

import argparse
import ast
import operator
import random
import re
import sys
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import wp_data  # noqa: E402

_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
_NUM = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.]*\d)")


def formula_value(expr: str, values: dict[str, Fraction]) -> Fraction | None:
    """The formula's left side with numbers replaced by ``values`` (None when it is not plain arithmetic)."""
    try:
        tree = ast.parse(expr.split("=")[0].strip(), mode="eval").body
    except SyntaxError:
        return None

    def walk(node):
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            key = _key(str(node.value) if isinstance(node.value, int) else repr(node.value))
            return values.get(key, Fraction(str(node.value)))
        raise ValueError("not arithmetic")

    try:
        return walk(tree)
    except (ValueError, ZeroDivisionError):
        return None


def _key(text: str) -> str:
    return str(Fraction(text))


def renumbered(p, rng: random.Random) -> tuple[str, Fraction] | None:
    """The problem with new whole numbers and the formula's answer for them (positive, whole), or None."""
    found = _NUM.findall(p.text)
    olds = sorted({_key(x) for x in found if "." not in x}, key=lambda k: (-len(k), k))
    if not olds or any("." in x for x in found) or re.search(r"\d,\d", p.text):
        return None  # decimals and "11,354" are left alone
    in_formula = re.findall(r"\d+(?:\.\d+)?", p.formula.split("=")[0])
    if len(in_formula) > len(set(in_formula)) and not set(olds) <= {_key(x) for x in in_formula}:
        return None  # "8+8" for "2 pizzas of 8 slices": a product written as a sum, not renumberable
    for _ in range(30):
        new = {}
        for k in olds:
            v = int(Fraction(k))
            new[k] = Fraction(rng.randint(max(2, v // 2), 2 * v + 5))
        if len(set(new.values())) < len(new) or any(new[k] == Fraction(k) for k in new):
            continue
        value = formula_value(p.formula, new)
        if value is None:
            return None
        if value > 0 and value.denominator == 1:
            text = _NUM.sub(lambda m, new=new: str(new.get(_key(m.group()), m.group())), p.text)
            return text, value
    return None


def dropped(p) -> list[str]:
    """The problem without each sentence (before the question) that holds a number the formula uses."""
    used = {_key(x) for x in re.findall(r"\d+(?:\.\d+)?", p.formula.split("=")[0])}
    sentences = re.split(r"(?<=[.!?])\s+", p.text.strip())
    out = []
    for i, s in enumerate(sentences[:-1]):
        here = {_key(x) for x in _NUM.findall(s)}
        rest = {_key(x) for j, t in enumerate(sentences) if j != i for x in _NUM.findall(t)}
        if here & used and not (here & used) <= rest:
            out.append(" ".join(sentences[:i] + sentences[i + 1:]))
    return out


def read(text: str) -> Fraction | None:
    from reasoner.errors import ParseError
    from reasoner.solvers.math.story.answer import read_problem

    try:
        return read_problem(text).value
    except (ParseError, RecursionError, ZeroDivisionError):
        return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=3, help="renumbered copies per problem")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--part", default="dev", choices=("dev",), help="development only, by design")
    args = ap.parse_args()
    rng = random.Random(23)
    problems = wp_data.asdiv(args.part)
    wrong = []
    counts = {"renumber": [0, 0, 0], "drop": [0, 0, 0]}  # tried, answered, right
    for p in problems:
        for _ in range(args.copies):
            made = renumbered(p, rng)
            if made is None:
                break
            text, gold = made
            got = read(text)
            c = counts["renumber"]
            c[0] += 1
            if got is not None:
                c[1] += 1
                c[2] += got == gold
                if got != gold:
                    wrong.append(("renumber", p, text, gold, got))
        for text in dropped(p):
            got = read(text)
            c = counts["drop"]
            c[0] += 1
            if got is not None:
                c[1] += 1
                wrong.append(("drop", p, text, None, got))
    for name, (n, a, r) in counts.items():
        prec = f"{r / a:.1%}" if name == "renumber" and a else "-"
        print(f"{name:9s} tried {n:5d}  answered {a:5d}  right {r:5d}  precision {prec}")
    for how, p, text, gold, got in wrong[: args.show]:
        print(f"\n[{how}] {p.id} {p.kind} formula {p.formula} gold {gold} got {got}\n  {text}")


if __name__ == "__main__":
    main()
