"""A run's claims and shingle sets, on disk until grouping and writing need them.

`geo incidents` over a folder of a million articles must not hold a million articles'
claims in memory: each claim is a few kilobytes as an object (its quote, its source),
and grouping reads only a few numbers of it.  So each document's claims go, as they
arrive from the workers, into a temporary SQLite file; grouping reads back the numbers
as columns (`geo.incidents.grouping.ClaimTable`), and each incident's claims are read back when
that incident is written.  The file lives in a fresh folder under the system temp dir
(`TMPDIR` moves it) and is deleted when the run ends; the store of a run that was
killed outright is deleted by the next run on the same host.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import tempfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np

from geo.atomic import HOST, pid_alive
from geo.incidents.claims import Claim
from geo.incidents.grouping import ClaimRow, ClaimTable, row_of

_SCHEMA = """
CREATE TABLE docs (n INTEGER PRIMARY KEY, doc_id TEXT NOT NULL UNIQUE, shingles BLOB);
CREATE TABLE claims (
    n INTEGER PRIMARY KEY, claim_id TEXT NOT NULL, published_sort TEXT NOT NULL,
    doc INTEGER NOT NULL, event_type TEXT NOT NULL, coarse INTEGER NOT NULL, lat REAL,
    lon REAL, uncertainty_km REAL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    tolerance INTEGER NOT NULL, before INTEGER NOT NULL, weak INTEGER NOT NULL,
    stated INTEGER NOT NULL, sig BLOB NOT NULL, lone INTEGER NOT NULL, body BLOB NOT NULL);
"""
_COLUMNS = ("doc, event_type, coarse, lat, lon, uncertainty_km, start, end, tolerance, "
            "before, weak, stated, sig, lone")
FETCH = 2_000  # rows read at a time when building the columns


class RunStore:
    """Claims and shingle sets of one run in a temporary SQLite file.

        with RunStore() as store:
            store.add("doc-1", claims, shingles)
            table = store.table(splits=set())
            claims = store.claims_at([0, 1])
    """

    def __init__(self, directory: str | Path | None = None):
        remove_stale_stores(directory)
        self.folder = Path(tempfile.mkdtemp(prefix=f"geo-run-{HOST}-{os.getpid()}-",
                                            dir=directory))
        try:
            self.db = sqlite3.connect(self.folder / "run.sqlite")
            # A scratch file: nothing to recover after a crash, so no journal and no syncs.
            self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                                  "PRAGMA cache_size=-8000;" + _SCHEMA)
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise
        self.rows = np.zeros(0, np.int64)  # claim position -> claims.n, once `table` ran
        self._last: tuple[str | None, int] = (None, 0)  # the document being added

    def __enter__(self) -> RunStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _doc(self, doc_id: str, shingles: bytes | None = None) -> int:
        """The document's number (its first arrival), storing its shingles if given
        (a later document with the same id replaces them, as a dict would)."""
        if doc_id == self._last[0]:
            n = self._last[1]
            if shingles is not None:
                self.db.execute("UPDATE docs SET shingles = ? WHERE n = ?", (shingles, n))
            return n
        if shingles is None:
            self.db.execute("INSERT OR IGNORE INTO docs (doc_id) VALUES (?)", (doc_id,))
            (n,), = self.db.execute("SELECT n FROM docs WHERE doc_id = ?", (doc_id,))
        else:
            (n,), = self.db.execute(
                "INSERT INTO docs (doc_id, shingles) VALUES (?, ?) ON CONFLICT (doc_id) "
                "DO UPDATE SET shingles = excluded.shingles RETURNING n", (doc_id, shingles))
        self._last = (doc_id, n)
        return n

    def add(self, doc_id: str, claims: Iterable[Claim], shingles: np.ndarray) -> None:
        """One document's claims and its shingle set (a sorted uint32 array)."""
        self._doc(doc_id, shingles.astype("<u4").tobytes())
        rows = []
        for c in claims:
            r = row_of(c, self._doc(c.doc_id))
            rows.append((c.claim_id, c.published_sort, r.doc, r.event_type, r.coarse,
                         c.lat, c.lon, r.uncertainty_km, r.start, r.end, r.tolerance,
                         r.before, r.weak, r.stated, np.array(r.sig, "<u4").tobytes(), r.lone,
                         zlib.compress(c.model_dump_json().encode("utf-8"), 1)))
        self.db.executemany(
            f"INSERT INTO claims (claim_id, published_sort, {_COLUMNS}, body) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def table(self, splits: set[str]) -> ClaimTable:
        """Every claim's grouping columns, in claim order; `splits` are claim ids kept
        alone.  Also remembers which row each position is, for `claims_at`."""
        n = self.db.execute("SELECT count(*) FROM claims").fetchone()[0]
        t = ClaimTable(n)
        self.rows = np.zeros(n, np.int64)
        cur = self.db.execute(
            f"SELECT n, claim_id, {_COLUMNS} FROM claims "
            "ORDER BY published_sort, claim_id, n")  # n: arrival order breaks ties
        k = 0
        while batch := cur.fetchmany(FETCH):
            for (row, claim_id, doc, etype, coarse, lat, lon, unc, start, end, tol, before,
                 weak, stated, sig, lone) in batch:
                t.set(k, ClaimRow(doc, etype, bool(coarse), _nan(lat), _nan(lon), unc,
                                  start, end, tol, before, bool(weak),
                                  tuple(int(x) for x in np.frombuffer(sig, "<u4")),
                                  bool(stated), bool(lone)))
                t.split[k] = claim_id in splits
                self.rows[k] = row
                k += 1
        return t

    def claims_at(self, positions: Sequence[int]) -> list[Claim]:
        """The claims at these positions of `table`, in that order."""
        rows = [int(self.rows[k]) for k in positions]
        found: dict[int, Claim] = {}
        for start in range(0, len(rows), 500):  # SQLite's variable limit
            chunk = rows[start:start + 500]
            for n, body in self.db.execute(
                    f"SELECT n, body FROM claims WHERE n IN ({','.join('?' * len(chunk))})",
                    chunk):
                found[n] = Claim.model_validate_json(zlib.decompress(body))
        return [found[r] for r in rows]

    def claim_ids(self, positions: Sequence[int]) -> Iterator[str]:
        """The claim ids at these positions, in that order, read 500 at a time."""
        for start in range(0, len(positions), 500):
            rows = [int(self.rows[k]) for k in positions[start:start + 500]]
            found = dict(self.db.execute(
                f"SELECT n, claim_id FROM claims WHERE n IN ({','.join('?' * len(rows))})",
                rows))
            yield from (found[r] for r in rows)

    def positions_of(self, claim_ids: Iterable[str]) -> list[int]:
        """Every position holding one of these claim ids (for the analyst's merges)."""
        wanted = list(dict.fromkeys(claim_ids))
        if not wanted:
            return []
        self.db.execute("CREATE INDEX IF NOT EXISTS claims_by_id ON claims (claim_id)")
        rows = {n for start in range(0, len(wanted), 500) for (n,) in self.db.execute(
            "SELECT n FROM claims WHERE claim_id IN "
            f"({','.join('?' * len(wanted[start:start + 500]))})", wanted[start:start + 500])}
        return np.flatnonzero(np.isin(self.rows, np.fromiter(rows, np.int64, len(rows)))
                              ).tolist()

    def shingle_sets(self, *, numbers_only: bool = False
                     ) -> Iterator[tuple[int, np.ndarray | None]]:
        """(document number, shingle set) of every document, in arrival order."""
        what = "n, NULL" if numbers_only else "n, shingles"
        for n, blob in self.db.execute(
                f"SELECT {what} FROM docs WHERE shingles IS NOT NULL ORDER BY n"):
            yield n, None if numbers_only else np.frombuffer(blob, "<u4")

    def shingles_of(self, n: int) -> np.ndarray:
        """The shingle set of document number n."""
        (blob,), = self.db.execute("SELECT shingles FROM docs WHERE n = ?", (n,))
        return np.frombuffer(blob, "<u4")

    def document_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM docs").fetchone()[0]


def remove_stale_stores(directory: str | Path | None = None) -> list[Path]:
    """Delete the run stores of runs on this host that no longer run (a run killed by
    SIGKILL or a power cut cannot delete its own), so they never pile up."""
    folder = Path(directory or tempfile.gettempdir())
    pattern = re.compile(rf"geo-run-{re.escape(HOST)}-(\d+)-.+")
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = pattern.fullmatch(entry.name)
        if m and entry.is_dir(follow_symlinks=False) and not pid_alive(int(m[1])):
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(Path(entry.path))
    return removed


def _nan(x: float | None) -> float:
    return float("nan") if x is None else x
