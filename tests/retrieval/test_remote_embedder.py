"""The embedder behind an OpenAI-compatible embeddings endpoint, against a fake server on 127.0.0.1."""

from __future__ import annotations

import numpy as np
import pytest

from reasoner.errors import ModelError
from reasoner.retrieval.embedder import Embedder, load_embedder
from reasoner.retrieval.remote_embedder import RemoteEmbedder, vectors_of


def test_vectors_come_back_in_input_order_and_unit_length():
    data = {"data": [{"index": 1, "embedding": [0.0, 2.0]}, {"index": 0, "embedding": [3.0, 4.0]}]}
    x = vectors_of(data, 2)
    assert x.dtype == np.float32
    np.testing.assert_allclose(x, [[0.6, 0.8], [0.0, 1.0]], rtol=1e-6)


@pytest.mark.parametrize(
    "data",
    [{"data": [{"index": 0, "embedding": [1.0]}]}, {"nope": 1}, {"data": [{"index": 0}, {"index": 1}]},
     {"data": [{"index": 0, "embedding": [1.0]}, {"index": 1, "embedding": [1.0, 2.0]}]},
     {"data": [{"index": 0, "embedding": [float("nan")]}, {"index": 1, "embedding": [1.0]}]}],
)  # fmt: skip
def test_a_malformed_response_is_a_model_error(data):
    with pytest.raises(ModelError):
        vectors_of(data, 2)


def test_load_embedder_reaches_the_server_by_spec(fake_openai):
    e = load_embedder(f"openai:{fake_openai.url}#embed-small")
    assert isinstance(e, Embedder) and isinstance(e, RemoteEmbedder)
    assert e.name == e.space == "openai:embed-small"
    assert e.dim == 16  # asked once of the server
    x = e.embed(["vacation days for new hires", "vacation days for new hires", "VPN setup"])
    assert x.shape == (3, 16) and x.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(x, axis=1), 1.0, rtol=1e-5)
    np.testing.assert_allclose(x[0], x[1])
    assert float(x[0] @ x[2]) < 0.99
    body = fake_openai.requests[-1][1]
    assert fake_openai.requests[-1][0] == "/v1/embeddings" and body["model"] == "embed-small"


def test_texts_go_in_batches_and_empty_texts_are_sent_as_a_space(fake_openai):
    e = RemoteEmbedder(fake_openai.url, "m", batch_size=3)
    x = e.embed(["a", "", "c", "d", "e", "f", "g"])
    assert x.shape == (7, 16)
    batches = [b["input"] for p, b in fake_openai.requests if p == "/v1/embeddings"]
    assert [len(b) for b in batches] == [3, 3, 1]
    assert batches[0][1] == " "
    assert e.embed([]).shape == (0, 16)


def test_the_model_is_the_servers_first_when_not_named(fake_openai):
    assert RemoteEmbedder(fake_openai.url).name == "openai:fake-chat"


def test_server_failures_are_model_errors(fake_openai):
    e = RemoteEmbedder(fake_openai.url, "m")
    fake_openai.fail_status = 503
    with pytest.raises(ModelError, match="503"):
        e.embed(["x"])


def test_an_index_built_through_the_server_answers_searches(fake_openai, sample_kb, tmp_path):
    from reasoner.retrieval.index import KnowledgeIndex

    fake_openai.dim = 256  # room enough for the KB's words
    spec = f"openai:{fake_openai.url}#embed-small"
    idx, report = KnowledgeIndex.update(sample_kb, tmp_path / "ix", embedder=load_embedder(spec), progress=False)
    try:
        assert report.chunks_embedded > 50
        hits = idx.search("How many vacation days do new hires get?", k=3)
        assert hits[0].chunk.source == "policies/leave.md" and hits[0].dense is not None
        assert fake_openai.requests[-1][1]["input"] == ["How many vacation days do new hires get?"]
    finally:
        idx.close()
    reopened = KnowledgeIndex.open(tmp_path / "ix", embedder=load_embedder(spec))
    reopened.close()
