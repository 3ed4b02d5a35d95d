"""XQuAD-en (SQuAD v1.1 dev articles, gold paragraph given): EM and F1 of the
extractive, generative and combined paths of the RAG route.

    python benchmarks/bench_xquad.py                      # extractive on all 632, LLM paths on --limit
    python benchmarks/bench_xquad.py --limit 150 --paths extractive,generative,combined

Paths:
  extractive  no model: the best sentence of the paragraph, cut to the typed span
              (number, date, name) when the question's type says what to look for,
              else to the run of words next to the question's words (guess_span).
  generative  SmolLM2-135M reads the whole paragraph and writes a short answer.
  combined    the model reads only the top sentences the extractive ranker picks;
              its answer is kept when it is grounded in them (else the extractive one).
"""

from __future__ import annotations

import argparse
import json
import re
import string
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reasoner.solvers.rag import extract as rag_extract  # noqa: E402
from reasoner.solvers.rag import grounding  # noqa: E402
from reasoner.solvers.rag.prompt import clean_reply, short_answer_messages  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "xquad_en" / "xquad_en_dev.json"


# -- official SQuAD v1.1 scoring ---------------------------------------------------
def normalize(s: str) -> str:
    s = s.lower()
    s = "".join(ch for ch in s if ch not in set(string.punctuation))
    s = re.sub(r"\b(a|an|the)\b", " ", s)
    return " ".join(s.split())


def f1(pred: str, gold: str) -> float:
    p, g = normalize(pred).split(), normalize(gold).split()
    common = Counter(p) & Counter(g)
    same = sum(common.values())
    if same == 0:
        return 0.0
    prec, rec = same / len(p), same / len(g)
    return 2 * prec * rec / (prec + rec)


def score(pred: str, golds: list[str]) -> tuple[float, float]:
    em = max(float(normalize(pred) == normalize(g)) for g in golds)
    return em, max(f1(pred, g) for g in golds)


# -- data ----------------------------------------------------------------------------
def load(path: Path) -> list[dict]:
    items = []
    for art in json.loads(path.read_text(encoding="utf-8"))["data"]:
        for par in art["paragraphs"]:
            for qa in par["qas"]:
                golds = [a["text"] for a in qa["answers"]]
                items.append({"id": qa["id"], "q": qa["question"], "ctx": par["context"], "golds": golds})
    return items


def spread(items: list[dict], n: int) -> list[dict]:
    """``n`` items spread evenly over the set (every article represented)."""
    if n >= len(items):
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


# -- paths ---------------------------------------------------------------------------
def extractive(item: dict) -> tuple[str, dict]:
    e = rag_extract.extract(item["q"], [item["ctx"]])
    if e is None:
        return "", {"sentence_has_answer": False}
    has = any(normalize(g) in normalize(e.sentence) for g in item["golds"])
    pred = e.value or rag_extract.guess_span(item["q"], e.sentence) or e.sentence
    return pred, {"sentence_has_answer": has, "typed": e.value is not None}


def short(text: str) -> str:
    t = clean_reply(grounding.strip_citations(text)).strip()
    return t.rstrip(".").strip()


def generative(item: dict, llm, max_new: int) -> tuple[str, dict]:
    g = llm.generate(short_answer_messages(item["q"], item["ctx"]), max_new_tokens=max_new, stop=("\n",))
    return short(g.text), {"tokens_in": g.tokens_in, "tokens_out": g.tokens_out, "ms": g.ms}


def combined(item: dict, llm, max_new: int, focus_chars: int) -> tuple[str, dict]:
    e = rag_extract.extract(item["q"], [item["ctx"]])
    if e is not None and e.value:
        return e.value, {"llm": False}
    ctx = rag_extract.focus(item["q"], item["ctx"], focus_chars)
    g = llm.generate(short_answer_messages(item["q"], ctx), max_new_tokens=max_new, stop=("\n",))
    pred = short(g.text)
    grounded = bool(pred) and (normalize(pred) in normalize(ctx) or grounding.coverage(pred, ctx) >= 0.75)
    if not grounded and e is not None:
        pred = rag_extract.guess_span(item["q"], e.sentence) or e.sentence
    info = {
        "llm": True,
        "grounded": grounded,
        "tokens_in": g.tokens_in,
        "tokens_out": g.tokens_out,
        "ms": g.ms,
    }
    return pred, info


def run_path(name: str, items: list[dict], fn) -> dict:
    t0 = time.perf_counter()
    ems, f1s, infos = [], [], []
    for it in items:
        pred, info = fn(it)
        em, f = score(pred, it["golds"])
        ems.append(em)
        f1s.append(f)
        infos.append(info)
    secs = time.perf_counter() - t0
    out = {
        "path": name,
        "n": len(items),
        "EM": round(100 * sum(ems) / len(items), 1),
        "F1": round(100 * sum(f1s) / len(items), 1),
        "s_per_q": round(secs / len(items), 3),
    }
    if "sentence_has_answer" in infos[0]:
        out["sentence_recall"] = round(100 * sum(i["sentence_has_answer"] for i in infos) / len(items), 1)
        out["typed_share"] = round(100 * sum(i.get("typed", False) for i in infos) / len(items), 1)
    if any("llm" in i for i in infos):
        out["llm_share"] = round(100 * sum(i.get("llm", False) for i in infos) / len(items), 1)
    if any("tokens_out" in i for i in infos):
        out["tokens_in_avg"] = round(sum(i.get("tokens_in", 0) for i in infos) / len(items), 1)
        out["tokens_out_avg"] = round(sum(i.get("tokens_out", 0) for i in infos) / len(items), 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--limit", type=int, default=150, help="questions for the LLM paths (spread over all articles)"
    )
    ap.add_argument(
        "--extractive-limit", type=int, default=0, help="questions for the extractive path (0 = all)"
    )
    ap.add_argument("--paths", default="extractive,generative,combined")
    ap.add_argument("--max-new-tokens", type=int, default=16)
    ap.add_argument("--focus-chars", type=int, default=400)
    ap.add_argument("--cache-dir", type=Path, default=None)
    ap.add_argument("--json", type=Path, default=None, help="write the results here too")
    args = ap.parse_args()
    if not DATA.is_file():
        sys.exit(f"skipped: {DATA} not present")
    items = load(DATA)
    paths = args.paths.split(",")
    results = []
    if "extractive" in paths:
        ext_items = spread(items, args.extractive_limit) if args.extractive_limit else items
        results.append(run_path("extractive", ext_items, extractive))
        print(json.dumps(results[-1]), flush=True)
        results.append(run_path("extractive@llm-subset", spread(items, args.limit), extractive))
        print(json.dumps(results[-1]), flush=True)
    if {"generative", "combined"} & set(paths):
        from reasoner.config import default_cache_dir
        from reasoner.llm import load_llm

        llm = load_llm("smollm2", cache_dir=args.cache_dir or default_cache_dir())
        sub = spread(items, args.limit)
        if "generative" in paths:
            results.append(run_path("generative", sub, lambda it: generative(it, llm, args.max_new_tokens)))
            print(json.dumps(results[-1]), flush=True)
        if "combined" in paths:
            fn = lambda it: combined(it, llm, args.max_new_tokens, args.focus_chars)  # noqa: E731
            results.append(run_path("combined", sub, fn))
            print(json.dumps(results[-1]), flush=True)
    print("\n| path | N | EM | F1 | s/question |\n|---|---|---|---|---|")
    for r in results:
        print(f"| {r['path']} | {r['n']} | {r['EM']} | {r['F1']} | {r['s_per_q']} |")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
