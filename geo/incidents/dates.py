"""Dates in news text: what day (or range of days) a phrase can mean, and what it is a date of.

For mass graves the killing, the discovery, the exhumation and the report are different
dates, often in one article, and most of them are written relative to a publication date
we only partly know ("last Thursday" in an article from "2016-12").  So every mention
becomes a range of possible days (`date_start`..`date_end`, UCDP style), never a single
guessed day, and relative phrases are resolved against both ends of the publication range
and widened to cover everything in between.

How the text is read: a set of regular expressions finds candidate phrases (fast, and
strict about what counts as a date: bare numbers, "may" the verb, "Jan" the first name
and "eight years" are never candidates).  Relative phrases that dateparser resolves well
(weekdays, "three days ago", "yesterday", "24 February" and "April" without a year) go to
`DateDataParser.get_date_data`, whose answer is checked against what the phrase says;
everything dateparser gets wrong or returns nothing for ("mid-March", "earlier this
month", "the night of 14 to 15 September", "the 1990s", "between X and Y", "since X")
is computed here.  `dateparser.search.search_dates` is not used: it takes 30-150 ms on a
3,000-character article and returns counts and verbs as dates.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Literal, NamedTuple

from pydantic import BaseModel, Field

from geo.fastre import with_first as _with_first
from geo.numbers import spelled_number
from geo.places.tokens import sentence_bounds

__all__ = [
    "DateKind",
    "DateMention",
    "DatePrecision",
    "date_kind",
    "estimate_published",
    "find_dates",
    "looks_like_boilerplate",
    "weekday_years",
]

DatePrecision = Literal["day", "days", "week", "month", "year", "unknown"]
DateKind = Literal["event", "discovery", "exhumation", "report"]


class DateMention(BaseModel):
    """One date phrase in a document, as the range of days it can mean."""

    start: int = Field(description="offset of the phrase in the document text (code points)")
    end: int
    text: str = Field(description="text[start:end]")
    date_start: date = Field(description="earliest possible day")
    date_end: date = Field(description="latest possible day")
    precision: DatePrecision
    kind: DateKind = Field(description="what the date is of, from the sentence's verbs")
    relative: bool = Field(description="resolved against the publication date")


# ---------------------------------------------------------------------------------------
# Precision

_ORDER: dict[str, int] = {p: i for i, p in enumerate(("day", "days", "week", "month", "year",
                                                      "unknown"))}
_Range = tuple[date, date, str]


def _width_precision(start: date, end: date) -> str:
    """The finest precision whose unit bounds the range (UCDP `date_prec` style)."""
    n = (end - start).days + 1
    if n <= 1:
        return "day"
    if n <= 6:
        return "days"
    if n <= 7:
        return "week"
    if n <= 31 or (start.year, start.month) == (end.year, end.month):
        return "month"
    return "year"


def _coarsest(*precisions: str) -> str:
    return max(precisions, key=_ORDER.__getitem__)


def _union(a: _Range, b: _Range) -> _Range:
    """Both resolutions of a relative phrase, as one range.

    Equal answers keep the phrase's own precision ("mid-March" stays "days"); different
    ones get at least the precision that the widened range deserves.
    """
    if a == b:
        return a
    start, end = min(a[0], b[0]), max(a[1], b[1])
    return start, end, _coarsest(a[2], b[2], _width_precision(start, end))


# ---------------------------------------------------------------------------------------
# Calendar helpers


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_range(year: int, month: int) -> _Range:
    return date(year, month, 1), _month_end(year, month), "month"


def _year_range(year: int) -> _Range:
    return date(year, 1, 1), date(year, 12, 31), "year"


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def _add_years(d: date, n: int) -> date:
    """The same day n years on; 29 February becomes 28 February."""
    try:
        return d.replace(year=d.year + n)
    except ValueError:
        return d.replace(year=d.year + n, day=28)


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _thirds(start: date, end: date, part: str) -> tuple[date, date]:
    """Early / mid / late part of a period; months split 1-10, 11-20, 21-end as people
    mean them, longer periods in equal thirds (a year: Jan-Apr, May-Aug, Sep-Dec)."""
    if start.day == 1 and end == _month_end(start.year, start.month):
        if part == "early":
            return start, start.replace(day=10)
        if part == "mid":
            return start.replace(day=11), start.replace(day=20)
        return start.replace(day=21), end
    if start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31:
        y0, y1 = start.year, end.year
        if y0 == y1:
            months = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[part]
            return date(y0, months[0], 1), _month_end(y0, months[1])
        span = y1 - y0 + 1  # a decade: early 1990s = 1990-1993, mid 1994-1996, late 1997-1999
        cut1, cut2 = y0 + round(span * 0.4), y0 + round(span * 0.7)
        years = {"early": (y0, cut1 - 1), "mid": (cut1, cut2 - 1), "late": (cut2, y1)}[part]
        return date(years[0], 1, 1), date(years[1], 12, 31)
    n = (end - start).days + 1
    a, b = start + timedelta(days=n // 3), start + timedelta(days=2 * n // 3)
    if part == "early":
        return start, a - timedelta(days=1)
    if part == "mid":
        return a, b - timedelta(days=1)
    return b, end


def weekday_years(month: int, day: int, weekday: int, first: int = 1900,
                  last: int | None = None) -> list[int]:
    """Years in which `day` `month` fell on `weekday` (0 = Monday).

    Used to recover the year of "on Monday (26 December)" when nothing else gives it.
    """
    last = date.today().year if last is None else last
    years = []
    for y in range(max(first, 1), min(last, 9999) + 1):
        try:
            if date(y, month, day).weekday() == weekday:
                years.append(y)
        except ValueError:
            continue
    return years


# ---------------------------------------------------------------------------------------
# dateparser, for the relative phrases it handles well


@lru_cache(maxsize=1)
def _ddp_class():
    # Imported on first use: the CLI should not pay for it when dates are not needed.
    from dateparser import DateDataParser

    return DateDataParser


_SAYS_TODAY = re.compile(r"\b(?:today|tonight|now|this\s+(?:morning|afternoon|evening))\b",
                         re.I)


@lru_cache(maxsize=8192)
def _dp(phrase: str, base: date) -> tuple[date, str] | None:
    """dateparser's day and period for `phrase` relative to `base` (at noon), or None.

    A result equal to the base day is dropped unless the phrase says today or tonight:
    dateparser returns the base for phrases it does not understand ("the 1990s").
    """
    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day, 12),
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
    }
    try:
        data = _ddp_class()(languages=["en"], settings=settings).get_date_data(phrase)
    except Exception:  # dateparser fails in many ways on odd bases (year 1, year 9999)
        return None
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    if day == base and not _SAYS_TODAY.search(phrase):
        return None
    return day, data.period or "day"


def _period_range(day: date, period: str) -> _Range:
    """The days a dateparser answer stands for, given its period."""
    if period == "year":
        return _year_range(day.year)
    if period == "month":
        return _month_range(day.year, day.month)
    if period == "week":
        monday = _monday(day)
        return monday, monday + timedelta(days=6), "week"
    return day, day, "day"


# ---------------------------------------------------------------------------------------
# Patterns


def _alts(words: list[str]) -> str:
    """Title-case and upper-case spellings, longest first; lower case is left out on
    purpose ("may", "march", "sun" are words before they are dates)."""
    forms = {f for w in words for f in (w, w.upper())}
    return "|".join(sorted(forms, key=len, reverse=True))


_FULL_MONTHS = list(calendar.month_name)[1:]
_ABBR_MONTHS = ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
                "Nov", "Dec"]
_MONTH_NUM = {m.lower(): i for i, m in enumerate(_FULL_MONTHS, 1)}
_MONTH_NUM.update({m.lower(): _MONTH_NUM[next(f.lower() for f in _FULL_MONTHS
                                              if f.lower().startswith(m.lower()[:3]))]
                   for m in _ABBR_MONTHS})
_FULL_DAYS = list(calendar.day_name)
_ABBR_DAYS = ["Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun"]
_DAY_NUM = {d.lower(): i for i, d in enumerate(_FULL_DAYS)}
_DAY_NUM.update({d.lower(): i for i in range(7) for d in _ABBR_DAYS
                 if _FULL_DAYS[i].lower().startswith(d.lower())})
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_NUMBER_WORDS.update({"a": 1, "an": 1, "fifteen": 15, "twenty": 20, "twenty-five": 25,
                      "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                      "eighty": 80})

MONTH_FULL = rf"(?:{_alts(_FULL_MONTHS)})\b"
MONTH = rf"(?:(?:{_alts(_FULL_MONTHS)})\b|(?:{_alts(_ABBR_MONTHS)})\b\.?)"
WEEKDAY = rf"(?:{_alts(_FULL_DAYS)})\b"
WEEKDAY_ANY = rf"(?:(?:{_alts(_FULL_DAYS)})\b|(?:{_alts(_ABBR_DAYS)})\b\.?)"
DAY = r"(?<![\d,.])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d%])"
YEAR = r"(?<![\d,.])(?:1\d{3}|20\d{2})(?!\d|,\d)"
DM = rf"{DAY}\s+(?:(?i:of)\s+)?{MONTH}"
MD = rf"{MONTH}\s+{DAY}"
# ("15 of February of 2020": a day as translated from Spanish or Portuguese)
DMY = rf"{DM}(?:,?\s+(?:(?i:of)\s+)?{YEAR})?"
MDY = rf"{MD}(?:,?\s+{YEAR})?"
_WD_DATE = (rf"{WEEKDAY_ANY}(?:\s*\(\s*(?:{DMY}|{MDY})\s*\)"
            rf"|,?\s+(?:(?i:the)\s+)?(?:{DMY}|{MDY}))")
_CTX_MONTH = r"(?i:\b(?:in|since|until|till|by|from|to|through|during|of|before|after|between" \
             r"|and|or|throughout|dated|dating)\s+)"
_CTX_YEAR = r"(?i:\b(?:in|since|until|till|by|from|to|through|during|of|before|after|between" \
            r"|and|or|throughout|year|summer|winter|spring|autumn|fall)\s+)"


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# A dateline's place ("BEIRUT", "Washington, DC") and its day
_DL_PLACE = (r"[A-Z][\w'’.\-]*(?:[ \t]+[A-Z][\w'’.\-]*){0,3}"
             r"(?:,[ \t]*[A-Z][\w'’.\-]*(?:[ \t]+[A-Z][\w'’.\-]*){0,3})?")
_DL_DAY = rf"(?P<d>(?:{WEEKDAY_ANY},?[ \t]+)?(?:{DMY}|{MDY}))"
_DL_AGENCY = r"[ \t]*(?:\([^()\n]{1,40}\))?[ \t]*[-–—]"
_P_DATELINE = _c(rf"\A[ \t]*{_DL_PLACE},?[ \t]+{_DL_DAY}{_DL_AGENCY}")
# "(Washington, DC, May 30, 2023) - ": a press release's dateline, in parentheses, opening
# the first paragraph (under the release's heading lines; the text read for dates may
# have its line breaks blanked).
_P_PRESS_DATELINE = _c(rf"(?:\A|(?<=\s))\({_DL_PLACE},[ \t]+{_DL_DAY}\)[ \t]*[-–—]")
# And a dateline that opens the first paragraph under the title (two blanks before it: a
# paragraph break, blanked or not), with or without its place: "16 May 2017 - The head of
# the United Nations mission ...", "KABUL, Afghanistan, May 3, 2017 - ".
_P_PARA_DATELINE = _c(rf"(?<=\s\s)(?:{_DL_PLACE},?[ \t]+)?{_DL_DAY}{_DL_AGENCY}[ \t]")
_P_DAY_RANGE = _c(
    rf"(?P<d>(?P<pre>(?i:(?:the\s+)?night\s+of|between|from)\s+)?(?P<d1>{DAY})\s*"
    rf"(?:-|–|(?i:to|and|until|till|through)\b)\s*(?P<d2>{DAY})\s+(?:(?i:of)\s+)?"
    rf"(?P<mon>{MONTH})(?:,?\s+(?P<yr>{YEAR}))?)"
)
_P_DAY_RANGE_MD = _c(
    rf"(?P<d>(?P<pre>(?i:(?:the\s+)?night\s+of|between|from)\s+)?(?P<mon>{MONTH})\s+"
    rf"(?P<d1>{DAY})\s*(?:-|–|(?i:to|and|until|till|through)\b)\s*(?P<d2>{DAY})"
    rf"(?:,?\s+(?P<yr>{YEAR}))?)"
)
_P_NIGHT = _c(rf"(?P<d>(?i:(?:the\s+)?night\s+of)\s+(?:{WEEKDAY},?\s+)?(?:{DMY}|{MDY}))")
_P_WD_DATE = _c(rf"(?P<d>{_WD_DATE})")
_P_ISO = _c(r"(?P<d>(?<![\w.\-/])(?P<y>1\d{3}|20\d{2})-(?P<m>0?[1-9]|1[0-2])"
            r"-(?P<dd>0?[1-9]|[12]\d|3[01])(?![\d\-/]))")
_P_NUMERIC = _c(r"(?P<d>(?<![\w.\-/])(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)"
                r"(?P<y>1\d{3}|20\d{2})(?![\d\-/]|\.\d))")
_P_DMY = _c(rf"(?P<d>{DMY})")
_P_MDY = _c(rf"(?P<d>{MDY})")
_P_MY = _c(rf"(?P<d>{MONTH},?\s+{YEAR})")
_P_MONTH = _c(rf"{_CTX_MONTH}(?:(?i:the\s+month\s+of)\s+)?(?P<d>{MONTH_FULL})")
_P_YEAR = _c(rf"(?P<ctx>{_CTX_YEAR})?(?P<d>(?<![\w$£€#/\-–]){YEAR})"
             r"(?![\w%\-–/]|[.,]\d|\s*(?:%|per\s*cent))")
_P_YEAR_RANGE = _c(r"(?P<d>(?<![\w.,/\-])(?P<y1>1\d{3}|20\d{2})\s*[-–/]\s*"
                   r"(?P<y2>1\d{3}|20\d{2}|\d{2})(?![\w\-–/]|[.,]\d))")
_P_DECADE = _c(r"(?P<d>(?:(?i:the)\s+)?(?:(?P<mod>(?i:early|mid|late))[\s\-]+)?"
               r"(?:(?P<dec>(?:1\d|20)\d0)s|['’](?P<short>\d0)s))(?![\w'’])")
_P_PART = _c(
    r"(?P<d>(?P<mod>(?i:early|mid|late|the\s+(?:end|beginning|start|middle)\s+of))"
    rf"[\s\-]+(?:(?P<mon>{MONTH_FULL})(?:,?\s+(?P<yr>{YEAR})"
    r"|\s+(?P<rel>(?i:this|last|next))\s+(?i:year))?"
    rf"|(?P<yo>{YEAR})(?![\w%\-–/]|[.,]\d)))"
)
_P_MONTH_REL = _c(
    rf"(?P<d>(?P<mon>{MONTH_FULL})\s+(?:(?i:of)\s+)?(?P<which>(?i:this|last|next|that"
    r"|the\s+same|the\s+following|the\s+previous))\s+(?i:year)\b"
    rf"|(?P<which2>(?i:last|this|next))\s+(?P<mon2>{MONTH_FULL}))"
)
# "on June 16 last year", "on 3 March this year": a day of the year before (or of) the
# one the report was written in, not the same day of its own year
_P_DAY_REL = _c(rf"(?P<d>(?:(?i:the\s+night\s+of)\s+)?(?P<dm>{DM}|{MD}),?\s+(?:(?i:of)\s+)?"
                r"(?P<which>(?i:this|last|next))\s+(?i:year)\b)")
_P_REL_PERIOD = _c(
    r"(?P<d>(?:(?P<mod>(?i:earlier|later|early|late|mid))[\s\-]+)?"
    r"(?P<which>(?i:last|this|next|past|coming))\s+"
    r"(?P<u>(?i:week|weekend|month|year|decade)))(?![\w\-])"
)
_P_AGO = _c(
    r"(?P<d>(?<![\w,.])(?P<n>\d{1,3}|(?i:a\s+few|a\s+couple\s+of|several|few|a|an|one|two"
    r"|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty-five|twenty"
    r"|thirty|forty|fifty|sixty|seventy|eighty))\s+"
    r"(?P<u>(?i:day|week|month|year|decade))s?\s+(?i:ago)\b"
    # "Ten years ago tonight", "a year ago yesterday": that very day, N years back
    r"(?:\s+(?P<when>(?i:today|tonight|yesterday|last\s+night|this\s+(?:week|month"
    r"|morning|afternoon|evening))\b))?)"
)
# "a quarter of a century since Iraqi warplanes dropped", "twenty years since the
# massacre": the event a look back names, that many years before publication
_P_YEARS_SINCE = _c(
    r"(?P<d>(?<![\w,.])(?:(?P<n>\d{1,3}|(?i:two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|fifteen|twenty|twenty-five|thirty|forty|fifty))\s+(?i:years)"
    r"|(?P<q>(?i:a\s+quarter\s+of\s+a\s+century|half\s+a\s+century|a\s+decade"
    r"|two\s+decades|three\s+decades)))\s+(?:(?i:since)|(?P<after>(?i:after)))\s+"
    r"(?=(?i:the|a|an|[A-Z]|\w+\s+"
    r"(?:forces|troops|soldiers|warplanes|gunmen|militias?|jets|rebels))))"
)
_SINCE_YEARS = {"a quarter of a century": 25, "half a century": 50, "a decade": 10,
                "two decades": 20, "three decades": 30}
_P_REL_WORDS = _c(r"(?P<d>\b(?i:yesterday|today|tonight|last\s+night|overnight"
                  r"|this\s+(?:morning|afternoon|evening)|earlier\s+today)\b)")
# Days named by their holiday: "the Christmas Eve killings", "on New Year's Day 2024".
_P_HOLIDAY = _c(
    r"(?P<d>(?P<h>(?i:christmas\s+(?:eve|day)|new\s+year[’']?s\s+(?:eve|day)|boxing\s+day))"
    rf"(?:,?\s+(?P<yr>{YEAR}))?)")
_HOLIDAYS = {"christmas eve": (12, 24), "christmas day": (12, 25), "boxing day": (12, 26),
             "new years eve": (12, 31), "new years day": (1, 1)}
_P_WEEKDAY = _c(rf"(?P<d>(?:(?P<which>(?i:last|this|next|past))\s+)?(?P<wd>{WEEKDAY})"
                r"(?:\s+(?i:night|morning|afternoon|evening)\b)?)")

_YEAR_RE = re.compile(r"(?<!\d)(1\d{3}|20\d{2})(?!\d)")
_DAYNUM_RE = _with_first(re.compile(r"(?<![\d,.])(3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d%])"))
_MONTH_RE = _with_first(re.compile(MONTH))
_WEEKDAY_RE = _with_first(re.compile(WEEKDAY_ANY))

# Words around a bare number that make it a count ("some 2000 people"), not a year.
_COUNT_BEFORE = _with_first(re.compile(
    r"(?i:\b(?:about|around|nearly|almost|some|over|than|least|approximately|roughly"
    r"|estimated|total\s+of|up\s+to|only|just|another|all|the|these|those|his|her|their"
    r"|no\.|number|resolution|flight|route|page|article|section|room|model|version"
    r"|code|pp?\.)\s*)$"
))
_COUNT_NOUNS = frozenset(
    "people persons men women children civilians bodies soldiers troops fighters victims "
    "families homes houses dead killed graves km kilometres kilometers miles metres meters "
    "tonnes tons dollars euros pounds".split()
)
_NOT_PLURAL = frozenset("was has is as its this his thus us yes less unless across".split())


def _looks_like_count(text: str, start: int, end: int, *, after_only: bool = False) -> bool:
    """Whether the number at text[start:end] reads as a count or an identifier (with
    `after_only`, by the word after it alone: a month's name stands before the number)."""
    if not after_only and _COUNT_BEFORE.search(text[max(0, start - 20):start]):
        return True
    m = re.match(r"\s+([a-z]+)\b", text[end:end + 30])
    if m:
        word = m[1]
        if word in _COUNT_NOUNS or (word.endswith("s") and word not in _NOT_PLURAL
                                    and len(word) > 3):
            return True
    return False


# ---------------------------------------------------------------------------------------
# Candidates


@dataclass(frozen=True, slots=True)
class _Parts:
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None


_Pub = tuple[date, date] | None


LOOK_BACK_YEARS = 5  # a day without a year, after a year written this long before publication


@dataclass(slots=True)
class _State:
    """What resolution has seen so far in the document ("July that year")."""

    year: int | None = None
    written: bool = False  # `year` was written out, not read against the publication


_Resolver = Callable[[_Pub, _State], _Range | None]


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    resolve: _Resolver
    relative: bool
    parts: _Parts | None = None
    kind: str | None = None
    pieces: tuple[_Cand, ...] = ()  # a merged range's own mentions, used if it fails


def _parts(s: str) -> _Parts:
    """Year, month, day and weekday written in a date phrase, whatever their order."""
    year = month = day = weekday = None
    if m := _WEEKDAY_RE.search(s):
        weekday = _DAY_NUM.get(m[0].rstrip(".").lower())
    if m := _MONTH_RE.search(s):
        month = _MONTH_NUM.get(m[0].rstrip(".").lower())
    if m := _YEAR_RE.search(s):
        year = int(m[1])
        s = s[:m.start()] + " " * len(m[0]) + s[m.end():]
    if m := _DAYNUM_RE.search(s):
        day = int(m[1])
    return _Parts(year, month, day, weekday)


def _widen(single: Callable[[date], _Range | None]) -> _Resolver:
    """Resolve at both ends of the publication range and cover everything between.

    Every relative rule here moves monotonically with its base, so the answers at the
    first and last possible publication day bound all the others.
    """

    def resolve(pub: _Pub, state: _State) -> _Range | None:
        if pub is None:
            return None
        lo, hi = pub
        a = single(lo)
        b = a if hi == lo else single(hi)
        if a is None or b is None:
            return a or b
        return _union(a, b)

    return resolve


def _absolute(r: _Range | None) -> _Resolver:
    return lambda pub, state: r


def _parts_range(p: _Parts) -> _Range | None:
    """The range of a phrase that wrote its year."""
    if p.year is None:
        return None
    if p.month is None:
        return _year_range(p.year)
    if p.day is None:
        return _month_range(p.year, p.month)
    d = date(p.year, p.month, p.day)
    return d, d, "day"


def _recent_day_month(month: int, day: int, base: date) -> date | None:
    """The latest `day` `month` on or before base (29 February: the latest leap year).

    Worked out by hand: dateparser gives the same day (checked on 4,000 cases) at a
    millisecond a call."""
    for y in range(base.year, base.year - 9, -1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if d <= base:
            return d
    return None


def _day_month_resolver(p: _Parts) -> _Resolver:
    """A day and month without a year: the years the publication range allows, narrowed
    by the weekday when one is written ("Monday (26 December)" in a December 2016 article
    is 2016, not 2015)."""

    def resolve(pub: _Pub, state: _State) -> _Range | None:
        if p.month is None or p.day is None:
            return None
        if pub is None:
            # undated, the text's own year goes on ("on the night of 24 July 2015 ...
            # on 26 October"); with no year written before it, the day is unknown
            if state.year is None:
                return None
            d = date(state.year, p.month, p.day)
            return d, d, "day"
        a = _recent_day_month(p.month, p.day, pub[0])
        b = _recent_day_month(p.month, p.day, pub[1])
        if a is None or b is None:
            return None
        days = []
        for y in range(a.year, b.year + 1):
            try:
                days.append(date(y, p.month, p.day))
            except ValueError:
                continue
        days = [d for d in days if a <= d <= b]
        if state.written and state.year is not None and p.weekday is None \
                and a.year - state.year >= LOOK_BACK_YEARS:
            # "From dawn on December 6, 1991, shells fell ... after the fall of Vukovar on
            # November 18": a look-back's day goes on in the year the text last wrote,
            # years before publication, not in the year before it
            try:
                d = date(state.year, p.month, p.day)
            except ValueError:
                return None
            return d, d, "day"
        if p.weekday is not None:
            days = [d for d in days if d.weekday() == p.weekday] or days
        # (of the years an estimated publication allows, the text's own year: "on the
        # night of 24 July 2015 ... on 26 October")
        days = [d for d in days if d.year == state.year] or days
        if not days:
            return None
        if len(days) == 1:
            return days[0], days[0], "day"
        return days[0], days[-1], _width_precision(days[0], days[-1])

    return resolve


def _recent_month(month: int, base: date) -> _Range:
    hit = _dp(_FULL_MONTHS[month - 1], base)
    if hit and hit[0].month == month and hit[0] <= base:
        return _month_range(hit[0].year, month)
    year = base.year if month <= base.month else base.year - 1
    return _month_range(year, month)


def _from_parts(p: _Parts) -> tuple[_Resolver, bool]:
    """Resolver for a plain date phrase and whether it needs the publication date."""
    if p.year is not None:
        return _absolute(_parts_range(p)), False
    if p.month is not None and p.day is not None:
        return _day_month_resolver(p), True
    if p.month is not None:
        month = p.month
        return _widen(lambda base: _recent_month(month, base)), True
    return (lambda pub, state: None), False


def _plain(m: re.Match[str], text: str) -> _Cand | None:
    s = m["d"]
    p = _parts(s)
    # "March 15 people were killed": a count, not a day.
    if (p.year is None and p.day is not None and p.month is not None
            and s.rstrip()[-1:].isdigit()
            and _looks_like_count(text, m.start("d"), m.end("d"),
                                  after_only=s[:1].isalpha())):
        # ("the June 30 shootout": the article is the date's, not a count's)
        return None
    resolver, rel = _from_parts(p)
    return _Cand(m.start("d"), m.end("d"), resolver, rel, p)


def _dateline(m: re.Match[str], text: str) -> _Cand | None:
    c = _plain(m, text)
    if c is not None:
        c.kind = "report"
    return c


def _day_range(m: re.Match[str], text: str) -> _Cand | None:
    d1, d2 = int(re.sub(r"\D", "", m["d1"])), int(re.sub(r"\D", "", m["d2"]))
    month = _MONTH_NUM[m["mon"].rstrip(".").lower()]
    if d2 <= d1:
        return None

    def days(year: int) -> _Range:
        a, b = date(year, month, d1), date(year, month, d2)
        return a, b, _coarsest("days", _width_precision(a, b))

    if m["yr"]:
        year = int(m["yr"])
        r = days(year)
        return _Cand(m.start("d"), m.end("d"), _absolute(r), False, _Parts(year, month, d1))

    first = _day_month_resolver(_Parts(None, month, d1))

    def resolve(pub: _Pub, state: _State) -> _Range | None:
        r = first(pub, state)
        if r is None:
            return None
        lo, hi = days(r[0].year), days(r[1].year)
        return _union(lo, hi)

    return _Cand(m.start("d"), m.end("d"), resolve, True, _Parts(None, month, d1))


def _night(m: re.Match[str], text: str) -> _Cand | None:
    """The night of 14 September runs into the 15th."""
    p = _parts(m["d"])
    if p.month is None or p.day is None:
        return None
    inner, rel = _from_parts(p)

    def resolve(pub: _Pub, state: _State) -> _Range | None:
        r = inner(pub, state)
        if r is None:
            return None
        end = r[1] + timedelta(days=1)
        return r[0], end, _coarsest("days", _width_precision(r[0], end))

    return _Cand(m.start("d"), m.end("d"), resolve, rel, p)


def _iso(m: re.Match[str], text: str) -> _Cand | None:
    d = date(int(m["y"]), int(m["m"]), int(m["dd"]))
    return _Cand(m.start("d"), m.end("d"), _absolute((d, d, "day")), False,
                 _Parts(d.year, d.month, d.day))


def _numeric(m: re.Match[str], text: str) -> _Cand | None:
    """dd/mm/yyyy (the DMY order of the settings) unless only mm/dd/yyyy is a real day."""
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    day, month = (a, b) if b <= 12 else (b, a)
    if month > 12 or month < 1:
        return None
    d = date(y, month, day)
    return _Cand(m.start("d"), m.end("d"), _absolute((d, d, "day")), False,
                 _Parts(y, month, day))


def _year_alone(m: re.Match[str], text: str) -> _Cand | None:
    start, end = m.start("d"), m.end("d")
    if _looks_like_count(text, start, end):
        return None
    if not m["ctx"]:
        # Without "in", "since"... a year must stand alone: end of clause, a name after it
        # ("2014 Olympics") or a possessive; "2000 died" reads as a count.
        after = text[end:end + 3]
        if after[:1].isspace() and after[1:2].islower() and not after.startswith((" and",)):
            return None
    year = int(m["d"])
    return _Cand(start, end, _absolute(_year_range(year)), False, _Parts(year))


def _year_range_m(m: re.Match[str], text: str) -> _Cand | None:
    y1 = int(m["y1"])
    raw = m["y2"]
    if len(raw) == 2:
        y2 = y1 // 100 * 100 + int(raw)
        if y2 <= y1:
            y2 += 100
    else:
        y2 = int(raw)
    if not 0 < y2 - y1 <= 30:
        return None
    r = (date(y1, 1, 1), date(y2, 12, 31), "year")
    return _Cand(m.start("d"), m.end("d"), _absolute(r), False)


def _decade(m: re.Match[str], text: str) -> _Cand | None:
    mod = (m["mod"] or "").lower() or None
    if m["dec"]:
        start_year = int(m["dec"])
        resolver = _absolute(_decade_range(start_year, mod))
        return _Cand(m.start("d"), m.end("d"), resolver, False)
    short = int(m["short"])

    def resolve(pub: _Pub, state: _State) -> _Range | None:
        # "the '90s": the latest such decade that has begun by publication (or by now).
        ref = (pub[1] if pub else date.today()).year
        start_year = (ref // 100) * 100 + short
        if start_year > ref:
            start_year -= 100
        return _decade_range(start_year, mod)

    return _Cand(m.start("d"), m.end("d"), resolve, False)


def _decade_range(start_year: int, mod: str | None) -> _Range:
    a, b = date(start_year, 1, 1), date(start_year + 9, 12, 31)
    if mod:
        a, b = _thirds(a, b, mod)
    return a, b, "year"


def _part_of(m: re.Match[str], text: str) -> _Cand | None:
    """early/mid/late March, the end of March 2017, mid-2017."""
    raw = re.sub(r"\s+", " ", m["mod"].lower())
    part = {"the end of": "late", "the beginning of": "early", "the start of": "early",
            "the middle of": "mid"}.get(raw, raw)
    if m["yo"]:
        if _looks_like_count(text, m.start("yo"), m.end("yo")):
            return None
        y = int(m["yo"])
        a, b = _thirds(date(y, 1, 1), date(y, 12, 31), part)
        return _Cand(m.start("d"), m.end("d"), _absolute((a, b, _width_precision(a, b))),
                     False, _Parts(y))
    month = _MONTH_NUM[m["mon"].lower()]

    def cut(r: _Range | None) -> _Range | None:
        if r is None:
            return None
        a, b = _thirds(r[0], r[1], part)
        return a, b, "days"

    if m["yr"]:
        y = int(m["yr"])
        return _Cand(m.start("d"), m.end("d"), _absolute(cut(_month_range(y, month))), False,
                     _Parts(y, month))
    if m["rel"]:
        shift = {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
        single = lambda base: cut(_month_range(base.year + shift, month))  # noqa: E731
        return _Cand(m.start("d"), m.end("d"), _widen(single), True)
    return _Cand(m.start("d"), m.end("d"), _widen(lambda base: cut(_recent_month(month, base))),
                 True, _Parts(None, month))


def _day_rel(m: re.Match[str], text: str) -> _Cand | None:
    p = _parts(m["dm"])
    if p.day is None or p.month is None:
        return None
    shift = {"this": 0, "last": -1, "next": 1}[m["which"].lower()]
    day = date(2000, p.month, p.day)  # (a day no month has raises here: no candidate)

    def single(base: date) -> _Range:
        d = date(base.year + shift, day.month, day.day)
        return d, d, "day"

    return _Cand(m.start("d"), m.end("d"), _widen(single), True)


def _month_rel(m: re.Match[str], text: str) -> _Cand | None:
    """March this year, July that year, December last year, last December."""
    if m["mon2"]:
        month = _MONTH_NUM[m["mon2"].lower()]
        which = m["which2"].lower()

        def single(base: date) -> _Range:
            if which == "this":
                return _month_range(base.year, month)
            if which == "next":
                return _month_range(base.year if month > base.month else base.year + 1, month)
            return _month_range(base.year if month < base.month else base.year - 1, month)

        return _Cand(m.start("d"), m.end("d"), _widen(single), True)
    month = _MONTH_NUM[m["mon"].lower()]
    which = re.sub(r"\s+", " ", m["which"].lower())
    if which in ("that", "the same"):
        def from_text(pub: _Pub, state: _State) -> _Range | None:
            return None if state.year is None else _month_range(state.year, month)

        return _Cand(m.start("d"), m.end("d"), from_text, False)
    if which in ("the following", "the previous"):
        step = 1 if which == "the following" else -1

        def from_text_shift(pub: _Pub, state: _State) -> _Range | None:
            return None if state.year is None else _month_range(state.year + step, month)

        return _Cand(m.start("d"), m.end("d"), from_text_shift, False)
    shift = {"this": 0, "last": -1, "next": 1}[which]
    return _Cand(m.start("d"), m.end("d"),
                 _widen(lambda base: _month_range(base.year + shift, month)), True)


def _period(unit: str, which: str, base: date) -> _Range | None:
    """last/this/next/past week, weekend, month, year, decade, relative to one day."""
    step = {"last": -1, "this": 0, "next": 1, "coming": 1, "past": 0}[which]
    if unit == "week":
        if which == "past":
            return base - timedelta(days=6), base, "week"
        monday = _monday(base) + timedelta(weeks=step)
        return monday, monday + timedelta(days=6), "week"
    if unit == "weekend":
        if which == "past":
            which, step = "last", -1
        saturday = _monday(base) + timedelta(days=5, weeks=step)
        return saturday, saturday + timedelta(days=1), "days"
    if unit == "month":
        if which == "past":
            return base - timedelta(days=30), base, "month"
        y, mo = _add_months(base.year, base.month, step)
        return _month_range(y, mo)
    if unit == "year":
        if which == "past":
            return _add_years(base, -1), base, "year"
        return _year_range(base.year + step)
    if unit == "decade":
        if which in ("past", "last"):
            return _add_years(base, -10), base, "year"
        start = base.year // 10 * 10 + 10 * step
        return date(start, 1, 1), date(start + 9, 12, 31), "year"
    return None


def _rel_period(m: re.Match[str], text: str) -> _Cand | None:
    unit, which = m["u"].lower(), m["which"].lower()
    mod = (m["mod"] or "").lower() or None

    def single(base: date) -> _Range | None:
        r = _period(unit, which, base)
        if r is None or mod is None:
            return r
        a, b = r[0], r[1]
        if mod == "earlier" and which == "this":
            end = max(a, base - timedelta(days=1))
            return a, end, _width_precision(a, end)
        if mod == "later" and which == "this":
            start = min(b, base + timedelta(days=1))
            return start, b, _width_precision(start, b)
        part = {"earlier": "early", "later": "late"}.get(mod, mod)
        a, b = _thirds(a, b, part)
        prec = "days" if unit == "month" else _width_precision(a, b)
        return a, b, prec

    return _Cand(m.start("d"), m.end("d"), _widen(single), True)


def _ago(m: re.Match[str], text: str) -> _Cand | None:
    raw = re.sub(r"\s+", " ", m["n"].lower())
    unit = m["u"].lower()
    if raw in ("a few", "few", "several", "a couple of"):
        lo_n, hi_n = (2, 3) if raw == "a couple of" else (2, 7)
        return _Cand(m.start("d"), m.end("d"), _widen(lambda b: _vague_ago(b, unit, lo_n, hi_n)),
                     True)
    n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    phrase = f"{n} {unit}{'s' if n != 1 else ''} ago"
    if m["when"] and unit in ("week", "month", "year", "decade"):
        return _Cand(m.start("d"), m.end("d"), _widen(_ago_on(n, unit, m["when"])), True)

    def single(base: date) -> _Range | None:
        if unit == "day" and n >= 10:
            # "40 days ago" is a round figure: a day or two either way (a twentieth).
            slack = max(1, n // 20)
            return _vague_ago(base, unit, n - slack, n + slack)
        hit = _dp(phrase, base) if unit != "decade" else None
        if hit and hit[0] < base:
            return _period_range(*hit)
        return _vague_ago(base, unit, n, n)

    return _Cand(m.start("d"), m.end("d"), _widen(single), True)


def _years_since(m: re.Match[str], text: str) -> _Cand | None:
    """ "Twenty years since the massacre": the year that many years before publication."""
    if m["after"] and text[:m.start("d")].rstrip(" \t")[-1:] not in ("", "\n", ".", "!", "?",
                                                                      ":"):
        return None  # "it came five years after a ceasefire": the ceasefire's, not the news
    if m["q"]:
        n = _SINCE_YEARS[" ".join(m["q"].lower().split())]
    else:
        raw = m["n"].lower()
        n = int(raw) if raw.isdigit() else spelled_number(raw)
    if not n:
        return None

    def single(base: date) -> _Range:
        return date(base.year - n, 1, 1), date(base.year - n, 12, 31), "year"

    end = m.start("d") + len(m["d"].rstrip())
    return _Cand(m.start("d"), end, _widen(single), True)


def _ago_on(n: int, unit: str, when: str) -> Callable[[date], _Range]:
    """"Ten years ago tonight": the day (or week, month) of publication, N units back."""
    when = " ".join(when.lower().split())

    def single(base: date) -> _Range:
        if unit == "week":
            day = base - timedelta(weeks=n)
        elif unit == "month":
            y, mo = _add_months(base.year, base.month, -n)
            day = date(y, mo, min(base.day, _month_end(y, mo).day))
        else:
            day = _add_years(base, -n * (10 if unit == "decade" else 1))
        if when in ("yesterday", "last night"):
            day -= timedelta(days=1)
        if when == "this week":
            return _monday(day), _monday(day) + timedelta(days=6), "week"
        if when == "this month":
            return _month_range(day.year, day.month)
        return day, day, "day"

    return single


def _vague_ago(base: date, unit: str, lo_n: int, hi_n: int) -> _Range:
    """Between hi_n and lo_n units before base, as whole units."""
    if unit == "day":
        a, b = base - timedelta(days=hi_n), base - timedelta(days=lo_n)
        return a, b, _width_precision(a, b)
    if unit == "week":
        a = _monday(base - timedelta(weeks=hi_n))
        b = _monday(base - timedelta(weeks=lo_n)) + timedelta(days=6)
        return a, b, "week" if lo_n == hi_n else _width_precision(a, b)
    if unit == "month":
        ya, ma = _add_months(base.year, base.month, -hi_n)
        yb, mb = _add_months(base.year, base.month, -lo_n)
        a, b = date(ya, ma, 1), _month_end(yb, mb)
        return a, b, "month" if lo_n == hi_n else _width_precision(a, b)
    years = 10 if unit == "decade" else 1
    a, b = date(base.year - hi_n * years, 1, 1), date(base.year - lo_n * years, 12, 31)
    return a, b, "year"


def _rel_words(m: re.Match[str], text: str) -> _Cand | None:
    phrase = re.sub(r"\s+", " ", m["d"].lower())
    back = 1 if phrase in ("yesterday", "last night") else 0

    def single(base: date) -> _Range | None:
        if phrase == "overnight":
            return base - timedelta(days=1), base, "days"
        hit = _dp(phrase, base)
        if hit and (base - hit[0]).days == back:
            return hit[0], hit[0], "day"
        d = base - timedelta(days=back)
        return d, d, "day"

    return _Cand(m.start("d"), m.end("d"), _widen(single), True)


def _holiday(m: re.Match[str], text: str) -> _Cand | None:
    name = " ".join(re.sub(r"[’']", "", m["h"].lower()).split())
    month, day = _HOLIDAYS[name]
    p = _Parts(int(m["yr"]) if m["yr"] else None, month, day, None)
    resolver, rel = _from_parts(p)
    return _Cand(m.start("d"), m.end("d"), resolver, rel, p)


def _weekday(m: re.Match[str], text: str) -> _Cand | None:
    wd = _DAY_NUM[m["wd"].lower()]
    which = (m["which"] or "").lower()

    def single(base: date) -> _Range | None:
        if which in ("", "past", "last"):
            # "on Monday" in a Monday paper is that day (news style: days of the past week);
            # "last Monday" is the one before.
            # The day before `ref` with that weekday: what dateparser answers for "monday"
            # and "last monday" with dates from the past preferred (tests compare), at a
            # fraction of its cost.
            ref = base + timedelta(days=1) if which == "" else base
            back = (ref.weekday() - wd) % 7 or 7
            d = ref - timedelta(days=back)
            return d, d, "day"
        if which == "this":
            d = _monday(base) + timedelta(days=wd)
        else:
            d = base + timedelta(days=(wd - base.weekday()) % 7 or 7)
        return d, d, "day"

    return _Cand(m.start("d"), m.end("d"), _widen(single), True, _Parts(None, None, None, wd))


_MATCHERS: list[tuple[re.Pattern[str], Callable[[re.Match[str], str], _Cand | None]]] = [
    (_P_DAY_RANGE, _day_range),
    (_P_DAY_RANGE_MD, _day_range),
    (_P_NIGHT, _night),
    (_P_WD_DATE, _plain),
    (_P_ISO, _iso),
    (_P_NUMERIC, _numeric),
    (_P_DMY, _plain),
    (_P_MDY, _plain),
    (_P_MY, _plain),
    (_P_MONTH, _plain),
    (_P_YEAR, _year_alone),
    (_P_YEAR_RANGE, _year_range_m),
    (_P_DECADE, _decade),
    (_P_PART, _part_of),
    (_P_MONTH_REL, _month_rel),
    (_P_DAY_REL, _day_rel),
    (_P_REL_PERIOD, _rel_period),
    (_P_AGO, _ago),
    (_P_YEARS_SINCE, _years_since),
    (_P_REL_WORDS, _rel_words),
    (_P_WEEKDAY, _weekday),
    (_P_HOLIDAY, _holiday),
]

# Every match of a matcher contains one of its anchors (a month name, a year...), which
# are rare in a text; scanning only the text around them finds the same matches as
# scanning it all (tests pin the equality), several times faster, since most matchers
# begin with optional words that the regex engine would try at every position.
# (An anchor may match more than it must: the first three letters of every spelling.)
_MONTH3 = "|".join(sorted({f[:3] for m in _FULL_MONTHS for f in (m, m.upper())}))
_A_MONTH = re.compile(_MONTH3)
_A_WEEKDAY = re.compile("|".join(sorted({f[:3] for d in _FULL_DAYS for f in (d, d.upper())})))
# `(?<!\d)(?:1\d{3}|20\d{2})(?!\d)`, written to begin with a literal digit so that the
# regex engine skips to the next 1 or 2 instead of trying the lookbehind everywhere.
_A_YEAR = re.compile(r"(?:1(?<!\d1)\d{3}|2(?<!\d2)0\d{2})(?!\d)")


class _Words(NamedTuple):
    """An anchor that is a case-insensitive alternation of plain words: found with
    `str.find` on the lower-cased text (many times faster than the regex, which tries
    every position), with the regex's own leftmost-first, non-overlapping matches."""

    words: tuple[str, ...]
    pattern: re.Pattern[str]  # the same anchor as a regex: the fallback, and the reference


def _words(*words: str) -> _Words:
    return _Words(words, re.compile("(?i:" + "|".join(words) + ")"))


# Characters outside ASCII that case-insensitive matching equates with an ASCII letter
# (İ ı ſ and the Kelvin sign; tests check that there are no others): where one occurs,
# the regex decides.
_CASE_TRAPS = re.compile("[\u0130\u0131\u017f\u212a]")


def _word_spans(anchor: _Words, text: str) -> list[tuple[int, int]]:
    """`[m.span() for m in anchor.pattern.finditer(text)]`."""
    low = text.lower()
    if len(low) != len(text) or _CASE_TRAPS.search(text):
        return [m.span() for m in anchor.pattern.finditer(text)]
    first: dict[int, int] = {}  # start -> the first alternative matching there
    for k, w in enumerate(anchor.words):
        i = low.find(w)
        while i >= 0:
            if first.get(i, k) >= k:
                first[i] = k
            i = low.find(w, i + 1)
    out: list[tuple[int, int]] = []
    end = 0
    for i in sorted(first):
        if i >= end:
            end = i + len(anchor.words[first[i]])
            out.append((i, end))
    return out


_A_MONTH_OR_YEAR = (_A_MONTH, _A_YEAR)  # a month's letters and a year's digits never overlap
_ANCHORS: dict[re.Pattern[str], re.Pattern[str] | _Words | tuple[re.Pattern[str], ...]] = {
    _P_DAY_RANGE: _A_MONTH,
    _P_DAY_RANGE_MD: _A_MONTH,
    _P_NIGHT: _A_MONTH,
    _P_WD_DATE: _A_MONTH,
    _P_ISO: re.compile(r"(?:1\d{3}|20\d{2})-"),
    _P_NUMERIC: re.compile(r"\d[/.\-]\d"),
    _P_DMY: _A_MONTH,
    _P_MDY: _A_MONTH,
    _P_MY: _A_MONTH,
    _P_MONTH: _A_MONTH,
    _P_YEAR: _A_YEAR,
    _P_YEAR_RANGE: _A_YEAR,
    _P_DECADE: re.compile(r"\d0s"),
    _P_PART: _A_MONTH_OR_YEAR,
    _P_MONTH_REL: _A_MONTH,
    _P_DAY_REL: _A_MONTH,
    _P_REL_PERIOD: _words("week", "month", "year", "decade"),
    _P_AGO: _words("ago"),
    _P_YEARS_SINCE: _words("since", "years after", "decades after", "decade after"),
    _P_REL_WORDS: _words("yesterday", "today", "tonight", "night", "overnight", "morning",
                         "afternoon", "evening"),
    _P_WEEKDAY: _A_WEEKDAY,
    _P_HOLIDAY: _words("christmas", "new year", "boxing"),
}
# Text scanned on each side of an anchor: longer than any date phrase plus the context
# its lookarounds inspect.
ANCHOR_REACH = 120


def _anchor_spans(anchor, text: str) -> list[tuple[int, int]]:
    """Where an anchor occurs in `text`, as the spans of its regex's `finditer`."""
    if isinstance(anchor, _Words):
        return _word_spans(anchor, text)
    if isinstance(anchor, tuple):
        return sorted(span for a in anchor for span in _anchor_spans(a, text))
    return [m.span() for m in anchor.finditer(text)]


def _windows(text: str, anchor) -> list[tuple[int, int]]:
    """Merged spans of text within ANCHOR_REACH of an anchor."""
    out: list[tuple[int, int]] = []
    n = len(text)
    for s, e in _anchor_spans(anchor, text):
        lo, hi = max(0, s - ANCHOR_REACH), min(n, e + ANCHOR_REACH)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


# Most matchers begin with optional words, so the regex engine tries each of them at every
# position of a window: `with_first` puts a look-ahead for the characters a match can
# begin with in front (see `geo.fastre`).


_FAST: dict[re.Pattern[str], re.Pattern[str]] = {}  # filled on first use (import stays quick)


def _fast(pattern: re.Pattern[str]) -> re.Pattern[str]:
    found = _FAST.get(pattern)
    if found is None:
        found = _FAST[pattern] = _with_first(pattern)
    return found


def matches(pattern: re.Pattern[str], text: str, memo: dict | None = None):
    """`pattern.finditer(text)`, scanning only around the pattern's anchors."""
    anchor = _ANCHORS.get(pattern)
    if anchor is None:
        yield from pattern.finditer(text)
        return
    memo = {} if memo is None else memo
    windows = memo.get(anchor)
    if windows is None:
        windows = memo[anchor] = _windows(text, anchor)
    fast = _fast(pattern)
    for lo, hi in windows:
        yield from fast.finditer(text, lo, hi)


_LEAD = re.compile(r"(?i:(?:on|in|at|by|during|of|for)\s+)+")
_TRAIL = re.compile(r"(?i:[\s,;:]+|\s+(?:of|in|on|at|to|by|for|from|with|after|before|the"
                    r"|and|or|until|till|since|between)\b)+$")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading and trailing prepositions and punctuation from a matched span."""
    s = text[start:end]
    if (m := _LEAD.match(s)) and m.end() < len(s):
        start += m.end()
        s = s[m.end():]
    if (m := _TRAIL.search(s)) and m.start() > 0:
        end = start + m.start()
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _candidates(text: str) -> list[_Cand]:
    """Non-overlapping candidate phrases, longest first where they compete."""
    found: list[_Cand] = []
    if m := _P_DATELINE.match(text[:200]) or _P_PRESS_DATELINE.search(text[:400]) \
            or _P_PARA_DATELINE.search(text[:400]):
        c = _safe_build(_dateline, m, text)
        if c:
            found.append(c)
    windows: dict[re.Pattern[str], list[tuple[int, int]]] = {}
    for pattern, build in _MATCHERS:
        for m in matches(pattern, text, windows):
            c = _safe_build(build, m, text)
            if c is not None:
                c.start, c.end = _trim(text, c.start, c.end)
                if c.start < c.end:
                    found.append(c)
    # The dateline first, then longest; ties keep the earlier matcher (more specific).
    order = sorted(range(len(found)),
                   key=lambda i: (found[i].kind != "report", -(found[i].end - found[i].start), i))
    starts: list[int] = []  # taken spans, sorted and disjoint
    taken: list[_Cand] = []
    for i in order:
        c = found[i]
        k = bisect.bisect_left(starts, c.start)
        if (k > 0 and taken[k - 1].end > c.start) or (k < len(taken) and taken[k].start < c.end):
            continue
        starts.insert(k, c.start)
        taken.insert(k, c)
    return _merge_ranges(text, taken)


def _safe_build(build, m: re.Match[str], text: str) -> _Cand | None:
    try:
        return build(m, text)
    except (ValueError, KeyError, OverflowError, IndexError):
        return None  # "31 February", "2016-02-30": not days


_CONNECT = re.compile(r"\s*(?:-|–|—|(?i:to|until|till|through|and))\s*")
_FROM = re.compile(r"(?i:\b(between|from)\s+)$")
_SINCE = re.compile(r"(?i:\bsince\s+)$")
# "since 28 April, when a missile hit Uman": the day of the event the clause tells
WHEN_AFTER = re.compile(r"\s*,\s*when\b", re.I)
_ON_OF = re.compile(r"\s*(?i:on|of)\s+")
_WEEK_OF = re.compile(r"(?i:\bweek\s+of\s+)$")


def _merge_ranges(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Join "between X and Y" / "from X to Y" / "X to Y" and "since X" into one mention."""
    out: list[_Cand] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        b = cands[i + 1] if i + 1 < len(cands) else None
        before = text[max(0, a.start - 12):a.start]
        pre = _FROM.search(before)
        if b is not None and (conn := _CONNECT.fullmatch(text[a.end:b.start])):
            is_and = conn[0].strip().lower() == "and"
            if not is_and or (pre and pre[1].lower() == "between") or _two_days(text, a, b):
                start = a.start - len(pre[0]) if pre else a.start
                out.append(_Cand(start, b.end, _range_resolver(a, b),
                                 a.relative or b.relative, b.parts, a.kind or b.kind, (a, b)))
                i += 2
                continue
        if b is not None and a.relative and not b.relative \
                and _ON_OF.fullmatch(text, a.end, b.start):
            out.append(b)  # "overnight on 4-5 June 2021": the date says which night
            i += 2
            continue
        if (week := _WEEK_OF.search(text, max(0, a.start - 16), a.start)) \
                and a.parts is not None and a.parts.day is not None:
            # "during the week of 12 September 2022": that day and the six after it
            out.append(_Cand(week.start(), a.end, _week_resolver(a), a.relative, a.parts,
                             a.kind))
            i += 1
            continue
        if (since := _SINCE.search(text[max(0, a.start - 8):a.start])) \
                and not WHEN_AFTER.match(text, a.end):
            # (but "the most killed since 28 April, when a missile hit Uman": that day)
            # Relative whenever a publication date is given: it ends the range.
            out.append(_Cand(a.start - len(since[0]), a.end, _since_resolver(a), True,
                             a.parts, a.kind))
            i += 1
            continue
        out.append(a)
        i += 1
    return out


_ON_BEFORE = re.compile(r"(?i:\bon\s+)$")


def _two_days(text: str, a: _Cand, b: _Cand) -> bool:
    """ "On 31 December 2022 and 1 January 2023": two days written out, one span."""
    pa, pb = a.parts, b.parts
    if pa is None or pb is None or None in (pa.day, pa.month, pb.day, pb.month) \
            or _ON_BEFORE.search(text, max(0, a.start - 4), a.start) is None:
        return False
    yb = pb.year or pa.year or 2001
    ya = pa.year or (yb - 1 if pa.month > pb.month else yb)
    try:  # (days of one event, not two dates weeks apart)
        return 0 <= (date(yb, pb.month, pb.day) - date(ya, pa.month, pa.day)).days <= 7
    except ValueError:
        return False


def _range_resolver(a: _Cand, b: _Cand) -> _Resolver:
    def resolve(pub: _Pub, state: _State) -> _Range | None:
        rb = b.resolve(pub, state)
        if rb is None:
            return None
        ra = None
        if a.parts is not None and a.parts.year is None and a.parts.month is not None:
            # "between March and May 2017", "14 March to 2 April 2017", "May through July
            # of last year": the year is written once, at the end.
            for year in (rb[1].year, rb[1].year - 1):
                ra = _parts_range(replace(a.parts, year=year, weekday=None))
                if ra is not None and ra[0] <= rb[1]:
                    break
        if ra is None:
            ra = a.resolve(pub, state)
        if ra is None or ra[0] > rb[1]:
            return None
        start, end = ra[0], rb[1]
        return start, end, _coarsest(_width_precision(start, end),
                                     "days" if (start, end) != (ra[0], ra[1]) else ra[2])

    return resolve


def _week_resolver(a: _Cand) -> _Resolver:
    def resolve(pub: _Pub, state: _State) -> _Range | None:
        r = a.resolve(pub, state)
        if r is None:
            return None
        return r[0], r[0] + timedelta(days=6), "week"

    return resolve


def _since_resolver(a: _Cand) -> _Resolver:
    def resolve(pub: _Pub, state: _State) -> _Range | None:
        r = a.resolve(pub, state)
        if r is None or pub is None or pub[1] <= r[1]:
            return r
        return r[0], pub[1], _width_precision(r[0], pub[1])

    return resolve


# ---------------------------------------------------------------------------------------
# Kind


_RISE_WORDS = frozenset({"rose", "risen", "climbed"})  # a toll's rise: dates the day after
# The words of digging up the dead (also what a tribunal does in the field, not in court:
# `background`)
EXHUMATION_WORDS = (r"exhum\w*|excavat\w*|unearth\w*|disinter\w*|dug\s+up|dig\s+up"
                    r"|digging\s+up"
                    # "investigators opened a mass grave at the farm"
                    r"|open(?:ed|ing)\s+(?:(?:a|the|another|two|three|several)\s+)?"
                    r"(?:mass\s+)?graves?")
_CUES: list[tuple[str, re.Pattern[str]]] = [
    ("exhumation", re.compile(rf"\b(?:{EXHUMATION_WORDS})", re.I)),
    ("discovery", re.compile(
        r"\b(?:found|finds?|discover\w*|uncover\w*|located|identified|detected)\b", re.I)),
    ("report", re.compile(
        r"\b(?:said|says|say|saying|reported|reporting|reports?|announc\w*|told|tells"
        r"|published|released|stated|statement|claimed|confirmed|admitted|denied|warned"
        r"|revealed|according|added|posted|tweeted|wrote|conference|briefing|interview"
        # a bulletin's own date: "Flash Update No. 3 (11 June 2025)"
        r"|update|bulletin|sitrep|digest"
        # (a toll's rise is news of the day it is told: "the toll rose to 30 on Sunday")
        r"|" + "|".join(sorted(_RISE_WORDS)) + r")\b", re.I)),
    ("event", re.compile(
        r"\b(?:kill\w*|execut\w*|bomb\w*|struck|strikes?|airstrikes?|air\s+strikes?"
        r"|shell(?:ed|ing|s)?|massacr\w*|attack\w*|died|die|dies|death|perished|murder\w*"
        r"|slain|slaughter\w*|shot|shooting|shoot-?outs?|assault\w*|raid\w*|clash\w*|fighting"
        r"|invad\w*|invasion|seized|captured|overran|overrun|launch\w*|offensive"
        # ("began exhuming": the verb after says what began)
        r"|began(?!\s+\w+ing\b)"
        r"|liberat\w*|recaptur\w*|retak\w*|withdr\w*|fled|bombard\w*"
        # what was done to people or went off (the verb nearest the date, before a
        # "reported" further off: "reported the disappearance of 15 men on 3 July")
        r"|abduct\w*|kidnap\w*|disappear(?:ed|ance|ances)|detain\w*|tortur\w*|hostages?"
        r"|explo(?:ded|sion|sions|des?)|blasts?|detonat\w*|ambush\w*|gunned|behead\w*"
        # a grave's own dates: when its dead were buried ("graves dated May through July")
        r"|buri(?:ed|al|als)|bury|interred|dumped|dispos(?:e|ed|al)\s+of|dated|dating)\b",
        re.I)),
]
_KIND_WINDOW = 400
_MONTH_OF = re.compile(r"\s*\(\s*(?i:(?:the\s+)?month\s+of)\s*\)")
# "5 March 2023 (as reported)": how the date is known, not a date of the report
_QUALIFIER = re.compile(r"\s*\(\s*(?i:as\s+|was\s+)?$")
_OPENS = re.compile(r"\W*(?i:(?:on|in|at|by|during|late|early|earlier|later)\s+)*$")
_THAT_CLAUSE = re.compile(r"\bthat\s+(?i:(?:on|in|during|late|early|by)\s+)?(?:the\s+)?$")
_KIND_RANK = {"exhumation": 0, "discovery": 1, "report": 2, "event": 3}


def date_kind(sentence: str, span: tuple[int, int] | None = None) -> DateKind:
    """What a date in this sentence is a date of, from its verbs.

    With `span` (the date's offsets in `sentence`) the cue word nearest the date wins, so
    "graves have been found, the officials told reporters on Monday" dates the report,
    not the discovery; an attribution after a comma ("..., the UN said") is not a cue.
    Without it, exhumation > discovery > report > event.
    """
    best: tuple[int, int, str] | None = None
    told = span is not None and _THAT_CLAUSE.search(sentence, max(0, span[0] - 30),
                                                   span[0]) is not None
    for kind, pattern in _CUES:
        for m in _fast(pattern).finditer(sentence):  # pattern.finditer, sooner
            if span is None:
                dist = 0
            elif m.end() <= span[0]:
                if kind == "report" and told:
                    continue  # "the report recalls that on 29 November aircraft struck":
                    # the date opens what is told, not the telling
                dist = span[0] - m.end()
            elif m.start() >= span[1]:
                if kind == "report" and _QUALIFIER.fullmatch(sentence, span[1], m.start()):
                    continue
                if kind == "report" and m.group().lower() in _RISE_WORDS:
                    continue  # "the toll from the bombings on Easter Sunday rose to 290":
                    # the day before the rise is the attack's
                if kind == "report" and "," in sentence[span[1]:m.start()] \
                        and not _OPENS.match(sentence, 0, span[0]):
                    # "... between June 20-21, the UN said": who tells, not when; but
                    # "In June, the coalition admitted": the opening date is the verb's.
                    continue
                dist = m.start() - span[1]
            else:
                continue
            key = (dist, _KIND_RANK[kind], kind)
            if best is None or key < best:
                best = key
    return best[2] if best else "event"  # type: ignore[return-value]


_BOILER_ANYWHERE = r"©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved"
_BOILER_HEAD = (r"^\s*(?:read more|related|see also|more from|advertisement|sign up"
                r"|subscribe)\b")
_BOILERPLATE = re.compile(f"{_BOILER_ANYWHERE}|{_BOILER_HEAD}", re.I)
# The same, searched as two: the head only where a line begins, the rest behind a
# look-ahead for its first characters (long lines are scanned many times faster).
_BOILER_ANYWHERE_RE = re.compile(_BOILER_ANYWHERE, re.I)
_BOILER_HEAD_RE = re.compile(_BOILER_HEAD, re.I)


def looks_like_boilerplate(line: str) -> bool:
    """Copyright lines and "READ MORE:" links: their dates are the page's, not the story's.

    A default for `estimate_published(boilerplate=...)`.  (`_BOILERPLATE.search(line)`.)
    """
    return bool(_BOILER_HEAD_RE.match(line) or _fast(_BOILER_ANYWHERE_RE).search(line))


class _Lines:
    """Which line an offset is on, and whether a predicate holds for that line, computed
    once per line: a one-line document with thousands of dates must stay linear."""

    def __init__(self, text: str, predicate: Callable[[str], bool]):
        self._text = text
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._predicate = predicate
        self._seen: dict[int, bool] = {}

    def test(self, pos: int) -> bool:
        k = bisect.bisect_right(self._starts, pos) - 1
        if k not in self._seen:
            end = self._starts[k + 1] - 1 if k + 1 < len(self._starts) else len(self._text)
            self._seen[k] = bool(self._predicate(self._text[self._starts[k]:end]))
        return self._seen[k]


# ---------------------------------------------------------------------------------------
# Public API


_RECURRING_BEFORE = re.compile(r"\b(?:every|each)\s+(?:year\s+)?(?:on\s+)?$", re.I)


def find_dates(text: str, published: tuple[date, date] | None) -> list[DateMention]:
    """Every date phrase in `text`, as ranges of days, in document order.

    `published` is the publication date as a (first, last) day range (see
    `geo.read.published.published_range`); without it, phrases that need it ("last
    Thursday", "24 February") are left out rather than resolved against today.
    """
    if published is not None and published[0] > published[1]:
        published = (published[1], published[0])
    state = _State()
    lines = _Lines(text, looks_like_boilerplate)
    out: list[DateMention] = []
    for c in _candidates(text):
        if _RECURRING_BEFORE.search(text, max(0, c.start - 20), c.start):
            continue  # "every year on March 16": a day that recurs, no event's date
        for cand, r in _resolve_with_fallback(c, published, state):
            mention = _mention(text, cand, r, published, lines)
            if mention is not None:
                out.append(mention)
                if r[0].year == r[1].year and mention.precision != "unknown":
                    # (a day read in the year the text wrote goes on in it)
                    state.written = cand.parts is not None and cand.parts.year is not None \
                        or state.written and state.year == r[0].year
                    state.year = r[0].year
    return _within_ago(text, out)


# "on Easter Sunday morning five years ago": the day is a day of that earlier time, not
# the last Sunday before publication
_AGO = re.compile(r"\s*[\w,]{0,12}?\s*(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine"
                  r"|ten|eleven|twelve|several|a\s+few)\s+(?:years?|months?|weeks?)\s+ago\b",
                  re.I)


def _within_ago(text: str, dates: list[DateMention]) -> list[DateMention]:
    """Drop a weekday read against the publication date when "N years ago" follows it."""
    out = []
    for k, d in enumerate(dates):
        nxt = dates[k + 1] if k + 1 < len(dates) else None
        if nxt is not None and d.precision == "day" and _WEEKDAY_WORD.search(d.text) \
                and (ago := _AGO.match(text, d.end)) and ago.end() >= nxt.end:
            continue
        out.append(d)
    return out


_WEEKDAY_WORD = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)


def _resolve_with_fallback(c: _Cand, pub: _Pub, state: _State) -> Iterator[tuple[_Cand, _Range]]:
    r = _safe_resolve(c, pub, state)
    if r is not None:
        yield c, r
        return
    for part in c.pieces:
        rp = _safe_resolve(part, pub, state)
        if rp is not None:
            yield part, rp


def _safe_resolve(c: _Cand, pub: _Pub, state: _State) -> _Range | None:
    try:
        r = c.resolve(pub, state)
    except (ValueError, OverflowError, KeyError, IndexError, TypeError):
        return None  # out-of-range years near date.min/date.max, impossible days
    if r is None or r[0] > r[1]:
        return None
    return r


def _mention(text: str, c: _Cand, r: _Range, pub: _Pub,
             boilerplate_lines: _Lines) -> DateMention | None:
    start, end = c.start, c.end
    if c.kind:
        kind = c.kind
    elif boilerplate_lines.test(start):
        kind = "report"
    else:
        # A window keeps this linear on text without sentence ends; cue words further
        # than this from a date say little about it anyway.
        w0 = max(0, start - _KIND_WINDOW)
        window = text[w0:end + _KIND_WINDOW]
        s0, s1 = sentence_bounds(window, start - w0)
        s1 = max(s1, end - w0)
        kind = date_kind(window[s0:s1], (start - w0 - s0, end - w0 - s0))
    lo, hi, precision = r
    if precision == "day" and _MONTH_OF.match(text, end):
        # "On 5 March 2023 (month of)": monitors' mark for a day known only to its month
        lo, hi, precision = lo.replace(day=1), _month_end(lo.year, lo.month), "month"
    return DateMention(start=start, end=end, text=text[start:end], date_start=lo,
                       date_end=hi, precision=precision, kind=kind,
                       relative=c.relative and pub is not None)


def estimate_published(
    text: str,
    *,
    boilerplate: Callable[[str], bool] | None = None,
    today: date | None = None,
) -> tuple[date, date, DatePrecision] | None:
    """A publication range for an article that carries no date, from its own dates.

    An article cannot be older than the latest day it names, so that day's range start is
    a lower bound; nothing bounds it from above but the day it is read (`today`), so the
    range runs to that day: a guess of a year or two would be narrower than the evidence
    (reports of a grave found in 2018 often name only the war that ended in 2009).  Never
    an exact day: the precision is that of the evidence.  "on Monday (26 December)"
    without a year narrows the year to those where 26 December was a Monday,
    preferring the first one not before the text's explicit years, else the most recent
    (up to `today`).  Lines `boilerplate` flags (a copyright line, "READ MORE:") are not
    evidence; `looks_like_boilerplate` is a ready-made choice.
    """
    today = today or date.today()

    flagged = _Lines(text, boilerplate) if boilerplate is not None else None

    def usable(pos: int) -> bool:
        return flagged is None or not flagged.test(pos)

    evidence: list[tuple[date, date, str]] = []
    years: list[int] = []
    for m in find_dates(text, None):
        if not usable(m.start) or m.date_start > today:
            continue
        prec = {"day": "day", "days": "day", "week": "day"}.get(m.precision, m.precision)
        if prec == "unknown":
            continue
        evidence.append((m.date_start, m.date_end, prec))
        years.append(m.date_end.year)

    clues: list[_Parts] = []
    for c in _candidates(text):
        p = c.parts
        if (p is not None and p.year is None and p.weekday is not None and p.month
                and p.day and usable(c.start)):
            clues.append(p)
    if clues:
        candidate_sets = [set(weekday_years(p.month, p.day, p.weekday, last=today.year))
                          for p in clues if p.month and p.day and p.weekday is not None]
        common = set.intersection(*candidate_sets) if candidate_sets else set()
        choices = sorted(common or candidate_sets[0]) if candidate_sets else []
        if choices:
            if years:
                consistent = [y for y in choices if y >= max(years)]
                year = consistent[0] if consistent else choices[-1]
            else:
                year = choices[-1]
            for p in clues:
                try:
                    d = date(year, p.month, p.day)  # type: ignore[arg-type]
                except ValueError:
                    continue
                # The year is inferred, so the evidence is no better than a month.
                evidence.append((d, d, "month"))

    if not evidence:
        return None
    start, end, prec = max(evidence, key=lambda e: (e[0], -_ORDER[e[2]]))
    return start, max(end, today), prec  # type: ignore[return-value]


def yearless_date(text: str, start: int, end: int) -> str | None:
    """The first day and month written without a year in text[start:end] ("On April 13",
    "the night of 9 November"): what an undated report says of when, which no range can
    hold without a year."""
    found = [m for pattern in (_P_DMY, _P_MDY) if (m := pattern.search(text, start, end))]
    found = [m for m in found if not _YEAR_RE.search(m.group("d"))]
    return min(found, key=lambda m: m.start()).group("d") if found else None
