"""Geoparser throughput on one core: documents per second end to end and with gold spans.

Prints figures; asserts nothing.

    .venv/bin/python tests/bench/bench_parse.py

Reads the public corpora from ../shared/eval/ when present, else the seeds.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from geo.gazetteer.lookup import Gazetteer
from geo.places.parse import parse_document
from geo.run.report import tune_gc

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT.parent / "shared" / "eval"


def load() -> list[dict]:
    docs = []
    for name in ("lgl.jsonl", "geowebnews.jsonl"):
        path = EVAL / name
        if path.exists():
            docs += [json.loads(line) for line in path.open(encoding="utf-8")]
    if not docs:
        docs = [{"id": p.stem, "text": p.read_text(encoding="utf-8"), "toponyms": []}
                for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return docs


def main() -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_gazetteer import machine

    print(f"machine: {machine()}")
    docs = load()
    chars = sum(len(d["text"]) for d in docs)
    tune_gc()  # as the `geo` command does
    with Gazetteer(local_tsv=False) as gaz:
        parse_document("warm-up", docs[0]["text"], gaz)  # loads word lists and the model
        # The first pass meets every name for the first time (gazetteer queries, empty
        # caches); the second shows the steady state of a long run, where names recur.
        for mode, passes in (("end to end", ("first pass", "second pass")),
                             ("gold spans", ("first pass",))):
            for label in passes:
                t, cpu = time.perf_counter(), time.process_time()
                n = 0
                for d in docs:
                    spans = d["toponyms"] if mode == "gold spans" else None
                    n += len(parse_document(d["id"], d["text"], gaz,
                                            gold_spans=spans).toponyms)
                dt, dcpu = time.perf_counter() - t, time.process_time() - cpu
                print(f"{mode}, {label}: {len(docs)} docs ({chars / len(docs):,.0f} chars avg), "
                      f"{dt:.1f} s, {len(docs) / dt:,.0f} docs/s "
                      f"({len(docs) / dcpu:,.0f} per CPU second), "
                      f"{chars / dt / 1000:,.0f} k chars/s, {n:,} toponyms")
    t = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "geo"), "parse", str(ROOT / "seeds"),
                    "-o", "/dev/null"], check=True, capture_output=True)
    print(f"`geo parse seeds/` whole process: {time.perf_counter() - t:.2f} s")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {rss:.0f} MB")


if __name__ == "__main__":
    main()
