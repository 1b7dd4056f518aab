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
from collections import Counter
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
    site and the intersection of the date ranges."""

    def __init__(self, claims: list[Claim]):
        self.claims = claims
        c0 = claims[0]
        self.event_type = c0.event_type
        self.coarse = all(c.coarse for c in claims)
        site = min(claims, key=lambda c: (c.coarse, c.uncertainty_km or 1e9))
        self.lat, self.lon, self.radius = site.lat, site.lon, site.uncertainty_km or 0.0
        ranges = [_widened(c) for c in claims]
        self.range = _intersection(ranges)
        # Every claim overlaps a range R exactly when the latest claim start is not after
        # R's end and the earliest claim end is not before R's start: O(1) checks later.
        known = [r for r in ranges if r is not None]
        self.max_start = max((r[0] for r in known), default=None)
        self.min_end = min((r[1] for r in known), default=None)

    @property
    def ids(self) -> set[str]:
        return {c.claim_id for c in self.claims}


def _widened(c: Claim) -> tuple[date, date] | None:
    if c.date_start is None or c.date_end is None:
        return None
    tol = timedelta(days=TOLERANCE_DAYS.get(c.date_precision, 0))
    return c.date_start - tol, c.date_end + tol


def _intersection(ranges: list[tuple[date, date] | None]) -> tuple[date, date] | None:
    known = [r for r in ranges if r is not None]
    if not known:
        return None
    lo, hi = max(r[0] for r in known), min(r[1] for r in known)
    return (lo, hi) if lo <= hi else min(known, key=lambda r: r[1] - r[0])


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


CELL_DEG = 1.0  # grid cell for finding merge candidates (about 111 km)


def _cell(u: _Unit) -> tuple[str, int, int]:
    return (u.event_type, math.floor(u.lat / CELL_DEG), math.floor(u.lon / CELL_DEG))


def _cluster(units: list[_Unit]) -> list[_Unit]:
    """Greedy, order-stable clustering: each unit joins the first compatible cluster.

    Candidates come from a grid of the clusters' sites (same type, nearby cells), so a
    corpus of thousands of incidents is not compared pair by pair; the result is the
    one a full scan gives, since clusters farther than their radii never merge.
    """
    out: list[_Unit] = []
    grid: dict[tuple[str, int, int], set[int]] = {}
    where: dict[int, tuple[str, int, int]] = {}
    widest = 0.0
    for u in units:
        if u.coarse:
            out.append(u)
            continue
        reach = (u.radius + widest + MARGIN_KM) / 111.0
        dlat = math.ceil(reach / CELL_DEG)
        dlon = math.ceil(reach / CELL_DEG / max(0.05, math.cos(math.radians(u.lat))))
        t, ci, cj = _cell(u)
        cands: set[int] = set()
        for a in range(ci - dlat, ci + dlat + 1):
            for b in range(cj - min(dlon, 360), cj + min(dlon, 360) + 1):
                cands |= grid.get((t, a, b), set())
        for i in sorted(cands):
            if _compatible(out[i], u):
                merged = _Unit(out[i].claims + u.claims)
                grid[where[i]].discard(i)
                out[i] = merged
                where[i] = _cell(merged)
                grid.setdefault(where[i], set()).add(i)
                widest = max(widest, merged.radius)
                break
        else:
            out.append(u)
            where[len(out) - 1] = _cell(u)
            grid.setdefault(where[len(out) - 1], set()).add(len(out) - 1)
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
    clusters = _cluster(units) + alone
    for group in merges or []:
        wanted = set(group)
        hit = [cl for cl in clusters if cl.ids & wanted]
        if len(hit) > 1:
            merged = _Unit([c for cl in hit for c in cl.claims])
            clusters = [cl for cl in clusters if not (cl.ids & wanted)] + [merged]
    incidents = [_incident(sorted(cl.claims, key=lambda c: (c.published_sort, c.claim_id)),
                           wire_group or {}) for cl in clusters]
    incidents.sort(key=lambda i: (i.claims[0].published_sort, i.claims[0].claim_id))
    _flag_coarse(incidents)
    return incidents


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
    cats = Counter(c.count_category for c in cs if c.count_category)
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
        count_category=cats.most_common(1)[0][0] if cats else None,
        number_of_sources=independent, grading="fair" if independent >= 2 else "weak",
        needs_review=None, sources=list(sources.values()), claims=cs,
    )


def _precision_of(start: date | None, end: date | None) -> str:
    if start is None or end is None:
        return "unknown"
    days = (end - start).days
    return "day" if days == 0 else "days" if days <= 6 else "week" if days <= 7 \
        else "month" if days <= 31 else "year"


def _flag_coarse(incidents: list[Incident]) -> None:
    fine = [i for i in incidents if i.loc_precision not in ("admin1", "country")
            and i.lat is not None]
    for inc in incidents:
        if inc.loc_precision not in ("admin1", "country") and inc.lat is not None:
            continue
        match = None
        if inc.lat is not None:
            for f in fine:
                if f.event_type != inc.event_type:
                    continue
                if haversine_km(f.lat, f.lon, inc.lat, inc.lon) > (inc.uncertainty_km or 0) + \
                        (f.uncertainty_km or 0) + MARGIN_KM:
                    continue
                if inc.date_start and f.date_start and not (
                        inc.date_start <= f.date_end and f.date_start <= inc.date_end):
                    continue
                match = f
                break
        where = inc.loc_precision or "unknown place"
        inc.needs_review = (f"coarse location ({where}); may belong to {match.incident_id}"
                            if match else f"coarse location ({where}); not merged automatically")
