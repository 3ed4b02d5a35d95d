"""`reasoner serve`: its options, and the clear errors it gives before starting any worker."""

from __future__ import annotations

import pytest

from reasoner.cli import main
from reasoner.server.settings import ServeSettings, settings_from_args


def fake_index(root):
    (root / "knowledge").mkdir(parents=True)
    (root / "knowledge" / "docstore.sqlite").write_bytes(b"")  # what index_exists looks for
    return root


def test_serve_options_become_settings(monkeypatch):
    monkeypatch.delenv("REASONER_TOKENS_FILE", raising=False)
    args = main.parse_args(["serve", "--index", "ix", "--kb", "docs", "--host", "0.0.0.0", "--port", "9000",
                            "--workers", "4", "--tokens", "t.toml", "--max-concurrent", "3", "--timeout", "7.5",
                            "--max-question", "500", "--max-body", "4096", "--config", "r.toml"])  # fmt: skip
    assert settings_from_args(args) == ServeSettings(
        index_dir="ix", kb_dir="docs", config_path="r.toml", host="0.0.0.0", port=9000, workers=4,
        tokens_file="t.toml", max_concurrent=3, timeout_s=7.5, max_question_chars=500, max_body_bytes=4096)  # fmt: skip


def test_defaults_and_the_tokens_file_from_the_environment(monkeypatch):
    monkeypatch.setenv("REASONER_TOKENS_FILE", "/etc/reasoner/tokens.toml")
    s = settings_from_args(main.parse_args(["serve"]))
    assert (s.host, s.port, s.workers, s.index_dir) == ("127.0.0.1", 8000, 1, None)
    assert s.tokens_file == "/etc/reasoner/tokens.toml"


def test_help_lists_serve(capsys):
    assert main.main(["--help"]) == main.EXIT_OK
    assert "serve" in capsys.readouterr().out


@pytest.mark.parametrize("argv_tail", [["--workers", "0"], ["--port", "0"], ["--timeout", "-1"]])
def test_nonsense_options_are_one_line_errors(argv_tail, capsys):
    assert main.main(["serve", *argv_tail]) == main.EXIT_ERROR
    assert "must be positive" in capsys.readouterr().err


def test_no_index_is_one_clear_error(tmp_path, capsys):
    assert main.main(["serve", "--index", str(tmp_path / "nothing")]) == main.EXIT_ERROR
    assert "no index in" in capsys.readouterr().err


def test_a_bad_tokens_file_stops_serve_before_it_starts(tmp_path, capsys):
    index = fake_index(tmp_path / "ix")
    tokens = tmp_path / "tokens.toml"
    tokens.write_text("[[tokens]]\nname = 'x'\ntoken = 'short'\n")
    assert main.main(["serve", "--index", str(index), "--tokens", str(tokens)]) == main.EXIT_ERROR
    err = capsys.readouterr().err
    assert "tokens.toml" in err and "at least 16" in err


def test_a_missing_config_file_is_named(tmp_path, capsys):
    index = fake_index(tmp_path / "ix")
    assert main.main(["serve", "--index", str(index), "--config", str(tmp_path / "none.toml")]) == main.EXIT_ERROR
    assert "none.toml" in capsys.readouterr().err
