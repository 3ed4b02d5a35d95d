"""What a GGUF file's header says: architecture, parameter count, chat template.

The ``gguf`` package reads the same header, but it also parses every token
string into numpy objects: 4 s for SmolLM2 and 20 s for Gemma 3 (262k tokens)
on the shared machine, against well under a second here, where arrays are skipped.
"""

from __future__ import annotations

import mmap
import struct
from dataclasses import dataclass, field
from math import prod
from pathlib import Path
from typing import Any

from reasoner.errors import ModelError

MAGIC = b"GGUF"
# value type -> struct format of a scalar; 8 = string, 9 = array
_SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q", 11: "<q", 12: "<d"}
_STRING, _ARRAY = 8, 9


@dataclass(frozen=True)
class TensorInfo:
    """Where one tensor lies: ``dims`` innermost first (as GGUF stores them), ``offset`` from the data start."""

    name: str
    dims: tuple[int, ...]
    ggml_type: int
    offset: int


@dataclass
class GGUFInfo:
    """The header fields a backend needs, and the scalar metadata (arrays are skipped).

    ``kv_span`` is the (start, end) byte range of the metadata section and
    ``data_start`` where tensor data begins, so a rewriter can copy the metadata as it is.
    """

    version: int
    n_params: int
    n_tensors: int
    metadata: dict[str, Any] = field(default_factory=dict)
    tensors: list[TensorInfo] = field(default_factory=list)
    kv_span: tuple[int, int] = (0, 0)
    data_start: int = 0

    @property
    def architecture(self) -> str:
        return str(self.metadata.get("general.architecture", ""))

    @property
    def has_chat_template(self) -> bool:
        return bool(self.metadata.get("tokenizer.chat_template"))

    @property
    def context_length(self) -> int:
        return int(self.metadata.get(f"{self.architecture}.context_length", 0) or 0)


def read_gguf_info(path: Path) -> GGUFInfo:
    """Parse the header of the GGUF file at ``path``.

    Raises:
        ModelError: the file is missing, not a GGUF file, or its header is cut short.
    """
    try:
        with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as buf:
            return parse_gguf_header(buf)
    except (OSError, ValueError) as exc:  # ValueError: mmap of an empty file
        raise ModelError(f"cannot read GGUF file {path}: {exc}") from exc


def parse_gguf_header(buf: Any) -> GGUFInfo:
    """Parse a GGUF header from a bytes-like buffer (a pure function, for tests).

    Raises:
        ModelError: not a GGUF header, or one cut short.
    """
    if bytes(buf[:4]) != MAGIC:
        raise ModelError("not a GGUF file (bad magic)")
    try:
        reader = _Reader(buf, 4)
        version, n_tensors, n_kv = reader.scalar("<I"), reader.scalar("<Q"), reader.scalar("<Q")
        kv_start = reader.pos
        meta: dict[str, Any] = {}
        for _ in range(n_kv):
            key = reader.string()
            meta[key] = reader.value(reader.scalar("<I"))
        kv_end = reader.pos
        tensors = []
        for _ in range(n_tensors):
            name = reader.string()
            dims = tuple(reader.scalar("<Q") for _ in range(reader.scalar("<I")))
            tensors.append(TensorInfo(name, dims, reader.scalar("<I"), reader.scalar("<Q")))
    except (struct.error, UnicodeDecodeError, KeyError) as exc:
        raise ModelError(f"malformed GGUF header: {exc}") from exc
    align = int(meta.get("general.alignment", 32) or 32)
    data_start = -(-reader.pos // align) * align
    n_params = sum(prod(t.dims) for t in tensors)
    return GGUFInfo(version, n_params, n_tensors, meta, tensors, (kv_start, kv_end), data_start)


class _Reader:
    """A cursor over the header bytes."""

    def __init__(self, buf: Any, pos: int) -> None:
        self.buf, self.pos = buf, pos

    def scalar(self, fmt: str) -> Any:
        (value,) = struct.unpack_from(fmt, self.buf, self.pos)
        self.pos += struct.calcsize(fmt)
        return value

    def skip(self, n: int) -> None:
        if self.pos + n > len(self.buf):
            raise struct.error("header cut short")
        self.pos += n

    def string(self) -> str:
        n = self.scalar("<Q")
        self.skip(n)
        return bytes(self.buf[self.pos - n : self.pos]).decode("utf-8")

    def value(self, kind: int) -> Any:
        """A scalar or string value; an array is skipped and stands as its length."""
        if kind == _STRING:
            return self.string()
        if kind == _ARRAY:
            elem, n = self.scalar("<I"), self.scalar("<Q")
            if elem == _STRING:
                for _ in range(n):
                    self.skip(self.scalar("<Q"))
            elif elem == _ARRAY:
                raise KeyError("nested GGUF arrays are not supported")
            else:
                self.skip(n * struct.calcsize(_SCALARS[elem]))
            return n
        return self.scalar(_SCALARS[kind])
