"""The server's pure parts: event encoding, the chat shape, limits, settings, error mapping."""

from __future__ import annotations

import json
import time

import pytest

from reasoner.errors import BudgetExceeded, ConfigError, IndexError_, ModelError, SolverError
from reasoner.server import chat, sse
from reasoner.server.app import api_error, validation_error
from reasoner.server.limits import Cancel, Gate, question_problem
from reasoner.server.run import is_loopback
from reasoner.server.schemas import answer_json
from reasoner.server.settings import ServeSettings
from reasoner.types import Answer, Cost, Evidence, Step

# -- server-sent events ---------------------------------------------------------------------------


def test_events_round_trip_through_the_parser():
    stream = (sse.event({"text": "héllo\nworld"}, "token") + sse.comment() + sse.event("line one\nline two")
              + sse.event("[DONE]"))  # fmt: skip
    assert sse.parse(stream.decode()) == [("token", '{"text":"héllo\\nworld"}'), ("message", "line one\nline two"),
                                          ("message", "[DONE]")]  # fmt: skip


def test_an_event_is_lines_ending_in_a_blank_line():
    assert sse.event({"a": 1}, "step") == b'event: step\ndata: {"a":1}\n\n'
    assert sse.comment("x") == b": x\n\n"


# -- the chat shape --------------------------------------------------------------------------------


def test_the_last_user_message_is_the_question_and_earlier_turns_the_history():
    turn = chat.chat_turn([("system", "be nice"), ("user", "q1"), ("assistant", "a1"), ("user", "q2"),
                           ("user", "q3"), ("assistant", "a3"), ("tool", "t"), ("user", " q4 ")], history_turns=2)  # fmt: skip
    assert turn.question == "q4"
    assert turn.history == (("q2", ""), ("q3", "a3"))


def test_a_follow_up_is_resolved_against_the_earlier_questions():
    turn = chat.chat_turn([("user", "What is 15% of the K-7's list price?"), ("assistant", "186"),
                           ("user", "what about the K-9?")], history_turns=4)  # fmt: skip
    assert turn.resolved == "What is 15% of the K-9's list price?"
    assert chat.chat_turn([("user", "hi")], history_turns=0).history == ()


@pytest.mark.parametrize("messages", [[], [("system", "x")], [("assistant", "x")], [("user", "q"), ("user", "  ")]])
def test_no_question_is_a_shape_error(messages):
    with pytest.raises(chat.ChatShapeError):
        chat.chat_turn(messages, history_turns=4)


def test_message_text_reads_strings_and_text_parts():
    assert chat.message_text("hi") == "hi"
    assert chat.message_text(None) == ""
    assert chat.message_text([{"type": "text", "text": "a"}, {"type": "image_url"}, {"type": "text", "text": "b"},
                              "junk"]) == "a\nb"  # fmt: skip


@pytest.mark.parametrize("text", ["Rafael Lindqvist (from Dana Whitfield: manager).", "  two  spaces\nand a line ",
                                  "", " ", "one"])  # fmt: skip
def test_text_pieces_put_back_together_are_the_text(text):
    assert "".join(chat.text_pieces(text)) == text


def answer(**kw) -> Answer:
    base = {"text": "It is **25**.", "value": "25", "route": "rag", "verified": True,
            "evidence": [Evidence("chunk", "c1", source="policies/leave.md", section="Vacation"),
                         Evidence("memory", "17")],
            "cost": Cost(tokens_in=100, tokens_out=7), "steps": [Step("rag", "solve")]}  # fmt: skip
    return Answer(**{**base, **kw})


def test_a_completion_carries_the_text_usage_and_how_it_was_reached():
    turn = chat.ChatTurn("and her?", "and Dana?", ())
    c = chat.completion(answer(), turn, model="m", cid="chatcmpl-1", created=5)
    assert c["choices"][0]["message"] == {"role": "assistant", "content": "It is **25**."}
    assert c["usage"] == {"prompt_tokens": 100, "completion_tokens": 7, "total_tokens": 107}
    assert c["reasoner"] == {"route": "rag", "value": "25", "abstained": False, "verified": True,
                             "from_memory": False, "sources": ["policies/leave.md > Vacation"],
                             "resolved": "and Dana?"}  # fmt: skip
    assert chat.completion(answer(budget_exhausted=True), turn, model="m", cid="x")["choices"][0]["finish_reason"] == "length"


def test_stream_chunks_end_with_the_finish_then_the_usage():
    turn = chat.ChatTurn("q", "q", ())
    chunks = chat.answer_chunks(answer(), turn, model="m", cid="x", created=1, include_usage=True)
    assert "".join(c["choices"][0]["delta"].get("content", "") for c in chunks if c["choices"]) == "It is **25**."
    assert chunks[-2]["choices"][0]["finish_reason"] == "stop" and "reasoner" in chunks[-2]
    assert chunks[-1]["choices"] == [] and chunks[-1]["usage"]["completion_tokens"] == 7
    assert "usage" not in chat.answer_chunks(answer(), turn, model="m", cid="x", created=1, include_usage=False)[-1]


def test_answer_json_has_the_fields_a_caller_acts_on_and_steps_on_request():
    data = answer_json(answer())
    assert set(data) == {"text", "value", "route", "abstained", "verified", "verdict", "confidence", "from_memory",
                         "budget_exhausted", "evidence", "cost"}  # fmt: skip
    assert json.loads(json.dumps(data))["evidence"][0]["source"] == "policies/leave.md"  # JSON as it is
    assert answer_json(answer(), steps=True)["steps"][0]["action"] == "solve"


# -- limits ------------------------------------------------------------------------------------------


def test_question_problems():
    assert question_problem("What is 2+2?", 20) is None
    assert question_problem(" \n", 20) == "the question is empty"
    assert "25 characters" in question_problem("x" * 25, 20) and "at most 20" in question_problem("x" * 25, 20)


def test_the_gate_holds_at_most_its_limit():
    gate = Gate(2)
    assert gate.try_enter() and gate.try_enter() and not gate.try_enter()
    gate.leave()
    assert gate.in_flight == 1 and gate.try_enter()
    for _ in range(5):
        gate.leave()
    assert gate.in_flight == 0


def test_cancel_hooks_forward_until_stopped_then_raise():
    seen: list[str] = []
    cancel = Cancel(60)
    token, step = cancel.hooks(seen.append, lambda s: seen.append(s.action))
    token("a")
    step(Step("x", "plan"))
    assert seen == ["a", "plan"] and not cancel.stopped
    cancel.stop("the client left")
    with pytest.raises(BudgetExceeded, match="client left"):
        token("b")
    with pytest.raises(BudgetExceeded):
        step(Step("x", "verify"))
    assert seen == ["a", "plan"]


def test_cancel_stops_itself_at_the_deadline():
    cancel = Cancel(0.05)
    assert not cancel.stopped and cancel.remaining_s() > 0
    time.sleep(0.08)
    assert cancel.stopped and cancel.remaining_s() == 0 and "ran out" in cancel.reason


# -- errors ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exc", "status"),
    [(ConfigError("bad"), 422), (IndexError_("locked"), 503), (ModelError("down"), 503), (SolverError("x"), 500),
     (BudgetExceeded("tokens"), 500), (RuntimeError("bug"), 500)],
)  # fmt: skip
def test_engine_errors_map_to_statuses(exc, status):
    assert api_error(exc).status == status


def test_a_stopped_question_is_a_504():
    cancel = Cancel(60)
    cancel.stop("5 s")
    err = api_error(BudgetExceeded("5 s"), cancel)
    assert err.status == 504 and "5 s" in err.message


def test_validation_errors_name_the_fields():
    err = validation_error([{"type": "missing", "loc": ("body", "question"), "msg": "Field required"},
                            {"type": "extra_forbidden", "loc": ("body", "x"), "msg": "Extra inputs are not permitted"}])  # fmt: skip
    assert (err.status, err.message) == (422, "question: Field required; x: Extra inputs are not permitted")
    assert validation_error([{"type": "json_invalid", "loc": ("body", 3), "msg": "x"}]).status == 400


# -- settings --------------------------------------------------------------------------------------


def test_settings_travel_to_workers_through_the_environment():
    s = ServeSettings(index_dir="/srv/ix", workers=4, tokens_file="/etc/t.toml", timeout_s=9.5)
    assert ServeSettings.from_env({"REASONER_SERVE_SETTINGS": s.to_env()}) == s
    assert ServeSettings.from_env({}) == ServeSettings()
    with pytest.raises(ConfigError):
        ServeSettings.from_env({"REASONER_SERVE_SETTINGS": "{oops"})


@pytest.mark.parametrize("bad", [{"workers": 0}, {"port": -1}, {"timeout_s": 0}, {"max_concurrent": 0}])
def test_settings_refuse_nonsense(bad):
    with pytest.raises(ConfigError):
        ServeSettings(**bad)


def test_loopback_hosts():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("10.1.2.3") and not is_loopback("example.com")



def test_workers_share_the_cores_unless_told_otherwise():
    from reasoner.server.run import share_cores

    env: dict[str, str] = {"MKL_NUM_THREADS": "3"}
    assert share_cores(4, env, cores=16) == 4
    assert env == {"OMP_NUM_THREADS": "4", "OPENBLAS_NUM_THREADS": "4", "MKL_NUM_THREADS": "3"}
    assert share_cores(4, {}, cores=2) == 1 and share_cores(1, {}, cores=2) == 2
