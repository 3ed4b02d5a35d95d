"""Randomised leak test: knowledge bases of public and restricted documents of every kind (front
matter, `.access` folders, mapped tables and triples), random callers and questions, an LLM that
repeats its whole prompt (the worst model for leaks): no caller ever receives a string that only
documents it may not read contain, whoever asked before. REASONER_HYPOTHESIS=thorough draws more."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reasoner.engine import Reasoner
from reasoner.ingest.access import visible
from reasoner.llm.base import FakeLLM

from .conftest import received

THOROUGH = os.environ.get("REASONER_HYPOTHESIS") == "thorough"
EXAMPLES = 200 if THOROUGH else 12

GROUPS = ("hr", "legal", "sales", "eng")
ENTITIES = ("K-7", "Project Falcon", "Acme", "Level 4")
ATTRIBUTES = ("codename", "list price", "owner", "budget")
KINDS = ("front-matter", "folder", "table", "triples")


class Parrot(FakeLLM):
    """Replies with its whole prompt: anything retrieval let through comes back out."""

    def generate(self, messages, **kw):  # type: ignore[override]
        self.default = " ".join(m["content"] for m in messages)
        return super().generate(messages, **{**kw, "max_new_tokens": 100_000})


@dataclass(frozen=True)
class Doc:
    kind: str
    entity: str
    attribute: str
    secret: str
    access: tuple[str, ...]  # ("everyone",) or groups


def docs() -> st.SearchStrategy[list[Doc]]:
    access = st.one_of(st.just(("everyone",)), st.lists(st.sampled_from(GROUPS), min_size=1, max_size=2,
                                                        unique=True).map(tuple))  # fmt: skip
    secret = st.one_of(st.integers(1000, 9999).map(lambda n: f"{n}{n % 7}1"),  # numbers, for compose
                       st.from_regex(r"[A-Z]{5}-[0-9]{3}", fullmatch=True))  # fmt: skip
    doc = st.builds(Doc, st.sampled_from(KINDS), st.sampled_from(ENTITIES), st.sampled_from(ATTRIBUTES),
                    secret, access)  # fmt: skip
    return st.lists(doc, min_size=2, max_size=6, unique_by=lambda d: d.secret)


def write(root: Path, corpus: list[Doc]) -> dict[str, list[str]]:
    """The KB files; returns the toml-style mapping for tables and triples files."""
    mapping: dict[str, list[str]] = {}
    for i, d in enumerate(corpus):
        column = d.attribute.replace(" ", "_")
        if d.kind == "front-matter":
            path, text = root / f"doc{i}.md", (f"---\naccess: [{', '.join(d.access)}]\n---\n# {d.entity}\n\n"
                                               f"The {d.attribute} of {d.entity} is {d.secret}.\n")  # fmt: skip
        elif d.kind == "folder":
            (root / f"team{i}").mkdir()
            (root / f"team{i}" / ".access").write_text("\n".join(d.access) + "\n")
            path, text = root / f"team{i}" / "notes.md", f"# Notes\n\n{d.entity}'s {d.attribute} is {d.secret}.\n"
        elif d.kind == "table":
            path, text = root / f"table{i}.csv", f"name,{column}\n{d.entity},{d.secret}\n"
        else:
            path, text = root / f"facts{i}.triples.tsv", f"subject\trelation\tobject\n{d.entity}\t{column}\t{d.secret}\n"
        if d.kind in ("table", "triples"):
            mapping[path.name] = list(d.access)
        path.write_text(text, encoding="utf-8")
    return mapping


def questions(corpus: list[Doc]) -> list[str]:
    out = []
    for d in corpus:
        out += [f"What is the {d.attribute} of {d.entity}?", f"What is {d.entity}'s {d.attribute}?",
                f"What is 10% of the {d.entity}'s {d.attribute}?", f"Tell me about {d.entity}."]  # fmt: skip
    return out


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus=docs(), caller=st.lists(st.sampled_from(GROUPS), max_size=2, unique=True), data=st.data())
def test_no_caller_receives_what_only_unreadable_documents_hold(corpus, caller, data):
    groups = frozenset(caller)
    hidden = {d.secret for d in corpus if not visible(d.access, groups)}
    with tempfile.TemporaryDirectory() as tmp:
        kb = Path(tmp) / "kb"
        kb.mkdir()
        mapping = write(kb, corpus)
        r = Reasoner.build(kb, Path(tmp) / "ix", progress=False, embedder="hash", llm=Parrot(),
                           cache_dir=Path(tmp) / "cache", access=mapping)  # fmt: skip
        try:
            asked = data.draw(st.lists(st.sampled_from(questions(corpus)), min_size=1, max_size=4))
            for q in asked:
                r.ask(q)  # an unrestricted caller first: memory and caches now hold everything
                events = list(r.stream(q, groups=sorted(groups)))
                tokens = [e.text for e in events if e.kind == "token"]
                blob = received(events[-1].answer, tokens) + received(r.ask(q, groups=sorted(groups)), [])
                assert [s for s in hidden if s in blob] == [], (q, sorted(groups))
        finally:
            r.close()
