"""Batch runs over many documents: the run report, and writing outputs safely.

Every input document is accounted for: processed, or skipped with a reason.  The exit
code follows: 0 all processed, 3 some skipped (outputs still written), 2 nothing
readable.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from geo.errors import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE


@dataclass
class RunReport:
    processed: int = 0
    mentions: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    def skip(self, source: str, reason: str) -> None:
        self.skipped.append((source, reason))

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
        return (f"{self.processed:,} documents, {self.mentions:,} mentions, "
                f"{len(self.skipped):,} skipped, {self.seconds:.1f} s ({rate:,.0f} docs/s)")

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
                "seconds": round(self.seconds, 2)}


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
