"""The speed-ups of dates, counts and taxonomy matching find exactly what the plain
ways (kept here as references) find: property tests over texts drawn from the words they
look for, in every case, with the characters case-insensitive matching treats specially."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.incidents import counts, dates, taxonomy
from geo.incidents.taxonomy import TypeMatch, load_taxonomy

SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"
TRAPS = "\u0130\u0131\u017f\u212a"  # İ ı ſ K


def _seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def _cased(word: str, how: int) -> str:
    return [word, word.upper(), word.title(), word.swapcase()][how % 4]


def test_case_traps_are_every_non_ascii_character_matching_an_ascii_letter():
    letter = re.compile(r"(?i)[a-z]")
    found = {chr(c) for c in range(0x80, 0x110000) if letter.fullmatch(chr(c))}
    assert found == set(TRAPS)
    assert dates._CASE_TRAPS.pattern == taxonomy._CASE_TRAPS.pattern
    assert set(dates._CASE_TRAPS.pattern.strip("[]")) == set(TRAPS)
    # and lower-casing makes ASCII of nothing else
    assert {chr(c) for c in range(0x80, 0x110000)
            if any(ch.isascii() for ch in chr(c).lower())} <= set(TRAPS)


# --- dates: anchors -------------------------------------------------------------------

_ANCHOR_WORDS = ["week", "weeks", "Month", "YEAR", "decade", "ago", "yesterday", "today",
                 "tonight", "night", "overnight", "fortnight", "morning", "afternoon",
                 "evening", "1999", "2016", "20021", "12003", "March", "Mar", "SEP", "Kelvin",
                 "agO", "toNIGHT"]
_pieces = st.lists(st.sampled_from(_ANCHOR_WORDS) | st.text(max_size=12)
                   | st.sampled_from(list(TRAPS) + ["ß", "İstanbul", "x"]), max_size=30)
_seps = st.sampled_from(["", " ", "-", "1", "a", "\n", "ğ"])


@given(_pieces, st.lists(_seps, min_size=30, max_size=30), st.integers(0, 3))
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_anchor_spans_equal_the_regex_spans(pieces, seps, how):
    text = "".join(_cased(p, how) + s for p, s in zip(pieces, seps, strict=False))
    old_year = re.compile(r"(?<!\d)(?:1\d{3}|20\d{2})(?!\d)")
    old_month_or_year = re.compile(rf"{dates._MONTH3}|(?<!\d)(?:1\d{{3}}|20\d{{2}})(?!\d)")
    assert dates._anchor_spans(dates._A_YEAR, text) == [m.span() for m in old_year.finditer(text)]
    assert dates._anchor_spans(dates._A_MONTH_OR_YEAR, text) == \
        [m.span() for m in old_month_or_year.finditer(text)]
    for anchor in dates._ANCHORS.values():
        if isinstance(anchor, dates._Words):
            assert dates._word_spans(anchor, text) == \
                [m.span() for m in anchor.pattern.finditer(text)]


def _scan_both(text: str) -> None:
    for pattern in [p for p, _ in dates._MATCHERS] + [p for _, p in dates._CUES]:
        fast = dates._fast(pattern)
        for lo, hi in [(0, len(text)), (len(text) // 3, len(text) - len(text) // 4)]:
            assert [(m.span(), m.groupdict()) for m in fast.finditer(text, lo, hi)] == \
                [(m.span(), m.groupdict()) for m in pattern.finditer(text, lo, hi)]


def test_first_character_lookahead_finds_the_same_matches_on_the_seeds():
    for text in _seed_texts():
        _scan_both(text)


_DATE_PIECES = ["the night of", "between", "from", "12", "3rd", "31", "to", "and", "-", "–",
                "March", "SEPT.", "Sep", "2016", "1999", "'90s", "1990s", "early", "mid-",
                "the end of", "last", "this", "next", "week", "year", "Monday", "Tues.",
                "ago", "a few", "several", "yesterday", "tonight", "2015-03-04", "12/3/2016",
                "in", "since", "summer", "of", "(", ")", ",", "per cent", "%", "İ", "ı",
                "exhumed", "dug up", "found", "said", "according", "killed", "air strikes",
                "disposed of", "dated", "buried", "shelling"]


@given(st.lists(st.sampled_from(_DATE_PIECES) | st.text(max_size=6), max_size=25),
       st.lists(st.sampled_from([" ", "", ", ", "\n"]), min_size=25, max_size=25),
       st.integers(0, 3))
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_first_character_lookahead_finds_the_same_matches(pieces, seps, how):
    _scan_both("".join(_cased(p, how) + s for p, s in zip(pieces, seps, strict=False)))


def test_weekdays_are_the_days_dateparser_gives():
    base = date(2016, 12, 20)
    for k in range(0, 40, 3):
        ref = base + timedelta(days=k * 37)
        for wd, day in enumerate(dates._FULL_DAYS):
            name = day.lower()
            back = (ref.weekday() - wd) % 7 or 7
            for phrase in (name, f"last {name}"):
                hit = dates._dp(phrase, ref)
                assert hit is not None and hit[0] == ref - timedelta(days=back), (phrase, ref)


# --- taxonomy -------------------------------------------------------------------------

def _find_types_reference(text: str, tax, *, weak: bool = False) -> list[TypeMatch]:
    """find_types as it was: every word start that begins like a trigger, by one regex."""
    if not text:
        return []
    spec = tuple((tuple(t.triggers), tuple(t.weak) if weak else (), tuple(t.exclude))
                 for t in tax.types)
    index = taxonomy._index(spec)
    short = sorted({len(k) for k in index if len(k) < 3})
    keys = sorted((k for k, entries in index.items()
                   if k and any(not e.exclude for e in entries)), key=len, reverse=True)
    starts = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in keys) + ")",
                        re.IGNORECASE)
    hits = []
    for start in starts.finditer(text):
        word = taxonomy._WORD.match(text, start.start())
        low = word.group().lower()
        for key in dict.fromkeys([low[:3], *(low[:n] for n in short if len(low) > n)]):
            for entry in index.get(key, ()):
                if entry.exclude:
                    continue
                m = entry.pattern.match(text, word.start())
                if m:
                    hits.append((m.start(), m.end(), entry))
    ex_starts, ex_by_key = taxonomy._excludes(spec)
    windows: list[list[int]] = []
    for s, e, _entry in sorted(hits, key=lambda h: h[0]):
        lo, hi = max(0, s - 200), min(len(text), e + 200)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    excluded = []
    if ex_starts is not None:
        for lo, hi in windows:
            for s in ex_starts.finditer(text, lo, hi):
                w = taxonomy._WORD.match(text, s.start())
                wl = w.group().lower()
                for key in dict.fromkeys([wl[:3], *(wl[:n] for n in short if len(wl) > n)]):
                    for entry in ex_by_key.get(key, ()):
                        m = entry.pattern.match(text, w.start())
                        if m:
                            excluded.append((m.start(), m.end(), entry.rank))
    found = []
    for rank, itype in enumerate(tax.types):
        blocked = [(s, e) for s, e, r in excluded if r == rank]
        mine = sorted(((s, e, entry) for s, e, entry in hits if entry.rank == rank),
                      key=lambda h: (h[0], -h[1]))
        last_end = -1
        for start, end, entry in mine:
            if start < last_end or any(s < end and start < e for s, e in blocked):
                continue
            last_end = end
            found.append((start, rank, end, TypeMatch(
                type_id=itype.id, start=start, end=end, trigger=entry.phrase,
                weak=entry.weak)))
    found.sort(key=lambda item: item[:3])
    return [item[3] for item in found]


@pytest.fixture(scope="module")
def tax():
    return load_taxonomy()


def _trigger_words(tax) -> list[str]:
    out = set()
    for t in tax.types:
        for phrase in (*t.triggers, *t.weak, *t.exclude):
            p = phrase.removesuffix("*")
            out |= {p, p + "s", p + "ed", p[:-1], p.split()[0], p.replace(" ", "-")}
    return sorted(out)


def test_find_types_equals_the_reference_on_the_seeds(tax):
    for text in _seed_texts():
        for weak in (False, True):
            assert taxonomy.find_types(text, tax, weak=weak) == \
                _find_types_reference(text, tax, weak=weak)


@given(st.data())
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_find_types_equals_the_reference(tax, data):
    words = _trigger_words(tax)
    pieces = data.draw(st.lists(st.sampled_from(words) | st.sampled_from(
        ["for", "of", "is", "mine", "massive", "kil", "kİlled", "kıll", "ſhelling", "Killed",
         "killıng", "shellıng", "kılled", "masſ grave", "explosıon", "airſtrike",
         "’s", "'", "-", "İ"]) | st.text(max_size=5), max_size=30))
    seps = data.draw(st.lists(st.sampled_from([" ", "", "-", "\n", ", ", "’"]),
                              min_size=30, max_size=30))
    how = data.draw(st.integers(0, 3))
    text = "".join(_cased(p, how) + s for p, s in zip(pieces, seps, strict=False))
    for weak in (False, True):
        assert taxonomy.find_types(text, tax, weak=weak) == \
            _find_types_reference(text, tax, weak=weak)


def test_find_types_equals_the_reference_with_odd_triggers(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text('[odd]\nlabel = "Odd"\ntriggers = ["o\'clock raid", "9/11 attack", '
                    '"x", "ab*", "şehir bomb", "al-qaeda attack"]\nweak = ["of"]\n'
                    'exclude = ["x ray"]\n', encoding="utf-8")
    odd = load_taxonomy(path)
    text = ("O'clock raid at 9/11 attack; X ray x; abba AB; Şehir bomb şehir BOMB; "
            "Al-Qaeda attack AL QAEDA ATTACK of OF İ ı")
    for weak in (False, True):
        assert taxonomy.find_types(text, odd, weak=weak) == \
            _find_types_reference(text, odd, weak=weak)


# --- counts ---------------------------------------------------------------------------

def _qualifier_reference(toks, i, floor):
    for words, kind in counts._QUALIFIERS:
        k = len(words)
        if i - k >= floor and tuple(t.low for t in toks[i - k:i]) == words:
            return i - k, kind
    return i, None


def _vague_reference(toks, i):
    for words, values in counts._VAGUE:
        if tuple(t.low for t in toks[i:i + len(words)]) == words:
            return words, values
    return None


_COUNT_WORDS = sorted({w for words, _ in counts._QUALIFIERS for w in words}
                      | {w for words, _ in counts._VAGUE for w in words}
                      | {"12", "1,200", "people", "half", "dozen", "-"})


@given(st.lists(st.sampled_from(_COUNT_WORDS), max_size=12), st.integers(0, 3))
@settings(max_examples=300)
def test_indexed_phrase_lists_equal_the_plain_lists(words, how):
    text = " ".join(_cased(w, how) for w in words)
    toks = counts._tokens(text)
    assert [(t.text, t.kind) for t in toks] == [
        (m.group(), "num" if m.group(1) else "word" if m.group(2) else "punct")
        for m in counts._TOKEN.finditer(text)]
    for i in range(len(toks) + 1):
        for floor in range(i + 1):
            assert counts._qualifier_before(toks, i, floor) == _qualifier_reference(toks, i, floor)
        vague = _vague_reference(toks, i) if i < len(toks) else None
        core = counts._core(toks, i) if i < len(toks) else None
        if vague is not None and core is not None:
            assert core.vague == " ".join(vague[0])


_BOILER_PIECES = ["©", "(c) 2016", "(C)\n1999", "copyright", "Copyrighted", "all rights reserved",
                  "ALL RIGHTS RESERVED", "read more", "  Related", "see also", "Sign up",
                  "subscribe", "subscribers", "text", " ", "\n", "ſubscribe", "İ", "ı"]


@given(st.lists(st.sampled_from(_BOILER_PIECES) | st.text(max_size=4), max_size=12))
@settings(max_examples=300)
def test_boilerplate_lines_as_the_one_regex_says(pieces):
    line = "".join(pieces)
    assert dates.looks_like_boilerplate(line) == bool(dates._BOILERPLATE.search(line))
