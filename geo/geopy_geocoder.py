"""Kept for users' code that imports `geo.geopy_geocoder.OfflineGazetteer`; the geocoder
now lives in `geo.gazetteer.geopy_geocoder`."""

from geo.gazetteer.geopy_geocoder import OfflineGazetteer

__all__ = ["OfflineGazetteer"]
