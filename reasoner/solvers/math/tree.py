"""The whitelisted expression tree that user text is parsed into.

Only these node types exist; nothing else can be built from user text, and
SymPy objects are constructed from them by :mod:`.build` under size bounds.
"""

from __future__ import annotations

from dataclasses import dataclass

Node = "Num | Name | Neg | Bin | Call | Post"


@dataclass(frozen=True)
class Num:
    """A decimal literal kept as text ("12", "0.75") so no precision is lost."""

    text: str


@dataclass(frozen=True)
class Name:
    """A variable or named constant ("x", "pi")."""

    id: str


@dataclass(frozen=True)
class Neg:
    """Unary minus."""

    arg: object


@dataclass(frozen=True)
class Bin:
    """A binary operation: op is one of + - * / ^."""

    op: str
    left: object
    right: object


@dataclass(frozen=True)
class Call:
    """A whitelisted function ("sqrt") or a user-defined one ("f") applied to arguments."""

    func: str
    args: tuple


@dataclass(frozen=True)
class Post:
    """A postfix operator: "!" (factorial) or "%" (percent)."""

    op: str
    arg: object


def children(node: object) -> tuple:
    """The direct sub-trees of ``node`` (none for a number or a name)."""
    if isinstance(node, Neg | Post):
        return (node.arg,)
    if isinstance(node, Bin):
        return (node.left, node.right)
    if isinstance(node, Call):
        return node.args
    return ()


def walk(node: object):
    """Every node of the tree, without recursion (trees from user text can be deep)."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(children(n))


def names(node: object) -> set[str]:
    """The variable names used in ``node`` (function names excluded)."""
    return {n.id for n in walk(node) if isinstance(n, Name)}


def calls(node: object) -> set[str]:
    """The function names called in ``node``."""
    return {n.func for n in walk(node) if isinstance(n, Call)}


def has_decimal(node: object) -> bool:
    """True when a literal with a decimal point occurs in ``node``."""
    return any(isinstance(n, Num) and "." in n.text for n in walk(node))


def has_percent(node: object) -> bool:
    """True when a ``%`` occurs in ``node``."""
    return any(isinstance(n, Post) and n.op == "%" for n in walk(node))


def substitute(node: object, name: str, value: object) -> object:
    """``node`` with every occurrence of the variable ``name`` replaced by the tree ``value``."""
    if isinstance(node, Name):
        return value if node.id == name else node
    if isinstance(node, Neg):
        return Neg(substitute(node.arg, name, value))
    if isinstance(node, Post):
        return Post(node.op, substitute(node.arg, name, value))
    if isinstance(node, Bin):
        return Bin(node.op, substitute(node.left, name, value), substitute(node.right, name, value))
    if isinstance(node, Call):
        return Call(node.func, tuple(substitute(a, name, value) for a in node.args))
    return node


_COMMUTATIVE = {"+", "*"}


def canonical(node: object) -> str:
    """A canonical string: operands of + and * flattened and sorted, spacing gone."""
    if isinstance(node, Num):
        return _canon_num(node.text)
    if isinstance(node, Name):
        return node.id
    if isinstance(node, Neg):
        return f"neg({canonical(node.arg)})"
    if isinstance(node, Post):
        return f"{node.op}({canonical(node.arg)})"
    if isinstance(node, Call):
        return f"{node.func}({','.join(canonical(a) for a in node.args)})"
    if isinstance(node, Bin) and node.op in _COMMUTATIVE:
        parts = sorted(canonical(a) for a in _flatten(node, node.op))
        return f"{'add' if node.op == '+' else 'mul'}({','.join(parts)})"
    if isinstance(node, Bin) and node.op == "-":
        parts = [canonical(node.left), f"neg({canonical(node.right)})"]
        return f"add({','.join(sorted(parts))})"
    if isinstance(node, Bin):
        return f"{node.op}({canonical(node.left)},{canonical(node.right)})"
    raise TypeError(f"not a tree node: {node!r}")


def _flatten(node: object, op: str) -> list:
    out: list = []
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, Bin) and n.op == op:
            stack.extend((n.right, n.left))
        else:
            out.append(n)
    return out


def _canon_num(text: str) -> str:
    if "." not in text:
        return text.lstrip("0") or "0"
    whole, frac = text.split(".", 1)
    whole = whole.lstrip("0") or "0"
    frac = frac.rstrip("0")
    return f"{whole}.{frac}" if frac else whole


_PREC = {"+": 1, "-": 1, "*": 2, "/": 2, "^": 4}


def show(node: object, outer: int = 0) -> str:
    """Infix text of a tree, with only the parentheses needed (``^`` shown as ``**``)."""
    if isinstance(node, Num):
        return node.text
    if isinstance(node, Name):
        return node.id
    if isinstance(node, Neg):
        text = "-" + show(node.arg, 3)
        return f"({text})" if outer >= 2 else text
    if isinstance(node, Post):
        return show(node.arg, 5) + node.op
    if isinstance(node, Call):
        return f"{node.func}({', '.join(show(a) for a in node.args)})"
    prec = _PREC[node.op]
    right_prec = prec + (1 if node.op in "-/" else 0) if node.op != "^" else prec
    text = f"{show(node.left, prec + (1 if node.op == '^' else 0))} {node.op if node.op != '^' else '**'} {show(node.right, right_prec)}"
    if node.op == "^":
        text = text.replace(" ** ", "**")
    return f"({text})" if prec < outer else text
