"""Parts made from a Config: registries by name and dotted path, solvers per route, rebuilds."""

from __future__ import annotations

import pytest

from reasoner.config import Config
from reasoner.errors import ConfigError, ModelError
from reasoner.factory import SOLVERS, Parts
from reasoner.registry import Registry
from reasoner.retrieval.embedder import HashEmbedder, load_embedder
from reasoner.types import Answer, Context, Estimate, Query


def test_registry_resolves_names_then_dotted_paths():
    reg: Registry = Registry("thing")

    @reg.register("one")
    def one() -> int:
        return 1

    assert reg.resolve("one")() == 1 and "one" in reg and reg.names() == ("one",)
    assert reg.resolve("math:sqrt")(9) == 3.0
    assert reg.resolve("os.path.join")("a", "b") == "a/b"
    with pytest.raises(ConfigError, match="unknown thing 'two': choose one of one"):
        reg.resolve("two")
    with pytest.raises(ConfigError, match="cannot be imported"):
        reg.resolve("no_such_module_xyz:f")
    with pytest.raises(ConfigError, match="not callable"):
        reg.resolve("math:pi")


def small_hash_embedder(cache_dir=None) -> HashEmbedder:
    return HashEmbedder(dim=8)


def test_embedders_come_from_their_registry():
    assert isinstance(load_embedder("hash"), HashEmbedder)
    assert load_embedder(f"{__name__}:small_hash_embedder").dim == 8
    with pytest.raises(ModelError, match="unknown embedder 'nope'"):
        load_embedder("nope")


def test_routes_without_a_knowledge_base(tmp_path):
    parts = Parts(Config(cache_dir=tmp_path, embedder="hash", llm="fake"), has_kb=False)
    assert list(parts.solvers) == ["memory", "math", "closed-book"]
    assert parts.index is None and parts.graph is None
    parts.close()


def test_memory_off_means_no_memory_route(tmp_path):
    parts = Parts(Config(cache_dir=tmp_path, embedder="hash", llm="fake", memory=False), has_kb=False)
    assert "memory" not in parts.solvers and parts.memory is None and parts.subproblems is None
    parts.close()


class EchoSolver:
    """A user's own math route: answers every question with its length."""

    name = "math"

    def estimate(self, query: Query, ctx: Context) -> Estimate:
        return Estimate(self.name, 0.9)

    def solve(self, query: Query, ctx: Context, estimate: Estimate | None = None) -> Answer:
        return Answer(str(len(query.text)), value=str(len(query.text)), route=self.name, verified=True,
                      confidence=0.9)  # fmt: skip


def build_echo(parts: Parts) -> EchoSolver:
    return EchoSolver()


def test_a_route_can_come_from_a_dotted_path(tmp_path):
    from reasoner.engine import Reasoner

    r = Reasoner(cache_dir=tmp_path, embedder="hash", llm="fake", solvers={"math": f"{__name__}:build_echo"},
                 memory=False)  # fmt: skip
    assert isinstance(r.parts.solvers["math"], EchoSolver)
    assert r.ask("What is 2 + 2?").value == "14"
    assert "math" in SOLVERS and "rag-baseline" in SOLVERS


def test_the_callers_config_and_budget_are_not_changed(tmp_path):
    from reasoner.engine import Reasoner
    from reasoner.types import Budget

    cfg = Config(cache_dir=tmp_path, embedder="hash", llm="fake", effort="auto")
    r = Reasoner(cfg, llm="fake")
    budget = Budget(max_tokens=16)
    r.ask("What is 3 + 4?", budget=budget, on_token=lambda t: None)
    assert cfg.llm == "fake" and budget.on_token is None and budget.effort == "low"
    r.close()
