"""Question understanding: text -> :class:`Problem` (pure, no SymPy, milliseconds).

A question is a run of sentences. Setup sentences ("Let f(x) = ...", "Let c be
f(2)", "Suppose 3*a = 12", "Let g(t) be the first derivative of ...") become
:class:`Setup` bindings; the last sentence is the question proper, matched by
general phrasings ("What is ...", "Solve ... for x", "Sort ...") whose slots are
parsed by the expression grammar of :mod:`.parser`.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from reasoner.errors import ParseError, UnsafeInputError
from reasoner.solvers.math import tree
from reasoner.solvers.math.discourse import Reading, readings
from reasoner.solvers.math.parser import CONSTANTS, Relation, equations
from reasoner.solvers.math.phrases import ARITHMETIC_WORDS, MAX_QUESTION_CHARS
from reasoner.solvers.math.probability import parse_probability
from reasoner.solvers.math.rules import question_rules
from reasoner.solvers.math.setups import Scope, Setup, parse_setups, rel_key
from reasoner.solvers.math.words import number_word, sentences


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
        """A canonical form of the problem, the same for formatting and operand-order variants
        and for the ways of asking the same thing (see :func:`_normal`)."""
        kind, args, setup = _normal(self)
        parts = [f"{k}={_arg_key(v)}" for k, v in sorted(args.items())]
        head = f"{kind}[{','.join(parts)}]"
        if self.base != 10:
            head = f"base{self.base}:{head}"
        if setup:
            head = " ; ".join(s.key() for s in setup) + " ; " + head
        return head


def _normal(p: Problem) -> tuple[str, dict, list[Setup]]:
    """The problem in one normal form, so that the ways of asking the same thing share a key.

    - Facts in consecutive sentences form one system ("Suppose A. Suppose B." = "Given A and B").
    - "Suppose E. What is v?" is "Solve E for v" (v unknown but for E), and "Solve E" with one
      unknown is "Solve E for" that unknown.
    - Whether a number was "simplified" or "calculated" does not change it.
    """
    setup: list[Setup] = []
    for s in p.setup:
        if s.kind == "suppose" and setup and setup[-1].kind == "suppose":
            setup[-1] = Setup("suppose", equations=setup[-1].equations + s.equations)
        else:
            setup.append(s)
    kind, args = p.kind, dict(p.args)
    if kind == "value" and isinstance(args.get("expr"), tree.Name) and setup and setup[-1].kind == "suppose":
        var = args["expr"].id
        last = setup[-1]
        defined = {s.name for s in setup[:-1] if s.kind != "suppose"}
        if var not in defined and any(
            var in tree.names(r.left) | tree.names(r.right) for r in last.equations
        ):
            kind, args, setup = "solve", {"eqs": last.equations, "var": var}, setup[:-1]
    if kind == "solve":
        eqs = tuple(sorted(args["eqs"], key=rel_key))
        var = args.get("var")
        if var is None:
            unknown = _unknowns(eqs) - _defined(setup)
            var = next(iter(unknown)) if len(unknown) == 1 else None
        args = {"eqs": eqs, "var": var}
    if kind == "value" and not tree.names(args["expr"]):
        args.pop("simplify", None)
    return kind, args, setup


def _unknowns(eqs: tuple) -> set[str]:
    return set().union(*(tree.names(r.left) | tree.names(r.right) for r in eqs)) - CONSTANTS


def _defined(setup: list[Setup]) -> set[str]:
    out: set[str] = set()
    for s in setup:
        out |= {s.name} if s.kind == "bind" else _unknowns(s.equations) if s.kind == "suppose" else set()
    return out


def _arg_key(v: object) -> str:
    if isinstance(v, Relation):
        return rel_key(v)
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
    try:
        return _read(text)
    except UnsafeInputError:
        raise
    except ParseError as exc:
        built = _by_meaning(text)
        if built is None:
            raise exc from None
    return dataclasses.replace(_read(built), text=text)


def _read(text: str) -> Problem:
    first: ParseError | None = None
    for reading in readings(sentences(text)):
        try:
            return _understand(reading, text)
        except UnsafeInputError:
            raise
        except ParseError as exc:
            first = first or exc
    raise first or ParseError("not a question")


def _by_meaning(text: str) -> str | None:
    """The canonical question read by meaning (:mod:`.meaning`), or None (also when the embedder
    cannot be loaded: the worded readings alone then decide)."""
    from reasoner.errors import ModelError
    from reasoner.solvers.math import meaning

    try:
        return meaning.canonical(text)
    except (ParseError, RecursionError, ModelError, ImportError, OSError):
        return None


def _understand(reading: Reading, text: str) -> Problem:
    """The problem of one reading: every setup and the question must parse."""
    if not reading.question:
        raise ParseError("no question")
    setups: list[Setup] = []
    scope = Scope()
    for sentence in reading.setups:
        for setup in parse_setups(sentence, scope):
            scope = scope.add(setup)
            setups.append(setup)
    kind, args, base = parse_final(reading.question, scope.funcs)
    if kind == "solve" and args.get("eqs"):
        args = {**args, "eqs": _free_argument(args["eqs"], text)}
    if kind == "value":
        kind, args, setups = _identity_coefficient(kind, args, setups)
    asked = args.get("expr") if kind == "value" else None
    if isinstance(asked, tree.Name) and asked.id not in scope.bound | CONSTANTS:
        raise ParseError(f"nothing says what {asked.id} is")  # "Suppose 3*x = 12. What is y?"
    named_funcs = set().union(*(names_in(v) for v in args.values())) & scope.funcs
    if named_funcs:  # "the value of a" for a function a: a function is not a value
        raise ParseError(f"{', '.join(sorted(named_funcs))} is a function; say where to evaluate it")
    decimal = not args.get("as_fraction") and (
        any(_has_decimal(v) for v in args.values())
        or any(s.body is not None and tree.has_decimal(s.body) for s in setups)
    )
    return Problem(kind, args, tuple(setups), decimal, base, text)


def _identity_coefficient(kind: str, args: dict, setups: list[Setup]) -> tuple[str, dict, list[Setup]]:
    """"Suppose (2*n)*(3*n) = s*n**2 + m*n + t. What is s?": a polynomial in n said equal to a form in n with
    new letters is an identity in n, and a letter of the form asked is its coefficient (not a solution of
    one equation in four unknowns, which main answered "s")."""
    asked = args.get("expr")
    if not isinstance(asked, tree.Name) or len(setups) != 1 or setups[0].kind != "suppose":
        return kind, args, setups
    if len(setups[0].equations) != 1:
        return kind, args, setups
    rel = setups[0].equations[0]
    for poly, form in ((rel.left, rel.right), (rel.right, rel.left)):
        inner, shape = tree.names(poly), tree.names(form)
        if asked.id in shape - inner and len(inner) == 1 and inner < shape:
            return "coeff_named", {"expr": poly, "form": form, "name": asked.id}, []  # the identity is the question
    return kind, args, setups


def _free_argument(eqs: tuple, text: str) -> tuple:
    """"The roots of w": w's argument named by a letter the question does not use."""
    from reasoner.solvers.math.rules import FREE_ARGUMENT

    if not any(FREE_ARGUMENT in tree.names(r.left) for r in eqs):
        return eqs
    used = set(re.findall(r"(?<![A-Za-z])[a-z](?![A-Za-z])", text))
    letter = next(c for c in "xyztuvwsrqpnmkjhgfedcba" if c not in used) if len(used) < 26 else None
    if letter is None:
        raise ParseError("no letter is left for the function's argument")
    return tuple(Relation(tree.substitute(r.left, FREE_ARGUMENT, tree.Name(letter)), r.op, r.right) for r in eqs)


def parse_setup(sentence: str, funcs: frozenset[str]) -> Setup:
    """Parse one setup sentence of a single clause ("Let f(x) = ...", "Suppose 3*a = 12").

    Raises:
        ParseError: the sentence is not one setup clause this solver understands.
    """
    found = parse_setups(sentence, Scope(funcs))
    if len(found) != 1:
        raise ParseError(f"{len(found)} setups in one sentence")
    return found[0]


def arg_trees(v: object) -> list:
    """The expression trees inside one argument of a problem (a tree, a relation, tuples of them)."""
    if isinstance(v, Relation):
        return [v.left, v.right]
    if isinstance(v, tuple | list):
        return [t for x in v for t in arg_trees(x)]
    if isinstance(v, str | int | float | bool | dict) or v is None:
        return []
    return [v]


def names_in(v: object) -> set[str]:
    """The variable names used in one argument of a problem."""
    return set().union(*(tree.names(t) for t in arg_trees(v)))


def _has_decimal(v: object) -> bool:
    return any(tree.has_decimal(t) or tree.has_percent(t) for t in arg_trees(v))


# "In base 4, ...", "Working in base 4, ...", "Base 4: ...", and "Add the base 3 numbers A and B".
_IN_BASE = re.compile(
    r"^(?:(?:working|calculating|computing|counting|operating|doing (?:it|this|the sum))(?: out)? )?"
    r"(?:in|using|with) (?:base[- ](\d{1,2})|(binary|octal|hexadecimal|hex)(?: \(base[- ](\d{1,2})\))?)"
    r"(?: arithmetic| notation| numbers| numerals)?[,:;]? (.+)$|"
    r"^base[- ](\d{1,2})(?: arithmetic)?[,:;] (.+)$",
    re.I,
)
_NAMED_BASE = {"binary": 2, "octal": 8, "hexadecimal": 16, "hex": 16}
_BASE_AFTER = re.compile(
    r"^(.+?),? (?:where|with|if|given that|when) (?:both|all|the|these|each of the|all the)(?: two)?(?: numbers| values| "
    r"operands| numerals)? (?:are |is )?(?:written |given |expressed )?in base[- ](\d{1,2})$|"
    r"^(.+?),? \((?:both |all |the |these |each )?(?:two )?(?:numbers |values |operands |numerals )?(?:are |is )?"
    r"(?:written |given |expressed )?in base[- ](\d{1,2})\)$",
    re.I,
)
# "Subtract 32 from 4224200 in base 5", "What do you get if you add 12 and 3 in base 4?": "in base b"
# after an operation named by its verb says where the operation is done. After a plain value ("What
# is 1020 + 111 in base 3?") it may instead ask for the answer in base b, so that is not read.
_BASE_LAST = re.compile(
    r"^(.+?),? (?:in|using|working in) (?:base[- ](\d{1,2})|(binary|octal|hexadecimal|hex))(?: arithmetic| notation)?$", re.I
)
_OPERATION_VERB = re.compile(
    r"(?:^|\b(?:you|i|we) |\bto )(?:add|subtract|deduct|multiply|sum|total)\b|^(?:adding|subtracting|multiplying)\b|"
    r"\btake\b.+\b(?:from|away)\b",
    re.I,
)
_BASE_NOUN = re.compile(
    r"^(.*?)\b(?:the |these |two )?base[- ](\d{1,2}) (?:numbers?|numerals?|values?|integers?) (.+)$", re.I
)
_BASE_NUM = re.compile(r"[0-9a-z]+", re.I)
_CONTRACTION = re.compile(r"\b(what|that|it)'s\b", re.I)


# "..., and give the result in base 14 too": the answer in the base the numbers are written in.
_RESULT_IN_BASE = re.compile(
    r"^(.+?),? (?:and )?(?:give|write|express|show|state|leave|put) (?:the |your |its )?(?:result|answer|sum|difference|"
    r"product) in base[- ](\d{1,2})(?: too| as well| also)?$",
    re.I,
)


# "base nine", "base-sixteen": a base named by its number word.
_BASE_WORD = re.compile(
    r"\bbase([- ])((?:twenty|thirty)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b",
    re.I,
)


def parse_final(sentence: str, funcs: frozenset[str]) -> tuple[str, dict, int]:
    """Parse the question sentence into (kind, args, base)."""
    sentence = _BASE_WORD.sub(lambda b: f"base{b.group(1)}{number_word(b.group(2))}", sentence)
    result = _RESULT_IN_BASE.match(sentence)
    if result:
        kind, args, base = parse_final(result.group(1), funcs)
        if base != int(result.group(2)):
            raise ParseError("the result is asked in another base than the numbers are written in")
        return kind, args, base
    m = _IN_BASE.match(sentence)
    n = _BASE_NOUN.match(sentence)
    after = _BASE_AFTER.match(sentence)
    if m:
        number, name, named_number, body, number2, body2 = m.groups()
        base = int(number or number2) if number or number2 else _NAMED_BASE[name.lower()]
        if named_number and int(named_number) != base:
            raise ParseError(f"{name} is not base {named_number}")
        return _in_base(base, body or body2, funcs)
    if after:
        return _in_base(int(after.group(2) or after.group(4)), after.group(1) or after.group(3), funcs)
    last = _BASE_LAST.match(sentence)
    if last:
        base = int(last.group(2)) if last.group(2) else _NAMED_BASE[last.group(3).lower()]
        if _OPERATION_VERB.search(last.group(1)):
            return _in_base(base, last.group(1), funcs)
        if _foreign_numeral(last.group(1), base) and not _BASE_WORD_IN.search(last.group(1)):
            return _in_base(base, last.group(1), funcs)  # not "What is 7a (base 12) in base 16?": a conversion
    if n:
        try:
            return _in_base(int(n.group(2)), n.group(1) + n.group(3), funcs)
        except ParseError:
            pass  # "Convert the base 12 number 77094 to base 14" is a conversion
    kind, args = question_rules(sentence, funcs)
    return kind, args, 10


_BASE_WORD_IN = re.compile(r"\bbase\b|\bbinary\b|\boctal\b|\bhex|\bdecimal\b", re.I)
_MIXED_NUMERAL = re.compile(r"(?<![A-Za-z0-9])-?(?=[0-9a-z]*\d)(?=[0-9a-z]*[a-z])[0-9a-z]+(?![A-Za-z0-9(])")


def _foreign_numeral(text: str, base: int) -> bool:
    """"What's 74a5 plus -177 in hexadecimal?": a numeral of digits and letters, valid in ``base`` above
    ten, is written in that base (so "in hexadecimal" says where the numbers are, not how to answer)."""
    if base <= 10:
        return False
    for m in _MIXED_NUMERAL.finditer(text):
        try:
            int(m.group(0), base)
        except ValueError:
            continue
        return True
    return False


def _in_base(base: int, inner: str, funcs: frozenset[str]) -> tuple[str, dict, int]:
    """Arithmetic on numbers written in ``base``: the literals are read in that base."""
    if not 2 <= base <= 36:
        raise ParseError(f"base {base} is not between 2 and 36")
    inner = _CONTRACTION.sub(r"\1 is", inner)  # "what's 0 + -31": the contraction is not a numeral
    inner = _BASE_NUM.sub(lambda t: _from_base(t.group(0), base, inner), inner)
    kind, args = question_rules(inner, funcs)
    if kind != "value":
        raise ParseError("only arithmetic is read in another base")
    return kind, args, base


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
    if word.lower() in _WORDS_IN_BASE or word.lower() in ARITHMETIC_WORDS:
        return word
    try:
        return str(int(word, base))
    except ValueError as exc:
        if len(word) > 1 and word.isalpha():
            return word  # "-240513034 plus 1 equals what": a word, not a numeral; the grammar decides
        raise ParseError(f"{word!r} is not a number in base {base}") from exc


__all__ = [
    "Problem",
    "Setup",
    "arg_trees",
    "equations",
    "names_in",
    "parse_final",
    "parse_question",
    "parse_setup",
]
