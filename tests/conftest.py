"""Shared fixtures: the real embedded gazetteer (built by `make test`) and tiny ones."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from geo.gazetteer import db
from geo.gazetteer.lookup import Gazetteer
from geo.paths import default_gazetteer

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """Tests never read or fill the user's real result cache."""
    old = os.environ.get("GEO_CACHE_DIR")
    os.environ["GEO_CACHE_DIR"] = str(tmp_path_factory.mktemp("geo-cache"))
    yield
    if old is None:
        os.environ.pop("GEO_CACHE_DIR", None)
    else:
        os.environ["GEO_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def gazetteer_path() -> Path:
    path = default_gazetteer()
    if not path.exists():
        pytest.fail(f"no gazetteer at {path}: run `make test` (it builds it first)")
    return path


@pytest.fixture(scope="session")
def gaz(gazetteer_path: Path, tmp_path_factory) -> Gazetteer:
    """The real gazetteer, without the user's local.tsv so results do not depend on it."""
    g = Gazetteer(gazetteer_path, local_tsv=False)
    yield g
    g.close()


def make_gazetteer(path: Path, places: list[db.PlaceRow]) -> Path:
    """A tiny gazetteer database holding exactly `places`."""
    conn = sqlite3.connect(path)
    db.create(conn)
    w = db.PlaceWriter(conn, mode="fresh")
    for p in places:
        w.add(p)
    w.flush()
    db.create_indexes(conn)
    db.set_meta(conn, "build_date", "2026-01-01T00:00:00+00:00")
    db.set_meta(conn, "imports", [])
    conn.commit()
    conn.close()
    return path


def place(gid: str, name: str, lat: float, lon: float, cc: str, *, fc: str = "P",
          code: str = "PPL", pop: int = 1000, alt: list[str] | None = None,
          admin1: str | None = None) -> db.PlaceRow:
    return db.PlaceRow(
        geonameid=gid, name=name, lat=lat, lon=lon, feature_class=fc, feature_code=code,
        country_code=cc, admin1=admin1, population=pop, alternate_names=alt or [],
    )


@pytest.fixture
def tiny_gazetteer(tmp_path: Path) -> Path:
    return make_gazetteer(tmp_path / "tiny.sqlite", [
        place("1", "Springfield", 39.8, -89.6, "US", pop=116_000, admin1="Illinois"),
        place("2", "Springfield", 37.2, -93.3, "US", pop=167_000, admin1="Missouri"),
        place("3", "Ar Raqqah", 35.95, 39.01, "SY", pop=531_952, alt=["Raqqa", "Rakka"]),
        place("4", "Syria", 35.0, 38.3, "SY", fc="A", code="PCLI", pop=17_000_000),
        place("5", "Ar Raqqah", 36.1, 38.96, "SY", fc="A", code="ADM1", pop=600_000,
              alt=["Raqqa Governorate"]),
    ])


def run_geo(*args: str, env: dict | None = None, input: str | None = None,
            cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real command line as a user would."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "geo", *args], capture_output=True, text=True, env=full_env,
        input=input, cwd=cwd or ROOT, timeout=300,
    )
