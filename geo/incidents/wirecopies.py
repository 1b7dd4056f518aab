"""Detect copies of one wire story published by several outlets.

Five outlets running the same AFP story are one source, not five: grading an incident
"fair" needs two *independent* sources.  Documents are compared by the Jaccard
similarity of their word 5-gram shingles (hashed); at 0.5 or more they are copies.
"""

from __future__ import annotations

import math
import re
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
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
    if isinstance(hashes, list):  # a run's worker results: sorted already, as a rule
        found = np.array(hashes, dtype=np.uint32)
        if found.size < 2 or bool((found[1:] > found[:-1]).all()):
            return found  # strictly increasing: what np.unique would give, without its sort
        return np.unique(found)
    return np.unique(np.fromiter(hashes, dtype=np.uint32))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def wire_groups(texts: Sequence[str], threshold: float = THRESHOLD) -> list[int]:
    """For each text, the index of the first text it copies (itself if none)."""
    return groups_of([shingles(t) for t in texts], threshold)


Sets = Sequence[frozenset[int] | np.ndarray] | Callable[[], Iterable[np.ndarray]]


def groups_of(sets: Sets, threshold: float = THRESHOLD, *,
              fetch: Callable[[int], np.ndarray] | None = None,
              common_from: int | None = None, scratch: str | Path | None = None) -> list[int]:
    """`wire_groups` over precomputed shingle sets: a sequence, or (for a run too big to
    hold them) a function giving a fresh iterator over sorted uint32 arrays, read twice
    and never held whole, with `fetch(i)` giving the i-th set again for the few pairs
    that must be counted in full.

    The answer is the same as comparing every pair: for each document, the first
    earlier group leader (in input order) at or above the threshold.  It is found by
    prefix filtering, the method of exact set-similarity joins (Bayardo et al., "Scaling
    up all pairs similarity search", WWW 2007; Xiao et al., PPJoin, WWW 2008):
    - Order all shingles globally, rarest first.  Two sets at Jaccard t or more overlap
      by at least t times the larger, so they share a shingle within the first
      `|x| - ceil(t|x|) + 1` of each (the prefix); in a real corpus most shingles are
      the document's own, and the prefix often holds no shingle any other document has.
    - Only prefixes are indexed: memory holds about half of each leader's shared
      shingles, and no document's whole set.  A first pass counts shingles in every
      document (`_shared`); a second writes each document's prefix to a scratch file
      and counts which prefix shingles occur in two prefixes or more - the rest can
      never meet.
    - A leader that shares `m` prefix shingles with the document overlaps it by at most
      `m` plus the rest of the set whose prefix ends first; those that could still
      reach the threshold are counted in full (`fetch`), in leader order.
    Prefix shingles found in `common_from` prefixes or more (stock sentences) are kept
    as bits and counted against all leaders at once with one vectorised AND: an
    inverted index would touch every leader for each of them.
    """
    if callable(sets):
        if fetch is None:
            raise TypeError("groups_of over a stream of sets needs fetch(i)")
        arrays = sets
    else:
        held = [s if isinstance(s, np.ndarray) else compact(s) for s in sets]
        arrays, fetch = (lambda: iter(held)), held.__getitem__
    with tempfile.TemporaryDirectory(prefix="shingles-", dir=scratch) as tmp:
        n, shared, df = _shared(arrays(), tmp)
        prefix_file = Path(tmp) / "prefixes.u32"
        heads = _Heads(n)
        with prefix_file.open("wb") as out:
            _, met, met_df = _shared(_prefixes(arrays(), heads, shared, df, threshold, out),
                                     tmp)
        del shared, df
        cutoff = common_from if common_from is not None else _common_cutoff(n)
        common, rare = met[met_df >= cutoff], met[met_df < cutoff]
        rare_df = met_df[met_df < cutoff]
        del met, met_df
        leaders = _Leaders(heads, (len(common) + 63) // 64)
        index = _Postings(rare_df)
        del rare_df
        group = list(range(n))
        with prefix_file.open("rb") as src:
            for i, arr in enumerate(arrays()):
                pre = np.fromfile(src, np.uint32, int(heads.q[i]))
                if not len(pre):  # no prefix shingle is shared: copies nothing, never copied
                    continue
                mine, cols = _ranks(rare, pre), _ranks(common, pre).tolist()
                if not len(mine) and not cols:  # its prefix meets no other: as above
                    continue
                bits = _bits(cols, leaders.words)
                match = leaders.first_match(i, arr, bits, bool(cols), *index.count(mine),
                                            threshold, fetch)
                if match is None:
                    index.add(mine, leaders.add(i, bits))
                else:
                    group[i] = match
    return group


def _prefixes(arrays: Iterable[np.ndarray], heads: _Heads, shared: np.ndarray,
              df: np.ndarray, threshold: float, out) -> Iterator[np.ndarray]:
    """Each document's prefix (shared shingles only), also appended to the file `out`."""
    for i, arr in enumerate(arrays):
        pre = heads.set(i, arr, shared, df, threshold)
        pre.tofile(out)
        yield pre


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
        total = int(df.sum(dtype=np.int64))
        # 4 bytes an entry: slots are counted in int32 below two billion of them, and
        # computed in place (no int64 temporaries as large as the table).
        self.start = np.cumsum(df, dtype=np.int32 if total < 2**31 else np.int64)
        self.start -= df
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
    """Shingles in at least this many prefixes are counted as bits.

    A shingle in k prefixes costs about k*k/2 postings visits through the index, and
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


class _Heads:
    """Per document: its size, the length of the rest after its prefix, and the key of
    its prefix's last shingle (28 bytes a document) - what bounds an overlap."""

    def __init__(self, n: int):
        self.size = np.zeros(n, np.int64)
        self.rest = np.zeros(n, np.int64)
        self.q = np.zeros(n, np.int32)  # shared shingles in the prefix
        self.end = np.zeros(n, np.uint64)

    def set(self, i: int, arr: np.ndarray, shared: np.ndarray, df: np.ndarray,
            threshold: float) -> np.ndarray:
        """Record document i; its prefix's shared shingles (rarest first)."""
        s = len(arr)
        pos = np.searchsorted(shared, arr) if len(shared) else np.zeros(s, np.int64)
        pos[pos == len(shared)] = 0
        hit = pos[shared[pos] == arr] if len(shared) else pos[:0]
        # Rarest first, ties by value: one total order, the same for every document.
        # Shingles of this document alone (not in `shared`) come before all others.
        keys = np.sort((df[hit].astype(np.uint64) << np.uint64(32)) | shared[hit])
        # At Jaccard t the overlap is at least t*s; one shingle more than that bound
        # needs, so float rounding of t*s can never cut a prefix short.
        p = min(s, s - max(0, math.ceil(threshold * s) - 1) + 1)
        q = max(0, min(len(keys), p - (s - len(keys))))
        self.size[i], self.rest[i], self.q[i] = s, s - p, q
        self.end[i] = keys[q - 1] if q else 0
        return (keys[:q] & np.uint64(0xFFFFFFFF)).astype(np.uint32)


class _Leaders:
    """Group leaders so far: their document index and prefix common-shingle bits.

    Bits are stored word-major (one row per 64 columns, one column per leader), so the
    per-document AND and popcount run along long contiguous rows."""

    BLOCK = 1 << 16  # leaders ANDed at a time: bounds the scratch memory

    def __init__(self, heads: _Heads, words: int):
        capacity = len(heads.size)
        self.heads = heads
        self.words = words
        self.doc = np.zeros(capacity, dtype=np.int32)
        self.bits = np.zeros((words, capacity), dtype="<u8")
        self.count = 0

    def add(self, doc: int, bits: np.ndarray) -> int:
        k = self.count
        self.doc[k], self.bits[:, k] = doc, bits
        self.count += 1
        return k

    def first_match(self, i: int, arr: np.ndarray, bits: np.ndarray, any_bits: bool,
                    who: np.ndarray, shared: np.ndarray, threshold: float,
                    fetch: Callable[[int], np.ndarray]) -> int | None:
        """The first leader whose Jaccard similarity with document i (its set `arr`) is
        at least `threshold`.  `who` share `shared` rare prefix shingles with it (as the
        index found them); its `bits` count the common ones."""
        k = self.count
        if any_bits and k:
            m = self._overlap(bits, k)
            m[who] += shared
            cand = np.flatnonzero(m)
            m = m[cand]
        else:
            cand, m = who, shared
        if not len(cand):
            return None
        h, docs = self.heads, self.doc[cand].astype(np.int64)
        s, sizes = int(h.size[i]), h.size[docs]
        # Shingles both hold past the earlier-ending prefix are all in that set's rest.
        most = m + np.where(h.end[docs] >= h.end[i], h.rest[i], h.rest[docs])
        most = np.minimum(most, np.minimum(sizes, s))
        # J rises with the overlap, in floating point too: a leader that fails with
        # the most it could share fails for certain.
        for d in docs[most / (s + sizes - most) >= threshold].tolist():
            both = len(np.intersect1d(arr, fetch(d), assume_unique=True))
            # The pairwise formula, |a & b| / |a | b|, in the same floating point.
            if both and both / (s + int(h.size[d]) - both) >= threshold:
                return d
        return None

    def _overlap(self, bits: np.ndarray, k: int) -> np.ndarray:
        """Common prefix shingles shared with each of the first k leaders."""
        rows = np.flatnonzero(bits)  # words where the document has no bit add nothing
        out = np.zeros(k, dtype=np.int64)
        if len(rows) == 0:
            return out
        mask = bits[rows, None]
        for a in range(0, k, self.BLOCK):
            b = min(k, a + self.BLOCK)
            block = self.bits[:, a:b] if len(rows) == self.words else self.bits[rows, a:b]
            out[a:b] = _popcount_rows(block & mask)
        return out


def _popcount_rows(m: np.ndarray) -> np.ndarray:
    """Set bits per column of a uint64 matrix, as int64."""
    if hasattr(np, "bitwise_count"):  # numpy >= 2.0
        return np.bitwise_count(m).sum(axis=0, dtype=np.int64)
    table = np.array([bin(b).count("1") for b in range(256)], dtype=np.int64)
    return table[m.view(np.uint8)].reshape(len(m), m.shape[1], 8).sum(axis=(0, 2))
