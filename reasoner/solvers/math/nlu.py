"""Question understanding: text -> :class:`Problem` (pure, no SymPy, milliseconds).

A question is a run of sentences. Setup sentences ("Let f(x) = ...", "Let c be
f(2)", "Suppose 3*a = 12", "Let g(t) be the first derivative of ...") become
:class:`Setup` bindings; the last sentence is the question proper, matched by
general phrasings ("What is ...", "Solve ... for x", "Sort ...") whose slots are
parsed by the expression grammar of :mod:`.parser`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reasoner.errors import ParseError, UnsafeInputError
from reasoner.solvers.math import tree
from reasoner.solvers.math.parser import Relation, equations
from reasoner.solvers.math.phrases import MAX_QUESTION_CHARS, phrase
from reasoner.solvers.math.probability import parse_probability
from reasoner.solvers.math.rules import question_rules
from reasoner.solvers.math.words import ordinal, sentences


@dataclass(frozen=True)
class Setup:
    """One setup sentence.

    kind "func": name(param) = body. "deriv": name(param) is the order-th
    derivative of body (wrt ``wrt``). "bind": name = body. "suppose": equations hold.
    """

    kind: str
    name: str = ""
    param: str = ""
    body: object = None
    order: int = 0
    wrt: str = ""
    equations: tuple = ()

    def key(self) -> str:
        """Canonical text of this setup."""
        if self.kind == "suppose":
            return "suppose(" + ";".join(sorted(_rel_key(r) for r in self.equations)) + ")"
        body = tree.canonical(self.body) if self.body is not None else ""
        return f"{self.kind}({self.name},{self.param},{self.order},{self.wrt},{body})"


@dataclass(frozen=True)
class Problem:
    """A parsed question: what to compute (``kind`` and ``args``) after the setup."""

    kind: str
    args: dict = field(default_factory=dict)
    setup: tuple = ()
    decimal: bool = False
    base: int = 10
    text: str = ""

    def key(self) -> str:
        """A canonical form of the problem, the same for formatting and operand-order variants."""
        parts = [f"{k}={_arg_key(v)}" for k, v in sorted(self.args.items())]
        head = f"{self.kind}[{','.join(parts)}]"
        if self.base != 10:
            head = f"base{self.base}:{head}"
        if self.setup:
            head = " ; ".join(s.key() for s in self.setup) + " ; " + head
        return head


def _rel_key(r: Relation) -> str:
    if r.op == "=":
        sides = sorted([tree.canonical(r.left), tree.canonical(r.right)])
        return f"eq({sides[0]},{sides[1]})"
    return f"{r.op}({tree.canonical(r.left)},{tree.canonical(r.right)})"


def _arg_key(v: object) -> str:
    if isinstance(v, Relation):
        return _rel_key(v)
    if isinstance(v, tuple | list):
        return "(" + ",".join(_arg_key(x) for x in v) + ")"
    if isinstance(v, dict):
        return "{" + ",".join(f"{k}:{_arg_key(x)}" for k, x in sorted(v.items())) + "}"
    if isinstance(v, str | int | float | bool) or v is None:
        return str(v)
    return tree.canonical(v)


_WS = re.compile(r"\s+")


def parse_question(text: str) -> Problem:
    """Understand a math question.

    Raises:
        ParseError: the text is not a question this solver understands.
        UnsafeInputError: the text passes a size bound.
    """
    if len(text) > MAX_QUESTION_CHARS:
        raise UnsafeInputError(f"question longer than {MAX_QUESTION_CHARS} characters")
    text = _WS.sub(" ", text).strip()
    if not text:
        raise ParseError("empty question")
    prob = parse_probability(text)
    if prob is not None:
        return Problem(prob[0], prob[1], text=text)
    parts = _split_if(sentences(text))
    setups: list[Setup] = []
    funcs: set[str] = set()
    for s in parts[:-1]:
        setup = parse_setup(s, frozenset(funcs))
        if setup.kind in ("func", "deriv"):
            funcs.add(setup.name)
        setups.append(setup)
    kind, args, base = parse_final(parts[-1], frozenset(funcs))
    decimal = any(_has_decimal(v) for v in args.values()) or any(
        s.body is not None and tree.has_decimal(s.body) for s in setups
    )
    return Problem(kind, args, tuple(setups), decimal, base, text)


_IF_THEN = re.compile(
    r"^(?:if|given that|given|suppose|assuming|when) (.+?),? (?:then )?((?:what|find|calculate|compute|solve|"
    r"determine|give|is|are|evaluate|how|which)\b.+)$",
    re.I,
)


_TRAILING_IF = re.compile(r"^(.+?),? (?:if|when|where|given that|given|for) ([a-z]\w? ?=.+)$", re.I)


# Questions where "if y = ..." defines the function to work on rather than a binding.
_CALCULUS = re.compile(r"^solve\b|derivative|differentiate|integra|\bd[a-z]?/d[a-z]\b|\blimit\b", re.I)


def _split_if(parts: list[str]) -> list[str]:
    """ "If 3x + 2 = 11, what is x" and "what is 2x if x = 3" -> a "Suppose" sentence and the question."""
    m = _IF_THEN.match(parts[-1])
    if m and "=" in m.group(1):
        return [*parts[:-1], "Suppose " + m.group(1), m.group(2)]
    m = _TRAILING_IF.match(parts[-1])
    if m and "=" not in m.group(1) and not _CALCULUS.search(m.group(1)):
        return [*parts[:-1], "Suppose " + m.group(2), m.group(1)]
    return parts


def _has_decimal(v: object) -> bool:
    if isinstance(v, Relation):
        return _has_decimal(v.left) or _has_decimal(v.right)
    if isinstance(v, tuple | list):
        return any(_has_decimal(x) for x in v)
    if isinstance(v, str | int | float | bool | dict) or v is None:
        return False
    return tree.has_decimal(v) or tree.has_percent(v)


_NAME = r"([A-Za-z]\w*)"
_DERIV = re.compile(
    rf"^let {_NAME}\((\w+)\) be the (?:(\w+(?:-\w+)?) )?derivative of (.+?)"
    r"(?: (?:wrt|with respect to) (\w+))?$",
    re.I,
)
_FUNC = re.compile(rf"^let {_NAME}\((\w+)\) ?= ?(.+)$", re.I)
_BIND = re.compile(rf"^let {_NAME} (?:be|=|equal|be equal to) (.+)$", re.I)
_SUPPOSE = re.compile(r"^(?:suppose|let|given|assume|if)(?: that)? (.+)$", re.I)


def parse_setup(sentence: str, funcs: frozenset[str]) -> Setup:
    """Parse one setup sentence ("Let ...", "Suppose ...").

    Raises:
        ParseError: the sentence is not a setup this solver understands.
    """
    m = _DERIV.match(sentence)
    if m:
        name, param, order, body, wrt = m.groups()
        n = ordinal(order) if order else 1
        return Setup("deriv", name, param, phrase(body, funcs | {name}), n, wrt or "")
    m = _FUNC.match(sentence)
    if m and m.group(1) in funcs:
        return Setup("suppose", equations=equations(sentence.split(" ", 1)[1], funcs))
    if m and len(m.group(1)) <= 3:
        name, param, body = m.groups()
        return Setup("func", name, param, phrase(body, funcs), 0, "")
    m = _BIND.match(sentence)
    if m and len(m.group(1)) <= 3 and "=" not in m.group(2):
        return Setup("bind", m.group(1), "", phrase(m.group(2), funcs))
    m = _SUPPOSE.match(sentence)
    if m:
        return Setup("suppose", equations=equations(m.group(1), funcs))
    if "=" in sentence:
        return Setup("suppose", equations=equations(sentence, funcs))
    raise ParseError(f"not a setup sentence: {sentence[:80]!r}")


_IN_BASE = re.compile(r"^in base (\d{1,2}), (.+)$", re.I)
_BASE_NUM = re.compile(r"[0-9a-z]+", re.I)


def parse_final(sentence: str, funcs: frozenset[str]) -> tuple[str, dict, int]:
    """Parse the question sentence into (kind, args, base)."""
    m = _IN_BASE.match(sentence)
    if m:
        base = int(m.group(1))
        if not 2 <= base <= 36:
            raise ParseError(f"base {base} is not between 2 and 36")
        inner = _BASE_NUM.sub(lambda t: _from_base(t.group(0), base, m.group(2)), m.group(2))
        kind, args = question_rules(inner, funcs)
        return kind, args, base
    kind, args = question_rules(sentence, funcs)
    return kind, args, 10


_WORDS_IN_BASE = {
    "what",
    "is",
    "calculate",
    "work",
    "out",
    "add",
    "and",
    "subtract",
    "from",
    "plus",
    "minus",
    "sum",
    "total",
    "of",
    "the",
    "evaluate",
    "compute",
    "take",
    "away",
    "less",
    "than",
    "together",
    "put",
    "difference",
    "between",
    "times",
    "multiply",
    "divided",
    "by",
    "divide",
    "value",
}


def _from_base(word: str, base: int, _context: str) -> str:
    if word.lower() in _WORDS_IN_BASE:
        return word
    try:
        return str(int(word, base))
    except ValueError as exc:
        raise ParseError(f"{word!r} is not a number in base {base}") from exc


__all__ = ["Problem", "Setup", "equations", "parse_final", "parse_question", "parse_setup"]
