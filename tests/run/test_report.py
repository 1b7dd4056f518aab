"""The run report: every document accounted for (processed with its counts, truncated,
or skipped with the reason), warnings, exit codes, and what a run with nothing readable
writes (nothing)."""

from __future__ import annotations

import json

from geo.errors import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE
from geo.run.pipeline import build_incidents, parse_documents
from geo.run.report import RunReport
from tests.conftest import ROOT, run_geo

SEEDS = ROOT / "seeds"
SENTENCE = "Heavy shelling in Kharkiv on 3 May 2022 killed 5 people. "


def test_entries_are_kept_on_disk_and_extra_keys_pass_through(tmp_path):
    report = RunReport()
    report.document("a.txt", "a", mentions=3, claims=1, notes=["n1"], background=["s1"])
    report.skip("b.txt", "empty document")
    report.document("c.txt", "c", mentions=1, truncated=True, notes=["cut"])
    report.warn("[[split]] claim id 'x': no claim with this id in the inputs")
    report.tally_incident(["a", "a", "c"], has_point=True)
    report.tally_incident(["c"], has_point=False)
    assert report.exit_code == EXIT_PARTIAL
    entries = list(report.documents())
    assert [(e["id"], e["status"]) for e in entries] == [
        ("a", "processed"), (None, "skipped"), ("c", "truncated")]
    assert entries[0]["background"] == ["s1"] and entries[0]["incidents"] == 1
    assert entries[2]["incidents"] == 2 and "incidents" not in entries[1]
    assert entries[1]["reason"] == "empty document"
    out = tmp_path / "r.json"
    report.write(out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["documents"] == entries and data["incidents_without_point"] == 1
    assert data["warnings"] == report.warnings and data["truncated"] == 1
    assert data == {**report.as_dict(), "seconds": data["seconds"],
                    "peak_memory_mb": data["peak_memory_mb"]}
    report.close()


def test_exit_codes():
    r = RunReport()
    assert r.exit_code == EXIT_USAGE
    r.document("a", "a", mentions=0)
    assert r.exit_code == EXIT_OK
    r.document("b", "b", mentions=0, truncated=True)
    assert r.exit_code == EXIT_PARTIAL


def test_report_file_survives_unencodable_reasons(tmp_path):
    report = RunReport()
    report.skip("x.txt", "extraction failed: ValueError: bad \ud83d")
    report.write(tmp_path / "r.json")
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["skipped"][0]["reason"] == "extraction failed: ValueError: bad \ud83d"


def test_pipeline_accounts_for_every_document(gaz, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "big.txt").write_text("Report\n\n" + SENTENCE * 200, encoding="utf-8")
    (folder / "broken.jsonl").write_text('{"id": "fine", "text": "' + SENTENCE + '"}\n'
                                         "{not json\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "pic.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (folder / "half.jsonl").write_text(
        json.dumps({"id": "half", "title": "Grave \ud83d", "text": SENTENCE}) + "\n",
        encoding="utf-8")
    report = RunReport()
    incidents = build_incidents([folder], gaz, report=report, max_chars=2_000)
    entries = {(e["source"].rsplit("/", 1)[-1], e["status"]): e for e in report.documents()}
    assert set(entries) == {("big.txt", "truncated"), ("broken.jsonl:1", "processed"),
                            ("broken.jsonl:2", "skipped"), ("empty.txt", "skipped"),
                            ("pic.txt", "skipped"), ("half.jsonl:1", "processed")}
    big = entries["big.txt", "truncated"]
    assert big["claims"] >= 1 and big["mentions"] >= 1 and big["incidents"] >= 1
    assert any("cut to" in n for n in big["notes"])
    assert "PNG" in entries["pic.txt", "skipped"]["reason"]
    assert any("title" in n for n in entries["half.jsonl:1", "processed"]["notes"])
    assert report.truncated == 1 and report.exit_code == EXIT_PARTIAL
    assert sum(e.get("incidents", 0) >= 1 for e in entries.values()) == 3
    assert report.without_point == sum(i.lat is None for i in incidents)


def test_parse_documents_entries(gaz, tmp_path):
    report = RunReport()
    records = list(parse_documents([SEEDS], gaz, report=report))
    entries = list(report.documents())
    assert len(records) == len(entries) == 5
    assert all(e["status"] == "processed" and e["mentions"] > 0 for e in entries)


def test_cli_report_lists_documents_and_prints_notes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text(
        json.dumps({"id": "x\ud83d", "title": "Shelling \ud83d", "text": SENTENCE}) + "\n"
        + json.dumps({"id": "y", "outlet": "=cmd", "text": SENTENCE.replace("Kharkiv",
                                                                            "Izium")}) + "\n",
        encoding="utf-8")
    rep, out = tmp_path / "r.json", tmp_path / "x.geojson"
    p = run_geo("incidents", str(folder), "-o", str(out), "--report", str(rep),
                "--workers", "1", "--no-cache")
    assert p.returncode == 0, p.stderr
    assert "geo: note: " in p.stderr and "id, title" in p.stderr
    data = json.loads(rep.read_text(encoding="utf-8"))
    assert [d["id"] for d in data["documents"]] == ["x\ufffd", "y"]
    assert all(d["incidents"] == 1 for d in data["documents"])
    sources = [s for f in json.loads(out.read_text())["features"]
               for s in f["properties"]["sources"]]
    assert {s["title"] for s in sources} >= {"Shelling \ufffd"}


def test_nothing_readable_writes_nothing_and_says_so(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    for command, name in (("incidents", "x.geojson"), ("map", "x.html"), ("parse", "x.json")):
        out = tmp_path / name
        out.write_text("previous", encoding="utf-8")
        p = run_geo(command, str(bad), "-o", str(out), "--no-cache")
        assert p.returncode == 2, p.stderr
        assert "nothing readable in the inputs; no output written" in p.stderr
        assert "->" not in p.stderr and "incidents ->" not in p.stderr
        assert out.read_text(encoding="utf-8") == "previous"
    p = run_geo("parse", str(bad), "--no-cache")
    assert p.returncode == 2 and p.stdout == ""


def test_cli_max_chars_truncates_and_exits_3(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Report\n\n" + SENTENCE * 100, encoding="utf-8")
    rep = tmp_path / "r.json"
    p = run_geo("incidents", str(big), "-o", str(tmp_path / "x.geojson"), "--max-chars",
                "1000", "--report", str(rep), "--no-cache")
    assert p.returncode == 3, p.stderr
    assert "1 truncated" in p.stderr
    [doc] = json.loads(rep.read_text())["documents"]
    assert doc["status"] == "truncated"
    p = run_geo("incidents", str(big), "-o", str(tmp_path / "x.geojson"), "--max-chars", "0",
                "--no-cache")
    assert p.returncode == 0, p.stderr


def test_cli_parse_report(tmp_path):
    (tmp_path / "bad.jsonl").write_text('{"id": "a", "text": "Shelling in Kharkiv."}\n{x\n',
                                        encoding="utf-8")
    rep = tmp_path / "r.json"
    p = run_geo("parse", str(tmp_path / "bad.jsonl"), "--report", str(rep), "--no-cache")
    assert p.returncode == 3, p.stderr
    data = json.loads(rep.read_text(encoding="utf-8"))
    assert [(d["id"], d["status"]) for d in data["documents"]] == [("a", "processed"),
                                                                    (None, "skipped")]
