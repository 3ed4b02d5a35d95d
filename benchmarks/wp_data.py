"""Word-problem data sets (ASDiv, MAWPS, fresh12, blind12) and their fixed development / validation split.

The split is fixed before any reading was written, so validation numbers are honest:

- ASDiv: problems in blocks of ten consecutive ids (``nluds-0001``..``0010`` is block 0);
  even blocks are development, odd blocks validation. Neighbouring ids often share a
  template, so blocks keep a template's variants on one side more often than id parity would.
- MAWPS (``test.jsonl``, the union of AddSub, SingleOp, SingleEq and MultiArith):
  duplicates (same letters and digits) are dropped, then a problem goes to development when
  the first byte of sha256("wp-split:" + its numbers and target) is even. Keying on the
  numbers puts the near-duplicate rewordings the four sets share on the same side.
"""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "word_problems"
if not DATA.exists():
    DATA = Path("/work/shared/data/word_problems")


@dataclass(frozen=True)
class WordProblem:
    """One problem: its text, the gold answer(s) as text, and where it came from."""

    id: str
    text: str
    answers: tuple[str, ...]
    kind: str  # ASDiv solution type, or the MAWPS subset
    part: str  # "dev" or "val"
    formula: str = ""


def _asdiv_answers(raw: str) -> tuple[str, ...]:
    """ "9 (apples)" -> ("9",); "5 (dogs); 3 (cats)" -> both; "3:4" kept as text."""
    out = []
    for piece in raw.split(";"):
        value = re.sub(r"\(.*?\)", "", piece).strip()
        if value:
            out.append(value)
    return tuple(out)


def asdiv(part: str | None = None) -> list[WordProblem]:
    """ASDiv problems (body and question joined), optionally one part of the split."""
    root = ET.parse(DATA / "ASDiv.xml").getroot()
    out = []
    for p in root.iter("Problem"):
        pid = p.get("ID", "")
        n = int(pid.split("-")[1])
        side = "dev" if ((n - 1) // 10) % 2 == 0 else "val"
        body = (p.findtext("Body") or "").strip()
        question = (p.findtext("Question") or "").strip()
        text = f"{body} {question}".strip()
        answers = _asdiv_answers(p.findtext("Answer") or "")
        kind = (p.findtext("Solution-Type") or "").strip()
        out.append(WordProblem(pid, text, answers, kind, side, (p.findtext("Formula") or "").strip()))
    return [w for w in out if part is None or w.part == part]


def _mawps_side(text: str, target: float) -> str:
    numbers = " ".join(re.findall(r"\d+(?:\.\d+)?", text))
    digest = hashlib.sha256(f"wp-split:{numbers}|{target:g}".encode()).digest()
    return "dev" if digest[0] % 2 == 0 else "val"


def _number_text(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def mawps(part: str | None = None) -> list[WordProblem]:
    """MAWPS problems (deduplicated), optionally one part of the split."""
    seen: set[str] = set()
    out = []
    for line in (DATA / "test.jsonl").read_text().splitlines():
        row = json.loads(line)
        norm = re.sub(r"[^a-z0-9]", "", row["input"].lower())
        if norm in seen:
            continue
        seen.add(norm)
        side = _mawps_side(row["input"], float(row["target"]))
        pid = f"{row['type']}-{row['idx']}"
        out.append(WordProblem(pid, row["input"], (_number_text(row["target"]),), row["type"], side))
    return [w for w in out if part is None or w.part == part]


FRESH12 = ROOT / "benchmarks" / "data" / "wp_fresh12.jsonl"
BLIND12 = ROOT / "benchmarks" / "data" / "wp_blind12.jsonl"
BLIND13 = ROOT / "benchmarks" / "data" / "wp_blind13.jsonl"


def _hand_written(path: Path) -> list[WordProblem]:
    out = []
    for line in path.read_text().splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        out.append(WordProblem(row["id"], row["input"], (_number_text(row["target"]),), row["kind"], "dev",
                               row.get("equation", "")))
    return out


def fresh12(part: str | None = None) -> list[WordProblem]:
    """120 hand-written problems by an author who read no code: the lead's blind set of session 12,
    released as development data in round 2 (``benchmarks/data/wp_fresh12.jsonl``). Kind is the author's
    label (addsub, muldiv, multistep, ...). It has no split: ``part`` is ignored, every problem is
    development data now."""
    return _hand_written(FRESH12)


def blind12(part: str | None = None) -> list[WordProblem]:
    """100 more hand-written problems (``benchmarks/data/wp_blind12.jsonl``), by another author who read no
    code, written in session 12's round 2 and measured blind (session start, round 1, final: three looks,
    wrong answers not read). Development data from session 13 on; ``part`` is ignored."""
    return _hand_written(BLIND12)


def blind13(part: str | None = None) -> list[WordProblem]:
    """100 more hand-written problems (``benchmarks/data/wp_blind13.jsonl``), by an author who read no code,
    written at the start of session 13 and measured blind twice (session start, end; wrong answers not read).
    Development data from session 14 on; ``part`` is ignored."""
    return _hand_written(BLIND13)
