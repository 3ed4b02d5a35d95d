"""Markdown loader: YAML front matter becomes metadata, headings become section paths."""

from __future__ import annotations

import re
from typing import Any

from reasoner.ingest.document import Block, Document, UnreadableFile, decode_text, title_from_name

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_LIQUID = re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.S)
# what a Liquid site renders for its template tags: a comment block renders nothing (its text is a note
# to the page's authors), a tag that links a chat channel renders its name as "#name" (18F's
# ``{% slack_channel "admins-mural" %}``: without it, "Ask in  for access" names no one to ask)
_LIQUID_COMMENT = re.compile(r"\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}", re.S)
# a CommonMark reference link "[text][label]" (or "[text][]") is its text; a definition line "[label]: <url>"
# renders nothing
_REF_LINK = re.compile(r"!?\[([^\]]+)\]\[[^\]]*\]")
_LINK_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]]+\]:[ \t]*\S.*$", re.M)
_CHANNEL_TAG = re.compile(r"\{%-?\s*\w*channel\w*\s+[\"']#?([\w.-]+)[\"'](?:\s+[\"'][^\"'%]*[\"'])?\s*-?%\}", re.I)
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Separate a leading ``---`` YAML block from the body.

    Malformed YAML is ignored (the block is dropped, the body kept): a broken
    header should not cost the document.
    """
    m = re.match(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", text, re.S)
    if not m:
        return {}, text
    import yaml

    try:
        meta = yaml.safe_load(m.group(1))
    except yaml.YAMLError:
        meta = None
    return (meta if isinstance(meta, dict) else {}), text[m.end() :]


# a CommonMark autolink: "<https://x.org/a>", "<mailto:a@b.org>", "<a@b.org>" is its address, not a tag
_AUTOLINK = re.compile(r"<(?:mailto:)?((?:[a-zA-Z][a-zA-Z0-9+.-]{1,31}://[^\s<>]+)|(?:[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+))>")


def clean_inline(text: str) -> str:
    """Links (inline and by reference) to their text, autolinks to their address, channel tags to "#name";
    link definitions, other template tags, template comments and inline HTML dropped."""
    text = _CHANNEL_TAG.sub(r"#\1", _LIQUID_COMMENT.sub("", text))
    text = _LIQUID.sub("", _LINK_DEFINITION.sub("", text))
    text = _REF_LINK.sub(r"\1", _LINK.sub(r"\1", text))
    text = _AUTOLINK.sub(r"\1", text)
    return _HTML_TAG.sub("", text)


def _is_table_line(line: str) -> bool:
    return line.lstrip().startswith("|")


def parse_markdown(body: str) -> tuple[list[Block], str]:
    """Blocks with heading paths, and the first H1 (or "").

    Paragraphs split on blank lines; consecutive table lines form one table
    block; fenced code forms one code block.
    """
    blocks: list[Block] = []
    stack: list[tuple[int, str]] = []
    first_h1 = ""
    buf: list[str] = []
    buf_kind = "text"

    def flush() -> None:
        nonlocal buf, buf_kind
        text = "\n".join(buf).strip()
        if buf_kind != "code":
            text = clean_inline(text)
        if text.strip():  # a paragraph of link definitions renders nothing
            section = " > ".join(h for _, h in stack)
            blocks.append(Block(text, section, None, buf_kind))
        buf, buf_kind = [], "text"

    lines = body.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if _FENCE.match(line):
            flush()
            j = i + 1
            while j < len(lines) and not _FENCE.match(lines[j]):
                j += 1
            buf, buf_kind = lines[i + 1 : j], "code"
            flush()
            i = j + 1
            continue
        heading = _HEADING.match(line)
        if heading:
            flush()
            level, title = len(heading.group(1)), clean_inline(heading.group(2)).strip()
            if level == 1 and not first_h1:
                first_h1 = title
            stack = [(lv, h) for lv, h in stack if lv < level] + [(level, title)]
        elif not line.strip():
            flush()
        else:
            kind = "table" if _is_table_line(line) else "text"
            if buf and kind != buf_kind:
                flush()
            buf_kind = kind
            buf.append(line)
        i += 1
    flush()
    return blocks, first_h1


def load_markdown(data: bytes, source: str) -> Document:
    """Markdown with optional YAML front matter (``title`` is used as the title)."""
    text = decode_text(data, source)
    meta, body = split_front_matter(text)
    blocks, h1 = parse_markdown(body)
    title = str(meta.get("title") or h1 or title_from_name(source)).strip()
    if not blocks and not title:
        raise UnreadableFile(f"{source}: empty document")
    meta = {k: v for k, v in meta.items() if isinstance(v, str | int | float | bool | list)}
    return Document(source=source, doc_type="md", title=title, metadata=meta, blocks=blocks)
