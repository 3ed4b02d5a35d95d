"""Convert a GGUF file once into a cached transformers checkpoint.

De-quantising a GGUF with transformers takes tens of seconds; loading the saved
safetensors checkpoint takes about one. The cache is written into a temporary
folder and renamed into place, so a killed conversion never leaves a broken
cache behind: a folder under the final name is always complete.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from reasoner.errors import ModelError

MARKER = "reasoner-converted.json"
REQUIRED = ("config.json", "model.safetensors", "tokenizer.json", MARKER)


def cache_key(gguf: Path) -> str:
    """A folder name for a GGUF's converted checkpoint: its stem plus its size.

    >>> cache_key(Path("/x/SmolLM2-135M-Instruct.Q4_1.gguf")) # doctest: +SKIP
    'smollm2-135m-instruct.q4_1-98362432'
    """
    stem = re.sub(r"[^a-z0-9._-]+", "-", gguf.stem.lower())
    return f"{stem}-{gguf.stat().st_size}"


def is_complete(folder: Path) -> bool:
    """True when ``folder`` holds every file a finished conversion writes."""
    return folder.is_dir() and all((folder / name).is_file() for name in REQUIRED)


def write_atomically(target: Path, write: Callable[[Path], None], meta: dict[str, object]) -> Path:
    """Run ``write(tmp_folder)``, add the marker, then rename the folder to ``target``.

    On any failure the temporary folder is removed and ``target`` is untouched.
    When another process finished first, its folder is kept and ours dropped.

    Returns:
        ``target``.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        write(tmp)
        (tmp / MARKER).write_text(json.dumps(meta, indent=1), encoding="utf-8")
        if target.exists() and not is_complete(target):
            shutil.rmtree(target)  # a broken copy left by something else: replace it
        try:
            os.rename(tmp, target)
        except OSError:
            if not is_complete(target):
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def convert_gguf(gguf: Path, target: Path) -> Path:
    """De-quantise ``gguf`` with transformers and save it as a checkpoint at ``target``.

    Raises:
        ModelError: transformers cannot read the file.
    """
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    def write(folder: Path) -> None:
        try:
            tok = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
            model = AutoModelForCausalLM.from_pretrained(
                gguf.parent, gguf_file=gguf.name, dtype=torch.float32
            )
        except Exception as exc:  # transformers raises many kinds
            raise ModelError(f"cannot read {gguf}: {exc}") from exc
        # The GGUF quantizer blocks save_pretrained; the weights are plain fp32 now.
        model.hf_quantizer = None
        if hasattr(model.config, "quantization_config"):
            del model.config.quantization_config
        model.save_pretrained(folder)
        tok.save_pretrained(folder)

    meta = {"source": str(gguf), "size": gguf.stat().st_size}
    return write_atomically(target, write, meta)


def cached_checkpoint(gguf: Path, cache_dir: Path) -> Path:
    """The converted checkpoint for ``gguf`` under ``cache_dir``, converting on first use."""
    target = Path(cache_dir) / "llm" / cache_key(gguf)
    if is_complete(target):
        return target
    return convert_gguf(gguf, target)
