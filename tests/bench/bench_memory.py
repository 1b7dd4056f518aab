"""Memory of `geo incidents` as the corpus grows: does a big input folder need big memory?

Prints figures; asserts nothing.

    .venv/bin/python tests/bench/bench_memory.py        # 5,000, 10,000, 20,000, 40,000
    .venv/bin/python tests/bench/bench_memory.py --sizes 10000,40000

For each size, generates that many articles (tests/corpusgen.py, about 2,800 bytes each,
.txt files + metadata.csv) and runs `geo incidents --workers 2 --no-cache` on them.  The
main process holds the run (reading, the claim store's columns, grouping, wire-copy
detection, writing); the workers parse, with caches of fixed size.  Prints the peak
memory of each (the main process's from its run report, the largest worker's from
getrusage) and, from the two largest sizes, the main process's memory per article and
per MB of input: the slope that says what a 1 GB folder would need.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from bench_gazetteer import machine  # noqa: E402

from tests.corpusgen import write_txt_corpus  # noqa: E402


def run(corpus: Path, tmp: Path) -> tuple[float, dict, float]:
    """(seconds, run report, largest child's peak RSS in MB) of one `geo incidents` run."""
    report = tmp / "report.json"
    t = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "geo", "incidents", str(corpus), "--workers",
                          "2", "--no-cache", "--quiet", "-o", str(tmp / "out.geojson"),
                          "--report", str(report)], capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - t
    if res.returncode not in (0, 3):
        sys.exit(f"geo incidents failed ({res.returncode}): {res.stderr[-2000:]}")
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, json.loads(report.read_text()), children


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="5000,10000,20000,40000", help="articles per run")
    args = ap.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    print(f"machine: {machine()}, load average {os.getloadavg()[0]:.2f} at start")
    rows = []
    for n in sizes:
        tmp = Path(tempfile.mkdtemp(prefix="geo-bench-memory-"))
        try:
            corpus = write_txt_corpus(tmp / "corpus", n)
            size = sum(p.stat().st_size for p in corpus.iterdir())
            seconds, report, largest = run(corpus, tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        main_mb = report["peak_memory_mb"]
        rows.append((n, size, main_mb))
        print(f"{n:,} articles, {size / 1e6:.1f} MB of text: {seconds:.1f} s, "
              f"{report.get('incidents', 0):,} incidents; peak memory: main process "
              f"{main_mb:,.0f} MB, largest process so far {largest:,.0f} MB")
    if len(rows) > 1:  # the slope between the two largest runs: fixed costs are paid by then
        (n0, s0, m0), (n1, s1, m1) = rows[-2], rows[-1]
        per_article = (m1 - m0) * 1024 / (n1 - n0)
        per_mb = (m1 - m0) / ((s1 - s0) / 1e6)
        print(f"main process grows by {per_article:.2f} KB per article, {per_mb:.1f} MB per "
              f"MB of input: a 1 GB folder of such articles would need about "
              f"{m0 + per_mb * (1000 - s0 / 1e6):,.0f} MB in the main process")
    print(f"load average {os.getloadavg()[0]:.2f} at end")


if __name__ == "__main__":
    main()
