"""Transformers backend: a local causal LM (or a GGUF converted once) on CPU.

Speed-ups kept after measuring (benchmarks/bench_llm.py): a converted checkpoint
instead of de-quantising the GGUF at every start, and reuse of the KV cache of the
longest prompt prefix shared with the previous call (the system prompt across
questions; the whole prompt across best-of-N samples). Prompt-lookup decoding and
dynamic int8 quantisation are options, off by default (see benchmarks/notes/llm.md).

GGUF models run on llama.cpp by default now (reasoner.llm.llamacpp, several times
faster); this backend serves Hugging Face folders and ``backend="transformers"``.
It cannot enforce a grammar: ``grammar``/``json_schema`` are accepted and ignored
(``Generation.constrained`` is False). One call runs at a time (a lock): the
prefix cache and torch's thread setting are shared state.
"""

from __future__ import annotations

import copy
import os
import shutil
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from reasoner.errors import ModelError
from reasoner.llm.base import Generation, Message
from reasoner.llm.convert import cached_checkpoint

MIN_REUSE = 8  # shorter shared prefixes are not worth copying a cache for


def load_transformers(
    path: Path,
    *,
    cache_dir: Path,
    name: str | None = None,
    quantize: Literal["none", "int8"] = "none",
    prompt_lookup: int = 0,
    reuse_prefix: bool = True,
    threads: int | Literal["auto"] = "auto",
) -> TransformersLLM:
    """Load a Hugging Face causal LM folder, or a ``.gguf`` file through the conversion cache.

    Raises:
        ModelError: the model cannot be loaded.
    """
    t0 = time.perf_counter()
    path = Path(path)
    if path.suffix == ".gguf":
        ckpt = cached_checkpoint(path, cache_dir)
        try:
            model, tok = _load_checkpoint(ckpt)
        except ModelError:
            shutil.rmtree(ckpt, ignore_errors=True)  # a damaged cache: convert again, once
            model, tok = _load_checkpoint(cached_checkpoint(path, cache_dir))
    else:
        model, tok = _load_checkpoint(path)
    if quantize == "int8":
        model = quantize_int8(model)
    elif quantize != "none":
        raise ModelError(f"quantize must be 'none' or 'int8', not {quantize!r}")
    return TransformersLLM(
        model,
        tok,
        name=name or path.stem,
        prompt_lookup=prompt_lookup,
        reuse_prefix=reuse_prefix,
        threads=threads,
        load_ms=(time.perf_counter() - t0) * 1e3,
    )


def _load_checkpoint(path: Path) -> tuple[Any, Any]:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    try:
        tok = AutoTokenizer.from_pretrained(path, local_files_only=True)
        model = AutoModelForCausalLM.from_pretrained(path, local_files_only=True, dtype=torch.float32)
    except Exception as exc:  # transformers raises OSError, ValueError, safetensors errors...
        raise ModelError(f"cannot load a causal LM from {path}: {exc}") from exc
    model.eval()
    return model, tok


def quantize_int8(model: Any) -> Any:
    """Dynamic int8 quantisation of the decoder's Linear layers (the tied LM head stays fp32)."""
    import torch
    from torch.ao.quantization import quantize_dynamic

    inner = getattr(model, "model", None)
    if inner is None:
        return quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    model.model = quantize_dynamic(inner, {torch.nn.Linear}, dtype=torch.qint8)
    return model


class TransformersLLM:
    """An ``LLM`` over a transformers model and tokenizer, streaming and reusing prompt caches."""

    supports_grammar = False

    def __init__(
        self,
        model: Any,
        tokenizer: Any,
        *,
        name: str,
        prompt_lookup: int = 0,
        reuse_prefix: bool = True,
        threads: int | Literal["auto"] | None = "auto",
        load_ms: float = 0.0,
    ) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.name = name
        self.params = sum(p.numel() for p in model.parameters())
        self.prompt_lookup = prompt_lookup
        self.reuse_prefix = reuse_prefix
        self.threads = threads
        self.load_ms = load_ms
        self.max_context = int(getattr(model.config, "max_position_embeddings", 2048))
        self._prefix = PrefixCache()
        self._lock = threading.Lock()

    def encode(self, messages: Sequence[Message]) -> list[int]:
        """The prompt token ids of a chat, with the assistant turn opened."""
        out = self.tokenizer.apply_chat_template(list(messages), add_generation_prompt=True, tokenize=True)
        if hasattr(out, "keys"):  # newer transformers return a BatchEncoding
            out = out["input_ids"]
        return list(out)

    def generate(
        self,
        messages: Sequence[Message],
        *,
        max_new_tokens: int = 256,
        temperature: float = 0.0,
        seed: int | None = None,
        stop: Sequence[str] = (),
        on_token: Callable[[str], None] | None = None,
        grammar: str | None = None,
        json_schema: Mapping[str, Any] | None = None,
    ) -> Generation:
        """Complete a chat; stream text to ``on_token``; see the ``LLM`` protocol.

        ``grammar`` and ``json_schema`` are not enforced here (``constrained`` stays False).
        """
        with self._lock:
            return self._generate(messages, max_new_tokens, temperature, seed, stop, on_token)

    def _generate(
        self,
        messages: Sequence[Message],
        max_new_tokens: int,
        temperature: float,
        seed: int | None,
        stop: Sequence[str],
        on_token: Callable[[str], None] | None,
    ) -> Generation:
        import torch

        t0 = time.perf_counter()
        ids = self.encode(messages)
        if len(ids) + max_new_tokens > self.max_context:
            raise ModelError(f"prompt of {len(ids)} tokens does not fit the {self.max_context}-token context")
        past, cached = self._prefix.lookup(ids) if self.reuse_prefix else (None, 0)
        streamer = _Streamer(self.tokenizer, on_token, t0, stop)
        kwargs = self._generate_kwargs(max_new_tokens, temperature, seed, stop)
        n_threads = pick_threads(self.threads)
        if n_threads:
            torch.set_num_threads(n_threads)
        if past is not None:
            kwargs[_cache_arg()] = past
        with torch.inference_mode():
            out = self.model.generate(
                torch.tensor([ids]),
                attention_mask=torch.ones(1, len(ids), dtype=torch.long),
                streamer=streamer,
                return_dict_in_generate=True,
                **kwargs,
            )
        new = out.sequences[0, len(ids) :].tolist()
        if self.reuse_prefix:
            self._prefix.store(out.sequences[0].tolist(), _output_cache(out))
        full = self.tokenizer.decode(new, skip_special_tokens=True)
        text = cut_at_stop(full, stop)
        ms = (time.perf_counter() - t0) * 1e3
        finish = "length" if len(new) >= max_new_tokens and text == full else "stop"
        return Generation(text.strip(), len(ids), len(new), ms, self.name, streamer.first_ms, cached, finish)

    def _generate_kwargs(
        self, max_new_tokens: int, temperature: float, seed: int | None, stop: Sequence[str]
    ) -> dict[str, Any]:
        import torch

        kw: dict[str, Any] = {
            "max_new_tokens": max_new_tokens,
            "pad_token_id": self.tokenizer.eos_token_id,
        }
        if temperature > 0:
            if seed is not None:
                torch.manual_seed(seed)
            kw.update(do_sample=True, temperature=temperature, top_p=0.95, top_k=0)
        else:
            kw.update(do_sample=False, temperature=None, top_p=None, top_k=None)
            if self.prompt_lookup:
                kw["prompt_lookup_num_tokens"] = self.prompt_lookup
        if stop:
            kw.update(stop_strings=list(stop), tokenizer=self.tokenizer)
        return kw


class PrefixCache:
    """The KV cache of the last call, reused for the longest prompt prefix a new call shares."""

    def __init__(self) -> None:
        self.ids: list[int] = []
        self.cache: Any = None

    def lookup(self, ids: list[int]) -> tuple[Any, int]:
        """A private copy of the cache cropped to the shared prefix, and its length (or None, 0)."""
        n = min(common_prefix(self.ids, ids), len(ids) - 1)
        if self.cache is None or n < MIN_REUSE:
            return None, 0
        cache = copy.deepcopy(self.cache)
        cache.crop(-(cache.get_seq_length() - n))  # negative: tokens to drop from the end
        return cache, n

    def store(self, ids: list[int], cache: Any) -> None:
        """Keep ``cache`` and the token ids it holds (the last generated token is never fed)."""
        if cache is not None and hasattr(cache, "crop"):
            self.ids, self.cache = ids[: cache.get_seq_length()], cache


def pick_threads(
    setting: int | str | None, *, cores: int | None = None, load: float | None = None
) -> int | None:
    """Torch threads for the next call: a fixed number, None (leave torch alone), or "auto".

    "auto" uses every core on an idle machine and fewer as the 1-minute load
    average rises: a small model's decode steps are short, and threads that wait
    for busy cores cost far more than they save (measured: 8x slower decoding
    with 2 threads than with 1 on 2 cores at load 9; benchmarks/notes/llm.md).
    """
    if setting is None or isinstance(setting, int):
        return setting
    cores = cores or os.cpu_count() or 1
    if load is None:
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    return max(1, min(cores, round(cores - load + 1)))


def _cache_arg() -> str:
    """transformers 5.2x renamed generate's ``past_key_values`` argument to ``cache``."""
    from transformers.generation.utils import GenerateDecoderOnlyOutput

    return "cache" if "cache" in GenerateDecoderOnlyOutput.__dataclass_fields__ else "past_key_values"


def _output_cache(out: Any) -> Any:
    return getattr(out, "cache", None) or getattr(out, "past_key_values", None)


def common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    """Length of the longest common prefix of two token sequences."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def cut_at_stop(text: str, stop: Sequence[str]) -> str:
    """``text`` up to the first occurrence of any stop string."""
    cuts = [text.find(s) for s in stop if s and s in text]
    return text[: min(cuts)] if cuts else text


def _streamer_base() -> type:
    from transformers import TextStreamer

    return TextStreamer


class _Streamer:
    """Forwards decoded text to ``on_token`` and records the time of the first new token."""

    def __init__(
        self, tokenizer: Any, on_token: Callable[[str], None] | None, t0: float, stop: Sequence[str]
    ):
        base = _streamer_base()
        self._inner = base(tokenizer, skip_prompt=True, skip_special_tokens=True)
        self._inner.on_finalized_text = self._emit
        self.on_token = on_token
        self.t0 = t0
        self.stop = [s for s in stop if s]
        self.first_ms: float | None = None
        self._seen = ""
        self._done = False

    def put(self, value: Any) -> None:
        if not self._inner.next_tokens_are_prompt and self.first_ms is None:
            self.first_ms = (time.perf_counter() - self.t0) * 1e3
        self._inner.put(value)

    def end(self) -> None:
        self._inner.end()

    def _emit(self, text: str, stream_end: bool = False) -> None:
        if not text or self.on_token is None or self._done:
            return
        self._seen += text
        cut = cut_at_stop(self._seen, self.stop)
        if len(cut) < len(self._seen):
            self._done = True
            text = text[: max(0, len(text) - (len(self._seen) - len(cut)))]
        if text:
            self.on_token(text)
