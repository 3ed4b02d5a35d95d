"""Argument parsing, dispatch, exit codes and the one-line error edge of `reasoner`."""

from __future__ import annotations

import json

import pytest

from reasoner.cli import commands, main
from reasoner.errors import ConfigError, IndexError_


def test_parse_ask_with_all_options():
    args = main.parse_args(["ask", "What is 2+2?", "--index", "ix", "--route", "math", "--no-cache", "--json"])
    assert (args.command, args.question, args.index, args.route, args.no_cache, args.json) == (
        "ask", "What is 2+2?", "ix", "math", True, True)
    assert args.debug is False and args.config is None


def test_global_options_work_before_and_after_the_command():
    before = main.parse_args(["--debug", "--config", "a.toml", "stats"])
    after = main.parse_args(["stats", "--debug", "--config", "a.toml"])
    for args in (before, after):
        assert args.debug is True and args.config == "a.toml"


def test_defaults_leave_paths_to_the_config():
    args = main.parse_args(["index"])
    assert args.kb_dir is None and args.index is None
    args = main.parse_args(["eval", "dev.jsonl", "--limit", "5"])
    assert args.file == "dev.jsonl" and args.limit == 5 and args.route == "auto"


@pytest.mark.parametrize("argv", [["eval", "x.jsonl", "--limit", "0"], ["eval", "x.jsonl", "--limit", "two"],
                                  ["ask", "q", "--route", "oracle"], ["memory", "wipe"], ["ask"], ["nope"]])
def test_usage_errors_exit_2(argv, capsys):
    assert main.main(argv) == main.EXIT_USAGE
    assert "usage:" in capsys.readouterr().err


def test_help_documents_exit_codes(capsys):
    assert main.main(["--help"]) == 0
    out = capsys.readouterr().out
    for code in ("0 ", "1 ", "2 ", "3 ", "130"):
        assert f"\n  {code}" in out
    assert "abstained" in out


def test_version(capsys):
    assert main.main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("reasoner 0.")


def test_no_command_prints_help_and_exits_2(capsys):
    assert main.main([]) == main.EXIT_USAGE
    assert "COMMAND" in capsys.readouterr().out


def test_library_error_is_one_line_on_stderr(monkeypatch, capsys):
    def boom(args):
        raise IndexError_("no index in\nindexes/: run `reasoner index` first")

    monkeypatch.setattr(commands, "run", boom)
    assert main.main(["stats"]) == main.EXIT_ERROR
    err = capsys.readouterr().err
    assert err == "reasoner: error: no index in indexes/: run `reasoner index` first\n"


def test_debug_shows_the_traceback(monkeypatch, capsys):
    monkeypatch.setattr(commands, "run", lambda args: (_ for _ in ()).throw(ConfigError("bad setting")))
    assert main.main(["--debug", "stats"]) == main.EXIT_ERROR
    err = capsys.readouterr().err
    assert "Traceback" in err and err.rstrip().endswith("reasoner: error: bad setting")


def test_reraise_lets_errors_through(monkeypatch):
    monkeypatch.setattr(commands, "run", lambda args: (_ for _ in ()).throw(ConfigError("bad")))
    with pytest.raises(ConfigError):
        main.main(["stats"], reraise=True)


def test_interrupt_exits_130(monkeypatch, capsys):
    monkeypatch.setattr(commands, "run", lambda args: (_ for _ in ()).throw(KeyboardInterrupt()))
    assert main.main(["stats"]) == main.EXIT_INTERRUPTED
    assert "interrupted" in capsys.readouterr().err


def test_programmer_errors_are_not_hidden(monkeypatch):
    monkeypatch.setattr(commands, "run", lambda args: (_ for _ in ()).throw(TypeError("bug")))
    with pytest.raises(TypeError):
        main.main(["stats"])


def test_missing_config_file_is_a_clear_error(tmp_path, capsys):
    assert main.main(["--config", str(tmp_path / "nope.toml"), "stats"]) == 1
    assert "nope.toml: no such config file" in capsys.readouterr().err


def test_config_file_and_flags_are_merged(tmp_path, monkeypatch):
    monkeypatch.delenv("REASONER_INDEX_DIR", raising=False)
    cfg_file = tmp_path / "r.toml"
    cfg_file.write_text('index_dir = "from_file"\nmax_tokens = 7\n')
    cfg = commands.load_config(main.parse_args(["--config", str(cfg_file), "stats"]))
    assert str(cfg.index_dir) == "from_file" and cfg.max_tokens == 7
    cfg = commands.load_config(main.parse_args(["--config", str(cfg_file), "stats", "--index", "flag"]))
    assert str(cfg.index_dir) == "flag"


def test_missing_index_names_the_fix(tmp_path, capsys):
    assert main.main(["ask", "hi", "--index", str(tmp_path / "none")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("reasoner: error: no index in") and "reasoner index" in err and "\n" not in err


def test_index_of_a_missing_folder_is_a_clear_error(tmp_path, capsys):
    assert main.main(["index", str(tmp_path / "nokb"), "--index", str(tmp_path / "ix")]) == 1
    assert "nokb: no such folder" in capsys.readouterr().err


def _with_fake(monkeypatch, fake):
    monkeypatch.setattr(commands, "open_reasoner", lambda cfg, groups=None: fake)


def test_ask_json_prints_the_answer_and_exits_0(monkeypatch, capsys, fake_reasoner):
    _with_fake(monkeypatch, fake_reasoner)
    assert main.main(["ask", "How many vacation days?", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["question"] == "How many vacation days?"
    assert data["value"] == "25" and data["route"] == "rag" and data["abstained"] is False
    assert data["evidence"][0]["source"] == "policies/leave.md"
    assert data["cost"]["tokens_out"] == 12 and "rag · verified" in data["badge"]
    assert fake_reasoner.closed


def test_ask_abstained_exits_3(monkeypatch, capsys, fake_reasoner):
    _with_fake(monkeypatch, fake_reasoner)
    assert main.main(["ask", "something unknown"]) == main.EXIT_ABSTAINED
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "I don't know: nothing supports an answer."
    assert out[1].startswith("none · abstained")


def test_ask_plain_prints_answer_badge_and_sources(monkeypatch, capsys, fake_reasoner):
    _with_fake(monkeypatch, fake_reasoner)
    assert main.main(["ask", "Who manages Dana Whitfield?", "--no-cache", "--route", "graph"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["Dana Whitfield is managed by Rafael Lindqvist.",
                   "graph · verified · 12 ms · 0 tokens · computed",
                   "sources: org/org_chart.csv:8"]
    assert fake_reasoner.memory.entries == {}  # --no-cache wrote nothing


def test_stats_and_memory_commands(monkeypatch, capsys, fake_reasoner):
    _with_fake(monkeypatch, fake_reasoner)
    fake_reasoner.ask("How many vacation days?")
    assert main.main(["stats"]) == 0
    out = capsys.readouterr().out
    assert "[index]" in out and "chunks: 7" in out and "[session]" in out
    assert main.main(["memory", "stats"]) == 0
    assert "entries: 1" in capsys.readouterr().out
    assert main.main(["memory", "clear"]) == 0
    assert "1 entries dropped" in capsys.readouterr().out
    assert fake_reasoner.memory.entries == {}


def test_memory_off_is_a_clear_error(monkeypatch, capsys, fake_reasoner):
    fake_reasoner.memory = None
    _with_fake(monkeypatch, fake_reasoner)
    assert main.main(["memory", "clear"]) == 1
    assert "memory is off" in capsys.readouterr().err


def test_eval_json_uses_run_eval(monkeypatch, capsys, fake_reasoner, tmp_path):
    _with_fake(monkeypatch, fake_reasoner)
    f = tmp_path / "dev.jsonl"
    lines = [
        {"id": "m1", "question": "What is 15% of 2400?", "answers": ["360"], "kind": "math"},
        {"id": "g1", "question": "Who manages Dana Whitfield?", "answers": ["Rafael Lindqvist"], "kind": "graph"},
        {"id": "a1", "question": "something unknown", "answers": [], "kind": "abstain"},
        {"id": "r1", "question": "How many vacation days?", "answers": ["30"], "kind": "rag"},
    ]
    f.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    assert main.main(["eval", str(f), "--json", "--limit", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["n"] == 3 and data["accuracy"] == 1.0
    assert data["routes"] == {"math": 1, "graph": 1, "none": 1}
    assert data["abstention"]["precision"] == 1.0 and len(data["rows"]) == 3
    assert main.main(["eval", str(f)]) == 0
    out = capsys.readouterr().out
    assert "accuracy: 75.0%" in out and "kind rag: 0.0% of 1" in out


def test_eval_bad_file_fails_before_opening(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(commands, "open_reasoner", lambda cfg: pytest.fail("opened the index"))
    f = tmp_path / "bad.jsonl"
    f.write_text('{"question": "ok", "answers": ["1"]}\nnot json\n')
    assert main.main(["eval", str(f)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("reasoner: error:") and "2" in err and err.count("\n") == 1


def test_broken_pipe_is_quiet(monkeypatch, capsys):
    monkeypatch.setattr(commands, "run", lambda args: (_ for _ in ()).throw(BrokenPipeError(32, "Broken pipe")))
    monkeypatch.setattr(main, "_silence_stdout", lambda: None)
    assert main.main(["stats"]) == main.EXIT_OK
    assert capsys.readouterr().err == ""
