"""The scorer, on cases small enough to compute by hand."""

import math

import pytest

from geo.places.evaluate import auc, match_spans, prf, resolution, score

TEXT = "Paris and Texas and Paris again"
#       0    5    10   15   20   25


def span(s, e, lat=None, lon=None, gid=None):
    return {"start": s, "end": e, "lat": lat, "lon": lon, "geonameid": gid}


def test_exact_overlap_and_eupeg_rules():
    gold = [span(0, 5, 48.85, 2.35, "1"), span(10, 15, 31.0, -100.0, "2")]
    pred = [span(0, 5, 48.85, 2.35, "1"), span(11, 15, 31.0, -100.0, "2"), span(20, 25, 1, 1)]
    assert len(match_spans(gold, pred, "exact", TEXT)) == 1
    assert len(match_spans(gold, pred, "overlap", TEXT)) == 2
    # EUPEG: centres 12.5 vs 13.0 are close, but "exas" != "Texas"
    assert len(match_spans(gold, pred, "eupeg", TEXT)) == 1


def test_each_gold_matched_once_in_text_order():
    gold = [span(0, 5), span(0, 5)]
    pred = [span(0, 5)]
    assert len(match_spans(gold, pred, "exact", TEXT)) == 1


def test_eupeg_drops_toponyms_without_coordinates():
    gold = [span(0, 5, None, None), span(20, 25, 48.85, 2.35)]
    pred = [span(0, 5, 48.85, 2.35), span(20, 25, None, None)]
    assert match_spans(gold, pred, "eupeg", TEXT) == []
    m = score([(TEXT, gold, pred)])
    assert m.recognition["eupeg"].tp == 0
    assert m.recognition["eupeg"].fp == 1 and m.recognition["eupeg"].fn == 1
    assert m.recognition["exact"].tp == 2


def test_prf_by_hand():
    r = prf(tp=3, n_pred=4, n_gold=6)
    assert (r.precision, r.recall, r.fp, r.fn) == (0.75, 0.5, 1, 3)
    assert r.f1 == pytest.approx(0.6)
    assert prf(0, 0, 0).f1 == 0.0


def test_auc_by_hand():
    # errors 0 and 20039 km: ys = 0 and 1; one trapezoid of area 0.5, divided by n-1 = 1
    assert auc([0.0, 20039.0]) == 0.5
    # three errors: ys sorted a<=b<=c; area = (a+b)/2 + (b+c)/2, divided by 2
    es = [10.0, 100.0, 1000.0]
    ys = [math.log(1 + e) / math.log(20039) for e in es]
    assert auc(es) == pytest.approx(((ys[0] + ys[1]) / 2 + (ys[1] + ys[2]) / 2) / 2, abs=1e-4)
    assert auc([0.0, 0.0, 0.0]) == 0.0


def test_resolution_by_hand():
    g1, p1 = span(0, 5, 0.0, 0.0, "1"), span(0, 5, 0.0, 1.0, "1")  # 111.19 km
    g2, p2 = span(6, 9, 0.0, 0.0, "2"), span(6, 9, 0.0, 2.0, "3")  # 222.39 km
    r = resolution([(g1, p1), (g2, p2)])
    assert r.pairs == 2 and r.accuracy_161km == 0.5
    assert r.mean_error_km == pytest.approx(166.8, abs=0.1)
    assert r.median_error_km == pytest.approx(166.8, abs=0.1)
    assert r.geonameid_match == 0.5


def test_unknown_rule_is_refused():
    with pytest.raises(ValueError):
        match_spans([], [], "fuzzy")
