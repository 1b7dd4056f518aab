"""Group claims into incidents: one incident per site, date and type, with every source.

Which claims are one incident is `geo.incidents.grouping`'s job (same type, sites within their
radii plus 5 km, widened date ranges overlapping, never chaining).  Coarse claims (admin1
or country precision, or no place at all) never merge automatically: each stays its own
incident with `needs_review` naming the incident it may belong to.  Copies of one wire
story count as one independent source; grading is `weak` for one independent source,
`fair` for two or more (Airwars' scale).

Incident ids are stable across runs and when articles are added: an incident's id is
derived from its anchor claim, the one from the earliest-published source (ties by claim
id), so a newly added later report joins an incident without renaming it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from datetime import date

import numpy as np
from pydantic import BaseModel

from geo.distance import haversine_km
from geo.incidents.claims import Claim, Source
from geo.incidents.grouping import (
    KILLING,
    MARGIN_KM,
    NO_DAY,
    VAGUE_DAYS,
    ClaimTable,
    as_date,
    cluster,
    compatible,
    incidents_of,
    maybe_near,
    rep_of,
    row_of,
)
from geo.models import Anchor

LONG_MONTHS = 24  # date intervals touching more months than this are filed as "long"


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
    merged_because: list[str] = []
    killing_date_start: date | None = None
    killing_date_end: date | None = None
    acled_event_type: str | None = None  # the taxonomy's mapping of event_type
    acled_sub_event_type: str | None = None
    ucdp_type_of_violence: int | None = None
    sources: list[Source]
    claims: list[Claim]


def incident_id(anchor: Claim) -> str:
    return incident_id_of(anchor.claim_id)


def incident_id_of(anchor_claim_id: str) -> str:
    """An incident's id from its anchor claim's id (stable across runs)."""
    return "inc-" + hashlib.sha1(anchor_claim_id.encode()).hexdigest()[:10]




def same_incident(a: Claim, b: Claim) -> bool:
    """The grouping rule for two single claims (`geo.incidents.grouping`)."""
    t = ClaimTable.from_rows([row_of(a, 0), row_of(b, 1)])
    return compatible(rep_of(t, 0), rep_of(t, 1))


def claim_order(c: Claim) -> tuple[str, str]:
    """Incidents take their claims, and their ids, earliest publication first."""
    return c.published_sort, c.claim_id


def group_claims(claims: list[Claim], wire_group: dict[str, str] | None = None,
                 merges: list[list[str]] | None = None,
                 splits: set[str] | None = None, taxonomy=None) -> list[Incident]:
    """Incidents from claims held in memory; `wire_group` maps document id -> its wire
    story group.  `merges` (lists of claim ids to force together) and `splits` (claim
    ids to keep alone) come from the analyst corrections file.  (`geo.run.pipeline` does the
    same for a whole run with the claims on disk.)"""
    claims = sorted(claims, key=claim_order)
    docs: dict[str, int] = {}
    for c in claims:
        docs.setdefault(c.doc_id, len(docs))
    where: dict[str, list[int]] = {}
    for k, c in enumerate(claims):
        where.setdefault(c.claim_id, []).append(k)
    splits = splits or set()
    table = ClaimTable.from_rows((row_of(c, docs[c.doc_id]) for c in claims),
                                 [k for k, c in enumerate(claims) if c.claim_id in splits])
    owner = cluster(table, ([k for cid in m for k in where.get(cid, ())]
                            for m in merges or []))
    wire_group = wire_group or {}
    labels = {g: k for k, g in enumerate(dict.fromkeys(wire_group.get(d, d) for d in docs))}
    wire = np.array([labels[wire_group.get(d, d)] for d in docs], np.int64)
    found = IncidentSet(table, owner, wire=wire, claims_at=lambda ks: [claims[k] for k in ks],
                        taxonomy=taxonomy)
    return [found.incident(i) for i in range(len(found)) if not found.lone[i]]


class IncidentSet:
    """The incidents of a run, in output order (earliest-published anchor first), built
    one at a time when iterated: the claims behind them are fetched by position
    (`claims_at`) only then, so a run never holds every claim as an object at once.

    `wire` gives each document (by number) its wire-story group: copies of one story
    count as one independent source."""

    def __init__(self, table: ClaimTable, owner: np.ndarray, *, wire: np.ndarray,
                 claims_at: Callable[[Sequence[int]], list[Claim]], taxonomy=None):
        self.table, self.wire, self._claims_at = table, wire, claims_at
        self.taxonomy = taxonomy  # for the ACLED and UCDP names of each type
        self.positions, self.bounds = incidents_of(owner)
        self.best, self.dated, self.start, self.end = _summaries(
            table, self.positions, self.bounds)
        self.review = _flag_coarse(table, self)
        # Incidents only reports placing them by their country tell: left off the map
        # (each report says why in its set-aside sentences).
        self.lone = np.logical_and.reduceat(table.lone[self.positions], self.bounds[:-1]) \
            if len(self.positions) else np.zeros(0, np.bool_)

    def __len__(self) -> int:
        return len(self.bounds) - 1

    def members(self, i: int) -> np.ndarray:
        return self.positions[self.bounds[i]:self.bounds[i + 1]]

    def __iter__(self) -> Iterator[Incident]:
        for i in range(len(self)):
            yield self.incident(i)

    def incident_id(self, i: int) -> str:
        return incident_id(self._claims_at([int(self.positions[self.bounds[i]])])[0])

    def incident(self, i: int) -> Incident:
        ks = self.members(i).tolist()
        cs = self._claims_at(ks)
        best, dated = cs[ks.index(self.best[i])], cs[ks.index(self.dated[i])]
        best = measured_from(best, cs)
        match = int(self.review[i])
        where = best.loc_precision or "unknown place"
        review = None if match == _FINE else \
            f"coarse location ({where}); not merged automatically" if match == _NO_MATCH \
            else f"coarse location ({where}); may belong to {self.incident_id(match)}"
        independent = len(set(self.wire[self.table.doc[ks]].tolist()))
        inc = _incident(cs, best, dated, as_date(self.start[i]), as_date(self.end[i]),
                        independent, review)
        itype = self.taxonomy.get(inc.event_type) if self.taxonomy is not None else None
        if itype is not None:
            inc.acled_event_type = itype.acled_event_type
            inc.acled_sub_event_type = itype.acled_sub_event_type
            inc.ucdp_type_of_violence = itype.ucdp_type_of_violence
        return inc


def _summaries(t: ClaimTable, positions: np.ndarray, bounds: np.ndarray):
    """Per incident, all at once: the claim with the best site (the first of the most
    precise), the claim giving the dates (the first of the shortest dated ranges, a date
    the text gives for the event before a report's date, else the anchor), and the
    incident's dates: the intersection of its claims' ranges when they all agree; where
    they do not, the span of the short ranges (a week at most) within `SPREAD_DAYS` of
    the dating claim's ("found on 22 April" and "on 23 April": the 22nd to the 23rd),
    else the dating claim's range."""
    if len(positions) == 0:
        empty = np.zeros(0, np.int64)
        return empty, empty, empty, empty
    firsts = bounds[:-1]
    inc = np.repeat(np.arange(len(firsts)), np.diff(bounds))
    order = np.arange(len(positions))
    start, end = t.start[positions], t.end[positions]
    best = positions[np.lexsort((order, t.site_rank[positions], t.coarse[positions], inc))
                     [firsts]]
    undated = start == NO_DAY
    reported = t.before[positions] > 0  # "said on Thursday": when it was told, not done
    pick = np.lexsort((order, end - start, reported, undated, inc))[firsts]
    dated = np.where(undated[pick], positions[firsts], positions[pick])
    d_start, d_end = t.start[dated], t.end[dated]
    latest_start = np.maximum.reduceat(start, firsts)  # NO_DAY (0) never wins
    big = np.iinfo(np.int64).max
    earliest_end = np.minimum.reduceat(np.where(end == NO_DAY, big, end), firsts)
    agree = (latest_start != NO_DAY) & (earliest_end != big) & (latest_start <= earliest_end)
    lo, hi = np.where(agree, latest_start, d_start), np.where(agree, earliest_end, d_end)
    for i in np.flatnonzero(~agree & (d_start != NO_DAY)).tolist():
        ks = positions[bounds[i]:bounds[i + 1]]
        s, e = t.start[ks], t.end[ks]
        near = (s != NO_DAY) & (e - s <= SPREAD_DAYS) & (s >= d_start[i] - SPREAD_DAYS) \
            & (e <= d_end[i] + SPREAD_DAYS)
        if near.any():
            lo[i], hi[i] = min(int(s[near].min()), lo[i]), max(int(e[near].max()), hi[i])
    return best, dated, lo, hi


_FINE, _NO_MATCH = -2, -1
SPREAD_DAYS = 7  # honest reports of one incident may date it this far apart


def _months(lo: int, hi: int) -> range | None:
    """The months (year * 12 + month - 1) a range of days touches, either way round;
    None when it touches more than `LONG_MONTHS`."""
    a, b = (d.year * 12 + d.month - 1 for d in (as_date(lo), as_date(hi)))
    a, b = min(a, b), max(a, b)
    return range(a, b + 1) if b - a < LONG_MONTHS else None


_LONG, _UNDATED = -1, -2  # bucket keys beside month numbers


def _flag_coarse(t: ClaimTable, s: IncidentSet) -> np.ndarray:
    """For each coarse incident, the first fine incident (in output order) of its type
    within reach whose dates overlap: its index, `_NO_MATCH`, or `_FINE` for fine ones.

    Fine incidents are bucketed by type and by the months their dates touch (intervals
    that overlap share a month), so each coarse incident is checked against those of
    its months, the long and the undated ones: not against all of them."""
    n = len(s)
    best = s.best
    fine = ~t.coarse[best] if n else np.zeros(0, np.bool_)
    out = np.where(fine, _FINE, _NO_MATCH).astype(np.int64)
    if not fine.any() or fine.all():
        return out
    etype, lat, lon, radius = t.etype[best], t.lat[best], t.lon[best], t.radius[best]
    buckets: dict[tuple[int, int], list[int]] = {}
    everything: dict[int, list[int]] = {}
    for i in np.flatnonzero(fine).tolist():
        e = int(etype[i])
        everything.setdefault(e, []).append(i)
        months = _months(s.start[i], s.end[i]) \
            if s.start[i] != NO_DAY and s.end[i] != NO_DAY else None
        keys = [_UNDATED] if s.start[i] == NO_DAY else [_LONG] if months is None else months
        for m in keys:
            buckets.setdefault((e, m), []).append(i)
    for i in np.flatnonzero(~fine & ~np.isnan(lat)).tolist():
        e, lo, hi = int(etype[i]), int(s.start[i]), int(s.end[i])
        months = _months(lo, hi) if lo != NO_DAY and hi != NO_DAY else None
        if lo == NO_DAY or months is None:
            cand = everything.get(e, [])
        else:
            cand = [f for m in (_LONG, *months, _UNDATED) for f in buckets.get((e, m), ())]
        if not cand:
            continue
        ks = np.unique(np.array(cand, np.int64))
        near = maybe_near(lat[ks], lon[ks], radius[ks], float(lat[i]), float(lon[i]),
                          float(radius[i]))
        if lo != NO_DAY:
            f_lo, f_hi = s.start[ks], s.end[ks]
            near &= (f_lo == NO_DAY) | ((lo <= f_hi) & (f_lo <= hi))
        for k in ks[near].tolist():  # `maybe_near` sorts out; the scalar distance decides
            if haversine_km(lat[k], lon[k], lat[i], lon[i]) <= radius[i] + radius[k] + MARGIN_KM:
                out[i] = k
                break
    return out


DETENTION = "detention_torture"


def measured_from(best: Claim, cs: list[Claim]) -> Claim:
    """The claim of `cs` that measures from `best`'s own town ("a herders' settlement
    about 12 km north of Bourzanga" beside another report's "in Bourzanga"): the
    distance and bearing say where in the town's area it was; the town alone does not.
    (Not for a detention: people are held in the town's buildings, and a distance from
    the town is another place, such as the grave outside it where some of them lie.)"""
    if best.relation == "offset" or best.geonameid is None \
            or best.event_type == DETENTION:
        return best
    return next((c for c in cs if c.relation == "offset" and c.anchor is not None
                 and c.event_type != DETENTION
                 and c.anchor.geonameid == best.geonameid and c.lat is not None), best)


GRAVE_WINDOW_DAYS = 180  # a grave found and later exhumed: one incident's window


def _grave_window(cs: list[Claim], d_start: date | None, d_end: date | None
                  ) -> tuple[date | None, date | None]:
    """A grave one report says was found and another says was exhumed weeks later is
    dated from the finding to the digging, not by one report alone (each is right about
    its own days)."""
    dug = [c for c in cs if c.date_kind in ("discovery", "exhumation")
           and c.date_start is not None and c.date_end is not None]
    if d_start is None or len({c.date_kind for c in dug}) < 2:
        return d_start, d_end
    lo, hi = min(c.date_start for c in dug), max(c.date_end for c in dug)
    if (hi - lo).days > GRAVE_WINDOW_DAYS or not (lo <= d_start and d_end <= hi):
        return d_start, d_end
    return lo, hi


def _incident(cs: list[Claim], best: Claim, dated: Claim, d_start: date | None,
              d_end: date | None, independent: int, needs_review: str | None) -> Incident:
    """An incident from its claims in claim order and what `_summaries` chose.

    Counts follow UCDP: `count_low` is the lowest figure a source gives, `count_high` the
    highest, `count_best` the highest best estimate (tolls rise as bodies are found)."""
    lows = [c.count_low for c in cs if c.count_low is not None]
    bests = [c.count_best for c in cs if c.count_best is not None]
    highs = [c.count_high if c.count_high is not None else c.count_best for c in cs
             if c.count_high is not None or c.count_best is not None]
    cats: dict[str, int] = {}  # a plain dict: a Counter per incident costs more than this
    for c in cs:
        if c.count_category:
            cats[c.count_category] = cats.get(c.count_category, 0) + 1
    # One source per article: the claim sentence that gives a count (else the one that
    # names the site) is the quote shown.
    sources: dict[str, Source] = {}
    for c in sorted(cs, key=lambda c: (c.count_phrase is None, c.source.quote_place is None)):
        sources.setdefault(c.source.id, c.source)
    if d_start is None:  # no claim dated for grouping: the best range any claim has
        own = [c for c in cs if c.date_start is not None and c.date_end is not None]
        if own:
            dated = min(own, key=lambda c: (c.date_end - c.date_start, c.published_sort))
            d_start, d_end = dated.date_start, dated.date_end
    d_start, d_end = _grave_window(cs, d_start, d_end)
    same_range = (d_start, d_end) == (dated.date_start, dated.date_end)
    reviews = [f"{c.source.id}: {c.review}" if len(sources) > 1 else c.review
               for c in cs if c.review]
    if needs_review:
        reviews.insert(0, needs_review)
    killing = next((c for c in cs if c.killing_date_start is not None), None)
    low = min(lows) if lows else None
    best_count = max(bests) if bests else None
    high = max(highs) if highs else None
    if low is not None and best_count is not None:
        low = min(low, best_count)
    return Incident(
        incident_id=incident_id(cs[0]), event_type=_vote(cs),
        site_name=best.site_name, geonameid=best.geonameid, lat=best.lat,
        lon=best.lon, country_code=best.country_code, admin1=best.admin1,
        loc_precision=best.loc_precision, uncertainty_km=best.uncertainty_km,
        relation=best.relation, anchor=best.anchor,
        date_start=d_start, date_end=d_end,
        date_precision=dated.date_precision if same_range else _precision_of(d_start, d_end),
        date_kind=dated.date_kind,
        count_low=low, count_best=best_count, count_high=high,
        count_category=max(cats, key=cats.__getitem__) if cats else None,  # first of ties
        number_of_sources=independent, grading="fair" if independent >= 2 else "weak",
        needs_review="; ".join(dict.fromkeys(reviews)) or None,
        merged_because=[merge_reason(cs[0], c) for c in cs[1:]
                        if c.source.id != cs[0].source.id],
        killing_date_start=killing.killing_date_start if killing else None,
        killing_date_end=killing.killing_date_end if killing else None,
        sources=list(sources.values()), claims=cs,
    )


def _vote(cs: list[Claim]) -> str:
    """The incident's type: the one most of its sources give (weakly typed ones count
    less); on a tie a killing of civilians (reports of one massacre disagree on whether
    shells or guns killed, not on the killing), else the earliest source's."""
    score: dict[str, float] = {}
    for c in cs:
        score[c.event_type] = score.get(c.event_type, 0.0) + (0.5 if c.type_weak else 1.0)
    return max(score, key=lambda t: (score[t], t == KILLING, t == cs[0].event_type))


def merge_reason(anchor: Claim, c: Claim) -> str:
    """Why a claim of another report joined the incident, in one line."""
    parts = []
    if anchor.lat is not None and c.lat is not None:
        km = haversine_km(anchor.lat, anchor.lon, c.lat, c.lon)
        parts.append(f"site {c.site_name} {km:.0f} km from {anchor.site_name}")
    if c.event_type != anchor.event_type:
        parts.append(f"type {c.event_type} beside {anchor.event_type}")
    if (anchor.date_start and c.date_start and anchor.date_end and c.date_end
            and (c.date_end - c.date_start).days <= VAGUE_DAYS
            and (anchor.date_end - anchor.date_start).days <= VAGUE_DAYS):
        parts.append(f"dates {c.date_start}..{c.date_end} meet {anchor.date_start}.."
                     f"{anchor.date_end}")
    else:
        shared = sorted(set(c.keywords) & set(anchor.keywords))
        parts.append("no usable date; shared words: " + ", ".join(shared[:6]))
    return f"{c.source.id}: " + "; ".join(parts)


def _precision_of(start: date | None, end: date | None) -> str:
    if start is None or end is None:
        return "unknown"
    days = (end - start).days
    return "day" if days == 0 else "days" if days <= 6 else "week" if days <= 7 \
        else "month" if days <= 31 else "year"
