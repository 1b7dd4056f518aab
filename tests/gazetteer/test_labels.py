"""Place labels and site names for the offline map, from the real gazetteer."""

import json
import re

from geo.gazetteer.labels import label_zoom, map_labels, place_labels, site_names
from tests.conftest import run_geo


def test_zoom_follows_population_and_capitals_come_early():
    assert label_zoom(2_000_000, capital=False) == 4
    assert label_zoom(60_000, capital=False) == 7
    assert label_zoom(800, capital=False) == 10
    assert label_zoom(30_000, capital=True) == 3


def test_capitals_everywhere_and_small_towns_only_near_the_incidents(gaz):
    labels = place_labels(gaz, [(49.2, 37.28)])  # Izium
    by_name = {p[0]: p for p in labels}
    assert by_name["Kyiv"][3] == 3 and by_name["Canberra"][3] == 3
    assert "Balakliya" in by_name and by_name["Balakliya"][3] >= 7  # a town near Izium
    far = [p for p in labels if p[4] < 300_000 and p[0] != "Kyiv" and abs(p[1] - 49.2) > 3]
    assert all(p[3] == 3 for p in far)  # far from the incidents: capitals only
    assert len(labels) < 7_000
    assert labels == sorted(labels, key=lambda p: (p[3], -p[4], p[0]))


def test_site_names_in_every_script(gaz):
    names = site_names(gaz, ["707292", "local:x", ""])
    assert list(names) == ["707292"]
    assert names["707292"][0] == "Izyum"
    assert {"Izium", "Ізюм", "Изюм"} <= set(names["707292"])
    assert len(names["707292"]) == len({n.lower() for n in names["707292"]})


def test_map_labels_from_features(gaz):
    feats = [{"geometry": {"type": "Point", "coordinates": [37.28, 49.2]},
              "properties": {"geonameid": "707292"}},
             {"geometry": None, "properties": {"geonameid": None}}]
    out = map_labels(gaz, feats)
    assert set(out) == {"places", "names"} and "707292" in out["names"]


def test_geo_map_writes_labels_and_names(tmp_path):
    out = tmp_path / "m.html"
    p = run_geo("map", "seeds", "-o", str(out), "-q", "--no-cache")
    assert p.returncode == 0, p.stderr
    data = json.loads(re.search(r'id="label-data">(.*?)</script>', out.read_text(), re.S)[1])
    assert {"Aleppo", "Kyiv", "Damascus"} <= {x[0] for x in data["places"]}
    assert "707292" in data["names"]
    geojson = tmp_path / "s.geojson"
    p = run_geo("incidents", "seeds", "-o", str(geojson), "-q")
    p = run_geo("map", "--from", str(geojson), "-o", str(out), "--gazetteer",
                str(tmp_path / "none.sqlite"))
    assert p.returncode == 0 and "no town labels" in p.stderr
    data = json.loads(re.search(r'id="label-data">(.*?)</script>', out.read_text(), re.S)[1])
    assert data == {"places": [], "names": {}}
