"""Places on conflict reporting: how often the geoparser finds the incident's place, and
how often it puts a place on another continent.  Prints figures; asserts nothing.

    .venv/bin/python tests/bench/measure_places.py

- incidents-dev (`../shared/eval/incidents-dev/`, 81 real reports with gold incident
  sites): the share of gold incidents with a resolved place (finer than a country)
  within the incident's tolerance (at least 10 km) of the gold point, and the share of
  resolved places finer than a country that lie more than 1,000 km from every gold
  incident site of their article (datelines and capitals named in passing count too,
  so this is an upper bound on wrong-continent places).
- UCDP GED (`../shared/ucdp-ged/`, read with the `rdata` package when installed): short
  texts (the world sample's headline and location description; the Syria set's
  headlines).  For each text, its most specific resolved place (first in the text
  among equals) stands for the incident; the share of texts whose point lies more than
  1,000 km from the coded point.  Headlines often name no place or several events, so
  this is a hunting ground, not a score.
- `--long MB`: one generated article of that size (`bench_large_article.py`'s, every
  sentence an incident in a town), geoparsed whole; prints the time, and the part of it
  spent in the context veto (`_veto_isolated`), which once grew with mentions times
  anchors.  Only this is run when given.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

from geo.distance import haversine_km
from geo.gazetteer.lookup import Gazetteer
from geo.places.parse import parse_text

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
RANK = {"exact": 0, "site": 1, "settlement": 2, "near-settlement": 2, "admin2": 3,
        "admin1": 4, "country": 5}


def incidents_dev(gaz: Gazetteer) -> None:
    folder = SHARED / "eval" / "incidents-dev"
    if not (folder / "gold.jsonl").exists():
        print("incidents-dev: not found, skipped")
        return
    gold = {}
    for line in (folder / "gold.jsonl").open(encoding="utf-8"):
        g = json.loads(line)
        gold[g["id"]] = g["incidents"]
    n_inc = found = n_places = far = 0
    for line in (folder / "articles.jsonl").open(encoding="utf-8"):
        a = json.loads(line)
        incs = gold.get(a["id"]) or []
        if not incs:
            continue
        text = (a["title"] + "\n" if a.get("title") else "") + a["text"]
        tops = [t for t in parse_text(text, gaz) if t.lat is not None
                and t.kind in ("place", "embedded") and t.precision != "country"]
        for inc in incs:
            n_inc += 1
            tol = max(inc.get("tol_km") or 0, 10)
            found += any(haversine_km(t.lat, t.lon, inc["lat"], inc["lon"]) <= tol
                         for t in tops)
        for t in tops:
            n_places += 1
            far += min(haversine_km(t.lat, t.lon, i["lat"], i["lon"]) for i in incs) > 1000
    print(f"incidents-dev: {n_inc} gold incidents, place found for {found / n_inc:.3f}; "
          f"{n_places} resolved places finer than a country, {far} ({far / n_places:.3f}) "
          f"more than 1,000 km from every gold site of their article")


def _short_texts(gaz: Gazetteer, name: str, texts) -> Counter:
    n = far = none = 0
    names: Counter = Counter()
    for text, lat, lon in texts:
        if not isinstance(text, str) or not text.strip() or lat != lat:
            continue
        n += 1
        tops = [t for t in parse_text(text, gaz) if t.lat is not None
                and t.kind in ("place", "embedded", "demonym")]
        if not tops:
            none += 1
            continue
        best = min(tops, key=lambda t: (RANK.get(t.precision or "country", 9), t.start))
        far += haversine_km(best.lat, best.lon, lat, lon) > 1000
        for t in tops:
            if t.precision != "country" and haversine_km(t.lat, t.lon, lat, lon) > 1000:
                names[(t.text, t.name, t.country_code)] += 1
    print(f"{name}: {n} texts, {none} with no place; incident point more than 1,000 km "
          f"away for {far} ({far / n:.3f} of all, {far / max(1, n - none):.3f} of those "
          f"placed)")
    return names


def ucdp(gaz: Gazetteer) -> None:
    folder = SHARED / "ucdp-ged"
    try:
        import rdata
    except ModuleNotFoundError:
        print("ucdp-ged: the rdata package is not installed, skipped")
        return
    if not (folder / "ucdpged.rda").exists():
        print("ucdp-ged: not found, skipped")
        return
    warnings.filterwarnings("ignore")
    world = rdata.read_rda(str(folder / "ucdpged.rda"))["ucdpged"]
    texts = []
    for _, r in world.iterrows():
        parts = [x for x in (r["source_headline"], r["where_description"])
                 if isinstance(x, str)]
        texts.append((". ".join(parts), r["latitude"], r["longitude"]))
    names = _short_texts(gaz, "UCDP world sample (headline + location)", texts)
    syria = rdata.read_rda(str(folder / "ucdp_syria_df.rda"))["ucdp_syria_df"]
    names += _short_texts(gaz, "UCDP Syria headlines", [
        (r["source_headline"], r["latitude"], r["longitude"]) for _, r in syria.iterrows()])
    print("most frequent far places:", ", ".join(
        f"{t} -> {n} {cc} ({k})" for (t, n, cc), k in names.most_common(12)))


def long_article(gaz: Gazetteer, mb: float) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_large_article import article

    from geo.places import resolve

    veto = resolve._veto_isolated
    spent = [0.0]

    def timed(*args, **kwargs):
        t = time.perf_counter()
        try:
            return veto(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - t

    text = article(int(mb * 1_000_000))
    resolve._veto_isolated = timed
    try:
        t0 = time.perf_counter()
        tops = parse_text(text, gaz)
        total = time.perf_counter() - t0
    finally:
        resolve._veto_isolated = veto
    print(f"long article: {len(text):,} characters, {len(tops):,} mentions, "
          f"{total:.1f} s to geoparse, {spent[0]:.2f} s of it in the context veto")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--long", type=float, metavar="MB", help="time one article of MB MB")
    args = ap.parse_args()
    with Gazetteer(local_tsv=False) as gaz:
        if args.long:
            long_article(gaz, args.long)
            return
        incidents_dev(gaz)
        ucdp(gaz)


if __name__ == "__main__":
    main()
