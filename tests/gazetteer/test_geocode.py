"""Forward and reverse geocoding on the real embedded gazetteer."""

import pytest

from geo.errors import InputError, NotFound
from geo.gazetteer.geocode import check_latlon, geocode, parse_latlon, reverse, suggest
from geo.gazetteer.lookup import Gazetteer


def top(gaz, name, **kw):
    return geocode(gaz, name, **kw)[0]


@pytest.mark.parametrize(("query", "kw", "name", "cc", "code"), [
    ("Izium", {}, "Izyum", "UA", "PPL"),
    ("Izjum", {}, "Izyum", "UA", "PPL"),
    ("Ізюм", {}, "Izyum", "UA", "PPL"),
    ("Raqqa", {}, "Ar Raqqah", "SY", "PPL"),
    ("Ar-Raqqah", {}, "Ar Raqqah", "SY", "PPL"),
    ("Bucha", {}, "Bucha", "UA", "PPL"),
    ("Bucha", {"country": "DE"}, "Bucha", "DE", "PPL"),
    ("Halab", {}, "Aleppo", "SY", "PPL"),
    ("حلب", {}, "Aleppo", "SY", "PPL"),
    ("Syria", {}, "Syria", "SY", "PCLI"),
    ("Kiev", {}, "Kyiv", "UA", "PPLC"),
    ("Georgia", {}, "Georgia", "GE", "PCLI"),
])
def test_the_right_place_comes_first(gaz, query, kw, name, cc, code):
    c = top(gaz, query, **kw)
    assert (c.name, c.country_code, c.feature_code) == (name, cc, code)


def test_kharkiv_oblast_is_the_admin1(gaz):
    c = top(gaz, "Kharkiv Oblast")
    assert c.feature_code == "ADM1" and c.country_code == "UA"
    assert c.name.startswith("Kharkiv")


def test_a_division_word_prefers_the_division(gaz):
    assert top(gaz, "Idlib province").feature_code == "ADM1"
    assert top(gaz, "Idlib").feature_code.startswith("PPL")


def test_candidates_carry_the_documented_fields(gaz):
    c = top(gaz, "Izium")
    d = c.model_dump()
    for f in ("name", "lat", "lon", "country_code", "admin1", "feature_code", "population",
              "geonameid", "score", "match"):
        assert f in d
    assert isinstance(c.geonameid, str) and c.geonameid == "707292"
    assert c.match == "alternate" and c.matched_name == "Izium"
    assert 0 < c.score <= 1
    assert abs(c.lat - 49.207) < 0.01 and abs(c.lon - 37.277) < 0.01


def test_match_types(gaz):
    assert top(gaz, "Aleppo").match == "exact"
    assert top(gaz, "Halab").match == "alternate"
    assert top(gaz, "Izyumm").name == "Izyum"
    fuzzy = top(gaz, "Aleplo")
    assert (fuzzy.name, fuzzy.match) == ("Aleppo", "fuzzy")


def test_scores_are_sorted_and_limit_is_honoured(gaz):
    cands = geocode(gaz, "Springfield", limit=7)
    assert len(cands) == 7
    assert [c.score for c in cands] == sorted((c.score for c in cands), reverse=True)


def test_near_changes_the_winner(gaz):
    assert top(gaz, "Paris").country_code == "FR"
    texas = top(gaz, "Paris", near=(33.66, -95.55))
    assert texas.country_code == "US" and texas.admin1 == "Texas"


def test_unknown_name_raises_with_suggestions(gaz):
    with pytest.raises(NotFound) as exc:
        geocode(gaz, "Qzxwvbnm")
    assert exc.value.exit_code == 1
    assert "Qzxwvbnm" in str(exc.value)


def test_suggestions_are_close_spellings(gaz):
    names = [c.name for c, _ in suggest(gaz, "Kharkov Oblsat")]
    assert names, "expected suggestions"


def test_no_fuzzy_means_not_found(gaz):
    with pytest.raises(NotFound) as exc:
        geocode(gaz, "Aleplo", fuzzy=False)
    assert any("Aleppo" in s for s in exc.value.suggestions)


@pytest.mark.parametrize("bad", ["", "   ", "x" * 10_000, "Alep\x00po", "a\x07b"])
def test_bad_names_are_input_errors(gaz, bad):
    with pytest.raises(InputError):
        geocode(gaz, bad)


@pytest.mark.parametrize("cc", ["Ukraine", "U", "12"])
def test_bad_country_codes_are_input_errors(gaz, cc):
    with pytest.raises(InputError, match="alpha-2"):
        geocode(gaz, "Bucha", country=cc)


def test_latlon_parsing():
    assert parse_latlon("49.2,37.3") == (49.2, 37.3)
    assert parse_latlon(" -33.9 18.4 ") == (-33.9, 18.4)
    for bad in ("91,0", "0,181", "nan,0", "a,b", "1"):
        with pytest.raises(InputError):
            parse_latlon(bad)
    with pytest.raises(InputError, match="latitude 91"):
        check_latlon(91, 0)


def test_reverse_finds_town_admin1_and_country(gaz):
    r = reverse(gaz, 49.2, 37.28)
    assert r.place.name == "Izyum" and r.distance_km < 2
    assert r.country.country_code == "UA" and r.admin1.startswith("Kharkiv")


def test_reverse_across_the_antimeridian(gaz):
    r = reverse(gaz, -16.5, 179.99)  # Fiji, east of the antimeridian
    assert r.country.country_code == "FJ"


def test_reverse_in_open_ocean_finds_nothing(gaz):
    with pytest.raises(NotFound):
        reverse(gaz, 0.0, -30.0)


def test_reverse_rejects_invalid_coordinates(gaz):
    with pytest.raises(InputError):
        reverse(gaz, 91, 0)


def test_tiny_gazetteer_ranking(tiny_gazetteer):
    with Gazetteer(tiny_gazetteer, local_tsv=False) as g:
        assert [c.admin1 for c in geocode(g, "Springfield")] == ["Missouri", "Illinois"]
        assert geocode(g, "Springfield", near=(39.8, -89.6))[0].admin1 == "Illinois"
        raqqa = geocode(g, "Raqqa")
        assert raqqa[0].feature_code == "PPL" and raqqa[1].feature_code == "ADM1"
