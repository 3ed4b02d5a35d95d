"""Contextual token vectors of questions, from the same model run that embeds them.

The learned guard's context features (:func:`reasoner.memory.features.context_features`)
read MiniLM's token outputs. The sentence vector is their mean, so with the
int8 ONNX embedder (the engine's default) one run gives both: :meth:`TokenEncoder.encode`
returns the embedder's own vector (identical to ``embed``) and the token outputs.
The memory stores the outputs of each entry (float16) beside its vector, so a
lookup runs the model once, for the asked question only.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from reasoner.memory.features import TokenStates, token_states
from reasoner.retrieval.embedder import Embedder


@dataclass(frozen=True)
class Encoded:
    """One question run through the model: its sentence vector and its token outputs."""

    vector: np.ndarray  # (dim,) unit length, as the embedder's ``embed`` gives it
    hidden: np.ndarray  # (tokens, dim) float16, special tokens included


class TokenEncoder:
    """Vectors and token outputs for an embedder that exposes its model, else nothing.

    Supports the int8 ONNX MiniLM (``session`` and ``tokenizer`` attributes) and the
    sentence-transformers MiniLM (``model``); for others :attr:`available` is False
    and the guard's context features take their neutral value.
    """

    def __init__(self, embedder: Embedder, capacity: int = 5_000) -> None:
        self.embedder = embedder
        self._onnx = hasattr(embedder, "session") and hasattr(embedder, "tokenizer")
        self._st = not self._onnx and hasattr(embedder, "model") and hasattr(embedder.model, "tokenizer")
        self._cache: OrderedDict[str, TokenStates] = OrderedDict()
        self.capacity = capacity

    @property
    def available(self) -> bool:
        return self._onnx or self._st

    def encode(self, text: str) -> Encoded | None:
        """One model run: the vector and token outputs of ``text`` (None when not available)."""
        if self._onnx:
            enc = self.embedder.tokenizer.encode(text or " ")
            hidden = self._onnx_hidden(enc.ids)
            v = hidden.mean(axis=0)
            return Encoded((v / (np.linalg.norm(v) + 1e-12)).astype(np.float32), hidden.astype(np.float16))
        if self._st:
            hidden = self.embedder.model.encode(text or " ", output_value="token_embeddings")
            hidden = np.asarray(hidden.detach().cpu() if hasattr(hidden, "detach") else hidden, np.float32)
            return Encoded(self.embedder.embed([text])[0], hidden.astype(np.float16))
        return None

    def states(self, text: str, hidden: np.ndarray | None = None) -> TokenStates | None:
        """TokenStates of ``text`` from stored token outputs, or from a model run when none are given (cached)."""
        cached = self._cache.get(text)
        if cached is not None:
            self._cache.move_to_end(text)
            return cached
        if hidden is None:
            encoded = self.encode(text)
            if encoded is None:
                return None
            hidden = encoded.hidden
        enc = self._encoding(text)
        if enc is None or len(enc.word_ids) != len(hidden):
            return None  # outputs from another tokenizer or a truncated run: no safe alignment
        out = token_states(np.asarray(hidden, np.float32), enc, text or " ")
        self._cache[text] = out
        while len(self._cache) > self.capacity:
            self._cache.popitem(last=False)
        return out

    def _encoding(self, text: str):  # noqa: ANN202 - a tokenizers Encoding
        if self._onnx:
            return self.embedder.tokenizer.encode(text or " ")
        if self._st:
            return self.embedder.model.tokenizer(text or " ", truncation=True).encodings[0]
        return None

    def _onnx_hidden(self, token_ids: list[int]) -> np.ndarray:
        ids = np.asarray([token_ids], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
        inputs = getattr(self.embedder, "_inputs", set(feeds))
        return self.embedder.session.run(None, {k: v for k, v in feeds.items() if k in inputs})[0][0]
