"""Every endpoint over HTTP, against a real uvicorn on 127.0.0.1 serving the sample KB's index
(hash embedder, fake LLM), with plain httpx and with the OpenAI SDK."""

from __future__ import annotations

import json

import httpx
import openai
import pytest

from reasoner.server import sse


def post(api, path: str, body, **kw) -> httpx.Response:
    return httpx.post(f"{api.url}{path}", json=body, timeout=30, **kw)


def sdk(api) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{api.url}/v1", api_key="no-token-needed", max_retries=0, timeout=30)


# -- /health, /ask --------------------------------------------------------------------------------


def test_health_needs_nothing_and_says_little(api):
    r = httpx.get(f"{api.url}/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["auth"] is False and body["in_flight"] == 0
    assert isinstance(body["pid"], int) and body["max_concurrent"] == 8


def test_ask_returns_the_answer_as_json(api):
    r = post(api, "/ask", {"question": "What is 15% of 2400?"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    a = r.json()
    assert (a["value"], a["route"], a["verified"], a["abstained"]) == ("360", "math", True, False)
    assert a["text"] and a["evidence"][0]["kind"] == "expression"
    assert set(a["cost"]) >= {"wall_ms", "model_calls", "tokens_in", "tokens_out"}
    assert "steps" not in a


def test_ask_with_steps_and_a_forced_route(api):
    a = post(api, "/ask", {"question": "Who does the head of sales report to?", "steps": True,
                           "route": "graph", "use_memory": False}).json()  # fmt: skip
    assert a["route"] == "graph" and a["value"] == "Rafael Lindqvist"
    assert any(e["kind"] == "edge" and "org_chart.csv" in e["source"] for e in a["evidence"])
    assert [s["action"] for s in a["steps"]][:2] == ["signals", "plan"]


def test_ask_abstains_when_nothing_supports_an_answer(api):
    a = post(api, "/ask", {"question": "Tell me about the weather on Mars", "use_memory": False}).json()
    assert a["abstained"] is True and a["value"] is None


def test_ask_streams_steps_then_tokens_then_the_answer(api):
    with httpx.stream("POST", f"{api.url}/ask", json={"question": "How does the K-7 handle updates?", "stream": True,
                                                       "use_memory": False}, timeout=30) as r:  # fmt: skip
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        events = sse.parse(r.read().decode())
    names = [n for n, _ in events]
    assert names[0] == "step" and names[-1] == "answer" and names.count("answer") == 1
    tokens = "".join(json.loads(d)["text"] for n, d in events if n == "token")
    assert tokens == "I don't know."  # the fake LLM's reply, streamed as it was generated
    assert names.index("token") > names.index("step")
    plan = next(json.loads(d) for n, d in events if n == "step" and json.loads(d)["action"] == "plan")
    assert plan["route"] == "controller"
    final = json.loads(events[-1][1])
    assert final["abstained"] is True  # the draft was not supported: the answer says so


def test_a_stream_without_llm_has_steps_and_the_answer(api):
    with httpx.stream("POST", f"{api.url}/ask", json={"question": "What is 12% of 250?", "stream": True}) as r:
        events = sse.parse(r.read().decode())
    assert {n for n, _ in events} == {"step", "answer"}
    assert json.loads(events[-1][1])["value"] == "30"


# -- the OpenAI-compatible API -------------------------------------------------------------------


def test_the_openai_sdk_gets_a_chat_completion(api):
    reply = sdk(api).chat.completions.create(
        model="reasoner", messages=[{"role": "system", "content": "Be brief."},
                                    {"role": "user", "content": "Who does the head of sales report to?"}])  # fmt: skip
    assert reply.object == "chat.completion" and reply.model == "reasoner"
    assert "Rafael Lindqvist" in reply.choices[0].message.content
    assert reply.choices[0].finish_reason == "stop" and reply.usage is not None
    ext = reply.model_extra["reasoner"]
    assert ext["value"] == "Rafael Lindqvist" and ext["verified"] is True
    assert "org/org_chart.csv:8" in ext["sources"]


def test_the_openai_sdk_streams_the_same_text(api):
    client = sdk(api)
    messages = [{"role": "user", "content": "What is 12% of 250?"}]
    whole = client.chat.completions.create(model="reasoner", messages=messages).choices[0].message.content
    stream = client.chat.completions.create(model="reasoner", messages=messages, stream=True,
                                            stream_options={"include_usage": True})  # fmt: skip
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == whole and "30" in text
    assert chunks[0].choices[0].delta.role == "assistant"
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"
    assert chunks[-1].choices == [] and chunks[-1].usage is not None


def test_earlier_turns_are_the_history_and_resolve_a_follow_up(api):
    reply = sdk(api).chat.completions.create(model="reasoner", messages=[
        {"role": "user", "content": "Who does Marcus Bell report to?"},
        {"role": "assistant", "content": "Dana Whitfield."},
        {"role": "user", "content": "And what team is he on?"},
    ])  # fmt: skip
    ext = reply.model_extra["reasoner"]
    assert ext["resolved"] == "what team is Marcus Bell on?"
    assert ext["value"] == "Sales"


def test_the_sdk_lists_the_model(api):
    assert [m.id for m in sdk(api).models.list()] == ["reasoner"]


def test_chat_errors_reach_the_sdk_as_its_exceptions(api):
    client = sdk(api)
    with pytest.raises(openai.UnprocessableEntityError, match="no user message"):
        client.chat.completions.create(model="reasoner", messages=[{"role": "system", "content": "hi"}])
    with pytest.raises(openai.UnprocessableEntityError, match="at most 300"):
        client.chat.completions.create(model="reasoner", stream=True,
                                       messages=[{"role": "user", "content": "why " * 100}])  # fmt: skip


def test_chat_content_parts_are_read_as_text(api):
    r = post(api, "/v1/chat/completions", {"messages": [{"role": "user", "content": [
        {"type": "text", "text": "What is 12% of 250?"}, {"type": "image_url", "image_url": {"url": "x"}}]}]})  # fmt: skip
    assert r.status_code == 200 and r.json()["reasoner"]["value"] == "30"


# -- bad requests: clear errors, and the worker goes on ---------------------------------------------


@pytest.mark.parametrize(
    ("content", "headers", "status", "message"),
    [
        (b"{not json", {"content-type": "application/json"}, 400, "not valid JSON"),
        (b"[1, 2]", {"content-type": "application/json"}, 422, "must be a JSON object"),
        (b'{"question": "hi"}', {"content-type": "text/plain"}, 422, "Content-Type: application/json"),
        (b'{"question": "\xff\xfe"}', {"content-type": "application/json"}, 400, ""),
        (b'{"question": "hi", "use_memroy": false}', {"content-type": "application/json"}, 422, "use_memroy"),
        (b'{"question": "hi", "route": "teleport"}', {"content-type": "application/json"}, 422, "route"),
        (b'{"question": 42}', {"content-type": "application/json"}, 422, "question"),
        (b'{"question": "   "}', {"content-type": "application/json"}, 422, "empty"),
        (b'{}', {"content-type": "application/json"}, 422, "question: Field required"),
        (b"[" * 8000, {"content-type": "application/json"}, 400, ""),  # nested past the parser's depth
    ],
)  # fmt: skip
def test_bad_requests_get_clear_errors(api, content, headers, status, message):
    r = httpx.post(f"{api.url}/ask", content=content, headers=headers)
    assert r.status_code == status
    err = r.json()["error"]
    assert err["code"] == status and message in err["message"]
    assert httpx.get(f"{api.url}/health").status_code == 200


def test_a_long_question_is_refused_with_the_limit(api):
    r = post(api, "/ask", {"question": "x" * 301})
    assert r.status_code == 422 and "301 characters" in r.json()["error"]["message"]
    assert post(api, "/ask", {"question": "What is 2 + 2?" + " " * 280}).status_code == 200


def test_a_large_body_is_refused_declared_or_streamed(api):
    big = json.dumps({"question": "hi", "history": [["q" * 100, "a" * 100]] * 50})
    r = httpx.post(f"{api.url}/ask", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and "8192 bytes" in r.json()["error"]["message"]

    def chunks():  # no Content-Length: chunked transfer
        for i in range(0, len(big), 1000):
            yield big[i:i + 1000].encode()

    r = httpx.post(f"{api.url}/ask", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_unknown_paths_and_methods_are_json_errors(api):
    assert httpx.get(f"{api.url}/nope").json()["error"]["code"] == 404
    assert httpx.get(f"{api.url}/ask").status_code == 405


def test_index_without_changes_reports_them(api):
    r = post(api, "/index", {})
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "indexed" and body["changed"] == [] and body["unchanged"] > 20
    assert post(api, "/index", {"rebuild": "maybe"}).status_code == 422
