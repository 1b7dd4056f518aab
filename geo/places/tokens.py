"""Split article text into tokens with offsets, and mark what recognition needs to know.

Toponym recognition works on capitalised runs ("Deir ez-Zor", "United States", "U.S.")
so the tokenizer keeps abbreviations with dots and names with inner hyphens or
apostrophes as one token, and records whether a token starts a sentence or a line.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# Dotted abbreviations that stay one token, so their dot does not end a sentence and
# place abbreviations ("Ga.", "W.Va.") can be looked up whole.
ABBREVIATIONS = (
    "W. Va.", "W.Va.", "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.",
    "Ga.", "Ill.", "Ind.", "Kan.", "Kans.", "Ky.", "La.", "Md.", "Mass.", "Mich.", "Minn.",
    "Miss.", "Mo.", "Mont.", "Neb.", "Nebr.", "Nev.", "Okla.", "Ore.", "Pa.", "Tenn.",
    "Tex.", "Vt.", "Va.", "Wash.", "Wis.", "Wisc.", "Wyo.", "Ont.", "Mt.", "St.", "Ft.",
    "Mr.", "Mrs.", "Ms.", "Dr.", "Gen.", "Sen.", "Gov.", "Rep.", "Sgt.", "Lt.", "Col.",
    "Capt.", "Jr.", "Sr.", "Prof.", "Rev.", "Co.", "Inc.", "Corp.", "Ltd.",
)

# Abbreviations come first in the alternation, so "Ga." and "W. Va." are one token; the
# lookahead spares the ordinary words from trying each abbreviation.  Line breaks are
# matched too (and dropped) so that sentence and line starts need no look at the gaps.
# No token starts with a space other than a line break: the first lookahead turns each
# space between words away at once, not after trying every alternative (a fifth of
# the regex's time).
_TOKEN = re.compile(
    r"(?=\S|\n)(?:(?=[A-Z][a-z]{0,4}\.)(?:"
    + "|".join(re.escape(a) for a in sorted(ABBREVIATIONS, key=len, reverse=True))
    + r")|(?:[A-Z]\.){2,}"                # U.S., U.K., U.A.E.
    r"|[^\W\d_]+(?:[’'‘][^\W\d_]+)*"      # words, with inner apostrophes (‘ for ayn)
    r"|\d+(?:[.,:]\d+)*"                  # numbers, times
    r"|[^\w\s]"                           # punctuation, one character at a time
    r"|\n)",
)
_SENTENCE_END = frozenset(".!?")
_QUOTES = frozenset("\"'“”‘’«»()[]")


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int
    sentence_start: bool = False
    line_start: bool = False
    is_name: bool = False  # a capitalised word: what toponym runs are made of

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalpha()

    @property
    def is_cap(self) -> bool:
        """Starts with a capital letter (names), or is an initialism like U.S."""
        c = self.text[:1]
        return c.isupper() or c.istitle()

    @property
    def is_upper(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)


def tokenize(text: str) -> list[Token]:
    """Every token of `text` with its offsets; one regex pass, one object per token."""
    tokens: list[Token] = []
    append = tokens.append
    new_sentence = line_start = True
    for m in _TOKEN.finditer(text):
        t = m.group()
        if t == "\n":
            new_sentence = line_start = True
            continue
        c = t[0]
        start, end = m.span()
        append(Token(t, start, end, new_sentence, line_start,
                     c.isalpha() and (c.isupper() or c.istitle())))
        line_start = False
        if t in _SENTENCE_END:
            new_sentence = True
        elif t not in _QUOTES:
            new_sentence = False
    return tokens


# Sentence ends: ".", "!" or "?" before a space (`\s` is `str.isspace`), or the text's end.
# A full stop ends no sentence after an abbreviation or an initial ("Sept. 2", "Gen. Ali",
# "U.S. forces", "J. Smith"), nor before a word in lower case on its line ("2 p.m. local
# time").
_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
                  "Nov", "Dec", "Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Maj", "Capt",
                  "Sgt", "Cpl", "Pvt", "Brig", "Adm", "Gov", "Sen", "Rep", "Rev", "Prof",
                  "St", "Mt", "Ft", "Jr", "Sr", "No", "Nos", "vs", "approx")
# (the look-behinds read back from after the full stop: they run only where one is)
_NOT_AFTER = "".join(rf"(?<!\b{a}\.)" for a in _ABBREVIATIONS) + r"(?<!\b[A-Z]\.)"
_STOP = re.compile(r"[!?](?=\s)|\." + _NOT_AFTER + r"(?=\s)(?![^\S\n]+[a-z])")
_STOP_OR_END = re.compile(r"[!?](?:(?=\s)|\Z)|\." + _NOT_AFTER
                          + r"(?:(?=\s)(?![^\S\n]+[a-z])|\Z)")
_SPACES = re.compile(r"\s*")


def sentence_stops(text: str) -> list[int]:
    """The offsets of `text`'s sentence stops ("." "!" or "?" before a space), in order:
    for a caller that asks `sentence_bounds` about many offsets of one text."""
    return [m.start() for m in _STOP.finditer(text)]


def sentence_bounds(text: str, pos: int, stops: list[int] | None = None) -> tuple[int, int]:
    """The sentence around offset `pos` (for quoting and for context windows): the text
    between the line breaks and the sentence ends on either side, leading spaces left out.
    Found with `str.find` and regexes, not a loop over characters: dates, counts and
    trigger words ask for it many times a document.  `stops`: `sentence_stops(text)`,
    when the caller has it (the sentence's start is then found by bisection, where a
    scan from the line's start would read a long paragraph again for each sentence)."""
    start = text.rfind("\n", 0, pos) + 1
    if stops is not None:
        # The last stop before `pos` on its line: a stop at j counts when the space after
        # it is at `pos` or before, as the scan below reads it (no look-behind, one
        # character a match: the text's matches are the line's).
        k = bisect.bisect_left(stops, pos) - 1
        if k >= 0 and stops[k] >= start:
            start = stops[k] + 1
    else:
        for m in _STOP.finditer(text, start):  # a stop right before `pos` counts
            if m.start() >= pos:  # (no end bound: the look-ahead reads past `pos`)
                break
            start = m.end()
    line_end = text.find("\n", pos)
    if line_end < 0:
        line_end = len(text)
    stop = _STOP_OR_END.search(text, pos, line_end + 1)
    end = min(line_end, stop.end()) if stop else line_end
    if start < end:
        start = _SPACES.match(text, start, end).end()
    return start, end
