"""The new kinds of word problem, tried by the route when the holdings reader declines or its filter keeps a text out.

Shapes measured (``geometry``), names compared (``which``), two parts of a whole and consecutive numbers
(``parts``), means (``mean``), two amounts compared (``compare_amounts``), times of day (``clock``), ratios asked
(``ratio_asked``), the rest of a set (``complement``), a rest shared out (``rest_split``), the last, part
full share (``last_part``), a number told by arithmetic in words (``number_said``), a fraction or
percent of one told amount (``fraction_of``), and a told pair scaled at the same rate (``proportion``). Every kind reads
its own construction and accounts for every number; two kinds that read the same text must agree.
"""

from __future__ import annotations

from reasoner.errors import ParseError
from reasoner.solvers.math.story import (
    clock,
    collective,
    compare_amounts,
    complement,
    fraction_of,
    fraction_said,
    geometry,
    last_part,
    list_less,
    mean,
    number_said,
    other_part,
    parts,
    percent_change,
    proportion,
    purchases,
    ratio_asked,
    ratio_total,
    rest_rate,
    rest_split,
    shares,
    the_rest,
    time_rates,
    which,
)
from reasoner.solvers.math.story.more import KindAnswer
from reasoner.solvers.math.story.words import tokenize

_KINDS = (geometry.read, which.read, parts.read, mean.read, compare_amounts.read, clock.read, ratio_asked.read,
          complement.read, rest_split.read, last_part.read, number_said.read, fraction_of.read,
          proportion.read, shares.read, purchases.read,
          percent_change.read, fraction_said.read, ratio_total.read,
          collective.read, list_less.read, rest_rate.read,
          other_part.read, time_rates.read,
          the_rest.read)


def read_more(text: str) -> KindAnswer:
    """The one answer of the new kinds that read the text.

    Raises:
        ParseError: no new kind reads it, or two kinds read it with different answers.
    """
    toks = tokenize(text)
    found, why = [], []
    for kind in _KINDS:
        try:
            got = kind(toks)
        except (ParseError, ZeroDivisionError) as exc:
            why.append(str(exc))
            continue
        if got is not None:
            found.append(got)
    if not found:
        raise ParseError(why[0] if why else "no kind of word problem reads it")
    if len({(a.value, a.name) for a in found}) > 1:
        raise ParseError("two kinds of reading disagree")
    return found[0]
