"""Benchmark `geo.gazetteer.geonames_import`: import a synthetic GeoNames main dump, report
speed and memory.

Not a pytest test (it takes minutes).  Run it from the project root:

    .venv/bin/python tests/bench/bench_import.py                # 2,000,000 rows
    .venv/bin/python tests/bench/bench_import.py --rows 200000 --zip

The file is generated to look like allCountries.txt where it matters for speed: ids in
increasing order, names of several words with diacritics (so the ASCII name often
normalises differently), alternate names for a minority of rows (some in Arabic and
Cyrillic script), points clustered around populated regions, the GeoNames mix of
feature classes.  The import runs in a child process so its peak RSS is the import's own,
not the generator's.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from geo.gazetteer import db  # noqa: E402

SYLLABLES = (
    "al ba da ka ri mo ta lu sa ne vo ur qa sha kha ya be go ze pi ra ma ni ko "
    "dar ham sin tel zor vil nov grad pol kir mir dub bor"
).split()
DIACRITIC = {"a": "á", "e": "é", "s": "ş", "u": "ü", "o": "ö", "i": "ī", "z": "ž", "h": "ḩ"}
ARABIC = dict(zip("abdeghiklmnoqrstuvyz", "ابدهغحيكلمنوقرستوفيز", strict=True))
CYRILLIC = dict(zip("abdeghiklmnoqrstuvyz", "абдегхиклмнокрстувыз", strict=True))
PREFIXES = ["", "", "", "", "Wadi ", "Jabal ", "Tall ", "Khirbat ", "Ain ", "Nova ", "Velyka "]
# (feature class, codes, share)
FEATURES = [
    ("P", ["PPL", "PPL", "PPL", "PPLX", "PPLA2", "PPLL"], 0.40),
    ("H", ["STM", "STM", "WLL", "SPNG", "LK", "RSV", "WAD"], 0.20),
    ("T", ["HLL", "MT", "MT", "PK", "VAL", "PASS"], 0.16),
    ("S", ["AIRB", "AIRP", "SCH", "FRM", "MSQE", "CH", "BDG", "RSTN"], 0.15),
    ("L", ["AREA", "LCTY", "PRK"], 0.04),
    ("A", ["ADM3", "ADM4", "ADMD"], 0.02),
    ("V", ["FRST", "GRSLD"], 0.02),
    ("R", ["RD", "RDJCT"], 0.01),
]
REGIONS = [  # (country code, lat, lon, spread in degrees, weight)
    ("SY", 35.0, 38.5, 1.5, 3), ("UA", 49.0, 32.0, 3.0, 4), ("IQ", 33.0, 43.5, 2.0, 2),
    ("US", 39.0, -95.0, 8.0, 6), ("IN", 22.0, 79.0, 6.0, 5), ("CN", 32.0, 110.0, 7.0, 5),
    ("BR", -12.0, -50.0, 8.0, 3), ("NG", 9.0, 8.0, 3.0, 2), ("RU", 56.0, 60.0, 12.0, 4),
    ("ID", -3.0, 115.0, 6.0, 2), ("MX", 22.0, -101.0, 5.0, 2), ("FR", 46.5, 2.5, 2.5, 2),
    ("AF", 34.0, 66.0, 2.5, 2), ("YE", 15.5, 47.5, 2.0, 1), ("SD", 14.0, 30.0, 4.0, 1),
]


def make_name(rng: random.Random) -> str:
    words = []
    for _ in range(1 if rng.random() < 0.75 else 2):
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))
        words.append(word.capitalize())
    return rng.choice(PREFIXES) + " ".join(words)


def with_diacritics(name: str, rng: random.Random) -> str:
    return "".join(DIACRITIC.get(c, c) if rng.random() < 0.3 else c for c in name)


def in_script(name: str, table: dict[str, str]) -> str:
    return "".join(table.get(c, "") for c in name.lower())


def alternates(name: str, rng: random.Random) -> list[str]:
    r = rng.random()
    n = 0 if r < 0.62 else rng.randint(1, 2) if r < 0.87 else rng.randint(3, 8)
    out = []
    for _ in range(n):
        kind = rng.random()
        if kind < 0.2:
            out.append(in_script(name, ARABIC))
        elif kind < 0.35:
            out.append(in_script(name, CYRILLIC))
        elif kind < 0.55:
            out.append(name.replace("a", "e", 1))  # a spelling variant
        else:
            out.append(make_name(rng))
    return [a for a in out if a]


def make_line(gid: int, rng: random.Random) -> str:
    cc, clat, clon, spread, _ = rng.choices(REGIONS, weights=[r[4] for r in REGIONS])[0]
    fclass, codes, _ = rng.choices(FEATURES, weights=[f[2] for f in FEATURES])[0]
    ascii_name = make_name(rng)
    name = with_diacritics(ascii_name, rng) if rng.random() < 0.3 else ascii_name
    lat = max(-89.9, min(89.9, rng.gauss(clat, spread)))
    lon = max(-179.9, min(179.9, rng.gauss(clon, spread)))
    pop = int(rng.lognormvariate(6, 2)) if fclass == "P" and rng.random() < 0.3 else 0
    cols = [
        str(gid), name, ascii_name, ",".join(alternates(ascii_name, rng)),
        f"{lat:.5f}", f"{lon:.5f}", fclass, rng.choice(codes), cc, "",
        f"{rng.randint(1, 20):02d}", str(rng.randint(100, 130)), "", "", str(pop),
        "", str(rng.randint(0, 2500)), "Asia/Damascus", "2024-03-01",
    ]
    return "\t".join(cols) + "\n"


def write_dump(path: Path, rows: int, zipped: bool, seed: int = 7) -> Path:
    """Write `rows` lines to `path` (.txt), or to a GeoNames-style zip holding it."""
    rng = random.Random(seed)
    gid = 10_000_000

    def lines():
        nonlocal gid
        for _ in range(rows):
            gid += rng.randint(1, 3)
            yield make_line(gid, rng)

    if not zipped:
        with open(path, "w", encoding="utf-8") as fh:
            fh.writelines(lines())
        return path
    zpath = path.with_suffix(".zip")
    with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("readme.txt", "synthetic GeoNames-format dump for benchmarking\n")
        with z.open(path.name, "w", force_zip64=True) as raw:
            buf: list[str] = []
            for line in lines():
                buf.append(line)
                if len(buf) >= 10000:
                    raw.write("".join(buf).encode("utf-8"))
                    buf = []
            raw.write("".join(buf).encode("utf-8"))
    return zpath


def make_tiny_gazetteer(path: Path) -> None:
    """A gazetteer with a few hundred places and admin names, like a test fixture."""
    rng = random.Random(1)
    conn = sqlite3.connect(path)
    db.create(conn)
    w = db.PlaceWriter(conn, mode="fresh")
    for i in range(300):
        cc, clat, clon, spread, _ = rng.choice(REGIONS)
        name = make_name(rng)
        w.add(db.PlaceRow(
            geonameid=str(1000 + i), name=name, lat=rng.gauss(clat, spread),
            lon=rng.gauss(clon, spread), feature_class="P", feature_code="PPL",
            country_code=cc, population=rng.randint(500, 100_000),
            alternate_names=alternates(name, rng),
        ))
    w.flush()
    conn.executemany("INSERT INTO admin_names VALUES (?,?,?)", [
        (f"{r[0]}.{a:02d}", f"Province {a}", None) for r in REGIONS for a in range(1, 21)
    ])
    db.create_indexes(conn)
    db.set_meta(conn, "imports", [])
    conn.commit()
    conn.close()


def run_import(db_path: Path, dump: Path) -> dict:
    """The measured part; runs in a child process (see main)."""
    from geo.gazetteer.geonames_import import import_files

    t0 = time.perf_counter()
    records = import_files(db_path, [dump], lambda m: print(f"  {m}", file=sys.stderr))
    seconds = time.perf_counter() - t0
    return {
        "rows": records[0]["rows"],
        "seconds": round(seconds, 1),
        "rows_per_s": round(records[0]["rows"] / seconds),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "db_mb": round(db_path.stat().st_size / 1e6, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=2_000_000, help="rows to generate")
    ap.add_argument("--zip", action="store_true", help="import a zipped dump")
    ap.add_argument("--keep", action="store_true", help="keep the temp dir (dump and DB)")
    ap.add_argument("--child", nargs=2, metavar=("DB", "DUMP"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_import(Path(args.child[0]), Path(args.child[1]))))
        return

    tmp = Path(tempfile.mkdtemp(prefix="bench_import_"))
    try:
        t0 = time.perf_counter()
        dump = write_dump(tmp / "XX.txt", args.rows, args.zip)
        print(f"generated {args.rows:,} rows in {time.perf_counter() - t0:.1f} s: "
              f"{dump.name}, {dump.stat().st_size / 1e6:.1f} MB")
        gaz = tmp / "gazetteer.sqlite"
        make_tiny_gazetteer(gaz)
        print(f"tiny gazetteer: {gaz.stat().st_size / 1e6:.2f} MB")
        child = subprocess.run(
            [sys.executable, __file__, "--child", str(gaz), str(dump)],
            stdout=subprocess.PIPE, text=True, check=True,
        )
        r = json.loads(child.stdout)
        print(f"input:      {dump.name} ({'zipped' if args.zip else 'plain'})")
        print(f"rows:       {r['rows']:,}")
        print(f"seconds:    {r['seconds']}")
        print(f"rows/s:     {r['rows_per_s']:,}")
        print(f"peak RSS:   {r['peak_rss_mb']} MB")
        print(f"DB size:    {r['db_mb']} MB")
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            import shutil

            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
