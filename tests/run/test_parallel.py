"""--workers: the per-document work in worker processes gives byte-identical output."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from geo.output.exports import to_geojson
from geo.run import parallel
from geo.run.parallel import Outcome, Runner, WorkSpec
from geo.run.pipeline import build_incidents, parse_documents
from geo.run.report import RunReport
from tests.conftest import run_geo

SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"

PLACES = ["Aleppo", "Raqqa", "Izium", "Bucha", "Mosul", "Kharkiv", "Homs", "Idlib",
          "Mariupol", "Kherson", "Deir ez-Zor", "Tikrit", "Sirte", "Irpin", "Hama"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
_SEED_PLACES = re.compile(r"\b(Aleppo|Raqqa|Izium|Bucha|Kiev|Kyiv|Tabqa|Syria's Raqqa)\b")
_NUMBER = re.compile(r"\b\d{2,3}\b")
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")


def seed_sentences() -> list[str]:
    out = []
    for f in sorted(SEEDS.glob("*.txt")):
        for line in f.read_text(encoding="utf-8").splitlines()[1:]:
            for s in re.split(r"(?<=[.!?])\s+", line.strip()):
                if 40 <= len(s) <= 400:
                    out.append(s)
    return out


def generate_articles(folder: Path, n: int, *, start: int = 0) -> Path:
    """`n` unique articles made of seed sentences with varied places, dates and numbers."""
    sentences = seed_sentences()
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        rnd = random.Random(i)
        place = rnd.choice(PLACES)
        other = rnd.choice(PLACES)
        month = rnd.choice(MONTHS)
        year = rnd.choice([2016, 2017, 2018, 2022, 2023])

        def vary(s: str, rnd=rnd, place=place, other=other, month=month) -> str:
            s = _SEED_PLACES.sub(lambda m: place if rnd.random() < 0.7 else other, s)
            s = _NUMBER.sub(lambda m: str(rnd.randint(10, 400)), s)
            return _MONTH.sub(month, s)

        body = [vary(s) for s in rnd.sample(sentences, k=min(8, len(sentences)))]
        body.append(f"Witness number {i} said {rnd.randint(5, 90)} bodies were found near "
                    f"{place} in {month} {year}.")
        title = f"Report {i}: graves found near {place}"
        text = (f"---\ntitle: {title}\npublished: {year}-{MONTHS.index(month) + 1:02d}\n"
                f"outlet: Outlet {i % 7}\n---\n{title}\n" + "\n".join(body) + "\n")
        (folder / f"gen_{i:04d}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return generate_articles(tmp_path_factory.mktemp("gen") / "articles", 50)


def geo_ok(*args: str, cwd: Path | None = None):
    p = run_geo(*args, cwd=cwd)
    assert p.returncode == 0, p.stderr
    return p


# --- byte-for-byte, through the command line -------------------------------------------

@pytest.mark.parametrize("inputs", ["seeds", "generated"])
def test_incidents_geojson_identical_with_workers(inputs, generated, tmp_path):
    src = str(SEEDS if inputs == "seeds" else generated)
    outs = []
    for w in ("1", "2"):
        out = tmp_path / f"w{w}.geojson"
        geo_ok("incidents", src, "-o", str(out), "--workers", w, "--no-cache", "-q",
               "--report", str(tmp_path / f"w{w}.report.json"), cwd=tmp_path)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert json.loads(outs[0])["features"]
    rep = json.loads((tmp_path / "w2.report.json").read_text())
    assert rep["computed"] == rep["processed"] and rep["cached"] == 0


@pytest.mark.parametrize("inputs", ["seeds", "generated"])
def test_parse_jsonl_identical_with_workers(inputs, generated, tmp_path):
    src = str(SEEDS if inputs == "seeds" else generated)
    outs = []
    for w in ("1", "2"):
        out = tmp_path / f"w{w}.jsonl"
        geo_ok("parse", src, "--format", "jsonl", "-o", str(out), "--workers", w,
               "--no-cache", "-q")
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    ids = [json.loads(line)["id"] for line in outs[0].decode().splitlines()]
    assert ids == sorted(ids)  # input (path) order kept


# --- in process: the pool is really used, even for the five seeds ----------------------

@pytest.fixture
def always_parallel(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 0)
    monkeypatch.setattr(parallel, "CHUNK", 2)


def test_pool_matches_single_process_on_seeds(gaz, always_parallel):
    one = to_geojson(build_incidents([SEEDS], gaz, workers=1))
    rep = RunReport()
    two = to_geojson(build_incidents([SEEDS], gaz, workers=2, report=rep))
    assert json.dumps(one, sort_keys=True, default=str) == \
        json.dumps(two, sort_keys=True, default=str)
    assert rep.processed == rep.computed == 5 and rep.mentions > 0
    lines1 = list(parse_documents([SEEDS], gaz, workers=1))
    lines2 = list(parse_documents([SEEDS], gaz, workers=2))
    assert lines1 == lines2 and len(lines1) == 5


def test_same_as_the_plain_per_document_steps(gaz):
    """The pipeline gives what parse_document gives, document by document."""
    from geo.places.parse import parse_document
    from geo.read import Document, read_inputs
    from geo.run.report import dumps

    want = [dumps(parse_document(d.id, d.text, gaz, title=d.title).model_dump(mode="json"))
            for d in read_inputs([SEEDS]) if isinstance(d, Document)]
    assert list(parse_documents([SEEDS], gaz, workers=1)) == want


# --- order, window, failures ----------------------------------------------------------

def _docs(n: int):
    from geo.read import Document, Skipped

    out = []
    for i in range(n):
        if i % 7 == 3:
            out.append(Skipped(source=f"s{i}", reason="unreadable: test"))
        else:
            text = f"Mass graves were found near Izium, report {i}."
            out.append(Document(id=f"d{i}", text=text, source=f"d{i}.txt",
                                sha256=f"{i:064x}"))
    return out


def test_order_and_passthrough_of_skipped_inputs(gazetteer_path, always_parallel):
    spec = WorkSpec(kind="parse", gazetteer_path=str(gazetteer_path))
    items = _docs(23)
    got = list(Runner(spec, workers=2, chunk=2).run(iter(items)))
    assert [it for it, _ in got] == items
    for it, outcome in got:
        if hasattr(it, "reason"):
            assert outcome is None
        else:
            assert json.loads(outcome.payload["record"])["id"] == it.id


def test_streaming_keeps_a_bounded_window(gazetteer_path):
    """Reading never runs more than the window ahead of what was handed back."""
    spec = WorkSpec(kind="parse", gazetteer_path=str(gazetteer_path))
    read = 0

    def source():
        nonlocal read
        for d in _docs(200):
            read += 1
            yield d

    runner = Runner(spec, workers=1, chunk=4)
    ahead = 0
    for n, _ in enumerate(runner.run(source()), 1):
        ahead = max(ahead, read - n)
    assert ahead <= runner._window()
    assert read == 200


def test_results_handed_back_are_freed_without_the_garbage_collector(gazetteer_path):
    """Once handed back, a result is gone as soon as the caller drops it: nothing in the
    runner keeps it in a reference cycle, which only the collector's rare full passes
    would free (a run of 20,000 articles once held thousands of results that way)."""
    import gc

    spec = WorkSpec(kind="parse", gazetteer_path=str(gazetteer_path))
    runner = Runner(spec, workers=1, chunk=4)
    gc.collect()
    gc.disable()
    try:
        for n, (_, outcome) in enumerate(runner.run(iter(_docs(200))), 1):
            if n == 150:
                alive = sum(isinstance(o, Outcome) for o in gc.get_objects())
                assert alive <= runner._window() + 1, alive
            del outcome
    finally:
        gc.enable()


def test_a_failing_document_is_skipped_not_a_crash(gazetteer_path, monkeypatch):
    import geo.places.parse

    real = geo.places.parse.parse_document

    def flaky(doc_id, *a, **kw):
        if doc_id == "d5":
            raise RuntimeError("boom")
        return real(doc_id, *a, **kw)

    monkeypatch.setattr(geo.places.parse, "parse_document", flaky)
    spec = WorkSpec(kind="parse", gazetteer_path=str(gazetteer_path))
    got = list(Runner(spec, workers=1).run(iter(_docs(10))))
    bad = [o for it, o in got if getattr(it, "id", None) == "d5"]
    assert bad[0].error == "parser failed: RuntimeError: boom"
    assert sum(1 for _, o in got if o is not None and o.payload) == 8


def test_worker_exception_becomes_a_skipped_entry(gazetteer_path, always_parallel):
    """Inside a worker process, an exception in one document is an error outcome."""
    items = _docs(12)
    bad = items[4].model_copy(update={"gold_toponyms": [{"start": "x", "end": 3}]})
    items[4] = bad
    for k, it in enumerate(items):
        if hasattr(it, "text") and k != 4:
            items[k] = it.model_copy(update={"gold_toponyms": []})
    spec = WorkSpec(kind="parse", gazetteer_path=str(gazetteer_path), gold_spans=True)
    got = list(Runner(spec, workers=2, chunk=2).run(iter(items)))
    assert [it for it, _ in got] == items
    errors = {it.id: o.error for it, o in got if o is not None and o.error}
    assert list(errors) == [bad.id] and errors[bad.id].startswith("parser failed: ValueError")


def test_cli_reports_unreadable_inputs_and_goes_on(generated, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for f in sorted(generated.glob("*.txt"))[:20]:
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    p = run_geo("incidents", str(folder), "-o", str(tmp_path / "x.geojson"), "--workers", "2",
                "--no-cache", "--report", str(tmp_path / "r.json"))
    assert p.returncode == 3, p.stderr
    rep = json.loads((tmp_path / "r.json").read_text())
    assert rep["processed"] == 20 and len(rep["skipped"]) == 1
    assert "1 skipped" in p.stderr and "incidents" in p.stderr


def test_outcome_is_small_no_text_travels_back(gaz):
    from geo.read import Document, read_inputs

    doc = next(d for d in read_inputs([SEEDS]) if isinstance(d, Document))
    spec = WorkSpec(kind="incidents", gazetteer_path=str(gaz.path))
    out: Outcome = parallel.compute(spec, parallel._state_for(spec), doc)
    assert out.error is None
    assert set(out.payload) == {"mentions", "claims", "background", "shingles"}
    assert all(isinstance(x, int) for x in out.payload["shingles"])


def test_wire_groups_from_shingles_equal_those_from_texts(generated):
    from geo.incidents.wirecopies import groups_of as wire_groups_from_shingles
    from geo.incidents.wirecopies import shingles, wire_groups

    texts = [f.read_text(encoding="utf-8") for f in sorted(generated.glob("*.txt"))[:12]]
    texts += [texts[3] + " Updated.", texts[0], "short text", ""]
    assert wire_groups_from_shingles([shingles(t) for t in texts]) == wire_groups(texts)
