"""Plug any LangChain chat model in as the answerer, and use a Reasoner as a LangChain Runnable.

Here an offline scripted chat model stands in; swap in a real one, e.g.
``from langchain_ollama import ChatOllama; chat = ChatOllama(model="llama3.2")``.

    python examples/langchain_model.py --index /tmp/ix
"""

from __future__ import annotations

import argparse
from pathlib import Path

from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.runnables import RunnableLambda

from reasoner import Config, Reasoner

KB = Path(__file__).resolve().parent.parent / "kb"


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--kb", default=str(KB))
    p.add_argument("--index", default="indexes")
    args = p.parse_args()

    chat = FakeListChatModel(responses=["Request vacation in PeopleHub at least two weeks ahead [1]."])
    r = Reasoner.build(args.kb, index_dir=args.index, progress=False, config=Config.load(llm=chat))

    # The chat model is now the Reasoner's LLM, behind the same interface as the bundled SmolLM2.
    gen = r.parts.llm.generate([{"role": "user", "content": "How do I request vacation?"}], max_new_tokens=32)
    print(f"llm: {type(r.parts.llm).__name__} over {type(chat).__name__}: {gen.text!r}")

    # The rag route uses it when retrieval finds sources and no sentence answers verbatim.
    a = r.invoke("How far ahead must I request vacation in PeopleHub?", use_memory=False)
    print(f"invoke: {a.text!r} (route {a.route}, {a.cost.model_calls} LLM call(s))")

    # A Reasoner is a Runnable: invoke, batch, stream, and compose with other runnables.
    answers = r.batch(["What is 2**10?", "What is 15% of 2400?"])
    print("batch:", [x.value for x in answers])

    kinds = [ev.kind for ev in r.stream("What is 7 * 6?")]
    print("stream events:", " ".join(dict.fromkeys(kinds)))

    chain = r | RunnableLambda(lambda ans: f"{ans.value} (via {ans.route})")
    print("chain:", chain.invoke("What is 12 squared?"))
    r.close()


if __name__ == "__main__":
    main()
