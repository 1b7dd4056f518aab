"""`geo incidents` and `geo map` over a generated corpus of realistic articles, whole process.

Prints figures; asserts nothing.

    .venv/bin/python tests/bench/bench_corpus.py                  # 10,000 .txt + metadata.csv
    .venv/bin/python tests/bench/bench_corpus.py --n 2000 --jsonl # one JSONL file

Articles (tests/corpusgen.py) name real towns in Syria, Ukraine, Iraq and the United
States, with incident sentences, dates, counts and outlets, about 2,000-3,000 characters
each.  Times `geo incidents` with `--workers 1` and `--workers 2` when the option exists
(the incremental cache off, so every run does all the work), the peak memory of each run
(the largest child's max RSS, from getrusage), and `geo map --from` on the result.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from bench_gazetteer import machine  # noqa: E402

from tests.corpusgen import write_jsonl_corpus, write_txt_corpus  # noqa: E402


def cpu_seconds() -> float:
    """User + system CPU time of every child process so far (workers included)."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def geo(*args: str) -> tuple[float, float, subprocess.CompletedProcess]:
    """(seconds, peak RSS in MB of the largest child so far, result) of one `geo` run."""
    t = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True,
                         cwd=ROOT)
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if res.returncode not in (0, 3):
        sys.exit(f"geo {' '.join(args)} failed ({res.returncode}): {res.stderr[-2000:]}")
    return seconds, peak, res


def has_option(command: str, option: str) -> bool:
    res = subprocess.run([sys.executable, "-m", "geo", command, "--help"], capture_output=True,
                         text=True, cwd=ROOT)
    return option in res.stdout


def rerun(corpus: Path, tmp: Path, n: int, length: int) -> None:
    """The daily re-run: all N articles already in the cache, 10 new ones added."""
    import csv

    from tests.corpusgen import article

    cache = tmp / "cache"
    common = ["--cache-dir", str(cache), "--quiet", "-o", str(tmp / "cached.geojson")]
    first, _, _ = geo("incidents", str(corpus), "--report", str(tmp / "r1.json"), *common)
    with open(corpus / "metadata.csv", "a", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        for i in range(n, n + 10):
            rec = article(i, seed=7, length=length)
            (corpus / f"{rec['id']}.txt").write_text(rec["text"], encoding="utf-8")
            w.writerow([f"{rec['id']}.txt", rec["outlet"], rec["published"], rec["url"]])
    again, peak, _ = geo("incidents", str(corpus), "--report", str(tmp / "r2.json"), *common)
    report = json.loads((tmp / "r2.json").read_text())
    print(f"incremental cache: first run with an empty cache {first:.1f} s; re-run with "
          f"{n:,} cached + 10 new articles {again:.1f} s, {report.get('computed')} computed, "
          f"{report.get('cached'):,} from the cache")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="articles [10,000]")
    ap.add_argument("--jsonl", action="store_true", help="one JSONL file instead of .txt files")
    ap.add_argument("--length", type=int, default=2500, help="target characters per article")
    ap.add_argument("--workers", default="1,2", help="worker counts to time [1,2]")
    ap.add_argument("--keep", action="store_true", help="keep the temp folder")
    ap.add_argument("--no-rerun", action="store_true",
                    help="skip the incremental-cache re-run (N articles cached + 10 new)")
    args = ap.parse_args()

    print(f"machine: {machine()}, load average {os.getloadavg()[0]:.2f} at start")
    tmp = Path(tempfile.mkdtemp(prefix="geo-bench-corpus-"))
    t = time.perf_counter()
    if args.jsonl:
        corpus = write_jsonl_corpus(tmp / "corpus.jsonl", args.n, length=args.length)
        size = corpus.stat().st_size
    else:
        corpus = write_txt_corpus(tmp / "corpus", args.n, length=args.length)
        size = sum(p.stat().st_size for p in corpus.iterdir())
    print(f"corpus: {args.n:,} articles as {'one JSONL file' if args.jsonl else '.txt files + metadata.csv'}"  # noqa: E501
          f", {size / 1e6:.1f} MB ({size / args.n:,.0f} bytes/article), generated in "
          f"{time.perf_counter() - t:.1f} s -> {corpus}")

    extra = ["--no-cache"] if has_option("incidents", "--no-cache") else []
    extra += ["--quiet"] if has_option("incidents", "--quiet") else []
    workers = [int(w) for w in args.workers.split(",")] \
        if has_option("incidents", "--workers") else [None]
    if workers == [None]:
        print("note: `geo incidents` has no --workers option: timing the single process only")
    results = {}
    for w in workers:
        out = tmp / f"incidents-w{w or 1}.geojson"
        wargs = ["--workers", str(w)] if w is not None else []
        cpu0 = cpu_seconds()
        seconds, peak, res = geo("incidents", str(corpus), "-o", str(out),
                                 "--report", str(tmp / f"report-w{w or 1}.json"),
                                 *wargs, *extra)
        cpu = cpu_seconds() - cpu0
        report = json.loads((tmp / f"report-w{w or 1}.json").read_text())
        features = json.loads(out.read_text())["features"]
        results[w] = out.read_bytes()
        print(f"geo incidents --workers {w or 1}: {seconds:.1f} s, "
              f"{report['processed'] / seconds:,.1f} articles/s, "
              f"{size / 1e6 / seconds:.2f} MB/s, peak RSS so far {peak:,.0f} MB "
              f"(largest single process), {report['processed']:,} processed, "
              f"{len(report['skipped']):,} skipped, {report['mentions']:,} mentions, "
              f"{len(features):,} incidents, exit {res.returncode}; "
              f"{report['processed'] / cpu:,.1f} articles per CPU-second (all processes)")
    if len(results) > 1:
        same = len(set(results.values())) == 1
        print(f"outputs identical across worker counts: {same}")

    geojson = tmp / f"incidents-w{workers[-1] or 1}.geojson"
    times = []
    for _ in range(3):
        seconds, peak, _ = geo("map", "--from", str(geojson), "-o", str(tmp / "map.html"))
        times.append(seconds)
    html = tmp / "map.html"
    print(f"geo map --from (whole process, {len(features):,} incidents): median "
          f"{sorted(times)[1]:.2f} s of 3, HTML {html.stat().st_size / 1e6:.1f} MB")
    if not args.no_rerun and not args.jsonl and has_option("incidents", "--cache-dir"):
        rerun(corpus, tmp, args.n, args.length)
    print(f"load average {os.getloadavg()[0]:.2f} at end")
    if not args.keep:
        import shutil

        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
