"""Robustness: killed runs leave no half-written output, bad inputs never cost good ones,
big inputs stream.

- Kill tests: `geo incidents`, `geo map` and `geo parse` are SIGKILLed at several moments
  of a run over generated articles; every output is then either absent, the previous
  complete file, or the complete file an uninterrupted run writes.  A killed run may leave
  its own temp file (`.out.geojson.<host>-<pid>.<random>.tmp`: SIGKILL cannot be caught);
  the next write of the same output removes it (geo.atomic.remove_stale_temps) and ends
  with the uninterrupted run's result.
- Fuzz: the readers and the geoparser on random Unicode, NULs, mixed encodings, UTF-16,
  deep JSON, huge lines, empty files and binary junk, directly and through the CLI.
- Streaming: reading a large JSONL export keeps memory bounded.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.places.parse import parse_text
from geo.read import Document, Skipped, read_inputs
from tests.corpusgen import article, write_jsonl_corpus, write_txt_corpus

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
N_ARTICLES = 200


def _env(cache: Path) -> dict:
    return {**os.environ, "GEO_CACHE_DIR": str(cache), "PYTHONUNBUFFERED": "1"}


def _geo(*args: str, cache: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geo", *args], capture_output=True, text=True,
                          env=_env(cache), cwd=ROOT, timeout=timeout)


def _no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr[-3000:]
    assert "internal error" not in stderr, stderr[-3000:]


# --- killed runs -----------------------------------------------------------------------------

BUILT = re.compile(rb"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC")


def _normal(data: bytes, suffix: str) -> bytes:
    """The file's content, minus the map's build time (the only thing a re-run changes)."""
    return BUILT.sub(b"BUILT", data) if suffix == ".html" else data


def _complete(path: Path) -> None:
    """A file an interrupted writer would have left truncated fails here."""
    data = path.read_bytes()
    if path.suffix in (".geojson", ".json"):
        json.loads(data)
    elif path.suffix == ".html":
        assert data.rstrip().endswith(b"</html>")


def _session_pids(sid: int) -> list[int]:
    """Processes still alive in the session our killed command led (its workers)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != "Z":  # field 6 of stat: the session id
            pids.append(int(entry.name))
    return pids


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _run_killed(args: list[str], cache: Path, delay: float, workdir: Path,
                until_file: str | None = None) -> tuple[bool, list[int]]:
    """Start `geo ARGS`, wait until it has started work (0.2 s of CPU) and `delay` more
    seconds (or until a file matching `until_file` appears), SIGKILL it.  Returns whether
    it was still running when killed, and the pids of its workers that outlived it."""
    with open(workdir / "stderr.txt", "wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "geo", *args], stdout=subprocess.DEVNULL,
                                stderr=err, env=_env(cache), cwd=ROOT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while proc.poll() is None and _cpu_seconds(proc.pid) < 0.2 \
                and time.monotonic() < deadline:
            time.sleep(0.005)
        if until_file:
            while proc.poll() is None and time.monotonic() < deadline \
                    and not list(workdir.glob(until_file)):
                time.sleep(0.0005)
        else:
            time.sleep(delay)
        running = proc.poll() is None
        if running:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        orphans: list[int] = []
        t = time.monotonic() + 5
        while (orphans := _session_pids(proc.pid)) and time.monotonic() < t:
            time.sleep(0.1)
        for pid in orphans:  # ours (started by the command we started): end them by id
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        return running, orphans
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """~300 short generated articles (short, so one full run takes a few seconds)."""
    return write_txt_corpus(tmp_path_factory.mktemp("corpus") / "articles", N_ARTICLES,
                            seed=7, length=500)


def _temps(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.tmp"))


@pytest.mark.parametrize("command, out_name", [
    ("incidents", "out.geojson"),
    ("map", "out.html"),
    ("parse", "out.json"),
])
def test_killed_runs_leave_complete_or_previous_outputs(corpus, tmp_path, command, out_name):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / out_name
    args = [command, str(corpus), "-o", str(out), "--workers", "1"]
    if command != "parse":
        args += ["--corrections", str(tmp_path / "none.toml")]

    # The uninterrupted run, with its own cold cache.
    t = time.monotonic()
    full = _geo(*args, cache=tmp_path / "cache-full")
    duration = time.monotonic() - t
    assert full.returncode == 0, full.stderr[-2000:]
    _no_traceback(full.stderr)
    expected = _normal(out.read_bytes(), out.suffix)
    _complete(out)
    previous = b"previous complete output\n"
    assert _temps(out_dir) == []

    # Killed at several moments, once with no output yet and once over a previous output;
    # the killed runs share one cache, so later ones also start from a partial cache.
    cache = tmp_path / "cache-killed"
    outcomes = []
    leftovers: list[Path] = []
    for i, frac in enumerate((0.1, 0.5, None)):
        had_previous = i % 2 == 1
        if had_previous:
            out.write_bytes(previous)
        elif out.exists():
            out.unlink()
        until = f".{out_name}.*.tmp" if frac is None else None  # mid-write, when we can
        running, orphans = _run_killed(args, cache, (frac or 0) * duration, out_dir, until)
        outcomes.append(running)  # orphaned workers: see test_killed_run_leaves_no_workers
        _no_traceback((out_dir / "stderr.txt").read_text(errors="replace"))
        (out_dir / "stderr.txt").unlink()
        if out.exists():
            data = out.read_bytes()
            if had_previous and data == previous:
                pass  # intact
            else:
                assert _normal(data, out.suffix) == expected, f"kill {i}: output differs"
                _complete(out)
        # At most the killed run's own temp file is left behind; earlier ones are gone.
        temps = _temps(out_dir)
        assert len(temps) <= 1, temps
        leftovers += temps
    assert any(outcomes), "every run finished before it could be killed"

    # A re-run (sharing the killed runs' cache) removes the leftover temp file and ends
    # with the uninterrupted run's result.
    rerun = _geo(*args, cache=cache)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    _no_traceback(rerun.stderr)
    assert _normal(out.read_bytes(), out.suffix) == expected
    assert _temps(out_dir) == []
    assert sorted(p.name for p in out_dir.iterdir()) == [out_name]


def test_killed_run_leaves_no_workers(corpus, tmp_path):
    out = tmp_path / "out.geojson"
    args = ["incidents", str(corpus), "-o", str(out), "--workers", "2", "--no-cache"]
    running, orphans = _run_killed(args, tmp_path / "cache", 1.0, tmp_path)
    assert running
    assert orphans == []


def test_stale_temp_of_a_dead_writer_is_removed_but_a_live_ones_kept(tmp_path):
    from geo.atomic import HOST, atomic_write

    target = tmp_path / "out.geojson"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".out.geojson.{HOST}-{dead.pid}.abcd1234.tmp"
    live = tmp_path / f".out.geojson.{HOST}-{os.getppid()}.abcd1234.tmp"
    other_host = tmp_path / f".out.geojson.otherhost-{dead.pid}.abcd1234.tmp"
    for p in (stale, live, other_host):
        p.write_text("half a fi")
    with atomic_write(target) as fh:
        fh.write("{}")
    assert target.read_text() == "{}"
    assert not stale.exists()
    assert live.exists() and other_host.exists()


# --- fuzzing the readers and the geoparser ---------------------------------------------------

RTL = "\u0645\u0642\u0628\u0631\u0629 \u062c\u0645\u0627\u0639\u064a\u0629 \u0641\u064a \u062d\u0644\u0628 \u05e9\u05dc\u05d5\u05dd \u200f\u202e"  # noqa: E501
COMBINING = "Z\u0351\u036b\u0343a\u0310\u0352l\u0357g\u0310o I\u0301zi\u0308um"
EMOJI = "\U0001f4a3 Bucha \U0001f1fa\U0001f1e6 \u2764\ufe0f\u200d\U0001f525 \U0001f9d1\U0001f3fd\u200d\U0001f692"  # noqa: E501
NASTY = [RTL, COMBINING, EMOJI, "\x00", "\ufeff", "\u2028", "\u2029", "\r", "\ud800", "\udfff",
         "\uffff", "\U0010ffff", "Mass grave near Izium.", "25 km south of Raqqa", "\t", "{",
         "\"", ",", "---\n", "<html>"]

texts = st.lists(st.one_of(st.text(max_size=80), st.sampled_from(NASTY)), max_size=30) \
    .map("".join)


@pytest.fixture(scope="module")
def shared_gaz(gazetteer_path):
    from geo.gazetteer.lookup import Gazetteer

    g = Gazetteer(gazetteer_path, local_tsv=False)
    yield g
    g.close()


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=texts)
def test_parse_text_never_raises(shared_gaz, text):
    toponyms = parse_text(text, shared_gaz)
    for t in toponyms:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text


SUFFIXES = [".txt", ".md", ".html", ".json", ".jsonl", ".csv"]


def _utf16(s: str) -> bytes:
    return s.encode("utf-16", "surrogatepass")


contents = st.one_of(
    st.binary(max_size=400),
    texts.map(lambda s: s.encode("utf-8", "surrogatepass")),
    texts.map(lambda s: s.encode("latin-1", "replace") + "é Ізюм".encode()),
    texts.map(_utf16),
    texts.map(lambda s: json.dumps({"id": "x", "text": s}).encode()),
    texts.map(lambda s: (json.dumps({"text": s}, ensure_ascii=False) + "\n").encode(
        "utf-8", "surrogatepass") * 2),
    st.integers(0, 3000).map(lambda d: ('{"text": "Izium", "x": ' + "[" * d + "]" * d
                                        + "}\n").encode()),
    texts.map(lambda s: ("id,text\n1,\"" + s + "\"\n").encode("utf-8", "surrogatepass")),
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=contents, suffix=st.sampled_from(SUFFIXES))
def test_read_inputs_never_raises(data, suffix):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d, "input" + suffix)
        path.write_bytes(data)
        items = list(read_inputs([d, path]))
    assert items
    for item in items:
        assert isinstance(item, Document | Skipped)
        if isinstance(item, Skipped):
            assert item.reason.strip()
        else:
            assert "\x00" not in item.text
            item.text.encode("utf-8")  # no lone surrogates left
            json.dumps(item.model_dump(mode="json"))


GOOD = 4  # generated articles, each with an incident sentence at a real town


def _mixed_folder(folder: Path, bad: dict[str, bytes]) -> list[str]:
    """Good articles (ids good-*) plus `bad` files; the ids of the good documents."""
    folder.mkdir(parents=True, exist_ok=True)
    ids = []
    for i in range(GOOD):
        rec = article(i, seed=3)
        (folder / f"good-{i}.txt").write_text(rec["text"], encoding="utf-8")
        ids.append(f"good-{i}")
    shutil.copy(SEEDS / "004_ed4c0e165cfa5413.txt", folder / "good-seed.txt")
    ids.append("good-seed")
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    return ids


def _check_cli_on(folder: Path, good_ids: list[str], bad_names: list[str], cache: Path,
                  tmp: Path, expect_skipped: set[str] | None = None,
                  readable_ids: tuple[str, ...] = ()) -> None:
    """`geo parse` and `geo incidents` on `folder`: no crash, good documents all there,
    every skipped input is a bad file with a reason, the exit code says so."""
    parsed = tmp / "parsed.json"
    res = _geo("parse", str(folder), "-o", str(parsed), "--workers", "1", cache=cache)
    _no_traceback(res.stderr)
    assert res.returncode in (0, 3), res.stderr[-2000:]
    ids = {d["id"] for d in json.loads(parsed.read_text(encoding="utf-8"))}
    assert set(good_ids) | set(readable_ids) <= ids, res.stderr[-2000:]
    skipped = re.findall(r"^geo: skipped (.+?): (.+)$", res.stderr, re.M)
    truncated = re.search(r" skipped(?: \(.*\))?, (\d+) truncated,", res.stderr)
    assert (res.returncode == 3) == bool(skipped or truncated), res.stderr[-2000:]
    for source, reason in skipped:
        assert Path(source.split(":")[0].split("[")[0]).name in bad_names and reason.strip()
    if expect_skipped is not None:
        names = {Path(s.split(":")[0].split("[")[0]).name for s, _ in skipped}
        assert expect_skipped <= names, res.stderr

    out, report = tmp / "incidents.geojson", tmp / "report.json"
    res = _geo("incidents", str(folder), "-o", str(out), "--report", str(report),
               "--corrections", str(tmp / "none.toml"), "--workers", "1", cache=cache)
    _no_traceback(res.stderr)
    assert res.returncode in (0, 3), res.stderr[-2000:]
    rep = json.loads(report.read_text())
    assert (res.returncode == 3) == bool(rep["skipped"] or rep["truncated"])
    assert len(rep["documents"]) == rep["processed"] + len(rep["skipped"])  # all accounted
    for s in rep["skipped"]:
        assert Path(s["source"].split(":")[0].split("[")[0]).name in bad_names
        assert s["reason"].strip() and f"skipped {s['source']}: " in res.stderr
    sources = {s["id"] for f in json.loads(out.read_text())["features"]
               for s in f["properties"]["sources"]}
    assert set(good_ids) <= sources, sorted(sources)


def test_cli_survives_a_folder_of_bad_files(tmp_path):
    rnd = random.Random(5)
    junk = bytes(rnd.randrange(256) for _ in range(5000))
    deep = "[" * 10_000 + "]" * 10_000
    line = "the report could not be independently verified and officials declined to comment "
    bad = {
        "empty.txt": b"",
        "empty.json": b"",
        "empty.csv": b"",
        "only-bom.txt": b"\xef\xbb\xbf",
        "junk.txt": junk,
        "junk.html": junk,
        "junk.csv": junk,
        "junk.json": junk,
        "junk.jsonl": junk,
        "nuls.txt": b"Mass grave\x00 near \x00Izium.\x00" * 10,
        "mixed.txt": "Exhumation in Ізюм, Kharkiv region. ".encode() + "Café près d'Alep".encode(
            "latin-1"),
        "utf16.txt": "Масові поховання знайшли біля Ізюма.\n".encode("utf-16"),
        "utf16.jsonl": (json.dumps({"id": "u16", "text": "Shelling in Kharkiv."}) + "\n")
        .encode("utf-16"),
        "deep.json": ('{"text": "Izium", "x": ' + deep + "}").encode(),
        "deep.jsonl": ('{"text": "Izium", "x": ' + deep + "}\n"
                       + json.dumps({"id": "after-deep", "text": "Airstrike on Raqqa."})
                       + "\n").encode(),
        "surrogates.jsonl": b'{"id": "sur", "text": "Bucha \\ud800 grave \\udfff"}\n',
        "unicode.txt": (RTL + "\n" + COMBINING + "\n" + EMOJI + "\n").encode(),
        "huge-line.txt": (line * (1_000_000 // len(line))).encode(),
        "huge-line.jsonl": (json.dumps({"id": "huge", "text": line * (1_000_000 // len(line))})
                            + "\n").encode(),
        "scalar.json": b"42",
        "bad-quote.csv": b'id,text\n1,"unterminated\n2,fine\n',
        "no-text.csv": b"id,title\n1,hello\n",
    }
    good = _mixed_folder(tmp_path / "in", bad)
    _check_cli_on(tmp_path / "in", good, list(bad),
                  tmp_path / "cache", tmp_path,
                  expect_skipped={"empty.txt", "empty.json", "empty.csv", "only-bom.txt",
                                  "junk.html", "junk.csv", "deep.json", "deep.jsonl",
                                  "scalar.json", "no-text.csv"},
                  readable_ids=("u16", "after-deep", "sur", "huge"))


@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=contents, suffix=st.sampled_from(SUFFIXES))
def test_cli_survives_a_random_bad_file(data, suffix):
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        name = "bad" + suffix
        good = _mixed_folder(tmp / "in", {name: data})
        _check_cli_on(tmp / "in", good, [name], tmp / "cache", tmp)


def test_many_mentions_parse_in_linear_time(gaz, monkeypatch):
    """Work grows linearly with the number of mentions: count the steps, not the seconds.

    A run of thousands of capitalised words (`Izium Izium ...`) once cost quadratic work
    in recognition and in the spatial-coherence step of resolution.
    """
    from geo.places import recognize
    from geo.places import resolve as resolve_mod
    from geo.places.parse import parse_text

    steps = {"tokens": 0, "pairs": 0}
    real_is_name, real_pairwise = recognize._is_name_token, resolve_mod._pairwise_km

    def is_name(t):
        steps["tokens"] += 1
        return real_is_name(t)

    def pairwise(a, b):
        steps["pairs"] += len(a) * len(b)
        return real_pairwise(a, b)

    monkeypatch.setattr(recognize, "_is_name_token", is_name)
    monkeypatch.setattr(resolve_mod, "_pairwise_km", pairwise)
    counts = []
    for n in (500, 2000):
        steps.update(tokens=0, pairs=0)
        text = " ".join(["Izium", "Aleppo", "Raqqa", "Kharkiv"] * (n // 4))
        parse_text(text, gaz)
        counts.append(dict(steps))
    assert counts[0]["tokens"] > 0 and counts[0]["pairs"] > 0  # both steps were counted
    # Four times the mentions: about four times the steps (quadratic would be 16x).
    assert counts[1]["tokens"] <= 6 * counts[0]["tokens"]
    assert counts[1]["pairs"] <= 6 * max(1, counts[0]["pairs"])


# --- streaming ------------------------------------------------------------------------------

COUNTER = """
import resource, sys
from geo.read import Document, read_inputs
n = 0
for item in read_inputs([sys.argv[1]]):
    n += isinstance(item, Document)
peak = 0
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        peak = int(line.split()[1]) * 1024
print(n, peak or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
"""


def test_large_jsonl_is_streamed(tmp_path):
    path = tmp_path / "big.jsonl"
    templates = [json.dumps(rec, ensure_ascii=False).replace(rec["id"], "{id}", 1)
                 for rec in (article(i, seed=11, length=2500) for i in range(20))]
    target = 80_000_000
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        size = 0
        while size < target:
            chunk = "".join(t.replace("{id}", f"big{n + j:07d}") + "\n"
                            for j, t in enumerate(templates))
            fh.write(chunk)
            size += len(chunk.encode())
            n += len(templates)
    size = path.stat().st_size
    res = subprocess.run([sys.executable, "-c", COUNTER, str(path)], capture_output=True,
                         text=True, cwd=ROOT, timeout=300)
    assert res.returncode == 0, res.stderr
    count, peak = map(int, res.stdout.split())
    assert count == n
    assert peak < 0.4 * size + 150e6, f"peak {peak / 1e6:.0f} MB for a {size / 1e6:.0f} MB file"


def test_corpusgen_jsonl_matches_txt(tmp_path):
    """The generator's two layouts read back as the same documents."""
    jsonl = {d.id: d for d in read_inputs([write_jsonl_corpus(tmp_path / "c.jsonl", 5)])}
    txt = {d.id: d for d in read_inputs([write_txt_corpus(tmp_path / "c", 5)])}
    assert sorted(jsonl) == sorted(txt) == [f"art{i:06d}" for i in range(5)]
    for i, d in jsonl.items():
        assert (d.text, d.outlet, d.published, d.url) == \
            (txt[i].text, txt[i].outlet, txt[i].published, txt[i].url)
