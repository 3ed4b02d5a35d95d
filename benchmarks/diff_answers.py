"""Diff the answers of two benchmark runs: did a change alter any answer?

Reads two outputs of the same questions and compares each question's value,
route and abstention. Accepted inputs:

- ``reasoner eval ... --json`` output (``{"rows": [...]}``),
- ``bench_mixed.py``'s ``results.json`` (``{"results": {mode: {"rows": [...]}}}``: every mode),
- JSON lines of rows (``bench_math.py --answers``, ``bench_metaqa.py --answers``).

    python benchmarks/diff_answers.py before.json after.json [--fields value,route,abstained] [--show 20]

Exit code 0 when every answer is the same, 1 when any differs or a question is missing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def rows_of(path: Path) -> dict[str, dict]:
    """Rows keyed by "<mode>/<id>" (mode "" outside bench_mixed); repeated ids get a running suffix."""
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = [json.loads(line) for line in text.splitlines() if line.strip()]
    groups: dict[str, list[dict]] = {}
    if isinstance(data, list):
        groups[""] = data
    elif "results" in data:
        groups = {mode: res["rows"] for mode, res in data["results"].items()}
    else:
        groups[""] = data["rows"]
    out: dict[str, dict] = {}
    for mode, rows in groups.items():
        for row in rows:
            key = f"{mode}/{row.get('id', '')}"
            n = 1
            while key in out:
                n += 1
                key = f"{mode}/{row.get('id', '')}#{n}"
            out[key] = row
    return out


def diff(before: dict[str, dict], after: dict[str, dict], fields: list[str]) -> list[str]:
    """One line per question whose fields differ, or that only one side has."""
    lines = []
    for key in sorted(set(before) | set(after)):
        a, b = before.get(key), after.get(key)
        if a is None or b is None:
            lines.append(f"{key}: only in {'after' if a is None else 'before'}")
            continue
        changed = [f for f in fields if a.get(f) != b.get(f)]
        if changed:
            what = "; ".join(f"{f}: {a.get(f)!r} -> {b.get(f)!r}" for f in changed)
            lines.append(f"{key} ({str(a.get('question', ''))[:70]!r}): {what}")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--fields", default="value,route,abstained")
    ap.add_argument("--show", type=int, default=20, help="differences to print")
    args = ap.parse_args()
    before, after = rows_of(args.before), rows_of(args.after)
    lines = diff(before, after, args.fields.split(","))
    for line in lines[: args.show]:
        print(line)
    if len(lines) > args.show:
        print(f"... and {len(lines) - args.show} more")
    print(f"{len(before)} vs {len(after)} answers; {len(lines)} differ")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
