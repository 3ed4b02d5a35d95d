"""Conversions between units of measure: "4900 cents" asked in dollars, "300 minutes" asked in hours.

The factors are the units' definitions (100 cents to the dollar, 60 minutes to the hour, the
values of US coins), not facts of any story. ``factor(a, b)`` chains them, so inches convert
to yards and dimes to dollars.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

# (smaller, larger, how many smaller make one larger)
_DEFINITIONS = (
    ("cent", "dollar", 100), ("penny", "cent", Fraction(1)), ("nickel", "cent", Fraction(1, 5)),
    ("dime", "cent", Fraction(1, 10)), ("quarter", "cent", Fraction(1, 25)), ("half-dollar", "cent", Fraction(1, 50)),
    ("second", "minute", 60), ("minute", "hour", 60), ("hour", "day", 24), ("day", "week", 7),
    ("month", "year", 12), ("millimeter", "centimeter", 10), ("centimeter", "meter", 100),
    ("meter", "kilometer", 1000), ("inch", "foot", 12), ("foot", "yard", 3), ("yard", "mile", 1760),
    ("gram", "kilogram", 1000), ("ounce", "pound", 16), ("milliliter", "liter", 1000), ("cup", "quart", 4),
    ("quart", "gallon", 4),
)
_ABBREVIATIONS = {"cm": "centimeter", "mm": "millimeter", "m": "meter", "km": "kilometer", "g": "gram",
                  "kg": "kilogram", "lb": "pound", "oz": "ounce", "ft": "foot", "min": "minute", "hr": "hour",
                  "ml": "milliliter", "l": "liter", "feet": "foot", "pennies": "penny"}
COINS = frozenset("penny nickel dime quarter half-dollar".split())


def canonical(unit: str) -> str:
    return _ABBREVIATIONS.get(unit, unit)


@lru_cache(maxsize=1)
def _graph() -> dict[str, dict[str, Fraction]]:
    out: dict[str, dict[str, Fraction]] = {}
    for small, large, n in _DEFINITIONS:
        out.setdefault(small, {})[large] = 1 / Fraction(n)  # one small is 1/n of a large
        out.setdefault(large, {})[small] = Fraction(n)
    return out


@lru_cache(maxsize=1024)
def factor(src: str, dst: str) -> Fraction | None:
    """How many ``dst`` one ``src`` is (cent -> dollar: 1/100), or None when they do not convert."""
    src, dst = canonical(src), canonical(dst)
    if src == dst:
        return Fraction(1)
    graph = _graph()
    seen, frontier = {src}, [(src, Fraction(1))]
    while frontier:
        nxt = []
        for unit, f in frontier:
            for other, g in graph.get(unit, {}).items():
                if other == dst:
                    return f * g
                if other not in seen:
                    seen.add(other)
                    nxt.append((other, f * g))
        frontier = nxt
    return None
