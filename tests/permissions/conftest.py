"""A knowledge base with public and restricted documents whose restricted facts are distinctive
strings, indexed once per module with the fast fakes (hash embedder, scripted LLM)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reasoner.engine import Reasoner

SECRETS = ("ZEBRA-4411", "QUOKKA-7781", "PELICAN-9", "PENGUIN-3", "1777")

PAGES = {
    "public/leave.md": "# Leave\n\n## Vacation\n\nFull-time employees earn 25 vacation days per year.\n",
    "public/laptops.md": "# Laptops\n\nEvery new hire gets a laptop on the first day.\n",
    "hr/salaries.md": ("---\ntitle: Salary bands\naccess: [hr]\n---\n# Salary bands\n\n"
                       "The salary band code for level 4 is ZEBRA-4411.\n"),
    "legal/.access": "legal  # the legal team only\n",
    "legal/case.md": "# Case\n\nThe settlement code of the Acme case is QUOKKA-7781.\n",
    "sales/products.csv": "product,list_price,codename\nK-7,1777,PELICAN-9\n",
    "public/products.csv": "product,weight_kg\nK-5,2.5\n",
    "secret.triples.tsv": "subject\trelation\tobject\nProject Falcon\tled_by\tPENGUIN-3\n",
}
ACCESS = {"sales/*.csv": ["sales"], "secret.triples.tsv": ["leadership"]}


def write(root: Path) -> Path:
    for rel, text in PAGES.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def kb_root(tmp_path_factory) -> Path:
    return write(tmp_path_factory.mktemp("perm") / "kb")


@pytest.fixture
def reasoner(kb_root: Path, tmp_path: Path):
    """A fresh index and memory per test (so one test's remembered answers never help another)."""
    from reasoner.llm.base import FakeLLM

    llm = FakeLLM({"salary": "The salary band code for level 4 is ZEBRA-4411 [1].",
                   "settlement": "The settlement code is QUOKKA-7781 [1]."})  # fmt: skip
    r = Reasoner.build(kb_root, tmp_path / "ix", progress=False, embedder="hash", llm=llm,
                       cache_dir=tmp_path / "cache", access=ACCESS)  # fmt: skip
    yield r
    r.close()


def received(answer, tokens: list[str] = ()) -> str:
    """Every word a caller receives: the answer, its value, the evidence's and the steps' text
    fields, the streamed tokens. Timings and scores are left out: they are the engine's own
    numbers, and a float such as ``wall_ms=2.0177750002403627`` once read as the secret "1777"
    (the intermittent "leak" of session 6, found by looping this module under PYTHONHASHSEEDs)."""
    evidence = [f"{e.kind} {e.ref} {e.source} {e.section} {e.text} {e.hash}" for e in answer.evidence]
    steps = [f"{s.route} {s.action} {s.detail} {s.verdict or ''} {s.error or ''}" for s in answer.steps]
    return " ".join([answer.text, str(answer.value), answer.verdict or "", answer.key or "", *evidence, *steps, *tokens])


def leaked(answer, tokens: list[str] = ()) -> list[str]:
    """The restricted strings anywhere in what a caller receives."""
    blob = received(answer, tokens)
    return [s for s in SECRETS if s in blob]
