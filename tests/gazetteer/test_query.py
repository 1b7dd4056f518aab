"""Comma-qualified queries: a name plus the context that ranks its candidates."""

import pytest

from geo.errors import NotFound
from geo.gazetteer.geocode import geocode
from geo.gazetteer.query import describe, read_context, split_query


def test_split_query_drops_empty_parts():
    q = split_query(" Izium ,, Kharkiv   Oblast, Ukraine,")
    assert q.name == "Izium" and q.context == ("Kharkiv Oblast", "Ukraine")
    assert split_query("Izium").context == ()
    assert split_query(" , ").name == ""


@pytest.mark.parametrize(("query", "name", "cc", "admin1"), [
    ("Izium, Ukraine", "Izyum", "UA", "Kharkivska oblast"),
    ("Izium, Kharkiv", "Izyum", "UA", "Kharkivska oblast"),          # a city names its region
    ("Izium, Kharkiv Oblast, Ukraine", "Izyum", "UA", "Kharkivska oblast"),
    ("Paris, France", "Paris", "FR", "Île-de-France"),
    ("Paris, Texas", "Paris", "US", "Texas"),
    ("Paris, TX", "Paris", "US", "Texas"),                            # a state's code
    ("Springfield, Illinois", "Springfield", "US", "Illinois"),
    ("Springfield, IL, USA", "Springfield", "US", "Illinois"),
    ("Springfield, MO", "Springfield", "US", "Missouri"),
    ("Bucha, Kyiv", "Bucha", "UA", "Kyivska oblast"),                 # near the city, not in it
    ("Bucha, Kyiv region", "Bucha", "UA", "Kyivska oblast"),
    ("Bucha, Germany", "Bucha", "DE", "Thüringen"),
    ("Atlanta, Georgia", "Atlanta", "US", "Georgia"),                 # the state, not the country
    ("Tbilisi, Georgia", "Tbilisi", "GE", "Tbilisi"),
    ("Haifa, IL", "Haifa", "IL", "Ḩayfā"),                            # IL: Israel too
    ("London, UK", "London", "GB", "England"),
    ("London, Ontario", "London", "CA", "Ontario"),
    ("Raqqa, Syria", "Ar Raqqah", "SY", "Ar Raqqah"),
    ("Izyumm, Ukraine", "Izyum", "UA", "Kharkivska oblast"),          # misspelt, still found
])
def test_context_picks_the_place(gaz, query, name, cc, admin1):
    c = geocode(gaz, query)[0]
    assert (c.name, c.country_code, c.admin1) == (name, cc, admin1)


def test_context_drops_places_outside_it(gaz):
    found = geocode(gaz, "Springfield, IL, USA", limit=10)
    assert {c.admin1 for c in found} == {"Illinois"}
    assert all(c.country_code == "FR" for c in geocode(gaz, "Paris, France", limit=10))


def test_context_raises_the_score_of_the_agreeing_place(gaz):
    plain = geocode(gaz, "Izium")[0]
    qualified = geocode(gaz, "Izium, Ukraine")[0]
    assert qualified.geonameid == plain.geonameid and qualified.score > plain.score


def test_known_context_with_no_such_place_is_not_found(gaz):
    with pytest.raises(NotFound, match="no place named 'Paris' in Germany"):
        geocode(gaz, "Paris, Germany")


def test_unknown_context_is_ignored(gaz):
    assert geocode(gaz, "Aleppo, Qzxwvbnm countryside")[0].name == "Aleppo"


def test_a_name_with_a_comma_is_looked_up_whole(gaz):
    c = geocode(gaz, "Congo, The Democratic Republic of the")[0]
    assert c.country_code == "CD" and c.is_country


def test_trailing_comma_is_harmless(gaz):
    assert geocode(gaz, "Izium,")[0].geonameid == "707292"


def test_key_variants_do_not_make_context(gaz):
    """`UK` shares a spelling key with Lutsk (UA) and others: only places spelled `UK`
    count (the United Kingdom first, the Siberian village Uk a distant second)."""
    areas = read_context(gaz, "UK", geocode).areas
    assert areas[0].country_code == "GB" and areas[0].weight == 1.0
    assert "UA" not in {a.country_code for a in areas}
    assert all(a.weight < 0.5 for a in areas[1:])
    illinois = read_context(gaz, "IL", geocode).areas
    assert {a.country_code for a in illinois} >= {"IL", "US"}


def test_describe_says_how_the_query_was_read(gaz):
    d = describe(gaz, "Izium, Ukraine", geocode)
    assert d["name"] == "Izium"
    assert d["context"][0]["read_as"][0] == {"area": "Ukraine (country)", "weight": 1.0}
    assert describe(gaz, "Izium", geocode) is None
