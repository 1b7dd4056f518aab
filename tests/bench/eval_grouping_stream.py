"""Grouping on a stream of real reports about one war: how often it joins different events.

UCDP's Syria file (CC BY 4.0) gives, for each coded event, the headline of its source,
its date and its hand-coded point.  Fed to `geo incidents` as one document per event
(the headline, published on the event's last day), the stream is what a monitor reads:
hundreds of short reports a month on the same few towns.  Two events UCDP coded apart
should stay apart; this prints how many incidents join headlines whose UCDP events lie
more than 50 km or more than 7 days apart (identical headlines, which UCDP reuses for
several events of one report, are left out: they are one text).  A hunting ground for
over-merging, not a score: UCDP sometimes codes one reported event as several.

    .venv/bin/python tests/bench/eval_grouping_stream.py [--limit 3000]

Needs the `rdata` package and ../shared/ucdp-ged/ (see eval_ucdp.py).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "bench"))

from eval_ucdp import UCDP, _day, _text, frames  # noqa: E402

from geo.distance import haversine_km  # noqa: E402
from geo.gazetteer import Gazetteer  # noqa: E402
from geo.run.pipeline import build_incidents  # noqa: E402

FAR_KM = 50.0
FAR_DAYS = 7


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=3000, help="events read, in file order")
    ap.add_argument("--show", type=int, default=5, help="joined incidents to print")
    args = ap.parse_args()
    if not UCDP.exists():
        sys.exit(f"no {UCDP}: nothing to evaluate")
    events: dict[str, tuple[float, float, date, date, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "stream.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for name, df in frames():
                if not name.startswith("ucdp_syria"):
                    continue
                for _, r in df.head(args.limit).iterrows():
                    headline, start, end = (_text(r.get("source_headline")),
                                            _day(r.get("date_start")), _day(r.get("date_end")))
                    if not headline or start is None or end is None:
                        continue
                    key = f"ucdp-{int(r['id'])}"
                    events[key] = (float(r["latitude"]), float(r["longitude"]), start, end,
                                   headline)
                    fh.write(json.dumps({"id": key, "text": headline,
                                         "published": end.isoformat()}) + "\n")
        gaz = Gazetteer(os.environ.get("GEO_GAZETTEER") or ROOT / "gazetteer" / "geonames.sqlite")
        incidents = build_incidents([path], gaz)
    joined = apart = 0
    shown = 0
    for inc in incidents:
        ids = [s.id for s in inc.sources]
        if len(ids) < 2:
            continue
        joined += 1
        ev = [events[i] for i in ids]
        km = max(haversine_km(a[0], a[1], b[0], b[1]) for a in ev for b in ev)
        days = max(abs((a[2] - b[3]).days) for a in ev for b in ev)
        if (km > FAR_KM or days > FAR_DAYS) and len({e[4] for e in ev}) > 1:
            apart += 1
            if shown < args.show:
                shown += 1
                print(f"    {len(ids)} reports, {km:.0f} km, {days} days apart: "
                      + " | ".join(e[4][:60] for e in ev[:3]))
    print(f"{len(events)} headlines -> {len(incidents)} incidents; {joined} join several "
          f"headlines, {apart} of them headlines whose events UCDP coded more than "
          f"{FAR_KM:.0f} km or {FAR_DAYS} days apart")


if __name__ == "__main__":
    main()
