"""Numbers written as words, for every step that reads them: tolls ("forty-one killed"),
dates ("the fifth day") and distances ("twenty kilometres north of").  One vocabulary,
so the steps read the same words the same way."""

from __future__ import annotations

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}
TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}


def spelled_number(word: str) -> int | None:
    """A number written as one word, up to ninety-nine: "fifteen", "twenty-five"."""
    w = word.lower()
    if w in UNITS or w in TEENS or w in TENS:
        return UNITS.get(w) or TEENS.get(w) or TENS[w]
    tens, _, unit = w.partition("-")
    return TENS[tens] + UNITS[unit] if tens in TENS and unit in UNITS else None
