"""HTML loader (BeautifulSoup with lxml): headings become section paths, tables stay whole."""

from __future__ import annotations

from reasoner.ingest.document import Block, Document, decode_text, paragraphs, title_from_name

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_LEAVES = ("p", "li", "pre", "table", "blockquote", "dd", "dt", "figcaption", "td")
_DROP = ("script", "style", "nav", "footer", "header", "noscript", "template", "svg", "form")


def _table_text(table) -> str:
    rows = []
    for tr in table.find_all("tr"):
        cells = [c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
        if any(cells):
            rows.append(" | ".join(cells))
    return "\n".join(rows)


def _has_leaf_ancestor(el) -> bool:
    return any(p.name in _LEAVES for p in el.parents)


def load_html(data: bytes, source: str) -> Document:
    """HTML page: <title> or first <h1> as title, text blocks in reading order."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(decode_text(data, source), "lxml")
    for el in soup.find_all(_DROP):
        el.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    stack: list[tuple[int, str]] = []
    blocks: list[Block] = []
    for el in soup.find_all(_HEADINGS + _LEAVES):
        if _has_leaf_ancestor(el):
            continue
        if el.name in _HEADINGS:
            level, text = int(el.name[1]), el.get_text(" ", strip=True)
            if level == 1 and not title:
                title = text
            stack = [(lv, h) for lv, h in stack if lv < level] + [(level, text)]
            continue
        section = " > ".join(h for _, h in stack)
        if el.name == "table":
            blocks.append(Block(_table_text(el), section, None, "table"))
        elif el.name == "pre":
            blocks.append(Block(el.get_text().strip("\n"), section, None, "code"))
        else:
            blocks.append(Block(el.get_text(" ", strip=True), section))
    if not blocks and soup.body:
        # pages built from bare <div>s: fall back to the visible text

        blocks = [Block(p) for p in paragraphs(soup.body.get_text("\n\n", strip=True))]
    return Document(source=source, doc_type="html", title=title or title_from_name(source), blocks=blocks)
