"""Incidents from the sample articles, the grouping rules, ids, corrections and exports."""

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from geo.claims import Claim, Source
from geo.exports import PROPERTIES, to_csv, to_geojson, to_kml
from geo.incidents import group_claims, same_incident
from geo.pipeline import build_incidents
from tests.conftest import run_geo

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seed_incidents(gaz):
    return build_incidents([SEEDS], gaz, corrections_path=None)


def docs_of(inc):
    return sorted(s.id[:3] for s in inc.sources)


def test_aleppo_graves_are_one_incident_with_two_sources(seed_incidents):
    graves = [i for i in seed_incidents if i.event_type == "mass_grave"
              and set(docs_of(i)) & {"000", "001"}]
    assert len(graves) == 1
    inc = graves[0]
    assert docs_of(inc) == ["000", "001"] and inc.site_name == "Aleppo"
    assert inc.number_of_sources == 2 and inc.grading == "fair"
    assert inc.date_start >= date(2016, 12, 1) and inc.date_end <= date(2016, 12, 31)


def test_raqqa_2017_and_2018_reports_stay_apart(seed_incidents):
    raqqa = [i for i in seed_incidents if i.event_type == "mass_grave"
             and i.site_name == "Ar Raqqah" and i.loc_precision == "settlement"]
    by_doc = {tuple(docs_of(i)) for i in raqqa}
    assert ("002",) in by_doc and ("003",) in by_doc
    assert not any({"002", "003"} <= set(d) for d in by_doc)


def test_izyum_is_its_own_incident_with_its_count(seed_incidents):
    izyum = [i for i in seed_incidents if i.site_name == "Izyum"]
    assert len(izyum) == 1
    inc = izyum[0]
    assert inc.event_type == "mass_grave" and inc.count_best == 450
    assert inc.count_low < 450 < inc.count_high
    assert any(s.count_phrase == "around 450 bodies" for s in inc.sources)
    assert inc.date_start.year == 2022 and inc.date_start.month == 9


def test_bucha_bodies_are_a_separate_earlier_incident(seed_incidents):
    bucha = [i for i in seed_incidents if i.site_name == "Bucha"]
    assert len(bucha) == 1
    assert bucha[0].date_start == date(2022, 4, 1) and bucha[0].date_end == date(2022, 4, 30)


def test_airstrike_claim_of_seed_002_is_separate(seed_incidents):
    assert any(i.event_type == "airstrike" and "002" in docs_of(i) for i in seed_incidents)


def test_coarse_claims_are_flagged_not_merged(seed_incidents):
    coarse = [i for i in seed_incidents if i.loc_precision in ("admin1", "country")]
    assert all(i.needs_review for i in coarse)
    assert all(len(i.sources) == 1 or i.loc_precision not in ("country",) for i in coarse)


def test_sources_carry_quote_metadata_and_hash(seed_incidents):
    for inc in seed_incidents:
        for s in inc.sources:
            assert s.quote and len(s.sha256) == 64
            if s.quote_place:
                a, b = s.quote_place
                assert 0 <= a < b <= len(s.quote)
            assert s.url is None or s.url.startswith(("http://", "https://"))
    outlets = {s.outlet for i in seed_incidents for s in i.sources if s.id.startswith("000")}
    assert outlets == {"IBTimes"}


def test_ids_are_stable_across_runs_and_new_articles(gaz, tmp_path, seed_incidents):
    first = {i.incident_id for i in seed_incidents}
    again = {i.incident_id for i in build_incidents([SEEDS], gaz)}
    assert first == again
    folder = tmp_path / "more"
    shutil.copytree(SEEDS, folder)
    (folder / "005_new.txt").write_text(
        "Mass graves were found near Izyum, officials said on 20 September 2022.\n",
        encoding="utf-8")
    with open(folder / "metadata.csv", "a", encoding="utf-8") as fh:
        fh.write("005_new.txt,Example Wire,2022-09-21,https://example.org/a,\n")
    later = build_incidents([folder], gaz)
    izyum_before = next(i for i in seed_incidents if i.site_name == "Izyum")
    izyum_after = next(i for i in later if i.site_name == "Izyum")
    assert izyum_after.incident_id == izyum_before.incident_id
    assert len(izyum_after.sources) == 2 and izyum_after.number_of_sources == 2
    assert first <= {i.incident_id for i in later}


def claim(cid, doc, lat, lon, d0, d1, prec="day", typ="mass_grave", loc="settlement",
          unc=3.0, pub="2022-01-01"):
    return Claim(
        claim_id=cid, doc_id=doc, event_type=typ, site_name="X", lat=lat, lon=lon,
        loc_precision=loc, uncertainty_km=unc, date_start=d0, date_end=d1,
        date_precision=prec, source=Source(id=doc, quote="q", sha256="0" * 64),
        published_sort=pub,
    )


D = date


def test_grouping_rule_by_hand():
    a = claim("a", "d1", 36.20, 37.16, D(2016, 12, 20), D(2016, 12, 20))
    near = claim("b", "d2", 36.22, 37.18, D(2016, 12, 22), D(2016, 12, 22))
    far = claim("c", "d3", 36.60, 37.16, D(2016, 12, 20), D(2016, 12, 20))
    late = claim("d", "d4", 36.20, 37.16, D(2016, 12, 30), D(2016, 12, 30))
    other = claim("e", "d5", 36.20, 37.16, D(2016, 12, 20), D(2016, 12, 20), typ="airstrike")
    assert same_incident(a, near)  # 2.8 km apart, 2 days apart (tolerance 3 + 3)
    assert not same_incident(a, far)  # 44 km apart, radii 3 + 3 + 5
    assert not same_incident(a, late)  # 10 days apart
    assert not same_incident(a, other)
    coarse = claim("f", "d6", 35.0, 38.0, D(2016, 12, 20), D(2016, 12, 20), loc="country",
                   unc=500.0)
    assert not same_incident(a, coarse)


def test_no_chaining_through_a_vague_claim():
    y2017 = claim("a", "d1", 35.95, 39.0, D(2017, 1, 1), D(2017, 12, 31), prec="year")
    vague = claim("b", "d2", 35.95, 39.0, D(2017, 4, 1), D(2018, 4, 30), prec="year")
    y2018 = claim("c", "d2", 35.95, 39.0, D(2018, 1, 1), D(2018, 12, 31), prec="year")
    incs = group_claims([y2017, vague, y2018])
    assert sorted(sorted(c.claim_id for c in i.claims) for i in incs) == [["a"], ["b", "c"]]


def test_wire_copies_count_once():
    a = claim("a", "d1", 36.2, 37.16, D(2016, 12, 20), D(2016, 12, 20))
    b = claim("b", "d2", 36.2, 37.16, D(2016, 12, 20), D(2016, 12, 20))
    (inc,) = group_claims([a, b], wire_group={"d1": "d1", "d2": "d1"})
    assert len(inc.sources) == 2 and inc.number_of_sources == 1 and inc.grading == "weak"


def test_corrections_merge_split_and_fix(gaz, tmp_path, seed_incidents):
    izyum = next(i for i in seed_incidents if i.site_name == "Izyum")
    bucha = next(i for i in seed_incidents if i.site_name == "Bucha")
    first_claim = izyum.claims[0].claim_id
    corr = tmp_path / "corrections.toml"
    corr.write_text(
        f'[[merge]]\nincidents = ["{izyum.incident_id}", "{bucha.incident_id}"]\n'
        f'[[claim]]\nclaim_id = "{bucha.claims[0].claim_id}"\nevent_type = "mass_grave"\n'
        f'date_start = "2022-04-02"\ndate_end = "2022-04-02"\ndate_precision = "day"\n',
        encoding="utf-8")
    fixed = build_incidents([SEEDS], gaz, corrections_path=corr)
    merged = next(i for i in fixed if first_claim in {c.claim_id for c in i.claims})
    assert bucha.claims[0].claim_id in {c.claim_id for c in merged.claims}
    corr.write_text(f'[[split]]\nclaim_id = "{first_claim}"\n'
                    '[[pin]]\ndoc = "004_ed4c0e165cfa5413"\ntext = "Bucha"\n'
                    'lat = 50.55\nlon = 30.21\nname = "Bucha street"\nprecision = "site"\n',
                    encoding="utf-8")
    fixed = build_incidents([SEEDS], gaz, corrections_path=corr)
    alone = next(i for i in fixed if first_claim in {c.claim_id for c in i.claims})
    assert len(alone.claims) == 1
    pinned = next(i for i in fixed if i.site_name == "Bucha street")
    assert pinned.loc_precision == "site"


def test_bad_corrections_file_is_a_clear_error(gaz, tmp_path):
    from geo.errors import InputError

    corr = tmp_path / "c.toml"
    corr.write_text("[[pin]]\ndoc = 1\n", encoding="utf-8")
    with pytest.raises(InputError, match="c.toml: pin"):
        build_incidents([SEEDS], gaz, corrections_path=corr)


def test_geojson_follows_rfc7946(seed_incidents):
    fc = to_geojson(seed_incidents)
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    for f in fc["features"]:
        props = f["properties"]
        assert set(PROPERTIES) <= set(props) and isinstance(props["sources"], list)
        if f["geometry"]:
            lon, lat = f["geometry"]["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
            assert (lat, lon) != (None, None)
        assert all(not isinstance(v, dict) for k, v in props.items() if k != "sources")
    izyum = next(f for f in fc["features"] if f["properties"]["site_name"] == "Izyum")
    assert izyum["geometry"]["coordinates"][0] > 37  # lon first


def test_csv_and_kml(seed_incidents):
    rows = list(csv.DictReader(io.StringIO(to_csv(seed_incidents))))
    assert len(rows) == len(seed_incidents)
    assert {"where_prec_ucdp", "geo_precision_acled", "best", "source_office"} <= set(rows[0])
    root = ET.fromstring(to_kml(seed_incidents).encode())
    assert root.tag.endswith("kml")


def test_cli_incidents_formats_and_report(tmp_path):
    out = tmp_path / "seeds.geojson"
    rep = tmp_path / "report.json"
    p = run_geo("incidents", "seeds", "-o", str(out), "--report", str(rep))
    assert p.returncode == 0, p.stderr
    fc = json.loads(out.read_text())
    assert fc["features"] and json.loads(rep.read_text())["processed"] == 5
    for fmt in ("csv", "json", "kml"):
        p = run_geo("incidents", "seeds", "--format", fmt)
        assert p.returncode == 0 and p.stdout
    bad = tmp_path / "in"
    bad.mkdir()
    shutil.copy(SEEDS / "004_ed4c0e165cfa5413.txt", bad)
    (bad / "broken.jsonl").write_text("{not json\n", encoding="utf-8")
    p = run_geo("incidents", str(bad), "-o", str(tmp_path / "x.geojson"))
    assert p.returncode == 3 and "broken.jsonl:1" in p.stderr
    assert json.loads((tmp_path / "x.geojson").read_text())["features"]


def test_wire_groups_index_matches_all_pairs():
    import random

    from geo.wirecopies import jaccard, shingles, wire_groups

    rng = random.Random(3)
    words = "graves bodies found near the town officials said were killed army".split()
    base = [" ".join(rng.choice(words) for _ in range(80)) for _ in range(30)]
    texts = base + [t + " copied by another outlet" for t in base[:10]] + base[5:8]
    sh = [shingles(t) for t in texts]
    naive = list(range(len(texts)))
    for i in range(len(texts)):
        for j in range(i):
            if naive[j] == j and jaccard(sh[i], sh[j]) >= 0.5:
                naive[i] = j
                break
    assert wire_groups(texts) == naive
