"""Shared text tools: tokens, stopwords, stemming, number words and number parsing.

One place per concept; where two readers need different behaviour the variants are
named here (and say why), so a change to one is a decision, not an accident.
"""
