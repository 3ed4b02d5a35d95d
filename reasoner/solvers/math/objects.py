"""The math objects of a question, found and masked: what the expression grammar reads.

A question in people's words mixes English with objects the parser already knows: numbers,
expressions, equations, lists of them, lettered options, variable names and numerals in other
bases. :func:`mask` finds them (runs of tokens that look like math and that the grammar accepts)
and replaces each by a word that names its type, so that what is left is the *request* alone
("Give me the term after LIST." / "What does VARIABLE have to be so that EQUATION?"), which
:mod:`.meaning` compares with the frames it knows. Pure, no SymPy, well under a millisecond.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reasoner.errors import ParseError
from reasoner.solvers.math.parser import Relation, parse, parse_relation
from reasoner.solvers.math.tree import Name, Neg, Num
from reasoner.solvers.math.words import split_options, split_top

# The type words put in place of the objects (lower case: the embedder is uncased).
PLACEHOLDER = {
    "eq": "equation",
    "expr": "expression",
    "num": "number",
    "var": "variable",
    "list": "list",
    "options": "options",
    "def": "definition",
    "basenum": "numeral",
    "bag": "set",
}
_TOKEN = re.compile(r"\S+")
_OPERATOR = re.compile(r"[*+/^=<>()]|\d|^-$|^-\S|\S-$")
_SYMBOL = re.compile(r"[-*+/^=<>]")  # an operator beside it (a bracket is not: "(...) I keep")
_LETTER = re.compile(r"^[A-Za-z]$")
# English words of one letter: a variable only beside an operator ("a + 3", "is a prime" is English).
_ENGLISH_LETTERS = {"a", "A", "I"}
_TRAIL = ".,?!;:"
_OPTION_MARK = re.compile(r"^\([a-z]\)$")
_BASENUM = re.compile(r"^-?(?=[0-9a-z]*\d)(?=[0-9a-z]*[a-z])[0-9a-z]+$")


@dataclass(frozen=True)
class Obj:
    """One object: its type (a key of :data:`PLACEHOLDER`), its text and where it is."""

    kind: str
    text: str
    start: int
    end: int
    items: tuple[str, ...] = ()
    value: object = None


@dataclass(frozen=True)
class Masked:
    """The question with its objects masked, and the objects in order."""

    text: str
    masked: str
    objects: tuple[Obj, ...]


def _mathy(token: str, prev: str, nxt: str) -> bool:
    core = token.strip(_TRAIL + "\"'")
    if not core:
        return False
    if _OPTION_MARK.match(core):
        return True
    if re.search(r"[A-Za-z]{2,}-[A-Za-z]", core) or re.fullmatch(r"[A-Za-z]+'[a-z]+", core):
        return False  # "well-known", "what's"
    if _OPERATOR.search(core):
        return bool(re.fullmatch(r"[-+*/^=<>()!.,\w{}: ]+", core)) and not re.search(r"[A-Za-z]{4,}(?!\()", core)
    if _LETTER.match(core):
        if core in _ENGLISH_LETTERS:  # "a + 3" (an operator beside it), not "2048289599 a prime"
            return bool(_SYMBOL.search(prev[-1:]) or _SYMBOL.search(nxt.strip(_TRAIL)[:1]))
        return True
    return False


def _runs(text: str) -> list[tuple[int, int]]:
    """Spans of consecutive math-looking tokens, cut after a token that ends a sentence."""
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    spans: list[tuple[int, int]] = []
    cur: list[int] | None = None
    for i, (s, e, tok) in enumerate(toks):
        prev = toks[i - 1][2] if i else ""
        nxt = toks[i + 1][2] if i + 1 < len(toks) else ""
        if _mathy(tok, prev, nxt):
            if cur is None:
                cur = [s, e]
            else:
                cur[1] = e
            core = tok.rstrip("\"'")
            if core and core[-1] in ".?!;:" and not re.search(r"\d\.$", core[:-1] + "."):
                spans.append((cur[0], cur[1]))
                cur = None
            elif core.endswith(".") and i + 1 < len(toks) and toks[i + 1][2][:1].isupper():
                spans.append((cur[0], cur[1]))
                cur = None
        elif cur is not None:
            spans.append((cur[0], cur[1]))
            cur = None
    if cur is not None:
        spans.append((cur[0], cur[1]))
    return spans


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while e > s and text[e - 1] in _TRAIL + "\"'":
        e -= 1
    while s < e and text[s] in "\"'":
        s += 1
    # unbalanced brackets at the edges belong to the English ("(base 8)")
    while e > s and text[s:e].count("(") < text[s:e].count(")") and text[e - 1] == ")":
        e -= 1
    while e > s and text[s:e].count("(") > text[s:e].count(")") and text[s] == "(":
        s += 1
    return s, e


def _one(piece: str) -> Obj | None:
    """Type one item: an equation, a number, a name, an expression, a numeral in another base."""
    piece = piece.strip()
    if not piece:
        return None
    if any(op in piece for op in ("=", "<", ">")):
        try:
            rel = parse_relation(piece)
        except (ParseError, RecursionError):
            return None
        return Obj("eq", piece, 0, 0, value=rel) if isinstance(rel, Relation) else None
    try:
        node = parse(piece)
    except (ParseError, RecursionError):
        if _BASENUM.match(piece):
            return Obj("basenum", piece, 0, 0)
        return None
    if isinstance(node, Name):
        return Obj("var", piece, 0, 0, value=node)
    if isinstance(node, Num) or (isinstance(node, Neg) and isinstance(node.arg, Num)):
        return Obj("num", piece, 0, 0, value=node)
    if _BASENUM.match(piece) and re.search(r"\d[a-z]|[a-z]\d", piece):
        return Obj("basenum", piece, 0, 0, value=node)  # "7322b" reads as 7322*b, but it is a numeral
    return Obj("expr", piece, 0, 0, value=node)


def _typed(text: str, s: int, e: int) -> list[Obj]:
    """The objects of one run: options, a list, or one item (else the run's parsable pieces)."""
    piece = text[s:e]
    try:
        options = split_options(piece)
    except ParseError:
        options = []
    if options:
        return [Obj("options", piece, s, e, items=tuple(f"({k}) {v}" for k, v in options))]
    items = split_top(piece)
    if len(items) > 1:
        typed = [_one(i) for i in items]
        if all(t is not None and t.kind in ("num", "expr", "var", "basenum") for t in typed):
            return [Obj("list", piece, s, e, items=tuple(items))]
        if all(t is not None for t in typed):  # "a = 1, b = 2": separate objects
            out, pos = [], s
            for t in typed:
                i = text.index(t.text, pos)
                out.append(Obj(t.kind, t.text, i, i + len(t.text), value=t.value))
                pos = i + len(t.text)
            return out
        return []
    t = _one(piece)
    return [Obj(t.kind, t.text, s, e, value=t.value)] if t else []


_JOIN = re.compile(r"^,?\s*(?:and|or|,)\s*$")


def _joined(text: str, objs: list[Obj]) -> list[Obj]:
    """"22, 25, -7 and -9": a list and an item joined by "and"/"or" are one list."""
    out: list[Obj] = []
    for o in objs:
        last = out[-1] if out else None
        values = ("num", "expr", "var", "list")
        if (
            last is not None
            and last.kind in values
            and o.kind in ("num", "expr", "var")
            and _JOIN.match(text[last.end : o.start])
            and (last.kind == "list" or o.kind == last.kind == "num")
        ):
            items = (last.items or (last.text,)) + (o.text,)
            out[-1] = Obj("list", text[last.start : o.end], last.start, o.end, items=items)
        else:
            out.append(o)
    return out


_FUNC_DEF = re.compile(r"^[A-Za-z]\(([a-z])\) = ")


def _definitions(text: str, objs: list[Obj]) -> list[Obj]:
    """"m is (20/10)/...", "let q be h(-107)": a name said to be a value is one definition."""
    out: list[Obj] = []
    for o in objs:
        last = out[-1] if out else None
        if (
            last is not None
            and last.kind == "var"
            and o.kind in ("num", "expr")
            and re.fullmatch(r" (?:is|be|equals|is equal to|equal to|equal|being|defined as|as) ", text[last.end : o.start], re.I)
        ):
            out[-1] = Obj("def", f"{last.text} = {o.text}", last.start, o.end)
            continue
        if o.kind == "eq" and (_function_def(o.text) or (isinstance(o.value, Relation) and o.value.op == "=" and _defines(o.value))):
            out.append(Obj("def", o.text, o.start, o.end, value=o.value))
            continue
        out.append(o)
    return out


def _function_def(text: str) -> bool:
    """``f(x) = 3*x + 1``: a function defined by an expression of its argument (``r(x) = 0`` is an equation)."""
    m = _FUNC_DEF.match(text)
    return bool(m) and re.search(rf"(?<![A-Za-z]){m.group(1)}(?![A-Za-z(])", text[m.end() :]) is not None


def _defined_letters(text: str, objs: list[Obj]) -> list[Obj]:
    """"Let a = o - y. What is a to 4 decimal places?": once defined, "a" is the name, not the article."""
    defined = {o.text.split("=", 1)[0].strip() for o in objs if o.kind == "def"} & _ENGLISH_LETTERS
    if not defined:
        return objs
    last_def = max(o.end for o in objs if o.kind == "def")
    taken = [(o.start, o.end) for o in objs]
    extra = []
    for m in re.finditer(r"(?<![\w(])(" + "|".join(defined) + r")(?![\w(])", text):
        if m.start() > last_def and not any(s <= m.start() < e for s, e in taken):
            extra.append(Obj("var", m.group(1), m.start(), m.end(), value=Name(m.group(1))))
    return _joined(text, sorted(objs + extra, key=lambda o: o.start))


def _defines(rel: Relation) -> bool:
    """``v = 856 + -858`` or ``f(x) = ...``: a name (or a function) on the left not used on the right."""
    from reasoner.solvers.math.tree import Call, names

    left = rel.left
    if isinstance(left, Name):
        return left.id not in names(rel.right)
    if isinstance(left, Call) and all(isinstance(a, Name) for a in left.args):
        return True
    return False


# Lettered options "(a) -0.5 (b) f or (c) k", with or without commas and "or".
_OPTIONS = re.compile(r"\(a\)\s*[^()\s,?]+(?:(?:[,;]|\s)\s*(?:(?:or|and)\s+)?\([b-z]\)\s*[^()\s,?]+)+")
_BAG = re.compile(r"\{[^{}]*\}")


def mask(text: str) -> Masked:
    """Find the objects of ``text`` and mask each by its type word."""
    objs: list[Obj] = []
    cuts = [(m.start(), m.end(), "options") for m in _OPTIONS.finditer(text)]
    cuts += [(m.start(), m.end(), "bag") for m in _BAG.finditer(text)]
    cuts.sort()
    pos = 0
    for cs, ce, kind in [*cuts, (len(text), len(text), "")]:
        chunk = text[:cs]
        for s, e in _runs(chunk):
            if s < pos:
                continue
            s, e = _strip(text, s, e)
            if s < e:
                objs.extend(_typed(text, s, e))
        if kind == "options":
            piece = text[cs:ce].rstrip(_TRAIL)
            items = tuple(f"({k}) {v.strip(' ,;')}" for k, v in split_options(re.sub(r"[,;]?\s*\b(?:or|and)\s+(?=\()", " ", piece)))
            objs.append(Obj("options", piece, cs, cs + len(piece), items=items))
        elif kind == "bag":
            objs.append(Obj("bag", text[cs:ce], cs, ce))
        pos = ce
    objs = _definitions(text, _joined(text, objs))
    objs = _defined_letters(text, objs)
    parts, pos = [], 0
    for o in objs:
        parts.append(text[pos : o.start])
        parts.append(PLACEHOLDER[o.kind])
        pos = o.end
    parts.append(text[pos:])
    return Masked(text, "".join(parts), tuple(objs))
