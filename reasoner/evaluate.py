"""Evaluation files, answer scoring and metrics for `reasoner eval` and the benchmarks.

An evaluation file holds JSON lines ``{"id": "...", "question": "...",
"answers": ["...", ...], "kind": "..."}`` (``id`` and ``kind`` optional).
``"answers": []`` marks a question the system should decline: it is scored
correct only when the answer abstains.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from reasoner.errors import ConfigError
from reasoner.text.numbers import parse_number
from reasoner.types import Answer

_YES = {"yes", "true"}
_NO = {"no", "false"}


@dataclass(frozen=True)
class EvalItem:
    """One question of an evaluation file."""

    id: str
    question: str
    answers: tuple[str, ...]
    kind: str = ""

    @property
    def should_abstain(self) -> bool:
        return not self.answers


def load_eval(path: str | Path) -> list[EvalItem]:
    """Read an evaluation file; a malformed line raises ConfigError naming the line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read evaluation file {path}: {exc}") from exc
    items = []
    for n, line in enumerate(lines, 1):
        if line.strip():
            items.append(_parse_item(line, n, path))
    return items


def _parse_item(line: str, n: int, path: Path) -> EvalItem:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}:{n}: not valid JSON ({exc.msg})") from exc
    if not isinstance(obj, dict) or not isinstance(obj.get("question"), str):
        raise ConfigError(f'{path}:{n}: needs a "question" string')
    answers = obj.get("answers", [])
    if not isinstance(answers, list) or not all(isinstance(a, (str, int, float)) for a in answers):
        raise ConfigError(f'{path}:{n}: "answers" must be a list of strings')
    return EvalItem(
        id=str(obj.get("id", n)),
        question=obj["question"],
        answers=tuple(str(a) for a in answers),
        kind=str(obj.get("kind", "")),
    )


def normalise(text: str) -> str:
    """Lower case, accents folded, punctuation dropped, spaces collapsed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^\w\s.%/-]", " ", text)
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", text)  # keep only decimal points
    return " ".join(text.split())


def _symbolic_equal(gold: str, value: str) -> bool | None:
    """True/False when both parse as expressions with symbols, None when not applicable."""
    try:
        from reasoner.solvers.math import parse_expression  # safe, whitelisted parser
    except ImportError:
        return None
    try:
        g, v = parse_expression(gold), parse_expression(value)
    except Exception:  # noqa: BLE001 - an unparseable answer is simply not symbolic
        return None
    if not getattr(g, "free_symbols", None):
        return None
    import sympy

    try:
        return bool(sympy.simplify(g - v) == 0)
    except Exception:  # noqa: BLE001
        return False


def matches(gold: str, answer: Answer) -> bool:
    """Whether one gold answer matches ``answer`` under the documented scoring rules."""
    if answer.abstained:
        return False
    value = answer.value
    g = gold.strip()
    gnum = parse_number(g)
    if gnum is not None:
        return value is not None and parse_number(value) == gnum
    gl = g.lower()
    if gl in _YES | _NO:
        probe = (value or answer.text).strip().lower()
        first = re.split(r"\W+", probe, maxsplit=1)[0] if probe else ""
        return first in (_YES if gl in _YES else _NO)
    if value is not None and re.search(r"[a-z]", g) and re.search(r"[*^+\-/()]|\d", g):
        sym = _symbolic_equal(g, value)
        if sym is not None:
            return sym
    ng = normalise(g)
    return bool(ng) and (ng in normalise(value or "") or ng in normalise(answer.text))


def is_correct(item: EvalItem, answer: Answer) -> bool:
    """Correct: abstained on a question to decline, or any gold answer matches."""
    if item.should_abstain:
        return answer.abstained
    return any(matches(g, answer) for g in item.answers)


class Asker(Protocol):
    def ask(self, question: str, **kw: Any) -> Answer: ...


@dataclass
class EvalReport:
    """Per-question rows and the metrics computed from them."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    wall_s: float = 0.0

    def to_dict(self, *, with_rows: bool = True) -> dict[str, Any]:
        rows = self.rows
        out: dict[str, Any] = {
            "n": len(rows),
            "accuracy": _mean(r["correct"] for r in rows),
            "per_kind": _group_accuracy(rows, "kind"),
            "abstention": _abstention(rows),
            "routes": dict(Counter(r["route"] for r in rows)),
            "route_accuracy": {k: v["accuracy"] for k, v in _group_accuracy(rows, "route").items()},
            "latency_ms": {
                "p50": percentile([r["ms"] for r in rows], 50),
                "p95": percentile([r["ms"] for r in rows], 95),
            },
            "tokens": {"in": sum(r["tokens_in"] for r in rows), "out": sum(r["tokens_out"] for r in rows)},
            "model_calls": sum(r["model_calls"] for r in rows),
            "flops": sum(r["flops"] for r in rows),
            "wall_s": round(self.wall_s, 3),
        }
        if with_rows:
            out["rows"] = rows
        return out


def _mean(values: Iterable[float]) -> float:
    vals = list(values)
    return round(sum(vals) / len(vals), 4) if vals else 0.0


def _group_accuracy(rows: list[dict[str, Any]], key: str) -> dict[str, dict[str, float]]:
    groups: dict[str, list[bool]] = {}
    for r in rows:
        groups.setdefault(r[key] or "-", []).append(r["correct"])
    return {k: {"n": len(v), "accuracy": _mean(v)} for k, v in sorted(groups.items())}


def _abstention(rows: list[dict[str, Any]]) -> dict[str, float | None]:
    abstained = [r for r in rows if r["abstained"]]
    should = [r for r in rows if r["should_abstain"]]
    tp = sum(1 for r in abstained if r["should_abstain"])
    return {
        "precision": round(tp / len(abstained), 4) if abstained else None,
        "recall": round(tp / len(should), 4) if should else None,
        "abstained": len(abstained),
        "should_abstain": len(should),
    }


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile by linear interpolation (0.0 for no values)."""
    if not values:
        return 0.0
    vals = sorted(values)
    pos = (len(vals) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(vals) - 1)
    return round(vals[lo] + (vals[hi] - vals[lo]) * (pos - lo), 3)


def score_row(item: EvalItem, answer: Answer, ms: float) -> dict[str, Any]:
    """One per-question row of a report."""
    return {
        "id": item.id,
        "kind": item.kind,
        "question": item.question,
        "answers": list(item.answers),
        "value": answer.value,
        "text": answer.text[:500],
        "route": answer.route,
        "abstained": answer.abstained,
        "should_abstain": item.should_abstain,
        "verified": answer.verified,
        "from_memory": answer.from_memory,
        "correct": is_correct(item, answer),
        "ms": round(ms, 3),
        "tokens_in": answer.cost.tokens_in,
        "tokens_out": answer.cost.tokens_out,
        "model_calls": answer.cost.model_calls,
        "flops": answer.cost.flops,
    }


def run_eval(
    reasoner: Asker,
    items: list[EvalItem],
    *,
    route: str = "auto",
    use_memory: bool = True,
    limit: int | None = None,
    on_result: Callable[[dict[str, Any]], None] | None = None,
) -> EvalReport:
    """Ask every question (in order) and score the answers."""
    report = EvalReport()
    t_start = time.perf_counter()
    for item in items[:limit] if limit else items:
        t0 = time.perf_counter()
        answer = reasoner.ask(item.question, route=route, use_memory=use_memory)
        row = score_row(item, answer, (time.perf_counter() - t0) * 1e3)
        report.rows.append(row)
        if on_result:
            on_result(row)
    report.wall_s = time.perf_counter() - t_start
    return report
