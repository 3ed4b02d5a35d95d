"""The llama.cpp backend without a model: request building, stream handling, errors, options."""

import threading

import pytest

from reasoner.errors import ModelError
from reasoner.llm import LLM, supports_grammar
from reasoner.llm.llamacpp import (
    LlamaCppLLM,
    LlamaCppOptions,
    batch_threads,
    build_request,
    decode_threads,
    default_chat_template,
    load_llamacpp,
)

MSGS = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "hi there"}]


def _chunk(content=None, finish=None, usage=None):
    c = {"choices": [{"index": 0, "delta": {"content": content}, "finish_reason": finish}]}
    if usage is not None:
        c = {"choices": [], "usage": usage}
    return c


class ScriptedServer:
    """Answers every request with ``pieces``, as the embedded server streams them."""

    def __init__(self, pieces, *, cached=0, error=None, finish="stop"):
        self.pieces, self.cached, self.error, self.finish = pieces, cached, error, finish
        self.requests = []
        self.delivered = 0

    def handle_chat_completions(self, request, callback):
        self.requests.append(request)
        if self.error:
            callback({"error": {"code": 400, "message": self.error}})
            return
        chunks = [{"choices": [{"index": 0, "delta": {"role": "assistant", "content": None}}]}]
        chunks += [_chunk(p) for p in self.pieces] + [_chunk(finish=self.finish)]
        usage = {"prompt_tokens": 40, "completion_tokens": len(self.pieces),
                 "prompt_tokens_details": {"cached_tokens": self.cached}}  # fmt: skip
        chunks.append(_chunk(usage=usage))
        for c in chunks:
            self.delivered += 1
            if callback(c):
                return


def _llm(server):
    return LlamaCppLLM(server, name="scripted", params=123)


def test_generation_fields_from_the_stream():
    server = ScriptedServer(["Paris", " is", " the", " capital", " [1]."], cached=33)
    pieces = []
    g = _llm(server).generate(MSGS, max_new_tokens=16, on_token=pieces.append)
    assert g.text == "Paris is the capital [1]." and "".join(pieces) == g.text
    assert (g.tokens_in, g.tokens_out, g.cached_tokens) == (40, 5, 33)
    assert g.finish_reason == "stop" and g.constrained is False and g.model == "scripted"
    assert g.ttft_ms is not None and 0 <= g.ttft_ms <= g.ms


def test_llamacpp_backend_has_the_protocol_and_grammar_support():
    llm = _llm(ScriptedServer(["x"]))
    assert isinstance(llm, LLM) and supports_grammar(llm) and llm.params == 123


def test_grammar_is_sent_and_reported_as_enforced():
    server = ScriptedServer(["ok [1]."])
    g = _llm(server).generate(MSGS, grammar='root ::= "ok [1]."')
    assert server.requests[-1]["grammar"] == 'root ::= "ok [1]."' and g.constrained


def test_server_error_is_model_error():
    server = ScriptedServer([], error="request (431 tokens) exceeds the available context size")
    with pytest.raises(ModelError, match="exceeds the available context"):
        _llm(server).generate(MSGS)


def test_on_token_failure_stops_generation_and_is_raised():
    server = ScriptedServer(["a", "b", "c", "d", "e"])

    def boom(piece):
        if piece == "b":
            raise KeyboardInterrupt  # e.g. the user pressed Ctrl-C in the chat

    with pytest.raises(KeyboardInterrupt):
        _llm(server).generate(MSGS, on_token=boom)
    assert server.delivered == 3  # role chunk, "a", "b": the stream was stopped there


def test_build_request_defaults_are_greedy_streaming_and_cached():
    req = build_request(MSGS, max_new_tokens=0, temperature=0.0, seed=None, stop=(), grammar=None, json_schema=None)
    assert req["max_tokens"] == 1 and req["temperature"] == 0.0 and req["stream"] is True
    assert req["cache_prompt"] is True and req["stream_options"] == {"include_usage": True}
    assert "seed" not in req and "stop" not in req and "top_p" not in req and "grammar" not in req
    assert req["messages"] == MSGS and req["messages"] is not MSGS


def test_build_request_sampling_seed_stop_and_schema():
    schema = {"type": "object"}
    req = build_request(MSGS, max_new_tokens=8, temperature=0.7, seed=-1, stop=("\n\n", ""),
                        grammar=None, json_schema=schema)  # fmt: skip
    assert req["temperature"] == 0.7 and req["top_p"] == 0.95 and req["seed"] == 0xFFFFFFFF
    assert req["stop"] == ["\n\n"] and req["json_schema"] == schema


@pytest.mark.parametrize(
    "messages",
    [[{"role": "tool", "content": "x"}], [{"role": "user"}], [{"role": "user", "content": 3}], [{}]],
)
def test_build_request_rejects_bad_messages(messages):
    with pytest.raises(ModelError, match="bad chat message"):
        build_request(messages, max_new_tokens=8, temperature=0, seed=None, stop=(), grammar=None, json_schema=None)


def test_build_request_rejects_grammar_and_schema_together():
    with pytest.raises(ModelError, match="not both"):
        build_request(MSGS, max_new_tokens=8, temperature=0, seed=None, stop=(), grammar="root ::= \"a\"",
                      json_schema={"type": "object"})  # fmt: skip


def test_concurrent_callers_each_get_their_own_stream():
    class EchoServer:
        """Streams back the user text; interleaves callers by yielding between chunks."""

        def handle_chat_completions(self, request, callback):
            text = request["messages"][-1]["content"]
            for word in text.split():
                threading.Event().wait(0.001)
                callback(_chunk(word + " "))
            callback(_chunk(usage={"prompt_tokens": 1, "completion_tokens": len(text.split())}))

    llm = _llm(EchoServer())
    out = {}

    def ask(i):
        out[i] = llm.generate([{"role": "user", "content": " ".join([f"w{i}"] * 20)}]).text

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(8)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert out == {i: " ".join([f"w{i}"] * 20) for i in range(8)}


def test_thread_settings():
    assert decode_threads(3) == 3 and decode_threads("auto", cores=1) == 1 and decode_threads(0, cores=1) == 1
    assert decode_threads("auto", cores=2) == 2 and decode_threads("auto", cores=16) == 2
    assert batch_threads(4) == 4 and batch_threads("auto") == (__import__("os").cpu_count() or 1)


def test_unknown_option_and_missing_file_are_model_errors(tmp_path):
    with pytest.raises(ModelError, match="unknown llama.cpp option"):
        load_llamacpp(tmp_path / "x.gguf", no_such_option=1)
    with pytest.raises(ModelError, match="not found"):
        load_llamacpp(tmp_path / "missing.gguf")
    assert LlamaCppOptions().parallel == 1 and LlamaCppOptions().speculative == "none"


def test_default_chat_template_only_for_files_without_one():
    from reasoner.llm.gguf_info import GGUFInfo

    gemma_bare = GGUFInfo(3, 1, 1, {"general.architecture": "gemma3"})
    gemma_tpl = GGUFInfo(3, 1, 1, {"general.architecture": "gemma3", "tokenizer.chat_template": "{{x}}"})
    other = GGUFInfo(3, 1, 1, {"general.architecture": "llama"})
    assert "<start_of_turn>" in default_chat_template(gemma_bare)
    assert default_chat_template(gemma_tpl) is None and default_chat_template(other) is None


def test_openmp_gets_a_bounded_spin_unless_the_caller_chose():
    from reasoner.openmp import SPIN_COUNT, apply, openmp_environment

    assert openmp_environment({}) == {"OMP_WAIT_POLICY": "ACTIVE", "GOMP_SPINCOUNT": str(SPIN_COUNT)}
    assert openmp_environment({"OMP_WAIT_POLICY": "PASSIVE"}) == {}
    assert openmp_environment({"GOMP_SPINCOUNT": "0"}) == {}
    env = {"PATH": "/bin"}
    apply(env)
    assert env == {"PATH": "/bin", "OMP_WAIT_POLICY": "ACTIVE", "GOMP_SPINCOUNT": str(SPIN_COUNT)}


def test_import_reasoner_sets_the_bounded_spin_before_torch_loads():
    import subprocess
    import sys

    code = "import os, sys, reasoner; print(os.environ['GOMP_SPINCOUNT'], 'torch' in sys.modules)"
    env = {k: v for k, v in __import__("os").environ.items() if k not in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.split() == ["10000", "False"]
