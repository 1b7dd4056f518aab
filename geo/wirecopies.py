"""Detect copies of one wire story published by several outlets.

Five outlets running the same AFP story are one source, not five: grading an incident
"fair" needs two *independent* sources.  Documents are compared by the Jaccard
similarity of their word 5-gram shingles (hashed); at 0.5 or more they are copies.
"""

from __future__ import annotations

import re
import tempfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

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


Sets = Sequence[frozenset[int] | np.ndarray] | Callable[[], Iterable[np.ndarray]]


def groups_of(sets: Sets, threshold: float = THRESHOLD, *, common_from: int | None = None,
              scratch: str | Path | None = None) -> list[int]:
    """`wire_groups` over precomputed shingle sets: a sequence, or (for a run too big to
    hold them) a function giving a fresh iterator over sorted uint32 arrays, which is
    read twice and never held whole.

    The answer is the same as comparing every pair: for each document, the first
    earlier group leader (in input order) at or above the threshold.  A first pass counts
    in how many documents each shingle occurs (`_shared`, spilling to files in `scratch`
    when large); a shingle found in one document only can never make an overlap, so
    memory holds only the shared ones.  Each document is then compared with all leaders
    at once, in two parts that add up to the exact overlap:
    - shared shingles found in fewer than `common_from` documents go through an
      inverted index (flat arrays: only the leaders sharing one are touched);
    - the common ones (boilerplate, sentences many articles repeat) are bits, counted
      with one vectorised AND and popcount over the leaders: an inverted index would
      touch every leader for each of them, the cost that grew with the square of the
      corpus.  That part still grows with documents x leaders, but as a few machine
      words per pair.
    """
    arrays = sets if callable(sets) else \
        (lambda: (s if isinstance(s, np.ndarray) else compact(s) for s in sets))
    n, shared, df = _shared(arrays(), scratch)
    cutoff = common_from if common_from is not None else _common_cutoff(n)
    common, rare, rare_df = shared[df >= cutoff], shared[df < cutoff], df[df < cutoff]
    leaders = _Leaders(n, (len(common) + 63) // 64)
    index = _Postings(rare_df)
    group = list(range(n))
    for i, arr in enumerate(arrays()):
        mine = _ranks(rare, arr)
        who, how_many = index.count(mine)
        cols = _ranks(common, arr).tolist()
        bits = _bits(cols, leaders.words)
        match = leaders.first_match(bits, len(cols), who, how_many, len(arr), threshold)
        if match is None:
            index.add(mine, leaders.add(i, bits, len(arr)))
        else:
            group[i] = match
    return group


SPILL_VALUES = 1_000_000  # shingles buffered (4 MB) before the first pass spills to files
SPILL_PARTS = 256  # files by top bits: a million articles' shingles count 1-2M at a time


def _shared(arrays: Iterable[np.ndarray], scratch: str | Path | None
            ) -> tuple[int, np.ndarray, np.ndarray]:
    """(number of documents, the shingles found in two documents or more - sorted - and
    in how many).  Past `SPILL_VALUES` buffered values, they are sorted and appended to
    one file per range of values (their top bits), so counting holds one range at a time."""
    chunks: list[np.ndarray] = []
    shift = 32 - (SPILL_PARTS.bit_length() - 1)
    buffered, n, spilled = 0, 0, False
    with tempfile.TemporaryDirectory(prefix="shingles-", dir=scratch) as tmp:
        files = [Path(tmp) / f"{p}.u32" for p in range(SPILL_PARTS)]

        def spill() -> None:
            values = np.sort(np.concatenate(chunks)) if chunks else np.zeros(0, np.uint32)
            cuts = np.searchsorted(values >> shift, np.arange(1, SPILL_PARTS))
            for p, piece in enumerate(np.split(values, cuts)):
                if len(piece):
                    with files[p].open("ab") as fh:
                        piece.tofile(fh)
            chunks.clear()

        for arr in arrays:
            n += 1
            chunks.append(np.asarray(arr, np.uint32))
            buffered += len(arr)
            if buffered > SPILL_VALUES:
                spill()
                spilled, buffered = True, 0
        if spilled:
            spill()
            pieces = (np.fromfile(f, np.uint32) for f in files if f.exists())
        else:
            pieces = iter([np.concatenate(chunks)] if chunks else [])
        values, counts = [], []
        for piece in pieces:
            v, c = np.unique(piece, return_counts=True)
            values.append(v[c >= 2])
            counts.append(c[c >= 2].astype(np.int32))
            del v, c
    if not values:
        return n, np.zeros(0, np.uint32), np.zeros(0, np.int32)
    return n, np.concatenate(values), np.concatenate(counts).astype(np.int32)


def _ranks(table: np.ndarray, arr: np.ndarray) -> np.ndarray:
    """The positions in the sorted `table` of those of `arr`'s values it holds."""
    if not len(table) or not len(arr):
        return np.zeros(0, np.int64)
    pos = np.searchsorted(table, arr)
    pos[pos == len(table)] = 0
    return pos[table[pos] == arr]


class _Postings:
    """Rare shared shingle (by rank) -> the leaders holding it, as one flat array: each
    shingle has room for as many leaders as documents holding it (its count)."""

    def __init__(self, df: np.ndarray):
        ends = np.cumsum(df, dtype=np.int64)
        total = int(ends[-1]) if len(df) else 0
        # 4 bytes an entry: slots are counted in int32 below two billion of them.
        self.start = (ends - df).astype(np.int32 if total < 2**31 else np.int64)
        self.filled = np.zeros(len(df), np.int32)
        self.leaders = np.zeros(total, np.int32)

    def add(self, ranks: np.ndarray, leader: int) -> None:
        self.leaders[self.start[ranks].astype(np.int64) + self.filled[ranks]] = leader
        self.filled[ranks] += 1

    def count(self, ranks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(leaders, how many of `ranks` each holds) over the leaders holding any."""
        sizes = self.filled[ranks].astype(np.int64)
        total = int(sizes.sum())
        if total == 0:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        ends = np.cumsum(sizes)
        flat = np.repeat(self.start[ranks].astype(np.int64) - (ends - sizes), sizes) \
            + np.arange(total)
        who, how_many = np.unique(self.leaders[flat], return_counts=True)
        return who.astype(np.int64), how_many


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
        self.doc = np.zeros(capacity, dtype=np.int32)
        self.size = np.zeros(capacity, dtype=np.int64)
        self.bits = np.zeros((words, capacity), dtype="<u8")
        self._and = np.zeros((words, capacity), dtype="<u8")  # scratch for first_match
        self.smallest = 0
        self.count = 0

    def add(self, doc: int, bits: np.ndarray, size: int) -> int:
        k = self.count
        self.doc[k], self.size[k], self.bits[:, k] = doc, size, bits
        self.smallest = size if k == 0 else min(self.smallest, size)
        self.count += 1
        return k

    def first_match(self, bits: np.ndarray, common: int, who: np.ndarray,
                    how_many: np.ndarray, size: int, threshold: float) -> int | None:
        """The first leader whose Jaccard similarity with the document is at least
        `threshold`: `who` share `how_many` rare shingles with it (as the index found
        them), the bits (`common` of them set) count the common ones.

        J >= t exactly when the overlap is at least t / (1 + t) of the two sizes added,
        and a leader that shares no rare shingle overlaps by at most the document's common
        count: when that is too small for even the smallest leader, only `who` are
        counted bit by bit (most documents of a real corpus, where shared shingles are
        few), not every leader."""
        k = self.count
        if k == 0:
            return None
        if common < threshold / (1 + threshold) * (size + self.smallest) - 1e-6:
            cand, both = who, how_many + self._overlap(bits, who, k)
        else:
            cand = np.arange(k)
            both = self._overlap(bits, cand, k)
            both[who] += how_many
        cand, both = cand[both > 0], both[both > 0]  # no overlap: never a copy
        # int64 -> float64 is exact at these sizes and IEEE division rounds as Python's
        # int / int does: the same comparisons as the pairwise formula.
        ok = cand[both / (size + self.size[cand] - both) >= threshold]
        return int(self.doc[ok[0]]) if len(ok) else None

    def _overlap(self, bits: np.ndarray, cand: np.ndarray, k: int) -> np.ndarray:
        """Common shingles shared with each candidate leader (ascending positions)."""
        rows = np.flatnonzero(bits)  # words where the document has no bit add nothing
        if len(rows) == 0:
            return np.zeros(len(cand), dtype=np.int64)
        if 2 * len(cand) < k:  # few: gather their columns
            return _popcount_rows(self.bits[np.ix_(rows, cand)] & bits[rows, None])
        anded = self._and[:len(rows), :k]  # many: all leaders in place, then pick
        mine = self.bits[:, :k] if len(rows) == self.words else self.bits[rows, :k]
        np.bitwise_and(mine, bits[rows, None], out=anded)
        return _popcount_rows(anded)[cand]


def _popcount_rows(m: np.ndarray) -> np.ndarray:
    """Set bits per column of a uint64 matrix, as int64."""
    if hasattr(np, "bitwise_count"):  # numpy >= 2.0
        return np.bitwise_count(m).sum(axis=0, dtype=np.int64)
    table = np.array([bin(b).count("1") for b in range(256)], dtype=np.int64)
    return table[m.view(np.uint8)].reshape(len(m), m.shape[1], 8).sum(axis=(0, 2))
