"""Fakes of the engine surface the CLI uses, and helpers to run the command."""

from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from reasoner.types import Answer, Cost, Evidence, Step

ROOT = Path(__file__).resolve().parents[2]


def make_answer(question: str) -> Answer:
    """Route by keyword, like a tiny controller: numbers -> math, 'manages' -> graph, else rag."""
    q = question.lower()
    if "unknown" in q:
        return Answer.abstain("I don't know: nothing supports an answer.", route="none", verdict="no route applies")
    if any(ch.isdigit() for ch in q):
        return Answer(
            text="15% of 2400 is **360**.", value="360", route="math", confidence=1.0, verified=True,
            verdict="checked by substitution", evidence=[Evidence("expression", "2400*15/100")],
            cost=Cost(wall_ms=3.2), steps=[Step("math", "solve", "2400*15/100", 1.0, "verified")],
        )
    if "manages" in q:
        who = question.split("manages")[-1].strip(" ?")
        return Answer(
            text=f"{who} is managed by Rafael Lindqvist.", value="Rafael Lindqvist", route="graph",
            confidence=0.95, verified=True, verdict="edge found",
            evidence=[Evidence("edge", f"{who}|manager|Rafael Lindqvist", source="org/org_chart.csv:8")],
            cost=Cost(wall_ms=12.0), steps=[Step("graph", "solve", f"manager of {who}", 0.95, "accepted")],
        )
    return Answer(
        text="New hires get **25 vacation days** per year.", value="25", route="rag", confidence=0.8,
        verified=True, verdict="grounded in 1 source",
        evidence=[Evidence("chunk", "c1", source="policies/leave.md", section="Vacation days",
                           text="New hires get 25 vacation days per calendar year.", score=0.91)],
        cost=Cost(wall_ms=1500.0, model_calls=1, tokens_in=700, tokens_out=12),
        steps=[Step("controller", "plan", "rag"), Step("rag", "solve", "3 chunks", 0.8, "grounded")],
    )


@dataclass
class FakeLedger:
    answers: list[Answer] = field(default_factory=list)

    @property
    def queries(self) -> int:
        return len(self.answers)

    def record(self, a: Answer) -> None:
        self.answers.append(a)

    def summary(self) -> dict[str, Any]:
        return {"queries": self.queries, "from_memory": sum(a.from_memory for a in self.answers),
                "tokens_out": sum(a.cost.tokens_out for a in self.answers), "avoided_tokens": 760}

    def rows(self) -> list[tuple[str, str]]:
        return [("questions", str(self.queries)), ("avoided vs retrieval+LLM", "760 tokens")]


class FakeMemory:
    def __init__(self) -> None:
        self.entries: dict[str, Answer] = {}

    def stats(self) -> dict[str, Any]:
        return {"entries": len(self.entries), "hits": 0}

    def clear(self) -> None:
        self.entries.clear()


@dataclass
class FakeReport:
    def rows(self) -> list[tuple[str, Any]]:
        return [("files added", 2), ("chunks embedded", 7), ("seconds", 0.25)]


class FakeReasoner:
    """Answers from ``make_answer``; streams words of rag answers to ``on_token``."""

    def __init__(self) -> None:
        self.ledger = FakeLedger()
        self.memory: FakeMemory | None = FakeMemory()
        self.closed = False
        self.indexed: list[Any] = []
        self.config = type("Cfg", (), {"kb_dir": Path("kb")})()
        self.token_hook = None  # a test can make tokens slow or raise

    def ask(self, question: str, *, route: str = "auto", use_memory: bool = True, on_token=None, on_step=None,
            history=()) -> Answer:
        if use_memory and self.memory is not None and question in self.memory.entries:
            a = self.memory.entries[question]
            a = Answer(a.text, a.value, "memory", confidence=1.0, verified=True, from_memory=True,
                       cost=Cost(wall_ms=1.0, cache_hits=1))
        else:
            a = make_answer(question)
            if route not in ("auto", a.route) and not a.abstained:
                a = Answer.abstain(f"The {route} route cannot answer.", route=route)
        for s in a.steps:
            if on_step:
                on_step(s)
        if a.route == "rag" and on_token:
            for i, w in enumerate(a.text.split(" ")):
                if self.token_hook:
                    self.token_hook(i)
                on_token(w if i == 0 else " " + w)
        if use_memory and self.memory is not None and a.verified and not a.from_memory:
            self.memory.entries[question] = a
        self.ledger.record(a)
        return a

    def conversation(self) -> FakeConversation:
        return FakeConversation(self)

    def index(self, kb_dir=None, *, progress=True) -> FakeReport:
        self.indexed.append(kb_dir)
        return FakeReport()

    def stats(self) -> dict[str, dict[str, Any]]:
        return {"index": {"chunks": 7, "sources": 2}, "session": self.ledger.summary()}

    def forget(self) -> None:
        if self.memory is not None:
            self.memory.clear()

    def warm(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True


class FakeConversation:
    """Resolves 'her' to the last answer's value, like the engine's Conversation."""

    def __init__(self, r: FakeReasoner) -> None:
        self.r = r
        self.turns: list[tuple[str, Answer]] = []
        self.last_resolved = ""

    def ask(self, question: str, **kw: Any) -> Answer:
        q = question
        if self.turns and " her" in q and self.turns[-1][1].value:
            q = q.replace(" her", " " + self.turns[-1][1].value).removeprefix("and ")
        self.last_resolved = q
        a = self.r.ask(q, **kw)
        if q != question:
            a.steps.insert(0, Step("conversation", "resolve", f"{question!r} -> {q!r}"))
        self.turns.append((q, a))
        return a


@pytest.fixture
def fake_reasoner() -> FakeReasoner:
    return FakeReasoner()


@pytest.fixture
def record_console():
    """A Console writing to a buffer; read it back with .file.getvalue()."""
    def make(terminal: bool = True, width: int = 100) -> Console:
        # A terminal (so Live and spinners run) without colours, so words stay contiguous.
        return Console(file=io.StringIO(), force_terminal=terminal, width=width, color_system=None,
                       highlight=False)
    return make


def cli_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """Environment for subprocess runs: fast fakes, offline, caches under tmp_path."""
    env = dict(os.environ)
    env.update(
        REASONER_EMBEDDER="hash", REASONER_LLM="fake", REASONER_CACHE=str(tmp_path / "cache"),
        HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false",
        PROMPT_TOOLKIT_NO_CPR="1", COLUMNS="120", TERM="xterm",
    )
    env.pop("REASONER_CONFIG", None)
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def env_for():
    """``env_for(tmp_path, **extra)``: the environment for a subprocess run of `reasoner`."""
    return cli_env


@pytest.fixture
def reasoner_bin() -> list[str]:
    """The command line that runs the installed console script's code with this interpreter."""
    return [sys.executable, "-m", "reasoner.cli.main"]
