"""Batch CSV geocoding keeps every row and marks what did not match."""

import csv
import json

from geo.gazetteer.batch import OUT_COLUMNS, geocode_csv
from tests.conftest import run_geo


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerows(rows)
    return path


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_every_row_kept_and_marked(gaz, tmp_path):
    src = write_csv(tmp_path / "in.csv", [
        ["id", "place", "note"], ["1", "Izium", "a"], ["2", "Qzxwvbnm", "b"], ["3", "", "c"],
        ["4", "Raqqa", "d"], ["5", "Izium", "again"],
    ])
    out = tmp_path / "out.csv"
    counts = geocode_csv(gaz, src, "place", out)
    rows = read_csv(out)
    assert [r["id"] for r in rows] == ["1", "2", "3", "4", "5"]
    assert [r["note"] for r in rows] == ["a", "b", "c", "d", "again"]
    assert [r["geo_status"] for r in rows] == ["ok", "not_found", "error", "ok", "ok"]
    assert rows[0]["geo_geonameid"] == "707292" and rows[3]["geo_country_code"] == "SY"
    assert rows[1]["geo_note"]  # suggestions
    assert counts == {"rows": 5, "ok": 3, "not_found": 1, "error": 1}
    assert list(rows[0].keys())[3:] == OUT_COLUMNS


def test_country_column_filters_per_row(gaz, tmp_path):
    src = write_csv(tmp_path / "in.csv", [["place", "cc"], ["Bucha", "DE"], ["Bucha", "UA"]])
    out = tmp_path / "out.csv"
    geocode_csv(gaz, src, "place", out, country_column="cc")
    assert [r["geo_country_code"] for r in read_csv(out)] == ["DE", "UA"]


def test_cli_batch_to_file_and_stdout(tmp_path):
    src = write_csv(tmp_path / "in.csv", [["place"], ["Halab"], ["Kharkiv Oblast"]])
    out = tmp_path / "out.csv"
    p = run_geo("geocode", "--csv", str(src), "--column", "place", "-o", str(out), "-q")
    assert p.returncode == 0, p.stderr
    assert [r["geo_name"] for r in read_csv(out)] == ["Aleppo", "Kharkivska oblast"]
    assert "2 rows: 2 matched" in p.stderr
    p = run_geo("geocode", "--csv", str(src), "--column", "place")
    assert p.stdout.splitlines()[0].startswith("place,geo_status")


def test_cli_batch_errors(tmp_path):
    src = write_csv(tmp_path / "in.csv", [["name"], ["Halab"]])
    p = run_geo("geocode", "--csv", str(src), "--column", "place", "-o", str(tmp_path / "o.csv"))
    assert p.returncode == 2 and "no column 'place'; columns are: name" in p.stderr
    assert not (tmp_path / "o.csv").exists()
    p = run_geo("geocode", "--csv", str(tmp_path / "missing.csv"), "--column", "x")
    assert p.returncode == 2 and "no such file" in p.stderr
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("place\nK\xf6ln\n".encode("latin-1"))
    p = run_geo("geocode", "--csv", str(latin1), "--column", "place", "-o",
                str(tmp_path / "o.csv"))
    assert p.returncode == 2 and "not UTF-8" in p.stderr
    assert not (tmp_path / "o.csv").exists(), "no half-written output"
    p = run_geo("geocode", "--csv", str(src))
    assert p.returncode == 2 and "--column" in p.stderr


def test_existing_output_survives_a_failed_run(tmp_path):
    out = tmp_path / "o.csv"
    out.write_text("precious\n")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"place\n" + b"Aleppo\n" * 3 + b"\xff\xfe\n")
    p = run_geo("geocode", "--csv", str(bad), "--column", "place", "-o", str(out))
    assert p.returncode == 2
    assert out.read_text() == "precious\n"
    assert json.dumps(sorted(x.name for x in tmp_path.iterdir())) == '["bad.csv", "o.csv"]'
