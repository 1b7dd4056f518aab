"""The corrections file: strict validation (one error naming file, line and key), a
warning for every id that matched nothing, `[[discard]]`, and the documented examples."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import geo.incidents.corrections as corrections_module
from geo.errors import InputError
from geo.incidents.corrections import Corrections, load_corrections, parse_corrections
from geo.incidents.taxonomy import load_taxonomy
from geo.run.pipeline import build_incidents
from geo.run.report import RunReport
from tests.conftest import ROOT, run_geo
from tests.nasty import NASTY

SEEDS = ROOT / "seeds"
TYPES = [t.id for t in load_taxonomy(None).types]


def parse(text: str) -> Corrections:
    return parse_corrections(text, "c.toml", event_types=TYPES)


def error_of(text: str) -> str:
    with pytest.raises(InputError) as exc:
        parse(text)
    message = str(exc.value)
    assert "\n" not in message
    return message


@pytest.fixture(scope="module")
def seed_incidents(gaz):
    return build_incidents([SEEDS], gaz, corrections_path=None)


# --- the documented examples parse ---------------------------------------------------------


def _docstring_example() -> str:
    doc = corrections_module.__doc__
    block = doc[doc.index("    # Pin a mention"):doc.index("Validation is strict")]
    return "\n".join(line[4:] for line in block.splitlines())


def test_the_module_docstring_example_is_valid():
    fixes = parse(_docstring_example())
    assert [p.geonameid for p in fixes.pin] == ["707292", None]
    assert (fixes.pin[1].lat, fixes.pin[1].lon) == (49.19, 37.31)
    assert fixes.claim[0].event_type == "execution_massacre"
    assert fixes.discarded_incidents() == {"inc-0a1b2c3d4e"}
    assert fixes.discarded_claims() == {"9e8d7c6b5a43"}


def test_every_toml_block_of_the_readme_is_valid():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", readme, re.S)
    assert blocks, "the README shows a corrections example"
    for block in blocks:
        parse(block)


# --- one clear error: file, line and key ---------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ('[[pins]]\ndoc = "a"\ntext = "b"\ngeonameid = "1"\n',
     r"c.toml: \[\[pins\]\], line 1: unknown table \(did you mean 'pin'\?\)"),
    ('[[pin]]\ndoc = "a"\ntext = "b"\ngeonamid = "707292"\n',
     r"\[\[pin\]\] #1, line 4, key 'geonamid': unknown key \(did you mean 'geonameid'\?\)"),
    ('[[pin]]\ndoc = "a"\ntext = "Izium"\n',
     r"\[\[pin\]\] #1, line 1: a pin needs a geonameid, or both lat and lon"),
    ('[[pin]]\ndoc = "a"\ntext = "Izium"\nlat = 49.19\n',
     r"\[\[pin\]\] #1, line 4, key 'lat': a pin needs a geonameid, or both lat and lon"),
    ('[[pin]]\ndoc = "a"\ntext = "x"\ngeonameid = "1"\nlat = 1.0\nlon = 2.0\n',
     r"key 'geonameid': give a geonameid or coordinates, not both"),
    ('[[pin]]\ndoc = "a"\ntext = "x"\nlat = 91\nlon = 0\n',
     r"line 4, key 'lat': Input should be less than or equal to 90"),
    ('[[pin]]\ndoc = "a"\ntext = "x"\nlat = 1\nlon = 0\nprecision = "street"\n',
     r"line 6, key 'precision': Input should be 'exact'"),
    ('[[claim]]\nclaim_id = "c1"\nevent_type = "shelingg"\n',
     r"\[\[claim\]\] #1, line 3, key 'event_type': 'shelingg' is not in the taxonomy "
     r"\(did you mean 'shelling'\?\)"),
    ('[[claim]]\nclaim_id = "c1"\ndate_start = "2022-09-16"\ndate_end = "2022-09-15"\n',
     r"line 4, key 'date_end': 2022-09-15 is before date_start 2022-09-16"),
    ('[[claim]]\nclaim_id = "c1"\ndate_start = "2022-13-01"\n',
     r"line 3, key 'date_start': Input should be a valid date"),
    ('[[claim]]\nclaim_id = "c1"\ndate_kind = "found"\n', r"key 'date_kind'"),
    ('[[claim]]\nclaim_id = "c1"\n', r"nothing to change"),
    ('[[merge]]\nincidents = ["inc-1"]\n', r"key 'incidents': a merge needs at least two"),
    ('[[merge]]\nincidents = ["inc-1", "inc-2"]\nclaims = ["a", "b"]\n', r"either incidents"),
    ('[[discard]]\nnote = "why"\n', r"\[\[discard\]\] #1, line 1: give either incident or "
                                    r"claim_id"),
    ('[[discard]]\nincidents = "inc-1"\n', r"key 'incidents': unknown key \(did you mean "
                                           r"'incident'\?\)"),
    ('[pin]\ndoc = "a"\n', r"\[\[pin\]\], line 1: write each entry as \[\[pin\]\]"),
    ('[[split]]\nclaim_id = "a"\n\n[[split]]\nclaim = "b"\n',
     r"\[\[split\]\] #2, line 5, key 'claim'"),
    ('lat = 49.19; lon = 37.31\n', r"c.toml: not valid TOML: .*line 1"),
])
def test_bad_corrections_are_one_error_naming_file_line_and_key(text, expected):
    assert re.search(expected, error_of(text)), error_of(text)


def test_error_names_the_file_on_disk(tmp_path):
    path = tmp_path / "corrections.toml"
    path.write_text('[[claim]]\nclaim_id = "x"\nevent_type = "shelingg"\n', encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(str(path)) + r": \[\[claim\]\] #1, line 3"):
        load_corrections(path, event_types=TYPES)
    path.write_bytes(b"\xff\xfe[[pin]]")
    with pytest.raises(InputError, match="cannot read"):
        load_corrections(path)


def test_cli_bad_corrections_is_one_line_exit_2(tmp_path):
    (tmp_path / "corrections.toml").write_text('[[pin]]\ndoc = "a"\ntext = "Izium"\n',
                                               encoding="utf-8")
    p = run_geo("incidents", str(SEEDS), "-o", str(tmp_path / "x.geojson"), cwd=tmp_path)
    assert p.returncode == 2 and not (tmp_path / "x.geojson").exists()
    assert p.stderr.strip().count("\n") == 0, p.stderr
    assert "corrections.toml: [[pin]] #1, line 1: a pin needs a geonameid" in p.stderr


# --- applied, and reported when they match nothing -----------------------------------------


def test_pin_without_place_no_longer_moves_izium_to_moscow(seed_incidents, tmp_path, gaz):
    """The issue's case: a pin with neither id nor coordinates used to remove the place."""
    path = tmp_path / "c.toml"
    path.write_text('[[pin]]\ndoc = "004_ed4c0e165cfa5413"\ntext = "Izium"\n', encoding="utf-8")
    with pytest.raises(InputError, match="a pin needs a geonameid"):
        build_incidents([SEEDS], gaz, corrections_path=path)


def test_unmatched_ids_are_warned_about(seed_incidents, tmp_path, gaz):
    izyum = next(i for i in seed_incidents if i.site_name == "Izyum")
    real_claim = izyum.claims[0].claim_id
    path = tmp_path / "c.toml"
    path.write_text(
        '[[pin]]\ndoc = "no-such-doc"\ntext = "Izium"\ngeonameid = "707292"\n'
        '[[pin]]\ndoc = "004_ed4c0e165cfa5413"\ntext = "Atlantis"\ngeonameid = "707292"\n'
        '[[pin]]\ndoc = "004_ed4c0e165cfa5413"\ntext = "Izium"\ngeonameid = "999999999"\n'
        '[[claim]]\nclaim_id = "000000000000"\nevent_type = "shelling"\n'
        f'[[claim]]\nclaim_id = "{real_claim}"\nevent_type = "mass_grave"\n'
        '[[merge]]\nincidents = ["inc-0000000000", "' + izyum.incident_id + '"]\n'
        '[[merge]]\nclaims = ["111111111111", "' + real_claim + '"]\n'
        '[[split]]\nclaim_id = "222222222222"\n'
        '[[discard]]\nincident = "inc-1111111111"\n'
        '[[discard]]\nclaim_id = "333333333333"\n', encoding="utf-8")
    report = RunReport()
    build_incidents([SEEDS], gaz, corrections_path=path, report=report)
    warnings = "\n".join(report.warnings)
    for needle in ("[[pin]] doc 'no-such-doc': no document",
                   "[[pin]] doc '004_ed4c0e165cfa5413': the text 'Atlantis' is not in it",
                   "[[pin]] geonameid '999999999': not in the gazetteer",
                   "[[claim]] claim id '000000000000'", "[[merge]] claim id '111111111111'",
                   "[[split]] claim id '222222222222'", "[[discard]] claim id '333333333333'",
                   "[[merge]] incident 'inc-0000000000'",
                   "[[discard]] incident 'inc-1111111111'"):
        assert needle in warnings, warnings
    assert real_claim not in warnings and izyum.incident_id not in warnings
    assert len(report.warnings) == 9
    assert report.as_dict()["warnings"] == report.warnings


def test_warnings_reach_stderr_and_the_report_file(tmp_path):
    (tmp_path / "corrections.toml").write_text(
        '[[split]]\nclaim_id = "222222222222"\n', encoding="utf-8")
    rep = tmp_path / "r.json"
    p = run_geo("incidents", str(SEEDS), "-o", str(tmp_path / "x.geojson"), "--report",
                str(rep), "--workers", "1", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "geo: warning: [[split]] claim id '222222222222': no claim" in p.stderr
    assert json.loads(rep.read_text())["warnings"] == [
        "[[split]] claim id '222222222222': no claim with this id in the inputs"]


def test_discard_an_incident_and_a_claim(seed_incidents, tmp_path, gaz):
    izyum = next(i for i in seed_incidents if i.site_name == "Izyum")
    multi = next(i for i in seed_incidents if len(i.claims) > 1 and i is not izyum)
    dropped = multi.claims[-1].claim_id
    path = tmp_path / "c.toml"
    path.write_text(f'[[discard]]\nincident = "{izyum.incident_id}"\nnote = "test"\n'
                    f'[[discard]]\nclaim_id = "{dropped}"\n', encoding="utf-8")
    report = RunReport()
    fixed = build_incidents([SEEDS], gaz, corrections_path=path, report=report)
    assert report.warnings == []
    assert izyum.incident_id not in {i.incident_id for i in fixed}
    assert len(fixed) == len(seed_incidents) - 1
    claims = {c.claim_id for i in fixed for c in i.claims}
    assert dropped not in claims
    assert {c.claim_id for c in multi.claims} - {dropped} <= claims


def test_claim_fix_that_would_invert_the_range_is_not_applied(seed_incidents, tmp_path, gaz):
    claim = next(c for i in seed_incidents for c in i.claims if c.date_start)
    path = tmp_path / "c.toml"
    path.write_text(f'[[claim]]\nclaim_id = "{claim.claim_id}"\ndate_end = "1900-01-01"\n',
                    encoding="utf-8")
    report = RunReport()
    fixed = build_incidents([SEEDS], gaz, corrections_path=path, report=report)
    after = next(c for i in fixed for c in i.claims if c.claim_id == claim.claim_id)
    assert after.date_end == claim.date_end
    assert any("inverted" in w and claim.claim_id in w for w in report.warnings)


# --- fuzzing -------------------------------------------------------------------------------

TOML_VALUE = st.one_of(NASTY.map(json.dumps), st.integers().map(str),
                       st.floats(allow_nan=True).map(lambda f: repr(f).replace("inf", "inf")),
                       st.sampled_from(['"2022-09-15"', "2022-09-15", "[]", "[1, 2]",
                                        '["inc-1", "inc-2"]', "true", "{}"]))
KEYS = st.sampled_from(["doc", "text", "geonameid", "lat", "lon", "precision", "claim_id",
                        "event_type", "date_start", "date_end", "incidents", "claims",
                        "incident", "note", "geonamid", "name", "uncertainty_km"])
ENTRY = st.tuples(st.sampled_from(["pin", "claim", "merge", "split", "discard", "pins"]),
                  st.lists(st.tuples(KEYS, TOML_VALUE), max_size=6))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=st.lists(ENTRY, max_size=5), junk=st.one_of(st.just(""), NASTY))
def test_any_corrections_text_is_parsed_or_one_clear_error(entries, junk):
    text = "".join(f"[[{table}]]\n" + "".join(f"{k} = {v}\n" for k, v in dict(kv).items())
                   for table, kv in entries) + junk
    try:
        fixes = parse(text)
    except InputError as exc:
        message = str(exc)
        assert message.startswith("c.toml") and "\n" not in message
        return
    for pin in fixes.pin:
        assert pin.geonameid is not None or (pin.lat is not None and pin.lon is not None)
    for fix in fixes.claim:
        assert fix.event_type is None or fix.event_type in TYPES
        assert not (fix.date_start and fix.date_end and fix.date_end < fix.date_start)


def test_surrogates_and_controls_in_corrections_file(tmp_path):
    path = tmp_path / "c.toml"
    path.write_bytes('[[split]]\nclaim_id = "a\ud83d"\n'.encode("utf-8", "surrogatepass"))
    with pytest.raises(InputError, match="cannot read"):
        load_corrections(path)
    with pytest.raises(InputError, match="not valid TOML"):
        parse('[[split]]\nclaim_id = "\\ud83d"\n')  # TOML has no surrogate escapes
    with pytest.raises(InputError, match="not valid TOML"):
        parse('[[split]]\nclaim_id = "a\x0bb"\n')  # nor raw control characters
    assert parse('[[split]]\nclaim_id = "=cmd|x"\n').split[0].claim_id == "=cmd|x"


def test_missing_file_is_no_corrections(tmp_path):
    assert load_corrections(tmp_path / "none.toml") == Corrections()
    assert load_corrections(None) == Corrections()
    assert Path(corrections_module.__file__).name == "corrections.py"
