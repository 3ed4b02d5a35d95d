"""Answer candidates: the sentences, list items and table rows of retrieved chunks.

A chunk is cut into the smallest pieces that can state an answer on their own, each
kept with what a reader needs to understand it: the document title and section path,
the sentence that introduces a list, a table's header. Markdown is read as markdown:
hard-wrapped lines of a paragraph are joined (many handbooks wrap at 80 columns, and a
line is not a sentence), list items are one candidate each even when a loader has
flattened them onto one line ("1. Do this. - Note that."), and a table row is written
as "header: cell; header: cell" so that the cell's meaning travels with it.

Pure functions over strings; no model runs here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from reasoner.types import Hit

UnitKind = Literal["sentence", "item", "row"]

_LIST_MARK = re.compile(r"^\s*(?:[-*+\u2022]|\d{1,2}[.)])\s+")
# A list flattened onto one line by a loader: "... event. - Note that ...", "... birth * You need ..."
# or "... form 1. Next ...". A star or bullet between spaces is a list mark anywhere; a dash only
# after a sentence end ("Monday - Friday" is a range); a number only as "1." (markdown numbers
# every item "1.") or after a sentence end, so "is 12. Then" keeps its 12.
_INLINE_LIST = re.compile(
    r"(?:(?<=[.:;!?)])\s+(?:[-*\u2022]|\d{1,2}\.)|\s[*\u2022]|\s1\.)\s+(?=[A-Z_*\"'(\[`])"
)
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_FENCE = re.compile(r"^\s*(```|~~~)")
_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w))")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TEMPLATE = re.compile(r"\{%-?\s*\w+\s+\"?([^\"%]*?)\"?\s*-?%\}")
# Abbreviations that end in a period without ending the sentence: a short capitalised
# word ("St.", "Dr.", "No."), single letters ("U.S.", "e.g."), and "etc." mid-sentence.
_ABBREV = re.compile(r"(?:\b[A-Z][a-z]{0,2}|\b(?:[A-Za-z]\.)+[A-Za-z]|\be\.g|\bi\.e|\bvs|\betc|\bapprox)\.$")
_SENT_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[`*_]?[A-Z0-9#$])")
MIN_CHARS = 4
MAX_CHARS = 600
MAX_LEAD = 160  # a list's lead-in up to this length is read as part of each item


@dataclass(frozen=True)
class Unit:
    """One answer candidate.

    Attributes:
        text: the candidate as a reader sees it (markdown markup removed).
        hit: index of the hit (chunk) it comes from.
        kind: "sentence", "item" (a list item) or "row" (a table row with its header).
        context: the document title and section path, for reading it in context.
        lead: the sentence that introduces its list or table, or "".
        position: its order inside the chunk.
    """

    text: str
    hit: int
    kind: UnitKind
    context: str = ""
    lead: str = ""
    position: int = 0

    @property
    def in_context(self) -> str:
        """The text with its section path and lead-in, as embedded for "question vs section + sentence"."""
        lead = "" if self.text.startswith(self.lead) else self.lead.rstrip(":")
        head = " > ".join(p for p in (self.context, lead) if p)
        return f"{head}: {self.text}" if head else self.text


@dataclass(frozen=True)
class _Piece:
    text: str
    kind: UnitKind
    lead: str = ""


def clean_inline(text: str) -> str:
    """Markdown links, emphasis and template tags out; spaces collapsed."""
    text = _TEMPLATE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _EMPHASIS.sub("", text).replace("`", "")
    text = re.sub(r"\\(?=[^\w\s])|^\\", "", text)  # markdown escapes: "\\#670", "\\The"
    return " ".join(text.split())


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, not cut after abbreviations ("St.", "e.g.", "U.S.")."""
    out: list[str] = []
    start = 0
    for m in _SENT_END.finditer(text):
        head = text[start : m.start()].rstrip("\"')]")
        if _ABBREV.search(head):
            continue
        out.append(text[start : m.start()].strip())
        start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def _table_row(line: str) -> list[str]:
    cells = line.strip().strip("|").split("|")
    return [clean_inline(c) for c in cells]


def _row_text(header: list[str] | None, cells: list[str]) -> str:
    """ "header: cell; header: cell", or the cells joined when there is no header."""
    if header and len(header) == len(cells):
        parts = [f"{h}: {c}" if h else c for h, c in zip(header, cells, strict=True) if c]
        return "; ".join(parts)
    return "; ".join(c for c in cells if c)


def _blocks(text: str) -> list[tuple[str, list[str]]]:
    """Lines grouped into ("para" | "item" | "table" | "code", lines) blocks."""
    blocks: list[tuple[str, list[str]]] = []
    in_code = False
    for raw in text.splitlines():
        line = raw.rstrip()
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code or not line.strip():
            if not in_code:
                blocks.append(("blank", []))
            continue
        kind = "table" if line.lstrip().startswith("|") else "item" if _LIST_MARK.match(line) else "para"
        if _HEADING.match(line):
            blocks.append(("blank", []))  # a heading is context (the section path), not a candidate
            continue
        prev = blocks[-1][0] if blocks else "blank"
        if kind == "para" and prev in ("para", "item") or kind == "table" and prev == "table":
            blocks[-1][1].append(line)  # a wrapped line (or a list item's continuation)
        else:
            blocks.append((kind, [line]))
    return [b for b in blocks if b[0] != "blank"]


def _table_pieces(lines: list[str], lead: str) -> list[_Piece]:
    rows = [ln for ln in lines if not _TABLE_SEP.match(ln.replace("|", "", 1)) and not _TABLE_SEP.match(ln)]
    has_header = len(lines) > 1 and _TABLE_SEP.match(lines[1].replace("|", " ")) is not None
    header = _table_row(lines[0]) if has_header else None
    body = rows[1:] if has_header else rows
    return [_Piece(_row_text(header, _table_row(r)), "row", lead) for r in body]


def _text_pieces(text: str, kind: UnitKind, lead: str) -> list[_Piece]:
    """A paragraph or list item: its inline list items, then their sentences. A sentence
    ending in ":" becomes the lead-in of the inline items after it."""
    out: list[_Piece] = []
    for i, part in enumerate(p for p in _INLINE_LIST.split(text) if p.strip()):
        part = _LIST_MARK.sub("", part).strip()
        part_kind: UnitKind = "item" if i or kind == "item" else "sentence"
        sents = split_sentences(part)
        out.extend(_Piece(s, part_kind if len(sents) == 1 else "sentence", lead) for s in sents)
        if sents and sents[-1].endswith(":"):
            lead = sents[-1]
    return out


def pieces(text: str) -> list[_Piece]:
    """Every candidate piece of a chunk's text, in order."""
    out: list[_Piece] = []
    lead = ""
    for kind, lines in _blocks(text):
        if kind == "table":
            out.extend(_table_pieces(lines, lead))
            continue
        body = clean_inline(" ".join(_LIST_MARK.sub("", ln, count=1) if j == 0 else ln
                                     for j, ln in enumerate(lines)))  # fmt: skip
        found = _text_pieces(body, "item" if kind == "item" else "sentence", lead if kind == "item" else "")
        out.extend(found)
        if kind == "para" and found:
            last = found[-1].text
            lead = last if last.endswith(":") else ""
    return [p for p in out if len(p.text) >= MIN_CHARS]


def hit_context(hit: Hit) -> str:
    """ "Title > Section path" of a hit's chunk (the title only when the section repeats it)."""
    c = hit.chunk
    parts = [p for p in (c.title, c.section) if p]
    if len(parts) == 2 and parts[1].lower().startswith(parts[0].lower()):
        parts = parts[1:]
    return " > ".join(parts)


def units_of_hits(hits: Sequence[Hit]) -> list[Unit]:
    """The candidates of every hit, in hit order (a sentence repeated across chunks kept once)."""
    out: list[Unit] = []
    seen: set[str] = set()
    for i, hit in enumerate(hits):
        ctx = hit_context(hit)
        for pos, p in enumerate(pieces(hit.chunk.text)):
            key = p.text.lower()
            if key in seen:
                continue
            seen.add(key)
            text = p.text
            if p.kind == "item" and p.lead and len(p.lead) <= MAX_LEAD:
                text = f"{p.lead} {text}"  # "Three to five weeks in advance for: conferences over $2,500"
            out.append(Unit(text[:MAX_CHARS], i, p.kind, ctx, p.lead[:200], pos))
    return out
