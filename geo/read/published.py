"""Publication dates: what people write for them, as ISO partial dates, and the days such
a date can mean."""

from __future__ import annotations

import calendar
import re
from datetime import date

__all__ = [
    "published_range",
    "normalize_published",
]


def published_range(published: str) -> tuple[date, date]:
    """First and last day a partial ISO date can mean, for filtering by date range."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", published or "")
    if not m:
        raise ValueError(f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {published!r}")
    year = int(m[1])
    if year < 1:
        raise ValueError(f"year out of range: {published!r}")
    if m[3]:
        day = date(year, int(m[2]), int(m[3]))
        return day, day
    if m[2]:
        month = int(m[2])
        if not 1 <= month <= 12:
            raise ValueError(f"month out of range: {published!r}")
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 1, 1), date(year, 12, 31)


_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_WEEKDAY = re.compile(
    r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s+"
)
# A clock time and zone after a date ("T10:00:00Z", " 10:00 GMT", ", at 9.30 am"); only
# checked loosely since we keep the date part alone.
_TIME = r"(?:(?:[t\s]|,\s*)(?:at\s+)?\d{1,2}[:.]\d{2}(?:\S|\s)*)?"
_ISO = re.compile(r"(\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2}))?)?" + _TIME)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_DMY_NAME = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th)?[\s-]*(?:of\s+)?([a-z]+)\.?,?[\s-]*(\d{4})" + _TIME
)
_MDY_NAME = re.compile(r"([a-z]+)\.?[\s-]*(\d{1,2})(?:st|nd|rd|th)?,?[\s-]*(\d{4})" + _TIME)
_MY_NAME = re.compile(r"([a-z]+)\.?,?[\s-]*(\d{4})")
_NUMERIC = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})" + _TIME)


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """The ISO partial date, or None when the parts name no real day."""
    try:
        if day is not None:
            return date(year, month or 0, day).isoformat()
        if month is not None:
            return f"{date(year, month, 1):%Y-%m}"
        return f"{date(year, 1, 1):%Y}"
    except ValueError:
        return None


def normalize_published(value: str) -> str | None:
    """An ISO partial date ("2018", "2016-12", "2022-09-19") for what people write, or None.

    Timestamps keep the calendar date as written: "2022-09-19T23:30:00-05:00" is the 19th,
    the day the outlet printed, not the UTC day.  Numeric day/month orders are accepted
    only when unambiguous (19/09/2022), since 04/05/2022 is April in one country and May
    in another.  Month names are English only.
    """
    s = " ".join(str(value).split()).lower()
    if not s:
        return None
    if m := _ISO.fullmatch(s):
        year, month, day = int(m[1]), m[3], m[4]
        return _iso(year, int(month) if month else None, int(day) if day else None)
    if m := _COMPACT.fullmatch(s):
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    s = _WEEKDAY.sub("", s)
    if (m := _DMY_NAME.fullmatch(s)) and m[2] in _MONTHS:
        return _iso(int(m[3]), _MONTHS[m[2]], int(m[1]))
    if (m := _MDY_NAME.fullmatch(s)) and m[1] in _MONTHS:
        return _iso(int(m[3]), _MONTHS[m[1]], int(m[2]))
    if (m := _MY_NAME.fullmatch(s)) and m[1] in _MONTHS:
        return _iso(int(m[2]), _MONTHS[m[1]])
    if m := _NUMERIC.fullmatch(s):
        a, b, year = int(m[1]), int(m[3]), int(m[4])
        if a > 12 >= b:
            return _iso(year, b, a)
        if b > 12 >= a or a == b:
            return _iso(year, a, b)
    return None
