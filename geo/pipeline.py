"""The whole pipeline over a set of articles: read -> find and resolve places -> extract
claims -> detect wire copies -> apply corrections -> group incidents.

Used by `geo incidents` and `geo map`; every input document ends in the run report.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from geo.claims import Claim, boilerplate_spans, extract_claims
from geo.corrections import apply_claim_fixes, apply_pins, load_corrections
from geo.incidents import Incident, group_claims
from geo.runs import RunReport
from geo.wirecopies import wire_groups


def publication(doc) -> tuple[tuple | None, bool]:
    """(first day, last day, precision) of the publication date, and whether estimated."""
    from geo.documents import published_range

    if doc.published:
        try:
            s, e = published_range(doc.published)
        except ValueError:
            s = e = None
        if s is not None:
            prec = {4: "year", 7: "month"}.get(len(doc.published), "day")
            return (s, e, prec), False
    from geo.dates import estimate_published

    est = estimate_published(
        doc.text, boilerplate=lambda line: bool(boilerplate_spans(line)))
    return (est if est else None), True


def build_incidents(inputs: Sequence[str | Path], gaz, *, taxonomy_path: Path | None = None,
                    corrections_path: Path | None = None,
                    report: RunReport | None = None) -> list[Incident]:
    from geo.documents import Document, read_inputs
    from geo.parse import parse_text
    from geo.taxonomy import load_taxonomy

    report = report or RunReport()
    taxonomy = load_taxonomy(taxonomy_path)
    fixes = load_corrections(corrections_path)
    claims: list[Claim] = []
    texts: dict[str, str] = {}
    for doc in read_inputs(list(inputs)):
        if not isinstance(doc, Document):
            report.skip(doc.source, doc.reason)
            continue
        try:
            boiler = boilerplate_spans(doc.text)
            toponyms = [t for t in parse_text(doc.text, gaz)
                        if not any(s <= t.start < e for s, e in boiler)]
            toponyms = apply_pins(doc.id, toponyms, fixes.pin, gaz)
            published, estimated = publication(doc)
            doc_claims = extract_claims(doc, toponyms, taxonomy, published=published,
                                        estimated=estimated)
        except Exception as exc:  # noqa: BLE001 - one bad document never stops a run
            report.skip(doc.source, f"extraction failed: {type(exc).__name__}: {exc}")
            continue
        report.processed += 1
        report.mentions += len(toponyms)
        claims.extend(doc_claims)
        texts[doc.id] = doc.text
    claims = apply_claim_fixes(claims, fixes.claim)
    ids = list(texts)
    groups = wire_groups([texts[i] for i in ids])
    wire = {doc_id: ids[g] for doc_id, g in zip(ids, groups, strict=True)}
    merges = [m.claims for m in fixes.merge if m.claims]
    splits = {s.claim_id for s in fixes.split}
    incidents = group_claims(claims, wire, merges, splits)
    wanted = [m.incidents for m in fixes.merge if m.incidents]
    if wanted:
        by_id = {i.incident_id: i for i in incidents}
        for group in wanted:
            merges.append([c.claim_id for iid in group if iid in by_id
                           for c in by_id[iid].claims])
        incidents = group_claims(claims, wire, merges, splits)
    return incidents
