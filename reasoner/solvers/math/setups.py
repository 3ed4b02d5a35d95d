"""Setup sentences: the definitions and facts a question is built on, in the ways people state them.

A setup sentence is a run of clauses after an optional lead word ("Let", "Say",
"Suppose", "Given that", "Take", "Set", "Define", "With", "If", ...), joined by
commas, "and" or "with". Each clause is one of

- a function: ``f(x) = 3*x + 1``, "f(x) is defined as ...", "f is the function f(x) = ...";
- a derivative: "g(t) is the second derivative of ...", "take g(t) to be ...", "define g(t) as ...";
- a binding: ``c = 5 - 2``, "c is ...", "c equals ...", "c equal to ...", "c defined as ...";
- equations: ``3*a = 12``, "the equations A and B", "the system A and B", "p solves A".

A clause boundary is only accepted when every piece parses, so "the sum of 3 and
4" stays one slot. Adjacent equations of one sentence form one system (solved
together); equations in different sentences stay apart, as they were written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reasoner.errors import ParseError, UnsafeInputError
from reasoner.solvers.math import tree
from reasoner.solvers.math.parser import CONSTANTS, GREEK, Relation, equations
from reasoner.solvers.math.phrases import anchored, phrase
from reasoner.solvers.math.words import ordinal, top_level_spans

MAX_CLAUSES = 16


@dataclass(frozen=True)
class Setup:
    """One setup clause.

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
            return "suppose(" + ";".join(sorted(rel_key(r) for r in self.equations)) + ")"
        body = tree.canonical(self.body) if self.body is not None else ""
        return f"{self.kind}({self.name},{self.param},{self.order},{self.wrt},{body})"


def rel_key(r: Relation) -> str:
    """Canonical text of a relation (the sides of an equation in either order)."""
    if r.op == "=":
        sides = sorted([tree.canonical(r.left), tree.canonical(r.right)])
        return f"eq({sides[0]},{sides[1]})"
    return f"{r.op}({tree.canonical(r.left)},{tree.canonical(r.right)})"


@dataclass(frozen=True)
class Scope:
    """What earlier clauses defined: function names, and names with a value or an equation."""

    funcs: frozenset[str] = frozenset()
    bound: frozenset[str] = frozenset()
    facts: frozenset[str] = frozenset()  # names that occur in equations (unknowns until solved)

    def add(self, setup: Setup) -> Scope:
        if setup.kind in ("func", "deriv"):
            return Scope(self.funcs | {setup.name}, self.bound, self.facts)
        names: set[str] = set()
        for r in setup.equations:
            names |= tree.names(r.left) | tree.names(r.right)
        return Scope(
            self.funcs, self.bound | names | ({setup.name} if setup.name else set()), self.facts | names
        )


@dataclass
class _Budget:
    """Bounds the clause search on adversarial sentences (each try parses a slot)."""

    left: int = 400
    errors: list[str] = field(default_factory=list)

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise UnsafeInputError("setup sentence with too many ways to split")


# ---------------------------------------------------------------- lead words and separators

SETUP_LEADS = (
    # the system named as the subject: "The system is A, B.", "My equations are A and B."
    r"(?:the|my|our|this|these|your) (?:system(?: of equations)?|equations?|(?:pair|set) of equations|conditions|facts) "
    r"(?:is|are|reads?|goes|go|says?|looks? like)|"
    r"let(?:'s| us)? (?:say|suppose|assume)(?: that)?|let|say(?: that)?|suppose(?: that)?|given(?: that)?|assume(?: that)?|"
    r"assuming(?: that)?|if|take|set|define|consider|with|where|when|now|also|and|then|so|since|we have|using|from|"
    r"we know(?: that)?|it is given that|here|provided(?: that)?|knowing(?: that)?|on top of that|plus|"
    r"(?:we|i|you)(?:'re| are| am|'m) told(?: that)?|(?:we|i|you) (?:were|was) told(?: that)?|it(?:'s| is) known that|"
    r"separately|additionally|moreover|furthermore|besides|in addition|"
    r"i have|we have|i've got|we've got|you have|there is|i know(?: that)?|we know(?: that)?|"
    r"there are (?:two |three |some )?(?:equations|conditions|facts)|(?:if )?(?:we|you) (?:let|set|take|define|say|put)|"
    r"put|assign|that|for|(?:the |these |two |three |some )?equations?|(?:the )?system|simultaneously|"
    r"here(?:'s| is| are) (?:an?|the|some|my) (?:equations?|system|facts?|conditions?|setup|definitions?|problem)|"
    # a problem presented in conversation: "I'm stuck on 3*x = 9.", "I need help with 2*y + 1 = 5."
    r"i(?:'m| am) (?:stuck on|working on|looking at|trying to solve|struggling with|confused by)|"
    r"i need help with|help me with|"
    # the unknowns named first: "c and f satisfy A and B", "x satisfies ..."
    r"(?:[a-z], )*[a-z],? and [a-z] (?:satisfy|solve|obey|fulfil|fulfill|meet)|[a-z] (?:satisfies|solves|obeys|fulfils|fulfills)|(?:my|the) (?:homework|textbook|book|worksheet|teacher) (?:says|gives|has)"
)
_LEAD = re.compile(rf"^(?:(?:{SETUP_LEADS})\b[,:]?\s+)+", re.I)
_SEPARATOR = re.compile(
    r",\s*(?:and\s+(?:also\s+|separately\s+|additionally\s+)?|as well as\s+)?|\s+and\s+(?:also\s+|separately\s+)?|\s+as well as\s+|\s+with\s+|;\s*", re.I
)


def strip_lead(clause: str) -> tuple[str, str]:
    """("Let's say", "d = 3") from "Let's say d = 3": the lead words and the clause."""
    m = _LEAD.match(clause.strip())
    if not m:
        return "", clause.strip()
    return m.group(0).strip().lower(), clause.strip()[m.end() :].strip()


def parse_setups(sentence: str, scope: Scope) -> list[Setup]:
    """All the clauses of one setup sentence, adjacent equations joined into one system.

    Raises:
        ParseError: some part of the sentence is not a setup clause.
    """
    lead, body = strip_lead(sentence)
    if not body:
        raise ParseError("empty setup sentence")
    let = lead.lower().startswith("let")
    if _SET_LEAD.search(lead):  # "Set c to 3*4 - 7": a definition, as after "Let"
        body, let = _SET_TO.sub(r"\1 = ", body), True
    pieces = _pieces(body)
    if len(pieces) > MAX_CLAUSES:
        raise ParseError(f"more than {MAX_CLAUSES} clauses in one setup sentence")
    budget = _Budget()
    found = _clauses(pieces, 0, scope, let, budget)
    if found is None:
        raise ParseError(budget.errors[0] if budget.errors else f"not a setup sentence: {sentence[:80]!r}")
    return _join_systems(found)


_SET_LEAD = re.compile(r"\b(?:set|put|make)\W*$", re.I)
_SET_TO = re.compile(r"^([a-z]) (?:to|equal to|as) (?=\S)", re.I)


def _pieces(text: str) -> list[str]:
    """Split at top-level separators (outside brackets): the candidate clause boundaries."""
    out, start = [], 0
    for lo, hi in top_level_spans(text, _SEPARATOR):
        out.append(text[start:lo])
        out.append(text[lo:hi])
        start = hi
    out.append(text[start:])
    return out  # clause, separator, clause, ...


def _clauses(pieces: list[str], i: int, scope: Scope, let: bool, budget: _Budget) -> list[Setup] | None:
    """Group pieces[i:] into clauses (the fewest joins first); None when no grouping parses."""
    if i >= len(pieces):
        return []
    for j in range(i, len(pieces), 2):
        text = "".join(pieces[i : j + 1])
        budget.spend()
        try:
            setup = parse_clause(text, scope, let)
        except ParseError as exc:
            budget.errors.append(str(exc))
            continue
        rest = _clauses(pieces, j + 2, scope.add(setup), let, budget)
        if rest is not None:
            return [setup, *rest]
    return None


def _join_systems(setups: list[Setup]) -> list[Setup]:
    out: list[Setup] = []
    for s in setups:
        if s.kind == "suppose" and out and out[-1].kind == "suppose":
            out[-1] = Setup("suppose", equations=out[-1].equations + s.equations)
        else:
            out.append(s)
    return out


# ---------------------------------------------------------------- one clause

_NAME = r"([A-Za-z]\w{0,2})"
# The ways of saying "is" in a definition, longest first (an alternation takes the first that fits).
_IS_WORDS = (
    "=",
    ":=",
    "is",
    "be",
    "equals",
    "equal",
    "is equal to",
    "be equal to",
    "equal to",
    "equalling",
    "to be",
    "as",
    "denotes",
    "denote",
    "stands for",
    "represents",
    "is defined as",
    "be defined as",
    "defined as",
    "is given by",
    "be given by",
    "given by",
    "is set to",
    "set to",
    "has the value",
    "takes the value",
    "is the value of",
    "is the number",
    "stand for",
    "stands for",
    "is short for",
    "being",
)
_IS = "(?:" + "|".join(re.escape(w) for w in sorted(_IS_WORDS, key=len, reverse=True)) + ")"
_DERIV = anchored(
    rf"(?:the )?(?:function )?{_NAME}\((\w+)\),? (?:{_IS} )?(?:the )?(?:(\w+(?:-\w+)?) )?derivative of (.+?)"
    r"(?: (?:wrt|with respect to|in) (\w+))?"
)
_DERIV_NO_PARAM = anchored(
    r"([a-z]) (?:is|be|to be|as|denotes|=) (?:the )?(?:(\w+(?:-\w+)?) )?derivative of (.+?)"
    r"(?: (?:wrt|with respect to|in) ([a-z]))?"
)
_FUNC = anchored(rf"(?:the )?(?:function )?{_NAME}\(([a-z])\) ?{_IS} ?(.+)")
_NAMED_FUNC = anchored(
    rf"{_NAME} (?:is|be|as|to be|denotes|=) (?:the )?function(?: given by| defined by| defined as|:)? "
    rf"(?:{_NAME}\(([a-z])\) ?= ?)?(.+)"
)
_MAPS = anchored(rf"{_NAME} (?:is the function that )?(?:maps|sends|takes) ([a-z]) to (.+)")
_GIVEN_BY = anchored(
    rf"(?:the )?(?:function )?{_NAME} (?:(?:(?:is |be )?(?:given|defined) )?(?:by|as|via)|is|be) {_NAME}\(([a-z])\) ?= ?(.+)"
)
_CALLED = [
    (anchored(r"(?:write|use) ([a-z]) (?:for|to denote|to mean|to stand for) (.+)"), (0, 1)),
    (anchored(r"(?:denote|represent) (?:by|with) ([a-z]) (?:the (?:number|value|quantity) )?(.+)"), (0, 1)),
    (anchored(r"(?:call|name|label) (?:the (?:number|value|quantity) )?(.+?) ([a-z])"), (1, 0)),
    # "Calculate 7 - 3*4 and call it c", "The value of n is 12"
    (
        anchored(
            r"(?:calculate|compute|work out|evaluate|find|take) (.+?),? (?:and |then )+(?:call|name|label|denote) "
            r"(?:it|this|that|the result|the answer|the value)(?: by| as)? ([a-z])"
        ),
        (1, 0),
    ),
    (anchored(r"(?:the )?(?:value|number) (?:of |called |named )?([a-z]) (?:is|equals|is equal to) (.+)"), (0, 1)),
]
_ARROW = anchored(rf"{_NAME} ?: ?([a-z]) ?(?:->|\u2192|\u21a6|maps to) ?(.+)")
_BIND = anchored(rf"([A-Za-z]|{'|'.join(sorted(GREEK))}) {_IS} (.+)")
_SOLVES = anchored(
    r"([A-Za-z]) (?:solves|satisfies|(?:is|be) (?:the|a) (?:solution|root) (?:of|to)|is such that|is determined by|"
    r"is found from|comes from|(?:is|be) (?:the value|the number) (?:that|which) (?:solves|satisfies)) "
    r"(?:the equation )?(.+)"
)
_SYSTEM = anchored(
    r"(?:the )?(?:following )?(?:system(?: of equations)?|simultaneous equations|equations?|relations?|"
    r"conditions?|constraints?)(?: are| is)?:? (.+)"
)
_HOLDS = anchored(
    r"(.+?),? (?:both |all |each )?(?:hold|holds|hold true|holds true|are true|is true|are satisfied|is satisfied)"
)


def parse_clause(text: str, scope: Scope, let: bool = False) -> Setup:
    """Parse one setup clause ("f(x) = 2*x", "c is f(2)", "3*a = 12", "the equations ...").

    ``let``: the clause came after "Let", where ``c = ...`` always names a value (the
    DeepMind frames); elsewhere ``c = ...`` is a definition only when its right side is
    already known, and an equation otherwise.

    Raises:
        ParseError: the text is not a setup clause.
    """
    text = strip_lead(text)[1].strip().rstrip(".").replace(":=", "=")
    if not text:
        raise ParseError("empty clause")
    m = _HOLDS.match(text)
    if m:
        text = m.group(1)
    for parse in (_derivative, _function, _binding, _facts):
        setup = parse(text, scope, let)
        if setup is not None:
            return setup
    raise ParseError(f"not a setup clause: {text[:80]!r}")


def _derivative(text: str, scope: Scope, _let: bool) -> Setup | None:
    m = _DERIV.match(text)
    if m:
        name, param, order, body, wrt = m.groups()
        n = ordinal(order) if order else 1
        return Setup("deriv", name, param, phrase(body, scope.funcs | {name}), n, wrt or "")
    m = _DERIV_NO_PARAM.match(text)
    if not m:
        return None
    name, order, body, wrt = m.groups()
    node = phrase(body, scope.funcs)
    free = sorted(tree.names(node) - CONSTANTS)
    param = wrt or (free[0] if len(free) == 1 else "")
    if not param:
        raise ParseError(f"say which variable {name} is a function of")
    return Setup("deriv", name, param, node, ordinal(order) if order else 1, wrt or "")


def _function(text: str, scope: Scope, _let: bool) -> Setup | None:
    m = _FUNC.match(text)
    if m:
        name, param, body = m.groups()
        if name in scope.funcs:  # "r(x) = 0" for a function r already defined: an equation
            return Setup("suppose", equations=equations(text, scope.funcs))
        if "=" in body:
            raise ParseError(f"two equals signs in a definition of {name}")
        return Setup("func", name, param, phrase(body, scope.funcs), 0, "")
    m = _NAMED_FUNC.match(text) or _GIVEN_BY.match(text) or _MAPS.match(text) or _ARROW.match(text)
    if not m:
        return None
    groups = m.groups()
    name, body = groups[0], groups[-1]
    param = groups[2] if len(groups) == 4 else groups[1]
    if len(groups) == 4 and groups[1] and groups[1] != name:
        raise ParseError(f"the function {name} is written as {groups[1]}")
    node = phrase(body, scope.funcs)
    if not param:
        free = sorted(tree.names(node) - CONSTANTS)
        if len(free) != 1:
            raise ParseError(f"say which variable the function {name} takes")
        param = free[0]
    return Setup("func", name, param, node, 0, "")


_EQUALS = re.compile(r"^\w+\s*:?=")


def _binding(text: str, scope: Scope, let: bool) -> Setup | None:
    for pattern, (name_at, body_at) in _CALLED:  # "write c for 5 - 2", "call 5 - 2 c"
        c = pattern.match(text)
        if c and c.group(name_at + 1) not in scope.bound | scope.funcs:
            return Setup("bind", c.group(name_at + 1), "", phrase(c.group(body_at + 1), scope.funcs))
    m = _BIND.match(text)
    if not m or "=" in m.group(2) or (not let and _EQUALS.match(text)):
        return None  # "c = ..." outside "Let" is read by _facts: a definition or an equation
    if _EQUALS.match(text) and m.group(1) in scope.bound:
        return None  # "z = -c + j" after z was named or used in an equation: one more equation
    name, body = m.group(1), m.group(2)
    if name in scope.funcs:
        raise ParseError(f"{name} is a function")
    node = phrase(body, scope.funcs)
    if name in tree.names(node):
        raise ParseError(f"{name} is defined in terms of itself")
    return Setup("bind", name, "", node)


def _facts(text: str, scope: Scope, let: bool) -> Setup | None:
    m = _SOLVES.match(text) or _SYSTEM.match(text)
    body = m.groups()[-1] if m else text
    if "=" not in body:
        return None
    eqs = equations(body, scope.funcs)
    if len(eqs) == 1 and not m:
        named = _definition(eqs[0], scope, let)
        if named is not None:
            return named
    return Setup("suppose", equations=eqs)


def _definition(eq: Relation, scope: Scope, let: bool) -> Setup | None:
    """ "c = 3 - o" names a value when its right side is known (or after "Let"), else None."""
    if not isinstance(eq.left, tree.Name) or eq.left.id in scope.funcs:
        return None
    name = eq.left.id
    rhs = tree.names(eq.right)
    if name in rhs or name in scope.bound:
        return None
    if let or rhs <= (scope.bound | CONSTANTS):
        return Setup("bind", name, "", eq.right)
    return None


__all__ = ["SETUP_LEADS", "Scope", "Setup", "parse_clause", "parse_setups", "rel_key", "strip_lead"]
