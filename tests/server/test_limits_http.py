"""Concurrency (503), time (504), client disconnects, engine failures and one re-index at a time
(409), over HTTP against a real uvicorn serving a fake engine whose timing the test controls."""

from __future__ import annotations

import json
import threading
import time

import httpx

from reasoner.errors import ModelError
from reasoner.server import sse


def wait_until(check, timeout_s: float = 5.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.02)


def in_background(fn):
    out: dict = {}
    t = threading.Thread(target=lambda: out.setdefault("r", fn()), daemon=True)
    t.start()
    return t, out


def health(s) -> dict:
    return httpx.get(f"{s.url}/health").json()


def test_a_full_worker_says_503_with_retry_after(fake_server, make_engine):
    fake = make_engine(delay_s=1.0, steps=10)
    with fake_server(fake, max_concurrent=1) as s:
        t, out = in_background(lambda: httpx.post(f"{s.url}/ask", json={"question": "slow"}, timeout=10))
        wait_until(lambda: health(s)["in_flight"] == 1)
        busy = httpx.post(f"{s.url}/ask", json={"question": "another"})
        assert busy.status_code == 503 and busy.headers["retry-after"] == "1"
        assert "retry" in busy.json()["error"]["message"]
        chat = httpx.post(f"{s.url}/v1/chat/completions", json={"messages": [{"role": "user", "content": "x"}]})
        assert chat.status_code == 503
        t.join(10)
        assert out["r"].status_code == 200 and out["r"].json()["value"] == "slow"
        assert health(s)["in_flight"] == 0
        assert httpx.post(f"{s.url}/ask", json={"question": "now"}).status_code == 200
    assert [c["question"] for c in fake.calls] == ["slow", "now"]


def test_past_its_time_a_question_gets_504_and_its_work_stops(fake_server, make_engine):
    fake = make_engine(delay_s=20.0, steps=200)
    with fake_server(fake, timeout_s=0.5) as s:
        t0 = time.monotonic()
        r = httpx.post(f"{s.url}/ask", json={"question": "endless"}, timeout=10)
        assert r.status_code == 504 and r.json()["error"]["type"] == "timeout"
        assert time.monotonic() - t0 < 3
        wait_until(lambda: fake.stopped == ["endless"], 3)
        wait_until(lambda: health(s)["in_flight"] == 0, 3)


def test_a_stream_past_its_time_ends_with_an_error_event(fake_server, make_engine):
    fake = make_engine(delay_s=20.0, steps=200, stream=True)
    with fake_server(fake, timeout_s=0.5) as s:
        with httpx.stream("POST", f"{s.url}/ask", json={"question": "endless", "stream": True}, timeout=10) as r:
            events = sse.parse(r.read().decode())
        assert events[0][0] == "step" and "token" in {n for n, _ in events}
        name, data = events[-1]
        assert name == "error" and json.loads(data)["error"]["code"] == 504
        wait_until(lambda: fake.stopped == ["endless"], 3)


def test_a_client_that_leaves_a_stream_stops_the_work(fake_server, make_engine):
    fake = make_engine(delay_s=20.0, steps=200, stream=True)
    with fake_server(fake) as s:
        with httpx.stream("POST", f"{s.url}/ask", json={"question": "left", "stream": True}, timeout=10) as r:
            first = next(r.iter_bytes())
            assert first.startswith(b"event: ")
        wait_until(lambda: fake.stopped == ["left"], 5)
        wait_until(lambda: health(s)["in_flight"] == 0, 3)


def test_engine_failures_are_http_errors_and_the_worker_goes_on(fake_server, make_engine):
    fake = make_engine(fail=ModelError("the model server at http://gpu:8000/v1 did not answer"))
    with fake_server(fake) as s:
        r = httpx.post(f"{s.url}/ask", json={"question": "q"})
        assert r.status_code == 503 and "gpu:8000" in r.json()["error"]["message"]
        fake.fail = RuntimeError("a bug")
        r = httpx.post(f"{s.url}/ask", json={"question": "q"})
        assert r.status_code == 500 and "a bug" not in r.text  # internals stay in the log
        with httpx.stream("POST", f"{s.url}/ask", json={"question": "q", "stream": True}) as r:
            events = sse.parse(r.read().decode())
        assert events[-1][0] == "error" and json.loads(events[-1][1])["error"]["code"] == 500
        fake.fail = None
        assert httpx.post(f"{s.url}/ask", json={"question": "q"}).status_code == 200


def test_one_reindex_at_a_time_the_second_gets_409(fake_server, make_engine):
    fake = make_engine()
    fake.release_index.clear()
    with fake_server(fake) as s:
        t, out = in_background(lambda: httpx.post(f"{s.url}/index", timeout=20))
        wait_until(lambda: health(s)["reindexing"])
        second = httpx.post(f"{s.url}/index")
        assert second.status_code == 409 and "already running" in second.json()["error"]["message"]
        assert httpx.post(f"{s.url}/ask", json={"question": "meanwhile"}).status_code == 200
        fake.release_index.set()
        t.join(20)
        assert out["r"].status_code == 200 and out["r"].json()["chunks_total"] == 7
        assert httpx.post(f"{s.url}/index").status_code == 200  # free again
