"""The conversational layer of a question sentence: the words people wrap around a question.

People ask "Quick question, what's 3 + 4?", "Can you work out 2*x = 4 for me?",
"Compute 7/8, please.", "Tell me whether 91 is prime." or "What does 3 - 7 come to?".
The wrapper carries no mathematics. :func:`plain` removes greetings, politeness,
requests to answer and hedges (only at the start or the end, and only words that
cannot change the problem); :func:`embedded_yes_no` turns "tell me whether X is Y"
into "is X Y"; :func:`asked_value` turns the interrogative frames of a value
("what does X come to", "if you add A and B, what do you get") into the plain
request. Every function is pure and each pattern is anchored, with lazy slots
separated by literal words, so matching stays cheap on bounded text.
"""

from __future__ import annotations

import re

_I = re.I

# Words before the question that only open a turn of conversation or ask politely.
_OPENERS = re.compile(
    r"^(?:quick question|a quick question|question|quick one|one more|another one|here'?s one|next one|"
    r"next|(?:hey|hi|hello)(?: there| again| all| everyone| friend)?|ok|okay|so|now|then|and|also|well|right|alright|"
    r"all right|hmm+|um+|oh|"
    r"finally|lastly|first|firstly|first of all|secondly|to start|to begin with|after that|math question|maths question|help(?=[:!])|please|pls|plz|kindly|"
    r"q(?=:)|problem(?=\s*[:\-])|(?:a )?(?:quick )?(?:math|maths) (?:problem|question|puzzle)|quick (?:math|maths)|exercise(?=:)|task(?=:)|"
    r"just wondering|(?:i'?m )?sorry to (?:bother|trouble) you(?:,? but)?|sorry|excuse me|out of curiosity|by the way|btw|"
    r"(?:i )?(?:have|got) a (?:quick )?question(?: for you)?)\b\s*[,:;!.\-\u2013\u2014]*\s+",
    _I,
)
_REQUESTS = re.compile(
    r"^(?:(?:can|could|would|will) you (?!say\b|think\b|agree\b|reckon\b|guess\b)(?:please |kindly |just |quickly |maybe |possibly )*(?:help me )?|"
    r"(?:i(?:'d| would) like|i want|i need|i(?:'d| would) love) (?:you )?to (?:know|find out|see|get|work out|"
    r"figure out|calculate|compute|find)\s*|i(?:'m| am) (?:curious|wondering)(?: about)?\s*|i wonder\s*|"
    r"i was wondering\s*|do you know\s*|any idea\s*|let me know\s*|help me (?:to )?|"
    r"i(?:'m| am) (?:trying|attempting|looking|hoping|wanting) to |need |"
    r"(?:can|could|would) (?:someone|anyone|somebody) (?:please )?(?:help me (?:to )?)?|"
    r"(?:tell|show|give|get|find) me\s*|i need\s*|i want\s*|i(?:'d| would) like\s*|"
    r"(?:is there )?any chance (?:you could|you can|you'd|of you) (?:please )?|would you mind (?:helping me )?|"
    r"is it possible (?:for you )?to |mind (?:helping me )?)(?=\S)",
    _I,
)
# Hedges that qualify the asking, not the answer ("roughly" before "what": the answer
# still comes from the precision the question names, or is exact).
_HEDGES = re.compile(r"^(?:roughly|approximately|about|exactly|precisely|so),? (?=(?:what|how|which)\b)", _I)
_ONLY_WRAPPER = re.compile(
    r"^(?:(?:hi|hello|hey)(?: there| again| all| everyone| friend)?|thanks|thank you|thx|cheers|please|ok|okay|help|"
    r"question|quick question|one more|"
    r"any ideas?|can you help|thanks in advance|(?:please )?answer (?:with )?(?:yes|true) or (?:no|false)|"
    r"(?:please )?show (?:your |the )?(?:work|working|steps)|i'?m stuck|help me out|no rush)$",
    _I,
)
_CLOSERS = re.compile(
    r"(?:[,;]?\s*(?:please|pls|plz|thanks|thank you|thx|cheers|for me|if you can|if you could|"
    r"(?:can|could) you help(?: me)?(?: with (?:it|that|this))?|any ideas?|"
    r"if you would|if possible|if you don'?t mind|quickly|real quick|right now|exactly|asap|thanks (?:a lot|so much)|"
    r"thank you (?:so much|very much)|(?<=\S) then|"
    r"(?:do|does) (?:you|anyone|anybody) know|anyone|anybody|"
    r"or not|yes or no|true or false|worked out|calculated|computed|evaluated|figured out|(?:and )?(?:tell|give|show) me (?:the |your )?(?:answer|result|value)|(?:and )?show(?:ing)? (?:your |the )?"
    r"(?:work|working|steps)))+\s*[.?]*$",
    _I,
)


def _without_closers(text: str) -> str:
    """The text without trailing politeness; only its end is searched (the closers are short)."""
    head, tail = text[:-80], text[-80:]
    return head + _CLOSERS.sub("", tail)


def plain(text: str) -> str:
    """The question without its conversational wrapper (repeated until nothing more comes off)."""
    return unwrapped(text) or _trim(text)


def without_greeting(text: str) -> str:
    """The sentence without the greetings and politeness that open it ("Please help: Let x = 3"),
    but with any request to answer ("Tell me ...", which may carry the question); "" for a
    sentence that is nothing else ("Hi!", "Thanks.")."""
    if not unwrapped(text):
        return ""
    out = _trim(text)
    while True:
        before = out
        out = _OPENERS.sub("", out, count=1).strip()
        if out == before:
            return out


def unwrapped(text: str) -> str:
    """Like :func:`plain`, but "" when the text is nothing but wrapper ("Hi!", "Thanks.")."""
    out = _trim(text)
    while out and not _ONLY_WRAPPER.match(out):
        before = out
        for pattern in (_OPENERS, _REQUESTS, _HEDGES):
            out = pattern.sub("", out, count=1).strip()
        out = _trim(_without_closers(out))
        if out == before:
            return out
    return ""


_END = re.compile(r"(?<![\d)!])[?.!,; ]+$|[?.,; ]+$")


def _trim(text: str) -> str:
    """Without final punctuation; a "!" right after a number or ")" is a factorial and stays."""
    return _END.sub("", text.strip()).strip()


# "Tell me whether X", "check if X", "is it true that X": a yes/no question in declarative form.
_WHETHER = re.compile(
    r"^(?:(?:check|determine|decide|find out|say|verify|confirm|see|establish|work out|figure out|know|ask)"
    r"(?: for me)? )?(?:whether or not|whether|if) (.+?)(?:,? or not)?$|^(?:is it (?:true|the case|so) that|does it hold that|"
    r"true or false[:,]?|verify that|confirm that|check that|(?:would|do|could) you (?:say|think|agree|guess|reckon)(?: that)?|"
    r"would it be (?:true|right|correct) to say(?: that)?) (.+?)(?:,? or not)?$",
    _I,
)
_MODAL = re.compile(r"^(?:would|will|could|can|should|might|must) (.+?) be (.+)$", _I)
_DECLARATIVE = [
    (re.compile(r"^(.+?) (is|are) (.+)$", _I), lambda m: f"is {m.group(1)} {m.group(3)}"),
    (
        re.compile(r"^(.+?) (?:divides|goes (?:evenly |exactly )?into) (.+)$", _I),
        lambda m: f"does {m.group(1)} divide {m.group(2)}",
    ),
    (re.compile(r"^(.+? ?(?:=|<|>|<=|>=|!=) ?.+)$", _I), lambda m: f"is {m.group(1)}"),
]


def embedded_yes_no(text: str) -> str | None:
    """ "tell me whether 91 is prime" (after :func:`plain`: "whether 91 is prime") -> "is 91 prime";
    "would 9/4 be 2 or more" -> "is 9/4 2 or more"; None when the text is not of that form."""
    m = _WHETHER.match(text)
    if m:
        return interrogative(m.group(1) or m.group(2))
    m = _MODAL.match(text)
    if m:
        return f"is {m.group(1)} {m.group(2)}"
    return None


def interrogative(statement: str) -> str | None:
    """ "f is a composite number" -> "is f a composite number"; "v = 9" -> "is v = 9"."""
    for pattern, build in _DECLARATIVE:
        m = pattern.match(statement.strip())
        if m:
            return build(m)
    return None


_VALUE_VERBS = (
    r"come to|come out to|come out as|come out at|equal|equals|give|give you|make|amount to|evaluate to|"
    r"work out to|work out as|work out at|add up to|total|become|result in|turn out to be|end up as|"
    r"end up being|end up with|give as (?:a|the) result|be|come out as"
)
_SIMPLIFY_VERBS = r"simplify to|reduce to|simplify down to|boil down to|collapse to"
_WHAT_DOES = re.compile(
    rf"^(?:what|how much) (?:does|do|would|will|did|should) (.+?) (?:({_SIMPLIFY_VERBS})|{_VALUE_VERBS})"
    r"(,? (?:once|when|after|if) .+)?$",
    _I,
)
_COMBINED = re.compile(
    r"^(?:what|how much) (?:does|do|would|will|did) (.+? and .+?) (add up to|sum to|add to|total|"
    r"come to (?:in total|altogether|all together)|multiply to|multiply out to|(?:give|make|come to) when "
    r"(?:multiplied|added)(?: together)?)$",
    _I,
)
_FIND_WHAT = re.compile(
    r"^(?:find|work out|calculate|compute|determine|figure out|tell me|say|show|see) ((?:what|how much) .+)$",
    _I,
)
_YOU_GET = (
    r"(?:what(?: number| value| result| answer)? (?:do|would|will|did|should|can) (?:you|i|we) "
    r"(?:get|end up with|have|obtain|arrive at)|what happens)"
)
_RESULT = rf"(?:{_YOU_GET}|what(?:'s| is| would be| will be) the (?:result|answer|outcome|output)|what comes out|what results)"
# "Divide 96 by 8, what do you get?": the operation as an instruction, then the result asked.
_DO_THEN_RESULT = re.compile(
    rf"^((?:add|subtract|multiply|divide|take|raise|square|cube|halve|double|sum|total|deduct) .+?)[,;:]? (?:and |then )*"
    rf"{_RESULT}$",
    _I,
)
_IF_YOU = re.compile(rf"^(?:if|when|suppose|say) (?:you|i|we) (.+?),? (?:then )?{_RESULT}$", _I)
# "If I take 3 from 20, how much is left?", "Take 3 away from 20. What's left?": what is left after
# taking away is a difference (what is left after dividing is a remainder, read by the remainder
# frames, so only taking verbs here).
_IF_TAKE_LEFT = re.compile(
    r"^(?:(?:if|when|suppose|say|after) (?:you|i|we) )?((?:take|subtract|remove|deduct|take away) .+?)[,;:]? (?:then )?"
    r"(?:(?:how much|what|how many)(?:'s| is| are| remains?| would be| will be| do (?:you|i|we) have)? (?:left|remaining)(?: over)?|"
    r"(?:how much|what) (?:remains|is still there))$",
    _I,
)
_YOU_GET_IF = re.compile(rf"^{_YOU_GET}(?: (?:if|when) (?:you |i |we )?| for | from | by )(.+)$", _I)
_EQUALS_WHAT = re.compile(
    r"^(.+?) (?:equals|is|makes|gives|comes to|works out to|works out as|comes out to|comes out as|evaluates to|"
    r"amounts to|simplifies to|reduces to|is equal to|equal|turns into|becomes) what$|^(.+?) ?= ?\?*$",
    _I,
)
_EQUAL_TO = re.compile(
    r"^(?:what(?:'s| is)|how much is|what (?:number|value|polynomial|expression) is) (.+?) "
    r"(?:equal to|worth|in total|all together|altogether)$|"
    r"^(?:what|how much) (.+?) (?:is|equals|comes to|gives|makes|would be|will be)$|"
    r"^what (?:number|value) (?:is|does) (.+?)(?: give| equal| make| come to)?$",
    _I,
)
_IF_THEN_RESULT = re.compile(
    r"^(?:if|when) (.+?),? (?:then )?what(?:'s| is| will be| would be) the (?:result|answer|outcome|value|quotient|"
    r"product|sum|total|difference)$",
    _I,
)


def asked_value(text: str) -> str | None:
    """The plain request behind an interrogative frame of a value, or None.

    "what does (1 - 3) come to" -> "what is (1 - 3)"; "what does X simplify to" ->
    "simplify X"; "if you multiply 3 by 4, what do you get" and "what do you get if you
    add 3 and 4" -> the verb phrase ("multiply 3 by 4"); "x + 1 equals what" -> "what is x + 1".
    """
    m = _COMBINED.match(text)
    if m:  # "what do 6 and 7 add up to": the verb names the operation on the listed numbers
        return ("the product of " if "multipl" in m.group(2).lower() else "the sum of ") + m.group(1)
    m = _WHAT_DOES.match(text)
    if m:
        return ("simplify " if m.group(2) else "what is ") + m.group(1) + (m.group(3) or "")
    m = _FIND_WHAT.match(text)
    if m:
        return asked_value(m.group(1)) or m.group(1)
    for pattern in (_IF_YOU, _YOU_GET_IF, _IF_TAKE_LEFT, _DO_THEN_RESULT):
        m = pattern.match(text)
        if m:
            return m.group(1)
    m = _EQUALS_WHAT.match(text) or _EQUAL_TO.match(text)
    if m:
        return "what is " + next(g for g in m.groups() if g)
    m = _IF_THEN_RESULT.match(text)
    if m and "=" not in m.group(1):  # "If 12 is divided by 4, what is the result?"
        return m.group(1)
    return None


# A question that only points back at the sentence before it ("Plug 3 into f. What comes out?").
_BACK_REFERENCE = re.compile(
    rf"^(?:{_RESULT}|what(?:'s| is| does) (?:it|that|this)(?: (?:equal|give|come to|make))?|"
    r"what (?:value|number) (?:results|comes out|do you get)|(?:and )?(?:the )?(?:result|answer|output)|"
    r"what(?:'s| is) (?:the )?(?:output|value))$",
    _I,
)


def back_reference(text: str) -> bool:
    """True for a question whose content is the sentence before it ("What comes out?")."""
    return bool(_BACK_REFERENCE.match(plain(text)))


__all__ = [
    "asked_value",
    "back_reference",
    "embedded_yes_no",
    "interrogative",
    "plain",
    "unwrapped",
    "without_greeting",
]
