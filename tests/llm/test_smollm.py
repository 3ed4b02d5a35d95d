"""Integration tests with the real SmolLM2-135M on both backends (loaded once per session)."""

import re
import threading

import pytest

from reasoner.llm.convert import cache_key, is_complete
from reasoner.llm.factory import bundled_gguf
from reasoner.llm.grammar import cited_answer_grammar

pytestmark = pytest.mark.slow

REFUSAL = "The knowledge base does not say."
MSGS = [
    {"role": "system", "content": "Answer using only the numbered sources and cite them like [1]."},
    {
        "role": "user",
        "content": "Sources:\n[1] Full-time employees earn 25 days of vacation each year.\n\n"
        "Question: How many vacation days do full-time employees earn?\nAnswer with a citation:",
    },
]


def test_default_backend_is_llamacpp_on_the_q8_copy(smollm, model_cache):
    from reasoner.llm.llamacpp import LlamaCppLLM
    from reasoner.llm.requant import q8_path

    assert isinstance(smollm, LlamaCppLLM) and smollm.params == 134_515_008
    assert smollm.options.weights == "q8_0" and smollm.name == "smollm2-135m-instruct-q8_0"
    assert q8_path(bundled_gguf(), model_cache).is_file()
    assert smollm.load_ms < 30_000  # the Q8_0 rewrite is seconds, once; then loads take about one


@pytest.mark.parametrize("backend", ["smollm", "smollm_hf"])
def test_short_grounded_generation_streams(backend, request):
    llm = request.getfixturevalue(backend)
    pieces = []
    g = llm.generate(MSGS, max_new_tokens=24, on_token=pieces.append)
    assert "25" in g.text
    assert 0 < g.tokens_out <= 24 and g.tokens_in > 20
    assert "".join(pieces).strip() == g.text
    assert g.ttft_ms is not None and 0 < g.ttft_ms <= g.ms and g.finish_reason in ("stop", "length")


@pytest.mark.parametrize("backend", ["smollm", "smollm_hf"])
def test_prefix_cache_reused_with_same_output(backend, request):
    llm = request.getfixturevalue(backend)
    first = llm.generate(MSGS, max_new_tokens=16)
    again = llm.generate(MSGS, max_new_tokens=16)
    assert again.cached_tokens >= first.tokens_in - 1
    assert again.text == first.text
    other = MSGS[:1] + [{"role": "user", "content": "Say hello."}]
    g = llm.generate(other, max_new_tokens=8)
    assert 0 < g.cached_tokens < g.tokens_in  # only the shared system prompt


@pytest.mark.parametrize("backend", ["smollm", "smollm_hf"])
def test_stop_string_cuts_output(backend, request):
    g = request.getfixturevalue(backend).generate(MSGS, max_new_tokens=24, stop=["25"])
    assert "25" not in g.text


def test_same_prompt_same_greedy_output_on_both_backends_mostly(smollm, smollm_hf):
    # Q4 kernels and fp32 de-quantised weights round differently; the prompt tokens must match
    a, b = smollm.generate(MSGS, max_new_tokens=12), smollm_hf.generate(MSGS, max_new_tokens=12)
    assert a.tokens_in == b.tokens_in and "25" in a.text and "25" in b.text


def test_grammar_forces_a_shown_citation(smollm):
    grammar = cited_answer_grammar(1, refusal=REFUSAL, max_chars=120)
    for question in ["How many vacation days do full-time employees earn?", "What colour is the office?"]:
        msgs = [MSGS[0], {"role": "user", "content": MSGS[1]["content"].replace(
            "How many vacation days do full-time employees earn?", question)}]  # fmt: skip
        g = smollm.generate(msgs, max_new_tokens=48, grammar=grammar)
        assert g.constrained
        assert g.text == REFUSAL or re.fullmatch(r"[^\[\]\n]+ (\[1\]){1,2}\.?", g.text), g.text


def test_sampling_with_a_seed_repeats(smollm):
    a = smollm.generate(MSGS, max_new_tokens=12, temperature=0.9, seed=7)
    b = smollm.generate(MSGS, max_new_tokens=12, temperature=0.9, seed=7)
    assert a.text == b.text


def test_concurrent_callers_get_the_outputs_they_would_get_alone(smollm):
    questions = [f"Say the number {n} in words." for n in (3, 11, 42)]
    msgs = [[{"role": "user", "content": q}] for q in questions]
    alone = [smollm.generate(m, max_new_tokens=10).text for m in msgs]
    together: dict[int, str] = {}

    def ask(i):
        together[i] = smollm.generate(msgs[i], max_new_tokens=10).text

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(len(msgs)) for _ in range(2)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert [together[i] for i in range(len(msgs))] == alone


def test_models_loaded_and_dropped_at_once_shut_down(model_cache):
    # a server destroyed before its loop started used to hang in its destructor
    from reasoner.llm import load_llm

    for _ in range(6):
        llm = load_llm("smollm2", cache_dir=model_cache, n_ctx=512)
        del llm


def test_context_overflow_is_model_error(smollm):
    from reasoner.errors import ModelError

    with pytest.raises(ModelError, match="context"):
        smollm.generate([{"role": "user", "content": "word " * 5000}], max_new_tokens=4)


def test_checkpoint_cached_after_conversion(smollm_hf, model_cache):
    assert is_complete(model_cache / "llm" / cache_key(bundled_gguf()))
    assert smollm_hf.params > 100_000_000


def test_local_hf_folder_spec_loads_the_converted_checkpoint(smollm_hf, model_cache):
    from reasoner.llm import load_llm

    folder = model_cache / "llm" / cache_key(bundled_gguf())
    llm = load_llm(str(folder), cache_dir=model_cache)
    assert llm.params == smollm_hf.params and llm.load_ms < 30_000
    g = llm.generate(MSGS, max_new_tokens=8)
    assert g.tokens_out > 0 and g.text
