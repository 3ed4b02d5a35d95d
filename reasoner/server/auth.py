"""Bearer tokens mapped to callers and their groups, read from a TOML or JSON file.

The file lists one table per token::

    [[tokens]]
    name = "hr-portal"                 # who holds it (logs, /health never show tokens)
    token = "..."                      # the secret itself, at least 16 characters, or
    # sha256 = "<64 hex digits>"       # its SHA-256, so the file need not hold the secret
    groups = ["hr", "staff"]           # passed to the engine with every question
    admin = false                      # may call POST /index

(JSON: ``{"tokens": [{...}, ...]}``.) Tokens are compared as SHA-256 digests with
``hmac.compare_digest`` against every entry, so the time taken says nothing about which
entry, or how much of one, matched. The file is read again when it changes (checked at
most once a second), so tokens rotate without a restart: add the new one, move the
clients, delete the old one. A file that stops parsing keeps the last good table (and
says so in the log) rather than locking everyone out or letting everyone in.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
import threading
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reasoner.errors import ConfigError

log = logging.getLogger("reasoner.server")

MIN_TOKEN_CHARS = 16
RECHECK_S = 1.0
_KEYS = {"name", "token", "sha256", "groups", "admin"}
_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Caller:
    """Who sent a request.

    Attributes:
        name: the token's name ("anonymous" when the server has no tokens).
        groups: the groups the engine restricts answers to (None: unrestricted).
        admin: may re-index.
    """

    name: str
    groups: frozenset[str] | None
    admin: bool = False


ANONYMOUS = Caller("anonymous", None, admin=True)  # a server without tokens: local use only


@dataclass(frozen=True)
class TokenEntry:
    name: str
    digest: bytes  # SHA-256 of the token
    groups: frozenset[str]
    admin: bool = False


def digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8")).digest()


def parse_bearer(header: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header (None: absent or another scheme)."""
    if not header:
        return None
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


@dataclass(frozen=True)
class TokenTable:
    """The tokens of one version of the file."""

    entries: tuple[TokenEntry, ...]

    def caller(self, token: str | None) -> Caller | None:
        """The caller holding ``token``, or None. Every entry is compared, match or not."""
        if not token:
            return None
        presented = digest(token)
        found: TokenEntry | None = None
        for entry in self.entries:
            if hmac.compare_digest(presented, entry.digest):
                found = entry
        return Caller(found.name, found.groups, found.admin) if found else None


def parse_tokens(text: str, *, fmt: str) -> TokenTable:
    """A TokenTable from the file's text (``fmt`` "toml" or "json"); pure.

    Raises:
        ConfigError: not valid TOML/JSON, or an entry is malformed.
    """
    try:
        data = tomllib.loads(text) if fmt == "toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"the tokens file is not valid {fmt.upper()} ({exc})") from exc
    raw = data.get("tokens", []) if isinstance(data, dict) else None
    if not isinstance(raw, list):
        raise ConfigError("the tokens file must hold a list named 'tokens'")
    entries = tuple(_entry(item, i) for i, item in enumerate(raw))
    names = [e.name for e in entries]
    if len(set(names)) != len(names):
        raise ConfigError("the tokens file names a token twice: give each token its own name")
    return TokenTable(entries)


def _entry(item: Any, i: int) -> TokenEntry:
    where = f"tokens[{i}]"
    if not isinstance(item, dict):
        raise ConfigError(f"{where} must be a table with name, token (or sha256) and groups")
    unknown = sorted(set(item) - _KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}; known: {', '.join(sorted(_KEYS))}")
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{where}: 'name' must be a non-empty string")
    groups = item.get("groups", [])
    if not isinstance(groups, list) or not all(isinstance(g, str) and g for g in groups):
        raise ConfigError(f"{where} ({name}): 'groups' must be a list of group names")
    admin = item.get("admin", False)
    if not isinstance(admin, bool):
        raise ConfigError(f"{where} ({name}): 'admin' must be true or false")
    return TokenEntry(name, _secret(item, where, name), frozenset(groups), admin)


def _secret(item: dict[str, Any], where: str, name: str) -> bytes:
    token, hashed = item.get("token"), item.get("sha256")
    if (token is None) == (hashed is None):
        raise ConfigError(f"{where} ({name}): give exactly one of 'token' or 'sha256'")
    if token is not None:
        if not isinstance(token, str) or len(token) < MIN_TOKEN_CHARS or token != token.strip():
            raise ConfigError(f"{where} ({name}): 'token' must be at least {MIN_TOKEN_CHARS} characters, "
                              "without surrounding spaces")  # fmt: skip
        return digest(token)
    if not isinstance(hashed, str) or not _HEX64.fullmatch(hashed.lower()):
        raise ConfigError(f"{where} ({name}): 'sha256' must be 64 hex digits")
    return bytes.fromhex(hashed)


def load_tokens(path: str | Path) -> TokenTable:
    """Read a tokens file (``.json`` is JSON, anything else TOML)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the tokens file {path}: {exc}") from exc
    try:
        return parse_tokens(text, fmt="json" if path.suffix.lower() == ".json" else "toml")
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from exc


class TokenFile:
    """The tokens file, re-read when it changes (rotation without a restart)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._stamp = self._stat()
        self.table = load_tokens(self.path)  # a bad file at start-up is an error, not a warning
        self._checked = time.monotonic()
        self._lock = threading.Lock()

    def _stat(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def current(self) -> TokenTable:
        """The table, re-read first when the file changed since the last check."""
        now = time.monotonic()
        if now - self._checked < RECHECK_S:
            return self.table
        with self._lock:
            self._checked = now
            stamp = self._stat()
            if stamp != self._stamp:
                self._reload(stamp)
        return self.table

    def _reload(self, stamp: tuple[int, int] | None) -> None:
        self._stamp = stamp  # one log line per change of the file, good or bad
        try:
            self.table = load_tokens(self.path)
            log.info("tokens file %s reloaded: %d token(s)", self.path, len(self.table.entries))
        except ConfigError as exc:
            log.error("tokens file changed but cannot be used, keeping the previous tokens: %s", exc)

    def caller(self, header: str | None) -> Caller | None:
        """The caller an ``Authorization`` header identifies, or None (401)."""
        return self.current().caller(parse_bearer(header))
