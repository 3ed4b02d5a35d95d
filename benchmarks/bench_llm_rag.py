"""The LLM in the rag route on the KB question sets: constrained vs free output, the two
bundled models, RagSolver latency, and KV-cache (prefix) reuse.

    python benchmarks/bench_llm_rag.py accuracy [--configs smollm2:free,smollm2:grammar,...] [--limit N]
    python benchmarks/bench_llm_rag.py prefix [--model smollm2]

A config is "model:mode[:options]": model "smollm2" (its Q8_0 copy, the default),
"smollm2@file" (the Q4_1 file as shipped), "gemma3", "smollm2-hf"; options, "/"-separated,
a solver preset ("llm", the default, or "baseline", the `--route rag` baseline: retrieval
+ one LLM call on every question, all k sources), integer RagSolver settings
(max_source_chars=400, prompt_sources=1, max_new_tokens=32, k=4) and "full-labels" (the
session-7 prompt, sources labelled "folder/file.md > Heading > Subheading"), e.g.
"smollm2@file:free:baseline/full-labels/max_source_chars=600".

Questions: ../shared/data/kb_questions/{18f_paraphrased,civicactions}.jsonl over their
handbooks (indexed once with `reasoner index`, benchmarks/kb_prompts.py).

accuracy: the current RagSolver with extractive_first=False (the LLM on every question
that passes retrieval), Budget(max_tokens=48), one model instance per config,
taking turns question by question. Modes wrap the model's generate call, as the rag
route would call it (the route itself is not changed here):
  free     no constraint (today's route)
  grammar  reasoner.llm.grammar.cited_answer_grammar(n_shown, refusal=ABSTAIN_TEXT)
  json     cited_answer_schema(n_shown) as json_schema, the reply turned back into
           "answer [n]" by json_reply_text before the route judges it
Reported per set: accuracy (reasoner.evaluate.is_correct), answerable accuracy,
abstention precision/recall, on the questions where the LLM was called: raw replies
citing only shown sources, replies with a citation, p50/p95 wall time of the answer,
and medians of prompt tokens, of those prefilled (not served from the KV cache), time
to first token and decoding time.
"hf" rows (``--hf-limit``) run the transformers backend on the first questions for the
latency ratio.

prefix: prompt tokens served from the KV cache (prefill skipped) for best-of-N samples,
the revision step, questions in file order, and a second question over the same sources,
each against the layout that would not share the prefix.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from kb_prompts import KB_SETS, PromptCase, all_prompt_cases, open_kb  # noqa: E402

_SOURCE_HEAD = re.compile(r"^\[(\d+)\] ", re.MULTILINE)
_BRACKETS = re.compile(r"\[(\d+)\]")


class RouteLLM:
    """Wraps a model as the rag route would call it in one output mode; keeps every generation."""

    def __init__(self, llm: Any, mode: str) -> None:
        self.llm, self.mode = llm, mode
        self.name, self.params = f"{llm.name}:{mode}", llm.params
        self.gens: list[tuple[int, Any]] = []  # (sources shown, generation)

    def generate(self, messages, **kw):
        from reasoner.llm.grammar import cited_answer_grammar, cited_answer_schema, json_reply_text
        from reasoner.solvers.rag.prompt import ABSTAIN_TEXT

        n = max((int(x) for x in _SOURCE_HEAD.findall(messages[-1]["content"])), default=1)
        if self.mode == "grammar":
            kw["grammar"] = cited_answer_grammar(n, refusal=ABSTAIN_TEXT)
        elif self.mode == "json":
            kw["json_schema"] = cited_answer_schema(n)
            kw.pop("stop", None)  # a JSON object may hold a blank line; the schema ends it
        gen = self.llm.generate(messages, **kw)
        if self.mode == "json":
            gen.text = json_reply_text(gen.text, refusal=ABSTAIN_TEXT)
        self.gens.append((n, gen))
        return gen


def raw_citation_stats(gens: list[tuple[int, Any]]) -> dict[str, float]:
    """Share of replies citing something, and of those citing only sources that were shown."""
    from reasoner.solvers.rag.grounding import is_refusal

    answered = [(n, g) for n, g in gens if not is_refusal(g.text)]
    cited = [(n, [int(x) for x in _BRACKETS.findall(g.text)]) for n, g in answered]
    with_cite = [(n, c) for n, c in cited if c]
    only_shown = sum(all(1 <= x <= n for x in c) for n, c in with_cite)
    return {
        "replies": len(gens),
        "refusals": len(gens) - len(answered),
        "with_citation": round(100 * len(with_cite) / max(1, len(answered)), 1),
        "cites_only_shown": round(100 * only_shown / max(1, len(with_cite)), 1),
        "tokens_out": sum(g.tokens_out for _, g in gens),
    }


def prompt_stats(gens: list[tuple[int, Any]]) -> dict[str, float]:
    """Medians over the LLM calls: prompt tokens, of them prefilled (not served from the KV
    cache), time to first token, and the rest of the call (decoding)."""
    from reasoner.evaluate import percentile

    def p50(values: list[float]) -> float:
        return round(percentile(values, 50)) if values else 0

    return {
        "prompt_tokens": p50([g.tokens_in for _, g in gens]),
        "prefilled": p50([g.tokens_in - g.cached_tokens for _, g in gens]),
        "ttft_ms": p50([g.ttft_ms or g.ms for _, g in gens]),
        "decode_ms": p50([g.ms - (g.ttft_ms or g.ms) for _, g in gens]),
    }


def summarize(out: list[dict], gens: list[tuple[int, Any]]) -> dict[str, Any]:
    from reasoner.evaluate import percentile

    should = [o for o in out if not o["row"]["answers"]]
    abst = [o for o in out if o["ans"].abstained]
    tp = sum(1 for o in abst if not o["row"]["answers"])
    answerable = [o for o in out if o["row"]["answers"]]
    called = [o for o in out if o["ans"].cost.model_calls]
    ms = [o["ms"] for o in called] or [0.0]
    return {
        "n": len(out),
        "accuracy": round(100 * sum(o["ok"] for o in out) / len(out), 1),
        "answerable_acc": round(100 * sum(o["ok"] for o in answerable) / max(1, len(answerable)), 1),
        "abstain_p": round(100 * tp / len(abst), 1) if abst else None,
        "abstain_r": round(100 * tp / len(should), 1) if should else None,
        "llm_questions": len(called),
        "llm_acc": round(100 * sum(o["ok"] for o in called) / max(1, len(called)), 1),
        "p50_ms": round(percentile(ms, 50)),
        "p95_ms": round(percentile(ms, 95)),
        **prompt_stats(gens),
        **raw_citation_stats(gens),
    }


def run_accuracy(args) -> None:
    from reasoner.config import default_cache_dir
    from reasoner.evaluate import EvalItem, is_correct
    from reasoner.solvers.rag.solver import RagSolver
    from reasoner.types import Budget, Context, Query

    cache = default_cache_dir()
    configs = [parse_config(c) for c in args.configs.split(",")]
    if args.hf_limit:
        configs.append(("smollm2-hf", "free", ""))
    llms = {c: RouteLLM(_load(c[0], cache), c[1]) for c in configs}
    results: dict[tuple[str, str, str, str], dict] = {}
    per_question: list[dict[str, Any]] = []
    for kb in args.kbs.split(","):
        index, rows = open_kb(kb, args.index_root)
        rows = rows[: args.limit] if args.limit else rows
        outs: dict[tuple, list] = {c: [] for c in configs}
        marks = {c: len(llms[c].gens) for c in configs}
        for i, row in enumerate(rows):
            item = EvalItem(row["id"], row["question"], tuple(row["answers"]), "kb")
            for c in configs:
                if c[0] == "smollm2-hf" and i >= args.hf_limit:
                    continue
                solver = RagSolver(index.search, llms[c], **solver_options(c[2]))
                t0 = time.perf_counter()
                with prompt_variant(c[2]):
                    ans = solver.solve(Query(row["question"]), Context(budget=Budget(max_tokens=args.max_tokens)))
                outs[c].append({"row": row, "ans": ans, "ok": is_correct(item, ans), "ms": (time.perf_counter() - t0) * 1e3})
            if (i + 1) % 10 == 0:
                print(f"{kb}: {i + 1}/{len(rows)} questions", flush=True)
        for c in configs:
            results[(kb, *c)] = summarize(outs[c], llms[c].gens[marks[c]:])
            per_question += [{"set": kb, "config": ":".join(c), "id": o["row"]["id"], "ok": o["ok"],
                              "ms": round(o["ms"]), "llm": bool(o["ans"].cost.model_calls),
                              "tokens_in": o["ans"].cost.tokens_in, "tokens_out": o["ans"].cost.tokens_out,
                              "answer": o["ans"].text} for o in outs[c]]  # fmt: skip
        index.close()
    if args.json:
        args.json.write_text(json.dumps(per_question, indent=1))
    print("\n| set | model | mode | solver | N | accuracy | answerable | abstain P | abstain R | LLM questions | acc there | "
          "with citation | cites only shown | tokens out | prompt tokens p50 | prefilled p50 | TTFT p50 ms | "
          "decode p50 ms | p50 ms | p95 ms |")
    print("|" + "---|" * 20)
    for (kb, model, mode, options), r in results.items():
        print(f"| {kb} | {model} | {mode} | {options or 'llm'} | {r['n']} | {r['accuracy']} | {r['answerable_acc']} | "
              f"{r['abstain_p']} | {r['abstain_r']} | {r['llm_questions']} | {r['llm_acc']} | {r['with_citation']} | "
              f"{r['cites_only_shown']} | {r['tokens_out']} | {r['prompt_tokens']} | {r['prefilled']} | "
              f"{r['ttft_ms']} | {r['decode_ms']} | {r['p50_ms']} | {r['p95_ms']} |")


# The rag route's solver as the two benchmarks call it: "llm" (this file's default:
# RagSolver's own settings, the LLM on every question that passes retrieval) and
# "baseline" (the `--route rag` baseline of reasoner.factory: retrieval + one LLM call on
# every question, all k sources in the prompt).
PRESETS: dict[str, dict[str, Any]] = {
    "llm": {"extractive_first": False},
    "baseline": {"extractive_first": False, "min_score": 0.0, "llm_min_support": 0.0, "prompt_sources": 0},
}
_INT_OPTIONS = {"k", "max_source_chars", "prompt_sources", "max_new_tokens"}
FULL_LABELS = "full-labels"  # the session-7 prompt: sources labelled "folder/file.md > Heading > Subheading"


def parse_config(spec: str) -> tuple[str, str, str]:
    """"model:mode[:options]" -> (model, mode, options); options as ``solver_options`` reads them."""
    model, _, rest = spec.partition(":")
    mode, _, options = rest.partition(":")
    if mode not in ("free", "grammar", "json"):
        sys.exit(f"unknown mode {mode!r} in {spec!r}: free, grammar or json")
    solver_options(options)  # fail before any model loads
    return model, mode, options


def solver_options(options: str) -> dict[str, Any]:
    """RagSolver keywords from "preset/key=value/...": a preset name ("llm", the default, or
    "baseline") and integer settings (``max_source_chars=300/prompt_sources=2``)."""
    out = dict(PRESETS["llm"])
    for part in filter(None, options.split("/")):
        key, eq, value = part.partition("=")
        if part == FULL_LABELS:
            continue
        if not eq and key in PRESETS:
            out = dict(PRESETS[key])
        elif eq and key in _INT_OPTIONS and value.lstrip("-").isdigit():
            out[key] = int(value)
        else:
            sys.exit(f"bad solver option {part!r}: a preset ({', '.join(PRESETS)}) or one of {sorted(_INT_OPTIONS)}=N")
    return out


@contextmanager
def prompt_variant(options: str) -> Iterator[None]:
    """The prompt a config asks for: today's, or with the session-7 full source labels."""
    if FULL_LABELS in options.split("/"):
        with mock.patch("reasoner.solvers.rag.prompt.prompt_label", lambda label: label):
            yield
    else:
        yield


def _load(spec: str, cache: Path) -> Any:
    """A model by name; "name@q8_0" runs its Q8_0 copy (LlamaCppOptions.weights)."""
    from reasoner.llm import load_llm

    name, _, weights = spec.partition("@")
    return load_llm(name, cache_dir=cache, **({"weights": weights} if weights else {}))


def labelled_revision(case: PromptCase, draft: str, problem: str) -> list[dict[str, str]]:
    """revision_messages with the source labels of the first prompt: the same text up to the question."""
    from reasoner.solvers.rag.prompt import SYSTEM, canonical_question, format_sources

    user = (
        f"Sources:\n{format_sources(case.snippets, case.labels)}\n\nQuestion: {canonical_question(case.row['question'])}\n"
        f"Draft answer: {draft.strip()}\nProblem: {problem}\n"
        "Rewrite the answer so that every word is supported by a source, with a citation:"
    )
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]


def question_first(case: PromptCase, question: str) -> list[dict[str, str]]:
    """The other layout: the question before the sources (nothing after the system prompt is shared)."""
    from reasoner.solvers.rag.prompt import SYSTEM, canonical_question, format_sources

    user = (f"Question: {canonical_question(question)}\n\nSources:\n{format_sources(case.snippets, case.labels)}\n\n"
            "Answer with a citation:")
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]


def run_prefix(args) -> None:
    from reasoner.config import default_cache_dir
    from reasoner.llm import load_llm
    from reasoner.solvers.rag.prompt import build_messages, revision_messages

    cache = default_cache_dir()
    cases = [c for c in all_prompt_cases(args.index_root, args.kbs.split(","), args.limit) if c.messages]
    tally: dict[str, list[int]] = {}

    def add(key: str, g) -> None:
        t = tally.setdefault(key, [0, 0, 0])
        t[0], t[1], t[2] = t[0] + g.tokens_in, t[1] + g.cached_tokens, t[2] + 1

    settings = {"max_new_tokens": 48, "stop": ("\n\n",)}
    llm = _load(args.model, cache)
    no_ram = load_llm(args.model.partition("@")[0], cache_dir=cache, cache_ram_mb=0)
    for i, case in enumerate(cases):
        add("file order (RAM prompt cache on)", g0 := llm.generate(case.messages, **settings))
        add("file order (RAM prompt cache off)", no_ram.generate(case.messages, **settings))
        for s in range(1, args.samples + 1):
            add(f"best-of-{args.samples + 1}: samples after the greedy answer",
                llm.generate(case.messages, **settings, temperature=0.7, seed=s))
        add("revision, today's prompt (no source labels)",
            llm.generate(revision_messages(case.row["question"], case.snippets, g0.text, "not grounded"), **settings))
        llm.generate(case.messages, **settings)  # back to the answer prompt before the other layout
        add("revision, labelled like the first prompt",
            llm.generate(labelled_revision(case, g0.text, "not grounded"), **settings))
        other = cases[(i + 1) % len(cases)].row["question"]
        llm.generate(case.messages, **settings)
        add("another question, same sources (sources first: today)",
            llm.generate(build_messages(other, case.snippets, case.labels), **settings))
        llm.generate(question_first(case, case.row["question"]), **settings)
        add("another question, same sources (question first)", llm.generate(question_first(case, other), **settings))
        if (i + 1) % 10 == 0:
            print(f"{i + 1}/{len(cases)} prompts", flush=True)
    print(f"\n{len(cases)} rag prompts ({args.kbs}), model {args.model}\n")
    print("| calls | N | prompt tokens | served from the KV cache | share |")
    print("|---|---|---|---|---|")
    for key, (n_in, cached, n) in tally.items():
        print(f"| {key} | {n} | {n_in} | {cached} | {100 * cached / max(1, n_in):.1f}% |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["accuracy", "prefix"])
    ap.add_argument("--kbs", default=",".join(KB_SETS))
    ap.add_argument("--configs", default="smollm2:free,smollm2:grammar,smollm2:json,gemma3:free,gemma3:grammar",
                    help="model:mode pairs; model 'name@q8_0' runs the Q8_0 copy")
    ap.add_argument("--model", default="smollm2")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--hf-limit", type=int, default=0, help="questions per set also run on transformers")
    ap.add_argument("--samples", type=int, default=2)
    ap.add_argument("--json", type=Path, default=None, help="accuracy: write every question's result here")
    ap.add_argument("--max-tokens", type=int, default=48, help="the question's token budget (Budget.max_tokens)")
    ap.add_argument("--index-root", type=Path, default=Path("/tmp/reasoner-bench-kb"))
    args = ap.parse_args()
    run_accuracy(args) if args.what == "accuracy" else run_prefix(args)


if __name__ == "__main__":
    main()
