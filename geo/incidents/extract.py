"""What the per-document extraction (`geo.run.parallel`) needs besides the text and its
places: the publication date, which dates the report and against which relative dates
("last Thursday") are read."""

from __future__ import annotations

from geo.incidents.claims import boilerplate_spans


def publication(doc) -> tuple[tuple | None, bool]:
    """(first day, last day, precision) of the publication date, and whether estimated."""
    from geo.read.published import published_range

    if doc.published:
        try:
            s, e = published_range(doc.published)
        except ValueError:
            s = e = None
        if s is not None:
            prec = {4: "year", 7: "month"}.get(len(doc.published), "day")
            return (s, e, prec), False
    from geo.incidents.dates import estimate_published

    est = estimate_published(
        doc.text, boilerplate=lambda line: bool(boilerplate_spans(line)))
    return (est if est else None), True
