"""A registry of pluggable parts by name, with a dotted-path escape hatch.

After txtai's factories and llm's plugins: a part is created from the name saved
in the configuration; a name that is not registered may be a dotted path
(``"package.module:factory"`` or ``"package.module.factory"``) to a callable of the
same signature, so a user plugs in a backend without patching the package.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Generic, TypeVar

from reasoner.errors import ConfigError

F = TypeVar("F", bound=Callable[..., object])


class Registry(Generic[F]):
    """Factories of one kind of part (``kind`` names it in error messages)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._factories: dict[str, F] = {}

    def register(self, name: str) -> Callable[[F], F]:
        """Decorator: register ``factory`` under ``name``."""

        def add(factory: F) -> F:
            self._factories[name] = factory
            return factory

        return add

    def names(self) -> tuple[str, ...]:
        return tuple(self._factories)

    def __contains__(self, name: str) -> bool:
        return name in self._factories

    def resolve(self, spec: str) -> F:
        """The factory registered as ``spec``, or the callable a dotted path names.

        Raises:
            ConfigError: neither a registered name nor an importable callable.
        """
        if spec in self._factories:
            return self._factories[spec]
        if "." in spec or ":" in spec:
            return self._import(spec)
        known = ", ".join(self._factories) or "none"
        raise ConfigError(f"unknown {self.kind} {spec!r}: choose one of {known}, or a dotted path 'package.module:name'")

    def _import(self, spec: str) -> F:
        module, _, attr = spec.partition(":") if ":" in spec else spec.rpartition(".")
        try:
            target = getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError, ValueError) as exc:
            raise ConfigError(f"{self.kind} {spec!r} cannot be imported: {exc}") from exc
        if not callable(target):
            raise ConfigError(f"{self.kind} {spec!r} is not callable")
        return target
