"""A caller never receives a restricted string, by any route, before or after a caller with access
asked the same question; with access, the answer is there."""

from __future__ import annotations

import pytest

from .conftest import SECRETS, leaked

OUTSIDER = ["engineering"]

# (question, the secret the answer needs, the group that may read it, the route it exercises)
CASES = [
    ("What is the salary band code for level 4?", "ZEBRA-4411", "hr", "rag (reader)"),
    ("What is the settlement code of the Acme case?", "QUOKKA-7781", "legal", "rag (.access folder)"),
    ("What is the codename of the K-7?", "PELICAN-9", "sales", "graph (table, mapping)"),
    ("Who leads Project Falcon?", "PENGUIN-3", "leadership", "graph (triples, mapping)"),
    ("What is the K-7's list price?", "1777", "sales", "graph attribute"),
    ("What is 10% of the K-7's list price?", "177.7", "sales", "compose"),
]


@pytest.mark.parametrize(("question", "secret", "group", "route"), CASES, ids=[c[3] for c in CASES])
def test_an_outsider_gets_nothing_restricted_and_an_insider_gets_it(reasoner, question, secret, group, route):
    outsider = reasoner.ask(question, groups=OUTSIDER)
    assert leaked(outsider) == [] and secret not in outsider.text
    insider = reasoner.ask(question, groups=[group])
    assert secret in insider.text or secret == insider.value, (route, insider.text, insider.verdict)
    again = reasoner.ask(question, groups=OUTSIDER)  # after the insider: memory and caches must not leak
    assert leaked(again) == [] and not again.from_memory


@pytest.mark.parametrize(("question", "secret", "group", "route"), CASES, ids=[c[3] for c in CASES])
def test_streams_and_langchain_calls_leak_nothing(reasoner, question, secret, group, route):
    reasoner.ask(question, groups=[group])  # an insider first
    tokens: list[str] = []
    events = list(reasoner.stream(question, groups=OUTSIDER))
    tokens = [e.text for e in events if e.kind == "token"]
    final = events[-1].answer
    assert leaked(final, tokens) == []
    assert leaked(reasoner.invoke({"question": question}, groups=OUTSIDER)) == []


def test_follow_ups_resolve_only_over_what_the_caller_may_read(reasoner):
    conv = reasoner.conversation()
    first = conv.ask("What is the codename of the K-7?", groups=OUTSIDER)
    follow = conv.ask("and what is its list price?", groups=OUTSIDER)
    assert leaked(first) == [] and leaked(follow) == []


def test_an_unrestricted_caller_sees_everything(reasoner):
    a = reasoner.ask("What is the salary band code for level 4?", groups=None)
    assert "ZEBRA-4411" in a.text


def test_withheld_reads_like_any_other_abstention(reasoner):
    withheld = reasoner.ask("What is the salary band code for level 4?", groups=OUTSIDER)
    unknown = reasoner.ask("What is the pet policy for the Mars office?", groups=OUTSIDER)
    assert withheld.abstained and unknown.abstained
    for word in ("restricted", "permission", "allowed", "access", "hr"):
        assert word not in withheld.text.lower()



def test_chat_sources_and_why_show_only_what_the_caller_may_read(reasoner):
    import io

    from rich.console import Console

    from reasoner.cli import chat

    for question, _, group, _ in CASES:
        reasoner.ask(question, groups=[group])  # insiders first
    reasoner.groups = frozenset(OUTSIDER)  # the chat's caller (`reasoner chat --groups engineering`)
    console = Console(file=io.StringIO(), force_terminal=False, width=100, color_system=None)
    session = chat.ChatSession(lambda: reasoner, console, plain=True)
    questions = [q for q, *_ in CASES] + ["How many vacation days do full-time employees earn?"]
    for question in questions:
        for line in (question, "/sources", "/why"):
            session.handle(line)
    out = console.file.getvalue()
    assert "public/leave.md" in out  # /sources does show what the caller may read
    restricted = ("hr/salaries.md", "legal/case.md", "sales/products.csv", "secret.triples.tsv")
    assert [s for s in (*SECRETS, *restricted) if s in out] == []


def test_a_change_of_access_alone_reaches_the_index_the_graph_and_the_memory(reasoner, kb_root, tmp_path):
    import shutil

    kb = tmp_path / "kb"
    shutil.copytree(kb_root, kb)
    reasoner.index(kb, progress=False)
    questions = {"How many vacation days do full-time employees earn?": "25", "What is the K-5's weight?": "2.5"}
    for q, gold in questions.items():  # public today: remembered from an unrestricted caller
        assert gold in reasoner.ask(q).text and gold in reasoner.ask(q, groups=OUTSIDER).text
    (kb / "public" / ".access").write_text("hr\n")  # the folder becomes HR's, no document edited
    report = reasoner.index(kb, progress=False)
    assert {"public/leave.md", "public/products.csv"} <= set(report.changed_sources)
    for q, gold in questions.items():
        withheld = reasoner.ask(q, groups=OUTSIDER)
        assert withheld.abstained and gold not in withheld.text and not withheld.from_memory, (q, withheld.text)
        assert gold in reasoner.ask(q, groups=["hr"]).text
