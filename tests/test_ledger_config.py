"""The cost ledger and the Config loader."""

import pytest

from reasoner.config import Config
from reasoner.errors import ConfigError
from reasoner.ledger import RAG_PRIOR, Ledger
from reasoner.types import Answer, Cost


def test_ledger_counts_avoided_compute_against_the_rag_baseline():
    led = Ledger()
    led.record(Answer("4", value="4", route="math", cost=Cost(wall_ms=5)))
    assert led.avoided.tokens_out == RAG_PRIOR.tokens_out
    led.record(Answer("x", route="rag", cost=Cost(wall_ms=1000, model_calls=1, tokens_in=100, tokens_out=10)))
    assert led.baseline().tokens_in == 100  # the session's own rag mean replaces the prior
    led.record(Answer("y", route="memory", from_memory=True, cost=Cost(wall_ms=2, cache_hits=1)))
    s = led.summary()
    assert s["queries"] == 3 and s["from_memory"] == 1 and s["by_route"] == {"math": 1, "rag": 1, "memory": 1}
    assert s["tokens_in"] == 100 and s["avoided_tokens"] == RAG_PRIOR.tokens_in + RAG_PRIOR.tokens_out + 110
    assert any(label == "avoided vs retrieval+LLM" for label, _ in led.rows())


def test_config_from_toml_env_and_overrides(tmp_path, monkeypatch):
    toml = tmp_path / "reasoner.toml"
    toml.write_text('embedder = "hash"\nmax_tokens = 64\n')
    monkeypatch.setenv("REASONER_SAMPLES", "5")
    cfg = Config.load(toml, max_tokens=32)
    assert (cfg.embedder, cfg.max_tokens, cfg.samples) == ("hash", 32, 5)


def test_config_errors_are_one_clear_line(tmp_path, monkeypatch):
    bad = tmp_path / "bad.toml"
    bad.write_text("max_tokens = \n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        Config.load(bad)
    with pytest.raises(ConfigError, match="unknown setting"):
        Config.load(tmp_path / "none.toml", colour="red")
    monkeypatch.setenv("REASONER_MAX_TOKENS", "lots")
    with pytest.raises(ConfigError, match="not a number"):
        Config.load(tmp_path / "none.toml")
