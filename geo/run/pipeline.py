"""The whole pipeline over a set of articles: read -> find and resolve places -> extract
claims -> detect wire copies -> apply corrections -> group incidents.

Used by `geo parse` (`parse_documents`), `geo incidents` and `geo map`
(`build_incidents`); every input document ends in the run report.  The per-document
steps run in `geo.run.parallel` (in this process, worker processes or a Dask cluster) and
are cached by `geo.run.cache`; everything across documents runs once, here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

import numpy as np

from geo.incidents.claims import Claim
from geo.incidents.corrections import (
    Corrections,
    Matches,
    apply_claim_fixes,
    load_corrections,
    without_discarded,
)
from geo.incidents.grouping import cluster, incidents_of, merge_groups
from geo.incidents.incident import Incident, IncidentSet, incident_id_of
from geo.incidents.wirecopies import compact, groups_of
from geo.read.documents import MAX_CHARS
from geo.run.parallel import Runner, WorkSpec
from geo.run.report import RunReport
from geo.run.store import RunStore


def _spec(kind: str, gaz, **kw) -> WorkSpec:
    # Absolute paths: workers (a Dask cluster's too) may not share our working directory.
    return WorkSpec(kind=kind, gazetteer_path=str(Path(gaz.path).absolute()),
                    local_tsv=str(Path(gaz.local_path).absolute()) if gaz.local_path else None,
                    **kw)


def _cache(kind: str, gaz, cache_dir: Path | None, **kw):
    if cache_dir is None:
        return None
    from geo.run.cache import Cache, run_context

    return Cache(Path(cache_dir), kind, run_context(kind, gaz, **kw))


def _tick(progress: Callable[[], None] | None):
    if progress is None:
        return None
    return lambda item, outcome: progress()


def parse_documents(inputs: Sequence[str | Path], gaz, *, gold_spans: bool = False,
                    with_text: bool = False, report: RunReport | None = None,
                    workers: int = 1, dask: str | None = None,
                    cache_dir: Path | None = None,
                    progress: Callable[[], None] | None = None,
                    max_chars: int | None = MAX_CHARS) -> Iterator[str]:
    """Each readable document's ParsedDocument as one JSON line, in input order.
    `max_chars`: the per-document text limit (`geo.read.read_inputs`)."""
    from geo.read import Document, read_inputs

    report = report if report is not None else RunReport()
    spec = _spec("parse", gaz, gold_spans=gold_spans, with_text=with_text)
    cache = _cache("parse", gaz, cache_dir,
                   options={"gold_spans": gold_spans, "with_text": with_text})
    runner = Runner(spec, workers=workers, dask=dask, cache=cache, gaz=gaz,
                    on_result=_tick(progress))
    for item, outcome in runner.run(read_inputs(list(inputs), max_chars=max_chars)):
        if not isinstance(item, Document):
            report.skip(item.source, item.reason)
        elif outcome.error is not None:
            report.skip(item.source, outcome.error, doc_id=item.id)
        else:
            report.document(item.source, item.id, mentions=outcome.payload["mentions"],
                            cached=outcome.cached, notes=item.notes, truncated=item.truncated)
            yield outcome.payload["record"]


def build_incidents(inputs: Sequence[str | Path], gaz, **options) -> list[Incident]:
    """Every incident of `inputs` as a list (options as for `incident_run`): for the
    Python API and small runs; `incident_run` streams them."""
    with incident_run(inputs, gaz, **options) as found:
        return list(found)


@contextmanager
def incident_run(inputs: Sequence[str | Path], gaz, *, taxonomy_path: Path | None = None,
                 corrections_path: Path | None = None,
                 report: RunReport | None = None, workers: int = 1,
                 dask: str | None = None, cache_dir: Path | None = None,
                 progress: Callable[[], None] | None = None,
                 grouping: Callable[[], AbstractContextManager] | None = None,
                 max_chars: int | None = MAX_CHARS,
                 ) -> Iterator[ReportedIncidents]:
    """Read, parse and extract per document (in parallel with `workers` > 1 or `dask`,
    from the cache in `cache_dir` when given), then group once over all claims.

    Yields the incidents, built one at a time as they are iterated: each document's
    claims wait in a temporary `RunStore` on disk, so memory holds a few numbers per
    claim rather than the claims (the store is deleted when the block ends).  Every
    document gets its entry in `report`, and every correction that matched nothing a
    warning there."""
    from geo.incidents.taxonomy import load_taxonomy
    from geo.read import Document, read_inputs

    report = report if report is not None else RunReport()
    # A bad taxonomy or corrections file fails here, before any work, not in every worker.
    taxonomy = load_taxonomy(taxonomy_path)
    fixes = load_corrections(corrections_path, event_types=[t.id for t in taxonomy.types])
    matches = Matches(fixes)
    spec = _spec("incidents", gaz, pins=tuple(fixes.pin),
                 taxonomy_path=str(Path(taxonomy_path).absolute()) if taxonomy_path else None)
    cache = _cache("incidents", gaz, cache_dir, taxonomy_path=taxonomy_path,
                   corrections_path=corrections_path)
    runner = Runner(spec, workers=workers, dask=dask, cache=cache, gaz=gaz,
                    on_result=_tick(progress))
    with RunStore() as store:
        for item, outcome in runner.run(read_inputs(list(inputs), max_chars=max_chars)):
            if not isinstance(item, Document):
                report.skip(item.source, item.reason)
                continue
            matches.document(item.id, item.text)
            if outcome.error is not None:
                report.skip(item.source, outcome.error, doc_id=item.id)
                continue
            try:
                doc_claims = [Claim.model_validate(c) for c in outcome.payload["claims"]]
                sh = compact(outcome.payload["shingles"])
            except Exception as exc:  # noqa: BLE001 - e.g. a hand-edited cache entry
                report.skip(item.source, f"unusable result: {type(exc).__name__}: {exc}",
                            doc_id=item.id)
                continue
            matches.claims(c.claim_id for c in doc_claims)
            doc_claims = without_discarded(doc_claims, fixes)
            # The event sentences extraction set aside (background, fighting, no site
            # finer than a country...), each with why: nothing is dropped silently.
            report.document(item.source, item.id, mentions=outcome.payload["mentions"],
                            cached=outcome.cached, claims=len(doc_claims), notes=item.notes,
                            truncated=item.truncated,
                            set_aside=list(outcome.payload.get("background") or []))
            store.add(item.id, apply_claim_fixes(doc_claims, fixes.claim, warn=report.warn),
                      sh)
        with (grouping or nullcontext)():
            found, discarded = _group(store, fixes, matches, taxonomy)
        for warning in matches.unmatched(gaz):
            report.warn(warning)
        yield ReportedIncidents(found, report, discarded)


class ReportedIncidents:
    """A run's incidents as they are written: those a `[[discard]]` names are left out,
    and the first pass over them tallies each in the run report (per source document,
    and whether it has a point), so the report says what was written.  Otherwise what
    `IncidentSet` is: sized, iterable, built one at a time."""

    def __init__(self, found: IncidentSet, report: RunReport, discarded: set[int]):
        self.found, self.report, self.discarded = found, report, discarded
        self._tallied = False

    def __len__(self) -> int:
        return len(self.found) - len(self.discarded)

    def __iter__(self) -> Iterator[Incident]:
        tally, self._tallied = not self._tallied, True
        if tally:
            self.report.without_point = 0
        for i in range(len(self.found)):
            if i in self.discarded:
                continue
            inc = self.found.incident(i)
            if tally:
                self.report.tally_incident((s.id for s in inc.sources), inc.lat is not None)
            yield inc

    def __getattr__(self, name: str):
        return getattr(self.found, name)


def _group(store: RunStore, fixes: Corrections, matches: Matches, taxonomy=None
           ) -> tuple[IncidentSet, set[int]]:
    """The incidents, and the positions of those not written: those a `[[discard]]
    incident` names, and those told only by reports placing them by their country."""
    wire = _wire_groups(store)  # first: its index is freed before the claim columns come
    table = store.table({s.claim_id for s in fixes.split})
    owner = cluster(table, [store.positions_of(m.claims) for m in fixes.merge if m.claims])
    wanted = [m.incidents for m in fixes.merge if m.incidents]
    if wanted:  # incident ids name groups as the rules (and claim merges) made them
        positions, bounds = incidents_of(owner)
        anchors = positions[bounds[:-1]].tolist()
        named = {i for group in wanted for i in group}
        by_id = {iid: k for k, cid in zip(anchors, store.claim_ids(anchors), strict=True)
                 if (iid := incident_id_of(cid)) in named}
        matches.incidents(by_id)
        owner = merge_groups(owner, [[by_id[i] for i in group if i in by_id]
                                     for group in wanted])
    discarded: set[int] = set()
    if gone := fixes.discarded_incidents():  # ids of the incidents as written
        positions, bounds = incidents_of(owner)
        anchors = positions[bounds[:-1]].tolist()
        ids = [incident_id_of(cid) for cid in store.claim_ids(anchors)]
        matches.incidents(ids)
        discarded = {k for k, iid in enumerate(ids) if iid in gone}
    found = IncidentSet(table, owner, wire=wire, claims_at=store.claims_at, taxonomy=taxonomy)
    return found, discarded | set(np.flatnonzero(found.lone).tolist())


def _wire_groups(store: RunStore) -> np.ndarray:
    """Each document's wire-story group (a document number), by document number.  The
    shingle sets are read from the store three times in order, and a few again by number
    (`groups_of`), never all held at once."""
    numbers = np.fromiter((n for n, _ in store.shingle_sets(numbers_only=True)), np.int64)
    groups = groups_of(lambda: (sh for _, sh in store.shingle_sets()),
                       fetch=lambda i: store.shingles_of(int(numbers[i])),
                       scratch=store.folder)
    wire = np.arange(store.document_count() + 1, dtype=np.int64)
    wire[numbers] = numbers[groups]
    return wire
