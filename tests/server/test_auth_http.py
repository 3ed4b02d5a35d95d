"""Authentication over HTTP: no token, no answer; the caller's groups reach the engine; only
admin tokens re-index; the OpenAI SDK's api_key is the bearer token; rotation without restart."""

from __future__ import annotations

import os

import httpx
import openai
import pytest

from reasoner.server import auth


@pytest.fixture
def secured(fake_server, make_engine, token_set, tmp_path, monkeypatch):
    monkeypatch.setattr(auth, "RECHECK_S", 0.0)
    path = tmp_path / "tokens.toml"
    path.write_text(token_set.toml)
    fake = make_engine()
    with fake_server(fake, tokens_file=path) as s:
        yield s, fake, path, token_set


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_no_token_no_answer(secured):
    s, fake, _, t = secured
    for headers in ({}, bearer("not-a-token-at-all-xx"), {"Authorization": f"Basic {t.hr}"}):
        r = httpx.post(f"{s.url}/ask", json={"question": "q"}, headers=headers)
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        assert r.json()["error"]["type"] == "authentication_error"
    assert httpx.post(f"{s.url}/v1/chat/completions", json={"messages": []}).status_code == 401
    assert httpx.get(f"{s.url}/v1/models").status_code == 401
    assert httpx.post(f"{s.url}/index").status_code == 401
    assert fake.calls == []
    h = httpx.get(f"{s.url}/health")
    assert h.status_code == 200 and h.json()["auth"] is True


def test_the_callers_groups_reach_the_engine(secured):
    s, fake, _, t = secured
    r = httpx.post(f"{s.url}/ask", json={"question": "q1"}, headers=bearer(t.hr))
    assert r.status_code == 200
    assert fake.calls[-1]["groups"] == frozenset({"hr", "staff"})
    httpx.post(f"{s.url}/v1/chat/completions", json={"messages": [{"role": "user", "content": "q2"}]},
               headers=bearer(t.ops))  # fmt: skip
    assert fake.calls[-1] == {"question": "q2", "groups": frozenset(), "history": (), "route": "auto"}


def test_only_admin_tokens_reindex(secured):
    s, _, _, t = secured
    r = httpx.post(f"{s.url}/index", headers=bearer(t.hr))
    assert r.status_code == 403 and "hr-portal" in r.json()["error"]["message"]
    assert httpx.post(f"{s.url}/index", headers=bearer(t.ops)).status_code == 200


def test_the_openai_sdk_authenticates_with_its_api_key(secured):
    s, fake, _, t = secured
    good = openai.OpenAI(base_url=f"{s.url}/v1", api_key=t.hr, max_retries=0)
    reply = good.chat.completions.create(model="reasoner", messages=[{"role": "user", "content": "hello"}])
    assert reply.choices[0].message.content == "answer to hello"
    assert fake.calls[-1]["groups"] == frozenset({"hr", "staff"})
    bad = openai.OpenAI(base_url=f"{s.url}/v1", api_key="wrong-wrong-wrong-wrong", max_retries=0)
    with pytest.raises(openai.AuthenticationError):
        bad.chat.completions.create(model="reasoner", messages=[{"role": "user", "content": "hello"}])


def test_tokens_rotate_without_a_restart(secured):
    s, _, path, t = secured
    new = "hr-token-ROTATED-0123456789"
    path.write_text(t.toml.replace(t.hr, new))
    os.utime(path, ns=(1, 1))
    assert httpx.post(f"{s.url}/ask", json={"question": "q"}, headers=bearer(t.hr)).status_code == 401
    assert httpx.post(f"{s.url}/ask", json={"question": "q"}, headers=bearer(new)).status_code == 200
