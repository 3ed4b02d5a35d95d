"""Bearer tokens to callers and groups: the file's parser, the comparison, rotation, and the one
call that hands the groups to the engine."""

from __future__ import annotations

import hashlib
import os

import pytest

from reasoner.errors import ConfigError
from reasoner.server import auth
from reasoner.server.auth import ANONYMOUS, Caller, TokenFile, load_tokens, parse_bearer, parse_tokens
from reasoner.server.engines import accepts_groups, ask_as

HR = "hr-token-0123456789abcdef"
OPS = "ops-token-0123456789abcdef"

TOML = f"""
[[tokens]]
name = "hr-portal"
token = "{HR}"
groups = ["hr", "staff"]

[[tokens]]
name = "ops"
sha256 = "{hashlib.sha256(OPS.encode()).hexdigest()}"
admin = true
"""


@pytest.mark.parametrize(
    ("header", "token"),
    [("Bearer abc", "abc"), ("bearer  abc ", "abc"), ("BEARER abc", "abc"), ("Basic abc", None), ("Bearer", None),
     ("Bearer ", None), ("", None), (None, None), ("abc", None)],
)  # fmt: skip
def test_parse_bearer(header, token):
    assert parse_bearer(header) == token


def test_tokens_map_to_callers_with_their_groups():
    table = parse_tokens(TOML, fmt="toml")
    assert table.caller(HR) == Caller("hr-portal", frozenset({"hr", "staff"}), admin=False)
    assert table.caller(OPS) == Caller("ops", frozenset(), admin=True)  # stored as its SHA-256
    assert table.caller("hr-token-0123456789abcdeX") is None
    assert table.caller(HR[:-1]) is None and table.caller("") is None and table.caller(None) is None


def test_json_files_hold_the_same_table(tmp_path):
    path = tmp_path / "tokens.json"
    path.write_text(f'{{"tokens": [{{"name": "a", "token": "{HR}", "groups": ["g"]}}]}}')
    assert load_tokens(path).caller(HR) == Caller("a", frozenset({"g"}))


def test_an_empty_file_lets_nobody_in():
    assert parse_tokens("", fmt="toml").caller(HR) is None


def test_every_entry_is_compared_even_after_a_match(monkeypatch):
    """Constant time over the table: where the match is says nothing through the time taken."""
    calls = []
    real = auth.hmac.compare_digest
    monkeypatch.setattr(auth.hmac, "compare_digest", lambda a, b: calls.append(1) or real(a, b))
    table = parse_tokens(TOML, fmt="toml")
    table.caller(HR)  # the first entry
    assert len(calls) == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tokens = 3", "list named 'tokens'"),
        ("[[tokens]]\nname = 'a'\ntoken = 'short'", "at least 16"),
        (f"[[tokens]]\nname = 'a'\ntoken = ' {HR}'", "surrounding spaces"),
        (f"[[tokens]]\nname = 'a'\ntoken = '{HR}'\nsha256 = '{'0' * 64}'", "exactly one"),
        ("[[tokens]]\nname = 'a'", "exactly one"),
        ("[[tokens]]\nname = 'a'\nsha256 = 'xyz'", "64 hex"),
        (f"[[tokens]]\nname = 'a'\ntoken = '{HR}'\ngroup = ['x']", "unknown key"),
        (f"[[tokens]]\nname = 'a'\ntoken = '{HR}'\ngroups = 'hr'", "list of group names"),
        (f"[[tokens]]\nname = 'a'\ntoken = '{HR}'\nadmin = 'yes'", "true or false"),
        (f"[[tokens]]\ntoken = '{HR}'", "'name'"),
        (f"[[tokens]]\nname = 'a'\ntoken = '{HR}'\n[[tokens]]\nname = 'a'\ntoken = '{OPS}'", "twice"),
        ("[[tokens]\n", "not valid TOML"),
    ],
)
def test_malformed_files_are_one_clear_error(text, message):
    with pytest.raises(ConfigError, match=message):
        parse_tokens(text, fmt="toml")


def test_an_unreadable_file_names_itself(tmp_path):
    with pytest.raises(ConfigError, match="nope.toml"):
        load_tokens(tmp_path / "nope.toml")


def test_a_changed_file_rotates_tokens_and_a_broken_one_keeps_the_last_good(tmp_path, monkeypatch):
    monkeypatch.setattr(auth, "RECHECK_S", 0.0)
    path = tmp_path / "tokens.toml"
    path.write_text(TOML)
    tokens = TokenFile(path)
    assert tokens.caller(f"Bearer {HR}").name == "hr-portal"
    new = "hr-token-NEW-0123456789abcdef"
    path.write_text(TOML.replace(HR, new))
    os.utime(path, ns=(1, 1))  # a distinct stamp even within the file system's clock tick
    assert tokens.caller(f"Bearer {HR}") is None
    assert tokens.caller(f"Bearer {new}").name == "hr-portal"
    path.write_text("[[tokens]\nbroken")
    assert tokens.caller(f"Bearer {new}").name == "hr-portal"  # still the last good table


def test_a_broken_file_at_start_up_is_an_error(tmp_path):
    path = tmp_path / "tokens.toml"
    path.write_text("[[tokens]]\nname = 'a'")
    with pytest.raises(ConfigError, match="tokens.toml"):
        TokenFile(path)


# -- the groups reach the engine through ask_as ---------------------------------------------------


class WithGroups:
    def __init__(self) -> None:
        self.kw: dict = {}

    def ask(self, question: str, *, groups: frozenset[str] | None = None, route: str = "auto") -> str:
        self.kw = {"groups": groups, "route": route}
        return question


class WithoutGroups:
    def __init__(self) -> None:
        self.kw: dict = {}

    def ask(self, question: str, *, route: str = "auto") -> str:
        self.kw = {"route": route}
        return question


def test_ask_as_passes_the_callers_groups_when_the_engine_takes_them():
    engine = WithGroups()
    ask_as(engine, "q", caller=Caller("hr", frozenset({"hr"})), route="rag")
    assert engine.kw == {"groups": frozenset({"hr"}), "route": "rag"}
    ask_as(engine, "q", caller=Caller("none", frozenset()))
    assert engine.kw["groups"] == frozenset()  # a member of no group: not the same as unrestricted
    ask_as(engine, "q", caller=ANONYMOUS)
    assert engine.kw["groups"] is None


def test_ask_as_leaves_groups_out_for_an_engine_without_them():
    engine = WithoutGroups()
    assert ask_as(engine, "q", caller=Caller("hr", frozenset({"hr"}))) == "q"
    assert engine.kw == {"route": "auto"}
    assert accepts_groups(WithGroups) and not accepts_groups(WithoutGroups)

