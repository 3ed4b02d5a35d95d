"""The GGUF header reader, on files written by the ``gguf`` package's own writer."""

import struct

import numpy as np
import pytest

from reasoner.errors import ModelError
from reasoner.llm.gguf_info import parse_gguf_header, read_gguf_info


def _write(path, *, template=None):
    import gguf

    w = gguf.GGUFWriter(str(path), "llama")
    w.add_context_length(512)
    w.add_token_list(["<s>", "a", "b", "hello"])
    w.add_token_scores([0.0, 1.0, 2.0, 3.0])
    if template:
        w.add_chat_template(template)
    w.add_tensor("tok_embd", np.zeros((4, 8), dtype=np.float32))
    w.add_tensor("out", np.zeros((3, 2, 5), dtype=np.float32))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path


def test_reads_architecture_params_context_and_template(tmp_path):
    info = read_gguf_info(_write(tmp_path / "m.gguf", template="{{ messages }}"))
    assert info.architecture == "llama" and info.context_length == 512
    assert info.n_params == 4 * 8 + 3 * 2 * 5 and info.n_tensors == 2
    assert info.has_chat_template and info.metadata["tokenizer.ggml.tokens"] == 4  # arrays: their length


def test_file_without_template(tmp_path):
    assert not read_gguf_info(_write(tmp_path / "m.gguf")).has_chat_template


def test_bundled_model_header():
    from reasoner.llm.factory import bundled_gguf

    info = read_gguf_info(bundled_gguf())
    assert info.architecture == "llama" and info.n_params == 134_515_008 and info.has_chat_template


def test_not_a_gguf_and_truncated_headers_are_model_errors(tmp_path):
    with pytest.raises(ModelError, match="magic"):
        parse_gguf_header(b"GGML" + b"\0" * 20)
    data = (tmp_path / "m.gguf").read_bytes() if False else _write(tmp_path / "m.gguf").read_bytes()
    with pytest.raises(ModelError, match="malformed"):
        parse_gguf_header(data[:60])
    empty = tmp_path / "empty.gguf"
    empty.write_bytes(b"")
    with pytest.raises(ModelError):
        read_gguf_info(empty)
    with pytest.raises(ModelError):
        read_gguf_info(tmp_path / "missing.gguf")


def test_bad_value_type_is_model_error():
    key = b"k"
    header = b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", len(key)) + key + struct.pack("<I", 99)
    with pytest.raises(ModelError, match="malformed"):
        parse_gguf_header(header + b"\0" * 8)
