"""Map at scale: build time, file size and browser load time for 20,000 incidents.

Prints figures; asserts nothing. Targets: build_map <= 1 s, HTML <= 8 MB, load in
headless Chromium until the markers are drawn <= 2 s.

    .venv/bin/python tests/bench/bench_map.py [--n 20000] [--no-browser]

The incidents are synthetic but shaped like the pipeline's: real places in Ukraine, Syria,
Iraq, Sudan and Myanmar with jitter, every precision and relation, 1-6 sources each (mean
about 1.6) with a quoted sentence, title, outlet, URL and SHA-256, 2% without a place.
The page goes to tests/.artifacts/bench_map.html (ignored by git).
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import os
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from geo.output import assets  # noqa: E402
from geo.output.mapping import build_map  # noqa: E402

PLACES = [  # name, country, admin1, lat, lon
    ("Izium", "UA", "Kharkiv Oblast", 49.2069, 37.2768),
    ("Kharkiv", "UA", "Kharkiv Oblast", 49.9935, 36.2304),
    ("Kupiansk", "UA", "Kharkiv Oblast", 49.7106, 37.6156),
    ("Bucha", "UA", "Kyiv Oblast", 50.5436, 30.2127),
    ("Irpin", "UA", "Kyiv Oblast", 50.5218, 30.2506),
    ("Borodianka", "UA", "Kyiv Oblast", 50.6447, 29.9227),
    ("Chernihiv", "UA", "Chernihiv Oblast", 51.4982, 31.2893),
    ("Mariupol", "UA", "Donetsk Oblast", 47.0971, 37.5434),
    ("Kramatorsk", "UA", "Donetsk Oblast", 48.7233, 37.5563),
    ("Bakhmut", "UA", "Donetsk Oblast", 48.5956, 38.0003),
    ("Avdiivka", "UA", "Donetsk Oblast", 48.1394, 37.7497),
    ("Lyman", "UA", "Donetsk Oblast", 48.9889, 37.8022),
    ("Kherson", "UA", "Kherson Oblast", 46.6354, 32.6169),
    ("Zaporizhzhia", "UA", "Zaporizhzhia Oblast", 47.8388, 35.1396),
    ("Odesa", "UA", "Odesa Oblast", 46.4825, 30.7233),
    ("Sumy", "UA", "Sumy Oblast", 50.9077, 34.7981),
    ("Aleppo", "SY", "Aleppo", 36.2021, 37.1343),
    ("Idlib", "SY", "Idlib", 35.9306, 36.6339),
    ("Maarat al-Numan", "SY", "Idlib", 35.6476, 36.6746),
    ("Douma", "SY", "Rif Dimashq", 33.5711, 36.4028),
    ("Homs", "SY", "Homs", 34.7324, 36.7137),
    ("Hama", "SY", "Hama", 35.1318, 36.7578),
    ("Raqqa", "SY", "Raqqa", 35.9528, 39.0079),
    ("Deir ez-Zor", "SY", "Deir ez-Zor", 35.3359, 40.1408),
    ("Daraa", "SY", "Daraa", 32.6189, 36.1021),
    ("Mosul", "IQ", "Nineveh", 36.3350, 43.1189),
    ("Sinjar", "IQ", "Nineveh", 36.3209, 41.8767),
    ("Fallujah", "IQ", "Anbar", 33.3500, 43.7833),
    ("El Geneina", "SD", "West Darfur", 13.4525, 22.4472),
    ("El Fasher", "SD", "North Darfur", 13.6279, 25.3494),
    ("Khartoum", "SD", "Khartoum", 15.5007, 32.5599),
    ("Sittwe", "MM", "Rakhine", 20.1462, 92.8983),
    ("Maungdaw", "MM", "Rakhine", 20.8167, 92.3667),
]
ADMIN1 = {(cc, a1): (lat, lon) for _, cc, a1, lat, lon in PLACES}
COUNTRIES = {"UA": (49.0, 32.0), "SY": (35.0, 38.5), "IQ": (33.0, 43.7), "SD": (15.0, 30.0),
             "MM": (21.0, 96.0)}
TYPES = [("airstrike", 30), ("shelling", 30), ("execution_massacre", 12), ("mass_grave", 8),
         ("explosive_mine", 10), ("detention_torture", 8), ("drone_strike", 2)]
OUTLETS = [("Reuters", "www.reuters.com"), ("AP", "apnews.com"), ("AFP", "www.afp.com"),
           ("BBC", "www.bbc.com"), ("Al Jazeera", "www.aljazeera.com"),
           ("The Guardian", "www.theguardian.com"), ("Kyiv Independent", "kyivindependent.com"),
           ("SOHR", "www.syriahr.com"), ("Rudaw", "www.rudaw.net"), ("Radio Dabanga",
           "www.dabangasudan.org"), ("The Irrawaddy", "www.irrawaddy.com"), ("Local report", None)]
QUOTES = {
    "airstrike": "An air strike hit a residential building in {p} on {d}, killing {c} people, "
                 "local officials and rescue workers said.",
    "drone_strike": "A drone struck a car on the outskirts of {p}, killing {c}, the regional "
                    "governor said on Telegram.",
    "shelling": "Shelling of {p} overnight killed {c} civilians and damaged a school and a "
                "market, according to the regional administration.",
    "execution_massacre": "Residents of {p} said soldiers took {c} men from their homes and "
                          "shot them near the railway line.",
    "mass_grave": "Investigators began exhuming a mass grave near {p} that holds {c} bodies, "
                  "the prosecutor's office said.",
    "explosive_mine": "A tractor hit an anti-tank mine in fields near {p}, killing {c}, the "
                      "emergency service reported.",
    "detention_torture": "Former detainees described a basement in {p} where {c} people were "
                         "held and beaten for weeks.",
}
COUNT_WORDS = {1: "one person", 2: "two people", 3: "three people", 12: "a dozen people",
               24: "two dozen people", 100: "about a hundred people"}


def realistic(n: int, seed: int = 7) -> dict:
    rnd = random.Random(seed)
    types, weights = zip(*TYPES, strict=True)
    features = []
    sid = 0
    for i in range(n):
        name, cc, a1, lat, lon = rnd.choice(PLACES)
        etype = rnd.choices(types, weights)[0]
        kind = rnd.random()
        relation, anchor, precision, unc, site = "in", None, "settlement", 2.0, name
        if kind < 0.55:  # in or at the town
            lat += rnd.gauss(0, 0.03)
            lon += rnd.gauss(0, 0.03)
            precision = rnd.choice(["settlement", "settlement", "site", "exact"])
            unc = {"settlement": 3.0, "site": 0.5, "exact": 0.1}[precision]
        elif kind < 0.70:  # "25 km south of X"
            km = rnd.choice([5, 10, 15, 20, 25, 30, 40])
            bearing = rnd.choice(["north", "south", "east", "west"])
            dlat = {"north": 1, "south": -1}.get(bearing, 0) * km / 111
            dlon = {"east": 1, "west": -1}.get(bearing, 0) * km / 75
            relation, anchor = "offset", (name, lat, lon)
            lat, lon = lat + dlat, lon + dlon
            precision, unc = "near-settlement", max(1.0, 0.3 * km)
            site = f"{km} km {bearing} of {name}"
        elif kind < 0.82:  # "near X"
            relation, anchor, precision, unc = "near", (name, lat, lon), "near-settlement", 10.0
            site = f"near {name}"
        elif kind < 0.93:
            lat, lon = ADMIN1[(cc, a1)]
            precision, unc, site = "admin1", 80.0, a1
        elif kind < 0.98:
            lat, lon = COUNTRIES[cc]
            precision, unc, site = "country", 300.0, {"UA": "Ukraine", "SY": "Syria",
                                                      "IQ": "Iraq", "SD": "Sudan",
                                                      "MM": "Myanmar"}[cc]
        else:
            lat = lon = None
            precision = unc = None
        d0 = date(2011, 3, 15) + timedelta(days=rnd.randrange(0, 365 * 13))
        dprec = rnd.choices(["day", "days", "week", "month", "year", "unknown"],
                            [60, 10, 10, 12, 5, 3])[0]
        span = {"day": 0, "days": 3, "week": 6, "month": 30, "year": 364, "unknown": 0}[dprec]
        start = None if dprec == "unknown" else d0.isoformat()
        end = None if dprec == "unknown" else (d0 + timedelta(days=span)).isoformat()
        best = max(1, int(rnd.lognormvariate(1.6, 1.3)))
        low, high = max(1, int(best * rnd.uniform(0.6, 1))), int(best * rnd.uniform(1, 1.5))
        nsrc = rnd.choices([1, 2, 3, 4, 6], [62, 24, 9, 3, 2])[0]
        sources = []
        for _ in range(nsrc):
            sid += 1
            outlet, host = rnd.choice(OUTLETS)
            c = rnd.choice([best, low, high])
            phrase = COUNT_WORDS.get(c, f"at least {c}" if rnd.random() < 0.5 else str(c))
            quote = QUOTES[etype].format(p=site, d=d0.strftime("%A"), c=phrase)
            pos = quote.find(site)
            published = (d0 + timedelta(days=rnd.randrange(0, 10))).isoformat()
            title = (f"{etype.replace('_', ' ').capitalize()} in {name}: {phrase} killed, "
                     "officials say")
            url = (f"https://{host}/world/{name.lower().replace(' ', '-')}-{sid}"
                   if host else None)
            sources.append({
                "id": f"src-{sid:06d}", "title": title, "outlet": outlet, "url": url,
                "published": published, "quote": quote,
                "quote_place": [pos, pos + len(site)] if pos >= 0 else None,
                "count_phrase": phrase,
                "sha256": hashlib.sha256(quote.encode() + str(sid).encode()).hexdigest(),
            })
        props = {
            "incident_id": f"inc-{i:06d}", "event_type": etype, "site_name": site,
            "geonameid": rnd.randrange(600000, 12000000), "country_code": cc, "admin1": a1,
            "loc_precision": precision, "uncertainty_km": unc,
            "anchor_name": anchor[0] if anchor else None,
            "anchor_lat": round(anchor[1], 5) if anchor else None,
            "anchor_lon": round(anchor[2], 5) if anchor else None,
            "relation": relation, "date_start": start, "date_end": end,
            "date_precision": dprec, "date_kind": rnd.choices(
                ["event", "discovery", "exhumation", "report"], [80, 10, 4, 6])[0],
            "count_low": low, "count_best": best, "count_high": high,
            "count_category": "bodies found" if etype == "mass_grave" else "killed",
            "number_of_sources": nsrc,
            "grading": "weak" if nsrc == 1 else rnd.choice(["fair", "confirmed", "contested"]),
            "needs_review": precision in ("admin1", "country") or rnd.random() < 0.05,
            "sources": sources,
        }
        geom = ({"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]}
                if lat is not None else None)
        features.append({"type": "Feature", "id": props["incident_id"], "geometry": geom,
                         "properties": props})
    return {"type": "FeatureCollection", "features": features}


def browser_load(path: Path, runs: int) -> list[dict]:
    from tests.output import test_map_browser as tb

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        driver = tb.start_chromium(Path(tmp))
        try:
            for _ in range(runs):
                driver.get("about:blank")
                t0 = time.perf_counter()
                driver.get(path.resolve().as_uri())  # returns after the load event
                while not driver.execute_script(
                        "return !!(window.incidentMap && window.incidentMap.paintedMs)"):
                    time.sleep(0.01)
                wall = time.perf_counter() - t0
                m = driver.execute_script(
                    "var m = window.incidentMap; return {ready: m.readyMs, painted: m.paintedMs,"
                    " markers: m.markerCount(), drawn: document.querySelectorAll("
                    "'.leaflet-marker-pane .leaflet-marker-icon').length}")
                m["wall"] = wall * 1000
                m["severe"] = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
                out.append(m)
        finally:
            driver.quit()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20000, help="incidents (default 20000)")
    ap.add_argument("--runs", type=int, default=5, help="timed builds and loads")
    ap.add_argument("--no-browser", action="store_true", help="skip the Chromium load")
    ap.add_argument("--out", type=Path, default=ROOT / "tests" / ".artifacts" / "bench_map.html")
    args = ap.parse_args()
    from bench_gazetteer import machine

    print(machine())
    t = time.perf_counter()
    data = realistic(args.n)
    print(f"generated {args.n:,} incidents in {time.perf_counter() - t:.2f} s "
          f"({sum(len(f['properties']['sources']) for f in data['features']):,} sources, "
          f"{sum(f['geometry'] is None for f in data['features'])} without a place)")

    t = time.perf_counter()
    assets.countries_json()
    for url in assets.SCRIPTS + assets.STYLESHEETS:
        assets.folium_asset(url)
    print(f"first use of the assets (basemap from cache or built, Leaflet read): "
          f"{time.perf_counter() - t:.2f} s")
    times, cpu = [], []
    for _ in range(args.runs):
        t, c = time.perf_counter(), time.process_time()
        build_map(data, args.out, title=f"{args.n:,} incidents (benchmark)")
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    size = args.out.stat().st_size
    page = args.out.read_text(encoding="utf-8")
    tag = re.search(r'<script [^>]*id="incident-data"[^>]*>', page)
    start = tag.end()
    data_text = page[start:page.index("</script>", start)]
    data_bytes = len(data_text.encode())
    encoding = re.search(r'data-encoding="([^"]*)"', tag.group(0))
    encoding = encoding.group(1) if encoding else "json"
    print(f"build_map: median {statistics.median(times):.3f} s, best {min(times):.3f} s "
          f"(CPU median {statistics.median(cpu):.3f} s) over {args.runs} runs (target <= 1 s); "
          f"load average {os.getloadavg()[0]:.1f}")
    basemap = len(assets.countries_json())
    print(f"HTML: {size / 1e6:.2f} MB (target <= 8 MB): incident data {data_bytes / 1e6:.2f} MB "
          f"({data_bytes / args.n:.0f} bytes per incident, embedded as {encoding}), basemap "
          f"{basemap / 1e6:.2f} MB, scripts and styles "
          f"{(size - data_bytes - basemap) / 1e6:.2f} MB")
    if encoding == "gzip+base64":
        raw = gzip.decompress(base64.b64decode(data_text))
        print(f"the incident JSON unpacked: {len(raw) / 1e6:.2f} MB "
              "(templated text: real quotes pack less)")
    print(f"page: {args.out}")
    if args.no_browser:
        return
    loads = browser_load(args.out, args.runs)
    for m in loads:
        print(f"load in headless Chromium: script done {m['ready']:.0f} ms, markers painted "
              f"{m['painted']:.0f} ms after navigation start (wall {m['wall']:.0f} ms); "
              f"{m['markers']:,} markers in the cluster, {m['drawn']} icons drawn; "
              f"{len(m['severe'])} console errors")
    painted = [m["painted"] for m in loads]
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"load: markers painted after median {statistics.median(painted):.0f} ms, best "
          f"{min(painted):.0f} ms over {len(painted)} loads (target <= 2000 ms)")


if __name__ == "__main__":
    main()
