"""Turn answers, steps, ledgers and reports into text and rich renderables.

Pure functions: they build strings or rich objects and never print, so tests
check them directly. The plain variants contain no markup and no ANSI codes.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.markdown import Markdown
from rich.table import Table
from rich.text import Text

from reasoner.types import Answer, Evidence, Step


def format_ms(ms: float | None) -> str:
    """Milliseconds as a short human duration: "4 ms", "1.24 s", "2 min 5 s"."""
    if ms is None or (isinstance(ms, float) and math.isnan(ms)):
        return "-"
    if ms < 1:
        return f"{ms:.2f} ms"
    if ms < 1000:
        return f"{ms:.0f} ms"
    if ms < 60_000:
        return f"{ms / 1000:.2f} s"
    minutes, seconds = divmod(round(ms / 1000), 60)
    return f"{minutes} min {seconds} s"


def format_value(value: Any) -> str:
    """A table cell: floats rounded, fractions in [0, 1] kept readable, None as "-"."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if math.isnan(value):
            return "-"
        if abs(value) >= 1e6:
            return f"{value:.3g}"
        if value.is_integer():
            return f"{int(value):,}"
        return f"{value:,.3f}".rstrip("0").rstrip(".")
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, (list, tuple, set)):
        return ", ".join(format_value(v) for v in value) or "-"
    return str(value)


def plural(n: int, word: str) -> str:
    """ "1 question", "2 questions"."""
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def one_line(text: str) -> str:
    """Collapse whitespace (newlines included) so an answer fits on one line."""
    return " ".join(str(text).split())


def verification_label(answer: Answer) -> str:
    """ "abstained", "verified", "check failed" or "unverified"."""
    if answer.abstained:
        return "abstained"
    if answer.verified is True:
        return "verified"
    if answer.verified is False:
        return "check failed"
    return "unverified"


def tokens_label(answer: Answer) -> str:
    """LLM tokens read and written: "0 tokens" or "812 in / 46 out tokens"."""
    c = answer.cost
    if not c.tokens_in and not c.tokens_out:
        return "0 tokens"
    return f"{c.tokens_in:,} in / {c.tokens_out:,} out tokens"


def badge_parts(answer: Answer) -> list[str]:
    """The pieces of the one-line badge shown under each answer."""
    parts = [answer.route, verification_label(answer), format_ms(answer.cost.wall_ms), tokens_label(answer)]
    parts.append("from memory" if answer.from_memory else "computed")
    if answer.budget_exhausted:
        parts.append("budget exhausted")
    return parts


def badge(answer: Answer) -> str:
    """Plain badge: "rag · verified · 1.24 s · 812 in / 46 out tokens · computed"."""
    return " · ".join(badge_parts(answer))


_BADGE_STYLES = {
    "verified": "green",
    "check failed": "red",
    "abstained": "yellow",
    "unverified": "dim",
    "from memory": "cyan",
    "budget exhausted": "red",
}


def badge_text(answer: Answer) -> Text:
    """The badge with colours for a terminal."""
    text = Text()
    for i, part in enumerate(badge_parts(answer)):
        if i:
            text.append(" · ", style="dim")
        style = "bold magenta" if i == 0 else _BADGE_STYLES.get(part, "dim")
        text.append(("✓ " if part == "verified" else "") + part, style=style)
    return text


def source_labels(evidence: Iterable[Evidence], limit: int = 5) -> list[str]:
    """Distinct "file > section" labels of the evidence, in order, at most ``limit``."""
    seen: list[str] = []
    for ev in evidence:
        if ev.kind not in ("chunk", "edge", "memory") and not ev.source:
            continue
        label = f"answer memory #{ev.ref}" if ev.kind == "memory" and not ev.source else ev.label()
        if label and label not in seen:
            seen.append(label)
    return seen[:limit]


def sources_line(answer: Answer, limit: int = 5) -> str:
    """ "sources: a.md > Leave; org.csv:12" or "" when there are none."""
    labels = source_labels(answer.evidence, limit)
    return "sources: " + "; ".join(labels) if labels else ""


def answer_markdown(answer: Answer) -> Markdown:
    return Markdown(answer.text or "(no answer)")


def plain_answer(answer: Answer) -> str:
    """An answer as one line of plain text (piped chat mode)."""
    return one_line(answer.text) or "(no answer)"


def steps_table(steps: Sequence[Step], title: str = "How this answer was reached") -> Table:
    """One row per controller step: route, action, detail, confidence, verdict, time."""
    table = Table(title=title, title_justify="left", show_lines=False)
    for col in ("#", "route", "action", "detail", "conf.", "verdict", "time"):
        table.add_column(col, overflow="fold", justify="right" if col in ("#", "conf.", "time") else "left")
    for i, s in enumerate(steps, 1):
        verdict = Text(s.error, style="red") if s.error else Text(s.verdict or "")
        conf = "-" if s.confidence is None else f"{s.confidence:.2f}"
        ms = format_ms(s.cost.wall_ms) if s.cost.wall_ms else "-"
        table.add_row(str(i), s.route, s.action, s.detail, conf, verdict, ms)
    return table


def steps_plain(steps: Sequence[Step]) -> list[str]:
    """Steps as plain lines: "1. math solve: 2+2 (conf 0.90) -> verified"."""
    lines = []
    for i, s in enumerate(steps, 1):
        line = f"{i}. {s.route} {s.action}"
        if s.detail:
            line += f": {one_line(s.detail)}"
        if s.confidence is not None:
            line += f" (conf {s.confidence:.2f})"
        if s.error:
            line += f" -> error: {one_line(s.error)}"
        elif s.verdict:
            line += f" -> {one_line(s.verdict)}"
        lines.append(line)
    return lines


def evidence_table(evidence: Sequence[Evidence], snippet: int = 160) -> Table:
    """The sources behind an answer with their score and a snippet."""
    table = Table(title="Sources", title_justify="left")
    for col in ("#", "kind", "source", "score", "text"):
        table.add_column(col, overflow="fold", justify="right" if col in ("#", "score") else "left")
    for i, ev in enumerate(evidence, 1):
        score = "-" if ev.score is None else f"{ev.score:.2f}"
        table.add_row(str(i), ev.kind, ev.label(), score, _snippet(ev.text or ev.ref, snippet))
    return table


def evidence_plain(evidence: Sequence[Evidence], snippet: int = 160) -> list[str]:
    lines = []
    for i, ev in enumerate(evidence, 1):
        score = "" if ev.score is None else f" ({ev.score:.2f})"
        lines.append(f"{i}. [{ev.kind}] {ev.label()}{score}: {_snippet(ev.text or ev.ref, snippet)}")
    return lines


def _snippet(text: str, n: int) -> str:
    text = one_line(text)
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def rows_table(rows: Iterable[tuple[str, Any]], title: str = "") -> Table:
    """A two-column label/value table (IndexReport.rows(), Ledger.rows())."""
    table = Table(title=title or None, title_justify="left", show_header=False)
    table.add_column("what", style="bold")
    table.add_column("value", justify="right", overflow="fold")
    for label, value in rows:
        table.add_row(str(label), format_value(value))
    return table


def rows_plain(rows: Iterable[tuple[str, Any]]) -> list[str]:
    return [f"{label}: {format_value(value)}" for label, value in rows]


def dict_rows(section: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """Flatten a (possibly nested) stats dict into label/value rows."""
    rows: list[tuple[str, Any]] = []
    for key, value in section.items():
        label = f"{prefix}{key}".replace("_", " ")
        if isinstance(value, Mapping):
            rows.extend(dict_rows(value, prefix=f"{prefix}{key}."))
        else:
            rows.append((label, value))
    return rows


def stats_tables(stats: Mapping[str, Mapping[str, Any]]) -> list[Table]:
    """One table per section of ``Reasoner.stats()``."""
    return [rows_table(dict_rows(section or {}), title=name) for name, section in stats.items()]


def eval_tables(report: Mapping[str, Any]) -> list[Table]:
    """Summary, per-kind and route-mix tables of ``EvalReport.to_dict()``."""
    tables = [rows_table(eval_summary_rows(report), title="Evaluation")]
    per_kind = report.get("per_kind") or {}
    if per_kind:
        t = Table(title="Per kind", title_justify="left")
        for col in ("kind", "n", "accuracy"):
            t.add_column(col, justify="left" if col == "kind" else "right")
        for kind, v in sorted(per_kind.items()):
            t.add_row(str(kind), format_value(v.get("n")), _pct(v.get("accuracy")))
        tables.append(t)
    routes = report.get("routes") or {}
    if routes:
        acc = report.get("route_accuracy") or {}
        t = Table(title="Route mix", title_justify="left")
        for col in ("route", "n", "share", "accuracy"):
            t.add_column(col, justify="left" if col == "route" else "right")
        total = sum(routes.values()) or 1
        for route, n in sorted(routes.items(), key=lambda kv: -kv[1]):
            t.add_row(str(route), format_value(n), _pct(n / total), _pct(_acc(acc.get(route))))
        tables.append(t)
    return tables


def _acc(v: Any) -> Any:
    return v.get("accuracy") if isinstance(v, Mapping) else v


def _pct(v: Any) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    return f"{100 * float(v):.1f}%"


def eval_summary_rows(report: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """Overall numbers of an eval report as label/value rows."""
    abst = report.get("abstention") or {}
    lat = report.get("latency_ms") or {}
    tok = report.get("tokens") or {}
    return [
        ("questions", report.get("n")),
        ("accuracy", _pct(report.get("accuracy"))),
        ("abstention precision", _pct(abst.get("precision"))),
        ("abstention recall", _pct(abst.get("recall"))),
        ("latency p50", format_ms(lat.get("p50"))),
        ("latency p95", format_ms(lat.get("p95"))),
        ("LLM tokens in", tok.get("in")),
        ("LLM tokens out", tok.get("out")),
        ("LLM calls", report.get("model_calls")),
        ("wall time", format_ms(1000 * float(report.get("wall_s") or 0.0))),
    ]


def eval_plain(report: Mapping[str, Any]) -> list[str]:
    """The eval report as plain lines (no tables), for logs."""
    lines = rows_plain(eval_summary_rows(report))
    for kind, v in sorted((report.get("per_kind") or {}).items()):
        lines.append(f"kind {kind}: {_pct(v.get('accuracy'))} of {v.get('n')}")
    for route, n in sorted((report.get("routes") or {}).items(), key=lambda kv: -kv[1]):
        lines.append(f"route {route}: {n}")
    return lines


def to_json(obj: Any) -> str:
    """JSON for scripts: dataclasses and paths become plain values."""
    return json.dumps(obj, indent=2, ensure_ascii=False, default=_json_default)


def _json_default(obj: Any) -> Any:
    import dataclasses

    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dataclasses.asdict(obj)
    if isinstance(obj, (set, frozenset)):
        return sorted(obj, key=str)
    if hasattr(obj, "tolist"):
        return obj.tolist()
    return str(obj)


def answer_dict(answer: Answer, question: str, resolved: str | None = None) -> dict[str, Any]:
    """``ask --json`` output: the Answer's fields plus the question (and its resolved form)."""
    out: dict[str, Any] = {"question": question}
    if resolved and resolved != question:
        out["resolved"] = resolved
    out.update(answer.to_dict())
    out["badge"] = badge(answer)
    return out
