"""`geo eval incidents` gives the reference scorer's figures on the same output."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.incidents.evaluate import load_gold, load_titles, numbers_in, score, span_of
from tests.conftest import run_geo

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
REFERENCE = SHARED / "score_incidents.py"
DEV = SHARED / "incidents-dev"
needs_reference = pytest.mark.skipif(not REFERENCE.exists(),
                                     reason="shared/eval/score_incidents.py is not beside "
                                            "the project")


def _reference():
    spec = importlib.util.spec_from_file_location("score_incidents", REFERENCE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def reference_summary(output: Path, gold: Path, tmp: Path) -> dict:
    out = tmp / "reference.json"
    with contextlib.redirect_stdout(io.StringIO()):
        _reference().main([str(output), str(gold), "--json", str(out), "--quiet"])
    return json.loads(out.read_text())


def same(ours: dict, theirs: dict) -> None:
    """Every figure the reference reports, equal in ours (a counter it never touched is
    a zero in ours; NaN equals NaN)."""
    for key, value in theirs.items():
        mine = ours[key]
        if key == "counters":
            for name, n in value.items():
                assert mine.get(name, 0) == n, name
            assert all(v == 0 for k, v in mine.items() if k not in value)
        elif key == "grouping":
            for label, fig in value.items():
                for name, v in fig.items():
                    w = mine[label][name]
                    assert (math.isnan(v) and math.isnan(w)) or v == pytest.approx(w), name
        elif isinstance(value, float):
            assert mine == pytest.approx(value), key
        else:
            assert mine == value, key


# --- a small gold set written here, and outputs drawn around it --------------------------

GOLD = [
    {"id": "a1", "incidents": [
        {"key": "k-grave", "type": "mass_grave", "alt_types": ["execution_massacre"],
         "site": "S", "lat": 49.20, "lon": 37.27, "tol_km": 10, "date_start": "2022-09-15",
         "date_end": "2022-09-16", "date_stated": True, "count": 450,
         "count_category": "bodies_found", "alt_counts": [447], "minor": False},
        {"key": "k-town", "type": "execution_massacre", "site": "T", "lat": 50.54,
         "lon": 30.21, "tol_km": 8, "date_start": "2022-03", "date_end": None,
         "date_stated": False, "count": None, "minor": True}]},
    {"id": "a2", "incidents": [
        {"key": "k-grave", "type": "mass_grave", "site": "S", "lat": 49.21, "lon": 37.26,
         "tol_km": 6, "date_start": "2022-09-16", "date_end": "2022-09-23",
         "date_stated": False, "count": 440, "count_category": "bodies_found",
         "minor": False}]},
    {"id": "a3", "incidents": []},
]
TITLES = [{"id": "a2", "title": "Graves near the town"}]
POINTS = [(49.20, 37.27), (49.25, 37.30), (50.54, 30.21), (48.0, 35.0)]


def _feature(point, typ, dates, counts, sources, phrase):
    props = {"incident_id": f"inc-{len(sources)}-{typ}", "event_type": typ,
             "site_name": "x", "loc_precision": "settlement",
             "date_start": dates[0], "date_end": dates[1], "count_low": counts[0],
             "count_best": counts[1], "count_high": counts[2],
             "count_category": counts[3], "sources": sources}
    for s in sources:
        s["count_phrase"] = phrase
    geometry = None if point is None else {"type": "Point",
                                           "coordinates": [point[1], point[0]]}
    return {"type": "Feature", "geometry": geometry, "properties": props}


source = st.sampled_from([{"id": "a1"}, {"id": "a2"}, {"id": "a3"},
                          {"id": "zz", "title": "Graves near the town"}, {"id": "nope"}])
feature = st.builds(
    _feature,
    st.one_of(st.none(), st.sampled_from(POINTS)),
    st.sampled_from(["mass_grave", "execution_massacre", "airstrike"]),
    st.sampled_from([(None, None), ("2022-09-16", "2022-09-16"), ("2022-09", None),
                     ("2022", "2022"), ("2022-03-01", "2022-03-31"), ("2021-01-01", None)]),
    st.sampled_from([(None, None, None, None), (450, 450, None, "bodies_found"),
                     (400, 447, 500, "bodies_found"), (None, 440, None, "killed"),
                     (10, 10, 10, "killed")]),
    st.lists(source, min_size=0, max_size=3).map(lambda xs: [dict(x) for x in xs]),
    st.sampled_from([None, "around 450 bodies", "four hundred and forty", "447 bodies"]),
)


@needs_reference
@settings(max_examples=60, deadline=None)
@given(st.lists(feature, max_size=8))
def test_figures_equal_the_reference_scorer_on_drawn_outputs(tmp_path_factory, features):
    tmp = tmp_path_factory.mktemp("score")
    gold = tmp / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in GOLD), encoding="utf-8")
    (tmp / "articles.jsonl").write_text("".join(json.dumps(r) + "\n" for r in TITLES),
                                        encoding="utf-8")
    out = tmp / "out.geojson"
    out.write_text(json.dumps({"type": "FeatureCollection", "features": features}),
                   encoding="utf-8")
    ours = score(features, load_gold(gold), load_titles(tmp / "articles.jsonl")).summary
    same(ours, reference_summary(out, gold, tmp))


@needs_reference
@pytest.mark.skipif(not DEV.exists(), reason="shared/eval/incidents-dev is not beside "
                                             "the project")
def test_cli_on_the_dev_reports_equals_the_reference(tmp_path):
    """The real thing: run the pipeline on the annotated reports, write the GeoJSON, and
    score it both ways; then score the GeoJSON file itself through the CLI."""
    out = tmp_path / "dev.geojson"
    p = run_geo("incidents", str(DEV / "articles.jsonl"), "-o", str(out), "--no-cache")
    assert p.returncode == 0, p.stderr
    metrics = tmp_path / "m.json"
    p = run_geo("eval", "incidents", str(DEV / "gold.jsonl"), str(out), "-o", str(metrics))
    assert p.returncode == 0, p.stderr
    assert "precision one-to-one" in p.stdout
    same(json.loads(metrics.read_text()), reference_summary(out, DEV / "gold.jsonl",
                                                            tmp_path))
    p = run_geo("eval", "incidents", str(DEV / "gold.jsonl"), str(DEV / "articles.jsonl"),
                "-o", str(tmp_path / "m2.json"), "--no-cache")
    assert p.returncode == 0, p.stderr
    assert json.loads((tmp_path / "m2.json").read_text()) == json.loads(metrics.read_text())


def test_partial_dates_cover_their_month_or_year():
    from datetime import date

    assert span_of("2022-09", None) == (date(2022, 9, 1), date(2022, 9, 30))
    assert span_of("2024", "2024-02") == (date(2024, 1, 1), date(2024, 2, 29))
    assert span_of(None, None) is None


def test_figures_are_read_in_digits_and_words():
    assert numbers_in("at least 1,236 bodies") == {1236}
    assert numbers_in("forty-one people") == {40, 1, 41}
    assert numbers_in(None) == set()


def test_places_eval_keeps_its_short_form():
    p = run_geo("eval", "--help")
    assert p.returncode == 0 and "incidents" in p.stdout and "places" in p.stdout
    p = run_geo("eval", "incidents", "--help")
    assert p.returncode == 0 and "GOLD" in p.stdout
