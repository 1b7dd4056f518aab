"""Reading articles: files, folders, exports and pipes into one stream of documents.

`reader` has the entry point (`read_inputs`) and dispatches by input type to `text`
(.txt/.md and metadata.csv), `html` (saved web pages) and `records` (.json, .jsonl,
.csv); `documents` defines `Document` and `Skipped` and builds them from fields;
`published` reads publication dates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from geo.read.documents import Document, Skipped
    from geo.read.reader import read_inputs

__all__ = ["Document", "Skipped", "read_inputs"]


def __getattr__(name: str):
    """Load the readers (and their pydantic models) on first use, not on `import
    geo.read.limits`: the command line reads the limits for its help on every start."""
    if name in ("Document", "Skipped"):
        from geo.read import documents

        return getattr(documents, name)
    if name == "read_inputs":
        from geo.read.reader import read_inputs

        return read_inputs
    raise AttributeError(f"module 'geo.read' has no attribute {name!r}")
