"""Where the gazetteer lives when the user does not say."""

from __future__ import annotations

import os
from pathlib import Path

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
