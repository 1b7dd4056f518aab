"""Relative phrases before a mention, and the geodesic destination they lead to."""

import pytest
from geopy.distance import geodesic
from hypothesis import given
from hypothesis import strategies as st

from geo.distance import haversine_km
from geo.places.parse import parse_text
from geo.places.relative import destination, find_relation


def rel(sentence: str, name: str):
    i = sentence.index(name)
    return find_relation(sentence, i, i + len(name))


@pytest.mark.parametrize(("sentence", "kind", "bearing", "km"), [
    ("The grave lies 25 km south of Raqqa.", "offset", 180.0, 25.0),
    ("a site 10 miles to the north-east of the town of Izium", "offset", 45.0, 16.09),
    ("fighting north of Aleppo", "direction", 0.0, None),
    ("a town north of the capital, Aleppo", "direction", 0.0, None),
    ("a village west of the state capital Aleppo", "direction", 270.0, None),
    ("a village near Bucha", "near", None, None),
    ("on the outskirts of Kharkiv", "outskirts", None, None),
    ("shelling in eastern Aleppo", "side", 90.0, None),
    # "the west of" a town is its western part, not somewhere beyond it
    ("a neighbourhood in the west of Kabul", "side", 270.0, None),
    ("the road between Raqqa and Tabqa", "between", None, None),
    # a distance with no direction: around the town
    ("a village some 50 km from the town of Mandera", "distance", None, 50.0),
    # distances written in words, as translated reports give them
    ("a hamlet about twenty kilometres north-west of Ayorou", "offset", 315.0, 20.0),
    ("a farm twenty-five km south of Mosul", "offset", 180.0, 25.0),
    ("a camp a dozen kilometres east of Kidal", "offset", 90.0, 12.0),
    ("a checkpoint some fifteen miles from Gao", "distance", None, 24.14),
    # (written for this test) the town's centre measured from is the town
    ("a path some 8 kilometres to the south of the urban centre of Tumaco", "offset",
     180.0, 8.0),
    ("a farm 6 km west of the town centre of Kobane", "offset", 270.0, 6.0),
    # (written for this test) a vague distance is nearness
    ("an olive grove a few kilometres from Kafranbel", "near", None, None),
    ("a hamlet not far from Kafranbel", "near", None, None),
])
def test_phrases(sentence, kind, bearing, km):
    name = sentence.split()[-1].strip(".") if kind != "between" else "Raqqa"
    r = rel(sentence, name)
    assert r is not None and r.kind == kind
    assert r.bearing_deg == bearing and r.distance_km == km


@pytest.mark.parametrize("sentence", [
    "Officials in Raqqa said", "the Aleppo of old", "north.Raqqa", "Nearby,Raqqa",
    "the northern part, Raqqa",
])
def test_no_phrase(sentence):
    assert rel(sentence, "Raqqa" if "Raqqa" in sentence else "Aleppo") is None


@given(st.floats(-89.9, 89.9), st.floats(-180, 180), st.floats(0, 360), st.floats(0, 2000))
def test_destination_is_geopys_geodesic(lat, lon, bearing, km):
    p = geodesic(kilometers=km).destination((lat, lon), bearing=bearing)
    assert destination(lat, lon, bearing, km) == (round(p.latitude, 5), round(p.longitude, 5))


def test_a_distance_without_a_direction_widens_the_town(gaz):
    # "some 50 km from the town of Mandera": around the town, as far as the distance
    [t] = [x for x in parse_text("Gunmen hijacked a bus some 50 km from the town of Mandera.",
                                 gaz) if x.text == "Mandera"]
    assert t.relation == "near" and t.precision == "near-settlement"
    assert t.uncertainty_km >= 50 and t.distance_km == 50


def test_a_village_measured_from_a_town_is_placed_by_it(gaz):
    # "near Omar Jilo, some 50 km from the town of Mandera": a village no gazetteer has,
    # placed around the town it is measured from
    got = {x.text: x for x in parse_text(
        "Gunmen hijacked the bus near Omar Jilo, some 50 km from the town of Mandera.", gaz)}
    t = got["Omar Jilo"]
    assert t.geonameid is None and t.country_code == "KE" and t.anchor.name == "Mandera"


def test_a_village_the_story_names_after_its_district_is_placed_in_it(gaz):
    # "the road to Muidumbe district ... into Xitaxi, a village": the district just named
    # holds the village the gazetteer lacks, as wide as the district
    text = ("The road that climbs the plateau to Muidumbe district is quiet now. In April "
            "2020 the insurgents took it into Xitaxi, a village of farmers.")
    [t] = [t for t in parse_text(text, gaz) if t.text == "Xitaxi"]
    assert t.geonameid is None and t.country_code == "MZ"
    assert t.precision == "admin2" and t.anchor.name.startswith("Muidumbe")


def test_an_unknown_name_the_text_does_not_call_a_village_is_not_placed_earlier(gaz):
    # a capitalised name after a district is no village of it unless the text says so
    text = "Officials in Muidumbe district met on Monday. Quelimane Zutto spoke first."
    assert all(t.lat is None for t in parse_text(text, gaz) if t.geonameid is None)


def test_a_distance_from_the_provincial_capital_measures_from_the_province_just_named(gaz):
    # (written for this test) no name follows "the provincial capital": the town of the
    # province's name is its seat
    text = ("The strike hit a market in Dahyan, a town in the province of Saada, about 20 "
            "kilometres northwest of the provincial capital, witnesses said.")
    [t] = [t for t in parse_text(text, gaz) if t.text == "Dahyan"]
    assert t.relation == "offset" and t.bearing_deg == 315.0
    assert haversine_km(t.lat, t.lon, 17.06, 43.60) < 8


def test_a_distance_is_measured_from_the_town_not_its_province(gaz):
    # (written for this test) Tillabéri is a region and its seat; "30 km west of" the
    # town, not of the region's middle
    text = "Armed men abducted seven residents from a hamlet 30 km west of Tillabéri."
    t = next(t for t in parse_text(text, gaz) if t.text == "Tillabéri")
    assert t.relation == "offset" and t.anchor is not None
    assert abs(haversine_km(t.anchor.lat, t.anchor.lon, t.lat, t.lon) - 30) < 1
    assert t.lon < t.anchor.lon


def test_a_part_of_the_town_just_named_is_placed_in_it(gaz):
    # (written for this test) "the town's" means the last town the text named before
    text = ("The court in Baghdad's Karkh district found that fighters seized Baiji in June "
            "2014. "
            "The bodies of some of the victims were among 52 recovered from a mass grave in "
            "the town's al-Asri neighbourhood in April, it said.")
    [t] = [t for t in parse_text(text, gaz) if t.text == "al-Asri"]
    assert t.geonameid is None and t.precision == "settlement"
    assert haversine_km(t.lat, t.lon, 34.93, 43.49) < 5 and t.anchor.name == "Bayjī"


def test_a_wire_puts_here_in_its_dateline_town(gaz):
    # (written for this test) Poblacion, the centre of many Philippine towns, is here the
    # dateline's: not the Poblacion the gazetteer holds 900 km away
    text = ("DATU PIANG, Maguindanao — Four passengers were killed when a bomb went off in "
            "Barangay Poblacion here on Tuesday, police said.")
    [t] = [t for t in parse_text(text, gaz) if t.text == "Poblacion"]
    assert t.geonameid is None and t.relation == "in"
    assert haversine_km(t.lat, t.lon, 7.03, 124.50) < 5 and "dateline" in t.reason
    # without a dateline, "here" says nothing of where
    [u] = [t for t in parse_text("The bomb went off in Poblacion here.", gaz)
           if t.text == "Poblacion"]
    assert u.geonameid is not None


def test_a_village_filed_after_a_chain_of_names_lies_in_the_division(gaz):
    # (written for this test) a release names the village, a pass and then the district,
    # its kind word before its name
    text = ("Gunmen stopped a bus near Tunnel No 3 in the area of Kharzand, Gorwal, District "
            "Kachhi, Balochistan, on Monday.")
    [t] = [t for t in parse_text(text, gaz) if t.text == "Kharzand"]
    assert t.precision == "admin2" and t.anchor is not None and "Kachhi" in t.anchor.name


@pytest.mark.parametrize("text", [
    # (written for these tests) the name's other spelling set off before the distance, and
    # a distance's conversion written in words
    "Teams dug at the edge of the village of Hardan. Hardan, also spelt Herdan, lies about "
    "12 kilometres north of the town of Sinjar.",
    "Teams dug at the edge of the village of Hardan. Hardan lies about 12 kilometres "
    "(seven miles) north of the town of Sinjar.",
])
def test_a_village_the_gazetteer_lacks_is_placed_from_its_town(gaz, text):
    [t, *_] = [t for t in parse_text(text, gaz) if t.text == "Hardan"]
    assert t.lat is not None and haversine_km(t.lat, t.lon, 36.43, 41.88) < 8


def test_a_village_described_then_measured_from_a_town_is_placed_by_it(gaz):
    # (written for this test) what the village is comes between its name and the town
    text = ("Warplanes bombed the school in Haas on Wednesday. Haas, a village of farmers and "
            "olive growers a few kilometres from Kafranbel, lost 22 children.")
    [t, *_] = [t for t in parse_text(text, gaz) if t.text == "Haas"]
    assert t.geonameid is None and t.anchor.name == "Kafranbel"
    assert t.precision == "near-settlement"
