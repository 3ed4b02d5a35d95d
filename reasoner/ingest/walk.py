"""One walk of the knowledge base: which files there are, by "/"-separated relative path.

The chunk index walks the folder once per run and records a content fingerprint
of every file it saw (``IndexReport.fingerprints``); the graph consumes that
report instead of walking and hashing the folder again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path


def walk(kb_dir: Path, exclude: Iterable[Path] = ()) -> dict[str, Path]:
    """Files under ``kb_dir`` by relative "/" path; hidden files and ``exclude`` folders skipped."""
    excluded = {p.resolve() for p in exclude}
    out: dict[str, Path] = {}
    for root, dirs, files in os.walk(kb_dir):
        rp = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (rp / d).resolve() not in excluded)
        for name in sorted(files):
            if not name.startswith("."):
                out[(rp / name).relative_to(kb_dir).as_posix()] = rp / name
    return out


def fingerprint(data: bytes) -> str:
    """The content fingerprint both the index and the graph record (SHA-1 of the bytes)."""
    return hashlib.sha1(data).hexdigest()
