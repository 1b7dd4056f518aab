"""Geocode a column of a CSV file, keeping every input row.

Appended columns (prefixed so they never clobber the user's own):
`geo_status` (ok, not_found or error), `geo_name`, `geo_lat`, `geo_lon`,
`geo_country_code`, `geo_admin1`, `geo_feature_code`, `geo_geonameid`, `geo_match`
(exact, alternate, fuzzy), `geo_score`, `geo_note` (why a row did not match, or the
suggestions).
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from geo.atomic import atomic_write
from geo.errors import GeoError, InputError, NotFound
from geo.gazetteer.geocode import geocode
from geo.gazetteer.lookup import Gazetteer
from geo.models import Candidate

OUT_COLUMNS = [
    "geo_status", "geo_name", "geo_lat", "geo_lon", "geo_country_code", "geo_admin1",
    "geo_feature_code", "geo_geonameid", "geo_match", "geo_score", "geo_note",
]


def _count_rows(path: Path) -> int:
    with open(path, "rb") as fh:
        return max(0, sum(1 for _ in fh) - 1)


def geocode_csv(gaz: Gazetteer, in_path: Path, column: str, out_path: Path | None, *,
                country: str | None = None, country_column: str | None = None,
                progress: Callable[[int, int], None] | None = None) -> dict:
    """Write `in_path` plus the geo_* columns to `out_path` (stdout if None); return counts."""
    if not in_path.is_file():
        raise InputError(f"{in_path}: no such file")
    total = _count_rows(in_path)

    @lru_cache(maxsize=100_000)
    def lookup(name: str, cc: str | None) -> tuple[str, Candidate | None, str]:
        try:
            hits = geocode(gaz, name, country=cc, limit=1)
            return "ok", hits[0], ""
        except NotFound as exc:
            return "not_found", None, "; ".join(exc.suggestions[:3])
        except GeoError as exc:
            return "error", None, str(exc)

    counts = {"rows": 0, "ok": 0, "not_found": 0, "error": 0}
    try:
        with open(in_path, encoding="utf-8-sig", newline="") as src:
            reader = csv.DictReader(src)
            fields = reader.fieldnames or []
            for needed in filter(None, (column, country_column)):
                if needed not in fields:
                    raise InputError(
                        f"{in_path}: no column {needed!r}; columns are: {', '.join(fields)}"
                    )
            out_fields = fields + [c for c in OUT_COLUMNS if c not in fields]
            sink = atomic_write(out_path, newline="") if out_path else _Stdout()
            with sink as out:
                writer = csv.DictWriter(out, fieldnames=out_fields, extrasaction="ignore")
                writer.writeheader()
                for row in reader:
                    counts["rows"] += 1
                    name = (row.get(column) or "").strip()
                    cc = country
                    if country_column:
                        cc = (row.get(country_column) or "").strip() or None
                    if name:
                        status, cand, note = lookup(name, cc)
                    else:
                        status, cand, note = "error", None, "empty name"
                    counts[status] += 1
                    row.update(_columns(status, cand, note))
                    writer.writerow(row)
                    if progress and counts["rows"] % 500 == 0:
                        progress(counts["rows"], total)
    except UnicodeDecodeError as exc:
        raise InputError(f"{in_path}: not UTF-8 text ({exc.reason} at byte {exc.start})") \
            from None
    except csv.Error as exc:
        raise InputError(f"{in_path}: line {reader.line_num}: {exc}") from None
    if progress:
        progress(counts["rows"], total)
    return counts


def _columns(status: str, c: Candidate | None, note: str) -> dict[str, object]:
    if c is None:
        return {"geo_status": status, "geo_note": note}
    return {
        "geo_status": status, "geo_name": c.name, "geo_lat": c.lat, "geo_lon": c.lon,
        "geo_country_code": c.country_code, "geo_admin1": c.admin1,
        "geo_feature_code": c.feature_code, "geo_geonameid": c.geonameid,
        "geo_match": c.match, "geo_score": c.score, "geo_note": note,
    }


class _Stdout:
    def __enter__(self):
        return sys.stdout

    def __exit__(self, *exc) -> None:
        sys.stdout.flush()
