"""Which claims are one incident: the grouping rules over compact columns.

Two claims (or groups of claims) are one incident when all of these hold:
- the type agrees: the same type, or two kinds of remote violence that honest reports
  confuse (airstrike, shelling, explosive), or one side typed from weak words only;
- the sites lie within their combined uncertainty radii plus a 5 km margin (a coarse
  site, admin1 or country, meets another at the same division, or a fine site inside it
  when the texts agree too);
- the date ranges overlap once each is widened by a tolerance that follows its
  precision (day or days: 3 days, week: 4, month: 7, year or unknown: none; a grave's,
  dated to the day or week, 10: finding and digging it up take weeks), and a
  range that is only the report's date, or a grave's exhumation, reaches back 45 days
  (reports follow events, digging follows finding);
  for strikes (which recur in one town week after week, so that many reports' dates
  all meet), where a side is dated only by its report the texts must share a rare word
  too, and two (below) when neither side's text dates its strike;
- no article gives the two sides days of their own more than a day apart (a roundup's
  "Shujaiya, 19-20 July" and "Beit Hanoun, 24 July" stay two incidents, however near,
  and no report joining one of them joins the other too);
- a claim with no usable date (none, or only a guess at the report's date, or a weekday
  read against such a guess) joins only where
  the texts agree too: the incident's sentences share two rare words or more besides the
  site's name ("amstor", "courtyard"; compared as 32-bit hashes; words that more than 10
  documents and 5% of the run share are the corpus's own vocabulary and do not count),
  or both articles name one place the gazetteer lacks ("Togoga").  Missing information
  alone never merges.
A report that places its incident only by the country ("in Hroza in eastern Ukraine",
a village the gazetteer lacks) is a coarse claim like any other, but alone it is no
point on the map: its incident is kept only when a claim with a finer site joined it
(`IncidentSet.lone`).
A killing of civilians may join an incident of another type when both are dated: reports
of one massacre disagree on whether shells or guns killed the victims.
Claims are grouped first within each article, then the articles' groups across articles,
each time greedily in claim order (earliest publication first) and without chaining:
every claim of a group must agree with the other side.

A run over hundreds of thousands of articles keeps only what these rules read, as numpy
columns (`ClaimTable`, about 50 bytes a claim), and the groups so far as columns too
(`_Clusters`); the claims themselves wait on disk (`geo.run.store`) until their incident is
written.  The answer is the one the rules give comparing every group with every other
(tests/incidents/test_incidents.py checks it against such a brute-force version).
"""

from __future__ import annotations

import math
import zlib
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import pairwise

import numpy as np

from geo.distance import ONE_PLACE_KM, haversine_km, haversine_km_many
from geo.incidents.claims import TOLL_MARK

MARGIN_KM = 5.0
TOLERANCE_DAYS = {"day": 3, "days": 3, "week": 4, "month": 7, "year": 0, "unknown": 0}
REPORT_BEFORE_DAYS = 45  # a report's date may follow the event by this much
# A grave's discovery, its exhumation (days or weeks of digging) and the reports of each
# fall over weeks: "exhumations began on 16 September" and "investigators finished on the
# 23rd" are one grave.
GRAVE_DAYS = 10
VAGUE_DAYS = 62  # a wider date range is no date for grouping
DAYS_KEPT = 32  # the own days a group remembers, to keep incidents its articles tell apart
SIG_WORDS = 24  # rare words kept (as 32-bit hashes) per claim for the text check
SIG_GROUP = 64  # ... and per group
SIG_AGREE = 2  # shared rare words (other than the site's name) for two texts to agree
NAME_BIT = 0x8000_0000  # set in the hashes of names (places the gazetteer lacks), not words
TOLL_HASHES = 1 << 16  # hashes below this are a toll's words: together they count as one
COMMON_SHARE, COMMON_FLOOR = 0.05, 10  # a word in more documents than both is the corpus's
SAME_DIVISION_KM = 1.0
COARSE = frozenset({"admin1", "country"})
REMOTE = frozenset({"airstrike", "shelling", "explosive_mine"})
KILLING = "execution_massacre"
KILLING_FAMILY = -2
REMOTE_FAMILY = -1  # airstrike, shelling, explosive: the family of `REMOTE`
NO_DAY = 0  # "no date" in day columns: real dates are ordinals from 1 (0001-01-01)
NO_SITE_KEY = 1e9  # an unknown (or zero) uncertainty ranks after every known one
CELL_DEG = 1.0  # grid cell for finding merge candidates (about 111 km)


def day(d: date | None) -> int:
    return NO_DAY if d is None else d.toordinal()


def as_date(n: int) -> date | None:
    return None if n == NO_DAY else date.fromordinal(int(n))


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """What grouping reads of one claim (see `row_of`)."""

    doc: int
    event_type: str
    coarse: bool
    lat: float
    lon: float
    uncertainty_km: float | None
    start: int
    end: int
    tolerance: int
    before: int = 0  # extra days the range reaches back (a report's date)
    weak: bool = False  # typed from weak words only
    sig: tuple[int, ...] = (0,) * SIG_WORDS
    stated: bool = True  # the date is the text's for the event, not only the report's
    lone: bool = False  # placed only by its country: joins others, never stands alone


def signature(words, names=()) -> tuple[int, ...]:
    """A text's rare words as sorted 32-bit hashes (at most `SIG_WORDS`; 0 pads).

    `names` (places the gazetteer lacks, as the article spells them) count twice and
    come first: two reports naming one unknown village agree on that alone, as an
    analyst would say of two reports of a strike on a market in "Togoga"."""
    strong = sorted({zlib.crc32(f"{mark}{n}".encode()) | NAME_BIT for n in names
                     for mark in "\1\2"})
    rest = sorted({_word_hash(w) for w in words})
    hashes = sorted((strong + rest)[:SIG_WORDS])
    return tuple(hashes) + (0,) * (SIG_WORDS - len(hashes))


def _word_hash(w: str) -> int:
    """A word's 32-bit hash; a toll's words (`geo.incidents.claims.toll_words`) fall
    below `TOLL_HASHES`, so that `texts_agree` can count them as one."""
    h = zlib.crc32(w.encode("utf-8"))
    if w.startswith(TOLL_MARK):
        return 1 + h % (TOLL_HASHES - 1)
    return max(h & ~NAME_BIT, TOLL_HASHES)


def row_of(claim, doc: int) -> ClaimRow:
    """A `geo.incidents.claims.Claim`'s grouping fields; `doc` numbers its document."""
    start, end = day(claim.date_start), day(claim.date_end)
    report = claim.date_kind == "report"
    if end == NO_DAY or (report and claim.source.published_estimated) \
            or getattr(claim, "date_guessed", False):
        start = end = NO_DAY  # no date, or only a guess at when the report appeared
    return ClaimRow(
        doc=doc, event_type=claim.event_type, coarse=claim.coarse,
        lat=math.nan if claim.lat is None else claim.lat,
        lon=math.nan if claim.lon is None else claim.lon,
        uncertainty_km=claim.uncertainty_km,
        start=start, end=end,
        tolerance=max(TOLERANCE_DAYS.get(claim.date_precision, 0),
                      GRAVE_DAYS if claim.event_type == "mass_grave"
                      and claim.date_precision in ("day", "days", "week") else 0),
        # (an exhumation follows the finding by weeks, as a report follows its event)
        before=REPORT_BEFORE_DAYS if (report or claim.date_kind == "exhumation")
        and claim.date_precision in ("day", "days", "week") else 0,
        weak=bool(getattr(claim, "type_weak", False)), stated=not report,
        lone=bool(getattr(claim, "lone", False)),
        sig=signature(getattr(claim, "keywords", ()) or (), getattr(claim, "names", ()) or ()))


class ClaimTable:
    """Every claim of a run as columns, in claim order (earliest publication first, then
    claim id): position k is the k-th claim.  Built with `from_rows`, or column by
    column by a store that reads them from disk (`geo.run.store`)."""

    def __init__(self, n: int):
        self.types: list[str] = []
        self.doc = np.zeros(n, np.int32)
        self.etype = np.zeros(n, np.int16)
        self.coarse = np.zeros(n, np.bool_)
        self.lat = np.zeros(n, np.float64)
        self.lon = np.zeros(n, np.float64)
        self.radius = np.zeros(n, np.float64)  # uncertainty, 0 when unknown
        self.site_rank = np.zeros(n, np.float64)  # uncertainty, NO_SITE_KEY when unknown or 0
        self.start = np.zeros(n, np.int32)  # day ordinals (NO_DAY: none)
        self.end = np.zeros(n, np.int32)
        self.tolerance = np.zeros(n, np.int16)
        self.before = np.zeros(n, np.int16)
        self.weak = np.zeros(n, np.bool_)
        self.stated = np.ones(n, np.bool_)
        self.lone = np.zeros(n, np.bool_)
        self.sig = np.zeros((n, SIG_WORDS), np.uint32)
        self.split = np.zeros(n, np.bool_)
        self._codes: dict[str, int] = {}
        self.family: list[int] = []  # per type code: types of one family may merge

    @classmethod
    def from_rows(cls, rows: Iterable[ClaimRow], splits: Iterable[int] = ()) -> ClaimTable:
        rows = list(rows)
        t = cls(len(rows))
        for k, r in enumerate(rows):
            t.set(k, r)
        t.split[list(splits)] = True
        return t

    def set(self, k: int, r: ClaimRow) -> None:
        code = self._codes.get(r.event_type)
        if code is None:
            code = self._codes[r.event_type] = len(self.types)
            self.types.append(r.event_type)
            self.family.append(REMOTE_FAMILY if r.event_type in REMOTE else
                               KILLING_FAMILY if r.event_type == KILLING else code)
        self.doc[k], self.etype[k], self.coarse[k] = r.doc, code, r.coarse
        self.lat[k], self.lon[k] = r.lat, r.lon
        self.radius[k] = r.uncertainty_km or 0.0
        self.site_rank[k] = r.uncertainty_km or NO_SITE_KEY
        self.start[k], self.end[k], self.tolerance[k] = r.start, r.end, r.tolerance
        self.before[k], self.weak[k], self.stated[k] = r.before, r.weak, r.stated
        self.lone[k] = r.lone
        self.sig[k] = np.array(r.sig, np.uint32)

    def __len__(self) -> int:
        return len(self.doc)


@dataclass(frozen=True, slots=True)
class Rep:
    """A group's representative, what the rules compare: its most precise site, and the
    latest start and earliest end of its claims' widened date ranges (every claim meets
    a range R exactly when the latest start is not after R's end and the earliest end
    not before R's start), with the shortest range standing in for the intersection when
    the ranges disagree."""

    etype: int
    family: int
    weak: bool
    coarse: bool
    site: int  # claim position
    site_coarse: bool
    site_rank: float
    lat: float
    lon: float
    radius: float
    max_start: int  # NO_DAY: no dated claim
    min_end: int
    short_lo: int
    short_hi: int
    sig: frozenset[int] = frozenset()
    stated: bool = False  # some claim's date is the text's for the event
    days: tuple[tuple[int, int, int], ...] = ()  # (doc, start, end) of its claims' own days

    @property
    def range(self) -> tuple[int, int] | None:
        if self.max_start == NO_DAY:
            return None
        if self.max_start <= self.min_end:
            return self.max_start, self.min_end
        return self.short_lo, self.short_hi


def rep_of(t: ClaimTable, k: int) -> Rep:
    """The representative of claim k alone."""
    dated = t.start[k] != NO_DAY and t.end[k] != NO_DAY
    lo = int(t.start[k] - t.tolerance[k] - t.before[k]) if dated else NO_DAY
    hi = int(t.end[k] + t.tolerance[k]) if dated else NO_DAY
    coarse = bool(t.coarse[k])
    etype = int(t.etype[k])
    return Rep(etype=etype, family=t.family[etype], weak=bool(t.weak[k]), coarse=coarse,
               site=k, site_coarse=coarse, site_rank=float(t.site_rank[k]),
               lat=float(t.lat[k]), lon=float(t.lon[k]), radius=float(t.radius[k]),
               max_start=lo, min_end=hi, short_lo=lo, short_hi=hi,
               sig=frozenset(int(x) for x in t.sig[k] if x),
               stated=dated and bool(t.stated[k]),
               days=((int(t.doc[k]), int(t.start[k]), int(t.end[k])),)
               if dated and t.stated[k] and t.end[k] - t.start[k] <= 1 else ())


def joined(a: Rep, b: Rep) -> Rep:
    """The representative of `a`'s claims followed by `b`'s: the same as one built from
    all of them in that order (the first minimum wins every tie)."""
    site = b if (b.site_coarse, b.site_rank) < (a.site_coarse, a.site_rank) else a
    max_start, min_end = a.max_start, a.min_end
    if b.max_start != NO_DAY:
        if max_start == NO_DAY:
            max_start, min_end = b.max_start, b.min_end
        else:
            max_start, min_end = max(max_start, b.max_start), min(min_end, b.min_end)
    short = a
    if b.short_lo != NO_DAY and (a.short_lo == NO_DAY
                                 or b.short_hi - b.short_lo < a.short_hi - a.short_lo):
        short = b
    typed = b if a.weak and not b.weak else a
    return replace(a, etype=typed.etype, family=typed.family, weak=a.weak and b.weak,
                   sig=a.sig | b.sig if len(a.sig) < SIG_GROUP else a.sig,
                   coarse=a.coarse and b.coarse, site=site.site,
                   site_coarse=site.site_coarse, site_rank=site.site_rank, lat=site.lat,
                   lon=site.lon, radius=site.radius, max_start=max_start, min_end=min_end,
                   short_lo=short.short_lo, short_hi=short.short_hi,
                   stated=a.stated or b.stated, days=(a.days + b.days)[:DAYS_KEPT])


def _meets(u: Rep, r: tuple[int, int]) -> bool:
    """Does every dated claim of `u` overlap the range `r`?"""
    return u.max_start == NO_DAY or (u.max_start <= r[1] and u.min_end >= r[0])


def types_agree(a: Rep, b: Rep, dated: bool) -> bool:
    return a.etype == b.etype or a.family == b.family or a.weak or b.weak or (
        dated and KILLING_FAMILY in (a.family, b.family))


def texts_agree(a: Rep, b: Rep, words: int = SIG_AGREE) -> bool:
    """Do the two sides' sentences share `words` rare words or more?  (A toll's words,
    however many the two share, count as one.)"""
    shared = a.sig & b.sig
    tolls = sum(1 for h in shared if h < TOLL_HASHES)
    return len(shared) - max(0, tolls - 1) >= words


def told_apart(a: Rep, b: Rep) -> bool:
    """Does one article give the two sides days of their own more than a day apart?
    ("Shujaiya, 19-20 July ... Beit Hanoun, 24 July": two incidents, however near.)"""
    return any(d == e and (s2 > e1 + 1 or s1 > e2 + 1)
               for d, s1, e1 in a.days for e, s2, e2 in b.days)


def compatible(a: Rep, b: Rep) -> bool:
    """May the groups of `a` and `b` be one incident?  (The rules above.)"""
    if told_apart(a, b):
        return False
    ra, rb = a.range, b.range
    if not types_agree(a, b, ra is not None and rb is not None):
        return False
    if math.isnan(a.lat) or math.isnan(b.lat):
        return False
    if a.coarse != b.coarse:
        # A report that knows only the division joins an incident sited inside it when
        # the texts agree ("the small village of Yahidne in Chernihiv Oblast"), and is of
        # its kind: in a province, a killing and a strike of the same days are two events.
        if not (a.etype == b.etype or a.family == b.family or a.weak or b.weak):
            return False
        area = a if a.coarse else b
        if haversine_km(a.lat, a.lon, b.lat, b.lon) > area.radius + MARGIN_KM \
                or not texts_agree(a, b):
            return False
        return ra is None or rb is None or (_meets(a, rb) and _meets(b, ra))
    reach = SAME_DIVISION_KM if a.coarse else a.radius + b.radius + MARGIN_KM
    if haversine_km(a.lat, a.lon, b.lat, b.lon) > reach:
        return False
    if ra is None or rb is None:
        return texts_agree(a, b)
    # A strike dated only by when it was reported says little of when it was: the same
    # town is shelled week after week, so the texts must share a rare word too, and two
    # when neither side's text dates its strike.  (Graves and massacres do not recur so.)
    if not (_meets(a, rb) and _meets(b, ra)):
        return False
    if a.stated and b.stated or REMOTE_FAMILY not in (a.family, b.family):
        return True
    return texts_agree(a, b, 1 if a.stated or b.stated else SIG_AGREE)


def _cell(coarse: bool, lat: float, lon: float) -> tuple[int, int, int]:
    """Grid cells hold fine and coarse groups apart (types may mix: see `types_agree`)."""
    return int(coarse), math.floor(lat / CELL_DEG), math.floor(lon / CELL_DEG)


class _Clusters:
    """Groups so far as columns, with a grid of their sites' cells per type.

    A new group is compared only with groups in the cells its reach covers, and those
    are first filtered all at once (dates, distance) with numpy: dense cells (thousands
    of reports about a few towns) stay cheap.  A group whose site moves is filed again
    under its new cell; the stale entry is skipped by its position."""

    # One int32 row per group (44 bytes): a filter gathers all its columns with one
    # fancy index.  The site's coordinates, radius and rank are the site claim's, read
    # from the claim table rather than copied.
    FIELDS = ("etype", "coarse", "site", "max_start", "min_end", "short_lo", "short_hi",
              "lo", "hi", "ci", "cj", "family", "weak", "stated")
    # lo, hi: the range (NO_DAY: none); ci, cj: the cell
    COL = {f: k for k, f in enumerate(FIELDS)}

    def __init__(self, t: ClaimTable) -> None:
        self.t = t
        self.n = 0
        self.data = np.zeros((len(t), len(self.FIELDS)), np.int32)  # never more groups
        self.sigs: dict[int, frozenset[int]] = {}
        self.days: dict[int, tuple[tuple[int, int, int], ...]] = {}
        self.cells: dict[tuple[int, int, int], array] = {}
        self.widest = 0.0
        self.widest_coarse = 0.0
        self.filed: set[bool] = set()  # the kinds (coarse or not) of the groups filed
        self.dead: set[int] = set()  # groups joined into an earlier one
        self.docs: dict[int, set[int]] = {}  # the articles of each group

    def rep(self, k: int) -> Rep:
        etype, coarse, site, max_start, min_end, short_lo, short_hi = self.data[k, :7].tolist()
        family, weak, stated = self.data[k, 11:14].tolist()
        t = self.t
        return Rep(etype, family, bool(weak), bool(coarse), site, bool(t.coarse[site]),
                   float(t.site_rank[site]), float(t.lat[site]), float(t.lon[site]),
                   float(t.radius[site]), max_start, min_end, short_lo, short_hi,
                   self.sigs.get(k, frozenset()), bool(stated), self.days.get(k, ()))

    def add(self, rep: Rep, doc: int = -1) -> int:
        k = self.n
        self.n += 1
        self._set(k, rep, filed=False)
        self.docs[k] = {doc}
        return k

    def absorb(self, k: int, rep: Rep, docs: Iterable[int] = ()) -> None:
        self._set(k, joined(self.rep(k), rep), filed=True)
        self.docs.setdefault(k, set()).update(docs)

    def _set(self, k: int, rep: Rep, *, filed: bool) -> None:
        row = self.data[k]
        lo, hi = rep.range or (NO_DAY, NO_DAY)
        row[:self.COL["ci"]] = (rep.etype, rep.coarse, rep.site, rep.max_start, rep.min_end,
                                rep.short_lo, rep.short_hi, lo, hi)
        row[self.COL["family"]], row[self.COL["weak"]] = rep.family, rep.weak
        row[self.COL["stated"]] = rep.stated
        if rep.sig:
            self.sigs[k] = rep.sig
        if rep.days:
            self.days[k] = rep.days
        if math.isnan(rep.lat):  # no site: never merges
            return
        self.filed.add(rep.coarse)
        if rep.coarse:
            self.widest_coarse = max(self.widest_coarse, rep.radius)
        else:
            self.widest = max(self.widest, rep.radius)
        cell = _cell(rep.coarse, rep.lat, rep.lon)
        ci, cj = self.COL["ci"], self.COL["cj"]
        if filed and (int(row[ci]), int(row[cj])) == cell[1:]:
            return
        row[ci], row[cj] = cell[1:]
        self.cells.setdefault(cell, array("i")).append(k)

    def first_compatible(self, u: Rep, before: int | None = None,
                         docs: set[int] = frozenset()) -> int | None:
        """The earliest group `u` may join, if any (as a scan of every group would);
        with `before`, only groups earlier than that one and not yet joined; never one
        that an article of `u` (`docs`) told as another incident."""
        if math.isnan(u.lat):
            return None
        # Its own kind (fine or coarse) within reach, and the other kind: coarse areas
        # that may hold it, or fine sites inside it.
        same = SAME_DIVISION_KM if u.coarse else u.radius + self.widest + MARGIN_KM
        other = u.radius + MARGIN_KM if u.coarse else self.widest_coarse + MARGIN_KM
        found = []
        for coarse, km in ((u.coarse, same), (not u.coarse, other)):
            if coarse not in self.filed:
                continue  # no group of that kind yet
            reach = km / 111.0
            dlat = math.ceil(reach / CELL_DEG)
            dlon = min(360, math.ceil(reach / CELL_DEG
                                      / max(0.05, math.cos(math.radians(u.lat)))))
            t, ci, cj = _cell(coarse, u.lat, u.lon)
            found += [self.cells[key] for a in range(ci - dlat, ci + dlat + 1)
                      for b in range(cj - dlon, cj + dlon + 1)
                      if (key := (t, a, b)) in self.cells]
        if not found:
            return None
        # Ids may repeat, and a group that moved stays listed under its old cell too:
        # harmless, as only the first compatible group counts and `compatible` reads
        # the group's current site.
        ids = np.frombuffer(found[0], np.int32) if len(found) == 1 else \
            np.concatenate([np.frombuffer(f, np.int32) for f in found])
        for k in np.unique(self._plausible(ids, u)).tolist():
            if before is not None and (k >= before or k in self.dead):
                continue
            if compatible(rep := self.rep(k), u) and not (
                    docs & self.docs.get(k, set()) and _told_as_two(rep, u)):
                return k
        return None

    def _plausible(self, ids: np.ndarray, u: Rep) -> np.ndarray:
        """The ids whose dates agree with `u` and, when many do, whose sites are near
        enough (with a hair of slack: `compatible` decides, with the scalar distance)."""
        rows, col = self.data[ids], self.COL
        max_start = rows[:, col["max_start"]]
        r = u.range
        if r is not None:  # undated groups stay candidates: their texts decide
            ok = (max_start == NO_DAY) | (
                (max_start <= r[1]) & (rows[:, col["min_end"]] >= r[0])
                & (u.max_start <= rows[:, col["hi"]]) & (u.min_end >= rows[:, col["lo"]]))
            ids = ids[ok]
            rows = rows[ok]
        ok = np.ones(len(ids), np.bool_)
        if len(ids) <= 8:
            return ids
        site, t = rows[ok, col["site"]], self.t
        return ids[maybe_near(t.lat[site], t.lon[site], t.radius[site], u.lat, u.lon,
                              u.radius)]


def maybe_near(lat: np.ndarray, lon: np.ndarray, radius: np.ndarray, lat0: float,
               lon0: float, radius0: float) -> np.ndarray:
    """Which of many sites may lie within their radius plus `radius0` plus the margin of
    one site: numpy's distance, with a hair of slack for its rounding.  Callers decide
    with `haversine_km`, so the answer is the scalar rule's."""
    return haversine_km_many(lat, lon, lat0, lon0) <= radius + radius0 + MARGIN_KM + 1e-6


def _told_as_two(a: Rep, b: Rep) -> bool:
    """Did the article tell the two as two incidents: of two kinds (a killing as no
    kind of its own only across reports) at two places ("12 killed in gang attack on Bel
    Air; police free hostages in Croix-des-Bouquets"), or of two kinds of fire each named
for what it was?"""
    if a.etype == b.etype:
        # (of one kind, each dated by its own words, on other days, at two places: "118
        # killed as missiles hit Grozny market on Thursday ... Earlier this month, planes
        # bombed Elistanzhi, killing 35")
        return a.stated and b.stated and (a.max_start, a.min_end) != (b.max_start, b.min_end) \
            and haversine_km(a.lat, a.lon, b.lat, b.lon) > ONE_PLACE_KM
    if a.family == b.family == REMOTE_FAMILY and not a.weak and not b.weak:
        # ("Shelling of a camp kills 18 as drone hits maternity hospital": the article
        # read the shelling and the drone strike apart, both named for what they were)
        return True
    return a.family != b.family and haversine_km(a.lat, a.lon, b.lat, b.lon) > ONE_PLACE_KM


def _greedy_in_doc(t: ClaimTable, members: Sequence[int]) -> list[tuple[Rep, list[int]]]:
    """One article's claims grouped: each joins the first earlier group it agrees with."""
    out: list[tuple[Rep, list[int]]] = []
    for k in members:
        r = rep_of(t, k)
        for i, (g, ks) in enumerate(out):
            if compatible(g, r) and not _told_as_two(g, r):
                out[i] = (joined(g, r), [*ks, k])
                break
        else:
            out.append((r, [k]))
    return out


def cluster(t: ClaimTable, merges: Iterable[Iterable[int]] = ()) -> np.ndarray:
    """The group of each claim (an int per claim position).

    `merges` are sets of claim positions the analyst joined: every group holding one of
    them becomes one (corrections file, applied after the rules).  Claims marked split
    stay alone."""
    n = len(t)
    drop_common_words(t)
    owner = np.full(n, -1, np.int64)
    groups = _Clusters(t)
    kept = np.flatnonzero(~t.split)
    # Articles in the order of their first claim; each article's claims in claim order.
    _, first, which = np.unique(t.doc[kept], return_index=True, return_inverse=True)
    rank = np.empty(len(first), np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(first))
    by_doc = kept[np.argsort(rank[which], kind="stable")]
    cuts = [0, *(np.flatnonzero(np.diff(t.doc[by_doc])) + 1).tolist(), len(by_doc)]
    for a, b in pairwise(cuts if len(by_doc) else []):  # one article at a time
        doc = int(t.doc[by_doc[a]])
        for rep, ks in _greedy_in_doc(t, by_doc[a:b].tolist()):
            k = groups.first_compatible(rep, docs={doc})
            if k is None:
                k = groups.add(rep, doc)
            else:
                groups.absorb(k, rep, (doc,))
            owner[ks] = k
    # Greedy joining depends on order: a report that agrees with two others may join the
    # first and leave behind an undated copy that agreed only with the second, or an
    # undated report may take a dated one away from the earlier report of its day (three
    # reports of the Moriki killings: the undated one first, then the 18 July report,
    # which it does not agree with, then the 19 July report, which joins the undated one
    # and never meets the 18 July one).  So every group then joins the earliest group
    # that agrees with it as a whole, again until none does.
    into: dict[int, int] = {}  # group -> the earlier group it joined
    moved = True
    while moved:
        moved = False
        for j in range(groups.n):
            if j in groups.dead:
                continue
            rep = groups.rep(j)
            k = groups.first_compatible(rep, before=j, docs=groups.docs.get(j, set()))
            if k is not None:
                groups.absorb(k, rep, groups.docs.get(j, ()))
                groups.dead.add(j)
                into[j] = k
                moved = True
    if into:
        root = np.arange(groups.n)
        for j in into:
            k = j
            while k in into:
                k = into[k]
            root[j] = k
        owner = np.where(owner >= 0, root[owner], owner)
    alone = np.flatnonzero(t.split)
    owner[alone] = groups.n + np.arange(len(alone))
    return merge_groups(owner, merges)


def drop_common_words(t: ClaimTable) -> None:
    """Forget, in every claim's signature, the words more documents of the run share than
    `COMMON_FLOOR` and `COMMON_SHARE` of them: a stream of reports on one war shares
    "countryside", "regime" and "warplanes", which then tell no two events apart (3,000
    UCDP Syria headlines: 47 over two months in Aleppo joined on such words).  Names of
    places the gazetteer lacks are kept: they are what reports of one village share."""
    if not len(t):
        return
    sig = t.sig
    rows = np.repeat(t.doc, sig.shape[1])
    words = sig.ravel()
    keep = (words != 0) & ((words & NAME_BIT) == 0)
    pairs = np.unique(np.stack([words[keep].astype(np.int64), rows[keep].astype(np.int64)]),
                      axis=1)
    hashes, docs = np.unique(pairs[0], return_counts=True)
    limit = max(COMMON_FLOOR, COMMON_SHARE * len(np.unique(t.doc)))
    common = hashes[docs > limit]
    if len(common):
        sig[np.isin(sig, common.astype(np.uint32))] = 0


def merge_groups(owner: np.ndarray, merges: Iterable[Iterable[int]]) -> np.ndarray:
    """Join the groups holding each merge's claims (union-find over group ids)."""
    parent: dict[int, int] = {}

    def find(g: int) -> int:
        while parent.get(g, g) != g:
            g = parent[g]
        return g

    for ks in merges:
        gs = sorted({find(int(owner[k])) for k in ks})
        for g in gs[1:]:
            parent[g] = gs[0]
    if parent:
        roots = {g: find(g) for g in parent}
        owner = np.fromiter((roots.get(g, g) for g in owner.tolist()), np.int64, len(owner))
    return owner


def incidents_of(owner: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Claim positions grouped by incident, incidents ordered by their first claim:
    (positions, bounds), incident i holding positions[bounds[i]:bounds[i + 1]]."""
    n = len(owner)
    first = np.full(int(owner.max()) + 1 if n else 0, n, np.int64)
    np.minimum.at(first, owner, np.arange(n))
    key = first[owner]  # an incident's first claim: unique to it, and its place in order
    positions = np.lexsort((np.arange(n), key))
    cuts = np.flatnonzero(np.diff(key[positions])) + 1
    return positions, np.concatenate([[0], cuts, [n]]) if n else np.zeros(1, np.int64)
