"""Detect copies of one wire story published by several outlets.

Five outlets running the same AFP story are one source, not five: grading an incident
"fair" needs two *independent* sources.  Documents are compared by the Jaccard
similarity of their word 5-gram shingles (hashed); at 0.5 or more they are copies.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
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
    return groups_of([shingles(t) for t in texts], threshold)


def groups_of(sets: Sequence[frozenset[int]], threshold: float = THRESHOLD) -> list[int]:
    """`wire_groups` over precomputed shingle sets, in near-linear time.

    Each document is compared only with the earlier group leaders it shares shingles
    with (an inverted index), so a corpus of many unrelated articles costs about the
    sum of their sizes, not the square of their number.  The answer is the same as
    comparing every pair: the first leader (in input order) at or above the threshold.
    """
    group = list(range(len(sets)))
    postings: dict[int, list[int]] = {}
    for i, s in enumerate(sets):
        shared: Counter[int] = Counter()
        for h in s:
            leaders = postings.get(h)
            if leaders:
                shared.update(leaders)
        match = None
        for j in sorted(shared):
            both = shared[j]
            if both / (len(s) + len(sets[j]) - both) >= threshold:
                match = j
                break
        if match is None:
            for h in s:
                postings.setdefault(h, []).append(i)
        else:
            group[i] = match
    return group
