"""Rank the gazetteer's places for a name: forward geocoding, fuzzy suggestions, reverse.

The score is a weighted sum, each part in 0..1, divided by the total weight so the score
stays in 0..1:
- match (weight 0.5): exact primary name 1.0; an alternate name spelled the same 0.92;
  a spelling variant (same `key`, see `geo.gazetteer.normalize`) 0.85; fuzzy: similarity x 0.6.
- feature (0.2): countries 1.0, capitals 0.8, other populated places 0.6 (seats of
  government 0.7, sections and historical places lower), first-order divisions 0.45,
  second-order 0.35, other features 0.25.  A query ending in a division word
  (`Kharkiv Oblast`, `Idlib province`) flips this in favour of divisions.
- population (0.3): log10(population + 1) / 7, capped at 1; for divisions, whose
  population is the sum of their member places, 0.8 of that (a town named like its
  division, `Aleppo` in `Halab` governorate, is the likelier meaning).
- nearness (0.3, only with `near`): exp(-distance / 250 km).
`country` is a filter, not a weight.  Local places get +0.01, so they win ties.
"""

from __future__ import annotations

import math
import re
import unicodedata

from geo.distance import haversine_km
from geo.errors import InputError, NotFound
from geo.gazetteer.lookup import Gazetteer, NameHit
from geo.gazetteer.normalize import key, norm
from geo.gazetteer.query import geocode_qualified
from geo.models import Candidate, Place, ReverseResult

MAX_NAME_CHARS = 200
FUZZY_ACCEPT = 90.0  # similarity (0-100) at which a fuzzy match is a result, not a suggestion

DIVISION_WORDS = frozenset(
    "oblast region province governorate governate state county district raion rayon "
    "muhafazah muhafazat voivodeship prefecture department parish municipality canton "
    "krai kray okrug wilaya vilayet emirate territory".split()
)

_FEATURE_WEIGHT = {
    "PPLC": 0.8, "PPLA": 0.7, "PPLA2": 0.66, "PPLA3": 0.63, "PPLA4": 0.62, "PPL": 0.6,
    "PPLG": 0.7, "PPLX": 0.4, "PPLL": 0.45, "PPLF": 0.4, "PPLS": 0.45, "PPLR": 0.4,
    "PPLH": 0.3, "PPLQ": 0.2, "PPLW": 0.2, "ADM1": 0.45, "ADM2": 0.35, "ADMD": 0.3,
}


def clean_query(name: str) -> str:
    """Validate a user's place name: the string to look up, or a clear `InputError`."""
    if name is None:
        raise InputError("place name is missing")
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in name):
        bad = next(c for c in name if unicodedata.category(c) == "Cc" and c not in "\t\n\r")
        raise InputError(f"place name contains control character U+{ord(bad):04X}")
    name = " ".join(name.split())
    if not name:
        raise InputError("place name is empty")
    if len(name) > MAX_NAME_CHARS:
        raise InputError(
            f"place name is {len(name):,} characters long; the limit is {MAX_NAME_CHARS}"
        )
    return name


def parse_latlon(text: str) -> tuple[float, float]:
    """`"49.2,37.3"` -> (49.2, 37.3), with range checks and a clear error."""
    parts = [p for p in re.split(r"[,\s]+", text.strip()) if p]
    if len(parts) != 2:
        raise InputError(f"expected LAT,LON, got {text!r}")
    return check_latlon(parts[0], parts[1])


def check_latlon(lat: str | float, lon: str | float) -> tuple[float, float]:
    try:
        la, lo = float(lat), float(lon)
    except (TypeError, ValueError):
        raise InputError(f"coordinates must be numbers, got {lat!r}, {lon!r}") from None
    if not (math.isfinite(la) and -90 <= la <= 90):
        raise InputError(f"latitude {lat} is outside -90..90")
    if not (math.isfinite(lo) and -180 <= lo <= 180):
        raise InputError(f"longitude {lon} is outside -180..180")
    return la, lo


def feature_weight(place: Place) -> float:
    if place.is_wide:
        return 1.0
    w = _FEATURE_WEIGHT.get(place.feature_code or "")
    if w is not None:
        return w
    return 0.6 if place.feature_class == "P" else 0.25


def population_weight(place: Place) -> float:
    w = min(1.0, math.log10(max(0, place.population) + 1) / 7)
    return w * 0.8 if place.is_division else w


def prior_score(place: Place, match_w: float, *, near: tuple[float, float] | None,
           division_query: bool) -> float:
    fw = feature_weight(place)
    if division_query:
        fw = 1.0 if place.is_division else fw * 0.3
    total = 0.5 * match_w + 0.2 * fw + 0.3 * population_weight(place)
    weight = 1.0
    if near is not None:
        d = haversine_km(near[0], near[1], place.lat, place.lon)
        total += 0.3 * math.exp(-d / 250.0)
        weight += 0.3
    if place.source == "local":
        total += 0.01
    return round(min(1.0, total / weight), 4)


def _match(hit: NameHit) -> tuple[str, float]:
    if hit.is_primary and hit.norm_equal:
        return "exact", 1.0
    if hit.norm_equal:
        return "alternate", 0.92
    return "alternate", 0.85


def _split_division(name: str) -> str | None:
    """`Kharkiv Oblast` -> `Kharkiv`; None when the name has no trailing division word."""
    words = norm(name).split()
    if len(words) >= 2 and words[-1] in DIVISION_WORDS:
        return " ".join(words[:-1])
    if len(words) >= 3 and words[0] in DIVISION_WORDS and words[1] == "of":
        return " ".join(words[2:])  # "Province of Idlib"
    return None


def geocode(gaz: Gazetteer, name: str, *, country: str | None = None,
            near: tuple[float, float] | None = None, limit: int = 5,
            fuzzy: bool = True) -> list[Candidate]:
    """Ranked candidates for `name`; raises `NotFound` (with suggestions) when none fits."""
    name = clean_query(name)
    if limit < 1:
        raise InputError(f"limit must be at least 1, got {limit}")
    cc = check_country(country)
    if cc and gaz.country(cc) is None:
        raise InputError(f"unknown country code {cc!r}: the gazetteer has no such country")
    if "," in name:  # `Izium, Ukraine`: a name plus context (geo.gazetteer.query)
        found = geocode_qualified(gaz, name, rank=geocode, suggest=suggest, country=cc,
                                  near=near, limit=limit, fuzzy=fuzzy)
        if found is not None:
            return found
    base = _split_division(name)
    division_query = base is not None
    scored: dict[str, Candidate] = {}
    lookups = [(name, 0.0)] + ([(base, 0.02)] if base else [])
    for query, penalty in lookups:
        for hit in gaz.lookup(query):
            p = hit.place
            if cc and p.country_code != cc:
                continue
            if query is base and not p.is_division:
                continue
            match, mw = _match(hit)
            s = prior_score(p, mw, near=near, division_query=division_query)
            s = round(max(0.0, s - penalty), 4)
            prev = scored.get(p.geonameid)
            if prev is None or s > prev.score:
                scored[p.geonameid] = Candidate(
                    **p.model_dump(), score=s, match=match, matched_name=hit.name
                )
    ranked = sorted(scored.values(), key=_rank_key)
    if ranked:
        return ranked[:limit]
    suggestions = suggest(gaz, name, country=cc, near=near, limit=max(limit, 5))
    if fuzzy and suggestions and suggestions[0][1] >= FUZZY_ACCEPT:
        return [c for c, _ in suggestions if c.match == "fuzzy"][:limit]
    where = f" in {cc}" if cc else ""
    raise NotFound(
        f"no place named {name!r}{where} in the gazetteer",
        [f"{c.name} ({c.country_code or '?'}, {c.feature_code or c.feature_class})"
         for c, _ in suggestions],
    )


def _rank_key(c: Candidate) -> tuple:
    return (-c.score, -c.population, c.geonameid)


def suggest(gaz: Gazetteer, name: str, *, country: str | None = None,
            near: tuple[float, float] | None = None,
            limit: int = 5) -> list[tuple[Candidate, float]]:
    """The closest names by edit similarity (rapidfuzz), as candidates with match "fuzzy"."""
    from rapidfuzz import fuzz, process

    qk = key(name)
    if not qk:
        return []
    pool = gaz.keys_with_prefix(qk[0])
    close = process.extract(qk, pool, scorer=fuzz.ratio, limit=limit * 4, score_cutoff=60)
    out: dict[str, tuple[Candidate, float]] = {}
    for k, sim, _ in close:
        for hit in gaz.lookup_by_key(k):
            p = hit.place
            if country and p.country_code != country:
                continue
            s = prior_score(p, 0.6 * sim / 100, near=near, division_query=False)
            if p.geonameid not in out or s > out[p.geonameid][0].score:
                out[p.geonameid] = (
                    Candidate(**p.model_dump(), score=s, match="fuzzy", matched_name=hit.name),
                    sim,
                )
    ranked = sorted(out.values(), key=lambda t: (-t[1], _rank_key(t[0])))
    return ranked[:limit]


def check_country(country: str | None) -> str | None:
    if country is None or country == "":
        return None
    cc = country.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", cc):
        raise InputError(
            f"--country takes an ISO 3166 alpha-2 code such as UA or DE, got {country!r}"
        )
    return cc


def reverse(gaz: Gazetteer, lat: float, lon: float, *, max_km: float = 200.0) -> ReverseResult:
    """Nearest populated place and the containing admin1 and country; NotFound if none."""
    lat, lon = check_latlon(lat, lon)
    near = gaz.nearest(lat, lon, feature_class="P", limit=1, max_km=max_km)
    place, dist = near[0] if near else (None, None)
    country = gaz.country_at(lat, lon)
    country_method = "contains the point (Natural Earth 1:10m, simplified)"
    if country is None and place is not None and place.country_code:
        country = gaz.country(place.country_code)
        country_method = "country of the nearest place (no country shape contains the point)"
    if place is None and country is None:
        raise NotFound(f"nothing within {max_km:g} km of {lat}, {lon}")
    admin1, admin1_method = None, "unknown"
    if place is not None and (country is None or place.country_code == country.country_code):
        admin1, admin1_method = place.admin1, "admin1 of the nearest populated place"
    elif country is not None:
        same = gaz.nearest(lat, lon, feature_class="P", limit=20, max_km=max_km)
        inside = next((p for p, _ in same if p.country_code == country.country_code), None)
        if inside is not None:
            admin1, admin1_method = inside.admin1, "admin1 of the nearest place in that country"
    return ReverseResult(
        lat=lat, lon=lon, place=place,
        distance_km=round(dist, 2) if dist is not None else None,
        admin1=admin1, admin1_method=admin1_method, country=country,
        country_method=country_method if country else "none",
    )
