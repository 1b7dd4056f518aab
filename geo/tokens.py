"""Split article text into tokens with offsets, and mark what recognition needs to know.

Toponym recognition works on capitalised runs ("Deir ez-Zor", "United States", "U.S.")
so the tokenizer keeps abbreviations with dots and names with inner hyphens or
apostrophes as one token, and records whether a token starts a sentence or a line.
"""

from __future__ import annotations

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

_ABBREV_SET = frozenset(ABBREVIATIONS)
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"                    # U.S., U.K., U.A.E.
    r"|[^\W\d_]+(?:[’'][^\W\d_]+)*"        # words, with inner apostrophes
    r"|\d+(?:[.,:]\d+)*"                  # numbers, times
    r"|[^\w\s]",                          # punctuation, one character at a time
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


def _raw_tokens(text: str):
    """Regex tokens, with known dotted abbreviations ("Ga.", "W. Va.") merged into one."""
    raw = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    i = 0
    while i < len(raw):
        s, e = raw[i]
        if i + 1 < len(raw) and text[e:e + 1] == "." and raw[i + 1][0] == e:
            for j in (3, 1):  # "W. Va." spans word, dot, word, dot
                if i + j < len(raw) and text[s:raw[i + j][1]] in _ABBREV_SET:
                    yield s, raw[i + j][1]
                    i += j + 1
                    break
            else:
                yield s, e
                i += 1
            continue
        yield s, e
        i += 1


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    new_sentence = True
    last_end = 0
    for start, end in _raw_tokens(text):
        t = text[start:end]
        gap = text[last_end:start]
        line_start = not tokens or "\n" in gap
        if "\n" in gap:
            new_sentence = True
        c = t[0]
        tok = Token(t, start, end, sentence_start=new_sentence, line_start=line_start,
                    is_name=c.isalpha() and (c.isupper() or c.istitle()))
        tokens.append(tok)
        if t in _SENTENCE_END:
            new_sentence = True
        elif t not in _QUOTES:
            new_sentence = False
        last_end = end
    return tokens


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The sentence around offset `pos` (for quoting and for context windows)."""
    start = pos
    while start > 0:
        ch = text[start - 1]
        if ch == "\n" or (ch in ".!?" and start < len(text) and text[start].isspace()):
            break
        start -= 1
    end = pos
    while end < len(text):
        ch = text[end]
        if ch == "\n":
            break
        end += 1
        if ch in ".!?" and (end >= len(text) or text[end].isspace()):
            break
    while start < end and text[start].isspace():
        start += 1
    return start, end
