"""The session's cost ledger: what was spent, by route, and what was avoided.

"Avoided" compares each answer with what answering it through retrieval + LLM
would have cost: the mean cost of the rag answers seen in this session, or a
prior measured on this machine until the session has seen one.
"""

from __future__ import annotations

import resource
import sys
from collections import Counter
from dataclasses import dataclass, field

from reasoner.types import Answer, Cost

# Retrieval + SmolLM2-135M on the sample KB, 2-core CPU: about 700 prompt tokens,
# 60 generated tokens, 6 s. Replaced by the session's own mean once rag has run.
RAG_PRIOR = Cost(wall_ms=6000.0, model_calls=1, tokens_in=700, tokens_out=60, flops=2 * 135e6 * 760)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


@dataclass
class Ledger:
    """Totals for one session of a Reasoner."""

    queries: int = 0
    by_route: Counter[str] = field(default_factory=Counter)
    from_memory: int = 0
    total: Cost = field(default_factory=Cost)
    rag_seen: Cost = field(default_factory=Cost)
    rag_count: int = 0
    avoided: Cost = field(default_factory=Cost)

    def baseline(self) -> Cost:
        """Expected cost of one question answered through retrieval + LLM."""
        if not self.rag_count:
            return RAG_PRIOR
        n = self.rag_count
        s = self.rag_seen
        return Cost(s.wall_ms / n, s.model_calls // n, s.tokens_in // n, s.tokens_out // n, 0, s.flops / n)

    def record(self, answer: Answer) -> None:
        """Add one answer to the totals."""
        self.queries += 1
        self.by_route[answer.route] += 1
        self.from_memory += int(answer.from_memory)
        self.total.add(answer.cost)
        if answer.route == "rag" and answer.cost.model_calls:
            self.rag_seen.add(answer.cost)
            self.rag_count += 1
            return
        base = self.baseline()
        self.avoided.wall_ms += max(base.wall_ms - answer.cost.wall_ms, 0.0)
        self.avoided.tokens_in += max(base.tokens_in - answer.cost.tokens_in, 0)
        self.avoided.tokens_out += max(base.tokens_out - answer.cost.tokens_out, 0)
        self.avoided.model_calls += max(base.model_calls - answer.cost.model_calls, 0)
        self.avoided.flops += max(base.flops - answer.cost.flops, 0.0)

    def summary(self) -> dict[str, object]:
        """Totals as plain data (for `/stats`, `reasoner stats` and --json)."""
        t, a = self.total, self.avoided
        return {
            "queries": self.queries,
            "by_route": dict(self.by_route),
            "from_memory": self.from_memory,
            "wall_ms": round(t.wall_ms, 1),
            "model_calls": t.model_calls,
            "tokens_in": t.tokens_in,
            "tokens_out": t.tokens_out,
            "flops": t.flops,
            "peak_rss_mb": round(peak_rss_mb(), 1),
            "avoided_ms": round(a.wall_ms, 1),
            "avoided_tokens": a.tokens_in + a.tokens_out,
            "avoided_model_calls": a.model_calls,
            "avoided_flops": a.flops,
        }

    def rows(self) -> list[tuple[str, str]]:
        """Label/value rows for a table."""
        s = self.summary()
        routes = ", ".join(f"{k} {v}" for k, v in sorted(self.by_route.items())) or "-"
        return [
            ("questions", str(s["queries"])),
            ("routes", routes),
            ("answered from memory", str(s["from_memory"])),
            ("wall time", f"{s['wall_ms'] / 1000:.2f} s"),
            ("LLM calls", str(s["model_calls"])),
            ("LLM tokens in / out", f"{s['tokens_in']} / {s['tokens_out']}"),
            ("estimated FLOPs", f"{s['flops']:.3g}"),
            ("peak memory", f"{s['peak_rss_mb']:.0f} MiB"),
            (
                "avoided vs retrieval+LLM",
                f"{s['avoided_tokens']} tokens, {s['avoided_model_calls']} LLM calls, "
                f"{s['avoided_ms'] / 1000:.1f} s, {s['avoided_flops']:.3g} FLOPs",
            ),
        ]
