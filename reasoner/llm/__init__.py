"""Language-model backends behind one small interface.

``load_llm(spec, cache_dir=...)`` picks the backend: GGUF models (the bundled
SmolLM2-135M by default, Gemma 3 270M one setting away) on llama.cpp through
``xllamacpp``, Hugging Face folders on transformers, LangChain chat models for
servers, or the scripted fake. Heavy libraries load lazily.
"""

from __future__ import annotations

from reasoner.llm.base import LLM, FakeLLM, Generation, Message, supports_grammar
from reasoner.llm.factory import load_llm

__all__ = ["LLM", "FakeLLM", "Generation", "Message", "load_llm", "supports_grammar"]
