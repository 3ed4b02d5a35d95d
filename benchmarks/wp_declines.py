"""Development declines of the story reader, grouped by the construction of English behind them.

Usage:
    python benchmarks/wp_declines.py               # counts per construction, MAWPS and ASDiv development parts
    python benchmarks/wp_declines.py --show 'ratio'  # also the declined problems of the groups whose name has it
    python benchmarks/wp_declines.py --kinds        # declines left after the route's new kinds too

Each declined development problem (in-process ``read_problem``, as ``probe_distractors.py``) goes to the first
group, in the order below, whose cue words its text has (the question alone for the first group). A rough
grouping for choosing what to read next, not a parse. The script refuses the validation part.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import wp_data  # noqa: E402

GROUPS = [
    ("question asks no quantity (which/who/what time/find)", r"^(which|who|whose|what time|what place|when|where|find|"
     r"determine|what are|what number|does|is|in which|on which|during which)\b"),
    ("geometry", r"\b(area|perimeter|square (feet|meters|inches|centimeters|units)|rectangle|rectangular|triangle|"
     r"circle|diameter|radius)\b"),
    ("ratio / n out of m", r"\bratio\b|\d+ out of \d+|\d:\d"),
    ("sequence: if this pattern continues", r"\bpattern\b"),
    ("algebra (a number, ages, consecutive)", r"\b(a certain number|consecutive|years old|years ago|the number is|"
     r"a number)\b"),
    ("estimate: about / approximately", r"\b(about|approximately|estimate|round)\b"),
    ("fractions / decimals / percent", r"\d\.\d|%|\bpercent\b|\bhalf\b|\bthird\b|\bquarter of\b"),
    ("negation / complement", r"n't\b|\bnot\b|\bonly \d+ of\b|\bbad\b|\bextra\b"),
    ("one ... the other / first ... second", r"\bthe other\b|\bthe first\b.*\bthe second\b"),
    ("comparison: more/less than, times as", r"\b(more|less|fewer) \w* ?than\b|\btimes (as|more|longer|larger)\b|"
     r"\b\w+er than\b|\bas many\b"),
    ("how many more / left to reach a goal", r"\bhow (many|much) more\b|\bneed(s|ed)? to\b|\bstill\b"),
    ("rates each/per/every, division into containers", r"\b(each|per|every|an hour|a day|a week)\b"),
    ("equal sharing", r"\b(equally|equal|split|divided|share|shared)\b"),
    ("money / prices", r"\$|\bdollars?\b|\bcents?\b"),
    ("units / measures", r"\b(inches|feet|miles|pounds|hours|minutes|gallons|cups|liters|meters|cm|km|grams|ounces)\b"),
]
OTHER = "other: changes of holder, kinds, multi-step"


def group_of(text: str) -> str:
    """The construction group of a problem's text (the first whose cue words it has)."""
    low = text.lower()
    question = re.split(r"(?<=[.!?])\s+", low.strip())[-1]
    for k, (name, pattern) in enumerate(GROUPS):
        if re.search(pattern, question if k == 0 else low):
            return name
    return OTHER


def declined(text: str, kinds: bool = False) -> str | None:
    """The reader's reason for declining, or None when it answers (``kinds``: the route's new kinds tried after it)."""
    from reasoner.errors import ParseError
    from reasoner.solvers.math.story.answer import read_problem
    from reasoner.solvers.math.story.kinds_more import read_more

    try:
        read_problem(text)
    except (ParseError, RecursionError, ZeroDivisionError) as exc:
        if not kinds:
            return str(exc)
        try:
            read_more(text)
        except (ParseError, RecursionError, ZeroDivisionError):
            return str(exc)
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", default="dev", choices=("dev",), help="development only, by design")
    ap.add_argument("--show", default="", help="print the problems of the groups whose name contains this")
    ap.add_argument("--kinds", action="store_true", help="also try the route's new kinds (story/kinds_more.py)")
    args = ap.parse_args()
    for name in ("mawps", "asdiv"):
        counts: Counter[str] = Counter()
        for p in getattr(wp_data, name)(args.part):
            why = declined(p.text, args.kinds)
            if why is None:
                continue
            group = group_of(p.text)
            counts[group] += 1
            if args.show and args.show in group:
                print(f"  [{group}] {p.id} ({why[:60]})\n    {p.text}")
        print(f"{name} {args.part} declines: {sum(counts.values())}")
        for group, n in counts.most_common():
            print(f"  {n:5d}  {group}")


if __name__ == "__main__":
    main()
