"""Migration scripts as statements, for both memory backends (one place, no import cycle)."""

from __future__ import annotations


def statements(script: str) -> list[str]:
    """Split a migration script into statements (executescript would commit our transaction)."""
    lines = [line.split("--")[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
