"""The gazetteer behaves as a geopy geocoder, and as Nominatim where code expects it."""

import concurrent.futures
import math
import pickle
import time

import pytest
from geopy.exc import GeocoderQueryError
from geopy.extra.rate_limiter import RateLimiter
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


def test_not_found_is_none(geocoder):
    assert geocoder.geocode("Qzxwvbnm") is None


@pytest.mark.parametrize("query", [
    None, float("nan"), "", "   ", "x" * 201, "x" * 100_000, "Iz\x00ium", {"street": "1 Main St"},
])
def test_queries_that_name_no_place_are_none_at_once(geocoder, query):
    """Empty spreadsheet cells must not raise: RateLimiter would retry them with waits."""
    limited = RateLimiter(geocoder.geocode, min_delay_seconds=0, error_wait_seconds=5,
                          swallow_exceptions=False)
    t = time.perf_counter()
    assert limited(query) is None
    assert time.perf_counter() - t < 1.0


def test_pandas_missing_values_are_none(geocoder):
    pd = pytest.importorskip("pandas")
    assert geocoder.geocode(pd.NA) is None
    assert geocoder.geocode(pd.Series(["Izium", None])[1]) is None


def test_comma_qualified_queries(geocoder):
    assert geocoder.geocode("Izium, Ukraine").raw["geonameid"] == "707292"
    assert geocoder.geocode("Paris, France").raw["country_code"] == "FR"
    assert geocoder.geocode("Paris, Texas").raw["address"]["state"] == "Texas"


def test_structured_query(geocoder):
    loc = geocoder.geocode({"city": "Paris", "state": "Texas", "country": "USA"})
    assert loc.raw["country_code"] == "US" and loc.raw["admin1"] == "Texas"
    with pytest.raises(ValueError, match="unknown structured query keys"):
        geocoder.geocode({"town": "Paris"})


def test_raw_has_nominatims_display_name_and_address(geocoder):
    loc = geocoder.geocode("Izium", addressdetails=True)
    raw = loc.raw
    assert raw["display_name"] == loc.address == "Izyum, Kharkivska oblast, Ukraine"
    assert raw["address"] == {
        "town": "Izyum", "county": "Izyum Raion", "state": "Kharkivska oblast",
        "country": "Ukraine", "country_code": "ua",
    }
    assert raw["class"] == "place" and raw["type"] == "town"
    assert raw["importance"] == raw["score"]
    city = geocoder.geocode("Paris, France").raw
    assert city["address"]["city"] == "Paris" and city["addresstype"] == "city"
    region = geocoder.geocode("Kharkiv Oblast").raw
    assert region["class"] == "boundary" and region["address"]["state"].startswith("Kharkiv")
    south, north, west, east = map(float, region["boundingbox"])
    assert south < 49.8 < north and west < 36.5 < east
    country = geocoder.geocode("Syria").raw
    assert country["address"] == {"country": "Syria", "country_code": "sy"}


def test_featuretype(geocoder):
    assert geocoder.geocode("Kharkiv", featuretype="state").raw["feature_code"] == "ADM1"
    assert geocoder.geocode("Kharkiv", featuretype="city").raw["feature_code"] == "PPL"
    assert geocoder.geocode("Georgia", featuretype="country").raw["country_code"] == "GE"
    assert geocoder.geocode("Georgia", featuretype="state").raw["country_code"] == "US"
    assert geocoder.geocode("Kyiv", featuretype="PPLC").raw["feature_code"] == "PPLC"
    assert geocoder.geocode("Izium", featuretype="country") is None
    with pytest.raises(ValueError, match="featuretype"):
        geocoder.geocode("Izium", featuretype="street")


def test_viewbox_prefers_and_bounded_filters(geocoder):
    texas = [(30.0, -100.0), (36.0, -93.0)]
    assert geocoder.geocode("Paris", viewbox=texas).raw["admin1"] == "Texas"
    inside = geocoder.geocode("Paris", viewbox=texas, bounded=True, exactly_one=False)
    assert inside and all(30 <= loc.latitude <= 36 for loc in inside)
    assert geocoder.geocode("Paris", viewbox=[(0, 0), (1, 1)], bounded=True) is None
    assert geocoder.geocode("Paris", viewbox=[(0, 0), (1, 1)]).raw["country_code"] == "FR"
    with pytest.raises(ValueError, match="viewbox"):
        geocoder.geocode("Paris", viewbox=[1, 2, 3])


def test_language_names_the_country_and_the_script(geocoder):
    assert geocoder.geocode("Aleppo", language="fr").address.endswith(", Syrie")
    assert geocoder.geocode("Izium", language="uk").address.startswith("Ізюм")
    assert geocoder.geocode("Izium", language="ru").address.startswith("Изюм")
    assert geocoder.geocode("Aleppo", language="ar").raw["address"]["city"] == "حلب"
    assert geocoder.geocode("Izium", language="de-DE,en").address.endswith(", Ukraine")
    assert geocoder.geocode("Izium", language=False).address.startswith("Izyum")


def test_namedetails_and_extratags(geocoder):
    raw = geocoder.geocode("Izium", namedetails=True, extratags=True, geometry="geojson",
                           timeout=3).raw
    assert raw["namedetails"]["name"] == "Izyum" and "Izium" in raw["namedetails"]["alt_name"]
    assert raw["extratags"] == {"population": "45884", "geonames:feature_code": "PPL"}


def test_country_codes_are_checked(geocoder):
    with pytest.raises(ValueError, match="unknown country code"):
        geocoder.geocode("Bucha", country_codes=["xx"])
    assert geocoder.geocode("Bucha", country_codes=["de", "ua"]).raw["country_code"] == "UA"


def test_reverse_zoom(geocoder):
    assert geocoder.reverse("49.2, 37.28", zoom=3).raw["address"] == {
        "country": "Ukraine", "country_code": "ua"}
    assert geocoder.reverse("49.2, 37.28", zoom=6).address == "Kharkivska oblast, Ukraine"
    loc = geocoder.reverse("49.2, 37.28", zoom=18, language="uk")
    assert loc.raw["display_name"] == loc.address and loc.address.endswith("Україна")
    assert loc.raw["address"]["town"] == "Ізюм"


def test_pickles_and_reopens_lazily(geocoder):
    clone = pickle.loads(pickle.dumps(geocoder))
    assert clone._gazetteer is None  # the connection stayed behind
    assert clone.geocode("Izium").raw["geonameid"] == "707292"


def test_works_in_worker_processes(geocoder):
    """`df.apply` under multiprocessing sends the geocoder to other processes."""
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        found = list(pool.map(geocoder.geocode, ["Izium, Ukraine", "Raqqa", math.nan]))
    assert found[0].raw["geonameid"] == "707292" and found[1].raw["country_code"] == "SY"
    assert found[2] is None


def test_never_uses_the_network(geocoder):
    with pytest.raises(GeocoderQueryError, match="never makes HTTP"):
        geocoder.adapter.get_json("https://nominatim.openstreetmap.org", timeout=1, headers={})


def test_reverse(geocoder):
    loc = geocoder.reverse("49.2, 37.28")
    assert loc.raw["place"]["name"] == "Izyum" and "Ukraine" in loc.address
    assert isinstance(geocoder.reverse((36.2, 37.16), exactly_one=False), list)
    assert geocoder.reverse((0.0, -30.0)) is None
    with pytest.raises(GeocoderQueryError):
        geocoder.reverse("north pole")
