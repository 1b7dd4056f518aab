"""Where the gazetteer lives when the user does not say."""

from __future__ import annotations

import os
from pathlib import Path

from geo.errors import InputError

ENV_GAZETTEER = "GEO_GAZETTEER"
DEFAULT_NAME = "geonames.sqlite"


def project_root() -> Path | None:
    """The source checkout this package runs from, if it runs from one."""
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file() and (root / "gazetteer").is_dir():
        return root
    return None


def default_gazetteer() -> Path:
    """`$GEO_GAZETTEER`, else `gazetteer/geonames.sqlite` in the checkout, else user data."""
    env = os.environ.get(ENV_GAZETTEER)
    if env:
        return Path(env)
    root = project_root()
    if root is not None:
        return root / "gazetteer" / DEFAULT_NAME
    import platformdirs

    return Path(platformdirs.user_data_dir("geo-incidents")) / DEFAULT_NAME


def default_local_tsv(gazetteer: Path) -> Path:
    """`local.tsv` beside the gazetteer database: the user's own additions and overrides."""
    return gazetteer.parent / "local.tsv"


def prepare_output_folder(path: str | os.PathLike[str]) -> Path | None:
    """Make sure the folder an output file goes to exists; the folder created, if any.

    A missing folder is created only when its own parent exists: `-o maps/new/x.html`
    makes `new`, but a typo (`-o /nonexistent/deeper/x.html`) is an error rather than a
    tree of folders nobody asked for.  Raises InputError naming the folder."""
    folder = Path(path).parent
    if folder.is_dir():
        return None
    if folder.exists():
        raise InputError(f"cannot write {path}: {folder} is not a folder")
    if not folder.parent.is_dir():
        missing = folder.parent
        while not missing.parent.is_dir() and missing.parent != missing:
            missing = missing.parent
        raise InputError(f"cannot write {path}: the folder {missing} does not exist "
                         "(create it first)")
    try:
        folder.mkdir()
    except FileExistsError:
        return None  # made meanwhile by someone else: fine
    except OSError as exc:
        raise InputError(f"cannot create the folder {folder}: {exc.strerror or exc}") from None
    return folder
