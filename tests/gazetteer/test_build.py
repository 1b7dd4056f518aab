"""The embedded gazetteer: what the build derives, and that it is written atomically."""

import sqlite3

import pytest

from geo.distance import haversine_km
from geo.gazetteer import build as build_mod
from geo.gazetteer.build import member_point, spherical_mean


def test_spherical_mean_across_the_antimeridian():
    lat, lon = spherical_mean([(0.0, 179.0, 1), (0.0, -179.0, 1)])
    assert abs(lat) < 1e-6 and abs(abs(lon) - 180) < 1e-6


def test_member_point_radius_covers_every_member():
    members = [(49.0, 37.0, 10), (50.0, 36.0, 10), (49.5, 38.5, 10)]
    lat, lon, r = member_point(members)
    assert all(haversine_km(lat, lon, m[0], m[1]) <= r for m in members)


def test_capitals_are_found_by_name_or_alternate():
    cities = {
        "1": {"name": "Kyiv", "countrycode": "UA", "population": 2_900_000,
              "alternatenames": ["Kiev"]},
        "2": {"name": "Kyiv", "countrycode": "UA", "population": 900, "alternatenames": []},
        "3": {"name": "Dimashq", "countrycode": "SY", "population": 2_500_000,
              "alternatenames": ["Damascus"]},
    }
    info = {"UA": {"capital": "Kyiv"}, "SY": {"capital": "Damascus"}, "XX": {"capital": ""}}
    assert build_mod._capitals(cities, info) == {"1", "3"}


def rows(path, sql, *args):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def test_every_place_has_valid_coordinates_and_a_recorded_method(gazetteer_path):
    bad = rows(gazetteer_path, "SELECT count(*) FROM places WHERE lat NOT BETWEEN -90 AND 90 "
               "OR lon NOT BETWEEN -180 AND 180 OR coord_source = '' OR coord_source IS NULL")
    assert bad == [(0,)]


def test_countries_and_divisions_lie_inside_their_country(gaz):
    for gid, cc in [("163843", "SY"), ("690791", "UA"), ("706482", "UA"), ("172957", "SY")]:
        p = gaz.get(gid)
        assert p is not None and p.radius_km and p.radius_km > 10, gid
        assert gaz.country_at(p.lat, p.lon).country_code == cc, gid


def test_populated_places_keep_their_admin_names(gaz):
    izyum = gaz.get("707292")
    assert izyum.admin1 == "Kharkivska oblast" and izyum.admin2 == "Izyum Raion"
    assert izyum.population == 45884


def test_country_names_in_many_languages(gaz):
    for name in ("Syria", "Syrian Arab Republic", "Сирия", "سوريا", "Syrie", "Ukraine",
                 "Україна", "USA", "United States of America"):
        assert any(h.place.is_country for h in gaz.lookup(name)), name


def test_indexes_exist(gazetteer_path):
    names = {r[0] for r in rows(gazetteer_path, "SELECT name FROM sqlite_master")}
    assert {"names_key", "names_place_norm", "places_rtree", "shapes_rtree"} <= names


def test_a_failed_build_leaves_the_old_database_untouched(tmp_path, monkeypatch):
    target = tmp_path / "g.sqlite"
    target.write_bytes(b"old database")

    def boom(conn, progress):
        conn.execute("CREATE TABLE half(x)")
        raise RuntimeError("disk full")

    monkeypatch.setattr(build_mod, "_load", boom)
    with pytest.raises(RuntimeError):
        build_mod.build(target)
    assert target.read_bytes() == b"old database"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.sqlite"]


@pytest.mark.parametrize(("name", "bare"), [
    ("Lakeside Province", "Lakeside"),
    ("Kol-e Sar Province", "Kol-e Sar"),
    ("North Central Province", None),
    ("Southeastern Governorate", None),
    ("Hillmark Governorate", "Hillmark"),
    ("Hill Country Governorate", None),
    ("Rivermouth Regional State", "Rivermouth"),
    ("Province of Westmark", "Westmark"),
    ("Khétt Pâlôn", "Pâlôn"),
    ("Caza de Montrel", "Montrel"),
    ("Sar-e Kol District", "Sar-e Kol"),
    ("Hillmarkia, Respublika", "Hillmarkia"),  # GeoNames' "Dagestan, Respublika"
    ("West Hillmark Zone", "West Hillmark"),  # the local kinds: zone, woreda, cercle...
    ("Montrel Cercle", "Montrel"),
    ("Central Zone", None),
    ("Central Region", None),  # a common word alone is no division's name
    ("Northern State", None),
    ("Regional State", None),
    ("Westmark", None),
])
def test_a_division_name_without_its_kind_word(name, bare):
    assert build_mod._bare_name(name) == bare


# Common English names of provinces, oblasts, governorates and states of conflict
# countries, several of which GeoNames lists only with the word for their kind.
@pytest.mark.parametrize(("name", "cc"), [
    ("Nimruz", "AF"), ("Sar-e Pol", "AF"), ("Maidan Wardak", "AF"), ("Helmand", "AF"),
    ("Kayin", "MM"), ("Rakhine", "MM"), ("Baalbek-Hermel", "LB"), ("Akkar", "LB"),
    ("Benishangul-Gumuz", "ET"), ("Tigray", "ET"), ("Kampong Speu", "KH"),
    ("Kharkiv Oblast", "UA"), ("Idlib Governorate", "SY"), ("Nineveh", "IQ"),
    ("Marib Governorate", "YE"), ("North Darfur", "SD"), ("Borno", "NG"),
    ("Mopti Region", "ML"), ("Boucle du Mouhoun", "BF"), ("North Kivu", "CD"),
    ("Guerrero", "MX"), ("Chalatenango", "SV"), ("Hebron Governorate", "PS"),
    ("Misrata District", "LY"),
])
def test_divisions_of_conflict_countries_by_their_common_names(gaz, name, cc):
    from geo.gazetteer.geocode import geocode

    found = geocode(gaz, name, country=cc, limit=10, fuzzy=False)
    assert any(c.feature_class == "A" and c.feature_code in ("ADM1", "ADM2")
               for c in found), [(c.name, c.feature_code) for c in found]
