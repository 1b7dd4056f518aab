"""Batch CSV geocoding keeps every row and marks what did not match."""

import csv
import json

import pytest

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
    fmt = counts.pop("format")
    assert counts == {"rows": 5, "ok": 3, "not_found": 1, "error": 1}
    assert (fmt.encoding, fmt.delimiter, fmt.bom) == ("utf-8", ",", False)
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
    assert "2 rows: 2 matched" in p.stderr and "(read as UTF-8, comma-separated)" in p.stderr
    p = run_geo("geocode", "--csv", str(src), "--column", "place")
    assert p.stdout.splitlines()[0].startswith("place,geo_status")


def test_cli_batch_errors(tmp_path):
    src = write_csv(tmp_path / "in.csv", [["name"], ["Halab"]])
    p = run_geo("geocode", "--csv", str(src), "--column", "place", "-o", str(tmp_path / "o.csv"))
    assert p.returncode == 2 and "no column 'place'; columns are: name" in p.stderr
    assert not (tmp_path / "o.csv").exists()
    p = run_geo("geocode", "--csv", str(tmp_path / "missing.csv"), "--column", "x")
    assert p.returncode == 2 and "no such file" in p.stderr
    p = run_geo("geocode", "--csv", str(src))
    assert p.returncode == 2 and "--column" in p.stderr


def test_existing_output_survives_a_failed_run(tmp_path):
    out = tmp_path / "o.csv"
    out.write_text("precious\n")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"place\n" + b"Aleppo\n" * 3 + b'"' + b"x" * 200_000 + b'"\n')
    p = run_geo("geocode", "--csv", str(bad), "--column", "place", "-o", str(out))
    assert p.returncode == 2 and ": line " in p.stderr and "field limit" in p.stderr
    assert out.read_text() == "precious\n"
    assert json.dumps(sorted(x.name for x in tmp_path.iterdir())) == '["bad.csv", "o.csv"]'


# --- files as spreadsheets save them ------------------------------------------------------

@pytest.mark.parametrize(("encoding", "delimiter", "label"), [
    ("cp1252", ";", "Windows-1252, semicolon-separated"),   # Excel "CSV" in much of Europe
    ("utf-16", "\t", "UTF-16, tab-separated"),               # Excel "Unicode text"
    ("utf-8-sig", ",", "UTF-8 with BOM, comma-separated"),    # Excel "CSV UTF-8"
    ("utf-16-le", ",", "UTF-16LE, comma-separated"),          # no byte-order mark
    ("utf-8", "|", "UTF-8, pipe-separated"),
])
def test_encodings_and_delimiters_are_detected(tmp_path, encoding, delimiter, label):
    src = tmp_path / "in.csv"
    text = delimiter.join(["id", "place", "note"]) + "\n"
    text += delimiter.join(["1", "Köln", "café"]) + "\n"
    text += delimiter.join(["2", "Izium, Ukraine", "x"]).replace("Izium, Ukraine",
                                                                   '"Izium, Ukraine"') + "\n"
    src.write_bytes(text.encode(encoding))
    out = tmp_path / "out.csv"
    p = run_geo("geocode", "--csv", str(src), "--column", "place", "-o", str(out), "-q")
    assert p.returncode == 0, p.stderr
    assert f"(read as {label})" in p.stderr
    raw = out.read_bytes()
    has_bom = encoding in ("utf-16", "utf-8-sig")
    assert raw.startswith(b"\xef\xbb\xbf") == has_bom
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(), delimiter=delimiter))
    assert [r["place"] for r in rows] == ["Köln", "Izium, Ukraine"]
    assert rows[0]["note"] == "café"
    assert [r["geo_geonameid"] for r in rows] == ["2886242", "707292"]


def test_forced_encoding_and_delimiter(gaz, tmp_path):
    src = tmp_path / "in.csv"
    src.write_bytes("place;x\nKöln;1\n".encode("latin-1"))
    counts = geocode_csv(gaz, src, "place", tmp_path / "o.csv", encoding="latin-1",
                         delimiter=";")
    assert counts["ok"] == 1 and counts["format"].encoding == "latin-1"
    p = run_geo("geocode", "--csv", str(src), "--column", "place", "--encoding", "klingon")
    assert p.returncode == 2 and "unknown encoding 'klingon'" in p.stderr


def test_wrong_delimiter_hint(tmp_path):
    src = write_csv(tmp_path / "in.csv", [["place;x"], ["Köln;1"]])
    p = run_geo("geocode", "--csv", str(src), "--column", "place", "--delimiter", ",")
    assert p.returncode == 2 and "--delimiter" in p.stderr


@pytest.mark.parametrize("content", [b"", b"\n\n  \n", b"\xef\xbb\xbf"])
def test_empty_file_says_so(tmp_path, content):
    src = tmp_path / "empty.csv"
    src.write_bytes(content)
    out = tmp_path / "o.csv"
    p = run_geo("geocode", "--csv", str(src), "--column", "place", "-o", str(out))
    assert p.returncode == 2 and "the file is empty" in p.stderr
    assert not out.exists()


def test_header_only_file_gives_a_header_only_output(tmp_path):
    src = write_csv(tmp_path / "in.csv", [["place"]])
    out = tmp_path / "o.csv"
    p = run_geo("geocode", "--csv", str(src), "--column", "place", "-o", str(out), "-q")
    assert p.returncode == 0 and "0 rows" in p.stderr
    assert out.read_text().splitlines() == [",".join(["place", *OUT_COLUMNS])]


def test_unknown_country_is_a_usage_error(tmp_path):
    src = write_csv(tmp_path / "in.csv", [["place"], ["Bucha"]])
    for code in ("XX", "Ukraine"):
        p = run_geo("geocode", "--csv", str(src), "--column", "place", "--country", code,
                    "-o", str(tmp_path / "o.csv"))
        assert p.returncode == 2, (code, p.stderr)
        assert "--country" in p.stderr
    assert not (tmp_path / "o.csv").exists()


def test_exit_codes_say_whether_every_row_matched(tmp_path):
    """0 every row matched; 3 some did not (output written); 1 none did."""
    cases = [(["Izium", "Raqqa"], 0), (["Izium", "Qzxwvbnm"], 3), (["Qzxwvbnm", ""], 1)]
    for names, code in cases:
        src = write_csv(tmp_path / "in.csv", [["place"], *[[n] for n in names]])
        out = tmp_path / "o.csv"
        p = run_geo("geocode", "--csv", str(src), "--column", "place", "-o", str(out), "-q")
        assert p.returncode == code, (names, p.stderr)
        assert len(read_csv(out)) == len(names)


def test_several_columns_make_one_qualified_query(tmp_path):
    src = write_csv(tmp_path / "in.csv", [
        ["town", "region", "country"], ["Paris", "Texas", "USA"], ["Bucha", "", "Germany"],
        ["Springfield", "IL", ""], ["Izium", "Kharkiv Oblast", "Ukraine"],
    ])
    out = tmp_path / "o.csv"
    p = run_geo("geocode", "--csv", str(src), "--column", "town", "--column", "region",
                "--column", "country", "-o", str(out), "-q")
    assert p.returncode == 0, p.stderr
    rows = read_csv(out)
    assert [(r["geo_country_code"], r["geo_admin1"]) for r in rows] == [
        ("US", "Texas"), ("DE", "Thüringen"), ("US", "Illinois"), ("UA", "Kharkivska oblast"),
    ]


def test_country_column_takes_codes_and_names(gaz, tmp_path):
    src = write_csv(tmp_path / "in.csv", [
        ["place", "country"], ["Bucha", "Germany"], ["Bucha", "UA"], ["Paris", "United States"],
        ["Bucha", "ZZ"],
    ])
    out = tmp_path / "o.csv"
    geocode_csv(gaz, src, "place", out, country_column="country")
    rows = read_csv(out)
    assert [r["geo_country_code"] for r in rows[:3]] == ["DE", "UA", "US"]
    assert rows[3]["geo_status"] == "error" and "unknown country code" in rows[3]["geo_note"]


def test_no_output_cell_starts_a_formula_and_numbers_stay_numbers(gaz, tmp_path):
    """Scraped place names and the user's own cells reach the output: none may run as a
    spreadsheet formula (CSV injection), while a negative longitude stays a number."""
    src = write_csv(tmp_path / "in.csv", [
        ["place", "lon", "note", "=header"],
        ['=HYPERLINK("http://evil","x")', "-37.31", "@SUM(A1)", "+cmd"],
        ["Izium", "-0.5", "\t=1+1", "-"],
    ])
    out = tmp_path / "out.csv"
    geocode_csv(gaz, src, "place", out)
    with open(out, newline="", encoding="utf-8") as fh:
        header, *rows = list(csv.reader(fh))
    assert header[3] == "'=header"
    assert rows[0][:4] == ["'=HYPERLINK(\"http://evil\",\"x\")", "-37.31", "'@SUM(A1)",
                           "'+cmd"]
    assert rows[1][1:4] == ["-0.5", "'\t=1+1", "'-"]
    assert float(rows[1][header.index("geo_lon")]) > 37  # numbers untouched
    for row in rows:
        for cell in row:
            assert cell[:1] not in ("=", "+", "@", "\t", "\r") or not cell
