"""Group claims into incidents: one incident per site, date and type, with every source.

Two claims are one incident when all of these hold:
- the type agrees;
- the sites lie within their combined uncertainty radii plus a 5 km margin;
- the date ranges overlap once each is widened by a tolerance that follows its
  precision (day or days: 3 days, week: 4, month: 7, year or unknown: none - a year
  range is already wide).
Coarse claims (admin1 or country precision, or no place at all) never merge
automatically: each stays its own incident with `needs_review` naming the incident it
may belong to.  Copies of one wire story count as one independent source; grading is
`weak` for one independent source, `fair` for two or more (Airwars' scale).

Incident ids are stable across runs and when articles are added: an incident's id is
derived from its anchor claim, the one from the earliest-published source (ties by claim
id), so a newly added later report joins an incident without renaming it.
"""

from __future__ import annotations

import hashlib
import math
from datetime import date, timedelta

from pydantic import BaseModel

from geo.claims import Claim, Source
from geo.distance import haversine_km
from geo.models import Anchor

MARGIN_KM = 5.0
TOLERANCE_DAYS = {"day": 3, "days": 3, "week": 4, "month": 7, "year": 0, "unknown": 0}


class Incident(BaseModel):
    incident_id: str
    event_type: str
    site_name: str | None
    geonameid: str | None
    lat: float | None
    lon: float | None
    country_code: str | None
    admin1: str | None
    loc_precision: str | None
    uncertainty_km: float | None
    relation: str | None
    anchor: Anchor | None
    date_start: date | None
    date_end: date | None
    date_precision: str
    date_kind: str
    count_low: int | None
    count_best: int | None
    count_high: int | None
    count_category: str | None
    number_of_sources: int
    grading: str
    needs_review: str | None
    sources: list[Source]
    claims: list[Claim]


class _Unit:
    """Claims held together so far: one article's statements of one incident, or
    several articles' once merged.  Compared through a representative: the most precise
    site and the intersection of the date ranges.

    The representative and the date aggregates are updated as units join (`absorb`), so
    a merge costs the size of the joining unit, not of the whole group: a group that
    gathers thousands of reports must not be rebuilt on each of them."""

    def __init__(self, claims: list[Claim]):
        first = claims[0]
        self.claims = [first]
        self.event_type = first.event_type
        self.coarse = first.coarse
        self.site = first
        widened = _widened(first)
        # Every claim overlaps a range R exactly when the latest claim start is not after
        # R's end and the earliest claim end is not before R's start: O(1) checks later.
        self.max_start = widened[0] if widened else None
        self.min_end = widened[1] if widened else None
        self.shortest = widened  # the intersection's stand-in when the ranges disagree
        self._refresh()
        for c in claims[1:]:
            self.absorb(_Unit([c]))

    def absorb(self, other: _Unit) -> None:
        """Take in `other`'s claims after ours: the same unit as one built from
        `self.claims + other.claims` (first minimum wins every tie, as `min` does)."""
        self.claims.extend(other.claims)
        self.coarse = self.coarse and other.coarse
        if _site_key(other.site) < _site_key(self.site):
            self.site = other.site
        if other.max_start is not None:
            if self.max_start is None:
                self.max_start, self.min_end = other.max_start, other.min_end
            else:
                self.max_start = max(self.max_start, other.max_start)
                self.min_end = min(self.min_end, other.min_end)
        if other.shortest is not None and (
                self.shortest is None or _length(other.shortest) < _length(self.shortest)):
            self.shortest = other.shortest
        self._refresh()

    def copy(self) -> _Unit:
        """A unit of its own to absorb into, leaving the caller's unit untouched."""
        new = object.__new__(_Unit)
        new.__dict__.update(self.__dict__)
        new.claims = list(self.claims)
        return new

    def _refresh(self) -> None:
        site = self.site
        self.lat, self.lon, self.radius = site.lat, site.lon, site.uncertainty_km or 0.0
        if self.max_start is None:
            self.range = None
        elif self.max_start <= self.min_end:
            self.range = (self.max_start, self.min_end)
        else:
            self.range = self.shortest

    @property
    def span(self) -> tuple[date, date] | None:
        """(latest start, earliest end): a unit can only meet ranges this touches."""
        return None if self.max_start is None else (self.max_start, self.min_end)

    @property
    def ids(self) -> set[str]:
        return {c.claim_id for c in self.claims}


def _site_key(c: Claim) -> tuple[bool, float]:
    """Most precise first: a fine place before a coarse one, then the smaller radius."""
    return (c.coarse, c.uncertainty_km or 1e9)


def _length(r: tuple[date, date]) -> timedelta:
    return r[1] - r[0]


def _widened(c: Claim) -> tuple[date, date] | None:
    if c.date_start is None or c.date_end is None:
        return None
    tol = timedelta(days=TOLERANCE_DAYS.get(c.date_precision, 0))
    return c.date_start - tol, c.date_end + tol


def _compatible(a: _Unit, b: _Unit) -> bool:
    if a.event_type != b.event_type or a.coarse or b.coarse:
        return False
    if haversine_km(a.lat, a.lon, b.lat, b.lon) > a.radius + b.radius + MARGIN_KM:
        return False
    if a.range is None or b.range is None:
        return a.range is None and b.range is None
    # Every claim of each side must agree with the other side's dates: no chaining.
    return _all_overlap(a, b.range) and _all_overlap(b, a.range)


def _all_overlap(u: _Unit, r: tuple[date, date]) -> bool:
    """Does every dated claim of `u` overlap the range `r`?"""
    if u.max_start is None:
        return True
    return u.max_start <= r[1] and u.min_end >= r[0]


def same_incident(a: Claim, b: Claim) -> bool:
    """The grouping rule for two single claims (see the module docstring)."""
    return _compatible(_Unit([a]), _Unit([b]))


LONG_MONTHS = 24  # date intervals touching more months than this are not bucketed
Interval = tuple[date | None, date | None]
Key = int | str  # a month number, or "undated", "long", "all"


def _month(d: date) -> int:
    return d.year * 12 + d.month - 1


def _months(interval: Interval) -> range | None:
    """The months an interval touches (either way round), or None for a long or
    open interval, which is then filed as, or checked against, everything."""
    lo, hi = interval
    if lo is None or hi is None:
        return None
    a, b = sorted((_month(lo), _month(hi)))
    return range(a, b + 1) if b - a < LONG_MONTHS else None


def _filing_keys(interval: Interval | None) -> tuple[Key, ...]:
    """Where an id with this date interval is filed (`_ByMonth`)."""
    if interval is None:
        return ("undated", "all")
    months = _months(interval)
    return ("long", "all") if months is None else (*months, "all")


def _query_keys(interval: Interval | None, *, undated: bool) -> tuple[Key, ...]:
    """Where to look for ids whose interval may overlap `interval` (None: undated, which
    meets only undated ids when `undated` is False, else everything), with the undated
    ids too when `undated`."""
    if interval is None:
        return ("all",) if undated else ("undated",)
    months = _months(interval)
    if months is None:
        return ("all",)
    return ("long", *months, "undated") if undated else ("long", *months)


class _ByMonth:
    """Integer ids filed under the months their date interval touches.

    Two intervals can only overlap if they share a month, so a query reads the ids
    of its own months (plus the long and, when asked, the undated ones) instead of
    every id: a superset of the overlapping ones, in no particular order.
    """

    def __init__(self) -> None:
        self.ids: dict[Key, set[int]] = {}
        self._keys: dict[int, tuple[Key, ...]] = {}

    def add(self, i: int, interval: Interval | None) -> None:
        keys = self._keys[i] = _filing_keys(interval)
        for k in keys:
            self.ids.setdefault(k, set()).add(i)

    def remove(self, i: int) -> None:
        for k in self._keys.pop(i):
            self.ids[k].discard(i)

    def gather(self, keys: tuple[Key, ...], into: set[int]) -> None:
        """Add the ids filed under `keys` (from `_query_keys`) to `into`."""
        for k in keys:
            found = self.ids.get(k)
            if found:
                into |= found


CELL_DEG = 1.0  # grid cell for finding merge candidates (about 111 km)
Cell = tuple[str, int, int]


def _cell(u: _Unit) -> Cell:
    return (u.event_type, math.floor(u.lat / CELL_DEG), math.floor(u.lon / CELL_DEG))


class _Grid:
    """Non-coarse clusters by (type, grid cell) and, inside a cell, by month.

    A unit is compared only with clusters in the cells its reach covers whose dates
    can overlap its own: dense cells (thousands of reports about a few towns) stay
    cheap because those reports spread over months and years.
    """

    def __init__(self) -> None:
        self._cells: dict[Cell, _ByMonth] = {}
        self._where: dict[int, Cell] = {}

    def add(self, i: int, u: _Unit) -> None:
        cell = self._where[i] = _cell(u)
        self._cells.setdefault(cell, _ByMonth()).add(i, u.span)

    def remove(self, i: int) -> None:
        self._cells[self._where.pop(i)].remove(i)

    def candidates(self, u: _Unit, widest: float) -> list[int]:
        """Clusters (in creation order) that may be compatible with `u`: of its type,
        within `u.radius + widest + MARGIN_KM` in cells, dated alike and overlapping."""
        reach = (u.radius + widest + MARGIN_KM) / 111.0
        dlat = math.ceil(reach / CELL_DEG)
        dlon = min(360, math.ceil(reach / CELL_DEG / max(0.05, math.cos(math.radians(u.lat)))))
        t, ci, cj = _cell(u)
        keys = _query_keys(u.range, undated=False)
        found: set[int] = set()
        for a in range(ci - dlat, ci + dlat + 1):
            for b in range(cj - dlon, cj + dlon + 1):
                by_month = self._cells.get((t, a, b))
                if by_month is not None:
                    by_month.gather(keys, found)
        return sorted(found)


def _cluster(units: list[_Unit]) -> list[_Unit]:
    """Greedy, order-stable clustering: each unit joins the first compatible cluster.

    Candidates come from a grid of the clusters' sites (same type, nearby cells) and,
    inside a cell, from the months their dates touch, so a corpus of thousands of
    incidents is not compared pair by pair; the result is the one a full scan gives,
    since clusters farther than their radii, or with dates that cannot overlap, never
    merge.  The input units are not modified.
    """
    out: list[_Unit] = []
    grid = _Grid()
    widest = 0.0
    for u in units:
        if u.coarse:
            out.append(u)
            continue
        for i in grid.candidates(u, widest):
            if _compatible(out[i], u):
                grid.remove(i)
                out[i].absorb(u)
                grid.add(i, out[i])
                widest = max(widest, out[i].radius)
                break
        else:
            out.append(u.copy())
            grid.add(len(out) - 1, out[-1])
            widest = max(widest, u.radius)
    return out


def group_claims(claims: list[Claim], wire_group: dict[str, str] | None = None,
                 merges: list[list[str]] | None = None,
                 splits: set[str] | None = None) -> list[Incident]:
    """Incidents from claims; `wire_group` maps document id -> its wire story group.

    Claims are first grouped within each article, then articles' groups across
    articles, each time without chaining (every claim must agree with the group).
    `merges` (lists of claim ids to force together) and `splits` (claim ids to keep
    alone) come from the analyst corrections file.
    """
    claims = sorted(claims, key=lambda c: (c.published_sort, c.claim_id))
    splits = splits or set()
    alone = [_Unit([c]) for c in claims if c.claim_id in splits]
    by_doc: dict[str, list[_Unit]] = {}
    for c in claims:
        if c.claim_id not in splits:
            by_doc.setdefault(c.doc_id, []).append(_Unit([c]))
    units = [u for doc_units in by_doc.values() for u in _cluster(doc_units)]
    clusters = _forced_merges(_cluster(units) + alone, merges or [])
    incidents = [_incident(sorted(cl.claims, key=lambda c: (c.published_sort, c.claim_id)),
                           wire_group or {}) for cl in clusters]
    incidents.sort(key=lambda i: (i.claims[0].published_sort, i.claims[0].claim_id))
    _flag_coarse(incidents)
    return incidents


def _forced_merges(clusters: list[_Unit], merges: list[list[str]]) -> list[_Unit]:
    """Each merge joins every cluster holding one of its claim ids, in list order, and
    puts the result last.  Claim ids are gathered once per cluster, not per merge."""
    ids = [cl.ids for cl in clusters]
    for group in merges:
        wanted = set(group)
        hit = [k for k, have in enumerate(ids) if not have.isdisjoint(wanted)]
        if len(hit) > 1:
            merged = _Unit([c for k in hit for c in clusters[k].claims])
            gone = set(hit)
            keep = [k for k in range(len(clusters)) if k not in gone]
            clusters = [clusters[k] for k in keep] + [merged]
            ids = [ids[k] for k in keep] + [merged.ids]
    return clusters


def incident_id(anchor: Claim) -> str:
    return "inc-" + hashlib.sha1(anchor.claim_id.encode()).hexdigest()[:10]


def _incident(cs: list[Claim], wire_group: dict[str, str]) -> Incident:
    anchor = cs[0]
    best_site = min(cs, key=lambda c: (c.coarse, c.uncertainty_km or 1e9))
    starts = [c.date_start for c in cs if c.date_start]
    ends = [c.date_end for c in cs if c.date_end]
    dated = min((c for c in cs if c.date_start), default=anchor,
                key=lambda c: ((c.date_end - c.date_start) if c.date_start else timedelta(9999)))
    d_start, d_end = dated.date_start, dated.date_end
    if starts and ends and max(starts) <= min(ends):  # every claim's range agrees: intersect
        d_start, d_end = max(starts), min(ends)
    lows = [c.count_low for c in cs if c.count_low is not None]
    bests = [c.count_best for c in cs if c.count_best is not None]
    highs = [c.count_high for c in cs if c.count_high is not None]
    cats: dict[str, int] = {}  # a plain dict: a Counter per incident costs more than this
    for c in cs:
        if c.count_category:
            cats[c.count_category] = cats.get(c.count_category, 0) + 1
    # One source per article: the claim sentence that gives a count (else the one that
    # names the site) is the quote shown.
    sources: dict[str, Source] = {}
    for c in sorted(cs, key=lambda c: (c.count_phrase is None, c.source.quote_place is None)):
        sources.setdefault(c.source.id, c.source)
    independent = len({wire_group.get(s, s) for s in sources})
    return Incident(
        incident_id=incident_id(anchor), event_type=anchor.event_type,
        site_name=best_site.site_name, geonameid=best_site.geonameid, lat=best_site.lat,
        lon=best_site.lon, country_code=best_site.country_code, admin1=best_site.admin1,
        loc_precision=best_site.loc_precision, uncertainty_km=best_site.uncertainty_km,
        relation=best_site.relation, anchor=best_site.anchor,
        date_start=d_start, date_end=d_end,
        date_precision=dated.date_precision if (d_start, d_end) == (dated.date_start,
                                                                   dated.date_end)
        else _precision_of(d_start, d_end),
        date_kind=dated.date_kind,
        count_low=max(lows) if lows else None,
        count_best=max(bests) if bests else None,
        count_high=max(highs) if highs else None,
        count_category=max(cats, key=cats.__getitem__) if cats else None,  # first of ties
        number_of_sources=independent, grading="fair" if independent >= 2 else "weak",
        needs_review=None, sources=list(sources.values()), claims=cs,
    )


def _precision_of(start: date | None, end: date | None) -> str:
    if start is None or end is None:
        return "unknown"
    days = (end - start).days
    return "day" if days == 0 else "days" if days <= 6 else "week" if days <= 7 \
        else "month" if days <= 31 else "year"


def _is_fine(inc: Incident) -> bool:
    return inc.loc_precision not in ("admin1", "country") and inc.lat is not None


def _flag_coarse(incidents: list[Incident]) -> None:
    """Say which incident each coarse one may belong to: the first fine incident (in
    `incidents` order) of its type within reach whose dates overlap.

    Fine incidents are filed by type and month, so a coarse incident is checked
    against those of its months (and the undated or long ones), not all of them.
    """
    fine = [i for i in incidents if _is_fine(i)]
    by_type: dict[str, _ByMonth] = {}
    for k, f in enumerate(fine):
        by_type.setdefault(f.event_type, _ByMonth()).add(
            k, (f.date_start, f.date_end) if f.date_start else None)
    for inc in incidents:
        if _is_fine(inc):
            continue
        match = _first_fine_match(inc, fine, by_type.get(inc.event_type)) \
            if inc.lat is not None else None
        where = inc.loc_precision or "unknown place"
        inc.needs_review = (f"coarse location ({where}); may belong to {match.incident_id}"
                            if match else f"coarse location ({where}); not merged automatically")


def _first_fine_match(inc: Incident, fine: list[Incident], by_month: _ByMonth | None
                      ) -> Incident | None:
    if by_month is None:
        return None
    ks: set[int] = set()
    by_month.gather(_query_keys((inc.date_start, inc.date_end) if inc.date_start else None,
                                undated=True), ks)
    for k in sorted(ks):
        f = fine[k]
        if haversine_km(f.lat, f.lon, inc.lat, inc.lon) > (inc.uncertainty_km or 0) + \
                (f.uncertainty_km or 0) + MARGIN_KM:
            continue
        if inc.date_start and f.date_start and not (
                inc.date_start <= f.date_end and f.date_start <= inc.date_end):
            continue
        return f
    return None
