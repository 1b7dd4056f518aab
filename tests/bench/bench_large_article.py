"""One huge article must not stall a run: time and memory of `geo incidents` on a single
article of 1, 2, 4 and 8 MB in which every sentence is an incident (the worst case:
every sentence is a claim with a place, a date and a count).

Prints figures; asserts nothing.

    .venv/bin/python tests/bench/bench_large_article.py                 # 1, 2, 4, 8 MB
    .venv/bin/python tests/bench/bench_large_article.py --sizes 1,8 --single-line
    .venv/bin/python tests/bench/bench_large_article.py --sizes 0.125,0.25,0.5 --max-chars 0

Each run is `geo incidents ARTICLE.txt --workers 1 --no-cache` in a fresh process, with
the default per-document limit (`--max-chars`, 500,000 characters) unless told: the text
is cut there, so time and memory stop growing with the file.  `--max-chars 0` lifts the
limit and shows how claim extraction itself grows with the article (quadratic: see the
README's Limits).  `--single-line` writes the article without line breaks (a scraped page
that never ends a line).  Peak memory is the process's maximum resident set size.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).parent))

from bench_gazetteer import machine  # noqa: E402

TOWNS = ["Aleppo", "Raqqa", "Idlib", "Homs", "Izium", "Bucha", "Kharkiv", "Mariupol", "Mosul",
         "Sinjar", "Tikrit", "Kherson", "Douma", "Manbij"]
SENTENCES = [
    "Heavy shelling in {town} on {day} May 2022 killed {n} people, officials said.",
    "An airstrike on a market in {town} on {day} June 2016 killed {n} civilians.",
    "A mass grave holding {n} bodies was found near {town} on {day} April 2022.",
    "A landmine exploded outside {town} on {day} March 2019, killing {n} farmers.",
]


def article(size: int, *, seed: int = 0, single_line: bool = False) -> str:
    """About `size` characters of incident sentences, each a claim."""
    rnd = random.Random(seed)
    parts = ["Incidents reported this year\n\n"]
    total = len(parts[0])
    while total < size:
        s = rnd.choice(SENTENCES).format(town=rnd.choice(TOWNS), day=rnd.randint(1, 28),
                                         n=rnd.randint(2, 90))
        s += " " if single_line or rnd.random() > 0.2 else "\n"
        parts.append(s)
        total += len(s)
    return "".join(parts)


def run(path: Path, out: Path, max_chars: int | None, cache: Path) -> dict:
    args = [sys.executable, "-m", "geo", "incidents", str(path), "-o", str(out),
            "--workers", "1", "--no-cache", "-q", "--report", str(out.with_suffix(".json"))]
    if max_chars is not None:
        args += ["--max-chars", str(max_chars)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    p = subprocess.run(args, capture_output=True, text=True, cwd=ROOT,
                       env={**os.environ, "GEO_CACHE_DIR": str(cache)})
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if p.returncode not in (0, 3):
        raise SystemExit(f"geo failed ({p.returncode}): {p.stderr[-2000:]}")
    report = json.loads(out.with_suffix(".json").read_text())
    [doc] = report["documents"]
    return {"seconds": seconds, "peak_mb": max(peak, before) / 1024,
            "incidents": report.get("incidents"), "claims": doc.get("claims"),
            "status": doc["status"], "exit": p.returncode}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1,2,4,8", help="article sizes in MB (10^6 characters)")
    ap.add_argument("--max-chars", type=int, default=None,
                    help="pass --max-chars (0: no limit); default: the tool's default")
    ap.add_argument("--single-line", action="store_true", help="no line breaks at all")
    args = ap.parse_args()
    print(machine())
    print(f"limit: {'default' if args.max_chars is None else args.max_chars or 'none'}; "
          f"{'one line' if args.single_line else 'paragraphs'}")
    print(f"{'MB':>6} {'seconds':>8} {'peak MB':>8} {'claims':>7} {'incidents':>9}  status")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        for mb in (float(x) for x in args.sizes.split(",")):
            path = tmp_path / f"article-{mb:g}MB.txt"
            path.write_text(article(int(mb * 1e6), single_line=args.single_line),
                            encoding="utf-8")
            # Each run's peak is its own: RUSAGE_CHILDREN keeps the largest child so far,
            # so sizes are run from small to large.
            r = run(path, tmp_path / f"out-{mb:g}.geojson", args.max_chars, tmp_path / "c")
            print(f"{mb:>6g} {r['seconds']:>8.1f} {r['peak_mb']:>8.0f} {r['claims']:>7,} "
                  f"{r['incidents']:>9,}  {r['status']} (exit {r['exit']})", flush=True)


if __name__ == "__main__":
    main()
