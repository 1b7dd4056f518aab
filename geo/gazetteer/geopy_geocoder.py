"""The gazetteer as a geopy geocoder, so code written for Nominatim runs offline.

    >>> from geo.gazetteer.geopy_geocoder import OfflineGazetteer
    >>> g = OfflineGazetteer()
    >>> g.geocode("Izium, Ukraine")
    Location(Izyum, Kharkivska oblast, Ukraine, (49.20697, 37.27679, 0.0))
    >>> g.geocode("Izium").raw["address"]["state"]
    'Kharkivska oblast'
    >>> g.reverse("49.2, 37.28").raw["place"]["name"]
    'Izyum'

It never touches the network.  geopy conventions are kept: `geocode` and `reverse`
return a `geopy.location.Location` (or a list with `exactly_one=False`), or None when
nothing is found.

Spreadsheet-friendly: a query that cannot name a place (None, NaN, an empty or
whitespace string, a string longer than 200 characters or with control characters)
returns None at once.  Raising `GeocoderQueryError` there would make geopy's
`RateLimiter` retry every such row with waits in between (23 s for four rows).  Wrong
*arguments* (an unknown `featuretype`, a malformed `viewbox`, an unknown country code)
raise `ValueError`, which `RateLimiter` does not retry: they are programming errors.

Nominatim's keywords are accepted, so code written for it runs unchanged:
- `country_codes`, `limit`, `exactly_one`: as in Nominatim.
- `viewbox=[(lat1, lon1), (lat2, lon2)]`: places inside the box rank first;
  with `bounded=True` only places inside are returned.
- `featuretype`: `country`, `state` (first-order divisions), `city` (populated places),
  `settlement` (populated places and divisions), or a GeoNames feature class (`P`, `A`)
  or code (`PPLC`, `ADM2`).
- `language` (`"fr"`, `"uk,en"`): country names in that language (Unicode CLDR), and
  for a language not written in Latin script, the place's and its region's names in
  that script when the gazetteer has one (GeoNames' alternate names carry no language
  tags here, so Ukrainian and Russian are told apart only by their distinct letters).
- `addressdetails`: `raw["address"]` is always there (it costs nothing offline).
- `namedetails=True`: `raw["namedetails"]` = `{"name": ..., "alt_name": "a;b;..."}`.
- `extratags=True`: `raw["extratags"]` with `population` and the GeoNames feature code.
- `geometry`: accepted and ignored (the gazetteer holds points, not outlines).
- `timeout`: accepted and ignored (nothing waits on a server).
- A structured query `{"city": ..., "county": ..., "state": ..., "country": ...}` is
  read as `"city, county, state, country"`; `street`, `amenity` and `postalcode` are
  beyond a gazetteer of places, so a query with only those returns None.
- `reverse(..., zoom=N)`: 0-4 the country, 5-9 the first-order division, 10 and up
  (the default) the nearest populated place.

Comma-qualified queries (`"Izium, Ukraine"`, `"Springfield, IL, USA"`) are read as a
name plus context (`geo.gazetteer.query`).  `raw` holds the gazetteer's fields
(`geonameid`, `feature_code`, `population`, `score`, `match`...) plus Nominatim's
`display_name`, `address` (`city`/`town`/`village`, `county`, `state`, `country`,
`country_code`), `class`, `type`, `addresstype`, `importance` (the score) and, for
areas, `boundingbox` (`[south, north, west, east]` as strings).

The instance pickles (for `df.apply` under multiprocessing, Dask or joblib): the
SQLite connection is left behind and reopened on first use in the other process.
"""

from __future__ import annotations

import math
import os
import unicodedata
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from geopy.adapters import BaseSyncAdapter
from geopy.exc import GeocoderQueryError
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from geo.errors import GeoError, InputError, NotFound
from geo.gazetteer.db import row_id_for
from geo.gazetteer.geocode import MAX_NAME_CHARS, check_country, clean_query
from geo.gazetteer.geocode import geocode as rank
from geo.gazetteer.geocode import reverse as reverse_lookup
from geo.gazetteer.lookup import Gazetteer
from geo.models import Candidate, Place

__all__ = ["OfflineGazetteer", "FEATURETYPES"]

FEATURETYPES = ("country", "state", "city", "settlement")
_STRUCTURED = ("city", "county", "state", "country")
_UNSUPPORTED = ("street", "amenity", "postalcode")
_POOL = 200  # candidates ranked before a filter (featuretype, bounded viewbox) applies

# ISO 15924 script (from CLDR's likely subtags) -> first word of Unicode character names.
_SCRIPT_WORDS = {
    "Cyrl": ("CYRILLIC",), "Arab": ("ARABIC",), "Hebr": ("HEBREW",), "Grek": ("GREEK",),
    "Armn": ("ARMENIAN",), "Geor": ("GEORGIAN",), "Thai": ("THAI",),
    "Deva": ("DEVANAGARI",), "Hans": ("CJK",), "Hant": ("CJK",), "Hani": ("CJK",),
    "Jpan": ("CJK", "HIRAGANA", "KATAKANA"), "Kore": ("HANGUL", "CJK"),
    "Ethi": ("ETHIOPIC",), "Beng": ("BENGALI",), "Taml": ("TAMIL",), "Mymr": ("MYANMAR",),
    "Khmr": ("KHMER",), "Sinh": ("SINHALA",), "Guru": ("GURMUKHI",), "Gujr": ("GUJARATI",),
}
# Letters only some Cyrillic languages use: enough to prefer `Ізюм` (uk) over `Изюм` (ru).
_OWN_LETTERS = {"uk": "іїєґ", "ru": "ыэъё", "be": "ўі", "bg": "ъ", "sr": "ђјљњћџ"}


def _is_missing(query: object) -> bool:
    """None, NaN (pandas' empty cell), pandas.NA/NaT: no name to look up."""
    if query is None or type(query).__name__ in ("NAType", "NaTType"):
        return True
    if isinstance(query, float):
        return math.isnan(query)
    try:
        return bool(query != query)  # NaN-like objects are not equal to themselves
    except (TypeError, ValueError):
        return False


class OfflineAdapter(BaseSyncAdapter):
    """geopy's HTTP adapter slot, filled with one that has no network at all (and no
    session or SSL context, so the geocoder pickles)."""

    def get_json(self, url, *, timeout, headers):
        raise GeocoderQueryError("OfflineGazetteer never makes HTTP requests")

    def get_text(self, url, *, timeout, headers):
        raise GeocoderQueryError("OfflineGazetteer never makes HTTP requests")


class OfflineGazetteer(Geocoder):
    """geopy geocoder over the offline GeoNames gazetteer (no server, no network)."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *,
                 local_tsv: str | os.PathLike[str] | None | bool = None,
                 fuzzy: bool = True, **kwargs):
        kwargs.setdefault("adapter_factory", OfflineAdapter)
        super().__init__(**kwargs)
        self.fuzzy = fuzzy
        self._gazetteer: Gazetteer | None = Gazetteer(path, local_tsv)  # fail early
        # What another process needs to open the same database and overlay.
        self._path: Path = self._gazetteer.path
        self._local_tsv: Path | bool = self._gazetteer.local_path or False

    # --- pickling: the connection stays behind, reopened on first use --------------------

    @property
    def gazetteer(self) -> Gazetteer:
        """The open gazetteer (opened again on first use after unpickling)."""
        if self._gazetteer is None:
            self._gazetteer = Gazetteer(self._path, self._local_tsv)
        return self._gazetteer

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["_gazetteer"] = None
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    # --- forward ---------------------------------------------------------------------------

    def geocode(self, query: str | Mapping[str, str] | None, *, exactly_one: bool = True,
                timeout=DEFAULT_SENTINEL, limit: int | None = None,
                addressdetails: bool = False, language: str | bool = False,
                geometry: str | None = None, extratags: bool = False,
                country_codes: str | Sequence[str] | None = None,
                viewbox: Sequence | None = None, bounded: bool = False,
                featuretype: str | None = None, namedetails: bool = False,
                near: Point | tuple[float, float] | str | None = None,
                ) -> Location | list[Location] | None:
        """Places named `query`, best first (see the module docstring for the keywords);
        `near` (an extension) prefers places near a point."""
        text = self._query_text(query)
        keep = _feature_filter(featuretype)
        box = _viewbox(viewbox)
        codes = self._country_codes(country_codes)
        point = None
        if near is not None:
            p = Point(near)
            point = (p.latitude, p.longitude)
        n = 1 if exactly_one else max(1, int(limit or 10))
        if text is None:
            return None
        pool = _POOL if (keep or box) else n
        found: list[Candidate] = []
        for cc in codes:
            try:
                found.extend(rank(self.gazetteer, text, country=cc, near=point, limit=pool,
                                  fuzzy=self.fuzzy))
            except NotFound:
                continue
            except InputError:
                return None  # an unusable name: no result, nothing to retry
            except GeoError as exc:
                raise GeocoderQueryError(str(exc)) from None
        if keep is not None:
            found = [c for c in found if keep(c)]
        found.sort(key=lambda c: -c.score)
        if box is not None:
            found.sort(key=lambda c: not _inside(c, box))  # stable: inside first
            if bounded:
                found = [c for c in found if _inside(c, box)]
        lang = _language(language)
        locations = [
            self._location(c, lang, namedetails=namedetails, extratags=extratags)
            for c in found[:n]
        ]
        if not locations:
            return None
        return locations[0] if exactly_one else locations

    def _query_text(self, query: object) -> str | None:
        """The name to look up, or None when the query can name no place."""
        if isinstance(query, Mapping):
            if not any(query.get(k) for k in _STRUCTURED):
                bad = [k for k in query if k not in (*_STRUCTURED, *_UNSUPPORTED)]
                if bad:
                    raise ValueError(
                        f"unknown structured query keys {bad}; use {', '.join(_STRUCTURED)}"
                    )
                return None
            parts = [query.get(k) for k in _STRUCTURED]
            query = ", ".join(str(p).strip() for p in parts if p and not _is_missing(p))
        if _is_missing(query):
            return None
        if not isinstance(query, str):
            query = str(query)
        if len(query) > MAX_NAME_CHARS * 2:
            return None  # a pasted paragraph, not a place name
        try:
            return clean_query(query)
        except InputError:
            return None

    def _country_codes(self, country_codes: str | Sequence[str] | None) -> list[str | None]:
        """Validated ISO 3166 alpha-2 codes (ValueError for one the gazetteer lacks)."""
        if country_codes is None:
            return [None]
        codes = [country_codes] if isinstance(country_codes, str) else list(country_codes)
        out: list[str | None] = []
        for c in codes:
            if not c:
                continue
            try:
                cc = check_country(str(c))
            except InputError as exc:
                raise ValueError(str(exc).replace("--country", "country_codes")) from None
            if cc and self.gazetteer.country(cc) is None:
                raise ValueError(f"unknown country code {c!r} in country_codes")
            out.append(cc)
        return out or [None]

    # --- reverse ---------------------------------------------------------------------------

    def reverse(self, query: Point | tuple[float, float] | str, *, exactly_one: bool = True,
                timeout=DEFAULT_SENTINEL, language: str | bool = False,
                addressdetails: bool = True, zoom: int | None = None,
                namedetails: bool = False) -> Location | list[Location] | None:
        """What is at a point: the nearest populated place (zoom 10+, the default), the
        first-order division (zoom 5-9) or the country (zoom 0-4)."""
        try:
            p = Point(query)
        except (ValueError, TypeError) as exc:
            raise GeocoderQueryError(f"not a point: {query!r} ({exc})") from None
        try:
            res = reverse_lookup(self.gazetteer, p.latitude, p.longitude)
        except NotFound:
            return None
        except GeoError as exc:
            raise GeocoderQueryError(str(exc)) from None
        target: Place | None = res.place or res.country
        if zoom is not None and zoom < 5:
            target = res.country or target
        elif zoom is not None and zoom < 10 and res.admin1 and res.country:
            target = self._admin1_place(res.admin1, res.country.country_code) or target
        if target is None:
            return None
        lang = _language(language)
        raw = res.model_dump(mode="json")
        raw.update(self._nominatim_fields(target, lang))
        if namedetails:
            raw["namedetails"] = self._namedetails(target)
        loc = Location(raw["display_name"], Point(target.lat, target.lon), raw)
        return loc if exactly_one else [loc]

    # --- Nominatim-shaped results ----------------------------------------------------------

    def _location(self, c: Candidate, lang: str | None, *, namedetails: bool,
                  extratags: bool) -> Location:
        raw = c.model_dump(mode="json")
        raw.update(self._nominatim_fields(c, lang))
        if namedetails:
            raw["namedetails"] = self._namedetails(c)
        if extratags:
            raw["extratags"] = {"population": str(c.population),
                                "geonames:feature_code": c.feature_code or ""}
        return Location(raw["display_name"], Point(c.lat, c.lon), raw)

    def _nominatim_fields(self, p: Place, lang: str | None) -> dict:
        """`display_name`, `address`, `class`, `type`, `addresstype`, `importance` and,
        for areas, `boundingbox`, as Nominatim names them."""
        gaz = self.gazetteer
        name = self._local_name(p, lang)
        country_place = gaz.country(p.country_code) if p.country_code else None
        country = _country_name(p.country_code, lang) or (
            country_place.name if country_place else p.country_code)
        admin1 = p.admin1
        if admin1 and lang and not p.is_division:
            a1 = self._admin1_place(admin1, p.country_code)
            admin1 = self._local_name(a1, lang) if a1 else admin1
        kind = _address_type(p)
        address: dict[str, str] = {}
        if p.is_country:
            address["country"] = name
        else:
            address[kind] = name
            if p.admin2 and p.admin2 != p.name and kind != "county":
                address["county"] = p.admin2
            if admin1 and kind != "state":
                address["state"] = admin1
            if country:
                address["country"] = country
        if p.country_code:
            address["country_code"] = p.country_code.lower()
        parts = [name, admin1 if admin1 != name else None,
                 None if p.is_country else country]
        fields = {
            "display_name": ", ".join(dict.fromkeys(x for x in parts if x)),
            "address": address,
            "class": "boundary" if p.feature_class == "A" else "place",
            "type": "administrative" if p.feature_class == "A" else kind,
            "addresstype": kind,
            "importance": getattr(p, "score", None),
        }
        if p.radius_km:
            dlat = p.radius_km / 111.32
            dlon = dlat / max(0.01, math.cos(math.radians(p.lat)))
            fields["boundingbox"] = [
                f"{max(-90.0, p.lat - dlat):.7f}", f"{min(90.0, p.lat + dlat):.7f}",
                f"{max(-180.0, p.lon - dlon):.7f}", f"{min(180.0, p.lon + dlon):.7f}",
            ]
        return fields

    def _admin1_place(self, admin1: str, country_code: str | None) -> Place | None:
        for hit in self.gazetteer.lookup(admin1):
            p = hit.place
            if p.feature_code == "ADM1" and p.country_code == country_code and hit.norm_equal:
                return p
        return None

    def _names(self, p: Place) -> list[str]:
        if not p.geonameid or p.source == "local":
            return [p.name]
        rows = self.gazetteer.conn.execute(
            "SELECT name FROM names WHERE place_id = ? ORDER BY is_primary DESC, rowid",
            (row_id_for(p.geonameid),),
        ).fetchall()
        return [r[0] for r in rows] or [p.name]

    def _namedetails(self, p: Place) -> dict[str, str]:
        others = [n for n in self._names(p) if n != p.name]
        out = {"name": p.name}
        if others:
            out["alt_name"] = ";".join(others)
        return out

    def _local_name(self, p: Place, lang: str | None) -> str:
        """The place's name in `lang`'s script, when the language is not written in Latin
        and the gazetteer has such a name; CLDR's name for a country."""
        if lang is None:
            return p.name
        if p.is_country and (cldr := _country_name(p.country_code, lang)):
            return cldr
        words = _script_words(lang)
        if not words:
            return p.name
        in_script = [n for n in self._names(p) if _written_in(n, words)]
        if not in_script:
            return p.name
        own = _OWN_LETTERS.get(lang, "")
        others = "".join(v for k, v in _OWN_LETTERS.items() if k != lang)
        return max(in_script, key=lambda n: (sum(ch in own for ch in n.lower())
                                             - sum(ch in others for ch in n.lower())))


# --- argument parsing ---------------------------------------------------------------------


def _feature_filter(featuretype: str | None):
    """A predicate on candidates for Nominatim's `featuretype` (or a GeoNames class/code)."""
    if featuretype is None or featuretype == "":
        return None
    ft = str(featuretype).strip()
    low = ft.lower()
    if low == "country":
        return lambda c: c.is_country
    if low == "state":
        return lambda c: c.feature_code == "ADM1"
    if low == "city":
        return lambda c: c.feature_class == "P"
    if low == "settlement":
        return lambda c: c.feature_class == "P" or c.is_division
    if len(ft) == 1 and ft.isalpha():
        return lambda c: (c.feature_class or "") == ft.upper()
    if ft.isalnum() and ft.upper() == ft and 3 <= len(ft) <= 5:
        return lambda c: (c.feature_code or "") == ft
    raise ValueError(
        f"featuretype must be one of {', '.join(FEATURETYPES)} or a GeoNames feature class "
        f"or code (P, A, PPLC, ADM2), got {featuretype!r}"
    )


def _viewbox(viewbox: Sequence | None) -> tuple[float, float, float, float] | None:
    """Nominatim's viewbox (two corners, as Points or (lat, lon)) -> (south, north, west, east)."""
    if viewbox is None:
        return None
    try:
        if len(viewbox) == 4 and all(isinstance(v, (int, float)) for v in viewbox):
            a, b = Point(viewbox[0], viewbox[1]), Point(viewbox[2], viewbox[3])
        elif len(viewbox) == 2:
            a, b = Point(viewbox[0]), Point(viewbox[1])
        else:
            raise ValueError("expected two corners")
    except (TypeError, ValueError) as exc:
        raise ValueError(
            f"viewbox must be two corners [(lat1, lon1), (lat2, lon2)], got {viewbox!r} ({exc})"
        ) from None
    return (min(a.latitude, b.latitude), max(a.latitude, b.latitude),
            min(a.longitude, b.longitude), max(a.longitude, b.longitude))


def _inside(p: Place, box: tuple[float, float, float, float]) -> bool:
    south, north, west, east = box
    return south <= p.lat <= north and west <= p.lon <= east


def _language(language: str | bool | None) -> str | None:
    """`"uk,en"`, `"de-DE"` -> `uk`, `de`; False/None/"" -> None (GeoNames' own names)."""
    if not language or not isinstance(language, str):
        return None
    first = language.split(",")[0].split(";")[0].strip()
    lang = first.replace("-", "_").split("_")[0].lower()
    return lang or None


@lru_cache(maxsize=256)
def _country_name(country_code: str | None, lang: str | None) -> str | None:
    if not country_code or not lang:
        return None
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang).territories.get(country_code.upper())
    except (UnknownLocaleError, ValueError, TypeError):
        return None


@lru_cache(maxsize=256)
def _script_words(lang: str) -> tuple[str, ...]:
    """Unicode name prefixes of the script `lang` is written in; () for Latin or unknown."""
    from babel.core import get_global

    likely = get_global("likely_subtags").get(lang, "")
    script = next((part for part in likely.split("_")[1:] if len(part) == 4), "")
    return _SCRIPT_WORDS.get(script, ())


def _written_in(name: str, words: tuple[str, ...]) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    if not letters:
        return False
    return all(unicodedata.name(ch, "").startswith(words) for ch in letters)


def _address_type(p: Place) -> str:
    """Nominatim's address key for a place: country, state, county, city, town, village."""
    if p.is_country:
        return "country"
    if p.is_continent:
        return "continent"
    if p.feature_code == "ADM1":
        return "state"
    if p.is_division:
        return "county"
    if p.feature_code == "PPLC" or p.population >= 100_000:
        return "city"
    if p.population >= 10_000:
        return "town"
    return "village"
