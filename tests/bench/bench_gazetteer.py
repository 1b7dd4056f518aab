"""Gazetteer and geocoder speed: build, open, warm lookup, whole `geo geocode` process.

Prints figures; asserts nothing (machines here are shared and noisy).

    .venv/bin/python tests/bench/bench_gazetteer.py            # uses the built gazetteer
    .venv/bin/python tests/bench/bench_gazetteer.py --build    # also times a fresh build

Targets (issue 2): build <= 120 s on 2 cores; open <= 0.3 s; warm lookup p50 <= 1 ms;
`geo geocode Izium` as a whole process <= 1 s.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from geo.errors import NotFound
from geo.gazetteer.geocode import geocode
from geo.gazetteer.lookup import Gazetteer
from geo.paths import default_gazetteer


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB, Python {platform.python_version()}"


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", action="store_true", help="also time a fresh build")
    ap.add_argument("--queries", type=int, default=2000)
    args = ap.parse_args()
    print(f"machine: {machine()}")
    path = default_gazetteer()

    if args.build:
        from geo.gazetteer.build import build

        with tempfile.TemporaryDirectory() as d:
            t = time.perf_counter()
            build(Path(d) / "g.sqlite")
            print(f"build: {time.perf_counter() - t:.1f} s")

    opens = []
    for _ in range(20):
        t = time.perf_counter()
        g = Gazetteer(path)
        opens.append(time.perf_counter() - t)
        g.close()
    print(f"open: median {statistics.median(opens) * 1000:.2f} ms, max {max(opens) * 1000:.2f} ms")

    with Gazetteer(path, local_tsv=False) as g:
        rng = random.Random(7)
        total = g.conn.execute("SELECT max(rowid) FROM names").fetchone()[0]
        names = []
        while len(names) < args.queries:
            row = g.conn.execute("SELECT name FROM names WHERE rowid = ?",
                                 (rng.randint(1, total),)).fetchone()
            if row:
                names.append(row[0])
        names += ["Izium", "Raqqa", "Bucha", "Halab", "Kharkiv Oblast", "Syria", "Aleppo"]
        for n in names[:200]:  # warm the page cache
            g.lookup(n)
        times, misses = [], 0
        for n in names:
            t = time.perf_counter()
            try:
                geocode(g, n, limit=5, fuzzy=False)
            except NotFound:
                misses += 1
            times.append(time.perf_counter() - t)
        print(f"warm geocode ({len(names)} random gazetteer names, ranked, limit 5): "
              f"p50 {pct(times, 50) * 1000:.2f} ms, p95 {pct(times, 95) * 1000:.2f} ms, "
              f"p99 {pct(times, 99) * 1000:.2f} ms ({misses} unranked)")
        fuzzy = []
        for n in ["Aleplo", "Kharkov Oblsat", "Mariupl", "Zaporizhzhya", "Qzxwvbnm"]:
            t = time.perf_counter()
            with contextlib.suppress(NotFound):
                geocode(g, n)
            fuzzy.append(time.perf_counter() - t)
        print(f"misspelt names (fuzzy search): median {statistics.median(fuzzy) * 1000:.0f} ms")

    geo = Path(sys.executable).parent / "geo"
    runs = []
    for _ in range(7):
        t = time.perf_counter()
        subprocess.run([str(geo), "geocode", "Izium"], check=True, capture_output=True)
        runs.append(time.perf_counter() - t)
    print(f"`geo geocode Izium` whole process: median {statistics.median(runs):.2f} s, "
          f"max {max(runs):.2f} s")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this benchmark: {rss:.0f} MB")


if __name__ == "__main__":
    main()
