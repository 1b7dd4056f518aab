"""Exports in the conventions users know (ACLED/UCDP-named CSV columns, GeoPackage for
QGIS), and exports that no article text can break: KML always well-formed XML that GDAL
reads, with ExtendedData carrying the GeoJSON properties and every incident (with or
without a point); CSV cells that never start a spreadsheet formula while numbers stay
numbers."""

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from geo.csvsafe import safe_cell
from geo.incidents.claims import Claim, Source
from geo.incidents.incident import Incident, group_claims
from geo.output.exports import (
    CSV_COLUMNS,
    column_type,
    convention_columns,
    csv_row,
    feature,
    to_csv,
    to_geojson,
    to_kml,
    write,
    write_gpkg,
    xml_text,
)
from geo.run.pipeline import build_incidents
from tests.conftest import run_geo
from tests.nasty import NASTY

SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"


def incident(**kw) -> Incident:
    """A small incident written by hand: each test overrides what it is about."""
    base = dict(
        incident_id="inc-1", event_type="mass_grave", site_name="Izyum", geonameid="707292",
        lat=49.20697, lon=37.27679, country_code="UA", admin1="Kharkivska oblast",
        loc_precision="settlement", uncertainty_km=5.0, relation="in", anchor=None,
        date_start=date(2022, 9, 1), date_end=date(2022, 9, 30), date_precision="month",
        date_kind="discovery", count_low=405, count_best=450, count_high=495,
        count_category="bodies_found", number_of_sources=2, grading="fair",
        needs_review=None, acled_event_type="Violence against civilians",
        acled_sub_event_type="Attack", ucdp_type_of_violence=3,
        sources=[Source(id="a", title="Graves found", outlet="Reuters",
                        url="https://example.org/a", published="2022-09-16",
                        quote="Around 450 bodies were found in Izium.", sha256="0" * 64)],
        claims=[],
    )
    base.update(kw)
    return Incident(**base)


@pytest.fixture(scope="module")
def seed_incidents(gaz):
    return build_incidents([SEEDS], gaz, corrections_path=None)


def rows_of(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_acled_and_ucdp_columns_of_a_grave():
    row = rows_of(to_csv([incident()]))[0]
    assert row["event_type"] == "mass_grave"  # ours keeps its name
    assert row["acled_event_type"] == "Violence against civilians"
    assert row["acled_sub_event_type"] == "Attack" and row["type_of_violence"] == "3"
    assert row["event_date"] == "2022-09-15" and row["year"] == "2022"  # middle of the month
    assert (row["time_precision"], row["date_prec"]) == ("3", "4")
    assert (row["geo_precision"], row["where_prec"]) == ("1", "1")
    assert (row["location"], row["admin1"], row["country"], row["iso"]) == (
        "Izyum", "Kharkivska oblast", "Ukraine", "804")
    assert (row["latitude"], row["longitude"]) == ("49.20697", "37.27679")
    assert row["fatalities"] == "405"  # the conservative figure
    assert (row["low"], row["best"], row["high"]) == ("405", "450", "495")
    assert row["source_article"] == 'Reuters, 2022-09-16, "Graves found", https://example.org/a'
    assert row["needs_review"] == "false" and row["review_reason"] == ""


def test_counts_that_are_not_deaths_are_no_fatalities():
    c = convention_columns(incident(count_low=12, count_best=12, count_high=None,
                                    count_category="injured", event_type="shelling"))
    assert c["fatalities"] == 0
    assert (c["low"], c["best"], c["high"]) == (None, None, None)
    assert (c["count_low"], c["count_best"], c["count_high"]) == (12, 12, None)


def test_one_figure_fills_ucdps_low_best_high():
    c = convention_columns(incident(count_low=115, count_best=115, count_high=None,
                                    count_category="killed"))
    assert (c["low"], c["best"], c["high"], c["fatalities"]) == (115, 115, 115, 115)


def test_no_figure_is_zero_fatalities_and_empty_counts():
    row = rows_of(to_csv([incident(count_low=None, count_best=None, count_high=None,
                                   count_category=None)]))[0]
    assert row["fatalities"] == "0"
    assert row["best"] == row["count_best"] == ""


def test_review_is_a_boolean_and_its_reason_a_column():
    row = rows_of(to_csv([incident(needs_review="type from weak words only")]))[0]
    assert row["needs_review"] == "true" and row["review_reason"] == "type from weak words only"
    assert csv_row(incident())["needs_review"] is False


def test_day_dates_and_unplaced_incidents():
    c = convention_columns(incident(date_start=date(2022, 4, 1), date_end=date(2022, 4, 1),
                                    date_precision="day", lat=None, lon=None,
                                    loc_precision=None))
    assert (c["event_date"], c["time_precision"], c["date_prec"]) == ("2022-04-01", 1, 1)
    assert c["geo_precision"] is None and c["where_prec"] is None


def test_coarse_places_follow_each_convention():
    c = convention_columns(incident(loc_precision="admin1"))
    assert (c["geo_precision"], c["where_prec"]) == (3, 4)
    c = convention_columns(incident(loc_precision="near-settlement"))
    assert (c["geo_precision"], c["where_prec"]) == (2, 2)


def test_integers_never_drift_to_floats():
    text = to_csv([incident(), incident(incident_id="inc-2", count_low=None, count_best=None,
                                        count_high=None, ucdp_type_of_violence=None)])
    for row in rows_of(text):
        for name in CSV_COLUMNS:
            if column_type(name) == "int" and row[name]:
                assert row[name].lstrip("-").isdigit(), (name, row[name])


def test_every_column_is_typed_and_filled(seed_incidents):
    rows = rows_of(to_csv(seed_incidents))
    assert list(rows[0]) == list(CSV_COLUMNS)
    for r in rows:
        assert r["needs_review"] in ("true", "false")
        assert r["country"] and r["iso"].isdigit() and r["event_date"][:4] == r["year"]


def test_geopackage_reads_back_with_gdal(seed_incidents, tmp_path):
    pyogrio = pytest.importorskip("pyogrio")
    out = tmp_path / "seeds.gpkg"
    assert write_gpkg(seed_incidents, out, batch=2) == len(seed_incidents)  # several batches
    info = pyogrio.read_info(out)
    assert info["driver"] == "GPKG" and info["layer_name"] == "incidents"
    assert info["geometry_type"] == "Point" and info["crs"] == "EPSG:4326"
    assert info["features"] == len(seed_incidents)
    types = dict(zip(info["fields"], info["ogr_types"], strict=True))
    assert list(info["fields"]) == list(CSV_COLUMNS)
    assert types["fatalities"] == types["best"] == types["iso"] == "OFTInteger64"
    assert types["date_start"] == types["event_date"] == "OFTDate"
    assert types["latitude"] == "OFTReal" and types["incident_id"] == "OFTString"
    subtypes = dict(zip(info["fields"], info["ogr_subtypes"], strict=True))
    assert subtypes["needs_review"] == "OFSTBoolean"
    meta, fids, geoms, fields = pyogrio.raw.read(out)[:4]
    col = {n: fields[i] for i, n in enumerate(meta["fields"])}
    izyum = list(col["site_name"]).index("Izyum")
    assert round(col["latitude"][izyum], 3) == 49.207
    import shapely

    pt = shapely.from_wkb(geoms[izyum])
    assert (round(pt.x, 3), round(pt.y, 3)) == (37.277, 49.207)  # x is longitude


def test_geopackage_nulls_stay_null(tmp_path):
    pyogrio = pytest.importorskip("pyogrio")
    out = tmp_path / "x.gpkg"
    write_gpkg([incident(count_low=None, count_best=None, count_high=None, lat=None, lon=None,
                         loc_precision=None, date_start=None, date_end=None)], out)
    df = pyogrio.read_dataframe(out)
    assert df["best"].isna().all() and df["date_start"].isna().all()
    assert df.geometry.isna().all() and not df["needs_review"].iloc[0]


def test_empty_geopackage_is_a_valid_layer(tmp_path):
    pyogrio = pytest.importorskip("pyogrio")
    out = tmp_path / "empty.gpkg"
    assert write_gpkg([], out) == 0
    info = pyogrio.read_info(out)
    assert info["features"] == 0 and list(info["fields"]) == list(CSV_COLUMNS)


def test_failed_geopackage_leaves_the_old_file(tmp_path):
    out = tmp_path / "x.gpkg"
    out.write_bytes(b"precious")

    def boom():
        yield incident()
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        write_gpkg(boom(), out, batch=1)
    assert out.read_bytes() == b"precious"
    assert [p.name for p in tmp_path.iterdir()] == ["x.gpkg"]


def test_cli_writes_a_geopackage_from_the_extension(tmp_path):
    pyogrio = pytest.importorskip("pyogrio")
    out = tmp_path / "seeds.gpkg"
    p = run_geo("incidents", "seeds", "-o", str(out), "-q")
    assert p.returncode == 0, p.stderr
    assert pyogrio.read_info(out)["features"] >= 5
    p = run_geo("incidents", "seeds", "--format", "gpkg")
    assert p.returncode == 2 and "-o FILE.gpkg" in p.stderr
    p = run_geo("incidents", "seeds", "--format", "csv", "-q")
    rows = rows_of(p.stdout)
    assert {"event_date", "fatalities", "iso", "where_prec"} <= set(rows[0])
    json.dumps(rows)  # plain strings all the way


# --- text that must not break a file ------------------------------------------------------

KML = "{http://www.opengis.net/kml/2.2}"
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def incident_claims(title="Shelling in Izium", outlet="Kyiv Post", quote="Shelling hit Izium.",
                    site="Izium", lat=49.2, lon=37.27, n=2, url="https://example.org/a"):
    """`n` claims at one place (one incident) and one with no place (its own incident)."""
    out = []
    for k in range(n):
        src = Source(id=f"doc{k}", title=title, outlet=outlet, url=url, published="2022-05-03",
                     quote=quote, quote_place=(0, 3) if len(quote) >= 3 else None,
                     count_phrase=quote[:20] or None, sha256="0" * 64)
        out.append(Claim(claim_id=f"c{k}", doc_id=f"doc{k}", event_type="shelling",
                         site_name=site, lat=lat, lon=lon, loc_precision="settlement",
                         uncertainty_km=3.0, date_start=date(2022, 5, 3),
                         date_end=date(2022, 5, 3), date_precision="day", date_kind="event",
                         count_low=5, count_best=5, source=src, published_sort="2022-05-03"))
    src = Source(id="nowhere", title=title, outlet=outlet, quote=quote, sha256="1" * 64)
    out.append(Claim(claim_id="c-none", doc_id="nowhere", event_type="mass_grave",
                     site_name=None, source=src, published_sort="2022-05-04"))
    return out


def placemarks(kml_text: str) -> list:
    root = etree.fromstring(kml_text.encode("utf-8"))  # raises on any XML error
    return root.findall(f".//{KML}Placemark")


# --- KML ---------------------------------------------------------------------------------


def test_kml_with_vertical_tab_form_feed_and_other_controls_is_well_formed():
    """A Word soft line break (vertical tab) used to make the whole file unreadable."""
    nasty = "Grave\x0bfound\x0cnear\x01Izium\x1f\ud83d & <b>\x00"
    incidents = group_claims(incident_claims(title=nasty, outlet=nasty, quote=nasty,
                                             site=nasty))
    marks = placemarks(to_kml(incidents))
    assert len(marks) == len(incidents) == 2
    name = marks[0].find(f"{KML}name").text
    assert "Grave" in name and "\x0b" not in name and "<b>" in name
    assert xml_text("a\x0bb<c") == "ab&lt;c"


def test_kml_extended_data_carries_the_geojson_properties(seed_incidents):
    marks = placemarks(to_kml(seed_incidents))
    assert len(marks) == len(seed_incidents)
    for mark, inc in zip(marks, seed_incidents, strict=True):
        props = feature(inc)["properties"]
        data = {d.get("name"): d.findtext(f"{KML}value") or ""
                for d in mark.iter(f"{KML}Data")}
        assert list(data) == list(props)
        assert data["incident_id"] == inc.incident_id == mark.get("id")
        assert json.loads(data["sources"]) == json.loads(json.dumps(props["sources"]))
        for key, value in props.items():
            if isinstance(value, str):
                assert data[key] == value
            elif value is None:
                assert data[key] == ""
            else:
                assert json.loads(data[key]) == value


def test_kml_keeps_incidents_without_a_point():
    incidents = group_claims(incident_claims())
    marks = placemarks(to_kml(incidents))
    with_point = [m for m in marks if m.find(f"{KML}Point") is not None]
    assert len(marks) == 2 and len(with_point) == 1
    lonely = next(m for m in marks if m.find(f"{KML}Point") is None)
    data = {d.get("name"): d.findtext(f"{KML}value") for d in lonely.iter(f"{KML}Data")}
    assert data["event_type"] == "mass_grave" and data["site_name"] == ""


def test_gdal_reads_the_kml_and_geojson(tmp_path, seed_incidents):
    pyogrio = pytest.importorskip("pyogrio", reason="pyogrio (GDAL) is a test extra")
    from pyogrio.raw import read

    nasty = "Grave\x0bfound\x0c<&>\ud83d =cmd"
    incidents = [*seed_incidents, *group_claims(incident_claims(title=nasty, site=nasty))]
    for fmt, driver in (("kml", "KML"), ("geojson", "GeoJSON")):
        if driver not in pyogrio.list_drivers():
            pytest.skip(f"this GDAL has no {driver} driver")
        out = tmp_path / f"x.{fmt}"
        write(iter(incidents), out, fmt)
        meta, _, geometry, fields = read(out)
        assert len(geometry) == len(incidents), fmt
        assert sum(g is None for g in geometry) == sum(i.lat is None for i in incidents)
        names = list(meta["fields"])
        assert "incident_id" in names and "event_type" in names
        ids = list(fields[names.index("incident_id")])
        assert ids == [i.incident_id for i in incidents]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=NASTY, outlet=NASTY, quote=NASTY, site=NASTY, url=NASTY)
def test_any_text_gives_valid_kml_geojson_and_safe_csv(title, outlet, quote, site, url):
    incidents = group_claims(incident_claims(title=title, outlet=outlet, quote=quote,
                                             site=site or None, url=url or None))
    assert len(placemarks(to_kml(incidents))) == len(incidents)
    text = json.dumps(to_geojson(incidents), ensure_ascii=False)
    json.loads(text.encode("utf-8", "backslashreplace").decode("utf-8"))
    rows = list(csv.reader(io.StringIO(to_csv(incidents))))
    assert len(rows) == len(incidents) + 1
    for row in rows[1:]:
        for cell in row:
            if cell.lstrip(" ")[:1] in FORMULA and cell:
                float(cell)  # only a number may start so


# --- CSV -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    ("=HYPERLINK(\"http://evil\",\"click\")", "'=HYPERLINK(\"http://evil\",\"click\")"),
    ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
    ("+1+1", "'+1+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1+1", "'\t=1+1"), ("\r=1", "'\r=1"), ("  =1", "'  =1"),
    ("-37.31", "-37.31"), ("+3", "+3"), ("1e-5", "1e-5"), (-37.31, -37.31), (0, 0),
    ("Izium", "Izium"), ("", ""), (None, None), ("a=b", "a=b"),
    # a control character after a number is no number (Python's strip() takes it away)
    ("+1\x1f", "'+1\x1f"),
])
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_incident_csv_neutralises_formulas_and_keeps_numbers():
    incidents = group_claims(incident_claims(title="=HYPERLINK(\"http://x\")",
                                             outlet="@evil", site="-Izium", lon=-37.27))
    rows = list(csv.DictReader(io.StringIO(to_csv(incidents))))
    row = next(r for r in rows if r["longitude"])
    assert row["source_headline"].startswith("'=HYPERLINK")
    assert row["source_office"].startswith("'@evil")
    assert row["site_name"] == "'-Izium"
    assert row["longitude"] == "-37.27" and float(row["latitude"]) == 49.2
    assert list(rows[0]) == list(CSV_COLUMNS)


def test_cli_kml_count_printed_is_count_written(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Shelling\x0bin Izium\n\nHeavy shelling in Izium on 3 May 2022 killed 5 people.\n"
        "A mass grave was found, officials said, without saying where.\n", encoding="utf-8")
    out = tmp_path / "x.kml"
    p = run_geo("incidents", str(folder), "-o", str(out), "--workers", "1", "--no-cache")
    assert p.returncode == 0, p.stderr
    marks = placemarks(out.read_text(encoding="utf-8"))
    nowhere = sum(m.find(f"{KML}Point") is None for m in marks)
    line = p.stderr.strip().splitlines()[-1]
    expected = f"geo: {len(marks)} incidents"
    if nowhere:
        expected += f" ({nowhere} without a point)"
    assert line == f"{expected} -> {out}", p.stderr


# --- the indented writer is json.dumps(indent=1) ---------------------------------------

_json_leaves = (st.none() | st.booleans() | st.integers() | st.floats()
                | st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
                | st.sampled_from(["", "\n", '"', "\\", "\u2028", "é", "\x00", "💥"]))
_json_values = st.recursive(
    _json_leaves,
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=20)


@given(st.lists(_json_values, max_size=3), st.integers(0, 3))
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_indented_items_are_what_json_dumps_writes(items, depth):
    from geo.output.exports import _indented

    pad = "\n" + " " * depth
    expected = [("," if k else "") + pad
                + json.dumps(item, ensure_ascii=False, indent=1).replace("\n", pad)
                for k, item in enumerate(items)]
    assert list(_indented(items, depth)) == expected


def test_indented_leaves_unusual_values_to_json():
    from geo.output.exports import _indented

    class Text(str):
        pass

    items = [{"a": Text("x"), 1: [True, 2.5]}, {2.5: None}, [Text("y")]]
    assert list(_indented(items, 2)) == [
        ("," if k else "") + "\n  "
        + json.dumps(item, ensure_ascii=False, indent=1).replace("\n", "\n  ")
        for k, item in enumerate(items)]
