"""`geo.fastre.with_first` finds what the pattern it wraps finds: property tests over
texts drawn from the words the wrapped patterns look for, cased every way, with the
characters case-insensitive matching treats specially, searched whole and in slices."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.fastre import with_first
from geo.incidents import background, claims, counts, dates, sentences, sites
from geo.places import recognize, relative, resolve

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
WRAPPED = {
    "ANAPHOR": sentences.ANAPHOR,
    **{name: getattr(background, name) for name in (
        "GENERIC", "_NOT_VIOLENCE", "_EXECUTION", "_NEGATED", "_CLASH", "_CIVILIAN",
        "_SINCE_BEFORE", "COMBATANTS")},
    **{f"dates.{name}": getattr(dates, name) for name in (
        "_DAYNUM_RE", "_MONTH_RE", "_WEEKDAY_RE", "_COUNT_BEFORE")},
    "counts._ONE_BEFORE": counts._ONE_BEFORE, "counts._ONE_AFTER": counts._ONE_AFTER,
    "counts._ONE_AROUND": counts._ONE_AROUND,
    "recognize._PLACE_VERB": recognize._PLACE_VERB,
    "recognize._POSSESSOR": recognize._POSSESSOR, "recognize._EVENT_IN": recognize._EVENT_IN,
    "relative._DIRECTION": relative._DIRECTION, "relative._NEAR": relative._NEAR,
    "relative._SIDE": relative._SIDE, "resolve._LIST_BEFORE": resolve._LIST_BEFORE,
    "sites._ELSEWHERE": sites._ELSEWHERE, "sites._CUE_BEFORE": sites._CUE_BEFORE,
    "sites._DESTINATION": sites._DESTINATION,
    "claims._NUMBERISH": claims._NUMBERISH,
}


def _original(fast: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern `with_first` wrapped (its look-ahead taken off again)."""
    assert fast.pattern.startswith("(?=") and fast.pattern.endswith(")"), fast.pattern
    return re.compile(fast.pattern[fast.pattern.index(")(?:") + 4:-1], fast.flags)


_WORDS = sorted({w for p in WRAPPED.values()
                 for w in re.findall(r"[A-Za-z']{2,}", _original(p).pattern)})
_pieces = st.lists(st.sampled_from(_WORDS) | st.text(max_size=6)
                   | st.sampled_from(["\u0130", "\u0131", "\u017f", "\u212a", "ß", "’s",
                                      "1999", "since the war", ".", ",", "\n", "3rd", "12",
                                      "Raqqa's ", "Al-Bab", "&", "one", "Sokoto, Kebbi and ",
                                      "troops from ", "5 km from "]),
                   max_size=25)
_seps = st.sampled_from(["", " ", "  ", "-", "'", "a", "\n", ".", "ğ"])


def _cased(word: str, how: int) -> str:
    return [word, word.upper(), word.title(), word.swapcase()][how % 4]


def _same(fast: re.Pattern[str], slow: re.Pattern[str], text: str, pos: int, end: int) -> None:
    def found(p):
        return [(m.span(), m.groups()) for m in p.finditer(text, pos, end)]

    assert found(fast) == found(slow)
    a, b = fast.search(text, pos, end), slow.search(text, pos, end)
    assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))


def test_every_wrapped_pattern_has_its_look_ahead():
    for name, fast in WRAPPED.items():
        assert fast.pattern.startswith("(?="), name


@given(_pieces, st.lists(_seps, min_size=25, max_size=25), st.integers(0, 3),
       st.integers(0, 400), st.integers(0, 400))
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_wrapped_patterns_find_what_the_originals_find(pieces, seps, how, pos, end):
    text = "".join(_cased(p, how) + s for p, s in zip(pieces, seps, strict=False))
    for fast in WRAPPED.values():
        _same(fast, _original(fast), text, min(pos, end), max(pos, end))
        _same(fast, _original(fast), text, 0, len(text))


def test_wrapped_patterns_find_what_the_originals_find_in_the_seeds():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for fast in WRAPPED.values():
            _same(fast, _original(fast), text, 0, len(text))


@given(st.sampled_from([r"\bab|cd", r"(?i:x)y|\d+", r"a*b", r"(?:foo)?bar", r"\w+", r"[^a]b",
                        r"(a)|b\1", r"", r"x?"]),
       st.text(alphabet="abcdxyABCDXY019 \u212a_-", max_size=40))
def test_with_first_keeps_any_pattern_s_matches(source, text):
    slow = re.compile(source)
    fast = with_first(slow)
    assert [(m.span(), m.groups()) for m in fast.finditer(text)] == \
        [(m.span(), m.groups()) for m in slow.finditer(text)]
