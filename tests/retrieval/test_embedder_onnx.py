"""The int8 ONNX MiniLM against the torch fp32 one (real model; export cached per user)."""

from __future__ import annotations

import os

import numpy as np
import pytest

from reasoner.errors import ModelError
from reasoner.retrieval.embedder import RECOMMENDED, load_embedder


@pytest.fixture(scope="module")
def onnx_minilm(model_cache):
    return load_embedder("minilm-onnx", cache_dir=model_cache)


@pytest.mark.slow
def test_onnx_matches_torch_vectors_and_ranking(onnx_minilm, minilm):
    texts = [
        "How many vacation days do employees get?",
        "Full-time staff earn 20 vacation days a year.",
        "The garage closes at 10pm.",
        "word " * 400,  # longer than the model's 256 tokens: truncated the same way
        "",
    ]
    a, b = onnx_minilm.embed(texts), minilm.embed(texts)
    assert a.shape == (5, 384) and a.dtype == np.float32
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert (a * b).sum(axis=1).min() > 0.97
    sims = a[1:3] @ a[0]
    assert sims[0] > sims[1] + 0.2  # the related sentence ranks first
    # a text's vector does not depend on the texts beside it (int8 scales are set per run)
    alone = onnx_minilm.embed(texts[1:2])
    assert np.array_equal(alone[0], a[1])
    assert np.array_equal(onnx_minilm.embed(["acted", texts[0] * 5])[0], onnx_minilm.embed(["acted"])[0])


def test_a_list_spread_over_the_cores_gives_the_serial_vectors_in_order(onnx_minilm, model_cache):
    """The default runs each text on one thread and a list's texts side by side: the vectors are
    bit-identical to one text at a time on N threads, row for row, also after a fork-like reset."""
    texts = [f"Employees in office {i} earn {i + 3} days of leave." for i in range(12)] + ["", "word " * 300]
    serial = load_embedder("minilm-onnx", cache_dir=model_cache, threads=2)
    assert serial._executor() is None and onnx_minilm._executor() is not None or (os.cpu_count() or 1) < 2
    spread = onnx_minilm.embed(texts)
    assert np.array_equal(spread, serial.embed(texts))
    onnx_minilm._pool = (-1, onnx_minilm._pool[1]) if onnx_minilm._pool else None  # as seen from a forked child
    assert np.array_equal(onnx_minilm.embed(texts[::-1]), spread[::-1])


@pytest.mark.slow
def test_onnx_shares_the_index_space_with_torch(onnx_minilm, minilm, kb, tmp_path):
    from reasoner.retrieval.index import KnowledgeIndex

    KnowledgeIndex.update(kb, tmp_path / "ix", embedder=onnx_minilm, progress=False)
    idx = KnowledgeIndex.open(tmp_path / "ix", embedder=minilm)
    assert idx.search("vacation allowance", k=1, mode="dense")[0].chunk.source in {
        "hr/leave.md",
        "hr/benefits.docx",
    }


def test_registry_names():
    assert RECOMMENDED == "minilm-onnx"
    assert load_embedder("hash").name == "hash"
    with pytest.raises(ModelError, match="unknown embedder"):
        load_embedder("bert-huge")
