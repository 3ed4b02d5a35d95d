"""Session 8 of issue 25: more English constructions read as the DeepMind-frame original (same
canonical key or the same answer), near misses that change one detail read differently, and
wordings whose meaning stays unclear declined.

Written for these tests from the constructions (the system named as a subject, a list that "forms
a pattern", a base named by its number word, options that open the sentence, a comparison asked
as an amount, ...); none is copied from a reworded data set, and the numbers are new.
"""

from __future__ import annotations

import pytest

from reasoner.solvers.math import parse_question

from .conftest import check_declined, check_near_miss, check_reads_as

PAIRS = [
    # the system, or the list, named as the subject of a sentence
    ("The system is a + b = 5, a - b = 1. What is a?", "Solve a + b = 5, a - b = 1 for a."),
    ("My equations are 2*c = d + 1 and d = 3. What's c?", "Solve 2*c = d + 1, d = 3 for c."),
    ("The numbers 2, 5, 8, 11 form a sequence. What comes next?", "What is the next term in 2, 5, 8, 11?"),
    ("3, 7, 11, 15 is an arithmetic progression. What is the next term?", "What is the next term in 3, 7, 11, 15?"),
    ("The numbers 2, 5, 8, 11 make a pattern. Which number comes after 11?", "What is the next term in 2, 5, 8, 11?"),
    ("What's after 11 in the sequence 2, 5, 8, 11?", "What is the next term in 2, 5, 8, 11?"),
    ("Using k for the position, give the k'th term of 4, 9, 14, 19.", "What is the k'th term of 4, 9, 14, 19?"),
    ("Write the k'th term of 4, 9, 14, 19 as a formula in k.", "What is the k'th term of 4, 9, 14, 19?"),
    ("Give the kth term of 4, 9, 14, 19 in k.", "What is the k'th term of 4, 9, 14, 19?"),
    # bases named by words, or after the operation verb
    ("In base seven, what is 16 + 5?", "In base 7, what is 16 + 5?"),
    ("Working in base-twelve, subtract 5 from 30.", "In base 12, what is 30 - 5?"),
    ("Add 101 and 11 in binary.", "In base 2, what is 101 + 11?"),
    ("Convert the base-eleven number 1a to base 10.", "Convert 1a (base 11) to base 10."),
    # the kind of the answer named, the form asked with a pronoun
    ("What number is 3*(7 - 2) equal to?", "What is 3*(7 - 2)?"),
    ("What polynomial is 3*w**2 - w**2 + w?", "Simplify 3*w**2 - w**2 + w."),
    ("Evaluate 6/(-8) + 1/2 and give it as a fraction.", "What is 6/(-8) + 1/2?"),
    ("Simplify 6/(-8) + 1/2 to a fraction.", "What is 6/(-8) + 1/2?"),
    ("For positive g, write (g**3*g**(1/2))**2 as a single power of g.",
     "Simplify (g**3*g**(1/2))**2 assuming g is positive."),
    # options first, politeness before the colon, ordering asked with "how"
    ("(a) 3 (b) -2 (c) 0.5: which is the smallest?", "Which is the smallest value?  (a) 3  (b) -2  (c) 0.5"),
    ("Sort these from lowest to highest, please: 3, -8, 0.5", "Sort 3, -8, 0.5 in increasing order."),
    ("How do 3, -8 and 0.5 rank from highest to lowest?", "Sort 3, -8, 0.5 in decreasing order."),
    ("How would 3, -8, 0.5 go in ascending order?", "Sort 3, -8, 0.5 in increasing order."),
    # comparisons asked as amounts, operations named by verbs on pairs and lists
    ("How much greater is 91 than 17?", "What is 91 - 17?"),
    ("By how much does 91 exceed 17?", "What is 91 - 17?"),
    ("How much smaller is 17 than 91?", "What is 91 - 17?"),
    ("By how much is 17 less than 91?", "What is 91 - 17?"),
    ("What do 14 and 9 add up to?", "What is 14 + 9?"),
    ("What do 14 and -9 multiply to?", "What is 14*(-9)?"),
    ("Add up 14, 9 and 30.", "What is 14 + 9 + 30?"),
    ("Multiply 2, 9 and 5 together.", "What is 2*9*5?"),
    # conversational wrappers
    ("Hi there! What is 19 times 4?", "What is 19*4?"),
    ("Any chance you could work out 19*4?", "What is 19*4?"),
    ("So what's 19*4 then?", "What is 19*4?"),
    ("Need 19*4 asap", "What is 19*4?"),
    ("Let's suppose 3*m = 2*m + 8. What is the greatest common divisor of m and 12?",
     "Suppose 3*m = 2*m + 8. What is the greatest common divisor of m and 12?"),
    # divisibility asked as possibility, tidy-up verbs, the coefficient named by its term first
    ("Can 96 be divided by 16 with no remainder?", "Is 96 a multiple of 16?"),
    ("Could 97 be evenly divided by 16?", "Is 97 a multiple of 16?"),
    ("Expand (3*y - 2)*(y + 4) and collect terms.", "Expand (3*y - 2)*(y + 4)."),
    ("What is the y coefficient of (3*y - 2)*(y + 4)?",
     "Express (3*y - 2)*(y + 4) as a*y**2 + b*y + c and give b."),
    # a function defined after the clause that uses it; the unknown asked after the facts
    ("Let c be g(4), where g(r) = r**2 - 7. Is c prime?", "Let g(r) = r**2 - 7. Let c be g(4). Is c prime?"),
    ("Define c as g(4) with g(r) = r**2 - 7. What is c mod 5?",
     "Let g(r) = r**2 - 7. Let c be g(4). What is the remainder when c is divided by 5?"),
    ("5*p - 3*q = 1 and p + q = 5. Solve for q.", "Solve 5*p - 3*q = 1, p + q = 5 for q."),
    ("We have 5*p - 3*q = 1 as well as p + q = 5. What is q?", "Solve 5*p - 3*q = 1, p + q = 5 for q."),
    ("Simultaneously, 5*p - 3*q = 1 and p + q = 5. What is p?", "Solve 5*p - 3*q = 1, p + q = 5 for p."),
    ("What will the time be 75 minutes after 10:50 PM?", "What is 75 minutes after 10:50 PM?"),
    ("Say the function k is k(x) = 5 - x. Find k(12).", "Let k(x) = 5 - x. What is k(12)?"),
    ("Where does 3*v**2 - 6*v equal 0?", "Solve 3*v**2 - 6*v = 0 for v."),
    ("When is 3*v**2 - 6*v zero?", "Solve 3*v**2 - 6*v = 0 for v."),
    ("Divide 132 by 12, what do you get?", "What is 132 divided by 12?"),
    ("What is 41 doubled?", "What is 2*41?"),
    ("What is 41 halved?", "What is 41/2?"),
    ("Compute the difference of 130 and 41.", "What is 130 - 41?"),
    # labels, apologies and crowd requests around the question; lists left open; adjectives of the sequence
    ("Q: What is 28 + 15?", "What is 28 + 15?"),
    ("Q: What is the value of 28 + 15?", "What is 28 + 15?"),  # main read "Q: X" as Q*X
    ("Problem: Solve 7*x = 28 for x.", "Solve 7*x = 28 for x."),
    ("Math problem - what's 28 + 15?", "What is 28 + 15?"),
    ("Sorry to bother you, but what is 28 + 15?", "What is 28 + 15?"),
    ("Just wondering, what is 28 + 15?", "What is 28 + 15?"),
    ("Can someone tell me what 28 + 15 is?", "What is 28 + 15?"),
    ("What's 28 + 15, do you know?", "What is 28 + 15?"),
    ("What comes next: 3, 12, 48, ?", "What is the next term in 3, 12, 48?"),
    ("What is the next term of 3, 12, 48, ...?", "What is the next term in 3, 12, 48?"),
    ("Determine the nth term of the arithmetic sequence 8, 13, 18.", "What is the n'th term of 8, 13, 18?"),
    # bases and units asked in other words
    ("What is the base 3 representation of 25?", "What is 25 in base 3?"),
    ("Express 25 in ternary.", "What is 25 in base 3?"),
    ("How long is 150 seconds in minutes?", "How many minutes are there in 150 seconds?"),
    # naming a value, signs, stranded prepositions, serial commas, a list after a colon
    ("Calculate 9 - 2*6 and call it c. Is c negative?", "Let c = 9 - 2*6. Is c < 0?"),
    ("Set c to 2*6 - 9. What is 20 mod c?", "Let c = 2*6 - 9. What is the remainder when 20 is divided by c?"),
    ("The value of n is 2*6 - 9. Is n prime?", "Let n = 2*6 - 9. Is n prime?"),
    ("Is -4/9 positive?", "Is -4/9 > 0?"),
    ("Let v = -0.7 + 0.2. Which of 0, -1 and 2 is v closest to?", "Let v = -0.7 + 0.2. What is the closest to v in 0, -1, 2?"),
    ("Sort 8, -3, and 5.", "Sort 8, -3, 5."),
    ("Which is the smallest of 8, -3 or 5?", "What is the smallest value in 8, -3, 5?"),
    ("Let v = -0.7 + 0.2. Find the value closest to v: 0, -1 or 2.",
     "Let v = -0.7 + 0.2. What is the closest to v in 0, -1, 2?"),
    ("Give me 76391 to the closest hundred.", "Round 76391 to the nearest 100."),
    ("How many minutes after 9:40 AM is 1:05 PM?", "How many minutes are there between 9:40 AM and 1:05 PM?"),
    ("How many minutes before 1:05 PM is 9:40 AM?", "How many minutes are there between 9:40 AM and 1:05 PM?"),
    ("Which one's bigger, 7.3 or 7.29?", "Which is bigger: 7.3 or 7.29?"),
    ("Two letters are drawn at random without replacement from ppqq. What's the probability that both letters are p?",
     "Two letters picked without replacement from ppqq. What is prob of picking 2 p?"),
    ("Take two letters out of ppqq without putting them back. What's the probability of getting q then p?",
     "Two letters picked without replacement from ppqq. What is prob of sequence qp?"),
    ("We're told 2*u = v + 1 and v = 5, and separately w - 3 = 0. What is u*w?",
     "Suppose 2*u = v + 1, v = 5. Suppose w - 3 = 0. What is u*w?"),
    ("Three letters are picked without replacement from rrsst. What's the probability of s, then r, then t?",
     "Three letters picked without replacement from rrsst. What is prob of sequence srt?"),
    # probability: letters listed in order, the bag named as letters
    ("Two letters are taken without replacement from ccdd. Find the probability that they come out in the order d, c.",
     "Two letters picked without replacement from ccdd. What is prob of sequence dc?"),
    ("Three letters are drawn without replacement from ccdde. What is the chance of getting c, d and e in that order?",
     "Three letters picked without replacement from ccdde. What is prob of sequence cde?"),
    ("From the letters ccddd, two are chosen without replacement. What is the probability of picking 1 c and 1 d?",
     "Two letters picked without replacement from ccddd. What is prob of picking 1 c and 1 d?"),
]


@pytest.mark.parametrize(("reworded", "original"), PAIRS)
def test_rewording_reads_as_the_original(reworded, original, math_solver):
    check_reads_as(reworded, original, math_solver)


# One detail changed: the reading must follow the change (a different answer or a decline).
NEAR_MISSES = [
    ("Is -4/9 negative?", "Is -4/9 > 0?"),
    ("Set c to 2*6 - 7. What is 20 mod c?", "Let c = 2*6 - 9. What is the remainder when 20 is divided by c?"),
    ("How much smaller is 91 than 17?", "What is 91 - 17?"),
    ("In base six, what is 16 + 5?", "In base 7, what is 16 + 5?"),
    ("(a) 3 (b) -2 (c) 0.5: which is the largest?", "Which is the smallest value?  (a) 3  (b) -2  (c) 0.5"),
    ("What do 14 and 9 multiply to?", "What is 14 + 9?"),
    ("How do 3, -8 and 0.5 rank from lowest to highest?", "Sort 3, -8, 0.5 in decreasing order."),
    ("Can 97 be divided by 16 with no remainder?", "Is 96 a multiple of 16?"),
    ("The system is a + b = 5, a - b = 1. What is b?", "Solve a + b = 5, a - b = 1 for a."),
    ("Add 101 and 11 in octal.", "In base 2, what is 101 + 11?"),
    ("Two letters are taken without replacement from ccdd. Find the probability that they come out in the order c, c.",
     "Two letters picked without replacement from ccdd. What is prob of sequence dc?"),
    ("What is the y coefficient of (3*y - 2)*(y + 5)?",
     "Express (3*y - 2)*(y + 4) as a*y**2 + b*y + c and give b."),
]


@pytest.mark.parametrize(("text", "other"), NEAR_MISSES)
def test_near_misses_do_not_take_the_original_answer(text, other, math_solver):
    check_near_miss(text, other, math_solver)


DECLINED = [
    # a label before the question is not a factor (main answered "3*x" and "7*t")
    "x: What is the value of 5 - 2?",
    "For t, what is the value of 3 + 4?",
    # "Roughly what integer is the square root of 4000?" asks a rounding: since session 10 it is read as one
    # (test_wording_s10.py), no longer declined
    "Take two letters out of ppqq and put them back. What's the probability of getting q then p?",  # with replacement
    "Suppose 3*x = 12. What is y?",  # nothing says what y is (main answered "y")
    "3*x = 12. Solve for y.",
    "Write 8 as a power of 2.",  # a power of a number, not a simplification of a power of a variable
    "What's after 8 in the sequence 2, 5, 8, 11?",  # 8 is not the last term: what comes after it is given
    "Calculate 101 + 11 in binary.",  # operands in binary, or the decimal sum asked in binary?
    "What's the general term of 3, 6, 9, 12?",  # in which variable?
    "Two letters are taken without replacement from ccdd. Find the probability that they come out in the order c, d, c.",
]


@pytest.mark.parametrize("text", DECLINED)
def test_unclear_wordings_are_declined(text, math_solver):
    check_declined(text, math_solver)


def test_a_base_word_is_read_as_its_number():
    assert parse_question("In base seven, what is 16 + 5?").base == 7
    assert parse_question("In base twenty-one, what is 16 + 5?").base == 21
