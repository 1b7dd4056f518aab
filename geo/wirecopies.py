"""Detect copies of one wire story published by several outlets.

Five outlets running the same AFP story are one source, not five: grading an incident
"fair" needs two *independent* sources.  Documents are compared by the Jaccard
similarity of their word 5-gram shingles (hashed); at 0.5 or more they are copies.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

SHINGLE = 5
THRESHOLD = 0.5
_WORD = re.compile(r"\w+")


def shingles(text: str) -> frozenset[int]:
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE:
        return frozenset([zlib.crc32(" ".join(words).encode())]) if words else frozenset()
    return frozenset(zlib.crc32(" ".join(words[i:i + SHINGLE]).encode())
                     for i in range(len(words) - SHINGLE + 1))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def wire_groups(texts: Sequence[str], threshold: float = THRESHOLD) -> list[int]:
    """For each text, the index of the first text it copies (itself if none)."""
    sh = [shingles(t) for t in texts]
    group = list(range(len(texts)))
    for i in range(len(texts)):
        for j in range(i):
            if group[j] == j and jaccard(sh[i], sh[j]) >= threshold:
                group[i] = j
                break
    return group
