"""Batch runs over many documents: the run report, and writing outputs safely.

Every input document is accounted for: processed, or skipped with a reason.  The exit
code follows: 0 all processed, 3 some skipped (outputs still written), 2 nothing
readable.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
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


@dataclass
class RunReport:
    processed: int = 0
    mentions: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    cached: int = 0        # processed documents whose result came from the cache
    computed: int = 0      # processed documents parsed in this run
    incidents: int | None = None

    def skip(self, source: str, reason: str) -> None:
        self.skipped.append((source, reason))

    def count(self, mentions: int, *, cached: bool = False) -> None:
        """One processed document."""
        self.processed += 1
        self.mentions += mentions
        if cached:
            self.cached += 1
        else:
            self.computed += 1

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
        return EXIT_PARTIAL if self.skipped else EXIT_OK

    def summary(self) -> str:
        rate = self.processed / self.seconds if self.seconds > 0 else 0.0
        incidents = "" if self.incidents is None else f"{self.incidents:,} incidents, "
        reasons = self.skip_reasons()
        why = (" (" + "; ".join(f"{n:,} {k}" for k, n in reasons.items()) + ")"
               if reasons else "")
        return (f"{self.processed:,} documents, {self.mentions:,} mentions, {incidents}"
                f"{len(self.skipped):,} skipped{why}, {self.cached:,} cached, "
                f"{self.seconds:.1f} s ({rate:,.0f} docs/s)")

    def print(self, stream=None) -> None:
        stream = stream or sys.stderr
        for source, reason in self.skipped:
            print(f"geo: skipped {source}: {reason}", file=stream)
        if self.processed == 0:
            print("geo: error: nothing readable in the inputs", file=stream)
        print(f"geo: {self.summary()}", file=stream)

    def as_dict(self) -> dict:
        return {"processed": self.processed, "mentions": self.mentions,
                "skipped": [{"source": s, "reason": r} for s, r in self.skipped],
                "cached": self.cached, "computed": self.computed,
                **({} if self.incidents is None else {"incidents": self.incidents}),
                "seconds": round(self.seconds, 2), "peak_memory_mb": peak_memory_mb()}


def peak_memory_mb() -> float | None:
    """This process's peak resident memory (workers not included), where the OS says."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1 << 20 if sys.platform == "darwin" else 1 << 10), 1)


class JsonWriter:
    """Stream records as a JSON array or JSON Lines, to a file (atomically) or stdout."""

    def __init__(self, out: Path | None, fmt: str):
        self.fmt = fmt
        self.out = out
        self._n = 0
        self._ctx = None
        self.fh = None

    def __enter__(self) -> JsonWriter:
        if self.out is None:
            self.fh = sys.stdout
        else:
            from geo.atomic import atomic_write

            self._ctx = atomic_write(self.out)
            self.fh = self._ctx.__enter__()
        if self.fmt == "json":
            self.fh.write("[")
        return self

    def write(self, record: str) -> None:
        if self.fmt == "json":
            self.fh.write(("," if self._n else "") + "\n" + record)
        else:
            self.fh.write(record + "\n")
        self._n += 1

    def __exit__(self, *exc) -> None:
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
