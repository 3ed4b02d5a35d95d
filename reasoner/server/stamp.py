"""The re-index stamp: a small file in the index folder that changes whenever the index does.

Every worker opened the index once; after another worker (``POST /index``) or
`reasoner index` rebuilt it, a worker must open it again. Reading one small file per
question is the cheapest check that works across processes and machines sharing the
folder. Standard library only (`reasoner index` writes it).
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

STAMP_NAME = "serve.stamp"


def read_stamp(index_dir: str | Path) -> str:
    """The current stamp ("" when none was written)."""
    try:
        return (Path(index_dir) / STAMP_NAME).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def write_stamp(index_dir: str | Path) -> str:
    """A new stamp, written atomically (temporary file, then rename); returns it."""
    folder = Path(index_dir)
    stamp = uuid.uuid4().hex
    tmp = folder / f".{STAMP_NAME}.{os.getpid()}.tmp"
    tmp.write_text(stamp + "\n", encoding="utf-8")
    os.replace(tmp, folder / STAMP_NAME)
    return stamp
