"""The gazetteer behaves as a geopy geocoder."""

import pytest
from geopy.exc import GeocoderQueryError
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo.gazetteer.geopy_geocoder import OfflineGazetteer


@pytest.fixture(scope="module")
def geocoder(gazetteer_path):
    return OfflineGazetteer(gazetteer_path, local_tsv=False)


def test_is_a_geopy_geocoder(geocoder):
    assert isinstance(geocoder, Geocoder)


def test_geocode_exactly_one(geocoder):
    loc = geocoder.geocode("Izium")
    assert isinstance(loc, Location)
    assert loc.address == "Izyum, Kharkivska oblast, Ukraine"
    assert round(loc.latitude, 2) == 49.21 and round(loc.longitude, 2) == 37.28
    assert loc.raw["geonameid"] == "707292"


def test_geocode_list_and_country_codes(geocoder):
    locs = geocoder.geocode("Bucha", exactly_one=False, limit=3)
    assert isinstance(locs, list) and len(locs) == 3
    assert locs[0].raw["country_code"] == "UA"
    de = geocoder.geocode("Bucha", country_codes=["de"])
    assert de.raw["country_code"] == "DE"


def test_not_found_is_none_bad_query_raises(geocoder):
    assert geocoder.geocode("Qzxwvbnm") is None
    with pytest.raises(GeocoderQueryError):
        geocoder.geocode("   ")


def test_reverse(geocoder):
    loc = geocoder.reverse("49.2, 37.28")
    assert loc.raw["place"]["name"] == "Izyum" and "Ukraine" in loc.address
    assert isinstance(geocoder.reverse((36.2, 37.16), exactly_one=False), list)
    assert geocoder.reverse((0.0, -30.0)) is None
    with pytest.raises(GeocoderQueryError):
        geocoder.reverse("north pole")
