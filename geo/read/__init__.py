"""Reading articles: files, folders, exports and pipes into one stream of documents.

`reader` has the entry point (`read_inputs`) and dispatches by input type to `text`
(.txt/.md and metadata.csv), `html` (saved web pages) and `records` (.json, .jsonl,
.csv); `documents` defines `Document` and `Skipped` and builds them from fields;
`published` reads publication dates.
"""

from geo.read.documents import Document, Skipped
from geo.read.reader import read_inputs

__all__ = ["Document", "Skipped", "read_inputs"]
