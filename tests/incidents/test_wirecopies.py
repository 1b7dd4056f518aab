"""Wire copies: the indexed search gives exactly the all-pairs answer."""

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import geo.incidents.wirecopies as wc
from geo.incidents.wirecopies import groups_of, jaccard, shingles, wire_groups


def pairwise_groups(sets, threshold=0.5):
    """The definition, written plainly: each set joins the first earlier group leader
    at or above the threshold."""
    sets = [frozenset(s.tolist()) if isinstance(s, np.ndarray) else s for s in sets]
    group = list(range(len(sets)))
    for i in range(len(sets)):
        for j in range(i):
            if group[j] == j and jaccard(sets[i], sets[j]) >= threshold:
                group[i] = j
                break
    return group


def test_wire_groups_index_matches_all_pairs():
    rng = random.Random(3)
    words = "graves bodies found near the town officials said were killed army".split()
    base = [" ".join(rng.choice(words) for _ in range(80)) for _ in range(30)]
    texts = base + [t + " copied by another outlet" for t in base[:10]] + base[5:8]
    assert wire_groups(texts) == pairwise_groups([shingles(t) for t in texts])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.frozensets(st.integers(0, 30), max_size=20), max_size=30),
       st.sampled_from([0.3, 0.5, 0.75]))
def test_small_universe_matches_all_pairs(sets, threshold):
    """Dense overlaps, ties at the threshold included; common prefix shingles counted
    as bits (from every shingle, or those in 2 or 5 prefixes and more) or indexed."""
    naive = pairwise_groups(sets, threshold)
    for common_from in (1, 2, 5, None):
        assert groups_of(sets, threshold, common_from=common_from) == naive


@st.composite
def stories_and_copies(draw):
    """A few stories over a large vocabulary and edited copies of them: the shape of a
    real corpus, where most shingles are one document's own and copies share most."""
    stories = draw(st.lists(st.frozensets(st.integers(0, 10_000), min_size=1, max_size=60),
                            min_size=1, max_size=6))
    sets = []
    for _ in range(draw(st.integers(1, 25))):
        base = sorted(draw(st.sampled_from(stories)))
        keep = draw(st.integers(0, len(base)))
        extra = draw(st.frozensets(st.integers(0, 10_000), max_size=30))
        sets.append(frozenset(draw(st.permutations(base))[:keep]) | extra)
    return sets


@settings(max_examples=300, deadline=None)
@given(stories_and_copies(), st.sampled_from([0.2, 0.35, 0.5, 0.6, 0.9]))
def test_edited_copies_match_all_pairs(sets, threshold):
    naive = pairwise_groups(sets, threshold)
    arrays = [wc.compact(s) for s in sets]
    assert groups_of(sets, threshold) == naive
    assert groups_of(lambda: iter(arrays), threshold, fetch=arrays.__getitem__,
                     common_from=2) == naive


def test_unrelated_documents_are_never_counted_in_full():
    """Documents that share a few stock phrases but copy nothing are settled by the
    prefix index alone: no set is read back."""
    rng = np.random.default_rng(1)
    stock = rng.integers(0, 2**32, 40, dtype=np.uint32)
    sets = [np.unique(np.concatenate([rng.integers(0, 2**32, 300, dtype=np.uint32),
                                      stock[rng.integers(0, 40, 10)]])) for _ in range(200)]
    fetched = []
    group = groups_of(lambda: iter(sets), fetch=lambda i: fetched.append(i) or sets[i])
    assert group == list(range(200)) and fetched == []
    copies = [*sets, sets[3], np.unique(np.concatenate([sets[5][:-5], stock]))]
    assert groups_of(lambda: iter(copies), fetch=copies.__getitem__)[-2:] == [3, 5]


def test_a_stream_needs_fetch():
    with pytest.raises(TypeError, match="fetch"):
        groups_of(lambda: iter([]))


def test_wire_groups_spilled_to_files_are_the_same(monkeypatch):
    """A run too big to count in memory spills shingles to files: same groups."""
    rng = np.random.default_rng(7)
    base = [np.unique(rng.integers(0, 2**32, 300, dtype=np.uint32)) for _ in range(6)]
    sets = []
    for k in range(60):  # copies of six stories, each with some words changed
        doc = base[k % 6].copy()
        doc[rng.integers(0, len(doc), 20)] = rng.integers(0, 2**32, 20, dtype=np.uint32)
        sets.append(np.unique(doc))
    whole = wc.groups_of(sets)
    monkeypatch.setattr(wc, "SPILL_VALUES", 1000)
    spilled = wc.groups_of(lambda: iter(sets), fetch=sets.__getitem__, common_from=3)
    assert len(set(whole)) == 6
    assert spilled == whole == pairwise_groups(sets)


@given(st.lists(st.integers(0, 2**32 - 1), max_size=40), st.booleans())
def test_compact_of_a_list_is_the_sorted_unique_array(hashes, presorted):
    hashes = sorted(set(hashes)) if presorted else hashes
    got = wc.compact(hashes)
    want = np.unique(np.fromiter(hashes, dtype=np.uint32))
    assert got.dtype == want.dtype and np.array_equal(got, want)
    assert np.array_equal(wc.compact(frozenset(hashes)), want)
