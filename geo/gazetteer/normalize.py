"""Place-name normalisation: two keys that make spelling variants of one name equal.

Reporters write the same place many ways: `Ar-Raqqah`, `al Raqqa`, `Raqqa`; `Izyum`,
`Izium`, `Izjum`; `Kiev`, `Kyiv`; `Mansourah`, `Mansurah`.  GeoNames lists many of those
spellings as alternate names but never all of them, so the gazetteer indexes every name
under two keys:

- `norm`: what a careful reader would call "the same spelling": case, diacritics,
  apostrophes, hyphens, dots and whitespace folded.  Native scripts are kept (after
  removing Arabic vowel marks and folding Cyrillic `ё`), so `Ізюм` and `حلب` match the
  GeoNames alternate names written in those scripts.
- `key`: `norm` with Arabic articles dropped and the common romanisation variants folded
  (`ou`/`u`, `ie`/`i`, `y`/`j`/`i`, `q`/`k`, `w`/`v`, `kh`/`h`, a final `h` after a
  vowel, doubled letters).  It is deliberately lossy: the ranker prefers candidates whose `norm`
  also agrees, and the lookup reports how a name matched.

Both functions are pure and total: any string, however odd, returns a string (maybe
empty), never raises.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["norm", "key", "key_of_words", "strip_articles", "ARTICLES"]

# Apostrophe-like characters, including the modifier letters used for ayn and hamza.
_APOSTROPHES = "'’‘`´ʹʻʼʽʾʿˈ′‛＇"
# Hyphen- and dash-like characters, plus other separators that never carry meaning in a name.
_SEPARATORS = "-‐‑‒–—―−_/.,·•()[]{}\"“”„«»:;!?*+|~"
_DELETE = {ord(c): None for c in _APOSTROPHES}
_TO_SPACE = {ord(c): " " for c in _SEPARATORS}
# Letters that NFKD does not decompose into a base letter plus a mark.
_LATIN_EXTRA = {
    "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "ı": "i", "ħ": "h",
    "þ": "th", "ŀ": "l", "ŧ": "t", "ß": "ss", "ɨ": "i", "ə": "e",
}
_CYRILLIC = {"ё": "е", "й": "и", "ї": "і", "ў": "у"}
_TABLE = {**_DELETE, **_TO_SPACE, **{ord(k): v for k, v in {**_LATIN_EXTRA, **_CYRILLIC}.items()}}
_ASCII_TABLE = {**_DELETE, **_TO_SPACE, **{c: None for c in (*range(32), 127)}}

# Arabic definite-article spellings in romanised names (al-, el-, the sun-letter
# assimilations ar-, as-, ash-, ad-, an-, at-, az-, and the Levantine ez-, es-, ed-...).
ARTICLES = frozenset(
    "al el il ul ar er as es ash esh ad ed adh an en at et ath az ez".split()
)
_ARABIC_ARTICLE = "ال"

_WS = re.compile(r"\s+")
_DOUBLE = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h\b")


@lru_cache(maxsize=65536)
def norm(name: str) -> str:
    """Fold case, diacritics, apostrophes, hyphens and spacing; keep the script."""
    if not name:
        return ""
    if name.isascii():  # the common case, without the Unicode round trips (same result)
        s = name.lower().translate(_ASCII_TABLE)
        # (the table deletes every ASCII space but " ": only runs of it are left to join)
        return (_WS.sub(" ", s) if "  " in s else s).strip()
    s = unicodedata.normalize("NFKC", name).casefold()
    s = unicodedata.normalize("NFKD", s)
    # Drop combining marks (Latin diacritics, Arabic harakat, Hebrew points) and
    # control/format characters such as tatweel-like joiners and zero-width spaces.
    s = "".join(
        ch for ch in s
        if unicodedata.category(ch) not in ("Mn", "Me", "Cf", "Cc") and ch != "\u0640"
    )
    s = s.translate(_TABLE)
    return _WS.sub(" ", s).strip()


@lru_cache(maxsize=65536)
def strip_articles(normed: str) -> str:
    """Drop Arabic article tokens (`al`, `ar`, `ez`, Arabic-script `ال`) before other words.

    A name made of an article alone (or an article as its last word) keeps it, so `Al`
    the Norwegian village is not reduced to nothing.
    """
    tokens = normed.split(" ")
    out: list[str] = []
    for i, tok in enumerate(tokens):
        if tok in ARTICLES and i + 1 < len(tokens):
            continue
        if (tok.startswith(_ARABIC_ARTICLE) and len(tok) > 3) or (i and _FUSED.match(tok)):
            tok = tok[2:]  # `الرقة`; `Ezzor` after `Deir`
        out.append(tok)
    return " ".join(out)


# An Arabic article fused with the name it assimilates to, after the first word:
# `Deir Ezzor` is `Deir ez-Zor`, `Tal Abyad`... `Ain Arrus` is `Ain ar-Rus`.
_FUSED = re.compile(r"[ae]([tdrzsn])\1[^\W\d_]{2,}$")


def _fold_latin(s: str) -> str:
    # Plain replacements, and each regex only where it can match: a word's key is
    # folded once, but a first pass over a corpus meets tens of thousands of new words
    # (half the time of `translate` and of a `sub` whose replacement template is
    # expanded in Python; `q`, `w`, `y`, `j` become letters that are not replaced after).
    s = s.replace("ou", "u").replace("oo", "u").replace("ee", "i").replace("ie", "i")
    s = s.replace("ck", "k").replace("ph", "f").replace("kh", "h")
    s = s.replace("q", "k").replace("w", "v").replace("y", "i").replace("j", "i")
    if "h" in s:
        s = _FINAL_H.sub("", s)
    if _DOUBLE.search(s) is not None:
        s = _DOUBLE.sub(r"\1", s)
    return s


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """The lookup key: `norm`, without articles, with romanisation variants folded."""
    s = strip_articles(norm(name))
    if s.isascii():
        s = _fold_latin(s)
    else:
        # Mixed or native script: fold only the ASCII words, keep the rest as written.
        s = " ".join(_fold_latin(t) if t.isascii() else t for t in s.split(" "))
    return s.replace(" ", "")


_SOFT = re.compile(r"[aeiouywhv]")  # (the key writes w as v)


def romanised_alike(a: str, b: str) -> bool:
    """One name in two romanisations ("Deir ez-Zor", "Dayr az Zawr"): the same key, or
    the same letters once vowels and the soft letters w, y and h are dropped (looser than
    `key`: for a name the text already ties to the other, never to look one up)."""
    ka, kb = key(a), key(b)
    return ka == kb or bool(ka) and ka[:1] == kb[:1] \
        and _SOFT.sub("", ka[1:]) == _SOFT.sub("", kb[1:])


@lru_cache(maxsize=65536)
def _word_key(word: str) -> str:
    return _fold_latin(word)


def key_of_words(words: list[str] | tuple[str, ...]) -> str:
    """`key(" ".join(words))` for ASCII `words` that `norm` already produced.

    Recognition looks up every sub-span of every capitalised run; composing their keys
    from the words' keys saves normalising the same words again for each span.
    (For ASCII text every step of `key` works word by word: the letter folds never
    cross a space, and articles drop unless last.)
    """
    last = len(words) - 1
    return "".join(_word_key(w[2:] if i and _FUSED.match(w) else w)
                   for i, w in enumerate(words) if i == last or w not in ARTICLES)
