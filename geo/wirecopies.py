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

import numpy as np

SHINGLE = 5
THRESHOLD = 0.5
_WORD = re.compile(r"\w+")


def shingles(text: str) -> frozenset[int]:
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE:
        return frozenset([zlib.crc32(" ".join(words).encode())]) if words else frozenset()
    return frozenset(zlib.crc32(" ".join(words[i:i + SHINGLE]).encode())
                     for i in range(len(words) - SHINGLE + 1))


def compact(hashes) -> np.ndarray:
    """A document's shingle set as a sorted array of 32-bit hashes: 4 bytes a shingle
    where a set of Python ints costs about 60, so a run holds thousands of documents'
    sets cheaply until wire copies are detected."""
    return np.unique(np.fromiter(hashes, dtype=np.uint32))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def wire_groups(texts: Sequence[str], threshold: float = THRESHOLD) -> list[int]:
    """For each text, the index of the first text it copies (itself if none)."""
    return groups_of([shingles(t) for t in texts], threshold)


def groups_of(sets: Sequence[frozenset[int] | np.ndarray], threshold: float = THRESHOLD, *,
              common_from: int | None = None) -> list[int]:
    """`wire_groups` over precomputed shingle sets.

    The answer is the same as comparing every pair: for each document, the first
    earlier group leader (in input order) at or above the threshold.  Each document is
    compared with all leaders at once, in two parts that add up to the exact overlap:
    - shingles found in fewer than `common_from` documents go through an inverted
      index (only the leaders sharing one are touched: about the sum of the
      documents' sizes for unrelated articles);
    - the common ones (boilerplate, sentences many articles repeat) are bits, counted
      with one vectorised AND and popcount over the leaders: an inverted index would
      touch every leader for each of them, the cost that grew with the square of the
      corpus.  That part still grows with documents x leaders, but as a few machine
      words per pair.
    """
    n = len(sets)
    arrays = [s if isinstance(s, np.ndarray) else compact(s) for s in sets]
    cutoff = common_from if common_from is not None else _common_cutoff(n)
    values, df = np.unique(np.concatenate(arrays) if arrays else np.zeros(0, np.uint32),
                           return_counts=True)  # each set counts a shingle once
    columns = {h: k for k, h in enumerate(values[df >= cutoff].tolist())}
    leaders = _Leaders(n, (len(columns) + 63) // 64)
    group = list(range(n))
    postings: dict[int, list[int]] = {}  # rare shingle -> leaders' positions
    for i, arr in enumerate(arrays):
        s = arr.tolist()
        rare = [h for h in s if h not in columns]
        shared: Counter[int] = Counter()
        for h in rare:
            found = postings.get(h)
            if found:
                shared.update(found)
        bits = _bits([columns[h] for h in s if h in columns], leaders.words)
        match = leaders.first_match(bits, shared, len(s), threshold)
        if match is None:
            pos = leaders.add(i, bits, len(s))
            for h in rare:
                postings.setdefault(h, []).append(pos)
        else:
            group[i] = match
    return group


def _common_cutoff(n: int) -> int:
    """Shingles in at least this many documents are counted as bits.

    A shingle in k documents costs about k*k/2 postings visits through the index, and
    one bit per pair of documents as a column: worth a column from about n/32 on (and
    never below 64, so small corpora use the index alone).
    """
    return max(64, n // 32)


def _bits(cols: list[int], words: int) -> np.ndarray:
    """The columns as a little-endian bit vector of `words` 64-bit words."""
    value = 0
    for c in cols:
        value |= 1 << c
    return np.frombuffer(value.to_bytes(words * 8, "little"), dtype="<u8")


class _Leaders:
    """Group leaders so far: their document index, size and common-shingle bits.

    Bits are stored word-major (one row per 64 columns, one column per leader), so the
    per-document AND, popcount and sum run along long contiguous rows."""

    def __init__(self, capacity: int, words: int):
        self.words = words
        self.doc = np.zeros(capacity, dtype=np.int64)
        self.size = np.zeros(capacity, dtype=np.int64)
        self.bits = np.zeros((words, capacity), dtype="<u8")
        self._and = np.zeros((words, capacity), dtype="<u8")  # scratch for first_match
        self.count = 0

    def add(self, doc: int, bits: np.ndarray, size: int) -> int:
        k = self.count
        self.doc[k], self.size[k], self.bits[:, k] = doc, size, bits
        self.count += 1
        return k

    def first_match(self, bits: np.ndarray, shared_rare: Counter[int], size: int,
                    threshold: float) -> int | None:
        """The first leader whose Jaccard similarity with the document is at least
        `threshold`, among those sharing a shingle with it (as the index found them)."""
        k = self.count
        if k == 0:
            return None
        rows = np.flatnonzero(bits)  # words where the document has no bit add nothing
        if len(rows):
            anded = self._and[:len(rows), :k]
            mine = self.bits[:, :k] if len(rows) == self.words else self.bits[rows, :k]
            np.bitwise_and(mine, bits[rows, None], out=anded)
            both = _popcount_rows(anded)
        else:
            both = np.zeros(k, dtype=np.int64)
        if shared_rare:
            both[np.fromiter(shared_rare.keys(), np.int64, len(shared_rare))] += \
                np.fromiter(shared_rare.values(), np.int64, len(shared_rare))
        cand = np.flatnonzero(both)
        # int64 -> float64 is exact at these sizes and IEEE division rounds as Python's
        # int / int does: the same comparisons as the pairwise formula.
        ok = cand[both[cand] / (size + self.size[cand] - both[cand]) >= threshold]
        return int(self.doc[ok[0]]) if len(ok) else None


def _popcount_rows(m: np.ndarray) -> np.ndarray:
    """Set bits per column of a uint64 matrix, as int64."""
    if hasattr(np, "bitwise_count"):  # numpy >= 2.0
        return np.bitwise_count(m).sum(axis=0, dtype=np.int64)
    table = np.array([bin(b).count("1") for b in range(256)], dtype=np.int64)
    return table[m.view(np.uint8)].reshape(len(m), m.shape[1], 8).sum(axis=(0, 2))
