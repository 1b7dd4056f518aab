"""Exports in the conventions users know: ACLED/UCDP-named CSV columns, GeoPackage for QGIS."""

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from geo.incidents.claims import Source
from geo.incidents.incident import Incident
from geo.output.exports import (
    CSV_COLUMNS,
    column_type,
    convention_columns,
    csv_row,
    to_csv,
    write_gpkg,
)
from geo.run.pipeline import build_incidents
from tests.conftest import run_geo

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
