"""Score predicted toponyms against gold ones, with the metrics of the literature.

Definitions follow `shared/eval/README.md` so figures compare with published ones:
- recognition precision/recall/F1 under three matching rules: `exact` (same start and
  end), `overlap` (at least one shared character) and `eupeg` (span centres less than
  10 characters apart and the same surface text ignoring case, after dropping gold and
  predicted toponyms without coordinates).  Each gold span is matched at most once, in
  text order, to the first unmatched prediction that satisfies the rule.
- resolution on the pairs matched under the EUPEG rule where both sides have
  coordinates: accuracy@161 km, mean and median error, AUC (area under the sorted curve
  of ln(1 + error) / ln(20039), trapezoidal, divided by n - 1; 0 is perfect), and the
  share of pairs with a gold GeoNames id whose predicted id is identical.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from pydantic import BaseModel

from geo.distance import haversine_km

Span = dict[str, Any]  # needs start, end; optionally text/name, lat, lon, geonameid
RULES = ("exact", "overlap", "eupeg")
MAX_KM = 20039.0  # half the Earth's circumference: the largest possible error


class PRF(BaseModel):
    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float


class Resolution(BaseModel):
    pairs: int
    accuracy_161km: float | None
    mean_error_km: float | None
    median_error_km: float | None
    auc: float | None
    geonameid_pairs: int
    geonameid_match: float | None


class Metrics(BaseModel):
    docs: int
    gold_toponyms: int
    predicted_toponyms: int
    recognition: dict[str, PRF]
    resolution: Resolution
    docs_per_second: float | None = None


def _surface(span: Span, text: str | None) -> str:
    if text is not None:
        return text[span["start"]:span["end"]]
    return span.get("text") or span.get("name") or ""


def _has_coords(span: Span) -> bool:
    return span.get("lat") is not None and span.get("lon") is not None


def _rule(name: str, text: str | None) -> Callable[[Span, Span], bool]:
    if name == "exact":
        return lambda g, p: g["start"] == p["start"] and g["end"] == p["end"]
    if name == "overlap":
        return lambda g, p: g["start"] < p["end"] and p["start"] < g["end"]
    if name == "eupeg":
        def eupeg(g: Span, p: Span) -> bool:
            gc, pc = (g["start"] + g["end"]) / 2, (p["start"] + p["end"]) / 2
            return abs(gc - pc) < 10 and (
                _surface(g, text).casefold() == _surface(p, text).casefold()
            )
        return eupeg
    raise ValueError(f"unknown matching rule {name!r}; use one of {', '.join(RULES)}")


def match_spans(gold: Sequence[Span], pred: Sequence[Span], rule: str,
                text: str | None = None) -> list[tuple[Span, Span]]:
    """Pairs (gold, predicted): each gold matched at most once, in text order."""
    if rule == "eupeg":
        gold = [g for g in gold if _has_coords(g)]
        pred = [p for p in pred if _has_coords(p)]
    ok = _rule(rule, text)
    gold = sorted(gold, key=lambda s: (s["start"], s["end"]))
    pred = sorted(pred, key=lambda s: (s["start"], s["end"]))
    used = [False] * len(pred)
    pairs = []
    for g in gold:
        for i, p in enumerate(pred):
            if not used[i] and ok(g, p):
                used[i] = True
                pairs.append((g, p))
                break
    return pairs


def prf(tp: int, n_pred: int, n_gold: int) -> PRF:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return PRF(tp=tp, fp=n_pred - tp, fn=n_gold - tp, precision=round(p, 4),
               recall=round(r, 4), f1=round(f, 4))


def auc(errors_km: Iterable[float]) -> float | None:
    """Area under the sorted log-error curve, normalised to 0 (perfect) .. 1."""
    ys = sorted(math.log(1 + max(0.0, e)) / math.log(MAX_KM) for e in errors_km)
    if len(ys) < 2:
        return None if not ys else round(ys[0], 4)
    area = sum((a + b) / 2 for a, b in zip(ys, ys[1:], strict=False))
    return round(area / (len(ys) - 1), 4)


def resolution(pairs: Iterable[tuple[Span, Span]]) -> Resolution:
    errors: list[float] = []
    id_pairs = id_hits = 0
    for g, p in pairs:
        if not (_has_coords(g) and _has_coords(p)):
            continue
        errors.append(haversine_km(g["lat"], g["lon"], p["lat"], p["lon"]))
        if g.get("geonameid"):
            id_pairs += 1
            id_hits += str(g["geonameid"]) == str(p.get("geonameid"))
    n = len(errors)
    return Resolution(
        pairs=n,
        accuracy_161km=round(sum(e < 161 for e in errors) / n, 4) if n else None,
        mean_error_km=round(statistics.fmean(errors), 1) if n else None,
        median_error_km=round(statistics.median(errors), 1) if n else None,
        auc=auc(errors),
        geonameid_pairs=id_pairs,
        geonameid_match=round(id_hits / id_pairs, 4) if id_pairs else None,
    )


def score(docs: Iterable[tuple[str | None, Sequence[Span], Sequence[Span]]]) -> Metrics:
    """Metrics over (text, gold spans, predicted spans) per document."""
    counts = {r: [0, 0, 0] for r in RULES}  # tp, n_pred, n_gold
    res_pairs: list[tuple[Span, Span]] = []
    n_docs = n_gold = n_pred = 0
    for text, gold, pred in docs:
        n_docs += 1
        n_gold += len(gold)
        n_pred += len(pred)
        for r in RULES:
            pairs = match_spans(gold, pred, r, text)
            c = counts[r]
            c[0] += len(pairs)
            if r == "eupeg":
                c[1] += sum(map(_has_coords, pred))
                c[2] += sum(map(_has_coords, gold))
                res_pairs.extend(pairs)
            else:
                c[1] += len(pred)
                c[2] += len(gold)
    return Metrics(
        docs=n_docs, gold_toponyms=n_gold, predicted_toponyms=n_pred,
        recognition={r: prf(*counts[r]) for r in RULES},
        resolution=resolution(res_pairs),
    )
