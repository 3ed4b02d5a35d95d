"""Equal groups: how many containers a whole fills, or how many each of N equal shares gets.

"A vase can hold 6 flowers. If you had 7 carnations and 47 roses, how many vases would you need to hold the
flowers?" asks a count of containers: the whole (the amounts of the contained things told, less those said
gone: "7 of them didn't show up", "ate 43 of them") over what one container holds. English tells that capacity
with the container beside it: "each van holds 8", "5 cookies in each bag", "cans of 3 balls each", "12 watches
per day", "toys that cost 2 dollars each" (money over a price). The question names the container. When the
whole does not fill its containers exactly the question says which count it wants: what is needed to hold all
("need", "so that every"), rounded up, or what can be filled ("could make", "full"), rounded down; neither or
both declines.

"Four cousins shared 92 baseball cards equally. How many cards did each cousin get?" asks the size of one share:
the whole over the number of sharers, who are told by a share verb, "equally"/"evenly", or "the same number",
and named by the question's "each ...". Things counted one by one are shared whole (the rest is left over,
rounded down); a sum of money may come out in cents; another measure must share exactly.

Every number of the text is the capacity (or the number of sharers), or one amount of the whole; anything
else declines.
"""

from __future__ import annotations

from fractions import Fraction

from reasoner.errors import ParseError
from reasoner.solvers.math.story import lexicon, linear, units
from reasoner.solvers.math.story.more import KindAnswer, X, eq, solved
from reasoner.solvers.math.story.phrases import (
    Phrase,
    condition_first,
    how_at,
    is_person,
    names,
    noun_forms,
    phrase_at,
    same_thing,
)
from reasoner.solvers.math.story.words import Tok, can_be, noun_lemma, verb_lemma
from reasoner.solvers.math.tree import Bin, Call

_HOLD = frozenset("hold contain carry seat fit transport take load cost need get require serve".split())
_HAVE = frozenset("have has had".split())
_BETWEEN = frozenset("that which they he she you we it had have has can could will would only each every".split())
_SINGLE = frozenset("piece item article".split())  # nouns that count the things of their "of" one by one
_WITH = frozenset("with holding containing having".split())
_FILLED = frozenset(", each stuffed filled packed loaded".split())
_IN_EACH = frozenset("in on per into for inside at".split())
_EACH = frozenset("each every a one per".split())
_SEATS = frozenset("seat space spot place".split())  # one per person: "2 seats on each bus" for 14 students
_FLOOR = frozenset("full fully can could fill complete".split())
_CEIL = frozenset("need needed needs require required least every all rent rented".split())
_NOT_ASKED = frozenset("more left remain remaining over extra fewer less last rest leftover fraction percent "
                       "else other others".split())
_ALL = frozenset("total totaled altogether combined all".split())  # asked of contents, not of containers
_LEFT_OVER = frozenset("left remain remaining unpacked leftover".split())
_ESTIMATE = frozenset("about approximately roughly around estimate".split())
# beside the lexicon's losses and gifts; "take" is a loss, while "get", "receive", "buy" of its class add
_LOSS_VERBS = frozenset("eat use sell spend break take remove steal".split())
_AGAIN = frozenset("more another also again".split())  # an amount added to one told of the same things
_EQUAL = frozenset("equally evenly equal same".split())
_SHARE_VERBS = frozenset("share split divide distribute".split())
_BEFORE_SHARERS = frozenset("among between into to in on for by".split())
_DETERMINERS = frozenset("the his her their its my our your all these those".split())
_MEASURES = ("dollar", "minute", "meter", "foot", "gram", "pound", "liter", "gallon", "cup")


def _is_measure(noun: str) -> bool:
    return any(units.factor(noun, base) is not None for base in _MEASURES)


def _asked(toks: list[Tok], at: int) -> Phrase:
    """The noun after "how many" ("how many of the toys": toys)."""
    k = at + 1
    if k + 2 < len(toks) and toks[k + 1].low == "of" and toks[k + 2].low in ("the", "these", "those"):
        k += 2
    return phrase_at(toks, k)


def read(toks: list[Tok]) -> KindAnswer | None:
    """Containers filled or the size of each equal share; None when the question asks neither.

    Raises:
        ParseError: the question asks one, and the story's numbers are not a whole and one capacity or sharers.
    """
    toks = condition_first(toks)
    at = how_at(toks)
    if at < 0 or at and toks[at - 1].low in _ESTIMATE:
        return None
    if any(t.is_num and not _sharers_again(toks, at, k) for k, t in enumerate(toks) if k >= at):
        return None
    q = {t.low for t in toks[at:]}
    if q & _ESTIMATE:
        return None
    if q & _LEFT_OVER and not q & {"each", "per"}:
        return _remainder(toks, at)
    if q & _NOT_ASKED:
        return None
    if q & {"each", "per"}:
        return _each(toks, at) if not q & _ALL else None
    if toks[at + 1].low != "many":
        return None
    return _containers(toks, at)


# ---- how many containers -------------------------------------------------------------------------------------


def _capacity(toks: list[Tok], k: int, container: str) -> str | None:
    """What one ``container`` holds when the number at ``k`` is its capacity ("" for no noun); None otherwise."""
    held = phrase_at(toks, k)
    e = held.end
    if e + 1 < len(toks) and toks[e].low in _IN_EACH and (toks[e + 1].low in _EACH or toks[e].low == "per"):
        after = phrase_at(toks, e + (0 if toks[e].low == "per" else 1))
        if after.head == container or names(after.word, container):
            return held.counted  # "5 cookies in each bag", "12 watches per day"
    if k >= 2 and toks[k - 2].low == "for" and toks[k - 1].low == "every":
        ones = [j for j, t in enumerate(toks) if t.sent == toks[k].sent and t.low == "one" and j > k]
        if len(ones) == 1 and names(phrase_at(toks, ones[0]).word, container):
            return held.counted  # "For every 3 pounds they recycled they earned one point"
    if k >= 2 and toks[k - 1].low == "of" and names(toks[k - 2].low, container):
        return held.counted  # "cans of 3 balls each", "groups of 9"
    if k >= 3 and toks[k - 1].low in _WITH:
        j = k - 2
        while j >= 0 and toks[j].low in _FILLED:
            j -= 1
        if "each" in {t.low for t in toks[j + 1:k]} and j >= 0 and names(toks[j].low, container):
            return held.counted  # "5 clown mobiles, each stuffed with 28 clowns"
    if k >= 2 and verb_lemma(toks[k - 1].low) in _HOLD | {"have"}:
        verb = verb_lemma(toks[k - 1].low)
        j = k - 2
        while j >= 0 and k - 2 - j < 4 and toks[j].low in _BETWEEN:
            j -= 1
        if j >= 2 and toks[j - 1].low == "of" and not names(toks[j].low, container):
            j -= 2  # "Every pitcher of lemonade can serve 5 glasses"
        if j >= 0 and names(toks[j].low, container):
            if verb == "have" and not (j and toks[j - 1].low in ("each", "every")):
                return None  # "George has 2 boxes": a holding; "each box has 6": a capacity
            return held.counted
    return None


def _lost(toks: list[Tok], k: int) -> bool:
    """The amount at ``k`` is gone from the whole: its clause tells a loss, a use, or "... of them didn't ..."."""
    clause = []
    for t in toks[k + 1:]:
        if t.sent != toks[k].sent or t.low in (",", "and", "if", "but"):
            break
        clause.append(t)
    before = [t for t in toks[max(0, k - 4):k] if t.sent == toks[k].sent]
    words = {t.low for t in clause + before}
    verbs = {verb_lemma(t.low) for t in clause + before if verb_lemma(t.low)}
    if any(lexicon.verb_class(v) in ("give", "lose", "depart") or v in _LOSS_VERBS for v in verbs):
        return True
    if words & {"n't", "not", "never"}:
        if clause[:1] and clause[0].low == "of" or before and before[-1].low == "but":
            return True
        raise ParseError("a negated amount that is not a part of the whole")
    return False


def _fits(noun: str, held: str, container: str) -> bool:
    if not noun or noun == container:
        return False
    return not held or same_thing(noun, held) or held in _SEATS and is_person(noun)


def _listed_with_a_kind(toks: list[Tok], k: int, nums: list[int], held: str) -> bool:
    """ "A vase can hold 6 flowers ... 7 carnations and 47 roses": an amount listed beside a kind of what the
    container holds (a noun above both, not one of them) is of a kind of it too, as English lists like with like
    (WordNet does not put every flower under "flower")."""
    for j in nums:
        a, b = sorted((j, k))
        if j == k or toks[a].sent != toks[b].sent:
            continue
        between = [t.low for t in toks[phrase_at(toks, a).end:b]]
        other = phrase_at(toks, j).counted
        if between in (["and"], [","], [",", "and"]) and held and other != held and same_thing(other, held):
            return True
    return False


def _same_verb(toks: list[Tok], first: Tok, then: Tok) -> bool:
    """ "Gwen recycled 5 pounds and her friends recycled 13 pounds": two doers of one verb, each amount its own."""
    i, j = toks.index(first), toks.index(then)
    verb = verb_lemma(toks[i - 1].low) if i else ""
    return bool(verb) and verb == verb_lemma(toks[j - 1].low) and toks[i].sent == toks[j].sent


def _one_thing(nouns: list[str]) -> bool:
    """The amounts count one kind of thing: the same noun, kinds of the first, or all people."""
    return all(is_person(n) for n in nouns) or all(same_thing(n, nouns[0]) for n in nouns)


def _held_by_a_thing(toks: list[Tok], k: int) -> bool:
    """ "A small bus holds 20 people": the verb before the number has a thing for its subject (not "she was able
    to serve 30 glasses")."""
    j = k - 2
    while j >= 0 and toks[j].low in _BETWEEN:
        j -= 1
    return j >= 0 and toks[j].low.isalpha() and can_be(toks[j].low, "NOUN") and not is_person(noun_lemma(toks[j].low))


def _one_of_a_capacity(toks: list[Tok], k: int) -> bool:
    """ "60 chickens in one coop", "for every 3 pounds ... one point": that "one" is the capacity's "each"."""
    if toks[k].low != "one":
        return False
    if toks[k - 1].low in _IN_EACH:
        return True
    low = [t.low for t in toks if t.sent == toks[k].sent]
    return any(a == "for" and b == "every" for a, b in zip(low, low[1:], strict=False))


def _other_doer(toks: list[Tok], at: int) -> bool:
    """ "Mia has 56 photos. Her sister puts 8 photos on each page. How many pages does Mia fill?": a person told
    by kin ("her sister") opens the capacity's sentence as its subject, and the question asks one other person."""
    asked = {noun_lemma(t.low) for t in toks[at:]}
    if not asked & {"he", "she"} and not any(t.text[:1].isupper() for t in toks[at + 1:]):
        return False  # "how many bags will be used?", "did they": not one person's
    for k in range(at - 2):
        if (k == 0 or toks[k - 1].sent != toks[k].sent) and toks[k].low in ("his", "her", "their") and is_person(noun_lemma(toks[k + 1].low)) and verb_lemma(
                toks[k + 2].low) and not toks[k + 2].is_num and noun_lemma(toks[k + 1].low) not in asked and any(
                t.sent == toks[k].sent and t.low in ("each", "every", "per") for t in toks):
            return True  # the capacity's own sentence ("Her dog ate 5 of them" is a part lost, read as such)
    return False


def _containers(toks: list[Tok], at: int) -> KindAnswer | None:
    container = _asked(toks, at).head
    if not container:
        return None
    nums = [k for k in range(at) if toks[k].is_num and not _one_of_a_capacity(toks, k)]
    caps = [(k, held) for k in nums if (held := _capacity(toks, k, container)) is not None]
    if not caps or {t.low for t in toks[at:]} & _ALL:
        asked = _asked(toks, at)
        one_by_one = not asked.stuff or asked.head in _SINGLE  # "pieces of clothing", not "dozens of dollars"
        return _contents(toks, at, nums, asked.counted if one_by_one else asked.head)
    if len(caps) != 1:
        raise ParseError("which number is what one container holds is not told")
    cap, held = caps[0]
    if {t.low for t in toks[:at]} & {"rest", "remaining", "remainder"}:
        raise ParseError("a rest set apart before the containers are filled")
    whole: list[Tok] = []
    nouns: list[str] = []
    phrases_told: list[tuple[str, ...]] = []
    lost: list[Tok] = []
    for k in nums:
        if k == cap:
            continue
        if k and verb_lemma(toks[k - 1].low) in _HOLD and _held_by_a_thing(toks, k):
            raise ParseError("a capacity of another container")
        after = phrase_at(toks, k)
        of_them = after.end < len(toks) and toks[after.end].low == "of" and not after.head
        if not (of_them and whole) and not _fits(after.counted, held, container) and not _fits(after.head, held,
                                                                                                container) \
                and not _listed_with_a_kind(toks, k, nums, held):
            raise ParseError(f"the amount {toks[k].text} is not of what the {container} holds")
        if after.end + 1 < len(toks) and toks[after.end].low == "of" and toks[after.end + 1].is_num:
            raise ParseError("an amount of groups of some size is a product, not a whole")
        words = tuple(t.low for t in toks[after.start:after.end])
        if whole and words in phrases_told and not {t.low for t in toks if t.sent == toks[k].sent} & _AGAIN \
                and not _same_verb(toks, whole[0], toks[k]):
            raise ParseError("an amount told again of the same things may be a part of the first")
        phrases_told.append(words)
        nouns.append(after.counted)
        (lost if whole and _lost(toks, k) else whole).append(toks[k])
    if not held and not _one_thing([n for n in nouns if n]):
        raise ParseError("the amounts put into the containers are of different things")
    if not whole:
        raise ParseError("no whole to put into containers")
    asked = {verb_lemma(t.low) or t.low for t in toks[at:]}
    if _other_doer(toks, at):
        raise ParseError("another person's verb ('her sister puts ...'): whose containers are asked is not read")
    if "have" in asked and not asked & (_FLOOR | _CEIL | {"would", "will"}):
        raise ParseError("the question asks what containers are had, and the story tells what they would hold")
    total = linear.num(whole[0].value)
    for t in whole[1:]:
        total = Bin("+", total, linear.num(t.value))
    for t in lost:
        total = Bin("-", total, linear.num(t.value))
    size = toks[cap].value
    amount = sum((t.value for t in whole), Fraction(0)) - sum((t.value for t in lost), Fraction(0))
    if size <= 0 or amount <= 0:
        raise ParseError("an empty whole or container")
    expr = Bin("/", total, linear.num(size))
    if amount % size:
        q = {t.low for t in toks[at:]} | {verb_lemma(t.low) for t in toks[at:]}
        floor, ceil = bool(q & _FLOOR), bool(q & _CEIL)
        if floor == ceil:
            raise ParseError("the whole does not fill its containers, and the question does not say how to count")
        expr = Call("floor" if floor else "ceiling", (expr,))
    return solved([eq(X, expr)], "containers", container, whole=True)


def _contents(toks: list[Tok], at: int, nums: list[int], asked: str) -> KindAnswer | None:
    """ "Ben was given 7 trays of eggs. If each tray has 10 eggs, how many eggs did Ben examine?": the containers
    told (one amount, or kinds of them listed together) times what each holds, when the question asks that."""
    found = []
    for k in nums:
        for n in nums:
            told = phrase_at(toks, n)
            for container in noun_forms(told.word) if told.word else ():
                if n != k and (held := _capacity(toks, k, container)) and same_thing(held, asked):
                    found.append((k, container))
    if not found:
        return _contents_listed(toks, nums, asked)
    if len({k for k, _ in found}) != 1:
        raise ParseError("which number is what one container holds is not told")
    cap, container = found[0]
    counts = [n for n in nums if n != cap]
    for n in counts:
        told = phrase_at(toks, n)
        if not (same_thing(told.head, container) or names(told.word, container)) or told.stuff and not same_thing(
                told.stuff, asked):
            listed = _contents_listed(toks, nums, asked)  # "3 boys and 4 girls at each table"
            if listed is None:
                raise ParseError(f"the amount {toks[n].text} is not a count of the containers")
            return listed
    if len(counts) > 1 and len({toks[n].sent for n in counts}) != 1:
        raise ParseError("counts of containers told apart")
    total = linear.num(toks[counts[0]].value)
    for n in counts[1:]:
        total = Bin("+", total, linear.num(toks[n].value))
    return solved([eq(X, Bin("*", total, linear.num(toks[cap].value)))], "containers filled", asked, whole=True)


def _covered(asked: str, heads: list[str]) -> bool:
    return all(same_thing(asked, h) for h in heads) or is_person(asked) and all(is_person(h) for h in heads)


def _contents_listed(toks: list[Tok], nums: list[int], asked: str) -> KindAnswer | None:
    """ "She found 7 boxes of clothing and inside each box there were 3 scarves and 4 mittens", "7 tables ...,
    with 7 women and 2 men at each table": the containers told times the kinds listed in each, when the question
    counts them all by a noun over them (a hypernym, or people)."""
    eaches = [j for j, t in enumerate(toks) if t.low == "each" and j + 1 < len(toks)]
    for j in eaches:
        container = phrase_at(toks, j).head
        counts = [n for n in nums if names(phrase_at(toks, n).word, container) and n < j]
        listed = [k for k in nums if k not in counts and toks[k].sent == toks[j].sent]
        if len(counts) != 1 or len(listed) < 2 or len(listed) + 1 != len(nums):
            continue
        told = [phrase_at(toks, k) for k in listed]
        joins = [[t.low for t in toks[a.end:b]] for a, b in zip(told, listed[1:], strict=False)]
        if any(w not in (["and"], [","], [",", "and"]) for w in joins):
            continue
        after_each = all(k > j for k in listed) and {t.low for t in toks[j:listed[0]]} <= {
            "each", container, "there", "were", "was", "are", "is", "had", "has", *toks[j + 1].low.split()}
        before_each = told[-1].end + 1 == j and toks[told[-1].end].low in ("at", "in", "on")
        if not (after_each or before_each) or not _covered(asked, [p.counted for p in told]):
            continue
        inside = linear.num(toks[listed[0]].value)
        for k in listed[1:]:
            inside = Bin("+", inside, linear.num(toks[k].value))
        expr = Bin("*", linear.num(toks[counts[0]].value), inside)
        return solved([eq(X, expr)], "containers filled", asked, whole=True)
    return None


def _remainder(toks: list[Tok], at: int) -> KindAnswer | None:
    """ "Mr. Lee harvested 495 apples and he packed them evenly in some baskets. If there are 25 apples in each
    basket, how many apples were left unpacked?", "There were 44 laptops in the shop, and Mike divided them equally
    into 5 rows. How many are left?": what is left of a whole after equal groups (of a told size, or a told number
    of them), the whole less the groups' multiple: whole mod size."""
    nums = [k for k in range(at) if toks[k].is_num and not _one_of_a_capacity(toks, k)]
    if len(nums) != 2:
        return None
    asked = _asked(toks, at).counted if toks[at + 1].low == "many" else ""
    low = {t.low for t in toks} | {verb_lemma(t.low) for t in toks}
    found = []
    for d, w in (nums, nums[::-1]):
        whole = phrase_at(toks, w)
        if asked and not same_thing(asked, whole.counted) or not whole.counted:
            continue
        containers = {phrase_at(toks, j).head for j in range(len(toks)) if toks[j].low in ("each", "every")}
        if any((held := _capacity(toks, d, c)) is not None and (not held or same_thing(held, whole.counted))
               for c in containers if c):
            found.append((d, w))  # "25 apples in each basket", "Each team should have 18 students"
        elif low & (_EQUAL | _SHARE_VERBS) and _told_as_sharers(toks, d, phrase_at(toks, d)):
            found.append((d, w))  # "divided them equally into 5 rows"
    if len(found) != 1:
        raise ParseError("what is left is asked, and the size or the number of equal groups is not told once")
    d, w = found[0]
    size, amount = toks[d].value, toks[w].value
    if size.denominator != 1 or amount.denominator != 1 or amount <= size or amount % size == 0:
        raise ParseError("no part group is left of the whole")
    expr = Bin("-", linear.num(amount), Bin("*", linear.num(size), Call("floor", (Bin("/", linear.num(amount),
                                                                                        linear.num(size)),))))
    return solved([eq(X, expr)], "left of equal groups", phrase_at(toks, w).counted, whole=True)


# ---- how many in each share ----------------------------------------------------------------------------------


def _sharer(toks: list[Tok], at: int) -> str:
    """The noun after the question's "each" ("each cousin": cousin; "each of them", "each": "")."""
    k = next(k for k in range(at, len(toks)) if toks[k].low in ("each", "per"))
    if k + 3 < len(toks) and toks[k + 1].low == "of" and toks[k + 2].low == "the":
        k += 3 if toks[k + 3].is_num else 2  # "each of the four rooms"
    if k + 1 >= len(toks) or toks[k + 1].low == "of":
        return ""
    if toks[k + 1].low.isalpha() and can_be(toks[k + 1].low, "NOUN") and not can_be(toks[k + 1].low, "ADJ"):
        return noun_lemma(toks[k + 1].low)  # "in each can": a noun the phrase reader takes for a modal
    told = phrase_at(toks, k)
    # "each friend pay": the first noun after "each" is the sharer, not a noun the verb can also be
    first = next((j for j in range(told.start, told.end) if can_be(toks[j].low, "NOUN")), -1)
    return noun_lemma(toks[first].low) if first >= 0 else told.head


def _told_as_sharers(toks: list[Tok], k: int, told: Phrase) -> bool:
    """ "among his 7 grandchildren", "into 5 rows", or the subject of a share verb: "Four cousins shared ..."."""
    j = k - 1
    while j >= 0 and toks[j].low in _DETERMINERS:
        j -= 1
    if j >= 0 and toks[j].low in _BEFORE_SHARERS:
        return True
    return told.end < len(toks) and verb_lemma(toks[told.end].low) in _SHARE_VERBS


def _sharers_again(toks: list[Tok], at: int, k: int) -> bool:
    """ "... in four of the rooms ... how many paintings will be placed in each of the four rooms?": the
    question repeats the number of sharers the story told."""
    told = [j for j in range(at) if toks[j].is_num and toks[j].value == toks[k].value]
    return toks[k - 3:k] and [t.low for t in toks[k - 3:k]] == ["each", "of", "the"] and len(told) == 1


def _each(toks: list[Tok], at: int) -> KindAnswer | None:
    low = {t.low for t in toks} | {verb_lemma(t.low) for t in toks}  # "... if she places an equal number in each"
    if not low & (_EQUAL | _SHARE_VERBS):
        return None
    nums = [k for k in range(at) if toks[k].is_num]
    if len(nums) != 2:
        raise ParseError("equal shares of other than one whole and one number of sharers")
    sharer = _sharer(toks, at)
    asked = _asked(toks, at).head if toks[at + 1].low == "many" else ""
    told = {k: phrase_at(toks, k) for k in nums}
    ways = []
    for n, w in (nums, nums[::-1]):
        head, whole = told[n].head, told[w]
        if not head and told[n].end + 2 < len(toks) and toks[told[n].end].low == "of" and toks[
                told[n].end + 1].low == "the":
            head = phrase_at(toks, told[n].end + 1).head  # "in four of the rooms"
        if not head or head == whole.head or not whole.head or is_person(whole.head) and not asked:
            continue
        if sharer and not (same_thing(sharer, head) or is_person(sharer) and is_person(head)):
            continue
        if not sharer and not _told_as_sharers(toks, n, told[n]):
            continue
        if asked and not (same_thing(asked, whole.head) or asked == whole.stuff):
            continue
        ways.append((n, w))
    if len(ways) != 1:
        raise ParseError("which number counts the sharers is not told")
    n, w = ways[0]
    j = n - 1
    while j >= 0 and toks[j].low in ("his", "her", "their", "its", "my", "our", "your"):
        j -= 1
    if j >= 0 and toks[j].low in ("with", "and") and toks[j + 1].low != toks[n].low:
        raise ParseError("'with her 3 friends', 'Amy and her 3 friends': the one told beside the sharers may share")
    count, amount = toks[n].value, toks[w].value
    if count <= 1 or count.denominator != 1:
        raise ParseError("sharers are not a whole number above one")
    expr: object = Bin("/", linear.num(amount), linear.num(count))
    noun = told[w].counted
    value = amount / count
    if value.denominator != 1:
        if noun == "dollar" and (value * 100).denominator == 1:
            pass
        elif _is_measure(noun) or _is_measure(told[w].head):
            raise ParseError("a measure that does not share exactly")
        else:
            expr = Call("floor", (expr,))  # things counted one by one are shared whole; the rest is left over
    whole = noun != "dollar" and not _is_measure(noun) and not _is_measure(told[w].head)
    return solved([eq(X, expr)], "equal shares", told[w].head, whole=whole)
