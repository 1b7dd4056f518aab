"""Batch runs over many documents: the run report, and writing outputs safely.

Every input document is accounted for: processed, truncated at the per-document limit,
or skipped with a reason.  The exit code follows: 0 all processed, 3 some skipped or
truncated (outputs still written), 2 nothing readable (nothing written).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from geo.errors import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE


def tune_gc() -> None:
    """Collect the youngest generation 70 times less often.

    A run allocates millions of short-lived objects (tokens, candidates) and keeps
    growing caches, but makes few reference cycles: at the default threshold of 700
    allocations, collections cost about 7% of parsing time.  Called by the `geo`
    process and its local workers, not by library code.
    """
    import gc

    gc.set_threshold(50_000, *gc.get_threshold()[1:])


# Notes printed on stderr before the rest are left to the --report file.
NOTES_SHOWN = 10


@dataclass
class RunReport:
    """What happened to every input of a run, for stderr and `--report FILE`.

    Every document is accounted for by one entry (`documents()`): processed (with its
    counts), truncated (processed after its text was cut at the per-document limit) or
    skipped (with the reason).  Entries wait in a private temporary SQLite file, not in
    memory: a run over a million articles must not hold a million dicts for its report.
    An entry is `{"source", "id", "status", "mentions", "claims", "incidents", "reason",
    "notes"}` plus any extra keys a step passes to `document()` (`extra`), so later steps
    can add their own per-document lists without changing this class.

    Run-level warnings (a correction that matched nothing) go to `warnings`.  The exit
    code: 2 when nothing was readable, 3 when anything was skipped or truncated, else 0.
    """

    processed: int = 0
    mentions: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    cached: int = 0        # processed documents whose result came from the cache
    computed: int = 0      # processed documents parsed in this run
    incidents: int | None = None
    truncated: int = 0     # processed documents whose text was cut at the limit
    noted: int = 0         # processed documents that carry notes
    without_point: int | None = None  # incidents written with no coordinates
    warnings: list[str] = field(default_factory=list)
    _db: sqlite3.Connection | None = field(default=None, repr=False)
    _shown: list[str] = field(default_factory=list, repr=False)
    _notes: int = field(default=0, repr=False)

    # -- entries -----------------------------------------------------------------------

    def _entries(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = sqlite3.connect("", check_same_thread=False)
            self._db.execute("CREATE TABLE docs (n INTEGER PRIMARY KEY, id TEXT, "
                             "incidents INTEGER NOT NULL DEFAULT 0, entry TEXT NOT NULL)")
            self._db.execute("CREATE INDEX docs_id ON docs (id)")
        return self._db

    def _add(self, entry: dict) -> None:
        # ASCII JSON: SQLite takes no lone surrogate (an error text may hold one).
        self._entries().execute("INSERT INTO docs (id, entry) VALUES (?, ?)",
                                (json.dumps(entry.get("id")), json.dumps(entry)))

    def skip(self, source: str, reason: str, *, doc_id: str | None = None) -> None:
        """An input (or one record of it) that gave no result, and why."""
        self.skipped.append((source, reason))
        self._add({"source": source, "id": doc_id, "status": "skipped", "reason": reason})

    def document(self, source: str, doc_id: str, *, mentions: int, cached: bool = False,
                 claims: int | None = None, notes: Sequence[str] = (),
                 truncated: bool = False, **extra: object) -> None:
        """One processed document: its counts, notes and any `extra` keys."""
        self.count(mentions, cached=cached)
        if truncated:
            self.truncated += 1
        if notes:
            self.noted += 1
            self._notes += len(notes)
            self._shown.extend(f"{source}: {n}" for n in notes[:NOTES_SHOWN - len(self._shown)])
        entry: dict = {"source": source, "id": doc_id,
                       "status": "truncated" if truncated else "processed",
                       "mentions": mentions, **({} if claims is None else {"claims": claims}),
                       "cached": cached, "notes": list(notes), **extra}
        self._add(entry)

    def count(self, mentions: int, *, cached: bool = False) -> None:
        """One processed document (counts only; `document()` also records its entry)."""
        self.processed += 1
        self.mentions += mentions
        if cached:
            self.cached += 1
        else:
            self.computed += 1

    def warn(self, message: str) -> None:
        """A run-level warning (printed, and listed in the report)."""
        self.warnings.append(message)

    def tally_incident(self, doc_ids: Iterable[str], has_point: bool) -> None:
        """One incident written: each of its source documents counts it once."""
        self.without_point = (self.without_point or 0) + (not has_point)
        db = self._entries()
        for doc_id in set(doc_ids):
            db.execute("UPDATE docs SET incidents = incidents + 1 WHERE id = ?",
                       (json.dumps(doc_id),))

    def documents(self) -> Iterator[dict]:
        """Every entry, in input order, with its incident count once incidents were
        tallied (`tally_incident`)."""
        if self._db is None:
            return
        tallied = self.without_point is not None
        for count, entry in self._db.execute("SELECT incidents, entry FROM docs ORDER BY n"):
            e = json.loads(entry)
            if tallied and e["status"] != "skipped":
                e["incidents"] = count
            yield e

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    # -- summaries ---------------------------------------------------------------------

    def skip_reasons(self) -> dict[str, int]:
        """How many documents were skipped per kind of reason (the text before ':')."""
        out: dict[str, int] = {}
        for _, reason in self.skipped:
            kind = reason.split(":", 1)[0].strip() or "unknown"
            out[kind] = out.get(kind, 0) + 1
        return out

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    @property
    def exit_code(self) -> int:
        if self.processed == 0:
            return EXIT_USAGE
        return EXIT_PARTIAL if self.skipped or self.truncated else EXIT_OK

    def summary(self) -> str:
        rate = self.processed / self.seconds if self.seconds > 0 else 0.0
        incidents = "" if self.incidents is None else f"{self.incidents:,} incidents, "
        reasons = self.skip_reasons()
        why = (" (" + "; ".join(f"{n:,} {k}" for k, n in reasons.items()) + ")"
               if reasons else "")
        cut = f"{self.truncated:,} truncated, " if self.truncated else ""
        return (f"{self.processed:,} documents, {self.mentions:,} mentions, {incidents}"
                f"{len(self.skipped):,} skipped{why}, {cut}{self.cached:,} cached, "
                f"{self.seconds:.1f} s ({rate:,.0f} docs/s)")

    def print(self, stream=None) -> None:
        stream = stream or sys.stderr
        for source, reason in self.skipped:
            print(f"geo: skipped {source}: {reason}", file=stream)
        for note in self._shown:
            print(f"geo: note: {note}", file=stream)
        if self._notes > len(self._shown):
            print(f"geo: note: ... {self._notes - len(self._shown):,} more notes; "
                  f"{self.noted:,} documents carry notes, each listed in the --report file",
                  file=stream)
        for warning in self.warnings:
            print(f"geo: warning: {warning}", file=stream)
        if self.processed == 0:
            print("geo: error: nothing readable in the inputs; no output written", file=stream)
        print(f"geo: {self.summary()}", file=stream)

    def _head(self) -> dict:
        return {"processed": self.processed, "mentions": self.mentions,
                "skipped": [{"source": s, "reason": r} for s, r in self.skipped],
                "truncated": self.truncated,
                "cached": self.cached, "computed": self.computed,
                **({} if self.incidents is None else {"incidents": self.incidents}),
                **({} if self.without_point is None else
                   {"incidents_without_point": self.without_point}),
                "warnings": list(self.warnings), "exit_code": self.exit_code,
                "seconds": round(self.seconds, 2), "peak_memory_mb": peak_memory_mb()}

    def as_dict(self) -> dict:
        """The report as one dict, `documents` included (for small runs and tests; `write`
        streams it)."""
        return {**self._head(), "documents": list(self.documents())}

    def write(self, path: Path) -> None:
        """The report as JSON, written atomically; the per-document entries are streamed
        from disk, one at a time."""
        from geo.atomic import atomic_write

        head = json.dumps(self._head(), indent=1, ensure_ascii=False)
        # Lone surrogates (in a worker's error text, say) come out as the JSON escape
        # \\udcxx that backslashreplace writes, so the file stays valid UTF-8 and JSON.
        with atomic_write(path, errors="backslashreplace") as fh:
            fh.write(head[:-2] + ',\n "documents": [')
            for k, entry in enumerate(self.documents()):
                fh.write(("," if k else "") + "\n  " + json.dumps(entry, ensure_ascii=False))
            fh.write("\n ]\n}\n")


def peak_memory_mb() -> float | None:
    """This process's peak resident memory (workers not included), where the OS says."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1 << 20 if sys.platform == "darwin" else 1 << 10), 1)


class JsonWriter:
    """Stream records as a JSON array or JSON Lines, to a file (atomically) or stdout.

    With `keep_empty=False`, a writer that got no record writes nothing at all: an
    existing file stays as it was, and stdout gets no empty array (a run with nothing
    readable says so, and writes nothing)."""

    def __init__(self, out: Path | None, fmt: str, *, keep_empty: bool = True):
        self.fmt = fmt
        self.out = out
        self.keep_empty = keep_empty
        self._n = 0
        self._ctx = None
        self.fh = None

    def __enter__(self) -> JsonWriter:
        if self.keep_empty:
            self._open()
        return self

    def _open(self) -> None:
        if self.out is None:
            self.fh = sys.stdout
        else:
            from geo.atomic import atomic_write

            self._ctx = atomic_write(self.out, errors="backslashreplace")
            self.fh = self._ctx.__enter__()
        if self.fmt == "json":
            self.fh.write("[")

    def write(self, record: str) -> None:
        if self.fh is None:
            self._open()
        if self.fmt == "json":
            self.fh.write(("," if self._n else "") + "\n" + record)
        else:
            self.fh.write(record + "\n")
        self._n += 1

    def __exit__(self, *exc) -> None:
        if self.fh is None:
            return  # nothing to write, and nothing was opened
        if self.fmt == "json" and exc[0] is None:
            self.fh.write("\n]\n")
        if self._ctx is not None:
            self._ctx.__exit__(*exc)
        else:
            self.fh.flush()


def dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False)


class Steps:
    """Progress bars (rich, on stderr) for the long steps of a run.

    Silent with `quiet`, and when stderr is not a terminal.  `bar(label)` is a
    context manager yielding a function to call once per item done; `spinner(label)`
    marks a step whose length is unknown (grouping, writing).
    """

    def __init__(self, quiet: bool = False):
        self.enabled = not quiet and sys.stderr.isatty()
        self._progress = None

    def __enter__(self) -> Steps:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            self._progress = Progress(
                SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                MofNCompleteColumn(), TimeElapsedColumn(),
                console=Console(stderr=True), transient=True)
            self._progress.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.__exit__(*exc)
            self._progress = None

    def counter(self, label: str):
        """A function to call once per item done (a no-op when silent)."""
        if self._progress is None:
            return lambda: None
        task = self._progress.add_task(label, total=None)
        return lambda: self._progress.advance(task)

    @contextlib.contextmanager
    def spinner(self, label: str):
        if self._progress is None:
            yield
            return
        task = self._progress.add_task(label, total=None)
        try:
            yield
        finally:
            self._progress.update(task, total=1, completed=1, visible=False)
