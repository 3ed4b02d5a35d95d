"""`reasoner serve` processes sharing one index: they answer and write the answer memory at
once without losing an entry, and a re-index through one reaches the others."""

from __future__ import annotations

import csv
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

TEMPLATES = ("Who does {} report to?", "What team is {} on?", "What is the title of {}?", "When did {} start?")


def org_questions(kb: Path) -> list[str]:
    with (kb / "org" / "org_chart.csv").open(encoding="utf-8") as f:
        people = [row["employee"] for row in csv.DictReader(f)][:16]
    return [t.format(p) for p in people for t in TEMPLATES]


def ask(url: str, question: str) -> tuple[str, dict]:
    r = httpx.post(f"{url}/ask", json={"question": question}, timeout=60)
    assert r.status_code == 200, r.text
    return question, r.json()


def remembered(index: Path, cache: Path) -> set[str]:
    from reasoner import Reasoner

    r = Reasoner.open(index, embedder="hash", llm="fake", cache_dir=cache)
    try:
        return {e["question"] for e in r.memory.entries()}
    finally:
        r.close()


def test_workers_answer_and_remember_at_once_without_losing_entries(serve_pair):
    a, b = serve_pair["a"].url, serve_pair["b"].url
    questions = org_questions(serve_pair["kb"])
    jobs = [(a if i % 2 else b, q) for i, q in enumerate(questions)]
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda job: ask(*job), jobs))
    storable = {q for q, ans in results
                if ans["verified"] and not ans["abstained"] and not ans["from_memory"] and ans["route"] != "math"}  # fmt: skip
    assert len(storable) >= 30  # enough concurrent writers for a lost write to show
    pids = {httpx.get(f"{url}/health").json()["pid"] for url in (a, b)}
    assert len(pids) == 2
    assert remembered(serve_pair["index"], serve_pair["cache"]) == storable
    again = ask(b, questions[1])[1]  # written by A, served by B from the shared memory
    assert again["from_memory"] is True or questions[1] not in storable


def test_a_reindex_through_one_server_reaches_the_others(serve_pair):
    a, b = serve_pair["a"].url, serve_pair["b"].url
    question = "Who does Marcus Bell report to?"
    assert ask(b, question)[1]["value"] == "Dana Whitfield"
    chart = serve_pair["kb"] / "org" / "org_chart.csv"
    chart.write_text(chart.read_text(encoding="utf-8").replace(
        "Marcus Bell,Account Executive,Sales,Dana Whitfield", "Marcus Bell,Account Executive,Sales,Zoe Hart"),
        encoding="utf-8")  # fmt: skip
    r = httpx.post(f"{a}/index", json={}, timeout=120)
    assert r.status_code == 200 and r.json()["changed"] == ["org/org_chart.csv"]
    for url in (b, a, a, a):  # B reopens the index; so does whichever of A's workers did not re-index
        assert ask(url, question)[1]["value"] == "Zoe Hart"
