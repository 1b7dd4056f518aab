"""The real `geo` command line on real files: output, exit codes, one-line errors."""

import json

import pytest

from tests.conftest import run_geo


def no_traceback(proc):
    assert "Traceback" not in proc.stderr
    assert "Traceback" not in proc.stdout


def test_help_on_every_command():
    for args in ([], ["geocode"], ["reverse"], ["gazetteer"], ["gazetteer", "build"],
                 ["gazetteer", "info"], ["gazetteer", "import"]):
        p = run_geo(*args, "--help")
        assert p.returncode == 0, args
        assert "Usage: geo" in p.stdout


def test_python_dash_m_and_console_script_agree(gazetteer_path):
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    script = Path(sys.executable).parent / "geo"
    exe = str(script) if script.exists() else shutil.which("geo")
    a = subprocess.run([exe, "geocode", "Izium", "--json"], capture_output=True, text=True)
    b = run_geo("geocode", "Izium", "--json")
    assert a.returncode == b.returncode == 0
    assert json.loads(a.stdout) == json.loads(b.stdout)


def test_geocode_text_and_json():
    p = run_geo("geocode", "Izium")
    assert p.returncode == 0 and p.stdout.startswith("1. Izyum, ")
    j = json.loads(run_geo("geocode", "Bucha", "--country", "DE", "--json").stdout)
    assert j["query"] == "Bucha"
    assert {c["country_code"] for c in j["candidates"]} == {"DE"}
    c = j["candidates"][0]
    assert isinstance(c["geonameid"], str) and c["match"] == "exact"


def test_geocode_near_and_limit():
    j = json.loads(run_geo("geocode", "Paris", "--near", "33.66,-95.55", "--limit", "2",
                           "--json").stdout)
    assert len(j["candidates"]) == 2 and j["candidates"][0]["country_code"] == "US"


def test_geocode_comma_qualified_as_people_type_it():
    p = run_geo("geocode", "Izium, Ukraine")
    assert p.returncode == 0 and p.stdout.startswith("1. Izyum, Kharkivska oblast, UA")
    j = json.loads(run_geo("geocode", "Paris, France", "--json").stdout)
    assert j["parsed"]["name"] == "Paris"
    assert j["parsed"]["context"][0]["read_as"][0]["area"] == "France (country)"
    assert {c["country_code"] for c in j["candidates"]} == {"FR"}
    p = run_geo("geocode", "Paris, Germany")
    assert p.returncode == 1 and "no place named 'Paris' in Germany" in p.stderr


def test_unknown_name_exits_1_with_suggestions():
    p = run_geo("geocode", "Qzxwvbnm")
    assert p.returncode == 1
    assert "no place named 'Qzxwvbnm'" in p.stderr and "did you mean:" in p.stderr
    no_traceback(p)
    j = json.loads(run_geo("geocode", "Qzxwvbnm", "--json").stdout)
    assert j["candidates"] == [] and j["suggestions"]


@pytest.mark.parametrize(("args", "needle"), [
    (["geocode", ""], "empty"),
    (["geocode", "x" * 10_000], "10,000 characters"),
    (["geocode", "a\x01b"], "control character"),
    (["geocode", "Bucha", "--country", "Germany"], "alpha-2"),
    (["geocode", "Bucha", "--country", "XX"], "unknown country code 'XX'"),
    (["geocode", "Izium", "--column", "place"], "--column goes with --csv"),
    (["geocode", "Paris", "--near", "91,0"], "latitude 91"),
    (["reverse", "91", "0"], "latitude 91"),
    (["reverse", "abc", "0"], "numbers"),
    (["geocode", "--limit", "0", "x"], "0"),
    (["geocode"], "missing NAME"),
    (["nonsense"], "No such command"),
])
def test_usage_errors_exit_2_with_one_line(args, needle):
    p = run_geo(*args)
    assert p.returncode == 2, p.stderr
    assert needle in p.stderr
    no_traceback(p)


def test_missing_and_corrupt_gazetteer(tmp_path):
    p = run_geo("geocode", "Izium", "--gazetteer", str(tmp_path / "none.sqlite"))
    assert p.returncode == 2 and "no gazetteer at" in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"\0" * 4096)
    p = run_geo("gazetteer", "info", env={"GEO_GAZETTEER": str(bad)})
    assert p.returncode == 2 and "not a usable gazetteer" in p.stderr
    no_traceback(p)


def test_gazetteer_env_variable_is_honoured(tiny_gazetteer):
    p = run_geo("geocode", "Springfield", "--json", env={"GEO_GAZETTEER": str(tiny_gazetteer)})
    assert p.returncode == 0
    assert [c["geonameid"] for c in json.loads(p.stdout)["candidates"]] == ["2", "1"]


def test_reverse_text_json_and_negative_coordinates():
    p = run_geo("reverse", "49.2069", "37.2768")
    assert p.returncode == 0 and "Izyum" in p.stdout and "Ukraine" in p.stdout
    j = json.loads(run_geo("reverse", "-33.92", "18.42", "--json").stdout)
    assert j["place"]["name"] == "Cape Town" and j["country"]["country_code"] == "ZA"
    p = run_geo("reverse", "0", "-30")
    assert p.returncode == 1 and "nothing within" in p.stderr


def test_gazetteer_info_text_and_json():
    p = run_geo("gazetteer", "info")
    assert p.returncode == 0
    for word in ("built:", "places:", "sources:", "imports:", "local.tsv:"):
        assert word in p.stdout
    info = json.loads(run_geo("gazetteer", "info", "--json").stdout)
    assert info["countries"] >= 240


def test_gazetteer_build_into_a_new_path_reports_counts(tmp_path):
    target = tmp_path / "g.sqlite"
    p = run_geo("gazetteer", "build", "--quiet", "--gazetteer", str(target))
    assert p.returncode == 0, p.stderr
    assert "populated places" in p.stdout and target.exists()
    assert not list(tmp_path.glob(".*tmp"))
    j = json.loads(run_geo("geocode", "Syria", "--json", "--gazetteer", str(target)).stdout)
    assert j["candidates"][0]["feature_code"] == "PCLI"


@pytest.mark.parametrize("args", [
    ["incidents"], ["map"], ["parse"], ["nonsense"], ["geocode", "--limit", "x", "Izium"],
    ["incidents", "seeds", "--format", "shp"], ["incidents", "seeds", "--nope"],
    ["map", "--from", "/no/such.geojson", "-o", "x.html"], ["incidents", "seeds", "-j", "0"],
    ["gazetteer", "frobnicate"], ["map", "seeds", "--from", "seeds/x", "-o", "x.html"],
])
def test_usage_errors_are_one_line(args):
    """Click prints usage, a hint and the error on three lines; the README promises one."""
    p = run_geo(*args)
    assert p.returncode == 2, p.stderr
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("geo: error: "), p.stderr
    no_traceback(p)


def test_output_into_a_missing_folder(tmp_path):
    deep = tmp_path / "missing" / "deeper" / "x.geojson"
    p = run_geo("incidents", "seeds", "-o", str(deep), "--no-cache")
    assert p.returncode == 2
    assert p.stderr.strip() == (f"geo: error: cannot write {deep}: the folder "
                                f"{tmp_path / 'missing'} does not exist (create it first)")
    assert not (tmp_path / "missing").exists()
    one = tmp_path / "new" / "x.geojson"
    p = run_geo("incidents", "seeds", "-o", str(one), "--no-cache")
    assert p.returncode == 0, p.stderr
    assert f"geo: created folder {tmp_path / 'new'}" in p.stderr and one.exists()
    (tmp_path / "file").write_text("")
    p = run_geo("parse", "seeds", "-o", str(tmp_path / "file" / "x.json"))
    assert p.returncode == 2 and "is not a folder" in p.stderr
