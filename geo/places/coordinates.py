"""Find coordinates written out in news and OSINT text.

Reports often give a position as numbers rather than a place name ("the strike hit
36.2021° N, 37.1343° E"); those are the most precise locations an article can carry,
so the geoparser should take them before trying any gazetteer lookup.

The finding is done with a handful of regular expressions, one per written form,
and every hit is then checked in plain Python (ranges, minutes and seconds < 60,
hemisphere letters on the right axis). A hit that fails the checks is dropped and the
search resumes one character later, so a bad candidate never hides a good one that
overlaps it. Where forms overlap, the earliest and then the longest hit wins.

A pair of bare decimals is the riskiest form (prices, scores, statistics), so it only
counts with a comma between the numbers and at least three decimals on each.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["CoordinateMention", "find_coordinates"]


@dataclass(frozen=True, slots=True)
class CoordinateMention:
    """One written coordinate pair; `text == source[start:end]`."""

    start: int
    end: int
    text: str
    lat: float
    lon: float
    format: str  # "decimal", "dm" or "dms"


# --- building blocks -------------------------------------------------------------------

_SP = r"[^\S\r\n]*"  # spaces inside one coordinate never cross a line break
_SIGN = r"[-+\u2212]"  # ASCII minus/plus and the typographic minus sign
_DEG = r"[°º˚]"  # degree sign, masculine ordinal and ring above: all seen in the wild
_MIN = r"['′’ʹ‘]"  # apostrophe, prime and the curly quotes word processors substitute
_SEC = r"(?:''|′′|’’|[\"″”“ʺ])"
_HEMI = r"(?:N(?:orth)?|S(?:outh)?|E(?:ast)?|W(?:est)?)(?![A-Za-z])"
_LAT_WORD = r"(?i:lat(?:itude)?)"
_LON_WORD = r"(?i:lon(?:g(?:itude)?)?|lng)"
_SEP = r"\s*[,;/]?\s*"
_NUMBER_END = r"(?!\.?\d)"  # never stop in the middle of a number


def _angle(p: str, *, need_degree: bool = False) -> str:
    """One unsigned angle as decimal degrees, degrees-minutes or degrees-minutes-seconds.

    Minutes need a degree sign before them, so that "36 12' N" style prose (feet and
    inches, film titles) is not read as an angle.
    """
    minutes = (
        rf"(?:{_SP}(?P<{p}min>\d{{1,2}}(?:\.\d+)?){_SP}{_MIN}"
        rf"(?:{_SP}(?P<{p}sec>\d{{1,2}}(?:\.\d+)?){_SP}{_SEC})?)?"
    )
    degree = rf"{_SP}(?P<{p}dsym>{_DEG}){minutes}"
    tail = degree if need_degree else rf"(?:{degree}|{_NUMBER_END})"
    return rf"(?P<{p}sign>{_SIGN})?(?P<{p}deg>\d{{1,3}}(?:\.\d+)?){tail}"


# never start inside a word or a number, nor just after a sign or a dash the regex skipped
_START = r"(?<![\w.+\-\u2212\u2013])"

# 36.2021° N, 37.1343° E   36°12′07″N 37°08′03″E   (either axis first)
_SUFFIX = re.compile(
    rf"{_START}{_angle('a_')}{_SP}(?P<a_hemi>{_HEMI}){_SEP}"
    rf"{_angle('b_')}{_SP}(?P<b_hemi>{_HEMI})"
)
# N 36.2021, E 37.1343
_PREFIX = re.compile(
    rf"(?<![A-Za-z])(?P<a_hemi>{_HEMI}){_SP}{_angle('a_')}{_SEP}"
    rf"(?P<b_hemi>{_HEMI}){_SP}{_angle('b_')}"
)
# -33.9249°, 18.4241°   (signs instead of hemisphere letters)
_SIGNED_DEGREES = re.compile(
    rf"{_START}{_angle('a_', need_degree=True)}{_SEP}{_angle('b_', need_degree=True)}"
    rf"(?!{_SP}{_HEMI})"
)
# lat 49.2069, lon 37.2768   latitude: 49.2069 longitude: 37.2768   (either order)
_WORDS = re.compile(
    rf"(?<![A-Za-z])(?P<a_word>{_LAT_WORD}|{_LON_WORD})\.?{_SP}[:=]?{_SP}{_angle('a_')}"
    rf"(?:{_SP}(?P<a_hemi>{_HEMI}))?{_SEP}(?i:and\s+)?"
    rf"(?P<b_word>{_LAT_WORD}|{_LON_WORD})\.?{_SP}[:=]?{_SP}{_angle('b_')}"
    rf"(?:{_SP}(?P<b_hemi>{_HEMI}))?"
)
# -33.9249, 18.4241   (49.2069, 37.2768)
_BARE = re.compile(
    r"(?<![\w.+\-\u2212\u2013$€£¥])(?<!\d,)(?<!\d, )"
    rf"(?P<a_sign>{_SIGN})?(?P<a_deg>\d{{1,3}}\.\d{{3,}}),[^\S\r\n]*"
    rf"(?P<b_sign>{_SIGN})?(?P<b_deg>\d{{1,3}}\.\d{{3,}})"
    r"(?!\.?\d|\w|[°º˚'′%‰]|,\s*[-+\u2212]?\d)"
    r"(?!\s*(?i:per\s?cent|million|billion|trillion|thousand|bn|mn|km|mi|m|kg)\b)"
)

_FORMAT_RANK = {"decimal": 0, "dm": 1, "dms": 2}


# --- checking one hit ------------------------------------------------------------------

def _axis(m: re.Match[str], p: str, *, needs_mark: bool) -> tuple[float, str] | None:
    """The unsigned value and format of one angle, or None if it cannot be an angle.

    `needs_mark` rejects bare integers ("N 36, E 37"): with hemisphere letters alone
    too much ordinary text (road numbers, wattages) would qualify.
    """
    groups = m.groupdict()
    deg, minutes, seconds = groups[f"{p}deg"], groups.get(f"{p}min"), groups.get(f"{p}sec")
    has_degree = groups.get(f"{p}dsym") is not None
    if needs_mark and not has_degree and "." not in deg:
        return None
    if minutes is not None and "." in deg:
        return None  # 36.5°12' is not a coordinate
    if seconds is not None and "." in minutes:
        return None  # decimal minutes with seconds: the writer meant something else
    mi = float(minutes) if minutes is not None else 0.0
    se = float(seconds) if seconds is not None else 0.0
    if mi >= 60 or se >= 60:
        return None
    fmt = "dms" if seconds is not None else "dm" if minutes is not None else "decimal"
    return float(deg) + mi / 60 + se / 3600, fmt


def _signed(m: re.Match[str], p: str, value: float, hemi: str | None) -> float | None:
    """Apply the sign and hemisphere letter; a minus before N or E is a contradiction."""
    negative = m.group(f"{p}sign") in ("-", "\u2212")
    if hemi is not None:
        south_or_west = hemi[0] in "SW"
        if negative and not south_or_west:
            return None
        negative = south_or_west
    return -value if negative else value


def _axis_of(word: str | None, hemi: str | None) -> str | None:
    """'lat' or 'lon' as named by a lat/lon word or a hemisphere letter (word first)."""
    by_word = None
    if word is not None:
        by_word = "lat" if word.lower().startswith("lat") else "lon"
    by_hemi = None
    if hemi is not None:
        by_hemi = "lat" if hemi[0] in "NS" else "lon"
    if by_word and by_hemi and by_word != by_hemi:
        return None
    return by_word or by_hemi


def _mention(m: re.Match[str], *, needs_mark: bool, ordered: bool) -> CoordinateMention | None:
    """Check one regex hit; `ordered` means the first number is the latitude by default."""
    groups = m.groupdict()
    values: dict[str, float] = {}
    formats = []
    for p, default in (("a_", "lat"), ("b_", "lon")):
        hemi, word = groups.get(f"{p}hemi"), groups.get(f"{p}word")
        name = _axis_of(word, hemi)
        if name is None:
            if not ordered:
                return None
            name = default
        parsed = _axis(m, p, needs_mark=needs_mark)
        if parsed is None:
            return None
        value = _signed(m, p, parsed[0], hemi)
        if value is None or name in values:
            return None
        values[name] = value
        formats.append(parsed[1])
    lat, lon = values["lat"], values["lon"]
    if abs(lat) > 90 or abs(lon) > 180:
        return None
    fmt = max(formats, key=_FORMAT_RANK.__getitem__)
    return CoordinateMention(m.start(), m.end(), m.group(), lat, lon, fmt)


_Check = Callable[[re.Match[str]], CoordinateMention | None]

# Cheap necessary conditions, one per form: most articles have no coordinates, and a
# plain scan for a degree sign or "digit, hemisphere letter" is several times faster
# than trying each full pattern at every position.
_DEGREE_SIGNS = "°º˚"
_HEMI_AFTER_NUMBER = re.compile(r"\d\s*[,;/]?\s*(?:[NSEW]|North|South|East|West)(?![A-Za-z])")
_LAT_LON_NUMBER = re.compile(r"(?i:lat|lon|lng)[a-z]*\.?[^\S\r\n]*[:=]?[^\S\r\n]*[-+\u2212]?\d")
_DECIMALS = re.compile(r"\d\.\d{3}")


def _has_degree(text: str) -> bool:
    return any(c in text for c in _DEGREE_SIGNS)


_GATES: dict[str, Callable[[str], bool]] = {
    "words": lambda t: _LAT_LON_NUMBER.search(t) is not None,
    "hemisphere": lambda t: _has_degree(t) or _HEMI_AFTER_NUMBER.search(t) is not None,
    "degree": _has_degree,
    "decimals": lambda t: _DECIMALS.search(t) is not None,
}
_FORMS: list[tuple[re.Pattern[str], _Check, str]] = [
    (_WORDS, lambda m: _mention(m, needs_mark=False, ordered=False), "words"),
    (_SUFFIX, lambda m: _mention(m, needs_mark=True, ordered=False), "hemisphere"),
    (_PREFIX, lambda m: _mention(m, needs_mark=True, ordered=False), "hemisphere"),
    (_SIGNED_DEGREES, lambda m: _mention(m, needs_mark=False, ordered=True), "degree"),
    (_BARE, lambda m: _mention(m, needs_mark=False, ordered=True), "decimals"),
]


def _hits(text: str, pattern: re.Pattern[str], check: _Check) -> list[CoordinateMention]:
    """Every checked hit of one form; after a rejected hit, retry one character on."""
    found: list[CoordinateMention] = []
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        mention = check(m)
        if mention is not None:
            found.append(mention)
            pos = max(m.end(), m.start() + 1)
        else:
            pos = m.start() + 1
    return found


def find_coordinates(text: str) -> list[CoordinateMention]:
    """All written coordinate pairs in `text`, in order, none overlapping."""
    gates = {name: gate(text) for name, gate in _GATES.items()}  # each scan done once
    candidates = [c for pattern, check, gate in _FORMS if gates[gate]
                  for c in _hits(text, pattern, check)]
    candidates.sort(key=lambda c: (c.start, -(c.end - c.start)))
    chosen: list[CoordinateMention] = []
    for c in candidates:
        if not chosen or c.start >= chosen[-1].end:
            chosen.append(c)
    return chosen
