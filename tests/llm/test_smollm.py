"""Integration tests with the real SmolLM2-135M (loaded once per session by tests/conftest.py)."""

import pytest

from reasoner.llm.convert import cache_key, is_complete
from reasoner.llm.factory import bundled_gguf

pytestmark = pytest.mark.slow

MSGS = [
    {"role": "system", "content": "Answer using only the numbered sources and cite them like [1]."},
    {
        "role": "user",
        "content": "Sources:\n[1] Full-time employees earn 25 days of vacation each year.\n\n"
        "Question: How many vacation days do full-time employees earn?\nAnswer with a citation:",
    },
]


def test_checkpoint_cached_after_conversion(smollm, model_cache):
    assert is_complete(model_cache / "llm" / cache_key(bundled_gguf()))
    assert smollm.params > 100_000_000


def test_short_grounded_generation_streams(smollm):
    pieces = []
    g = smollm.generate(MSGS, max_new_tokens=24, on_token=pieces.append)
    assert "25" in g.text
    assert 0 < g.tokens_out <= 24 and g.tokens_in > 20
    assert "".join(pieces).strip() == g.text
    assert g.ttft_ms is not None and 0 < g.ttft_ms <= g.ms


def test_prefix_cache_reused_with_same_output(smollm):
    first = smollm.generate(MSGS, max_new_tokens=16)
    again = smollm.generate(MSGS, max_new_tokens=16)
    assert again.cached_tokens >= first.tokens_in - 1
    assert again.text == first.text
    other = MSGS[:1] + [{"role": "user", "content": "Say hello."}]
    g = smollm.generate(other, max_new_tokens=8)
    assert 0 < g.cached_tokens < g.tokens_in  # only the shared system prompt


def test_stop_string_cuts_output(smollm):
    g = smollm.generate(MSGS, max_new_tokens=24, stop=["25"])
    assert "25" not in g.text


def test_local_hf_folder_spec_loads_the_converted_checkpoint(smollm, model_cache):
    from reasoner.llm import load_llm

    folder = model_cache / "llm" / cache_key(bundled_gguf())
    llm = load_llm(str(folder), cache_dir=model_cache)
    assert llm.params == smollm.params and llm.load_ms < 30_000
    g = llm.generate(MSGS, max_new_tokens=8)
    assert g.tokens_out > 0 and g.text
