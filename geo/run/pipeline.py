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
from geo.incidents.corrections import apply_claim_fixes, load_corrections
from geo.incidents.grouping import cluster, incidents_of, merge_groups
from geo.incidents.incident import Incident, IncidentSet, incident_id_of
from geo.incidents.wirecopies import compact, groups_of
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
                    progress: Callable[[], None] | None = None) -> Iterator[str]:
    """Each readable document's ParsedDocument as one JSON line, in input order."""
    from geo.read import Document, read_inputs

    report = report if report is not None else RunReport()
    spec = _spec("parse", gaz, gold_spans=gold_spans, with_text=with_text)
    cache = _cache("parse", gaz, cache_dir,
                   options={"gold_spans": gold_spans, "with_text": with_text})
    runner = Runner(spec, workers=workers, dask=dask, cache=cache, gaz=gaz,
                    on_result=_tick(progress))
    for item, outcome in runner.run(read_inputs(list(inputs))):
        if not isinstance(item, Document):
            report.skip(item.source, item.reason)
        elif outcome.error is not None:
            report.skip(item.source, outcome.error)
        else:
            report.count(outcome.payload["mentions"], cached=outcome.cached)
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
                 ) -> Iterator[IncidentSet]:
    """Read, parse and extract per document (in parallel with `workers` > 1 or `dask`,
    from the cache in `cache_dir` when given), then group once over all claims.

    Yields the incidents, built one at a time as they are iterated: each document's
    claims wait in a temporary `RunStore` on disk, so memory holds a few numbers per
    claim rather than the claims (the store is deleted when the block ends)."""
    from geo.incidents.taxonomy import load_taxonomy
    from geo.read import Document, read_inputs

    report = report if report is not None else RunReport()
    taxonomy = load_taxonomy(taxonomy_path)  # a bad file fails here, not in every worker
    fixes = load_corrections(corrections_path)
    spec = _spec("incidents", gaz, pins=tuple(fixes.pin),
                 taxonomy_path=str(Path(taxonomy_path).absolute()) if taxonomy_path else None)
    cache = _cache("incidents", gaz, cache_dir, taxonomy_path=taxonomy_path,
                   corrections_path=corrections_path)
    runner = Runner(spec, workers=workers, dask=dask, cache=cache, gaz=gaz,
                    on_result=_tick(progress))
    with RunStore() as store:
        for item, outcome in runner.run(read_inputs(list(inputs))):
            if not isinstance(item, Document):
                report.skip(item.source, item.reason)
                continue
            if outcome.error is not None:
                report.skip(item.source, outcome.error)
                continue
            try:
                doc_claims = [Claim.model_validate(c) for c in outcome.payload["claims"]]
                sh = compact(outcome.payload["shingles"])
            except Exception as exc:  # noqa: BLE001 - e.g. a hand-edited cache entry
                report.skip(item.source, f"unusable result: {type(exc).__name__}: {exc}")
                continue
            report.count(outcome.payload["mentions"], cached=outcome.cached)
            store.add(item.id, apply_claim_fixes(doc_claims, fixes.claim), sh)
        with (grouping or nullcontext)():
            found = _group(store, fixes, taxonomy)
        yield found


def _group(store: RunStore, fixes, taxonomy=None) -> IncidentSet:
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
        owner = merge_groups(owner, [[by_id[i] for i in group if i in by_id]
                                     for group in wanted])
    return IncidentSet(table, owner, wire=wire, claims_at=store.claims_at, taxonomy=taxonomy)


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
