"""The gazetteer as a geopy geocoder, so geopy users can swap it in for Nominatim.

    >>> from geo.gazetteer.geopy_geocoder import OfflineGazetteer
    >>> g = OfflineGazetteer()
    >>> g.geocode("Izium")
    Location(Izyum, Kharkivska oblast, Ukraine, (49.20697, 37.27679, 0.0))
    >>> g.reverse("49.2, 37.28").raw["place"]["name"]
    'Izyum'

It never touches the network.  geopy conventions are kept: `geocode` and `reverse`
return a `geopy.location.Location` (or a list with `exactly_one=False`) or None when
nothing is found; bad input raises `geopy.exc.GeocoderQueryError`.  The `timeout`
argument is accepted and ignored, since nothing here waits on a server.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from geopy.exc import GeocoderQueryError
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from geo.errors import GeoError, NotFound
from geo.gazetteer.geocode import geocode as rank
from geo.gazetteer.geocode import reverse as reverse_lookup
from geo.gazetteer.lookup import Gazetteer
from geo.models import Candidate

__all__ = ["OfflineGazetteer"]


class OfflineGazetteer(Geocoder):
    """geopy geocoder over the offline GeoNames gazetteer (no server, no network)."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *,
                 local_tsv: str | os.PathLike[str] | None | bool = None,
                 fuzzy: bool = True, **kwargs):
        super().__init__(**kwargs)
        self.gazetteer = Gazetteer(path, local_tsv)
        self.fuzzy = fuzzy

    def geocode(self, query: str, *, exactly_one: bool = True, limit: int | None = None,
                country_codes: str | Sequence[str] | None = None,
                near: Point | tuple[float, float] | str | None = None,
                timeout=DEFAULT_SENTINEL) -> Location | list[Location] | None:
        """Places named `query`, best first; `country_codes` restricts, `near` prefers."""
        if not isinstance(query, str):
            raise GeocoderQueryError("OfflineGazetteer takes a place name string")
        codes = [country_codes] if isinstance(country_codes, str) else list(country_codes or [None])
        point = None
        if near is not None:
            p = Point(near)
            point = (p.latitude, p.longitude)
        n = 1 if exactly_one else (limit or 10)
        found: list[Candidate] = []
        for cc in codes:
            try:
                found.extend(rank(self.gazetteer, query, country=cc, near=point, limit=n,
                                  fuzzy=self.fuzzy))
            except NotFound:
                continue
            except GeoError as exc:
                raise GeocoderQueryError(str(exc)) from None
        found.sort(key=lambda c: -c.score)
        locations = [self._location(c) for c in found[:n]]
        if not locations:
            return None
        return locations[0] if exactly_one else locations

    def reverse(self, query: Point | tuple[float, float] | str, *, exactly_one: bool = True,
                timeout=DEFAULT_SENTINEL) -> Location | list[Location] | None:
        """The nearest populated place, with its admin1 and country in `raw`."""
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
        target = res.place or res.country
        parts = [target.name, res.admin1, res.country.name if res.country else None]
        address = ", ".join(dict.fromkeys(x for x in parts if x))
        loc = Location(address, Point(target.lat, target.lon), res.model_dump(mode="json"))
        return loc if exactly_one else [loc]

    def _location(self, c: Candidate) -> Location:
        country = None
        if c.country_code and not c.is_country:
            cp = self.gazetteer.country(c.country_code)
            country = cp.name if cp else c.country_code
        parts = [c.name, c.admin1 if c.admin1 != c.name else None, country]
        address = ", ".join(x for x in parts if x)
        return Location(address, Point(c.lat, c.lon), c.model_dump(mode="json"))
