"""geo.output.mapping: one self-contained offline HTML map (no browser here; see
test_map_browser.py).

The fixtures below (`sample_geojson`, `hostile_geojson`) are also used by the browser test
and the map benchmark.
"""

from __future__ import annotations

import base64
import copy
import gzip
import hashlib
import json
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.output import assets, mapping
from geo.output.mapping import build_map, render_map

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"' onmouseover=alert(1) x=\"",
    "`${alert(1)}`",
    "</script><script>alert(2)</script>",
    "<!-- <svg onload=alert(3)>",
]


def source(sid: str, outlet: str, title: str, url: str | None, published: str, quote: str,
           place: str | None, count_phrase: str | None = None) -> dict:
    """One source as geo.output.exports writes it; quote_place are code-point offsets of `place`."""
    qp = None
    if place and place in quote:
        start = quote.index(place)
        qp = [start, start + len(place)]
    return {"id": sid, "title": title, "outlet": outlet, "url": url, "published": published,
            "quote": quote, "quote_place": qp, "count_phrase": count_phrase,
            "sha256": hashlib.sha256(quote.encode()).hexdigest()}


def incident(iid: str, etype: str | None, site: str | None, lat: float | None,
             lon: float | None, *, cc: str | None = None, admin1: str | None = None,
             precision: str | None = "settlement", unc: float | None = 2.0,
             start: str | None = None, end: str | None = None, dprec: str = "day",
             kind: str = "event", low: int | None = None, best: int | None = None,
             high: int | None = None, category: str | None = "killed", grading: str = "weak",
             review: bool = False, relation: str | None = "in", anchor: tuple | None = None,
             sources: list[dict] | None = None) -> dict:
    """One Feature with the properties of geo.output.exports.PROPERTIES plus `sources`."""
    sources = sources or []
    props = {
        "incident_id": iid, "event_type": etype, "site_name": site, "geonameid": None,
        "country_code": cc, "admin1": admin1, "loc_precision": precision,
        "uncertainty_km": unc,
        "anchor_name": anchor[0] if anchor else None,
        "anchor_lat": anchor[1] if anchor else None,
        "anchor_lon": anchor[2] if anchor else None,
        "relation": relation, "date_start": start, "date_end": end or start,
        "date_precision": dprec if start else "unknown", "date_kind": kind,
        "count_low": low, "count_best": best, "count_high": high,
        "count_category": category if best is not None else None,
        "number_of_sources": len(sources), "grading": grading, "needs_review": review,
        "sources": sources,
    }
    geom = {"type": "Point", "coordinates": [lon, lat]} if lat is not None else None
    return {"type": "Feature", "id": iid, "geometry": geom, "properties": props}


def sample_geojson() -> dict:
    """About 20 realistic incidents in Ukraine and Syria (every kind of marker)."""
    s = source
    f = [
        incident("inc-izium-grave", "mass_grave", "Izium", 49.2069, 37.2768, cc="UA",
                 admin1="Kharkiv Oblast", start="2022-09-15", kind="discovery", low=440,
                 best=447, high=447, category="bodies found", grading="fair", sources=[
                     s("s01", "Reuters", "Ukraine says 440 bodies found in mass burial site "
                       "in Izium", "https://www.reuters.com/world/europe/izium-1", "2022-09-16",
                       "Ukrainian officials said on Friday they had found a mass burial site "
                       "with 440 bodies near the town of Izium.", "Izium", "440 bodies"),
                     s("s02", "AP", "Ukraine: Izium mass grave holds 447 bodies",
                       "https://apnews.com/article/izium-2", "2022-09-23",
                       "Authorities in Izium have exhumed 447 bodies from a forest burial site.",
                       "Izium", "447 bodies")]),
        incident("inc-bucha", "execution_massacre", "Bucha", 50.5436, 30.2127, cc="UA",
                 admin1="Kyiv Oblast", start="2022-03-04", end="2022-03-30", dprec="month",
                 low=400, best=458, high=458, grading="confirmed", sources=[
                     s("s03", "BBC", "Bucha killings: Satellite image of bodies",
                       "https://www.bbc.com/news/world-europe-bucha", "2022-04-05",
                       "Residents of Bucha say Russian troops shot civilians in the street.",
                       "Bucha", "at least 400 people")]),
        incident("inc-kramatorsk", "airstrike", "Kramatorsk railway station", 48.7233,
                 37.5563, cc="UA", precision="site", unc=0.5, start="2022-04-08", low=61,
                 best=61, high=63, grading="confirmed", sources=[
                     s("s04", "The Guardian", "Kramatorsk station attack",
                       "https://www.theguardian.com/world/kramatorsk", "2022-04-08",
                       "A missile struck Kramatorsk railway station where thousands were "
                       "waiting to leave.", "Kramatorsk railway station", "at least 50")]),
        incident("inc-mariupol-theatre", "airstrike", "Mariupol Drama Theatre", 47.0956,
                 37.5494, cc="UA", precision="site", unc=0.3, start="2022-03-16", low=12,
                 best=600, high=600, grading="contested", sources=[
                     s("s05", "AP", "AP evidence: Mariupol theater strike",
                       "https://apnews.com/article/mariupol-theater", "2022-05-04",
                       "The airstrike on the Mariupol Drama Theatre killed close to 600 people.",
                       "Mariupol Drama Theatre", "close to 600"),
                     s("s06", "Amnesty", "Deadly Mariupol theatre strike", None, "2022-06-30",
                       "At least a dozen people died in the Mariupol theatre.", "Mariupol",
                       "at least a dozen")]),
        incident("inc-olenivka", "detention_torture", "Olenivka prison", 47.8392, 37.6492,
                 cc="UA", precision="site", start="2022-07-29", low=50, best=53, high=53,
                 grading="fair", sources=[
                     s("s07", "Kyiv Independent", "Olenivka prison explosion",
                       "https://kyivindependent.com/olenivka", "2022-07-29",
                       "Ukrainian prisoners of war were killed at Olenivka prison.",
                       "Olenivka prison", "53 prisoners")]),
        incident("inc-kherson", "detention_torture", "Kherson", 46.6354, 32.6169, cc="UA",
                 start="2022-11-15", dprec="week", kind="discovery", best=None, grading="weak",
                 sources=[s("s08", "Ukrainska Pravda", "Torture chambers found in Kherson",
                            "https://www.pravda.com.ua/eng/kherson", "2022-11-15",
                            "Police found four torture chambers in Kherson.", "Kherson")]),
        incident("inc-hroza", "airstrike", "Hroza", 49.6300, 37.8800, cc="UA",
                 start="2023-10-05", low=59, best=59, high=59, grading="fair", sources=[
                     s("s09", "Reuters", "Missile strike kills 51 in Hroza",
                       "https://www.reuters.com/world/europe/hroza", "2023-10-05",
                       "A Russian missile hit a cafe in the village of Hroza during a wake.",
                       "Hroza", "51 people")]),
        incident("inc-kharkiv-shelling", "shelling", "Kharkiv", 49.9935, 36.2304, cc="UA",
                 start="2022-03-01", low=10, best=10, high=11, sources=[
                     s("s10", "CNN", "Shelling hits central Kharkiv",
                       "https://edition.cnn.com/kharkiv", "2022-03-01",
                       "Shelling of residential districts of Kharkiv killed at least ten.",
                       "Kharkiv", "at least ten")]),
        incident("inc-chernihiv", "shelling", "Chernihiv", 51.4982, 31.2893, cc="UA",
                 start="2022-03-16", low=10, best=10, high=10, review=True, sources=[
                     s("s11", "Ukrinform", "Ten killed in Chernihiv bread queue",
                       "https://www.ukrinform.net/chernihiv", "2022-03-17",
                       "Ten people waiting for bread were killed by shelling in Chernihiv.",
                       "Chernihiv", "ten people")]),
        incident("inc-kharkiv-oblast-mine", "explosive_mine", "Kharkiv Oblast", 49.5, 36.5,
                 cc="UA", admin1="Kharkiv Oblast", precision="admin1", unc=90.0,
                 start="2023-04-01", dprec="month", low=2, best=2, high=2, sources=[
                     s("s12", "Suspilne", "Tractor driver killed by mine", None, "2023-04-20",
                       "A tractor hit an anti-tank mine in Kharkiv Oblast, killing two.",
                       "Kharkiv Oblast", "two")]),
        incident("inc-lyman", "mass_grave", "Lyman", 48.9889, 37.8022, cc="UA",
                 start="2022-10-07", kind="exhumation", low=None, best=None, high=None,
                 relation="near", anchor=("Lyman", 48.9889, 37.8022), unc=10.0, sources=[
                     s("s13", "Reuters", "Mass grave near Lyman", "https://www.reuters.com/lyman",
                       "2022-10-07", "Investigators began exhuming a mass grave near Lyman.",
                       "Lyman")]),
        incident("inc-aleppo-airstrike", "airstrike", "Aleppo", 36.2021, 37.1343, cc="SY",
                 start="2016-09-23", end="2016-09-25", dprec="days", low=90, best=96, high=100,
                 grading="fair", sources=[
                     s("s14", "Al Jazeera", "Deadly air strikes pound Aleppo",
                       "https://www.aljazeera.com/news/aleppo", "2016-09-25",
                       "Air strikes on rebel-held eastern Aleppo killed at least 96 people.",
                       "Aleppo", "at least 96"),
                     s("s15", "SANA", "حلب", None, "2016-09-24",
                       "قصف جوي على حلب أسفر عن مقتل العشرات", "حلب", "العشرات")]),
        incident("inc-south-of-aleppo", "shelling", "25 km south of Aleppo", 35.977, 37.134,
                 cc="SY", precision="near-settlement", unc=7.5, relation="offset",
                 anchor=("Aleppo", 36.2021, 37.1343), start="2016-10-02", low=5, best=5, high=5,
                 sources=[s("s16", "SOHR", "Shelling south of Aleppo",
                            "https://www.syriahr.com/en/south-aleppo", "2016-10-03",
                            "Shelling hit a village 25 km south of Aleppo, killing five.",
                            "25 km south of Aleppo", "five")]),
        incident("inc-douma", "shelling", "Douma", 33.5711, 36.4028, cc="SY",
                 admin1="Rif Dimashq", start="2018-02-19", end="2018-02-25", dprec="week",
                 low=250, best=300, high=320, sources=[
                     s("s17", "Reuters", "Eastern Ghouta bombardment",
                       "https://www.reuters.com/ghouta", "2018-02-21",
                       "Bombardment of Douma and the rest of Eastern Ghouta killed 250 people.",
                       "Douma", "250 people")]),
        incident("inc-tadamon", "execution_massacre", "Tadamon", 33.4797, 36.3036, cc="SY",
                 start="2013-04-16", low=41, best=41, high=41, grading="confirmed", sources=[
                     s("s18", "The Guardian", "Massacre in Tadamon",
                       "https://www.theguardian.com/world/tadamon", "2022-04-27",
                       "The video shows the killing of 41 people in Tadamon.", "Tadamon",
                       "41 people")]),
        incident("inc-saydnaya", "detention_torture", "Saydnaya prison", 33.6958, 36.3769,
                 cc="SY", precision="site", start="2011-01-01", end="2015-12-31", dprec="year",
                 kind="report", low=5000, best=13000, high=13000, grading="fair", sources=[
                     s("s19", "Amnesty", "Human slaughterhouse: Saydnaya",
                       "https://www.amnesty.org/en/saydnaya", "2017-02-07",
                       "As many as 13,000 people were hanged at Saydnaya prison.",
                       "Saydnaya prison", "as many as 13,000")]),
        incident("inc-raqqa-grave", "mass_grave", "Raqqa", 35.9528, 39.0079, cc="SY",
                 start="2018-02-01", dprec="month", kind="discovery", low=200, best=200,
                 high=553, sources=[
                     s("s20", "BBC", "Raqqa mass grave", "https://www.bbc.com/news/raqqa",
                       "2018-03-01", "A mass grave with 200 bodies was found in Raqqa.",
                       "Raqqa", "200 bodies")]),
        incident("inc-idlib", "airstrike", "Idlib", 35.9306, 36.6339, cc="SY",
                 start="2019-07-22", low=23, best=23, high=23, sources=[
                     s("s21", "AFP", "Air strikes on Maarat al-Numan market",
                       "https://www.afp.com/idlib", "2019-07-22",
                       "Air strikes in Idlib province killed 23 people.", "Idlib", "23")]),
        incident("inc-deir-ez-zor", "explosive_mine", "Deir ez-Zor Governorate", 35.3, 40.1,
                 cc="SY", admin1="Deir ez-Zor", precision="admin1", unc=120.0,
                 start="2019-01-01", dprec="year", review=True, low=None, best=None,
                 sources=[s("s22", "SOHR", "Landmines kill truffle hunters", None,
                            "2019-03-10", "Landmines killed truffle hunters in the Deir "
                            "ez-Zor desert.", "Deir ez-Zor")]),
        incident("inc-syria-country", "shelling", "Syria", 35.0, 38.5, cc="SY",
                 precision="country", unc=300.0, start=None, low=3, best=3, high=3,
                 sources=[s("s23", "AFP", "Three killed in shelling", None, "2020-01-05",
                            "Shelling killed three civilians in Syria.", "Syria", "three")]),
        incident("inc-homs-chem", "chemical_attack", "Homs", 34.7324, 36.7137, cc="SY",
                 start="2012-12-23", low=6, best=7, high=7, sources=[
                     s("s24", "Reuters", "Homs gas attack report",
                       "https://www.reuters.com/homs", "2012-12-24",
                       "Activists reported a poison gas attack in Homs that killed seven.",
                       "Homs", "seven")]),
        incident("inc-unplaced", "execution_massacre", None, None, None, precision=None,
                 unc=None, start="2022-05-01", dprec="month", best=None, sources=[
                     s("s25", "Meduza", "Executions reported", None, "2022-05-10",
                       "Witnesses described executions in a village they did not name.",
                       None)]),
        incident("inc-unplaced-2", "shelling", "Vostochny", None, None, precision=None,
                 unc=None, start=None, best=None, sources=[]),
    ]
    return {"type": "FeatureCollection", "features": f}


def hostile_geojson() -> dict:
    """The sample plus an incident whose article strings try to inject script."""
    g = sample_geojson()
    bad = "<script>alert(1)</script> <img src=x onerror=alert(1)> \"quotes' `back${1}`"
    quote = ("Witnesses said </script><script>alert(2)</script> near <img src=x "
             "onerror=alert(1)> Evil\u2028Town \"x\" 'y' `z` <!-- end")
    g["features"].append(incident(
        "inc-hostile", "<img src=x onerror=alert(1)>", "Evil <script>alert(1)</script> Town",
        48.5, 35.0, cc="UA", start="2022-06-01", low=1, best=1, high=1, review=True,
        relation="offset", anchor=("<b>Anchor</b><img src=x onerror=alert(1)>", 48.6, 35.1),
        sources=[
            source("s-bad", bad, bad + " title", "javascript:alert(1)", "2022-06-02<b>",
                   quote, "<img src=x onerror=alert(1)>", "<script>alert(1)</script> dead"),
            source("s-bad2", "Outlet`", "Title", " JaVaScRiPt:alert(1)//http://x", "2022",
                   "plain quote", None),
            source("s-bad3", "Data", "Title", "data:text/html,<script>alert(1)</script>",
                   "2022", "x", None),
        ]))
    return g


def large_geojson(n: int = 1200) -> dict:
    """Just over 2 MB of incident JSON (n incidents with long, varied quotes): compressed."""
    rnd = random.Random(11)
    features = []
    for i in range(n):
        words = " ".join(rnd.choice(("shelling", "village", "residents", "said", "killed",
                                     "officials", "near", "market", "school", "overnight"))
                         + str(rnd.randrange(1000)) for _ in range(110))
        place = f"Site {i}"
        quote = f"Witnesses in {place} said {words}."
        features.append(incident(
            f"inc-large-{i:05d}", "shelling", place, 47.0 + (i % 50) * 0.05,
            35.0 + (i // 50) * 0.05, cc="UA", start="2023-01-01", low=1, best=2, high=3,
            sources=[source(f"s-large-{i:05d}", "Reuters", f"Shelling in {place}",
                            f"https://www.reuters.com/world/large-{i}", "2023-01-02", quote,
                            place, "two people")]))
    return {"type": "FeatureCollection", "features": features}


# --- helpers --------------------------------------------------------------------------------

def embedded(page: str, element_id: str) -> str:
    m = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', page,
                  re.S)
    assert m, element_id
    return m.group(1)


def packed(page: str) -> bytes:
    """The incident JSON of a page that embeds it compressed (gzip, then base64)."""
    m = re.search(r'<script type="application/octet-stream" id="incident-data" '
                  r'data-encoding="gzip\+base64">([A-Za-z0-9+/=]*)</script>', page)
    assert m, "no compressed incident-data element"
    return gzip.decompress(base64.b64decode(m.group(1), validate=True))


def tag_count(page: str, tag: str) -> int:
    return len(re.findall(rf"<{tag}\b", page, re.I))


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("map") / "sample.html"
    build_map(sample_geojson(), out, title="Sample", built="2024-01-02 03:04 UTC")
    return out, out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("map") / "hostile.html"
    build_map(hostile_geojson(), out, title="<script>alert('title')</script>")
    return out.read_text(encoding="utf-8")


# --- the file -------------------------------------------------------------------------------

def test_one_file_written(sample_page):
    out, page = sample_page
    assert [p.name for p in out.parent.iterdir()] == ["sample.html"]  # no temp file left
    assert page.startswith("<!DOCTYPE html>")
    assert "Built: " in page or "built" in page
    assert '"built":"2024-01-02 03:04 UTC"' in page


def test_no_external_script_stylesheet_or_resource(sample_page):
    _, page = sample_page
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"<(img|iframe|embed|object|audio|video|source)\b[^>]*"
                         r"(src|href|data)\s*=\s*[\"']?https?:", page, re.I)
    assert not re.search(r"@import", page, re.I)
    assert not re.search(r"url\(\s*[\"']?(https?:)?//", page, re.I)
    # Leaflet, markercluster and their CSS are inlined; Bootstrap, jQuery, Font Awesome are not
    assert "Leaflet 1.9.3" in page and "MarkerClusterGroup" in page
    assert ".marker-cluster-small" in page and ".leaflet-pane" in page
    for dropped in ("jQuery v", "Bootstrap v", "Font Awesome", "awesome-marker"):
        assert dropped not in page
    # the tile template is a JS string, the only http(s) address used at run time
    assert "tile.openstreetmap.org/{z}/{x}/{y}.png" in page


def test_data_embedded_once_and_round_trips(sample_page):
    _, page = sample_page
    data = sample_geojson()
    assert page.count('id="incident-data"') == 1
    assert json.loads(embedded(page, "incident-data")) == data
    assert 'id="incident-data" data-encoding' not in page  # small maps stay readable JSON
    # every article string is in the file exactly once (no second copy for popups etc.)
    for feat in data["features"]:
        for s in feat["properties"]["sources"]:
            assert page.count(json.dumps(s["quote"], ensure_ascii=False)[1:-1]) == 1, s["quote"]
        assert page.count(f'"{feat["id"]}"') == 2  # Feature id and incident_id
    # four JSON objects: config, incidents, labels, basemap; three scripts: Leaflet, cluster, app
    assert tag_count(page, "script") == 7
    assert page.count("</script>") == 7


def test_large_data_embedded_compressed_once_and_round_trips(tmp_path):
    data = large_geojson()
    plain = assets.script_json(data).encode()
    assert len(plain) > mapping.COMPRESS_ABOVE
    out = build_map(data, tmp_path / "large.html", title="Large", built="2024-01-02 03:04 UTC")
    page = out.read_text(encoding="utf-8")
    assert page.count('id="incident-data"') == 1
    assert 'type="application/json" id="incident-data"' not in page
    raw = packed(page)
    assert json.loads(raw) == data
    b64 = re.search(r'data-encoding="gzip\+base64">([^<]*)</script>', page).group(1)
    assert len(b64) < len(plain) / 2
    # exactly one copy: no article string or incident id is readable anywhere in the page
    for feat in data["features"][::97]:
        assert feat["properties"]["sources"][0]["quote"] not in page
        assert f'"{feat["id"]}"' not in page
    assert tag_count(page, "script") == 7 and page.count("</script>") == 7
    assert len(re.findall(r"<script>(.*?)</script>", page, re.S)) == 3  # CSP-hashed scripts
    assert "gzip-compressed and base64-encoded" in page.split("<noscript>")[1]
    assert render_map(data, title="Large", built="2024-01-02 03:04 UTC") == page  # stable


def test_compression_threshold(monkeypatch):
    data = sample_geojson()
    size = len(assets.script_json(data).encode())
    monkeypatch.setattr(mapping, "COMPRESS_ABOVE", size)
    assert json.loads(embedded(render_map(data), "incident-data")) == data
    monkeypatch.setattr(mapping, "COMPRESS_ABOVE", size - 1)
    page = render_map(data)
    assert json.loads(packed(page)) == data and page.count('id="incident-data"') == 1


def test_basemap_is_natural_earth_german_view(sample_page):
    from shapely.geometry import Point, shape

    _, page = sample_page
    countries = json.loads(embedded(page, "basemap-data"))
    assert len(countries["features"]) > 200
    assert len(embedded(page, "basemap-data")) < 1_500_000
    by_name = {f["properties"]["name"]: f for f in countries["features"]}
    simferopol = Point(34.10, 44.95)
    assert shape(by_name["Ukraine"]["geometry"]).contains(simferopol)
    assert not shape(by_name["Russia"]["geometry"]).contains(simferopol)
    assert mapping.ATTRIBUTION in json.loads(embedded(page, "map-config"))["attribution"]


def test_config_and_about(sample_page):
    _, page = sample_page
    cfg = json.loads(embedded(page, "map-config"))
    assert cfg["title"] == "Sample" and cfg["built"] == "2024-01-02 03:04 UTC"
    assert set(cfg["types"]) == {"mass_grave", "execution_massacre", "airstrike", "shelling",
                                 "explosive_mine", "detention_torture"}
    assert "GeoNames, CC BY 4.0" in cfg["attribution"]
    assert "Crimea shown in Ukraine" in cfg["attribution"]
    assert len(cfg["about"]) == 2
    assert cfg["download_name"] == "sample.geojson"


def test_csp_allows_exactly_the_inline_scripts(sample_page):
    _, page = sample_page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    csp = csp.replace("&#x27;", "'")
    allowed = set(re.findall(r"'sha256-([A-Za-z0-9+/=]+)'", csp))
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 3
    got = {base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts}
    assert got == allowed
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp.split("style-src")[0]


# --- untrusted strings ----------------------------------------------------------------------

def test_hostile_strings_never_unescaped(hostile_page):
    page = hostile_page
    for s in HOSTILE:
        assert s not in page, s
    assert "<img" not in page.lower()
    assert "<svg onload" not in page.lower()
    assert "alert('title')" not in page.replace("&#x27;", "'").split("<title>")[0]
    assert "<title>&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;</title>" in page
    assert "\u2028" not in page and "\u2029" not in page
    assert not re.search(r"href\s*=\s*[\"']?\s*javascript:", page, re.I)
    assert page.count("</script>") == 7 and tag_count(page, "script") == 7
    # the JSON survives intact: the browser shows the strings as text
    assert json.loads(embedded(page, "incident-data")) == hostile_geojson()


def test_no_html_built_from_data_in_python(hostile_page):
    """Outside the JSON elements, the page holds nothing from the articles."""
    page = re.sub(r'<script type="application/json" id="[a-z-]+">.*?</script>', "",
                  hostile_page, flags=re.S)
    for word in ("Evil", "alert(1)", "alert(2)", "Witnesses", "truffle", "Izium",
                 "javascript:alert"):
        assert word not in page, word


def test_app_script_escapes_and_filters_urls():
    js = mapping.APP_JS
    # innerHTML only for the legend's fixed symbols (marked so in the source)
    for line in js.splitlines():
        if "innerHTML" in line:
            assert "// fixed markup, no data" in line, line
    assert "insertAdjacentHTML" not in js and "document.write" not in js and "eval(" not in js
    assert "textContent" in js and "function escapeHtml" in js
    assert 'x.protocol === "http:" || x.protocol === "https:"' in js
    assert "escapeHtml(typeLabel(k))" in js  # layer control labels are HTML in Leaflet


def test_script_json_is_safe_and_valid():
    obj = {"a": "</script><!-- ]]> & <b>\u2028\u2029", "n": float("nan"), "i": float("inf"),
           "u": "Ізюм حلب 🙂"}
    text = assets.script_json(obj)
    for bad in "<>&\u2028\u2029":
        assert bad not in text
    back = json.loads(text)
    assert back["a"] == obj["a"] and back["u"] == obj["u"]
    assert back["n"] is None and back["i"] is None


def test_unicode_and_surrogates_survive(tmp_path):
    g = sample_geojson()
    q = "Обстріл Харкова 🙂 \u2028 line \udcff lone surrogate"
    g["features"][0]["properties"]["sources"][0]["quote"] = q
    out = build_map(g, tmp_path / "u.html")
    page = out.read_bytes().decode("utf-8")  # valid UTF-8 despite the lone surrogate
    assert json.loads(embedded(page, "incident-data"))["features"][0]["properties"][
        "sources"][0]["quote"] == q


# --- atomic writing -------------------------------------------------------------------------

def test_failure_before_writing_leaves_existing_file(tmp_path, monkeypatch):
    out = tmp_path / "map.html"
    out.write_text("old map", encoding="utf-8")

    def boom():
        raise RuntimeError("basemap broken")

    monkeypatch.setattr(mapping.assets, "countries_json", boom)
    with pytest.raises(RuntimeError, match="basemap broken"):
        build_map(sample_geojson(), out)
    assert out.read_text(encoding="utf-8") == "old map"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_failure_while_writing_leaves_existing_file(tmp_path, monkeypatch):
    import geo.atomic

    out = tmp_path / "map.html"
    out.write_text("old map", encoding="utf-8")
    written = []

    def fail_fsync(fd):
        written.append(fd)
        raise OSError("disk full")

    monkeypatch.setattr(geo.atomic.os, "fsync", fail_fsync)
    with pytest.raises(OSError, match="disk full"):
        build_map(sample_geojson(), out)
    assert written  # the page had been written to the temp file when it failed
    assert out.read_text(encoding="utf-8") == "old map"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_rebuild_replaces_and_creates_directories(tmp_path):
    out = tmp_path / "a" / "b" / "map.html"
    build_map(sample_geojson(), out, title="One")
    build_map(sample_geojson(), out, title="Two")
    assert "<title>Two</title>" in out.read_text(encoding="utf-8")
    assert [p.name for p in out.parent.iterdir()] == ["map.html"]


@pytest.mark.parametrize("bad", [None, [], {"type": "Feature"},
                                 {"type": "FeatureCollection", "features": None}])
def test_rejects_non_feature_collections(tmp_path, bad):
    with pytest.raises(ValueError):
        build_map(bad, tmp_path / "x.html")
    assert not list(tmp_path.iterdir())


def test_empty_collection_and_input_not_modified(tmp_path):
    empty = {"type": "FeatureCollection", "features": []}
    page = render_map(empty)
    assert json.loads(embedded(page, "incident-data")) == empty
    g = sample_geojson()
    before = copy.deepcopy(g)
    render_map(g)
    assert g == before


# --- assets ---------------------------------------------------------------------------------

def test_assets_read_from_folium_offline_match_its_module():
    from offlinefolium.elements import _res

    for url in assets.SCRIPTS + assets.STYLESHEETS:
        assert assets.folium_asset(url) == _res[url]


def test_basemap_cache_is_built_once(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path))
    assets.countries_json.cache_clear()
    try:
        text = assets.countries_json()
        files = list(tmp_path.iterdir())
        assert len(files) == 1 and files[0].read_text(encoding="utf-8") == text
        assets.countries_json.cache_clear()
        monkeypatch.setattr(assets, "build_countries", lambda *a: pytest.fail("rebuilt"))
        assert assets.countries_json() == text
    finally:
        assets.countries_json.cache_clear()


def test_features_may_come_from_an_iterator(tmp_path):
    """`geo map INPUTS` makes each feature as the page is written: same page as a list."""
    data = sample_geojson()
    built = "2024-01-02 03:04 UTC"
    listed = build_map(data, tmp_path / "list.html", title="T", built=built)
    streamed = build_map({**data, "features": iter(data["features"])},
                         tmp_path / "iter.html", title="T", built=built)
    assert streamed.read_bytes() == listed.read_bytes()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=300), max_size=12))
def test_packed_pieces_are_base64_of_the_whole_gzip(texts):
    """The page streams the compressed data in pieces: together they are exactly the
    base64 of the gzip of all the text, whatever the pieces' sizes."""
    packed = "".join(mapping._packed(iter(texts)))
    whole = "".join(texts).encode("utf-8", "backslashreplace")
    assert gzip.decompress(base64.b64decode(packed, validate=True)) == whole


def test_a_failing_feature_source_mid_page_leaves_existing_file(tmp_path, monkeypatch):
    """Past the compression threshold the page is written as features come: a source
    that fails there (a broken run store, say) leaves the old map and no temp file."""
    monkeypatch.setattr(mapping, "COMPRESS_ABOVE", 2_000)
    out = tmp_path / "map.html"
    out.write_text("old map", encoding="utf-8")
    feats = sample_geojson()["features"]

    def features():
        for _ in range(40):
            yield from feats
        raise RuntimeError("store gone")

    with pytest.raises(RuntimeError, match="store gone"):
        build_map({"type": "FeatureCollection", "features": features()}, out)
    assert out.read_text(encoding="utf-8") == "old map"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


# --- `geo map --from`: the GeoJSON is checked on read ----------------------------------------

def _from_file(tmp_path, mutate) -> Path:
    g = sample_geojson()
    mutate(g["features"][0])
    path = tmp_path / "in.geojson"
    path.write_text(json.dumps(g), encoding="utf-8")
    return path


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda f: f["properties"].update(anchor_lat=1e300), "anchor_lat 1e+300 is not a number in "
                                                         "-90..90"),
    (lambda f: f["properties"].update(anchor_lon=float("nan")), "anchor_lon nan"),
    (lambda f: f["properties"].update(uncertainty_km=-1), "uncertainty_km -1"),
    (lambda f: f["properties"].update(count_best="12"), "count_best '12' is not a number"),
    (lambda f: f.update(geometry={"type": "Point", "coordinates": [37.2, 91]}),
     "coordinates [37.2, 91] are not"),
    (lambda f: f.update(geometry={"type": "Point", "coordinates": [float("inf"), 1]}),
     "coordinates [inf, 1] are not"),
    (lambda f: f.update(geometry={"type": "Polygon", "coordinates": []}),
     "geometry must be a Point or null"),
    (lambda f: f.update(properties=[1]), "properties is not an object"),
    (lambda f: f["properties"].update(sources="x"), "sources is not a list"),
])
def test_from_geojson_out_of_range_is_a_clear_error(tmp_path, mutate, message):
    from geo.errors import InputError
    from geo.output.mapping import read_incidents_geojson

    path = _from_file(tmp_path, mutate)
    with pytest.raises(InputError) as exc:
        read_incidents_geojson(path)
    assert str(exc.value).startswith(f"{path}: feature 1 (inc-izium-grave): ")
    assert message in str(exc.value)


def test_from_geojson_cli_error_is_one_line_and_writes_nothing(tmp_path):
    from tests.conftest import run_geo

    path = _from_file(tmp_path, lambda f: f["properties"].update(anchor_lat=1e300))
    out = tmp_path / "m.html"
    p = run_geo("map", "--from", str(path), "-o", str(out))
    assert p.returncode == 2 and not out.exists()
    assert p.stderr.strip().count("\n") == 0 and "anchor_lat 1e+300" in p.stderr
    good = tmp_path / "good.geojson"
    good.write_text(json.dumps(sample_geojson()), encoding="utf-8")
    p = run_geo("map", "--from", str(good), "-o", str(out))
    assert p.returncode == 0 and out.exists(), p.stderr
