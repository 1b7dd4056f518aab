"""Output folders: one missing level is created (and reported), a deeper typo is not."""

from __future__ import annotations

import pytest

from geo.errors import InputError
from geo.paths import prepare_output_folder


def test_existing_folder_needs_nothing(tmp_path):
    assert prepare_output_folder(tmp_path / "x.geojson") is None


def test_one_missing_level_is_created(tmp_path):
    assert prepare_output_folder(tmp_path / "maps" / "x.html") == tmp_path / "maps"
    assert (tmp_path / "maps").is_dir()


def test_deeper_missing_folders_are_an_error_naming_the_first(tmp_path):
    with pytest.raises(InputError, match=f"the folder {tmp_path / 'a'} does not exist"):
        prepare_output_folder(tmp_path / "a" / "b" / "c" / "x.json")
    assert not (tmp_path / "a").exists()


def test_a_file_in_the_way(tmp_path):
    (tmp_path / "f").write_text("")
    with pytest.raises(InputError, match="is not a folder"):
        prepare_output_folder(tmp_path / "f" / "x.json")
