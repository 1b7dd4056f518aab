"""The incremental cache: a re-run computes only new or changed documents."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

from geo.read import Document
from geo.run.cache import Cache, default_cache_dir, document_key, run_context
from tests.conftest import run_geo
from tests.run.test_parallel import SEEDS, generate_articles


def incidents(src: Path, out: Path, cache: Path, *extra: str) -> dict:
    report = out.with_suffix(".report.json")
    p = run_geo("incidents", str(src), "-o", str(out), "--cache-dir", str(cache),
                "--report", str(report), "-q", *extra, cwd=out.parent)
    assert p.returncode == 0, p.stderr
    return json.loads(report.read_text())


def test_rerun_with_new_articles_computes_only_those(tmp_path, capsys):
    arts = generate_articles(tmp_path / "articles", 200)
    cache = tmp_path / "cache"
    t0 = time.perf_counter()
    cold = incidents(arts, tmp_path / "cold.geojson", cache)
    t_cold = time.perf_counter() - t0
    assert (cold["processed"], cold["computed"], cold["cached"]) == (200, 200, 0)
    t0 = time.perf_counter()
    warm = incidents(arts, tmp_path / "warm.geojson", cache)
    t_warm = time.perf_counter() - t0
    assert (warm["computed"], warm["cached"]) == (0, 200)
    assert (tmp_path / "cold.geojson").read_bytes() == (tmp_path / "warm.geojson").read_bytes()

    generate_articles(arts, 5, start=200)
    more = incidents(arts, tmp_path / "more.geojson", cache)
    assert (more["processed"], more["computed"], more["cached"]) == (205, 5, 200)
    fresh = incidents(arts, tmp_path / "fresh.geojson", cache, "--no-cache")
    assert (fresh["computed"], fresh["cached"]) == (205, 0)
    assert (tmp_path / "more.geojson").read_bytes() == (tmp_path / "fresh.geojson").read_bytes()
    with capsys.disabled():
        print(f"\n[cache] geo incidents over 200 generated articles (whole process): "
              f"cold {t_cold:.2f} s, warm {t_warm:.2f} s")


def test_parse_cache_gives_the_same_bytes(tmp_path):
    cache = tmp_path / "cache"
    outs, reports = [], []
    for name in ("a", "b"):
        out = tmp_path / f"{name}.jsonl"
        p = run_geo("parse", str(SEEDS), "--format", "jsonl", "-o", str(out),
                    "--cache-dir", str(cache), "-q")
        assert p.returncode == 0, p.stderr
        outs.append(out.read_bytes())
        reports.append(p.stderr)
    assert outs[0] == outs[1]
    assert "0 cached" in reports[0] and "5 cached" in reports[1]
    assert len(list((cache / "parse").rglob("*.json"))) == 5


def test_changed_rules_or_document_miss_the_cache(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(SEEDS, src)
    cache = tmp_path / "cache"
    first = incidents(src, tmp_path / "1.geojson", cache)
    assert first["computed"] == 5
    # An edited article is computed again, the others come from the cache.
    f = sorted(src.glob("*.txt"))[0]
    f.write_text(f.read_text(encoding="utf-8") + "\nA new line.\n", encoding="utf-8")
    second = incidents(src, tmp_path / "2.geojson", cache)
    assert (second["computed"], second["cached"]) == (1, 4)
    # New metadata (the outlet ends up in the output) is a different entry.
    meta = src / "metadata.csv"
    meta.write_text(meta.read_text(encoding="utf-8").replace(",IBTimes,", ",IBT,"),
                    encoding="utf-8")
    third = incidents(src, tmp_path / "3.geojson", cache)
    assert (third["computed"], third["cached"]) == (1, 4)
    # Another taxonomy or corrections file: everything is computed again.
    tax = tmp_path / "taxonomy.toml"
    tax.write_bytes((SEEDS.parent / "geo" / "data" / "taxonomy.toml").read_bytes()
                    + b"\n# edited\n")
    fourth = incidents(src, tmp_path / "4.geojson", cache, "--taxonomy", str(tax))
    assert fourth["computed"] == 5
    corr = tmp_path / "corrections.toml"
    corr.write_text("# nothing yet\n", encoding="utf-8")
    fifth = incidents(src, tmp_path / "5.geojson", cache, "--corrections", str(corr))
    assert fifth["computed"] == 5
    again = incidents(src, tmp_path / "6.geojson", cache, "--corrections", str(corr))
    assert again["cached"] == 5


def test_key_covers_version_gazetteer_and_document(gaz, monkeypatch):
    import geo.run.cache

    doc = Document(id="a", text="Graves near Izium.", source="a.txt", sha256="0" * 64)
    ctx = run_context("incidents", gaz)
    k = document_key(ctx, doc)
    assert k == document_key(run_context("incidents", gaz), doc)
    assert k != document_key(run_context("parse", gaz), doc)
    assert k != document_key(ctx, doc.model_copy(update={"sha256": "1" * 64}))
    assert k != document_key(ctx, doc.model_copy(update={"title": "T"}))
    monkeypatch.setattr(geo.run.cache, "__version__", "999")
    assert document_key(run_context("incidents", gaz), doc) != k
    monkeypatch.undo()
    monkeypatch.setattr(geo.run.cache, "gazetteer_fingerprint",
                        lambda g: {"build_date": "other", "size": 1})
    assert document_key(run_context("incidents", gaz), doc) != k


def test_entries_are_atomic_files_and_bad_ones_are_ignored(tmp_path):
    c = Cache(tmp_path, "parse", "ctx")
    key = "ab" + "0" * 62
    assert c.get(key) is None
    c.put(key, {"mentions": 1, "record": "{}"})
    path = tmp_path / "parse" / "ab" / f"{key}.json"
    assert path.is_file() and not list(path.parent.glob(".*.tmp"))
    assert c.get(key) == {"mentions": 1, "record": "{}"}
    path.write_text("{half", encoding="utf-8")
    assert c.get(key) is None


def test_default_location(monkeypatch, tmp_path):
    monkeypatch.delenv("GEO_CACHE_DIR", raising=False)
    assert default_cache_dir().name == "geo-incidents"
    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path))
    assert default_cache_dir() == tmp_path
