"""Re-quantising a GGUF to Q8_0: checked with the gguf package's own reader and writer."""

import numpy as np
import pytest

from reasoner.errors import ModelError
from reasoner.llm.requant import cached_q8, q8_path, requantize_q8


def _model(path):
    import gguf
    from gguf.quants import quantize

    rng = np.random.default_rng(0)
    w = gguf.GGUFWriter(str(path), "llama")
    w.add_context_length(256)
    w.add_token_list(["<s>", "a", "b"])
    w.add_chat_template("{{ messages }}")
    matrix = rng.standard_normal((4, 64)).astype(np.float32)
    q = quantize(matrix, gguf.GGMLQuantizationType.Q4_1)
    w.add_tensor("blk.0.w", q, raw_shape=q.shape, raw_dtype=gguf.GGMLQuantizationType.Q4_1)
    w.add_tensor("blk.0.norm", np.ones(64, dtype=np.float32))
    w.add_tensor("odd", rng.standard_normal((3, 5)).astype(np.float32))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path


def test_requantised_copy_keeps_metadata_and_values(tmp_path):
    import gguf
    from gguf.quants import dequantize

    src = _model(tmp_path / "m.gguf")
    dst = requantize_q8(src, tmp_path / "out" / "m8.gguf")
    before, after = gguf.GGUFReader(str(src)), gguf.GGUFReader(str(dst))
    kinds = {t.name: t.tensor_type.name for t in after.tensors}
    assert kinds == {"blk.0.w": "Q8_0", "blk.0.norm": "F32", "odd": "F32"}
    assert after.fields["tokenizer.chat_template"].contents() == "{{ messages }}"
    assert after.fields["llama.context_length"].contents() == 256
    old = dequantize(before.tensors[0].data, before.tensors[0].tensor_type)
    new = dequantize(after.tensors[0].data, after.tensors[0].tensor_type)
    assert new.shape == old.shape and np.abs(new - old).max() < 0.02 * np.abs(old).max()
    assert np.array_equal(after.tensors[2].data, before.tensors[2].data)


def test_cached_copy_is_written_once(tmp_path):
    src = _model(tmp_path / "m.gguf")
    first = cached_q8(src, tmp_path / "cache")
    stamp = first.stat().st_mtime_ns
    assert cached_q8(src, tmp_path / "cache") == first == q8_path(src, tmp_path / "cache")
    assert first.stat().st_mtime_ns == stamp
    assert [p.name for p in first.parent.iterdir()] == [first.name]  # no temporary file left


def test_not_a_gguf_is_model_error_and_leaves_nothing(tmp_path):
    bad = tmp_path / "bad.gguf"
    bad.write_bytes(b"nope" * 10)
    with pytest.raises(ModelError):
        requantize_q8(bad, tmp_path / "out" / "x.gguf")
    assert list((tmp_path / "out").iterdir()) == []
