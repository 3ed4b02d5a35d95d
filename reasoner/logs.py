"""Logging helpers shared by the parts that call chatty libraries."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def quiet(logger_name: str | None = None, level: int = logging.ERROR) -> Iterator[None]:
    """Raise a logger's level for the duration (None: the root logger), then restore it.

    pypdf logs every malformed object it skips and onnxruntime's quantiser logs advice
    on the root logger; neither is for the user.
    """
    log = logging.getLogger(logger_name)
    before = log.level
    log.setLevel(level)
    try:
        yield
    finally:
        log.setLevel(before)
