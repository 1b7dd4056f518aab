"""Per-document work, in this process, a pool of worker processes or on a Dask cluster.

`geo parse`, `geo incidents` and `geo map` do the same thing for every document: find
and resolve its places and (for incidents) extract its claims.  That work is independent
per document, so it runs in parallel; everything that looks across documents (wire
copies, corrections, grouping) runs once in the parent over the results.

* Results come back **in input order**, whatever order the workers finish in, so the
  output of `--workers 8` is byte for byte that of `--workers 1`.
* Documents **stream**: at most a bounded window of them is in flight (read, sent, not
  yet handed back), so memory does not grow with the size of the input.
* A document whose work raises becomes an error outcome (a skipped entry in the run
  report), never a crash; a worker process that dies costs only the documents it held.
* Workers are started with `spawn` (safe on every platform, and with threads in the
  parent); each opens the gazetteer read-only itself, from its path, once.
* Results are JSON-ready dicts (a parsed document, or claims plus the text's shingles
  for wire-copy detection: the text never travels back), so they can be cached as they
  are (`geo.run.cache`).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

CHUNK = 4               # documents per task sent to a worker
WINDOW_PER_WORKER = 4   # chunks in flight per worker
# Starting worker processes costs about a second: a run with at most this many documents
# to compute stays in this process.
MIN_PARALLEL = 16


@dataclass(frozen=True)
class WorkSpec:
    """What a worker needs to process a document; small and picklable."""

    kind: str                               # "parse" or "incidents"
    gazetteer_path: str
    local_tsv: str | None = None            # None: no local.tsv
    taxonomy_path: str | None = None
    pins: tuple = ()                        # geo.incidents.corrections.Pin models
    gold_spans: bool = False
    with_text: bool = False


@dataclass
class Outcome:
    """One document's result: `payload` (JSON-ready) or `error` (one line)."""

    payload: dict | None = None
    error: str | None = None
    cached: bool = False


@dataclass
class _State:
    gaz: object
    taxonomy: object = None
    owns_gaz: bool = True


_STATES: dict[tuple, _State] = {}


def _state_for(spec: WorkSpec) -> _State:
    """The worker's gazetteer and taxonomy for `spec`, opened once per process."""
    k = (spec.kind, spec.gazetteer_path, spec.local_tsv, spec.taxonomy_path)
    st = _STATES.get(k)
    if st is None:
        from geo.gazetteer.lookup import Gazetteer

        gaz = Gazetteer(spec.gazetteer_path, local_tsv=spec.local_tsv or False)
        st = _STATES[k] = _State(gaz=gaz, taxonomy=_taxonomy(spec))
    return st


def _taxonomy(spec: WorkSpec):
    if spec.kind != "incidents":
        return None
    from geo.incidents.taxonomy import load_taxonomy

    return load_taxonomy(Path(spec.taxonomy_path) if spec.taxonomy_path else None)


def compute(spec: WorkSpec, state: _State, doc) -> Outcome:
    """The per-document work; never raises."""
    try:
        if spec.kind == "parse":
            return Outcome(payload=_parse(spec, state, doc))
        return Outcome(payload=_incidents(spec, state, doc))
    except _Skip as exc:
        return Outcome(error=str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad document never stops a run
        what = "parser failed" if spec.kind == "parse" else "extraction failed"
        return Outcome(error=f"{what}: {type(exc).__name__}: {exc}")


class _Skip(Exception):
    pass


def _parse(spec: WorkSpec, state: _State, doc) -> dict:
    from geo.places.parse import parse_document
    from geo.run.report import dumps

    if spec.gold_spans and doc.gold_toponyms is None:
        raise _Skip("--gold-spans given but the record has no toponyms")
    pd = parse_document(
        doc.id, doc.text, state.gaz, title=doc.title,
        gold_spans=doc.gold_toponyms if spec.gold_spans else None,
        include_text=spec.with_text or doc.source.lower().endswith((".html", ".htm")),
    )
    return {"mentions": len(pd.toponyms),
            "record": dumps(pd.model_dump(mode="json", exclude_none=False))}


def _incidents(spec: WorkSpec, state: _State, doc) -> dict:
    from geo.incidents.claims import analysis_text, boilerplate_spans, extract
    from geo.incidents.corrections import apply_pins
    from geo.incidents.extract import publication
    from geo.incidents.wirecopies import shingles
    from geo.places.parse import parse_text

    text, title_end = analysis_text(doc)
    boiler = boilerplate_spans(text)
    toponyms = [t for t in parse_text(text, state.gaz)
                if not any(s <= t.start < e for s, e in boiler)]
    toponyms = apply_pins(doc.id, toponyms, list(spec.pins), state.gaz)
    published, estimated = publication(doc)
    found = extract(doc, toponyms, state.taxonomy, published=published,
                    estimated=estimated, text=text, title_end=title_end)
    return {"mentions": len(toponyms),
            "claims": [c.model_dump(mode="json") for c in found.claims],
            "background": found.background,
            "shingles": sorted(shingles(doc.text))}


def _exit_with_parent(parent: int) -> None:
    """Worker initializer: end this process when the parent dies (even by SIGKILL), so a
    killed run leaves no sleeping workers holding the gazetteer open."""
    import threading
    import time

    from geo.run.report import tune_gc

    tune_gc()

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(0.5)

    threading.Thread(target=watch, daemon=True, name="geo-parent-watch").start()


def work_chunk(spec: WorkSpec, docs: list) -> list[Outcome]:
    """Worker entry point (process pool and Dask): a chunk of documents, in order."""
    state = _state_for(spec)
    return [compute(spec, state, d) for d in docs]


# --- backends -----------------------------------------------------------------------------

class _Inline:
    """Everything in this process (`--workers 1`): no pickling, same results."""

    def __init__(self, spec: WorkSpec, gaz=None):
        self.spec = spec
        self.state = _State(gaz=gaz, taxonomy=_taxonomy(spec), owns_gaz=False) \
            if gaz is not None else _state_for(spec)

    def submit(self, docs: list):
        return [compute(self.spec, self.state, d) for d in docs]

    @staticmethod
    def result(handle) -> list[Outcome]:
        return handle

    def close(self) -> None:
        pass


class _Pool:
    """A pool of spawned worker processes."""

    def __init__(self, spec: WorkSpec, workers: int):
        self.spec = spec
        self.workers = workers
        self.pool = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_exit_with_parent, initargs=(os.getpid(),))

    def submit(self, docs: list):
        try:
            return self.pool.submit(work_chunk, self.spec, docs)
        except BrokenProcessPool:
            # A worker died (killed, out of memory): its documents were reported; go on.
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._new()
            return self.pool.submit(work_chunk, self.spec, docs)

    @staticmethod
    def result(handle) -> list[Outcome]:
        return handle.result()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _Dask:
    """Per-document work on a Dask cluster; results fetched in input order."""

    def __init__(self, spec: WorkSpec, address: str):
        from geo.errors import InputError

        try:
            from dask.distributed import Client
        except ImportError as exc:
            raise InputError("--dask needs dask.distributed: pip install "
                             "'dask[distributed]'") from exc
        self.spec = spec
        try:
            self.client = Client(address)
        except (OSError, ValueError, TypeError) as exc:
            raise InputError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def submit(self, docs: list):
        return self.client.submit(work_chunk, self.spec, docs, pure=False)

    @staticmethod
    def result(handle) -> list[Outcome]:
        return handle.result()

    def close(self) -> None:
        self.client.close()


class _Job:
    """One chunk sent to a backend, shared by the slots of its documents."""

    def __init__(self, backend, slots: list[_Slot]):
        self.backend = backend
        self.slots = slots
        self.handle = None
        self.error: str | None = None
        try:
            self.handle = backend.submit([s.item for s in slots])
        except Exception as exc:  # noqa: BLE001 - the documents are reported, not lost
            self.error = f"worker failed: {type(exc).__name__}: {exc}"
        self.finished = False

    def ready(self) -> bool:
        if self.finished or self.error is not None:
            return True
        done = getattr(self.handle, "done", None)
        return done() if callable(done) else True

    def finish(self, cache) -> None:
        """Wait for the chunk; set every slot's outcome (and cache the successes)."""
        if self.finished:
            return
        self.finished = True
        if self.error is None:
            try:
                outcomes = self.backend.result(self.handle)
            except Exception as exc:  # noqa: BLE001 - a dead worker costs its chunk only
                self.error = f"worker failed: {type(exc).__name__}: {exc}"
        if self.error is not None:
            outcomes = [Outcome(error=self.error) for _ in self.slots]
        for s, o in zip(self.slots, outcomes, strict=True):
            if o.payload is not None and cache is not None:
                cache.put(s.key, o.payload)
            s.outcome = o
            s.pending = False
            s.job = None
        # Slots and job referred to each other: a cycle that only the garbage collector's
        # rare full passes would free, holding thousands of results meanwhile.
        self.slots, self.handle = [], None


@dataclass
class _Slot:
    item: object
    outcome: Outcome | None = None
    key: str | None = None
    pending: bool = False
    job: _Job | None = None


@dataclass
class Runner:
    """Runs `spec`'s per-document work over a stream, with an optional cache.

    `workers`: 1 runs in this process (using `gaz` if given); more starts a pool of that
    many processes, lazily (a run with a single chunk of work stays in this process).
    `dask`: a scheduler address; the work runs on that cluster instead.
    `on_result(item, outcome)` is called as each item is handed back (progress bars).
    """

    spec: WorkSpec
    workers: int = 1
    dask: str | None = None
    cache: object = None          # geo.run.cache.Cache
    gaz: object = None
    chunk: int = CHUNK
    on_result: Callable[[object, Outcome | None], None] | None = None
    _backend: object = field(default=None, init=False)

    def _get_backend(self, pending_docs: int, finished: bool):
        if self._backend is None:
            if self.dask:
                self._backend = _Dask(self.spec, self.dask)
            elif self.workers > 1 and not (finished and pending_docs <= MIN_PARALLEL):
                self._backend = _Pool(self.spec, self.workers)
            else:
                self._backend = _Inline(self.spec, self.gaz)
        return self._backend

    def _window(self) -> int:
        """How many documents may be read and not yet handed back."""
        n = getattr(self._backend, "workers", None) or max(1, self.workers)
        return max(self.chunk, n * WINDOW_PER_WORKER * self.chunk)

    def run(self, items: Iterable) -> Iterator[tuple[object, Outcome | None]]:
        """(item, outcome) in input order; `Skipped` items pass through with None."""
        from geo.read import Document

        slots: deque[_Slot] = deque()
        batch: list[_Slot] = []
        if self.dask:
            self._get_backend(0, False)  # an unreachable scheduler fails before any reading

        def send(finished: bool = False) -> None:
            nonlocal batch
            if batch:
                backend = self._get_backend(len(batch), finished)
                for i in range(0, len(batch), self.chunk):
                    part = batch[i:i + self.chunk]
                    job = _Job(backend, part)
                    for s in part:
                        s.job = job
                batch = []

        def emit() -> tuple[object, Outcome | None]:
            slot = slots.popleft()
            if slot.pending:
                if slot.job is None:
                    send()
                slot.job.finish(self.cache)
            if self.on_result is not None:
                self.on_result(slot.item, slot.outcome)
            return slot.item, slot.outcome

        try:
            for item in items:
                slot = _Slot(item)
                if isinstance(item, Document):
                    if self.cache is not None:
                        slot.key = self.cache.key(item, gold_spans=self.spec.gold_spans)
                        hit = self.cache.get(slot.key)
                        if hit is not None:
                            slot.outcome = Outcome(payload=hit, cached=True)
                    if slot.outcome is None:
                        slot.pending = True
                        batch.append(slot)
                        if len(batch) >= (self.chunk if self._backend is not None
                                          else max(self.chunk, MIN_PARALLEL + 1)):
                            send()
                slots.append(slot)
                while slots and (not slots[0].pending
                                 or (slots[0].job is not None and slots[0].job.ready())):
                    yield emit()
                while len(slots) >= self._window():
                    yield emit()
            send(finished=True)
            while slots:
                yield emit()
        finally:
            if self._backend is not None:
                self._backend.close()
                self._backend = None


def default_workers() -> int:
    return os.cpu_count() or 1
