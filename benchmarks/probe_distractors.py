"""Development-only precision probes: an added sentence the answer must not depend on.

Usage:
    python benchmarks/probe_distractors.py              # ASDiv and MAWPS development parts
    python benchmarks/probe_distractors.py --show 20    # print the first 20 changed answers

Every development problem the story reader answers right is read again with one sentence added
just before its question. The right behaviour is the same answer or a decline; a changed answer is
a reading that took in what the story did not say about the asked quantity. Three kinds of sentence:

- ``apart``: an unrelated sentence with a number ("It rained for 3 days that month.", "The town has
  4 bridges.", "Quorin has 13 hats.", "Wren bought 9 cups.");
- ``holder``: a third person holds or gives away some of the asked noun ("Quorin has 7 cookies.",
  "Quorin gave away 7 cookies."), only for questions that ask about one holder (no "all", "total",
  "they", ...);
- ``tail``: the question gets an idle condition (", if the weather is fine?").
- ``named`` (with ``--named``, session 12): a third person with a name of known sex ("Maria", "Peter") has,
  gave away, bought or found some of the asked noun, after the story or after its first sentence; only for
  questions about one holder, and not where the story already has that name. A "she"/"he" later in the story
  may then mean the new person: a changed answer is a misreading or a story English leaves open, so these
  are read by hand, not counted as errors one by one.

The split is the one of ``benchmarks/wp_data.py``; this script refuses the validation part.
Only the story reader runs (in-process, exact); SymPy's cross-check does not change values.
"""

from __future__ import annotations

import argparse
import re
import sys
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import wp_data  # noqa: E402
from bench_word_problems import right  # noqa: E402

APART = ("It rained for 3 days that month.", "The town has 4 bridges.", "Quorin has 13 hats.", "Wren bought 9 cups.")
_ABOUT_ALL = re.compile(r"\b(all|total|altogether|together|combined|both|sum|they|their|we|us|our|each)\b", re.I)


def _answer(text: str) -> str | None:
    from reasoner.errors import ParseError
    from reasoner.solvers.math.story.answer import read_problem
    from reasoner.solvers.math.story.route import value_text

    try:
        return value_text(read_problem(text).value)
    except (ParseError, RecursionError, ZeroDivisionError):
        return None


def _unit(text: str) -> str:
    from reasoner.solvers.math.story.answer import read_problem
    from reasoner.solvers.math.story.route import plural

    found = read_problem(text)
    return plural(found.unit, Fraction(7)) if found.unit and " " not in found.unit else ""


def variants(text: str, named: bool = False) -> list[tuple[str, str]]:
    """(kind, text) pairs: the problem with one sentence added before its question."""
    parts = re.split(r"(?<=[.!?])\s+", text.strip())
    if len(parts) < 2:
        return []
    body, question = parts[:-1], parts[-1]
    out = [("apart", " ".join([*body, d, question])) for d in APART]
    if not _ABOUT_ALL.search(question):
        noun = _unit(text)
        if noun:
            out += [("holder", " ".join([*body, f"Quorin {verb} 7 {noun}.", question]))
                    for verb in ("has", "gave away")]
        if noun and named:
            for name in ("Maria", "Peter"):
                if name in text:
                    continue
                for verb in ("has", "gave away", "bought", "found"):
                    told = f"{name} {verb} 7 {noun}."
                    out.append(("named", " ".join([*body, told, question])))
                    if len(body) > 1 and not body[0].endswith(("Mr.", "Mrs.", "Ms.", "Dr.")):
                        out.append(("named", " ".join([body[0], told, *body[1:], question])))
    out.append(("tail", " ".join(body) + " " + question.rstrip("?") + ", if the weather is fine?"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", default="dev", choices=("dev",), help="development only")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--named", action="store_true", help="also a named third person of known sex (read by hand)")
    args = ap.parse_args()
    stats: dict[str, list[int]] = {}
    shown = 0
    for name in ("asdiv", "mawps"):
        for p in getattr(wp_data, name)(args.part):
            value = _answer(p.text)
            if value is None or not right(value, p.answers):
                continue
            for kind, text in variants(p.text, args.named):
                got = _answer(text)
                k = stats.setdefault(kind, [0, 0, 0])
                k[0] += 1
                k[1] += got is None
                if got is not None and got != value:
                    k[2] += 1
                    if shown < args.show:
                        shown += 1
                        print(f"[{kind}] {p.id} {value} -> {got}\n  {text}\n")
    for kind, (n, declined, changed) in stats.items():
        print(f"{kind:7s} tried {n:5d}  declined {declined:5d}  changed {changed:4d}")


if __name__ == "__main__":
    main()
