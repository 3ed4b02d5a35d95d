"""Pure parsers that turn knowledge-base files into facts for the graph.

Three kinds of source feed the graph:

* triples files (``*.triples.tsv``, ``*.triples.csv``, MetaQA-style ``kb.txt``):
  one ``subject, relation, object`` per row, header optional;
* tables (other ``*.csv``): the key column names the row's entity; columns whose
  values are themselves keys (``manager``) or a small set of repeated categories
  (``team``, ``location``) become edges, the rest node attributes;
* prose (``*.md``, ``*.txt``): a few generic English patterns
  ("X reports to Y", "X leads the Y team", "X is the head of Y").

Every fact carries its source as ``"path:row"`` or ``"path:line"``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

HEADER_WORDS = {
    "subject",
    "relation",
    "object",
    "head",
    "tail",
    "predicate",
    "source",
    "target",
    "rel",
    "relationship",
    "entity",
    "value",
    "from",
    "to",
    "s",
    "p",
    "o",
    "h",
    "r",
    "t",
}
SEPARATORS = ("\t", "|", ",", ";")
TEXT_SUFFIXES = (".md", ".markdown", ".txt")
MAX_FILE_BYTES = 50_000_000


@dataclass(frozen=True)
class Triple:
    """One edge: ``subject --relation--> object`` and where it was stated."""

    subject: str
    relation: str
    object: str
    source: str


@dataclass
class Facts:
    """Everything one file contributes to the graph."""

    file: str
    triples: list[Triple] = field(default_factory=list)
    attributes: dict[str, dict[str, str]] = field(default_factory=dict)  # node -> column -> value
    aliases: dict[str, list[str]] = field(default_factory=dict)  # node -> other names


def file_kind(path: str) -> str | None:
    """Which parser reads ``path`` ("triples", "table", "text"), or None to skip it."""
    name = path.rsplit("/", 1)[-1].lower()
    if name.startswith("."):
        return None
    if name.endswith((".triples.tsv", ".triples.csv", ".triples.txt")):
        return "triples"
    if name.endswith(".csv"):
        return "table"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    return None


# A relation name with a namespace: "film.film.directed_by", "dbo:director", a URI.
QUALIFIED = re.compile(r"^[\w/.:#-]*\w[/.:#]+\w[\w/.:#-]*$")
NAMESPACE_SEPARATOR = re.compile(r"[./:#]")


def clean_relation(name: str) -> str:
    """``"Reports To"`` -> ``"reports_to"``: lower case words joined by underscores.

    A qualified name (one token, parts separated by ``. / : #``) keeps its
    parts, cleaned, joined by dots (``"film.film.directed_by"``,
    ``"/people/person/placeOfBirth"`` -> ``"people.person.place_of_birth"``); the
    last part is what the relation says (:func:`reasoner.graph.paths.phrase`). A
    column header with spaces ("Cost: USD", "Salary (p.a.)") is plain words.
    """
    name = name.strip()
    pieces = NAMESPACE_SEPARATOR.split(name) if QUALIFIED.match(name) else [name]
    parts = []
    for part in pieces:
        words = re.findall(r"[a-z0-9]+", re.sub(r"([a-z])([A-Z])", r"\1 \2", part).lower())
        if words:
            parts.append("_".join(words))
    return ".".join(parts)


def detect_separator(lines: list[str]) -> str:
    """The separator that splits most of the sample lines into exactly three fields."""
    sample = [ln for ln in lines[:200] if ln.strip()]
    best, best_hits = "\t", -1
    for sep in SEPARATORS:
        hits = sum(1 for ln in sample if len(ln.split(sep)) == 3)
        if hits > best_hits:
            best, best_hits = sep, hits
    return best


def _is_header(fields: list[str]) -> bool:
    return all(f.strip().lower() in HEADER_WORDS for f in fields if f.strip())


def parse_triples(text: str, file: str, sep: str | None = None) -> Facts:
    """Read ``subject<sep>relation<sep>object`` rows; rows without three fields are skipped.

    Args:
        text: the file's content.
        file: its relative path, used in each triple's source.
        sep: the field separator; detected from the first lines when None.
    """
    lines = text.splitlines()
    sep = sep or detect_separator(lines)
    facts = Facts(file)
    rows = csv.reader(lines, delimiter=sep) if sep == "," else (ln.split(sep) for ln in lines)
    for lineno, fields in enumerate(rows, start=1):
        fields = [f.strip() for f in fields]
        if len(fields) != 3 or not all(fields):
            continue
        if lineno == 1 and _is_header(fields):
            continue
        rel = clean_relation(fields[1])
        if rel:
            facts.triples.append(Triple(fields[0], rel, fields[2], f"{file}:{lineno}"))
    return facts


# -- tables ---------------------------------------------------------------------------

_NUMBER = re.compile(r"^[-+]?[$€£]?\d[\d,]*(\.\d+)?%?$")
_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?([ T].*)?$|^\d{1,2}/\d{1,2}/\d{2,4}$")


def is_scalar(value: str) -> bool:
    """Numbers and dates are attribute values, never entities."""
    return bool(_NUMBER.match(value) or _DATE.match(value))


def _key_column(header: list[str], rows: list[list[str]]) -> int:
    """The first column whose values are all present, unique and not numbers."""
    for i in range(len(header)):
        values = [r[i] for r in rows]
        if all(values) and len(set(values)) == len(values) and not all(is_scalar(v) for v in values):
            return i
    return 0


def column_role(values: list[str], keys: set[str]) -> str:
    """Classify a non-key column: "link" (values are keys), "category" (few repeated labels) or "attribute".

    A column links rows when most of its filled values are keys of the table
    (``manager`` -> ``employee``); it is categorical when its values are text,
    repeat, and take at most half as many distinct values as there are rows.
    """
    filled = [v for v in values if v]
    if not filled:
        return "attribute"
    if sum(v in keys for v in filled) >= 0.8 * len(filled):
        return "link"
    if any(is_scalar(v) for v in filled):
        return "attribute"
    distinct = set(filled)
    if len(distinct) < len(filled) and len(distinct) <= max(2, len(values) // 2):
        return "category"
    return "attribute"


def parse_table(text: str, file: str) -> Facts:
    """Turn a CSV table (first row = header) into edges, attributes and aliases.

    The key column names each row's entity. Link and category columns become
    edges named after the column; other columns become node attributes, and
    text values unique to one row become aliases of that row's entity
    (``"Head of Sales"`` names the employee who holds that title).
    """
    facts = Facts(file)
    reader = list(csv.reader(io.StringIO(text)))
    if len(reader) < 2:
        return facts
    header = [h.strip() for h in reader[0]]
    width = len(header)
    numbered = [(n, [c.strip() for c in (r + [""] * width)[:width]]) for n, r in enumerate(reader[1:], 2)]
    numbered = [(n, r) for n, r in numbered if any(r)]
    rows = [r for _, r in numbered]
    if not rows:
        return facts
    key = _key_column(header, rows)
    keys = {r[key] for r in rows if r[key]}
    roles = {i: column_role([r[i] for r in rows], keys) for i in range(width) if i != key}
    for lineno, row in numbered:
        _table_row(facts, header, row, key, roles, f"{file}:{lineno}")
    _table_aliases(facts, header, rows, key, roles)
    return facts


def _table_row(facts: Facts, header: list[str], row: list[str], key: int, roles: dict, source: str) -> None:
    entity = row[key]
    if not entity:
        return
    attrs = facts.attributes.setdefault(entity, {})
    for i, role in roles.items():
        value = row[i]
        if not value:
            continue
        if role == "attribute":
            attrs[header[i]] = value
        else:
            facts.triples.append(Triple(entity, clean_relation(header[i]) or f"column_{i}", value, source))


def _table_aliases(facts: Facts, header: list[str], rows: list[list[str]], key: int, roles: dict) -> None:
    for i, role in roles.items():
        if role != "attribute":
            continue
        values = [r[i] for r in rows]
        counts: dict[str, int] = {}
        for v in values:
            counts[v] = counts.get(v, 0) + 1
        for row in rows:
            v = row[i]
            if v and counts[v] == 1 and not is_scalar(v) and re.search(r"[A-Za-z]{2}", v) and row[key]:
                facts.aliases.setdefault(row[key], []).append(v)


# -- prose ----------------------------------------------------------------------------

_NAME = r"(?:[A-Z][\w'&.-]*|\d[\w.-]*)(?:\s+(?:of\s+|the\s+|and\s+|de\s+|van\s+|von\s+)?(?:[A-Z][\w'&.-]*|\d[\w.-]*))*"
_TEXT_PATTERNS: list[tuple[re.Pattern[str], str | None]] = [
    (
        re.compile(
            rf"(?P<s>{_NAME})\s+(?:reports|reported)\s+(?:directly\s+)?to\s+(?:the\s+)?(?P<o>{_NAME})"
        ),
        "reports_to",
    ),
    (
        re.compile(
            rf"(?P<s>{_NAME})\s+(?:leads|heads|runs|manages)\s+the\s+(?P<o>{_NAME})\s+(?:team|department|group|division)"
        ),
        "leads",
    ),
    (re.compile(rf"(?P<s>{_NAME})\s+(?:leads|heads|runs|manages)\s+(?P<o>{_NAME})"), "leads"),
    (
        re.compile(
            rf"(?P<s>{_NAME})\s+(?:works|sits)\s+(?:in|on|for)\s+the\s+(?P<o>{_NAME})\s+(?:team|department|group)"
        ),
        "team",
    ),
    (re.compile(rf"(?P<s>{_NAME})\s+is\s+part\s+of\s+(?:the\s+)?(?P<o>{_NAME})"), "part_of"),
    (
        re.compile(
            rf"(?P<s>{_NAME})\s+(?:is|was)\s+(?:the|our)\s+(?P<r>[A-Za-z]+(?:\s+[A-Za-z]+){{0,2}})\s+of\s+(?:the\s+)?(?P<o>{_NAME})"
        ),
        None,
    ),
]
_MARKUP = re.compile(r"\*\*|__|`|\[([^\]]*)\]\([^)]*\)")
_LEADING_STOP = re.compile(r"^(?:The|A|An|Our|In|At|Since|Today|Currently|Also|And|But|Then)\s+")


def _clean_name(name: str) -> str:
    name = _LEADING_STOP.sub("", name.strip()).strip(" .,;:")
    return name


def parse_text(text: str, file: str) -> Facts:
    """Find relations stated in prose with a few generic English patterns, one fact per match."""
    facts = Facts(file)
    seen: set[tuple[str, str, str]] = set()
    for lineno, line in enumerate(text.splitlines(), start=1):
        line = _MARKUP.sub(lambda m: m.group(1) or "", line)
        for sentence in re.split(r"(?<=[.!?;])\s+", line):
            for pattern, relation in _TEXT_PATTERNS:
                for m in pattern.finditer(sentence):
                    s, o = _clean_name(m.group("s")), _clean_name(m.group("o"))
                    rel = relation or clean_relation(m.group("r") + " of")
                    if s and o and s != o and rel and (s, rel, o) not in seen:
                        seen.add((s, rel, o))
                        facts.triples.append(Triple(s, rel, o, f"{file}:{lineno}"))
    return facts


def parse_file(text: str, file: str, kind: str, sep: str | None = None) -> Facts:
    """Dispatch to the parser for ``kind`` (see :func:`file_kind`)."""
    if kind == "triples":
        return parse_triples(text, file, sep)
    if kind == "table":
        return parse_table(text, file)
    return parse_text(text, file)
