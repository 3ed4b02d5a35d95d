"""Language-model backends behind one small interface.

``load_llm(spec, cache_dir=...)`` picks the backend: the bundled SmolLM2 GGUF run
with transformers, any local Hugging Face causal LM, a LangChain chat model,
llama.cpp (optional), or the scripted fake. Heavy libraries load lazily.
"""

from __future__ import annotations

from reasoner.llm.base import LLM, FakeLLM, Generation, Message
from reasoner.llm.factory import load_llm

__all__ = ["LLM", "FakeLLM", "Generation", "Message", "load_llm"]
