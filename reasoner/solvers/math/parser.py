"""A recursive-descent parser from tokens to the whitelisted tree of :mod:`.tree`.

Grammar (lowest precedence first)::

    relation := sum (("=" | "<" | ">" | "<=" | ">=" | "!=") sum)?
    sum      := product (("+" | "-") product)*
    product  := unary (("*" | "/" | implicit) unary)*
    unary    := ("-" | "+") unary | power
    power    := postfix (("^" | "**") unary)?
    postfix  := atom ("!" | "%")*
    atom     := NUM | NAME | NAME "(" sum ("," sum)* ")" | "(" sum ")"

Implicit multiplication is accepted before a name or "(" ("5x", "2(x+1)",
"x sin(x)"). Multi-letter names must be whitelisted functions or constants.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reasoner.errors import ParseError, UnsafeInputError
from reasoner.solvers.math.lexer import Token, tokenize
from reasoner.solvers.math.tree import Bin, Call, Name, Neg, Num, Post
from reasoner.solvers.math.words import split_top

MAX_DEPTH = 80

FUNCTIONS = {
    "sqrt": 1,
    "cbrt": 1,
    "sin": 1,
    "cos": 1,
    "tan": 1,
    "asin": 1,
    "acos": 1,
    "atan": 1,
    "sinh": 1,
    "cosh": 1,
    "tanh": 1,
    "exp": 1,
    "log": (1, 2),
    "ln": 1,
    "abs": 1,
    "factorial": 1,
    "floor": 1,
    "ceil": 1,
    "ceiling": 1,
    "gcd": 2,
    "lcm": 2,
    "root": 2,
    "binomial": 2,
    "choose": 2,
}
CONSTANTS = {"pi", "oo", "infinity", "inf"}
GREEK = {
    "alpha",
    "beta",
    "gamma",
    "delta",
    "epsilon",
    "theta",
    "lambda",
    "mu",
    "nu",
    "rho",
    "sigma",
    "tau",
    "phi",
    "psi",
    "omega",
    "xi",
    "zeta",
    "eta",
    "kappa",
    "chi",
}
RELATIONS = ("=", "==", "<", ">", "<=", ">=", "!=")


@dataclass(frozen=True)
class Relation:
    """``left op right`` where op is one of :data:`RELATIONS` ("==" normalised to "=")."""

    left: object
    op: str
    right: object


class _Parser:
    def __init__(self, tokens: list[Token], functions: frozenset[str]) -> None:
        self.toks = tokens
        self.i = 0
        self.depth = 0
        self.functions = functions

    def peek(self) -> Token | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def at(self, *ops: str) -> bool:
        t = self.peek()
        return t is not None and t.kind == "op" and t.text in ops

    def take(self) -> Token:
        t = self.peek()
        if t is None:
            raise ParseError("expression ends too early")
        self.i += 1
        return t

    def expect(self, op: str) -> None:
        t = self.peek()
        if t is None or t.kind != "op" or t.text != op:
            where = f"at {t.text!r}" if t else "at the end"
            raise ParseError(f"expected {op!r} {where}")
        self.i += 1

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise UnsafeInputError(f"expression nested deeper than {MAX_DEPTH}")

    def relation(self) -> object:
        left = self.sum()
        if self.at(*RELATIONS):
            op = self.take().text
            right = self.sum()
            return Relation(left, "=" if op == "==" else op, right)
        return left

    def sum(self) -> object:
        self.enter()
        node = self.product()
        while self.at("+", "-"):
            op = self.take().text
            node = Bin(op, node, self.product())
        self.depth -= 1
        return node

    def product(self) -> object:
        node = self.unary()
        while True:
            if self.at("*", "/"):
                op = self.take().text
                node = Bin(op, node, self.unary())
            elif self._implicit():
                node = Bin("*", node, self.unary())
            else:
                return node

    def _implicit(self) -> bool:
        t = self.peek()
        return t is not None and (t.kind == "name" or (t.kind == "op" and t.text == "("))

    def unary(self) -> object:
        if self.at("-", "+"):
            op = self.take().text
            self.enter()
            arg = self.unary()
            self.depth -= 1
            return Neg(arg) if op == "-" else arg
        return self.power()

    def power(self) -> object:
        base = self.postfix()
        if self.at("^", "**"):
            self.take()
            self.enter()
            exp = self.unary()
            self.depth -= 1
            return Bin("^", base, exp)
        return base

    def postfix(self) -> object:
        node = self.atom()
        while self.at("!", "%"):
            node = Post(self.take().text, node)
        return node

    def atom(self) -> object:
        t = self.take()
        if t.kind == "num":
            return Num(t.text)
        if t.kind == "name":
            return self.name(t)
        if t.text == "(":
            node = self.sum()
            self.expect(")")
            return node
        raise ParseError(f"unexpected {t.text!r} at {t.pos}")

    def name(self, t: Token) -> object:
        word = t.text
        is_func = word in FUNCTIONS or word in self.functions
        if is_func and self.at("("):
            self.take()
            args = [self.sum()]
            while self.at(","):
                self.take()
                args.append(self.sum())
            self.expect(")")
            _check_arity(word, len(args))
            return Call(word, tuple(args))
        if word in FUNCTIONS:
            raise ParseError(f"{word} needs parentheses")
        if len(word) == 1 or word in CONSTANTS or word in GREEK or word in self.functions:
            return Name(word)
        raise ParseError(f"unknown name {word!r}")


def _check_arity(word: str, n: int) -> None:
    want = FUNCTIONS.get(word, 1)
    ok = n in want if isinstance(want, tuple) else n == want
    if not ok:
        raise ParseError(f"{word} takes {want} argument(s), not {n}")


def parse(text: str, functions: frozenset[str] = frozenset()) -> object:
    """Parse an expression (no relation) into a tree.

    Args:
        text: the expression, e.g. ``"3*x**2 - 2(x+1)"``.
        functions: names of user-defined functions that may be called, e.g. {"f"}.

    Raises:
        ParseError: when the text is not an expression of the grammar.
        UnsafeInputError: when a size or nesting bound is passed.
    """
    node = parse_relation(text, functions)
    if isinstance(node, Relation):
        raise ParseError("expected an expression, found a relation")
    return node


def parse_relation(text: str, functions: frozenset[str] = frozenset()) -> object:
    """Parse an expression or a single relation (``a = b``, ``a < b``) into a tree."""
    tokens = tokenize(text)
    if not tokens:
        raise ParseError("empty expression")
    p = _Parser(tokens, functions)
    node = p.relation()
    if p.peek() is not None:
        t = p.peek()
        raise ParseError(f"unexpected {t.text!r} at {t.pos}")
    return node


def parse_equation(text: str, functions: frozenset[str] = frozenset()) -> Relation:
    """Parse ``lhs = rhs``; raises ParseError for anything else."""
    node = parse_relation(text, functions)
    if not isinstance(node, Relation) or node.op != "=":
        raise ParseError("expected an equation")
    return node


_EQUATIONS_NOUN = re.compile(
    r"^(?:the )?(?:following )?(?:system(?: of equations)?|simultaneous equations|equations?|relations?)[:,]?\s+",
    re.I,
)


def equations(text: str, funcs: frozenset[str]) -> tuple[Relation, ...]:
    """Parse ``"a = b, c = d"`` (also joined by "and", after an optional "the equations") into equations."""
    text = _EQUATIONS_NOUN.sub("", text.strip())
    parts = []
    for part in split_top(text):
        parts.extend(p for p in re.split(r"\s+and\s+", part) if p)
    out = []
    for p in parts:
        rel = parse_relation(p, funcs)
        if not isinstance(rel, Relation) or rel.op != "=":
            raise ParseError(f"not an equation: {p[:60]!r}")
        out.append(rel)
    return tuple(out)
