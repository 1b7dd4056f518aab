"""Short real event texts: UCDP GED records (CC BY 4.0) through incident extraction.

UCDP codes each event's site, date and deaths by hand; its records carry the source
headline and, in the world sample, a `where_description` written by the coder.  Headlines
often name no place or several events, so this is a hunting ground rather than a score:
it prints how often a headline gives an incident, how far the incident's point lies from
the coded site (within 25 km, beyond 1,000 km: the wrong country or continent), and the
texts whose points land far away, to read.

    .venv/bin/python tests/bench/eval_ucdp.py [--limit N] [--show 20]

Needs the `rdata` package (`pip install rdata`) and ../shared/ucdp-ged/.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import os
import statistics
import sys
import time
import warnings
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from geo.distance import haversine_km  # noqa: E402
from geo.gazetteer import Gazetteer  # noqa: E402
from geo.incidents.claims import analysis_text, extract  # noqa: E402
from geo.incidents.taxonomy import load_taxonomy  # noqa: E402
from geo.places.parse import parse_text  # noqa: E402
from geo.read import Document  # noqa: E402

UCDP = ROOT.parent / "shared" / "ucdp-ged"


def frames():
    import rdata

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in ("ucdp_syria_df.rda", "ucdpged.rda"):
            data = rdata.read_rda(UCDP / name)
            yield name, next(iter(data.values()))


def _text(value) -> str | None:
    """A field as `geo` reads it: the HTML character references the headlines keep
    (`Al-Fu&#8217;ah`) decoded, as reading a scraped article decodes them."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    s = html.unescape(str(value)).strip()
    return s if s and s != "<NA>" else None


def _day(value) -> date | None:
    """An R Date (days since 1970) or POSIXct (seconds since 1970)."""
    try:
        n = float(value)
    except (TypeError, ValueError):
        return None
    if n != n:
        return None
    if abs(n) > 1e6:  # seconds
        n /= 86400
    return date(1970, 1, 1) + timedelta(days=int(n))


def evaluate(df, gaz, tax, *, limit: int, with_description: bool, show: int) -> dict:
    n = with_text = with_incident = 0
    errors: list[float] = []
    far: list[tuple[float, str, str]] = []
    seconds = 0.0
    for _, r in df.head(limit).iterrows():
        headline = _text(r.get("source_headline"))
        where = _text(r.get("where_description")) if with_description else None
        if not headline and not where:
            continue
        n += 1
        text = ". ".join(x.rstrip(".") for x in (headline, where) if x) + "."
        published = _day(r.get("date_end"))
        doc = Document(id=str(r.get("id")), text=text, source="ucdp",
                       published=published.isoformat() if published else None,
                       sha256=hashlib.sha256(text.encode()).hexdigest())
        t0 = time.perf_counter()
        body, title_end = analysis_text(doc)
        toponyms = parse_text(body, gaz)
        pub = (published, published, "day") if published else None
        found = extract(doc, toponyms, tax, published=pub, estimated=False, text=body,
                        title_end=title_end).claims
        seconds += time.perf_counter() - t0
        with_text += 1
        points = [c for c in found if c.lat is not None]
        if not points:
            continue
        with_incident += 1
        lat, lon = float(r["latitude"]), float(r["longitude"])
        err = min(haversine_km(c.lat, c.lon, lat, lon) for c in points)
        errors.append(err)
        if err > 1000:
            far.append((err, text[:140], ", ".join(c.site_name or "?" for c in points)))
    within = sum(e <= 25 for e in errors)
    wrong = sum(e > 1000 for e in errors)
    out = {"texts": with_text, "with_incident": with_incident,
           "within_25km": within, "beyond_1000km": wrong,
           "median_km": statistics.median(errors) if errors else None,
           "docs_per_s": with_text / seconds if seconds else None}
    for err, text, sites in sorted(far, reverse=True)[:show]:
        print(f"    {err:7.0f} km  {sites:30.30}  {text}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=3000, help="events per file")
    ap.add_argument("--show", type=int, default=10, help="far-off points to print")
    args = ap.parse_args()
    if not UCDP.exists():
        sys.exit(f"no {UCDP}: nothing to evaluate")
    gaz = Gazetteer(os.environ.get("GEO_GAZETTEER") or ROOT / "gazetteer" / "geonames.sqlite")
    tax = load_taxonomy()
    for name, df in frames():
        for described in ((False, True) if "where_description" in df.columns else (False,)):
            what = "headline + where_description" if described else "headline"
            print(f"{name} ({what}):")
            r = evaluate(df, gaz, tax, limit=args.limit, with_description=described,
                         show=args.show)
            pts = r["with_incident"] or 1
            print(f"  {r['texts']} texts, {r['with_incident']} with a mapped incident; of "
                  f"those {r['within_25km'] / pts:.1%} within 25 km of UCDP's site, "
                  f"{r['beyond_1000km'] / pts:.1%} beyond 1,000 km; median "
                  f"{r['median_km'] or 0:.1f} km; {r['docs_per_s'] or 0:.0f} texts/s")


if __name__ == "__main__":
    main()
