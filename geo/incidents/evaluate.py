"""Incident-level evaluation: output incidents against hand-annotated gold, per article.

The definitions are those of the reference scorer that comes with the annotated reports
(`shared/eval/score_incidents.py`, whose docstring is the specification), so a figure
printed here is the figure a reviewer computes with that script on the same output:

- an output incident *cites* an article when one of its sources has the article's id (or,
  failing that, its exact title); a gold incident G of article A and an output O *match*
  when O cites A, O's point lies within G's tolerance (haversine) and O's type is G's or
  one of G's alternatives;
- recall: gold incidents matched by some output (all, major, minor; and with the dates
  overlapping, partial dates widened to the whole month or year);
- precision: outputs matching a major gold incident of an article they cite (minor-only
  matches apart); one-to-one precision, the headline, lets each gold incident of an
  article be claimed by one output only, nearest first, with dates agreeing;
- site, type, date and count accuracy over the matched or nearby gold incidents; count
  category; pairwise grouping of articles that share a gold key against those one output
  incident cites together.

`score(features, gold_rows, titles)` takes plain data (GeoJSON features, gold records) so a
researcher can score any tool's output; `geo eval incidents` runs the pipeline first when
given articles.
"""

from __future__ import annotations

import calendar
import contextlib
import itertools
import json
import math
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from geo.distance import haversine_km

__all__ = ["IncidentScore", "load_gold", "load_titles", "score"]

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100,
}
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"


def span_of(start: str | None, end: str | None) -> tuple[date, date] | None:
    """The first and last day a (possibly partial: `2022`, `2022-09`) range covers."""
    if not start and not end:
        return None

    def parts(s: str) -> list[int]:
        return [int(x) for x in s.split("-")]

    lo = parts(start or end)  # type: ignore[arg-type]
    hi = parts(end or start)  # type: ignore[arg-type]
    first = date(lo[0], lo[1] if len(lo) > 1 else 1, lo[2] if len(lo) > 2 else 1)
    month = hi[1] if len(hi) > 1 else 12
    last = date(hi[0], month, hi[2] if len(hi) > 2 else calendar.monthrange(hi[0], month)[1])
    return first, last


def numbers_in(phrase: str | None) -> set[int]:
    """The figures a count phrase states, in digits or words ("at least 44", "forty-one")."""
    if not phrase:
        return set()
    found: set[int] = set()
    for m in re.finditer(r"\d[\d,.]*", phrase):
        digits = m.group().rstrip(".,").replace(",", "")
        with contextlib.suppress(ValueError):  # "1.2.3": not a figure
            found.add(int(float(digits)))
    low = phrase.lower()
    found |= {n for w, n in _WORD_NUMBERS.items() if re.search(rf"\b{w}\b", low)}
    m = re.search(rf"\b({_TENS})[- ]({_UNITS})\b", low)
    if m:
        found.add(_WORD_NUMBERS[m.group(1)] + _WORD_NUMBERS[m.group(2)])
    return found


@dataclass
class _Out:
    """One output incident as scoring reads it."""

    n: int
    id: str
    type: str | None
    lat: float | None
    lon: float | None
    site: str | None
    precision: str | None
    dates: tuple[date, date] | None
    low: int | None
    best: int | None
    high: int | None
    category: str | None
    cited: dict[str, dict] = field(default_factory=dict)  # article id -> its source


@dataclass
class IncidentScore:
    """The figures, their counters, and a line per article for reading the errors."""

    summary: dict
    lines: list[str]

    def text(self) -> str:
        """The summary as `geo eval incidents` prints it."""
        s, c = self.summary, self.summary["counters"]

        def pct(a: int, b: int) -> str:
            return f"{a}/{b} = {100.0 * a / b:.1f}%" if b else f"{a}/0 = n/a"

        g = s["grouping"]
        out = [
            f"articles {s['articles']}, gold incidents {s['gold']} ({s['gold_major']} major, "
            f"{s['gold_minor']} minor); output incidents {s['outputs']}",
            f"  precision one-to-one  {pct(c['p_unique_dated'], c['p_out'])} "
            "(site + type + dates; one output per gold incident of an article)",
            "  recall +date (all)    "
            f"{pct(c['founddated_major'] + c['founddated_minor'], s['gold'])}"
            f"; major {pct(c['founddated_major'], c['gold_major'])}",
            f"  recall (site + type)  {pct(c['found_major'] + c['found_minor'], s['gold'])}; "
            f"major {pct(c['found_major'], c['gold_major'])}",
            f"  precision (incidents) {pct(c['p_correct'], c['p_out'])} match major gold; "
            f"+{c['p_minor_only']} only minor; wrong {c['p_wrong']} "
            f"(+{c['p_wrong_nopoint']} with no point)",
            f"  site accuracy         {pct(c['site_ok'], c['site_den'])} within tolerance"
            + (f"; median error {s['site_median_km']:.1f} km"
               if s.get("site_median_km") is not None else ""),
            f"  type accuracy         strict {pct(c['type_strict'], c['type_den'])}; "
            f"lenient {pct(c['type_lenient'], c['type_den'])}",
            f"  date overlap          stated {pct(c['date_ok_stated'], c['date_den_stated'])}; "
            f"not stated {pct(c['date_ok_unstated'], c['date_den_unstated'])}",
            f"  count                 strict {pct(c['count_inc_strict'], c['count_den'])}; "
            f"lenient {pct(c['count_inc_lenient'], c['count_den'])}; source phrase "
            f"{pct(c['count_src_strict'], c['count_den'])}",
            f"  count category        {pct(c['cat_ok'], c['cat_den'])}",
        ]
        for label in ("all keys", "major keys"):
            x = g[label]
            out.append(f"  grouping ({label:10s}) P {_f(x['P'])} R {_f(x['R'])} F1 "
                       f"{_f(x['F1'])} (pairs: gold {x['gold_pairs']}, output "
                       f"{x['out_pairs']}, common {x['common']})")
        return "\n".join(out)


def _f(v: float) -> str:
    return "n/a" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:.3f}"


def load_gold(path: str | Path) -> list[dict]:
    """Gold records, one per article: `{"id", "incidents": [...]}`."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_titles(path: str | Path | None) -> dict[str, str]:
    """Article title -> id, the first of repeated titles winning (the scorer's fallback
    when a source's id is not a gold id)."""
    titles: dict[str, str] = {}
    if path is None or not Path(path).exists():
        return titles
    for row in load_gold(path):
        if row.get("title"):
            titles.setdefault(row["title"].strip(), row["id"])
    return titles


def _outputs(features: list[dict], gold: dict[str, list], titles: dict[str, str]
             ) -> list[_Out]:
    outs = []
    for k, feat in enumerate(features):
        p = feat.get("properties") or {}
        g = feat.get("geometry")
        lat = lon = None
        if g and g.get("type") == "Point":
            lon, lat = g["coordinates"][:2]
        o = _Out(n=k, id=p.get("incident_id") or feat.get("id") or f"#{k}",
                 type=p.get("event_type"), lat=lat, lon=lon, site=p.get("site_name"),
                 precision=p.get("loc_precision"),
                 dates=span_of(p.get("date_start"), p.get("date_end")),
                 low=p.get("count_low"), best=p.get("count_best"), high=p.get("count_high"),
                 category=p.get("count_category"))
        for src in p.get("sources") or []:
            sid = src.get("id")
            doc = sid if sid in gold else titles.get((src.get("title") or "").strip())
            if doc is not None:
                o.cited.setdefault(doc, src)
        outs.append(o)
    return outs


def score(features: list[dict], gold_rows: list[dict], titles: dict[str, str] | None = None
          ) -> IncidentScore:
    """Score output incidents (GeoJSON features) against gold records."""
    titles = titles or {}
    gold = {r["id"]: r["incidents"] for r in gold_rows}
    order = [r["id"] for r in gold_rows]
    outs = _outputs(features, gold, titles)
    by_doc: dict[str, list[_Out]] = defaultdict(list)
    for o in outs:
        for d in o.cited:
            by_doc[d].append(o)

    def dist(o: _Out, g: dict) -> float | None:
        return None if o.lat is None else haversine_km(o.lat, o.lon, g["lat"], g["lon"])

    def accepted(g: dict) -> set[str]:
        return {g["type"], *g.get("alt_types", [])}

    def matches(o: _Out, g: dict) -> bool:
        d = dist(o, g)
        return d is not None and d <= g["tol_km"] and o.type in accepted(g)

    def overlaps(o: _Out, g: dict, slack: timedelta = timedelta(0)) -> bool:
        gr = span_of(g["date_start"], g["date_end"])
        return bool(o.dates and gr and o.dates[0] - slack <= gr[1]
                    and gr[0] <= o.dates[1] + slack)

    R: Counter = Counter()
    errors: list[float] = []
    lines: list[str] = []
    for doc in order:
        for g in gold[doc]:
            tag = "minor" if g.get("minor") else "major"
            R["gold_" + tag] += 1
            cands = by_doc.get(doc, [])
            ok = [o for o in cands if matches(o, g)]
            typed = [o for o in cands if o.type in accepted(g) and o.lat is not None]
            near = [o for o in cands if (d := dist(o, g)) is not None and d <= g["tol_km"]]
            if typed:
                R["site_den"] += 1
                e = min(dist(o, g) for o in typed)  # type: ignore[type-var]
                errors.append(e)
                R["site_ok"] += e <= g["tol_km"]
            if near:
                R["type_den"] += 1
                R["type_strict"] += any(o.type == g["type"] for o in near)
                R["type_lenient"] += any(o.type in accepted(g) for o in near)
            if not ok:
                lines.append(f"[{doc}] MISS {tag} {g['key']} {g['type']} @ {g['site']}")
                continue
            R["found_" + tag] += 1
            dated = [o for o in ok if overlaps(o, g)]
            R["founddated_" + tag] += bool(dated)
            o = min(dated or ok, key=lambda x: dist(x, g))
            stated = "stated" if g.get("date_stated", True) else "unstated"
            R["date_den_" + stated] += 1
            R["date_ok_" + stated] += bool(dated)
            R["date_ok3"] += any(overlaps(x, g, timedelta(days=3)) for x in ok)
            R["date_none"] += o.dates is None
            if g.get("count") is not None:
                _count(R, o, g, doc)
    P: Counter = Counter()
    for o in outs:
        if not o.cited:
            continue
        P["out"] += 1
        major = minor = dated_any = False
        for doc in o.cited:
            P["pairs"] += 1
            gm = [g for g in gold.get(doc, []) if matches(o, g)]
            if any(overlaps(o, g) for g in gm):
                dated_any = True
                P["pairs_dated"] += 1
            if any(not g.get("minor") for g in gm):
                P["pairs_major"] += 1
                major = True
            elif gm:
                P["pairs_minor_only"] += 1
                minor = True
            else:
                lines.append(f"[{doc}] FP {o.id} {o.type} @ {o.site} ({o.precision})")
        P["correct_dated"] += dated_any
        if major:
            P["correct"] += 1
        elif minor:
            P["minor_only"] += 1
        elif o.lat is None:
            P["wrong_nopoint"] += 1
        else:
            P["wrong"] += 1
    P["unique_dated"] = _one_to_one(outs, gold, matches, overlaps, dist)
    return IncidentScore(_summary(order, gold, outs, R, P, errors), lines)


def _count(R: Counter, o: _Out, g: dict, doc: str) -> None:
    """Is the incident's figure the article's, and does the source's phrase state it?"""
    R["count_den"] += 1
    values = [g["count"], *g.get("alt_counts", [])]

    def fits(v: int) -> bool:
        if o.best is not None and v == o.best:
            return True
        if o.low is None:
            return False
        return o.low <= v <= (o.high if o.high is not None else o.low)

    stated = numbers_in(o.cited[doc].get("count_phrase"))
    R["count_inc_strict"] += fits(g["count"])
    R["count_inc_lenient"] += any(fits(v) for v in values)
    R["count_src_strict"] += g["count"] in stated
    R["count_src_lenient"] += bool(stated & set(values))
    if g.get("count_category") and o.category:
        R["cat_den"] += 1
        R["cat_ok"] += g["count_category"] == o.category


def _one_to_one(outs, gold, matches, overlaps, dist) -> int:
    """Outputs that claim a gold incident (site, type and dates agreeing) when each gold
    incident of an article may be claimed once, nearest output first."""
    triples = sorted((dist(o, g), k, doc, gi) for k, o in enumerate(outs) for doc in o.cited
                     for gi, g in enumerate(gold.get(doc, []))
                     if matches(o, g) and overlaps(o, g))
    gold_used, out_used, claimed = set(), set(), set()
    for _, k, doc, gi in triples:
        if (doc, gi) in gold_used or (k, doc) in out_used:
            continue
        gold_used.add((doc, gi))
        out_used.add((k, doc))
        claimed.add(k)
    return len(claimed)


def _pairs(order: list[str], gold: dict, major_only: bool) -> set[tuple[str, str]]:
    docs_of: dict[str, set[str]] = defaultdict(set)
    for doc in order:
        for g in gold[doc]:
            if not (major_only and g.get("minor")):
                docs_of[g["key"]].add(doc)
    return {tuple(sorted(p)) for docs in docs_of.values()
            for p in itertools.combinations(docs, 2)}


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else float("nan")
    r = tp / n_gold if n_gold else float("nan")
    f = 2 * p * r / (p + r) if p + r and not math.isnan(p) and not math.isnan(r) \
        else float("nan")
    return p, r, f


def _summary(order, gold, outs, R: Counter, P: Counter, errors: list[float]) -> dict:
    out_pairs = {tuple(sorted(p)) for o in outs for p in itertools.combinations(o.cited, 2)}
    grouping = {}
    for label, major in (("all keys", False), ("major keys", True)):
        gp = _pairs(order, gold, major)
        tp = len(gp & out_pairs)
        p, r, f = _prf(tp, len(out_pairs), len(gp))
        grouping[label] = {"common": tp, "out_pairs": len(out_pairs), "gold_pairs": len(gp),
                           "P": p, "R": r, "F1": f}
    n_gold = R["gold_major"] + R["gold_minor"]
    n_out = P["out"]

    def ratio(a: int, b: int) -> float | None:
        return a / b if b else None

    return {
        "articles": len(order), "gold": n_gold, "gold_major": R["gold_major"],
        "gold_minor": R["gold_minor"], "outputs": len(outs),
        "recall_all": ratio(R["found_major"] + R["found_minor"], n_gold),
        "recall_major": ratio(R["found_major"], R["gold_major"]),
        "recall_dated_all": ratio(R["founddated_major"] + R["founddated_minor"], n_gold),
        "precision_dated": ratio(P["correct_dated"], n_out),
        "precision_unique_dated": ratio(P["unique_dated"], n_out),
        "precision": ratio(P["correct"], n_out),
        "precision_lenient": ratio(P["correct"] + P["minor_only"], n_out),
        "counters": {**_zeros(R), **{"p_" + k: v for k, v in _zeros(P, prefix="p").items()}},
        "grouping": grouping,
        "site_median_km": statistics.median(errors) if errors else None,
    }


_R_KEYS = ("gold_major", "gold_minor", "site_den", "site_ok", "type_den", "type_strict",
           "type_lenient", "found_major", "found_minor", "founddated_major",
           "founddated_minor", "date_den_stated", "date_ok_stated", "date_den_unstated",
           "date_ok_unstated", "date_ok3", "date_none", "count_den", "count_inc_strict",
           "count_inc_lenient", "count_src_strict", "count_src_lenient", "cat_den", "cat_ok")
_P_KEYS = ("out", "pairs", "pairs_dated", "pairs_major", "pairs_minor_only", "correct_dated",
           "correct", "minor_only", "wrong_nopoint", "wrong", "unique_dated")


def _zeros(c: Counter, prefix: str = "") -> dict[str, int]:
    """Every counter, zeros included, so readers find each key in every report."""
    keys = _P_KEYS if prefix else _R_KEYS
    return {**{k: 0 for k in keys}, **{k: int(v) for k, v in c.items()}}
