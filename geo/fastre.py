"""Regexes that find the same matches sooner: a look-ahead for the characters a match can
begin with, worked out from the pattern itself.

Python's regex engine skips ahead quickly only when a pattern starts with a literal or a
character class; one that starts with `\\b` or an alternation of words (`\\b(?:clash\\w*|
protest\\w*|...)`) is tried in full at every position of the text.  A look-ahead for the
possible first characters turns most positions away at once (the searches of the
background and anaphor patterns run about twice as fast), and finds the same matches:
it consumes nothing, captures nothing, and every match begins with one of those
characters.  A pattern that may match nothing, or begin with any character, is left as
it is.
"""

from __future__ import annotations

import re
import re._constants as _sre
import re._parser as _parser

_CATEGORIES = {
    _sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_NOT_DIGIT: r"\D",
    _sre.CATEGORY_SPACE: r"\s", _sre.CATEGORY_NOT_SPACE: r"\S",
    _sre.CATEGORY_WORD: r"\w", _sre.CATEGORY_NOT_WORD: r"\W",
}


class _NoFirst(Exception):
    """The pattern can begin with any character, or with nothing."""


def _class_items(op, av) -> list[str]:
    """A consuming item's characters as character-class source."""
    if op is _sre.LITERAL:
        return [re.escape(chr(av))]
    if op is _sre.IN:
        out = []
        for iop, iav in av:
            if iop is _sre.LITERAL:
                out.append(re.escape(chr(iav)))
            elif iop is _sre.RANGE:
                out.append(f"{re.escape(chr(iav[0]))}-{re.escape(chr(iav[1]))}")
            elif iop is _sre.CATEGORY and iav in _CATEGORIES:
                out.append(_CATEGORIES[iav])
            else:  # a negated class, or something unusual: give up
                raise _NoFirst
        return out
    raise _NoFirst


def _first(items, icase: bool, sens: set[str], insens: set[str]) -> bool:
    """Add the characters a match of this sequence can begin with to `sens` (matched as
    written) or `insens` (ignoring case); return whether it can match nothing."""
    for op, av in items:
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue  # consume nothing
        if op is _sre.SUBPATTERN:
            _group, add, remove, sub = av
            on = (icase or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
            if not _first(sub, on, sens, insens):
                return False
        elif op is _sre.BRANCH:
            empty = False
            for alt in av[1]:
                empty |= _first(alt, icase, sens, insens)
            if not empty:
                return False
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            lo, _hi, sub = av
            if not _first(sub, icase, sens, insens) and lo > 0:
                return False
        elif op is _sre.ATOMIC_GROUP:
            if not _first(av, icase, sens, insens):
                return False
        else:
            (insens if icase else sens).update(_class_items(op, av))
            return False
    return True


def with_first(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` behind a look-ahead for the characters its matches begin with (itself
    when they cannot be told)."""
    sens: set[str] = set()
    insens: set[str] = set()
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        if _first(parsed, bool(parsed.state.flags & re.IGNORECASE), sens, insens):
            return pattern  # may match nothing
    except _NoFirst:
        return pattern
    alts = []
    if sens:
        alts.append("[" + "".join(sorted(sens)) + "]")
    if insens:
        alts.append("(?i:[" + "".join(sorted(insens)) + "])")
    return re.compile(f"(?={'|'.join(alts)})(?:{pattern.pattern})", pattern.flags)
