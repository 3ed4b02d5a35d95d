"""llama.cpp backend through ``xllamacpp``: a GGUF file runs as it is, in-process.

``xllamacpp`` (a prebuilt CPU wheel on PyPI) embeds llama.cpp's server: a
request goes to ``Server.handle_chat_completions`` as an OpenAI-style dict and
comes back as stream chunks. What the server gives us, and why it is used:

- Quantised kernels: the Q4 weights are read as they are (no fp32 conversion),
  loading in about a second and decoding several times faster than transformers
  (benchmarks/bench_llm.py, benchmarks/notes/llm.md).
- Prompt caching: the KV cache of the slot's previous prompt is reused for the
  longest shared prefix (system prompt, then the sources), and prompts that
  left the slot are kept in a RAM cache (``cache_ram_mb``) and restored when a
  later prompt shares more with them.
- Grammars and JSON schemas (``grammar=``, ``json_schema=``) enforced while
  decoding; speculative decoding with n-gram drafts from the prompt.
- A task queue: several threads may call ``generate`` on one loaded model at
  once; with one slot (the default) requests run one after another, each
  output as if it ran alone.

The embedded server also listens on a random loopback port (it cannot be
turned off); a random API key locks that port, while in-process calls need none.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from reasoner.errors import ModelError
from reasoner.llm.base import ROLES, Generation, Message
from reasoner.llm.bundled import GEMMA_CHAT_TEMPLATE
from reasoner.llm.gguf_info import GGUFInfo, read_gguf_info

Speculative = Literal["none", "ngram"]
Weights = Literal["file", "q8_0"]
# Chat templates by GGUF architecture, for files that carry none (llama.cpp would fall back
# to ChatML, whose markers a Gemma model reads as plain text).
CHAT_TEMPLATES = {"gemma3": GEMMA_CHAT_TEMPLATE}


def xllamacpp_available() -> bool:
    """True when the ``xllamacpp`` package can be imported."""
    import importlib.util

    return importlib.util.find_spec("xllamacpp") is not None


@dataclass(frozen=True)
class LlamaCppOptions:
    """How the model is served.

    Attributes:
        n_ctx: context length of the KV cache (tokens, shared by all slots).
        threads: decode threads; "auto" picks 2 on 2 cores or more (see ``decode_threads``).
        batch_threads: prompt-processing threads; "auto" uses every core (see ``batch_threads``).
        parallel: slots decoding concurrent requests together. 1 keeps outputs
            independent of what else runs; more batches callers (throughput), but a
            batched token can differ in the last bits, so greedy outputs may change.
        speculative: "ngram" drafts tokens by matching the last ``draft_ngram``
            tokens against the prompt and generated text (prompt lookup); off by default.
        cache_ram_mb: RAM for prompt states that left the slot (0 disables it).
        weights: "file" runs the GGUF as it is; "q8_0" runs a copy with its weight
            matrices re-quantised to Q8_0, written once into the cache (1.5-2x faster
            prompt processing; reasoner.llm.requant). ``load_llm`` asks for "q8_0" for
            the bundled SmolLM2 (``factory.BUNDLED_WEIGHTS``).
        chat_template: a Jinja chat template; by default the file's own, or for a
            file without one, the template of its architecture (``CHAT_TEMPLATES``).
    """

    n_ctx: int = 4096
    threads: int | Literal["auto"] = "auto"
    batch_threads: int | Literal["auto"] = "auto"
    parallel: int = 1
    speculative: Speculative = "none"
    draft_ngram: int = 3
    draft_max: int = 8
    cache_ram_mb: int = 256
    weights: Weights = "file"
    chat_template: str | None = None


def decode_threads(setting: int | str, cores: int | None = None) -> int:
    """Decode threads: a fixed number, or "auto" = 2 where there are 2 cores or more.

    With a bounded spin (``reasoner.openmp``) 2 threads decode 1.6x faster than 1 on an idle
    2-core machine, as fast beside 4 busy processes and 0.80x beside 10 (load 11); more threads
    were not measured (a 135M model is a few milliseconds of work per token).
    """
    if isinstance(setting, int) and setting > 0:
        return setting
    return max(1, min(2, cores or os.cpu_count() or 1))


def batch_threads(setting: int | str) -> int:
    """Prompt-processing threads: a fixed number, or "auto" = every core.

    A prompt is a batch, so threads help, provided waiting threads do not spin for long
    (``reasoner.openmp``, set before llama.cpp loads): measured at load 11-13 on 2 cores,
    2 sleeping threads processed 70-105 prompt tokens/s against 46-69 with 1; with threads
    spinning without bound (OpenMP's default) 2 threads managed 25-31.
    """
    return setting if isinstance(setting, int) and setting > 0 else (os.cpu_count() or 1)


def load_llamacpp(
    path: Path, *, name: str | None = None, cache_dir: Path | None = None, **options: Any
) -> LlamaCppLLM:
    """Load a GGUF file with llama.cpp; ``options`` are ``LlamaCppOptions`` fields.

    ``cache_dir`` holds derived files (the Q8_0 copy for ``weights="q8_0"``).

    Raises:
        ModelError: xllamacpp is missing, the file is not a loadable GGUF, or an option is unknown.
    """
    t0 = time.perf_counter()
    try:
        opts = LlamaCppOptions(**options)
    except TypeError as exc:
        raise ModelError(f"unknown llama.cpp option: {exc}") from exc
    path = Path(path)
    if not path.is_file():
        raise ModelError(f"GGUF file not found: {path}")
    info = read_gguf_info(path)
    if opts.weights == "q8_0":
        from reasoner.llm.requant import cached_q8

        if cache_dir is None:
            raise ModelError('weights="q8_0" needs a cache_dir for the re-quantised copy')
        path = cached_q8(path, cache_dir)
        name = f"{name}-q8_0" if name else None  # its outputs differ from the file's: another model name
    elif opts.weights != "file":
        raise ModelError(f"weights must be 'file' or 'q8_0', not {opts.weights!r}")
    server = _start_server(path, opts, opts.chat_template or default_chat_template(info))
    return LlamaCppLLM(
        server,
        name=name or path.stem,
        params=info.n_params,
        options=opts,
        load_ms=(time.perf_counter() - t0) * 1e3,
    )


class LlamaCppLLM:
    """An ``LLM`` over an in-process llama.cpp server (``xllamacpp.Server``) running one model.

    ``server`` needs only ``handle_chat_completions(request, callback)``; unit tests
    pass a scripted one.
    """

    supports_grammar = True

    def __init__(
        self,
        server: Any,
        *,
        name: str,
        params: int = 0,
        options: LlamaCppOptions | None = None,
        load_ms: float = 0.0,
    ) -> None:
        self._server = server
        self.name, self.params = name, params
        self.options = options or LlamaCppOptions()
        self.max_context = self.options.n_ctx
        self.load_ms = load_ms

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

        Raises:
            ModelError: a bad message, a prompt longer than the context, a grammar
                that does not parse, or any other error the server reports.
            Exception: whatever ``on_token`` raised (generation is stopped first).
        """
        t0 = time.perf_counter()
        request = build_request(
            messages, max_new_tokens=max_new_tokens, temperature=temperature, seed=seed,
            stop=stop, grammar=grammar, json_schema=json_schema,
        )  # fmt: skip
        stream = _Stream(on_token, t0)
        self._server.handle_chat_completions(request, stream.receive)
        stream.raise_if_failed()
        ms = (time.perf_counter() - t0) * 1e3
        return stream.generation(self.name, ms, constrained=bool(grammar or json_schema))


def build_request(
    messages: Sequence[Message],
    *,
    max_new_tokens: int,
    temperature: float,
    seed: int | None,
    stop: Sequence[str],
    grammar: str | None,
    json_schema: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """The chat-completions request for one call (a pure function).

    Raises:
        ModelError: a message has an unknown role or no text, or both a grammar and a schema are given.
    """
    for m in messages:
        if m.get("role") not in ROLES or not isinstance(m.get("content"), str):
            raise ModelError(f"bad chat message: {str(m)[:80]}")
    if grammar and json_schema:
        raise ModelError("give a grammar or a JSON schema, not both")
    req: dict[str, Any] = {
        "messages": [{"role": m["role"], "content": m["content"]} for m in messages],
        "max_tokens": max(1, int(max_new_tokens)),
        "temperature": max(0.0, float(temperature)),
        "stream": True,
        "stream_options": {"include_usage": True},
        "cache_prompt": True,
    }
    if temperature > 0:
        req.update(top_p=0.95, top_k=0, min_p=0.0)  # the transformers backend's sampling
    if seed is not None:
        req["seed"] = int(seed) & 0xFFFFFFFF
    if stops := [s for s in stop if s]:
        req["stop"] = stops
    if grammar:
        req["grammar"] = grammar
    if json_schema:
        req["json_schema"] = dict(json_schema)
    return req


@dataclass
class _Stream:
    """Collects the stream chunks of one request: text, usage, time of the first token."""

    on_token: Callable[[str], None] | None
    t0: float
    parts: list[str] = field(default_factory=list)
    usage: dict[str, Any] = field(default_factory=dict)
    finish: str = ""
    ttft_ms: float | None = None
    error: str | None = None
    raised: BaseException | None = None

    def receive(self, chunk: Any) -> bool:
        """Called by the server for each chunk; returning True stops the generation."""
        if not isinstance(chunk, dict) or "error" in chunk:
            err = chunk.get("error") if isinstance(chunk, dict) else chunk
            self.error = str(err.get("message", err) if isinstance(err, dict) else err)
            return True
        self.usage = chunk.get("usage") or self.usage
        for choice in chunk.get("choices") or []:
            self.finish = choice.get("finish_reason") or self.finish
            piece = (choice.get("delta") or {}).get("content") or ""
            if piece:
                return self._emit(piece)
        return False

    def _emit(self, piece: str) -> bool:
        if self.ttft_ms is None:
            self.ttft_ms = (time.perf_counter() - self.t0) * 1e3
        self.parts.append(piece)
        if self.on_token is None:
            return False
        try:
            self.on_token(piece)
        except BaseException as exc:  # the server's callback wrapper would swallow it
            self.raised = exc
            return True
        return False

    def raise_if_failed(self) -> None:
        if self.raised is not None:
            raise self.raised
        if self.error is not None:
            raise ModelError(f"llama.cpp: {self.error}")

    def generation(self, model: str, ms: float, *, constrained: bool) -> Generation:
        details = self.usage.get("prompt_tokens_details") or {}
        return Generation(
            text="".join(self.parts).strip(),
            tokens_in=int(self.usage.get("prompt_tokens", 0)),
            tokens_out=int(self.usage.get("completion_tokens", 0)),
            ms=ms,
            model=model,
            ttft_ms=self.ttft_ms,
            cached_tokens=int(details.get("cached_tokens", 0)),
            finish_reason=self.finish,
            constrained=constrained,
        )


def default_chat_template(info: GGUFInfo) -> str | None:
    """None when the file has its own chat template, else its architecture's (or None)."""
    return None if info.has_chat_template else CHAT_TEMPLATES.get(info.architecture)


def _start_server(path: Path, opts: LlamaCppOptions, chat_template: str | None) -> Any:
    """Start the in-process server on ``path`` (loads the model; about a second for 135M).

    Raises:
        ModelError: xllamacpp is missing or the server cannot load the model.
    """
    try:
        import xllamacpp
    except ImportError as exc:
        raise ModelError("the llama.cpp backend needs xllamacpp: pip install xllamacpp") from exc
    params = xllamacpp.CommonParams()
    params.model.path = str(path)
    params.n_ctx = opts.n_ctx
    params.n_parallel = max(1, opts.parallel)
    params.kv_unified = True  # slots share one KV pool, so n_ctx is not split between them
    params.swa_full = True  # sliding-window models (Gemma 3) can then reuse any cached prefix
    params.cache_ram_mib = max(0, opts.cache_ram_mb)
    params.cpuparams.n_threads = decode_threads(opts.threads)
    params.cpuparams_batch.n_threads = batch_threads(opts.batch_threads)
    params.warmup = False  # a warm-up decode costs load time and the first call pays the same
    params.verbosity = -1
    params.api_keys = [secrets.token_hex(16)]  # locks the loopback HTTP port
    if chat_template:
        params.chat_template = chat_template
    if opts.speculative == "ngram":
        _speculate_ngram(xllamacpp, params, opts)
    elif opts.speculative != "none":
        raise ModelError(f"speculative must be 'none' or 'ngram', not {opts.speculative!r}")
    try:
        server = xllamacpp.Server(params)
    except (RuntimeError, ValueError) as exc:
        raise ModelError(f"llama.cpp cannot load {path}: {exc}") from exc
    wait_until_serving(server)
    return server


def wait_until_serving(server: Any) -> None:
    """Return once the server's task loop runs, by sending it an empty task.

    ``Server()`` returns before its loop thread enters the loop; a server destroyed
    in that gap never sees the stop signal and its destructor waits forever (seen
    when a model was loaded and dropped at once: the 4th of 6 quick reloads hung).
    An empty completion is answered by the loop itself, so after it the loop runs.

    Raises:
        ModelError: the server answers with an error.
    """
    reply = server.handle_completions({"prompt": "", "max_tokens": 0})
    if not isinstance(reply, dict) or "error" in reply:
        raise ModelError(f"llama.cpp server did not start: {str(reply)[:200]}")


def _speculate_ngram(xllamacpp: Any, params: Any, opts: LlamaCppOptions) -> None:
    """Prompt-lookup drafts: after the last ``draft_ngram`` tokens recur, draft what followed them."""
    spec = params.speculative
    spec.types = [xllamacpp.common_speculative_type.COMMON_SPECULATIVE_TYPE_NGRAM_SIMPLE]
    spec.ngram_simple.size_n = max(1, opts.draft_ngram)
    spec.ngram_simple.size_m = max(1, opts.draft_max)
    spec.draft.n_max = max(1, opts.draft_max)
