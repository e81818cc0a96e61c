"""Words that carry a figure when spoken or written out, shared by the story checks and the speech metrics."""

from __future__ import annotations

# "twelve", "a hundred", "a million": a figure said in words still counts as a figure.
# fmt: off
NUMBER_WORDS = frozenset((
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
    "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion",
    "half", "double", "twice",
))
# fmt: on
