"""The learned part of recognition: a logistic-regression filter over candidate mentions.

The rules in `geo.toponyms` propose candidates and veto the obvious false positives;
this filter weighs the rest (how common the word is, how big the place, where it sits
in the sentence...; see `geo.toponyms.FEATURES`).  Weights live in
`geo/data/recognizer.json` and are fitted by `geo train-recognizer` on the development
half (odd lines) of the gold corpora only, so the even lines stay a fair test.
Without a weights file every candidate the rules accept is kept.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import numpy as np

from geo.gazetteer.normalize import key
from geo.toponyms import FEATURES, Mention

MODEL_FILE = "recognizer.json"


@lru_cache(maxsize=1)
def load_model() -> dict | None:
    try:
        data = json.loads(files("geo").joinpath("data", MODEL_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, OSError, ValueError):
        return None
    if data.get("features") != list(FEATURES):
        return None  # features changed since training: retrain rather than misweigh
    return data


def probability(m: Mention) -> float | None:
    model = load_model()
    if model is None or m.features is None:
        return None
    z = sum(w * x for w, x in zip(model["weights"], m.features, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def filter_mentions(mentions: list[Mention]) -> list[Mention]:
    """Keep the candidates the model accepts.

    One sense per discourse: a name's best-scoring occurrence decides for all of its
    occurrences (`the town of Bucha` vouches for a later bare `Bucha`).  Unresolved
    names, coordinates, demonyms inside organisation names and anything without
    features pass through.
    """
    model = load_model()
    if model is None:
        return mentions
    best: dict[str, float] = {}
    probs = []
    for m in mentions:
        p = probability(m)
        probs.append(p)
        if p is not None:
            k = key(m.text)
            best[k] = max(best.get(k, 0.0), p)
    out = []
    for m, p in zip(mentions, probs, strict=True):
        passthrough = (p is None or (not m.hits and m.kind != "demonym")
                       or (m.kind == "embedded" and m.country_code))
        if passthrough or best[key(m.text)] >= model["threshold"]:
            out.append(m)
    return out


def fit(x: np.ndarray, y: np.ndarray, *, l2: float = 1.0, steps: int = 3000,
        lr: float = 0.5) -> np.ndarray:
    """Plain logistic regression by gradient descent on standardised features."""
    mu, sd = x.mean(axis=0), x.std(axis=0)
    sd[sd == 0] = 1.0
    mu[0], sd[0] = 0.0, 1.0  # keep the bias column as it is
    xs = (x - mu) / sd
    w = np.zeros(x.shape[1])
    n = len(y)
    for _ in range(steps):
        p = 1 / (1 + np.exp(-xs @ w))
        grad = xs.T @ (p - y) / n + l2 * np.r_[0.0, w[1:]] / n
        w -= lr * grad
    # Fold the standardisation back in, so prediction needs raw features only.
    raw = w / sd
    raw[0] = w[0] - np.sum(w[1:] * mu[1:] / sd[1:])
    return raw


def train(corpora: list[Path], gaz, out: Path, *, threshold: float | None = None) -> dict:
    """Fit the filter on the odd lines of `corpora`; write the weights file."""
    from geo.evaluate import match_spans
    from geo.read import Document, read_inputs
    from geo.toponyms import find_mentions

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
