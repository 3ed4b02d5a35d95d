"""CSV/TSV and JSON/JSONL loaders: records become self-describing lines of text."""

from __future__ import annotations

import csv
import io
import json
import logging
from typing import Any

from reasoner.ingest.document import Block, Document, UnreadableFile, decode_text, title_from_name

log = logging.getLogger("reasoner.ingest")
_TEXT_KEYS = ("text", "content", "body", "page_content", "passage", "answer")


def _rows(data: bytes, source: str, delimiter: str) -> list[list[str]]:
    text = decode_text(data, source)
    csv.field_size_limit(10_000_000)
    rows = [[c.strip() for c in r] for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
    return [r for r in rows if any(r)]


def record_line(header: list[str], row: list[str]) -> str:
    """ "col: value | col2: value2"; extra cells keep their position as the name."""
    names = header + [f"col{i + 1}" for i in range(len(header), len(row))]
    return " | ".join(f"{n}: {v}" for n, v in zip(names, row, strict=False) if v)


def _table_document(rows: list[list[str]], source: str, doc_type: str) -> Document:
    if not rows:
        raise UnreadableFile(f"{source}: empty table")
    if source.endswith(".triples.tsv"):
        # subject<TAB>relation<TAB>object rows, no header: read as short sentences
        lines = [" ".join(r) for r in rows]
    else:
        header, body = rows[0], rows[1:] or [rows[0]]
        lines = [record_line(header, r) for r in body]
    block = Block("\n".join(line for line in lines if line), "", None, "table")
    return Document(source=source, doc_type=doc_type, title=title_from_name(source), blocks=[block])


def load_csv(data: bytes, source: str) -> Document:
    """Comma-separated values with a header row; one table block (split by rows if large)."""
    return _table_document(_rows(data, source, ","), source, "csv")


def load_tsv(data: bytes, source: str) -> Document:
    """Tab-separated values; ``*.triples.tsv`` rows (no header) become "subject relation object"."""
    return _table_document(_rows(data, source, "\t"), source, "tsv")


def _flatten(value: Any, prefix: str = "") -> list[str]:
    """Nested JSON as "a.b: value" lines."""
    if isinstance(value, dict):
        out: list[str] = []
        for k, v in value.items():
            out.extend(_flatten(v, f"{prefix}.{k}" if prefix else str(k)))
        return out
    if isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
            return [f"{prefix}: {', '.join(str(v) for v in value)}"] if value else []
        return [line for v in value for line in _flatten(v, prefix)]
    if value is None or value == "":
        return []
    return [f"{prefix}: {value}" if prefix else str(value)]


def record_block(record: Any) -> Block:
    """One JSON record: its text field when it has one (other fields as a header), else all fields."""
    if isinstance(record, dict):
        key = next((k for k in _TEXT_KEYS if isinstance(record.get(k), str) and record[k].strip()), None)
        if key:
            rest = _flatten({k: v for k, v in record.items() if k != key and not isinstance(v, dict | list)})
            head = " | ".join(rest)
            return Block(f"{head}\n{record[key].strip()}" if head else record[key].strip())
    if isinstance(record, str):
        return Block(record)
    return Block("\n".join(_flatten(record)), "", None, "table")


def load_json(data: bytes, source: str) -> Document:
    """JSON: a list becomes one block per item, an object one block of "key: value" lines."""
    value = json.loads(decode_text(data, source))
    records = value if isinstance(value, list) else [value]
    blocks = [record_block(r) for r in records]
    return Document(source=source, doc_type="json", title=title_from_name(source), blocks=blocks)


def load_jsonl(data: bytes, source: str) -> Document:
    """JSON lines: one block per record; malformed lines are skipped with one warning."""
    blocks, bad = [], 0
    for line in decode_text(data, source).splitlines():
        if not line.strip():
            continue
        try:
            blocks.append(record_block(json.loads(line)))
        except json.JSONDecodeError:
            bad += 1
    if bad and not blocks:
        raise UnreadableFile(f"{source}: no valid JSON line")
    if bad:
        log.warning("%s: skipped %d malformed JSON line(s)", source, bad)
    return Document(source=source, doc_type="jsonl", title=title_from_name(source), blocks=blocks)
