"""The learned part of recognition: a logistic-regression filter over candidate mentions.

The rules in `geo.places.recognize` propose candidates and veto the obvious false positives;
this filter weighs the rest (how common the word is, how big the place, where it sits
in the sentence...; see `geo.places.mentions.FEATURES`).  Weights live in
`geo/data/recognizer.json` and are fitted by `geo train-recognizer` on the development
half (odd lines) of the gold corpora only, so the even lines stay a fair test.
Without a weights file every candidate the rules accept is kept.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib.resources import files

import numpy as np

from geo.gazetteer.normalize import key
from geo.places.mentions import FEATURES, Mention

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
    occurrences (`the town of Bucha` vouches for a later bare `Bucha`).  A name joined
    to the accepted place right before it by `and`, `or` or a comma ("shelled Kupiansk
    and Izium") needs COORDINATION_MARGIN less: lists name things of one kind.
    Unresolved names, coordinates, demonyms inside organisation names, the areas of a
    monitor's parenthesis, names the text's layout vouches for (`Bwakira (Kibuye)`,
    `Seno province`, `the Sebba-Seytenga road`), and anything without features pass
    through.
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
    thr = model["threshold"]
    for m, p in zip(mentions, probs, strict=True):
        passthrough = (p is None or (not m.hits and m.kind != "demonym")
                       or (m.kind == "embedded" and m.country_code)
                       # "Bwakira (Kibuye)": the district a monitor writes after a village
                       or m.paren_area or m.vouched)
        if passthrough or best[key(m.text)] >= thr:
            out.append(m)
        elif out and m.kind == "place" and best[key(m.text)] >= thr - COORDINATION_MARGIN \
                and out[-1].kind == "place" and out[-1].hits:
            g = _COORDINATED.search(m.before)
            if g is not None and out[-1].end == m.start - (len(m.before) - g.start()):
                out.append(m)  # "shelled Kupiansk and Izium": coordinated with a place
    return out


COORDINATION_MARGIN = 0.25
_COORDINATED = re.compile(r"(?:(?:,\s*|\s+)(?:and|or|&)\s+|,\s*)$")


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
