"""geo.map_incidents (a folium map) and geo.incidents_frame (a pandas/geopandas frame)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import folium
import pytest

import geo
from geo.output.exports import CSV_COLUMNS, column_type, to_geojson
from geo.output.mapping import render_map
from geo.output.notebook import incident_from_feature, incidents_frame, map_incidents, with_csp
from geo.run.pipeline import build_incidents
from tests.output.test_mapping import HOSTILE, embedded, hostile_geojson, sample_geojson

SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"
BUILT = "2024-01-02 03:04 UTC"


@pytest.fixture(scope="module")
def seed_incidents(gaz):
    return build_incidents([SEEDS], gaz, corrections_path=None)


def saved(m: folium.Map, tmp_path: Path) -> str:
    out = tmp_path / "m.html"
    m.save(str(out))
    return out.read_text(encoding="utf-8")


def inline_scripts(page: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", page, re.S)


def test_is_a_folium_map_from_the_package(seed_incidents, tmp_path):
    m = geo.map_incidents(seed_incidents, title="Seeds")
    assert isinstance(m, folium.Map)
    labelled = saved(geo.map_incidents(seed_incidents, title="Seeds"), Path(tmp_path))
    labels = json.loads(embedded(labelled, "label-data"))
    assert "Aleppo" in {p[0] for p in labels["places"]}  # towns from the gazetteer
    assert "Izium" in labels["names"]["707292"]          # the sites' other names
    bare = json.loads(embedded(saved(map_incidents(seed_incidents), tmp_path), "label-data"))
    assert bare == {"places": [], "names": {}}


def test_takes_incidents_a_feature_collection_or_a_file(seed_incidents, tmp_path):
    fc = to_geojson(seed_incidents)
    path = tmp_path / "in.geojson"
    path.write_text(json.dumps(fc), encoding="utf-8")
    pages = [saved(map_incidents(x, built=BUILT), tmp_path) for x in (seed_incidents, fc, path)]
    data = [json.loads(embedded(p, "incident-data")) for p in pages]
    assert data[0] == data[1] == data[2] == json.loads(json.dumps(fc))
    with pytest.raises(ValueError, match="not readable GeoJSON"):
        map_incidents(tmp_path / "missing.geojson")
    with pytest.raises(ValueError, match="FeatureCollection"):
        map_incidents({"type": "Feature"})


def test_same_parts_as_geo_map(tmp_path):
    """The folium page holds geo map's scripts, styles and data, only the map's name added."""
    data = sample_geojson()
    folium_page = saved(map_incidents(data, title="Sample", built=BUILT), tmp_path)
    standalone = render_map(data, title="Sample", built=BUILT)
    assert embedded(folium_page, "incident-data") == embedded(standalone, "incident-data")
    assert embedded(folium_page, "basemap-data") == embedded(standalone, "basemap-data")
    cfg = json.loads(embedded(folium_page, "map-config"))
    assert cfg.pop("map_var").startswith("map_")
    assert cfg == json.loads(embedded(standalone, "map-config"))
    for script in inline_scripts(standalone):  # Leaflet, markercluster, the app
        assert script in folium_page
    assert folium_page.count('id="incident-data"') == 1


def test_offline_and_every_inline_script_allowed_by_the_csp(tmp_path):
    m = map_incidents(sample_geojson(), title="Sample", built=BUILT)
    folium.CircleMarker([36.2, 37.16], radius=8, popup="a layer of my own").add_to(m)
    page = saved(m, tmp_path)
    markup = re.sub(r"(<script[^>]*>).*?</script>", r"\1</script>", page, flags=re.S)
    assert not re.search(r"<script[^>]*\bsrc\s*=", markup, re.I)
    assert not re.search(r"<link\b", markup, re.I)
    assert "cdn.jsdelivr" not in markup and "code.jquery.com" not in markup
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    csp = csp.replace("&#x27;", "'")
    allowed = set(re.findall(r"'sha256-([A-Za-z0-9+/=]+)'", csp))
    got = {base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()
           for s in inline_scripts(page)}
    assert got == allowed and "default-src 'none'" in csp
    assert "a layer of my own" in page


def test_csp_names_the_external_scripts_a_layer_adds():
    page = ('<html><head><script src="https://example.org/plugin.js"></script>'
            '<link rel="stylesheet" href="https://example.org/p.css"/></head>'
            '<body><script>var a = 1;</script>'
            '<script type="application/json" id="x">{"a": 1}</script></body></html>')
    out = with_csp(page).replace("&#x27;", "'")
    csp = re.search(r'content="([^"]*)"', out).group(1)
    assert "https://example.org/plugin.js" in csp.split("script-src")[1].split(";")[0]
    assert "https://example.org/p.css" in csp.split("style-src")[1].split(";")[0]
    assert len(re.findall(r"'sha256-", csp)) == 1  # the JSON element is data, not a script


def test_hostile_strings_stay_text(tmp_path):
    m = map_incidents(hostile_geojson(), title="<script>alert('title')</script> {{ 7*7 }}")
    page = saved(m, tmp_path)
    for s in HOSTILE:
        assert s not in page, s
    assert "<img" not in page.lower()
    assert json.loads(embedded(page, "incident-data")) == hostile_geojson()
    cfg = json.loads(embedded(page, "map-config"))
    assert cfg["title"] == "<script>alert('title')</script> {{ 7*7 }}"  # no Jinja
    assert "49" not in cfg["title"]


def test_shows_inline_in_a_notebook():
    html = map_incidents(sample_geojson())._repr_html_()
    assert html.startswith("<div") and "<iframe srcdoc=" in html
    assert "Content-Security-Policy" in html and "incident-data" in html


# --- the frame -----------------------------------------------------------------------------

def test_frame_has_the_csv_columns_with_their_types(seed_incidents):
    pd = pytest.importorskip("pandas")
    df = incidents_frame(seed_incidents, geo=False)
    assert type(df) is pd.DataFrame and list(df.columns) == list(CSV_COLUMNS)
    assert len(df) == len(seed_incidents)
    for name in CSV_COLUMNS:
        kind, dtype = column_type(name), str(df[name].dtype)
        if kind == "int":
            assert dtype == "Int64", name
        elif kind == "bool":
            assert dtype == "bool", name
        elif kind == "date":
            assert dtype.startswith("datetime64"), name
        elif kind == "float":
            assert dtype == "float64", name
    izyum = df[df["site_name"] == "Izyum"].iloc[0]
    assert izyum["iso"] == 804 and izyum["country"] == "Ukraine"


def test_empty_counts_stay_integer_columns(seed_incidents):
    pytest.importorskip("pandas")
    fc = to_geojson(seed_incidents)
    for f in fc["features"]:
        f["properties"].update(count_low=None, count_best=None, count_high=None)
    df = incidents_frame(fc, geo=False)
    assert str(df["best"].dtype) == "Int64" and df["best"].isna().all()
    assert (df["fatalities"] == 0).all() and str(df["fatalities"].dtype) == "Int64"


def test_geodataframe_when_geopandas_is_there(seed_incidents, tmp_path):
    gpd = pytest.importorskip("geopandas")
    gdf = geo.incidents_frame(seed_incidents)
    assert isinstance(gdf, gpd.GeoDataFrame) and gdf.crs.to_epsg() == 4326
    izyum = gdf[gdf["site_name"] == "Izyum"].iloc[0]
    assert (round(izyum.geometry.x, 3), round(izyum.geometry.y, 3)) == (37.277, 49.207)
    path = tmp_path / "s.geojson"
    path.write_text(json.dumps(to_geojson(seed_incidents)), encoding="utf-8")
    again = incidents_frame(path)
    same = [c for c in CSV_COLUMNS if c != "where_description"]  # GeoJSON has no claims
    assert gdf[same].equals(again[same])


def test_incident_back_from_a_feature(seed_incidents):
    inc = seed_incidents[0]
    back = incident_from_feature(to_geojson([inc])["features"][0])
    for k in ("incident_id", "event_type", "lat", "lon", "date_start", "count_best",
              "needs_review", "acled_event_type"):
        assert getattr(back, k) == getattr(inc, k), k
    assert "; ".join(back.merged_because) == "; ".join(inc.merged_because)
    assert [s.quote for s in back.sources] == [s.quote for s in inc.sources]
