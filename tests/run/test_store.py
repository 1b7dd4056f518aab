"""The run store: claims wait on disk until grouping and writing need them."""

from datetime import date

import numpy as np
import pytest

from geo.incidents.claims import Claim, Source
from geo.incidents.grouping import cluster
from geo.incidents.incident import IncidentSet, group_claims
from geo.run.store import RunStore


def claim(cid, doc, pub="2022-01-01", lat=36.2, day=1, typ="mass_grave"):
    return Claim(claim_id=cid, doc_id=doc, event_type=typ, site_name="X", lat=lat, lon=37.1,
                 loc_precision="settlement", uncertainty_km=3.0,
                 date_start=date(2022, 1, day), date_end=date(2022, 1, day),
                 date_precision="day", source=Source(id=doc, quote=f"q {cid}", sha256="0" * 64),
                 published_sort=pub)


def test_claims_come_back_in_claim_order_and_whole():
    claims = [claim("b", "d1", "2022-02-01"), claim("a", "d1", "2022-02-01"),
              claim("z", "d2", "2021-12-31", lat=None)]
    with RunStore() as store:
        store.add("d1", claims[:2], np.array([1, 5, 9], np.uint32))
        store.add("d2", claims[2:], np.array([5], np.uint32))
        table = store.table(splits={"a"})
        back = store.claims_at(range(len(table)))
        assert [c.claim_id for c in back] == ["z", "a", "b"]  # earliest publication first
        assert back[1] == claims[1] and back[0] == claims[2]
        assert table.split.tolist() == [False, True, False]
        assert np.isnan(table.lat[0]) and table.coarse[0]  # no place: coarse
        assert [(n, sh.tolist()) for n, sh in store.shingle_sets()] == [(1, [1, 5, 9]), (2, [5])]
        assert store.shingles_of(2).tolist() == [5]  # one set again, by number
        assert store.positions_of(["b", "missing"]) == [2]


def test_a_document_id_seen_twice_keeps_its_number_and_its_last_shingles():
    with RunStore() as store:
        store.add("d1", [claim("a", "d1")], np.array([1], np.uint32))
        store.add("d1", [claim("b", "d1")], np.array([2], np.uint32))
        table = store.table(set())
        assert table.doc.tolist() == [1, 1]
        assert [sh.tolist() for _, sh in store.shingle_sets()] == [[2]]
        assert store.document_count() == 1


def test_the_store_is_deleted_when_the_run_ends_even_by_an_error(tmp_path):
    with pytest.raises(RuntimeError), RunStore(tmp_path) as store:
        store.add("d1", [claim("a", "d1")], np.array([1], np.uint32))
        folder = store.folder
        assert folder.parent == tmp_path and (folder / "run.sqlite").exists()
        raise RuntimeError("interrupted")
    assert not folder.exists()


def test_incidents_from_the_store_equal_those_from_a_list():
    claims = [claim(f"c{k}", f"d{k % 4}", pub=f"2022-01-0{1 + k % 3}", day=1 + k % 5,
                    lat=36.2 + (k % 3) * 0.5) for k in range(24)]
    wire = {f"d{k}": "d0" if k < 2 else f"d{k}" for k in range(4)}
    expected = group_claims(claims, wire_group=wire)
    with RunStore() as store:
        for d in range(4):
            store.add(f"d{d}", [c for c in claims if c.doc_id == f"d{d}"],
                      np.array([d], np.uint32))
        table = store.table(set())
        numbers = {f"d{d}": d + 1 for d in range(4)}
        leader = np.arange(5)
        for doc, lead in wire.items():
            leader[numbers[doc]] = numbers[lead]
        found = IncidentSet(table, cluster(table), wire=leader, claims_at=store.claims_at)
        assert len(found) == len(expected)
        assert list(found) == expected
        assert list(found) == expected  # built again on a second pass, the same


def test_the_store_of_a_killed_run_is_removed_by_the_next_run(tmp_path):
    from geo.atomic import HOST
    from geo.run.store import remove_stale_stores

    dead = tmp_path / f"geo-run-{HOST}-999999999-abc"  # no such process
    (dead / "run.sqlite").parent.mkdir()
    (dead / "run.sqlite").write_bytes(b"x")
    alive = tmp_path / f"geo-run-{HOST}-1-abc"  # pid 1 runs
    alive.mkdir()
    other = tmp_path / "geo-run-otherhost-999999999-abc"  # another machine's: not ours
    other.mkdir()
    with RunStore(tmp_path) as store:
        assert not dead.exists() and alive.exists() and other.exists()
        assert store.folder.name.startswith(f"geo-run-{HOST}-")
    assert remove_stale_stores(tmp_path) == []
