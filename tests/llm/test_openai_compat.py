"""The OpenAI-compatible LLM backend against a fake server on 127.0.0.1 (no internet)."""

from __future__ import annotations

import socket

import pytest

from reasoner.errors import ModelError
from reasoner.llm.base import LLM
from reasoner.llm.openai_compat import (
    DONE,
    Endpoint,
    OpenAICompatLLM,
    StreamChunk,
    api_key,
    cut_at_stop,
    from_spec,
    parse_spec,
    parse_stream_line,
)

MSGS = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "What is the capital of France?"}]


# -- pure parts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "endpoint"),
    [
        ("openai:http://127.0.0.1:8080/v1#qwen2.5-0.5b", Endpoint("http://127.0.0.1:8080/v1", "qwen2.5-0.5b")),
        ("openai:http://gpu-box:8000/v1/#meta-llama/Llama-3.2-1B", Endpoint("http://gpu-box:8000/v1", "meta-llama/Llama-3.2-1B")),
        ("openai:https://llm.internal/v1", Endpoint("https://llm.internal/v1", "")),
    ],
)
def test_spec_names_the_url_and_the_model(spec, endpoint):
    assert parse_spec(spec) == endpoint


@pytest.mark.parametrize("spec", ["openai:", "openai:127.0.0.1:8080", "openai:ftp://x/v1#m", "llamacpp:/x.gguf"])
def test_a_bad_spec_is_one_clear_error(spec):
    with pytest.raises(ModelError, match="openai:"):
        parse_spec(spec)


def test_the_key_comes_from_the_environment_only():
    assert api_key({"OPENAI_API_KEY": "k1"}) == "k1"
    assert api_key({"REASONER_LLM_API_KEY": "k2", "OPENAI_API_KEY": "k1"}) == "k2"
    assert api_key({}) is None


def test_stream_lines_parse_to_chunks_done_or_nothing():
    assert parse_stream_line("") is None
    assert parse_stream_line(": keep-alive") is None
    assert parse_stream_line("event: message") is None
    assert parse_stream_line("data: [DONE]") == DONE
    chunk = parse_stream_line('data: {"choices":[{"delta":{"content":"Hi"},"finish_reason":null}]}')
    assert chunk == StreamChunk("Hi", None, None)
    usage = parse_stream_line('data: {"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":1}}')
    assert isinstance(usage, StreamChunk) and usage.usage == {"prompt_tokens": 3, "completion_tokens": 1}
    assert parse_stream_line('data: {"choices":[{"delta":{"role":"assistant"}}]}') == StreamChunk("", None, None)


def test_a_stream_error_or_garbage_is_a_model_error():
    with pytest.raises(ModelError, match="out of memory"):
        parse_stream_line('data: {"error": {"message": "out of memory"}}')
    with pytest.raises(ModelError, match="not JSON"):
        parse_stream_line("data: {oops")


def test_cut_at_the_earliest_stop():
    assert cut_at_stop("a b\nQ: c", ["\nQ:", "b"]) == ("a ", True)
    assert cut_at_stop("abc", ["x", ""]) == ("abc", False)


# -- against the fake server ------------------------------------------------------------------


def test_implements_the_llm_protocol_and_resolves_the_model(fake_openai):
    llm = from_spec(f"openai:{fake_openai.url}")
    assert isinstance(llm, LLM)
    assert llm.model == "fake-chat" and llm.name == "openai:fake-chat"
    assert fake_openai.requests == []  # the model list is a GET, nothing was generated


def test_a_plain_call_returns_the_text_and_the_servers_token_counts(fake_openai):
    llm = OpenAICompatLLM(fake_openai.url, "m1")
    g = llm.generate(MSGS, max_new_tokens=50, seed=7)
    assert g.text == "Paris is the capital of France."
    assert (g.tokens_in, g.tokens_out, g.cached_tokens) == (8, 6, 2)
    assert g.model == "openai:m1" and g.ms > 0
    path, body = fake_openai.requests[-1]
    assert path == "/v1/chat/completions"
    assert body["model"] == "m1" and body["messages"] == MSGS and body["seed"] == 7
    assert body["max_tokens"] == 50 and body["temperature"] == 0.0 and body["stream"] is False
    assert "stop" not in body


def test_streaming_sends_pieces_and_reads_usage_from_the_last_chunk(fake_openai):
    llm = OpenAICompatLLM(fake_openai.url, "m1")
    pieces: list[str] = []
    g = llm.generate(MSGS, on_token=pieces.append)
    assert "".join(pieces) == g.text == "Paris is the capital of France."
    assert len(pieces) == 6 and g.ttft_ms is not None and g.ttft_ms <= g.ms
    assert (g.tokens_in, g.tokens_out) == (8, 6)
    body = fake_openai.requests[-1][1]
    assert body["stream"] is True and body["stream_options"] == {"include_usage": True}


def test_stop_and_max_tokens_reach_the_server(fake_openai):
    llm = OpenAICompatLLM(fake_openai.url, "m1")
    assert llm.generate(MSGS, stop=[" capital"]).text == "Paris is the"
    assert fake_openai.requests[-1][1]["stop"] == [" capital"]
    assert llm.generate(MSGS, max_new_tokens=2).text == "Paris is"


def test_a_stop_the_server_ignores_is_cut_by_the_client(fake_openai):
    fake_openai.honour_stop = False
    llm = OpenAICompatLLM(fake_openai.url, "m1")
    pieces: list[str] = []
    g = llm.generate(MSGS, stop=[" the"], on_token=pieces.append)
    assert g.text == "Paris is" and "".join(pieces) == "Paris is"
    assert llm.generate(MSGS, stop=[" the"]).text == "Paris is"


def test_without_usage_the_streamed_pieces_are_counted(fake_openai):
    fake_openai.report_usage = False
    llm = OpenAICompatLLM(fake_openai.url, "m1")
    g = llm.generate(MSGS, on_token=lambda _: None)
    assert (g.tokens_in, g.tokens_out) == (0, 6)


def test_the_key_is_sent_as_a_bearer_token(fake_openai, monkeypatch):
    fake_openai.key = "secret-key"
    with pytest.raises(ModelError, match="401"):
        OpenAICompatLLM(fake_openai.url, "m1", key="").generate(MSGS)
    monkeypatch.setenv("REASONER_LLM_API_KEY", "secret-key")
    assert OpenAICompatLLM(fake_openai.url, "m1").generate(MSGS).text.startswith("Paris")


def test_server_errors_are_model_errors_naming_the_server(fake_openai):
    fake_openai.fail_status = 500
    llm = OpenAICompatLLM(fake_openai.url, "m1")
    with pytest.raises(ModelError, match=r"answered 500.*scripted failure"):
        llm.generate(MSGS)
    with pytest.raises(ModelError, match="answered 500"):
        llm.generate(MSGS, on_token=lambda _: None)


def test_an_unreachable_server_is_a_model_error():
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    llm = OpenAICompatLLM(f"http://127.0.0.1:{port}/v1", "m1", timeout_s=2)
    with pytest.raises(ModelError, match="did not answer"):
        llm.generate(MSGS)


def test_the_engine_answers_through_a_model_server(fake_openai, tmp_path, sample_kb):
    """The rag route's LLM call goes to the server (an LLM object is accepted as Reasoner(llm=...))."""
    from reasoner import Reasoner

    fake_openai.reply = "The knowledge base does not say."
    llm = OpenAICompatLLM(fake_openai.url, "m1")
    r = Reasoner.build(sample_kb, tmp_path / "ix", progress=False, embedder="hash", llm=llm,
                       cache_dir=tmp_path / "cache")  # fmt: skip
    try:
        tokens: list[str] = []
        a = r.ask("What does the K-7 cost?", route="rag", use_memory=False, on_token=tokens.append)
    finally:
        r.close()
    sent = [b for p, b in fake_openai.requests if p == "/v1/chat/completions"]
    assert sent and "K-7" in sent[-1]["messages"][-1]["content"]
    assert "".join(tokens) == "The knowledge base does not say."
    assert a.cost.model_calls >= 1 and a.cost.tokens_out >= 6
