"""Fitting the recognition filter (`geo train-recognizer`): candidates found by the rules
on the development half (odd lines) of gold corpora, labelled by the gold spans, weighed
by logistic regression (`geo.places.recognizer.fit`)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from geo.places.mentions import FEATURES
from geo.places.recognizer import fit, load_model


def train(corpora: list[Path], gaz, out: Path, *, threshold: float | None = None) -> dict:
    """Fit the filter on the odd lines of `corpora`; write the weights file."""
    from geo.places.evaluate import match_spans
    from geo.places.recognize import find_mentions
    from geo.read import Document, read_inputs

    xs, ys = [], []
    for corpus in corpora:
        for n, doc in enumerate(read_inputs([corpus])):
            if n % 2 == 1 or not isinstance(doc, Document) or not doc.gold_toponyms:
                continue
            ms = [m for m in find_mentions(doc.text, gaz, use_model=False)
                  if m.features is not None]
            spans = [{"start": m.start, "end": m.end, "m": m} for m in ms]
            matched = {id(p["m"]) for _, p in match_spans(doc.gold_toponyms, spans, "overlap")}
            for m in ms:
                xs.append(m.features)
                ys.append(1.0 if id(m) in matched else 0.0)
    x, y = np.array(xs), np.array(ys)
    w = fit(x, y)
    if threshold is None:
        threshold = _best_threshold(x, y, w)
    model = {
        "features": list(FEATURES), "weights": [round(float(v), 6) for v in w],
        "threshold": threshold, "examples": int(len(y)), "positives": int(y.sum()),
        "trained_on": [f"{Path(c).name} (odd lines)" for c in corpora],
        "date": datetime.now(UTC).date().isoformat(),
    }
    from geo.atomic import atomic_write

    with atomic_write(out) as fh:
        json.dump(model, fh, indent=1)
    load_model.cache_clear()
    return model


def _best_threshold(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    """The probability cut that maximises F1 of the kept candidates on the training data."""
    p = 1 / (1 + np.exp(-x @ w))
    best, best_f1 = 0.5, -1.0
    total_pos = y.sum()
    for t in np.arange(0.2, 0.8, 0.02):
        keep_ = p >= t
        tp = float((y * keep_).sum())
        prec = tp / max(1, keep_.sum())
        rec = tp / max(1, total_pos)
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0
        if f1 > best_f1:
            best, best_f1 = round(float(t), 2), f1
    return best
