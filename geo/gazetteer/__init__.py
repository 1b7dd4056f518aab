"""The offline gazetteer: building it, reading it, and geocoding with it.

`lookup` opens the database (`Gazetteer`), `geocode` ranks candidates for a name and
answers reverse lookups, `build` and `geonames_import` write the database (`db` is its
schema), `local` reads the user's `local.tsv`, `normalize` gives the name keys, `batch`
geocodes a CSV column and `geopy_geocoder` wraps it all as a geopy geocoder.

    >>> from geo.gazetteer import Gazetteer, geocode, reverse
"""

from geo.gazetteer.geocode import geocode, reverse
from geo.gazetteer.lookup import Gazetteer

__all__ = ["Gazetteer", "geocode", "reverse"]
