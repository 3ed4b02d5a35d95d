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


def test_one_database_url_puts_the_memory_in_postgres(tmp_path, postgres_url, monkeypatch):
    """``REASONER_DATABASE_URL`` selects the shared memory: two Reasoners on different folders
    (two machines) serve each other's answers; unset, each keeps its own SQLite file."""
    from reasoner.engine import Reasoner

    monkeypatch.setenv("REASONER_DATABASE_URL", postgres_url)
    first = Reasoner(llm="fake", embedder="hash", cache_dir=tmp_path / "one")
    assert first.ask("What is 17 * 23?").value == "391"
    assert first.parts.memory.stats()["path"].startswith("postgresql://")
    first.parts.memory.put("Who founded the company?", "Ada")
    second = Reasoner(llm="fake", embedder="hash", cache_dir=tmp_path / "two")
    again = second.ask("what is 17*23")
    assert again.value == "391" and again.cost.cache_hits == 1  # the first one's subproblem
    assert second.parts.memory.get("who founded the company").answer.value == "Ada"
    first.close()
    second.close()
    assert not (tmp_path / "one" / "memory").exists()
    monkeypatch.delenv("REASONER_DATABASE_URL")
    third = Reasoner(llm="fake", embedder="hash", cache_dir=tmp_path / "three")
    assert third.ask("What is 17 * 23?").cost.cache_hits == 0 and (tmp_path / "three" / "memory").is_dir()
    third.close()


def test_a_database_url_must_be_postgresql():
    with pytest.raises(ConfigError, match="postgresql://"):
        Config(database_url="mysql://x")
    assert Config(database_url="").database_url is None
    assert "secret" not in repr(Config(database_url="postgresql://u:secret@db/reasoner"))
