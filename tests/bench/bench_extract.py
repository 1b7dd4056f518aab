"""Where a document's time goes in `geo incidents`: CPU time of each step of the
per-document work (places, dates, counts, trigger words, events...), one process.

Prints figures; asserts nothing.

    .venv/bin/python tests/bench/bench_extract.py                       # 1,000 generated
    .venv/bin/python tests/bench/bench_extract.py ../shared/eval/incidents-dev/articles.jsonl

Runs the worker's per-document step (`geo.run.parallel`'s, the gazetteer open) over every
document once, as a run does (caches start empty; dateparser and word lists load on first
use, as in a worker), and times each step with `time.process_time` around the function
(a step inside another counts in both: "extraction" holds dates, counts, trigger words,
events and claims).  The rest of `geo incidents` (reading, wire copies, grouping, writing,
start-up) is what `bench_corpus.py` adds.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

from bench_gazetteer import machine  # noqa: E402

# (module, function, label): the steps timed, in the order printed.
STEPS = [
    ("geo.places.parse", "parse_text", "places: recognise and resolve"),
    ("geo.incidents.claims", "extract", "extraction (all of what follows)"),
    ("geo.incidents.dates", "find_dates", "  dates"),
    ("geo.incidents.taxonomy", "find_types", "  trigger words"),
    ("geo.incidents.counts", "find_counts", "  counts"),
    ("geo.incidents.counts", "find_single_victims", "  single victims"),
    ("geo.incidents.sentences", "split_sentences", "  sentences"),
    ("geo.incidents.events", "find_events", "  events (sites, dates, counts joined)"),
    ("geo.incidents.claims", "_claim", "  claims built"),
    ("geo.incidents.wirecopies", "shingles", "shingles (wire copies)"),
    ("geo.incidents.extract", "publication", "publication date"),
]


def timed(spent: Counter, label: str, fn):
    def run(*args, **kwargs):
        t = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - t
    return run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="*", help="files or folders (default: a generated corpus)")
    ap.add_argument("--n", type=int, default=1000, help="generated articles [1,000]")
    ap.add_argument("--length", type=int, default=2500, help="target characters per article")
    ap.add_argument("--gazetteer", default=os.environ.get("GEO_GAZETTEER",
                                                          str(ROOT / "gazetteer/geonames.sqlite")))
    args = ap.parse_args()

    from geo.read import Document, read_inputs
    from geo.run import parallel

    print(f"machine: {machine()}, load average {os.getloadavg()[0]:.2f} at start")
    inputs = args.inputs
    tmp = None
    if not inputs:
        from tests.corpusgen import write_txt_corpus

        tmp = Path(tempfile.mkdtemp(prefix="geo-bench-extract-"))
        inputs = [str(write_txt_corpus(tmp / "corpus", args.n, length=args.length))]
    docs = [d for d in read_inputs(inputs) if isinstance(d, Document)]
    chars = sum(len(d.text) for d in docs)
    spent: Counter = Counter()
    for module, name, label in STEPS:
        mod = importlib.import_module(module)
        setattr(mod, name, timed(spent, label, getattr(mod, name)))
    spec = parallel.WorkSpec(kind="incidents",
                             gazetteer_path=str(Path(args.gazetteer).absolute()))
    state = parallel._state_for(spec)
    t = time.process_time()
    for d in docs:
        parallel.compute(spec, state, d)
    total = time.process_time() - t
    print(f"{len(docs):,} documents, {chars / max(1, len(docs)):,.0f} characters on average: "
          f"{total:.2f} CPU-s of per-document work, {len(docs) / total:,.1f} documents "
          f"per CPU-second, {1000 * total / max(1, len(docs)):.2f} ms each")
    print("| step | CPU-s | share | ms per document |")
    print("|---|---|---|---|")
    for _, _, label in STEPS:
        s = spent[label]
        print(f"| {label} | {s:.2f} | {100 * s / total:.1f}% | {1000 * s / len(docs):.2f} |")
    print(f"load average {os.getloadavg()[0]:.2f} at end")
    if tmp is not None:
        import shutil

        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
