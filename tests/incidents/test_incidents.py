"""Incidents from the sample articles, the grouping rules, ids, corrections and exports."""

import csv
import io
import json
import math
import shutil
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.distance import haversine_km
from geo.incidents.claims import Claim, Source
from geo.incidents.incident import group_claims, incident_id, same_incident
from geo.output.exports import PROPERTIES, to_csv, to_geojson, to_kml
from geo.run.pipeline import build_incidents
from tests.conftest import run_geo

SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"


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
             and i.site_name == "Ar Raqqah"]
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
        "Officials said on 20 September 2022 that mass graves were found near Izyum.\n",
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
          unc=3.0, pub="2022-01-01", kind="event", words=(), weak=False, names=(),
          lone=False):
    return Claim(
        claim_id=cid, doc_id=doc, event_type=typ, site_name="X", lat=lat, lon=lon,
        loc_precision=loc, uncertainty_km=unc, date_start=d0, date_end=d1,
        date_precision=prec, date_kind=kind, source=Source(id=doc, quote="q", sha256="0" * 64),
        published_sort=pub, keywords=list(words), type_weak=weak, names=list(names),
        lone=lone,
    )


D = date


def test_grouping_rule_by_hand():
    a = claim("a", "d1", 36.20, 37.16, D(2016, 12, 20), D(2016, 12, 20))
    near = claim("b", "d2", 36.22, 37.18, D(2016, 12, 22), D(2016, 12, 22))
    far = claim("c", "d3", 36.60, 37.16, D(2016, 12, 20), D(2016, 12, 20))
    late = claim("d", "d4", 36.20, 37.16, D(2017, 1, 14), D(2017, 1, 14))
    other = claim("e", "d5", 36.20, 37.16, D(2016, 12, 20), D(2016, 12, 20), typ="airstrike")
    assert same_incident(a, near)  # 2.8 km apart, 2 days apart (tolerance 3 + 3)
    assert not same_incident(a, far)  # 44 km apart, radii 3 + 3 + 5
    assert not same_incident(a, late)  # 25 days apart (a grave's tolerance 10 + 10)
    # a grave's discovery and its exhumation a week on are one grave; killings are not
    assert same_incident(a, claim("g", "d7", 36.20, 37.16, D(2016, 12, 30), D(2016, 12, 30)))
    assert not same_incident(
        claim("h", "d8", 36.20, 37.16, D(2016, 12, 20), D(2016, 12, 20), typ="execution_massacre"),
        claim("i", "d9", 36.20, 37.16, D(2016, 12, 30), D(2016, 12, 30), typ="execution_massacre"))
    assert not same_incident(a, other)
    coarse = claim("f", "d6", 35.0, 38.0, D(2016, 12, 20), D(2016, 12, 20), loc="country",
                   unc=500.0)
    assert not same_incident(a, coarse)


def test_grouping_tolerates_what_honest_reports_differ_on():
    day = D(2016, 12, 20)
    event = claim("a", "d1", 36.20, 37.16, day, day, words=("amstor", "wake", "cafe"))
    # A report dated only by its publication, a fortnight later, is the same event...
    reported = claim("b", "d2", 36.20, 37.16, D(2016, 12, 28), D(2017, 1, 4), prec="week",
                     kind="report")
    assert same_incident(event, reported)
    # ... but a stated event date weeks off is another incident.
    assert not same_incident(event, claim("c", "d3", 36.20, 37.16, D(2017, 1, 14),
                                          D(2017, 1, 14)))
    # Missile or rocket: remote violence of two kinds in one place and day is one event;
    # a killing is too, when both are dated; a grave is not a strike.
    strike = claim("d", "d4", 36.20, 37.16, day, day, typ="airstrike")
    shells = claim("e", "d5", 36.20, 37.16, day, day, typ="shelling")
    killing = claim("f", "d6", 36.20, 37.16, day, day, typ="execution_massacre")
    assert same_incident(strike, shells) and same_incident(strike, killing)
    assert not same_incident(strike, event)
    # An undated report joins only where the texts share rare words beyond the site.
    undated = claim("g", "d7", 36.20, 37.16, None, None, words=("amstor", "cafe"))
    unrelated = claim("h", "d8", 36.20, 37.16, None, None, words=("cassava", "tractor"))
    assert same_incident(event, undated) and not same_incident(event, unrelated)
    assert not same_incident(undated, unrelated)
    # A toll is one word, however its buckets fall: "22 killed" and "25 dead" share it,
    # with one rare word more the texts agree; the toll alone never makes them agree.
    from geo.incidents.claims import toll_words

    told22 = claim("p1", "d16", 36.20, 37.16, None, None, words=("amstor", *toll_words(22)))
    told25 = claim("p2", "d17", 36.20, 37.16, day, day, words=("amstor", *toll_words(25)))
    toll_only = claim("p3", "d18", 36.20, 37.16, day, day, words=tuple(toll_words(22)))
    assert same_incident(told22, told25) and not same_incident(told22, toll_only)
    # A weakly typed claim ("killed" only) does not hold its type against a clear one.
    weak = claim("i", "d9", 36.20, 37.16, day, day, typ="abduction", weak=True)
    assert same_incident(event, weak)
    # Two coarse claims at the same division merge; a coarse one joins a fine one inside
    # it only where the texts agree.
    prov = claim("j", "d10", 36.0, 37.0, day, day, loc="admin1", unc=80.0)
    prov2 = claim("k", "d11", 36.0, 37.0, day, day, loc="admin1", unc=80.0)
    assert same_incident(prov, prov2) and not same_incident(prov, event)
    told = claim("l", "d12", 36.0, 37.0, day, day, loc="admin1", unc=80.0,
                 words=("wake", "cafe"))
    assert same_incident(told, event)
    far = claim("m", "d13", 30.0, 37.0, day, day, loc="admin1", unc=80.0,
                words=("wake", "cafe"))
    assert not same_incident(far, event)
    # ... of its kind: a killing placed only by its province is no strike inside it
    # (both dated, a killing and a strike at one town may be one event; not so here)
    strike_in = claim("m2", "d13", 36.20, 37.16, day, day, typ="airstrike",
                      words=("wake", "cafe"))
    killing_in = claim("m3", "d14", 36.0, 37.0, day, day, loc="admin1", unc=80.0,
                       typ="execution_massacre", words=("wake", "cafe"))
    assert not same_incident(killing_in, strike_in)
    # Two reports naming one village the gazetteer lacks agree on that name alone; one
    # shared ordinary word is not enough.
    village = claim("n", "d14", 36.20, 37.16, day, day, words=("market",), names=("togoga",))
    told_by_region = claim("o", "d15", 36.0, 37.0, None, None, loc="admin1", unc=80.0,
                           words=("nurse",), names=("togoga",))
    market_only = claim("p", "d16", 36.0, 37.0, None, None, loc="admin1", unc=80.0,
                        words=("market",))
    assert same_incident(village, told_by_region) and not same_incident(village, market_only)


def test_a_report_placing_a_village_only_by_its_country_joins_one_that_places_it():
    day = D(2023, 10, 5)
    by_country = claim("a", "d1", 49.0, 32.0, day, day, typ="airstrike", loc="country",
                       unc=700.0, names=("zorianivka",), lone=True)
    placed = claim("b", "d2", 49.71, 37.61, day, day, typ="airstrike", words=("cafe",),
                   names=("zorianivka",), pub="2022-01-02")
    [inc] = group_claims([by_country, placed])
    assert {s.id for s in inc.sources} == {"d1", "d2"} and inc.lat == 49.71
    # Alone, it is no point on the map; nor with a placed report of another village.
    assert group_claims([by_country]) == []
    other = placed.model_copy(update={"names": ["khmarne"], "claim_id": "c"})
    assert [{s.id for s in i.sources} for i in group_claims([by_country, other])] == [{"d2"}]


def test_a_stated_event_date_dates_the_incident_before_a_report_date():
    # One report dates the grave only by "said on Thursday", the other by the burial.
    said = claim("a", "d1", 13.45, 22.45, D(2023, 7, 13), D(2023, 7, 13), kind="report",
                 words=("masalit", "geneina"))
    buried = claim("b", "d2", 13.45, 22.45, D(2023, 6, 20), D(2023, 6, 21),
                   prec="days", pub="2023-07-14", words=("masalit", "geneina"))
    [inc] = group_claims([said, buried])
    assert (inc.date_start, inc.date_end) == (D(2023, 6, 20), D(2023, 6, 21))


def test_a_point_measured_from_the_town_places_the_incident_more_closely_than_the_town():
    # One report says "in the town", the other "12 km north of" it: the incident's point
    # is the measured one (not for a detention, held in the town's own buildings).
    from geo.models import Anchor

    town = claim("a", "d1", 13.68, -1.55, D(2023, 11, 19), D(2023, 11, 19),
                 typ="execution_massacre", unc=2.6)
    town.geonameid = "123"
    north = claim("b", "d2", 13.79, -1.55, D(2023, 11, 19), D(2023, 11, 19),
                  typ="execution_massacre", loc="near-settlement", unc=6.0, pub="2023-11-21")
    north.relation, north.anchor = "offset", Anchor(name="T", geonameid="123", lat=13.68,
                                                    lon=-1.55)
    [inc] = group_claims([town, north])
    assert (inc.lat, inc.lon) == (13.79, -1.55)
    held = [c.model_copy(update={"event_type": "detention_torture"}) for c in (town, north)]
    [inc] = group_claims(held)
    assert (inc.lat, inc.lon) == (13.68, -1.55)


def test_reports_a_day_apart_date_the_incident_from_the_first_day_to_the_last():
    # UCDP's practice: the range runs from the earliest day the sources allow to the
    # latest.  A report a month later names no day the incident spans.
    first = claim("a", "d1", 31.35, 34.29, D(2024, 4, 22), D(2024, 4, 22), kind="discovery")
    second = claim("b", "d2", 31.35, 34.29, D(2024, 4, 23), D(2024, 4, 23), kind="discovery",
                   pub="2024-04-24")
    [inc] = group_claims([first, second])
    assert (inc.date_start, inc.date_end) == (D(2024, 4, 22), D(2024, 4, 23))
    later = claim("c", "d3", 31.35, 34.29, D(2024, 4, 20), D(2024, 5, 20), prec="month",
                  kind="report", pub="2024-05-21", words=("courtyard",))
    assert len(group_claims([first, later])[0].claims) == 2
    [inc] = group_claims([first, later])
    assert (inc.date_start, inc.date_end) == (D(2024, 4, 22), D(2024, 4, 22))


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
    with pytest.raises(InputError, match=r"c.toml: \[\[pin\]\] #1, line 2, key .doc."):
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


# --- The fast grouping against the rules written plainly --------------------------------
#
# `group_claims` finds merge candidates through a grid of cells and months and keeps each
# group's representative up to date as claims join.  The functions below apply the same
# rules by brute force (every group against every earlier group, every claim against every
# other), on claims drawn around a few towns, some either side of a cell border.

TOWNS = [(36.20, 37.16), (36.23, 37.13), (36.995, 37.02), (37.004, 36.99), (36.02, 37.995),
         (35.60, 36.70)]
TOLERANCE = {"day": 3, "days": 3, "week": 4, "month": 7, "year": 0, "unknown": 0}
REMOTE = {"airstrike", "shelling", "explosive_mine"}


def _ref_widened(c):
    if c.date_start is None or c.date_end is None:
        return None
    tol = timedelta(days=max(TOLERANCE[c.date_precision],
                             10 if c.event_type == "mass_grave"
                             and c.date_precision in ("day", "days", "week") else 0))
    before = timedelta(days=45) if c.date_kind in ("report", "exhumation") and \
        c.date_precision in ("day", "days", "week") else timedelta(0)
    return c.date_start - tol - before, c.date_end + tol


def _ref_site(group):
    return min(group, key=lambda c: (c.coarse, c.uncertainty_km or 1e9))


def _ref_type(group):
    """A group's type: its first claim typed from clear words, else its first claim's."""
    return next((c for c in group if not c.type_weak), group[0])


def _ref_agree(old, new):
    """May the claims `new` join the group `old`?  Types that agree (equal, both remote
    violence, one side weakly typed, or a killing when both sides are dated); both coarse
    at one division, or both fine with the two most precise sites within their radii plus
    5 km; no site: never; every widened date range overlapping every other, or, where a
    side has no date, two rare words in common."""
    own = lambda c: c.date_kind != "report" and _ref_widened(c) is not None and (  # noqa: E731
        c.date_end - c.date_start).days <= 1
    if any(c.doc_id == e.doc_id and own(c) and own(e)
           and ((e.date_start - c.date_end).days > 1 or (c.date_start - e.date_end).days > 1)
           for c in old for e in new):
        return False  # one article gives them days of their own apart
    ta, tb = _ref_type(old), _ref_type(new)
    ranges = [_ref_widened(c) for c in old + new]
    dated_old = any(_ref_widened(c) for c in old)
    dated_new = any(_ref_widened(c) for c in new)
    types = {ta.event_type, tb.event_type}
    weak = all(c.type_weak for c in old) or all(c.type_weak for c in new)
    if not (len(types) == 1 or types <= REMOTE or weak
            or ("execution_massacre" in types and dated_old and dated_new)):
        return False
    a, b = _ref_site(old), _ref_site(new)
    if a.lat is None or b.lat is None:
        return False
    if any(c.doc_id == e.doc_id for c in old for e in new) and len(types) == 2 \
            and not types <= REMOTE and haversine_km(a.lat, a.lon, b.lat, b.lon) > 5.0:
        return False  # one article told them as two: two kinds at two places
    if any(c.doc_id == e.doc_id for c in old for e in new) and len(types) == 2 \
            and types <= REMOTE and not weak:
        return False  # ... or two kinds of fire, each named for what it was
    # a date the text gives for the event, not only the report's
    stated = lambda g: any(c.date_kind != "report" and _ref_widened(c) for c in g)  # noqa: E731
    span = lambda g: (max(r[0] for c in g if (r := _ref_widened(c))),  # noqa: E731
                      min(r[1] for c in g if (r := _ref_widened(c))))
    if any(c.doc_id == e.doc_id for c in old for e in new) and len(types) == 1 \
            and stated(old) and stated(new) and span(old) != span(new) \
            and haversine_km(a.lat, a.lon, b.lat, b.lon) > 5.0:
        return False  # ... or one kind, each dated by its own words, at two places
    words = lambda g: {w for c in g for w in c.keywords}  # noqa: E731
    names = lambda g: {n for c in g for n in c.names}  # noqa: E731
    common = words(old) & words(new)
    tolls = {w for w in common if w.startswith("#toll")}  # a toll's words count as one
    shared = len(common - tolls) + min(1, len(tolls)) + 2 * len(names(old) & names(new))
    agree = shared >= 2
    known = [r for r in ranges if r is not None]
    meet = all(r[0] <= s[1] and s[0] <= r[1] for r in known for s in known)
    d = haversine_km(a.lat, a.lon, b.lat, b.lon)
    if a.coarse != b.coarse:  # a division and a site inside it: the texts must agree
        if not (len(types) == 1 or types <= REMOTE or weak):
            return False  # ... and the kinds (no killing beside a strike in a province)
        area = a if a.coarse else b
        return d <= (area.uncertainty_km or 0.0) + 5.0 and agree and (
            not dated_old or not dated_new or meet)
    reach = 1.0 if a.coarse else (a.uncertainty_km or 0.0) + (b.uncertainty_km or 0.0) + 5.0
    if d > reach:
        return False
    if not dated_old or not dated_new:
        return agree
    if not meet:
        return False
    if stated(old) and stated(new) or not ({ta.event_type, tb.event_type} & REMOTE):
        return True
    return shared >= (1 if stated(old) or stated(new) else 2)


def _ref_greedy(groups):
    out = []
    for g in groups:
        for o in out:
            if _ref_agree(o, g):
                o.extend(g)
                break
        else:
            out.append(list(g))
    return out


def _ref_without_common_words(claims):
    """The claims with the words more documents share than 10 and 5% of them left out."""
    docs_of = {}
    for c in claims:
        for w in c.keywords:
            docs_of.setdefault(w, set()).add(c.doc_id)
    limit = max(10, 0.05 * len({c.doc_id for c in claims}))
    common = {w for w, d in docs_of.items() if len(d) > limit}
    return [c.model_copy(update={"keywords": [w for w in c.keywords if w not in common]})
            for c in claims]


def reference_grouping(claims, splits=frozenset()):
    """(incident id, claim ids) per incident, in output order, by brute force."""
    key = lambda c: (c.published_sort, c.claim_id)  # noqa: E731
    claims = sorted(_ref_without_common_words(claims), key=key)
    by_doc = {}
    for c in claims:
        if c.claim_id not in splits:
            by_doc.setdefault(c.doc_id, []).append([c])
    units = [g for doc in by_doc.values() for g in _ref_greedy(doc)]
    groups = _ref_greedy(units)
    moved = True
    while moved:  # then every group joins the earliest group that agrees with it
        moved = False
        dead: set[int] = set()
        for j in range(len(groups)):
            if j in dead:
                continue
            k = next((i for i in range(j) if i not in dead
                      and _ref_agree(groups[i], groups[j])), None)
            if k is not None:
                groups[k].extend(groups[j])
                dead.add(j)
                moved = True
        groups = [g for i, g in enumerate(groups) if i not in dead]
    groups += [[c] for c in claims if c.claim_id in splits]
    groups = sorted((sorted(g, key=key) for g in groups), key=lambda g: key(g[0]))
    return [(incident_id(g[0]), [c.claim_id for c in g]) for g in groups]


def reference_review(incidents):
    """`needs_review` of each incident: coarse ones name the first fine incident of
    their type within reach whose dates overlap."""
    def fine(i):
        return i.loc_precision not in ("admin1", "country") and i.lat is not None
    out = []
    for inc in incidents:
        if fine(inc):
            out.append(None)
            continue
        match = next((f for f in incidents if fine(f)
                      and _ref_site(f.claims).event_type == _ref_site(inc.claims).event_type
                      and inc.lat is not None
                      and haversine_km(f.lat, f.lon, inc.lat, inc.lon)
                      <= (inc.uncertainty_km or 0) + (f.uncertainty_km or 0) + 5.0
                      and not (inc.date_start and f.date_start
                               and not (inc.date_start <= f.date_end
                                        and f.date_start <= inc.date_end))), None)
        where = inc.loc_precision or "unknown place"
        out.append(f"coarse location ({where}); may belong to {match.incident_id}" if match
                   else f"coarse location ({where}); not merged automatically")
    return out


random_claim = st.tuples(
    st.sampled_from([0, 0, 0, 1, 2, 3, 4, 5]),  # town: mostly one, for groups to grow
    st.integers(-30, 30),  # jitter, in 1/1000 degree
    st.sampled_from(["settlement", "settlement", "site", "near-settlement", "admin1",
                     "country", "none"]),
    st.sampled_from([None, 0.0, 1.0, 3.0, 12.0, 40.0]),  # uncertainty
    st.one_of(st.none(), st.integers(0, 75), st.integers(25, 35)),  # first day, or none
    st.sampled_from([0, 0, 1, 6, 30, 364, 900]),  # range length in days
    st.sampled_from(sorted(TOLERANCE)),  # date precision
    st.sampled_from(["mass_grave", "mass_grave", "airstrike", "shelling",
                     "execution_massacre"]),
    st.integers(0, 5),  # document
    st.sampled_from(["2020-01-03", "2020-02-01", "2020-02-01T12:00"]),  # published
    st.sampled_from(["event", "event", "report"]),  # date kind
    # words (a toll's two among them: `toll_words(22)`, "#toll13" and "#tollh14")
    st.lists(st.sampled_from(["amstor", "cafe", "wake", "cassava", "#toll13", "#tollh14"]),
             max_size=3),
    st.booleans(),  # typed from weak words only
)


def _claims_of(rows):
    out = []
    for k, (town, jitter, loc, unc, day, span, prec, typ, doc, pub, kind, words, weak) \
            in enumerate(rows):
        lat, lon = TOWNS[town]
        d0 = None if day is None else D(2020, 1, 1) + timedelta(days=day)
        c = claim(f"c{k:03d}", f"d{doc}", None if loc == "none" else lat + jitter / 1000,
                  lon - jitter / 1000, d0, None if d0 is None else d0 + timedelta(days=span),
                  prec=prec, typ=typ, loc=None if loc == "none" else loc, unc=unc, pub=pub,
                  kind=kind, words=words, weak=weak)
        out.append(c)
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(random_claim, min_size=1, max_size=40), st.sets(st.integers(0, 39)))
def test_grouping_matches_brute_force_rules(rows, split_rows):
    claims = _claims_of(rows)
    splits = {c.claim_id for k, c in enumerate(claims) if k in split_rows}
    incidents = group_claims(claims, splits=splits)
    assert [(i.incident_id, [c.claim_id for c in i.claims]) for i in incidents] == \
        reference_grouping(claims, splits)
    assert [i.needs_review for i in incidents] == reference_review(incidents)


@settings(max_examples=300, deadline=None)
@given(st.lists(random_claim, min_size=1, max_size=12), st.sets(st.integers(1, 11)),
       st.lists(st.integers(-40, -8), max_size=12))
def test_group_representative_kept_up_to_date(rows, cuts, backwards):
    """A group grown piece by piece (as merges do) has the representative of one built
    from all its claims at once: the most precise site (the first of equals), and the
    intersection of the widened date ranges, or the shortest range when they do not all
    meet (which needs ranges given backwards, end before start)."""
    from geo.incidents.grouping import ClaimTable, joined, rep_of, row_of

    claims = _claims_of(rows)
    for k, days in enumerate(backwards[:len(claims)]):  # some ranges end before they start
        if claims[k].date_start is not None:
            claims[k].date_end = claims[k].date_start + timedelta(days=days)
    table = ClaimTable.from_rows(row_of(c, 0) for c in claims)

    def built(ks):
        rep = rep_of(table, ks[0])
        for k in ks[1:]:
            rep = joined(rep, rep_of(table, k))
        return rep

    bounds = [0, *sorted(c for c in cuts if c < len(claims)), len(claims)]
    pieces = [built(range(a, b)) for a, b in pairwise(bounds) if a < b]
    grown = pieces[0]
    for piece in pieces[1:]:
        grown = joined(grown, piece)
    site = _ref_site(claims)
    known = [r for r in map(_ref_widened, claims) if r is not None]
    lo = max((r[0] for r in known), default=None)
    hi = min((r[1] for r in known), default=None)
    whole = None if not known else (lo, hi) if lo <= hi else \
        min(known, key=lambda r: r[1] - r[0])
    as_days = None if whole is None else (whole[0].toordinal(), whole[1].toordinal())
    assert claims[grown.site] is site and grown.range == as_days
    assert grown.radius == (site.uncertainty_km or 0.0)
    if site.lat is None:  # no place: NaN in the columns
        assert math.isnan(grown.lat)
    else:
        assert (grown.lat, grown.lon) == (site.lat, site.lon)
    assert grown.coarse == all(c.coarse for c in claims)


@pytest.mark.parametrize("incidents", [[], None], ids=["none", "seeds"])
def test_files_written_one_incident_at_a_time_read_as_one_dump(incidents, seed_incidents,
                                                               tmp_path):
    """Writers take an iterator and never hold the whole file: the GeoJSON and JSON are
    byte for byte what one `json.dumps(..., indent=1)` of everything gives."""
    from geo.output.exports import write

    incidents = seed_incidents if incidents is None else incidents
    whole = {
        "geojson": json.dumps(to_geojson(incidents), ensure_ascii=False, indent=1),
        "json": json.dumps([i.model_dump(mode="json") for i in incidents],
                           ensure_ascii=False, indent=1),
        "csv": to_csv(incidents), "kml": to_kml(incidents),
    }
    for fmt, text in whole.items():
        out = tmp_path / f"out.{fmt}"
        write(iter(incidents), out, fmt)
        assert out.read_bytes().decode("utf-8") == text  # CSV keeps its \r\n
        assert write(iter(incidents), None, fmt) == text


def test_words_the_whole_run_shares_tell_no_two_events_apart():
    # a stream of reports on one war: every undated report says "countryside" and
    # "regime"; only the two that also share "amstor" and "cafe" are one event
    stream = [claim(f"c{k:02d}", f"d{k:02d}", 36.20, 37.16, None, None, typ="shelling",
                    words=("countryside", "regime")) for k in range(12)]
    stream += [claim("x1", "x1", 36.20, 37.16, None, None, typ="shelling",
                     words=("countryside", "amstor", "cafe")),
               claim("x2", "x2", 36.20, 37.16, None, None, typ="shelling",
                     words=("regime", "amstor", "cafe"))]
    groups = sorted(sorted(c.claim_id for c in i.claims) for i in group_claims(stream))
    assert ["x1", "x2"] in groups and len(groups) == 13


def test_a_run_keeps_a_village_told_only_by_its_country_where_another_report_places_it(
        gaz, tmp_path):
    (tmp_path / "placed.txt").write_text(
        "Missile strike on a cafe kills 40\n\nA Russian missile struck a cafe in the village "
        "of Zorianivka, near Kupiansk, on Thursday 5 October 2023, killing 40 people.\n")
    (tmp_path / "by_country.txt").write_text(
        "Missile hits village wake\n\nA missile struck a cafe on Thursday 5 October 2023, "
        "and almost every household in Zorianivka in eastern Ukraine lost someone.\n")
    [inc] = build_incidents([tmp_path], gaz, corrections_path=None)
    assert {s.id for s in inc.sources} == {"placed", "by_country"}
    (tmp_path / "placed.txt").unlink()
    assert build_incidents([tmp_path], gaz, corrections_path=None) == []


def test_an_undated_copy_joins_the_group_it_agrees_with_though_another_report_came_first():
    day = D(2022, 6, 27)
    dated = claim("a", "d1", 49.07, 33.42, day, day, typ="airstrike", words=("mall", "kyrylo"),
                  pub="2022-06-27")
    # an undated report agreeing only with the third report, which joins the dated one
    undated = claim("b", "d2", 49.07, 33.42, None, None, typ="airstrike",
                    words=("mall", "amstor"), pub="9999")
    third = claim("c", "d3", 49.07, 33.42, None, None, typ="airstrike",
                  words=("mall", "kyrylo", "amstor"), pub="9999")
    [inc] = group_claims([dated, undated, third])
    assert {c.claim_id for c in inc.claims} == {"a", "b", "c"}
    assert inc.date_start == day


def _incidents_of(gaz, tmp_path, *reports: str):
    """The incidents of a folder holding each of `reports` as a text file."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for k, text in enumerate(reports):
        (folder / f"{k}.txt").write_text(text + "\n", encoding="utf-8")
    return build_incidents([folder], gaz, corrections_path=None)


def test_two_reports_place_a_village_alike_and_are_one_incident(gaz, tmp_path):
    # One report places the village by its state, then 40 km west of the town; the other
    # only "west of" the town: both name the village, which is the site of one strike.
    [inc] = _incidents_of(gaz, tmp_path, (
        "A drone struck a wedding party in the village of Um Batikha in Sudan's North "
        "Kordofan state on 13 September 2024, killing at least 17 people. Um Batikha lies "
        "about 40 km west of El Obeid, the state capital."), (
        "Seventeen civilians were killed when a drone struck a wedding in Um Batikha, west "
        "of El Obeid, on 13 September 2024, activists said."))
    assert inc.site_name == "Um Batikha" and len(inc.sources) == 2
    assert 20 < haversine_km(inc.lat, inc.lon, 13.18, 30.22) < 60  # west of El Obeid


def test_a_town_its_small_governorate_shares_a_name_with_is_the_site(gaz, tmp_path):
    # "Deir el-Balah" reads as its governorate (the name GeoNames gives it), a few km
    # wide: as specific as the town, and no reason to prefer Gaza, named in a label
    # ("Gaza: ...") or beside the source ("the Gaza civil defence")
    [inc] = _incidents_of(gaz, tmp_path, (
        "Gaza: 25 killed in strike on school in Deir el-Balah\nAt least 25 people were "
        "killed on 14 August 2024 when warplanes bombed a school sheltering families in "
        "Deir el-Balah, the Gaza civil defence said."))
    assert haversine_km(inc.lat, inc.lon, 31.42, 34.35) < 5


def test_incidents_one_article_dates_apart_stay_apart_though_near():
    # (written for this test) a roundup tells shelling in one town on the 19th and in
    # the next town on the 24th; a wire of the 20th joins the first, never both
    first = claim("a", "d1", 31.50, 34.46, D(2014, 7, 19), D(2014, 7, 20), typ="shelling")
    second = claim("b", "d1", 31.53, 34.53, D(2014, 7, 24), D(2014, 7, 24), typ="shelling")
    wire = claim("c", "d0", 31.50, 34.46, D(2014, 7, 20), D(2014, 7, 20), typ="shelling",
                 pub="2014-07-20")
    incs = group_claims([wire, first, second])
    assert sorted(sorted(c.claim_id for c in i.claims) for i in incs) == [["a", "c"], ["b"]]


def test_an_article_that_tells_two_strikes_of_its_own_dates_at_two_places_keeps_them_two():
    # (written for this test) missiles on the city's market on the 21st; "earlier this
    # month" planes bombed a village 10 km away: one kind, each dated by its own words
    market = claim("a", "d1", 43.312, 45.689, D(1999, 10, 21), D(1999, 10, 21),
                   typ="airstrike")
    village = claim("b", "d1", 43.248, 45.776, D(1999, 10, 1), D(1999, 10, 21),
                    typ="airstrike", prec="month")
    assert len(group_claims([market, village])) == 2
    # ... while two reports of them may still be one incident each way
    wire = claim("c", "d2", 43.248, 45.776, D(1999, 10, 21), D(1999, 10, 21),
                 typ="airstrike")
    assert len(group_claims([market, wire])) == 1


def test_an_article_that_tells_two_kinds_at_two_places_keeps_them_two():
    # (written for this test) one article: gunmen kill twelve in one town, hostages freed
    # from a house in a town 6 km away; read apart by the extraction, they stay apart
    # (a killing joins any kind across reports, not within the article that told both)
    killing = claim("a", "d1", 18.54, -72.34, D(2023, 4, 22), D(2023, 4, 23),
                    typ="execution_massacre", weak=True)
    held = claim("b", "d1", 18.54, -72.285, D(2023, 4, 18), D(2023, 4, 25),
                 typ="detention_torture", kind="report")
    assert len({i.incident_id for i in group_claims([killing, held])}) == 2
    # ... while the same two told by two reports may be one incident
    other = claim("c", "d2", 18.54, -72.285, D(2023, 4, 18), D(2023, 4, 25),
                  typ="detention_torture", kind="report")
    assert len(group_claims([killing, other])) == 1


def test_a_grave_found_and_exhumed_weeks_later_is_one_incident_over_both():
    # (written for this test) one report tells the finding, a later one the digging, five
    # weeks on: one grave, dated from the finding to the digging (each report is right
    # about its own days); a grave found weeks after another's finding is another grave
    found = claim("a", "d1", 33.36, 36.24, D(2025, 1, 11), D(2025, 1, 11), kind="discovery")
    dug = claim("b", "d2", 33.36, 36.24, D(2025, 2, 17), D(2025, 2, 19), prec="days",
                kind="exhumation", pub="2025-02-19")
    [inc] = group_claims([found, dug])
    assert (inc.date_start, inc.date_end) == (D(2025, 1, 11), D(2025, 2, 19))
    other = claim("c", "d3", 33.36, 36.24, D(2025, 2, 17), D(2025, 2, 17), kind="discovery",
                  pub="2025-02-18")
    assert len(group_claims([found, other])) == 2


def test_an_undated_report_does_not_keep_two_reports_of_its_day_apart():
    # (written for this test) an undated report read first agrees with the 19 July
    # report (two rare words) but not with the 18 July one (one word); the two dated
    # reports agree: all three are one incident, whatever order they came in
    undated = claim("u", "d1", 12.87, 6.49, None, None, typ="execution_massacre",
                    pub="2021-07-01", words=("zurmi", "namoda"))
    first = claim("a", "d2", 12.87, 6.49, D(2021, 7, 18), D(2021, 7, 18),
                  typ="execution_massacre", pub="2021-07-19", words=("zurmi", "gusau"))
    second = claim("b", "d3", 12.87, 6.49, D(2021, 7, 19), D(2021, 7, 19),
                   typ="execution_massacre", pub="2021-07-20", words=("zurmi", "namoda"))
    incidents = group_claims([undated, first, second])
    assert len(incidents) == 1 and len(incidents[0].claims) == 3
    assert reference_grouping([undated, first, second]) == [
        (i.incident_id, [c.claim_id for c in i.claims]) for i in incidents]
