"""RAG prompts over the KB question sets, built exactly as RagSolver builds them.

Shared by bench_llm.py (backend speed on real prompts) and bench_llm_rag.py
(constrained output, prefix reuse, model choice). The indexes are built once
with the CLI (`reasoner index <KB> --index <DIR>`) under ``--index-root``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
KB_SETS = {
    "18f": (DATA / "kb_questions" / "18f_paraphrased.jsonl", DATA / "handbook_18f"),
    "civicactions": (DATA / "kb_questions" / "civicactions.jsonl", DATA / "handbook_civicactions"),
}


@dataclass
class PromptCase:
    """One question and the prompt the rag route would send for it (None: it would not ask)."""

    kb: str
    row: dict[str, Any]
    snippets: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    messages: list[dict[str, str]] | None = None
    source_ids: tuple[str, ...] = ()


def read_rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def open_kb(name: str, index_root: Path) -> tuple[Any, list[dict[str, Any]]]:
    """The knowledge index of one KB (built with the CLI on first use) and its questions."""
    from reasoner.retrieval.index import KnowledgeIndex

    questions, folder = KB_SETS[name]
    if not questions.is_file() or not folder.is_dir():
        sys.exit(f"skipped: {questions} or {folder} not present")
    index_dir = index_root / f"idx_{name}"
    if not (index_dir / "knowledge").is_dir():
        cmd = [sys.executable, "-m", "reasoner.cli.main", "index", str(folder), "--index", str(index_dir)]
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
    return KnowledgeIndex.open(index_dir), read_rows(questions)


def rag_prompts(solver: Any, kb: str, rows: list[dict[str, Any]]) -> list[PromptCase]:
    """Each question's prompt as ``RagSolver.solve`` (extractive_first=False) would build it."""
    from reasoner.solvers.rag import extract as rag_extract
    from reasoner.solvers.rag.prompt import build_messages, source_label
    from reasoner.types import Query

    cases = []
    for row in rows:
        case = PromptCase(kb, row)
        est = solver.estimate(Query(row["question"]))
        hits, ext = est.payload.hits, est.payload.extraction
        weak = not hits or hits[0].score < solver.min_score
        weak = weak or (solver.llm_min_support > 0 and (ext is None or ext.score < solver.llm_min_support))
        if not weak:
            shown = solver._shown(hits, ext)
            case.snippets = [rag_extract.focus(row["question"], h.chunk.text, solver.max_source_chars) for h in shown]
            case.labels = [source_label(h) for h in shown]
            case.messages = build_messages(row["question"], case.snippets, case.labels)
            case.source_ids = tuple(h.chunk.id for h in shown)
        cases.append(case)
    return cases


def all_prompt_cases(index_root: Path, kbs: list[str], limit: int = 0) -> list[PromptCase]:
    """Prompt cases of every question set in ``kbs`` (``limit`` questions each; 0: all)."""
    from reasoner.llm import FakeLLM
    from reasoner.solvers.rag.solver import RagSolver

    cases = []
    for kb in kbs:
        index, rows = open_kb(kb, index_root)
        solver = RagSolver(index.search, FakeLLM(), extractive_first=False)
        cases += rag_prompts(solver, kb, rows[:limit] if limit else rows)
    return cases
