"""Written coordinates: every form reporters use is found, and numbers that merely look
like coordinates (prices, statistics, dates, versions) are not."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.places.coordinates import CoordinateMention, find_coordinates

DMS_LAT = 36 + 12 / 60 + 7 / 3600  # 36°12′07″
DMS_LON = 37 + 8 / 60 + 3 / 3600  # 37°08′03″

FORMS = [
    ("36.2021° N, 37.1343° E", 36.2021, 37.1343, "decimal"),
    ("36.2021°N 37.1343°E", 36.2021, 37.1343, "decimal"),
    ("36.2021°N, 37.1343°E", 36.2021, 37.1343, "decimal"),
    ("N 36.2021, E 37.1343", 36.2021, 37.1343, "decimal"),
    ("N36.2021° E37.1343°", 36.2021, 37.1343, "decimal"),
    ("36°12′07″N 37°08′03″E", DMS_LAT, DMS_LON, "dms"),
    ("36°12'07\"N, 37°08'03\"E", DMS_LAT, DMS_LON, "dms"),
    ("36°12’07”N 37°08’03”E", DMS_LAT, DMS_LON, "dms"),
    ("36°12'07''N 37°08'03''E", DMS_LAT, DMS_LON, "dms"),
    ("36° 12' 7.5\" N 37° 8' 3\" E", 36 + 12 / 60 + 7.5 / 3600, DMS_LON, "dms"),
    ("49°12.4'N 37°16.6'E", 49 + 12.4 / 60, 37 + 16.6 / 60, "dm"),
    ("49°12'N 37°16'E", 49.2, 37 + 16 / 60, "dm"),
    ("-33.9249, 18.4241", -33.9249, 18.4241, "decimal"),
    ("49.2069, 37.2768", 49.2069, 37.2768, "decimal"),
    ("49.2069,37.2768", 49.2069, 37.2768, "decimal"),
    ("lat 49.2069, lon 37.2768", 49.2069, 37.2768, "decimal"),
    ("latitude 49.2069 longitude 37.2768", 49.2069, 37.2768, "decimal"),
    ("Latitude: 49.2069, Longitude: 37.2768", 49.2069, 37.2768, "decimal"),
    ("lat=49.2, lng=37.3", 49.2, 37.3, "decimal"),
    ("longitude 37.2768, latitude 49.2069", 49.2069, 37.2768, "decimal"),
    ("lat 49.2069 N, lon 37.2768 E", 49.2069, 37.2768, "decimal"),
    ("-33.9249°, 18.4241°", -33.9249, 18.4241, "decimal"),
    ("37.1343°E 36.2021°N", 36.2021, 37.1343, "decimal"),
    ("36.2021° North, 37.1343° East", 36.2021, 37.1343, "decimal"),
]


@pytest.mark.parametrize(("written", "lat", "lon", "fmt"), FORMS)
def test_each_written_form_alone(written, lat, lon, fmt):
    [m] = find_coordinates(written)
    assert (m.start, m.end, m.text) == (0, len(written), written)
    assert m.lat == pytest.approx(lat, abs=1e-4)
    assert m.lon == pytest.approx(lon, abs=1e-4)
    assert m.format == fmt


@pytest.mark.parametrize(("written", "lat", "lon", "fmt"), FORMS)
def test_each_written_form_inside_a_sentence(written, lat, lon, fmt):
    text = f"The strike hit a depot at {written} on Tuesday, officials said."
    [m] = find_coordinates(text)
    assert m.text == written
    assert text[m.start:m.end] == written
    assert (m.lat, m.lon) == pytest.approx((lat, lon), abs=1e-4)


def test_parentheses_are_not_part_of_the_mention():
    text = "The village (49.2069, 37.2768) was shelled."
    [m] = find_coordinates(text)
    assert m.text == "49.2069, 37.2768"
    assert text[m.start - 1] == "(" and text[m.end] == ")"


@pytest.mark.parametrize(("written", "lat", "lon"), [
    ("33.9249° S, 18.4241° E", -33.9249, 18.4241),
    ("33.9249°S 70.6693°W", -33.9249, -70.6693),
    ("S 33.9249, W 70.6693", -33.9249, -70.6693),
    ("34°36′12″S 58°22′54″W", -(34 + 36 / 60 + 12 / 3600), -(58 + 22 / 60 + 54 / 3600)),
    ("-34.6037, -58.3816", -34.6037, -58.3816),
    ("\u221234.6037, \u221258.3816", -34.6037, -58.3816),  # typographic minus
    ("lat -34.6037, lon -58.3816", -34.6037, -58.3816),
    ("-33.9249° S, 18.4241° E", -33.9249, 18.4241),  # redundant minus before S
])
def test_southern_and_western_values_are_negative(written, lat, lon):
    [m] = find_coordinates(written)
    assert (m.lat, m.lon) == pytest.approx((lat, lon), abs=1e-4)


@pytest.mark.parametrize("text", [
    "Prices rose 3.5, 4.2 million people were affected",
    "3.5, 4.2 million",
    "Revenue was 12.345, 67.890 million dollars",
    "It cost $12.345, 1.234 in fees",
    "The score was 6.5, 7.25 after the second round",
    "Released on 2022.09.16 at noon",
    "Upgrade from version 1.2.3, 4.5.6 is required",
    "1,236 people; 36,37 houses",
    "Readings: 1.2345,2.3456,3.4567,4.5678",
    "Inflation hit 12.345, 13.456% in March",
    "N 36, E 37",  # bare integers with only hemisphere letters
    "Route 5 N, 3 E",
    "100.123, 200.456",  # latitude out of range
    "45.123, 200.456",  # longitude out of range
    "95°N, 37°E",
    "36°72'N 37°08'E",  # minutes >= 60
    "36°12'75\"N 37°08'03\"E",  # seconds >= 60
    "lat 49.2069 E, lon 37.2768 N",  # hemisphere contradicts the word
    "-36.2021°N, 37.1343°E",  # minus before N contradicts
    "36.2021°N, 37.1343°N",  # two latitudes
    "lat 49.2069, lat 37.2768",
    "36.5°12'N 37°E",  # decimal degrees followed by minutes
    "He is 6' 2\" tall and weighs 180.5, 181.2 lb",
])
def test_look_alikes_are_not_coordinates(text):
    assert find_coordinates(text) == []


def test_several_coordinates_in_one_paragraph():
    text = (
        "Satellite images show craters at 36.2021° N, 37.1343° E, north of the airport. "
        "A second site, N 49.9935, E 36.2304, was hit at 04:30 after 3.5, 4.2 million "
        "rounds... Geolocated footage places the convoy at 47°05′51″N 37°32′58″E and "
        "the bridge at (48.5947, 38.0003); the command post was at lat 46.6354, "
        "lon 32.6169. Casualties: 1,236."
    )
    found = find_coordinates(text)
    assert [m.text for m in found] == [
        "36.2021° N, 37.1343° E",
        "N 49.9935, E 36.2304",
        "47°05′51″N 37°32′58″E",
        "48.5947, 38.0003",
        "lat 46.6354, lon 32.6169",
    ]
    assert [m.format for m in found] == ["decimal", "decimal", "dms", "decimal", "decimal"]
    assert found[2].lat == pytest.approx(47 + 5 / 60 + 51 / 3600, abs=1e-6)
    assert found[4].lon == pytest.approx(32.6169)
    assert all(text[m.start:m.end] == m.text for m in found)
    assert [m.start for m in found] == sorted(m.start for m in found)


def test_empty_and_plain_text():
    assert find_coordinates("") == []
    assert find_coordinates("Shelling continued near Bakhmut overnight.") == []


def test_mention_is_immutable():
    [m] = find_coordinates("36.2021° N, 37.1343° E")
    assert isinstance(m, CoordinateMention)
    with pytest.raises(AttributeError):
        m.lat = 0.0  # type: ignore[misc]


def _check_mention(text: str, m: CoordinateMention) -> None:
    assert text[m.start:m.end] == m.text
    assert 0 <= m.start < m.end <= len(text)
    assert -90 <= m.lat <= 90
    assert -180 <= m.lon <= 180
    assert m.format in {"decimal", "dm", "dms"}


COORDINATE_ALPHABET = st.sampled_from(list("0123456789.,-−+ °º'′’\"″”NSEWlatongiude:=()\n"))


@given(st.text())
def test_random_text_never_raises(text):
    for m in find_coordinates(text):
        _check_mention(text, m)


@given(st.text(COORDINATE_ALPHABET, max_size=80))
def test_coordinate_like_noise_never_raises(text):
    found = find_coordinates(text)
    for m in found:
        _check_mention(text, m)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


WORDS = st.lists(st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1,
                         max_size=10), max_size=8).map(" ".join)


@given(
    st.floats(min_value=-90, max_value=90, allow_nan=False),
    st.floats(min_value=-180, max_value=180, allow_nan=False),
    WORDS,
    WORDS,
)
def test_formatted_coordinate_in_random_words_is_found(lat, lon, before, after):
    written = (
        f"{abs(lat):.4f}°{'N' if lat >= 0 else 'S'}, {abs(lon):.4f}°{'E' if lon >= 0 else 'W'}"
    )
    text = f"{before} {written} {after}"
    found = [m for m in find_coordinates(text) if m.text == written]
    assert len(found) == 1
    m = found[0]
    assert text[m.start:m.end] == written
    assert m.lat == pytest.approx(lat, abs=1e-4)
    assert m.lon == pytest.approx(lon, abs=1e-4)
