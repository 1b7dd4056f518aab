"""Place names the way people type them: `Izium, Ukraine`, `Springfield, IL, USA`.

Spreadsheets and geopy code written for Nominatim qualify a place with commas: `town,
country`, `town, region`, `town, region, country`.  The gazetteer has no name
`Izium, Ukraine`, so the query is read as a name (the first part) plus context (the
others), and the context ranks the name's candidates:

- each context part is geocoded on its own (`Ukraine`, `Kharkiv Oblast`, `Kyiv`), and
  also read as a code when it is one (`UA`, `IL` for Israel or Illinois, `TX`): every
  reading that ranks close to the best one becomes an *area*, weighted by how close it
  ranks (a country, a first- or second-order division, or a town with its
  surroundings); readings spelled as written win over those that share only the
  lossy spelling key (`UK` is the United Kingdom, not Lutsk);
- a candidate for the name agrees with a part when it lies in one of the part's areas:
  the same country, the same division (by GeoNames admin codes), or for a town, the
  same first-order division or within 50 km of it (`Bucha, Kyiv`: Bucha lies outside
  the city's own division, 25 km from it);
- a candidate's agreement is the mean over the parts of the best area weight it lies
  in; candidates with less than 3/4 of the best agreement are dropped (`Springfield,
  IL, USA` is not Springfield, Minnesota), and the rest are ranked by the geocoder's
  score blended with their agreement (weight 0.4, as `near` is blended in
  `geo.gazetteer.geocode`).

A part the gazetteer does not know (`Raqqa countryside`) is ignored rather than
failing the query; when every part is known and no candidate lies in any of their
areas, there is no result (`Paris, Germany`), as Nominatim would answer.  A whole
string that is itself a gazetteer name (`Congo, The Democratic Republic of the`) is
looked up as it is.

`geo.gazetteer.geocode` calls in here and hands over its own ranker (`rank`, its
`geocode`) and `suggest`, so this module never imports it back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from geo.distance import haversine_km
from geo.errors import NotFound
from geo.gazetteer.lookup import Gazetteer
from geo.gazetteer.normalize import norm
from geo.models import Candidate, Place

CONTEXT_WEIGHT = 0.4  # weight of the context agreement against the geocoder's score
NEAR_TOWN_KM = 50.0  # a town given as context covers this radius (or its own, if larger)
MIN_AREA_WEIGHT = 0.3  # readings of a context part weaker than this are dropped
MAX_AREAS = 12  # readings kept per context part
KEEP_RELATIVE = 0.75  # candidates agreeing much less than the best one are dropped
Rank = Callable[..., list[Candidate]]  # geo.gazetteer.geocode.geocode
Suggest = Callable[..., list[tuple[Candidate, float]]]  # geo.gazetteer.geocode.suggest
_SHARPEN = 4  # weight = (score / best score) ** _SHARPEN: close seconds count, far ones fade


@dataclass(frozen=True, slots=True)
class QualifiedQuery:
    """A query split at its commas: the place's `name` and the `context` after it."""

    name: str
    context: tuple[str, ...]


def split_query(text: str) -> QualifiedQuery:
    """`"Izium, Kharkiv Oblast, Ukraine"` -> name `Izium`, context (`Kharkiv Oblast`, `Ukraine`).

    Empty parts (`Izium,` or `Izium,, Ukraine`) are dropped, so a stray comma never
    makes a query fail.
    """
    parts = [" ".join(p.split()) for p in text.split(",")]
    parts = [p for p in parts if p]
    if not parts:
        return QualifiedQuery("", ())
    return QualifiedQuery(parts[0], tuple(parts[1:]))


@dataclass(frozen=True, slots=True)
class Area:
    """One reading of a context part: where a candidate must lie to agree with it."""

    label: str
    weight: float
    country_code: str | None
    admin1_code: str | None = None
    admin2_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    town: tuple[float, float, float] | None = None  # lat, lon, radius km (a town's context)

    def contains(self, c: Place, codes: tuple[str | None, str | None] | None) -> bool:
        """Whether candidate `c` (with its GeoNames admin codes, if known) lies here."""
        if self.country_code and c.country_code != self.country_code:
            return False
        if self.town is not None:
            lat, lon, radius = self.town
            if haversine_km(lat, lon, c.lat, c.lon) <= radius:
                return True
            return self._same_admin1(c, codes)
        if self.admin1_code is None and self.admin1 is None:
            return True  # a country
        if not self._same_admin1(c, codes):
            return False
        if self.admin2_code is None and self.admin2 is None:
            return True
        if codes is not None and codes[1] and self.admin2_code:
            return codes[1] == self.admin2_code
        return bool(self.admin2) and c.admin2 == self.admin2

    def _same_admin1(self, c: Place, codes: tuple[str | None, str | None] | None) -> bool:
        if codes is not None and codes[0] and self.admin1_code:
            return codes[0] == self.admin1_code
        return bool(self.admin1) and c.admin1 == self.admin1


@dataclass(frozen=True, slots=True)
class ContextPart:
    """A context part as written and the areas it may mean (none: unknown, ignored)."""

    text: str
    areas: tuple[Area, ...]


def admin_codes(gaz: Gazetteer, ids: list[str]) -> dict[str, tuple[str | None, str | None]]:
    """GeoNames admin1 and admin2 codes of places, by geonameid (local places have none)."""
    out: dict[str, tuple[str | None, str | None]] = {}
    ids = list(dict.fromkeys(ids))
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        rows = gaz.conn.execute(
            "SELECT geonameid, admin1_code, admin2_code FROM places WHERE geonameid IN "
            f"({','.join('?' * len(chunk))})", chunk,
        ).fetchall()
        out.update({r[0]: (r[1], r[2]) for r in rows})
    return out


def _area(p: Place, weight: float, codes: tuple[str | None, str | None] | None) -> Area | None:
    a1, a2 = codes or (None, None)
    if p.is_country:
        return Area(f"{p.name} (country)", weight, p.country_code)
    if p.is_continent or not p.country_code:
        return None
    if p.feature_code == "ADM1" or (p.is_division and not p.admin2 and p.admin1 == p.name):
        return Area(f"{p.name} ({p.country_code} first-order division)", weight,
                    p.country_code, admin1_code=a1, admin1=p.admin1 or p.name)
    if p.is_division:
        return Area(f"{p.name} ({p.country_code} division)", weight, p.country_code,
                    admin1_code=a1, admin2_code=a2, admin1=p.admin1, admin2=p.admin2 or p.name)
    radius = max(NEAR_TOWN_KM, p.radius_km or 0.0)
    return Area(f"{p.name} ({p.country_code} town)", weight, p.country_code,
                admin1_code=a1, admin1=p.admin1, town=(p.lat, p.lon, radius))


def read_context(gaz: Gazetteer, text: str, rank: Rank) -> ContextPart:
    """The areas a context part may mean, strongest first."""
    try:
        found = rank(gaz, text, limit=MAX_AREAS, fuzzy=False)
    except NotFound:
        found = []
    # A reading spelled as written beats one that shares only the lossy key (`UK` is
    # the United Kingdom, not Lutsk; `IL` is Israel or Illinois, not Jilin).
    spelled = norm(text)
    exact = [c for c in found if norm(c.matched_name) == spelled]
    scored: list[tuple[Place, float]] = [(c, c.score) for c in (exact or found)]
    best = max((s for _, s in scored), default=1.0)
    code = text.strip()
    if code.isalpha() and code.isupper() and 2 <= len(code) <= 3:
        # `UA`, `IL` (Israel, or Illinois), `TX`: codes are as good as the best name.
        coded: list[tuple[Place, float]] = []
        if len(code) == 2 and (country := gaz.country(code)) is not None:
            coded.append((country, best))
        rows = gaz.conn.execute(
            "SELECT geonameid FROM places WHERE feature_code = 'ADM1' AND admin1_code = ?",
            (code,),
        ).fetchall()
        coded.extend((p, best) for gid, in rows if (p := gaz.get(gid)) is not None)
        if coded and not exact:
            scored = []
        scored.extend(coded)
    codes = admin_codes(gaz, [p.geonameid for p, _ in scored])
    areas: dict[str, Area] = {}
    for p, s in sorted(scored, key=lambda t: -t[1]):
        weight = round((s / best) ** _SHARPEN, 4) if best > 0 else 0.0
        if weight < MIN_AREA_WEIGHT or p.geonameid in areas:
            continue
        area = _area(p, weight, codes.get(p.geonameid))
        if area is not None:
            areas[p.geonameid] = area
    return ContextPart(text, tuple(areas.values())[:MAX_AREAS])


def agreement(c: Place, parts: list[ContextPart],
              codes: tuple[str | None, str | None] | None) -> float:
    """0..1: how well candidate `c` lies in the known context parts (mean of the best area
    weight each part gives it)."""
    known = [p for p in parts if p.areas]
    if not known:
        return 0.0
    total = 0.0
    for part in known:
        total += max((a.weight for a in part.areas if a.contains(c, codes)), default=0.0)
    return total / len(known)


def geocode_qualified(gaz: Gazetteer, text: str, *, rank: Rank, suggest: Suggest,
                      country: str | None, near: tuple[float, float] | None, limit: int,
                      fuzzy: bool) -> list[Candidate] | None:
    """Ranked candidates for a comma-qualified `text`; None when `text` is to be looked up
    as it is (no comma, or the whole string is itself a name)."""
    if "," not in text or gaz.lookup(text):
        return None
    q = split_query(text)
    if not q.context:
        return rank(gaz, q.name, country=country, near=near, limit=limit, fuzzy=fuzzy)
    parts = [read_context(gaz, t, rank) for t in q.context]
    known = [p for p in parts if p.areas]
    if not known:
        return rank(gaz, q.name, country=country, near=near, limit=limit, fuzzy=fuzzy)
    where = " in " + ", ".join(p.text for p in known)
    try:
        found = rank(gaz, q.name, country=country, near=near, limit=200, fuzzy=fuzzy)
    except NotFound:
        raise NotFound(f"no place named {q.name!r}{where} in the gazetteer",
                       _suggestions(gaz, q.name, known, country, suggest)) from None
    codes = admin_codes(gaz, [c.geonameid for c in found])
    agreed = [(c, agreement(c, known, codes.get(c.geonameid))) for c in found]
    top = max((a for _, a in agreed), default=0.0)
    ranked: list[Candidate] = []
    for c, a in agreed:
        if a <= 0 or a < KEEP_RELATIVE * top:
            continue
        score = round(min(1.0, (c.score + CONTEXT_WEIGHT * a) / (1 + CONTEXT_WEIGHT)), 4)
        ranked.append(c.model_copy(update={"score": score}))
    if not ranked:
        others = [f"{c.name} ({c.country_code or '?'}, {c.admin1 or c.feature_code})"
                  for c in found[:5]]
        raise NotFound(f"no place named {q.name!r}{where} in the gazetteer", others)
    ranked.sort(key=lambda c: (-c.score, -c.population, c.geonameid))
    return ranked[:limit]


def _suggestions(gaz: Gazetteer, name: str, known: list[ContextPart],
                 country: str | None, suggest: Suggest) -> list[str]:
    """The closest names, inside the context's country when it names exactly one."""
    countries = {a.country_code for p in known for a in p.areas if a.weight >= 1.0}
    cc = country or (countries.pop() if len(countries) == 1 else None)
    return [f"{c.name} ({c.country_code or '?'}, {c.feature_code or c.feature_class})"
            for c, _ in suggest(gaz, name, country=cc, limit=5)]


def describe(gaz: Gazetteer, text: str, rank: Rank) -> dict | None:
    """How a comma-qualified query was read (for `geo geocode --json`): None if it was not."""
    if "," not in text or gaz.lookup(text):
        return None
    q = split_query(text)
    parts = [read_context(gaz, t, rank) for t in q.context]
    return {
        "name": q.name,
        "context": [
            {"text": p.text,
             "read_as": [{"area": a.label, "weight": a.weight} for a in p.areas[:5]],
             "ignored": not p.areas}
            for p in parts
        ],
    }
