"""Text and Markdown files: `---` front matter, and the `metadata.csv` that gives the
files of a folder their metadata."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from pathlib import Path

from geo.read.documents import (
    _binary_kind,
    _Lines,
    _no_surrogates,
    _raise_csv_limit,
    _split_lines,
    _wide_encoding,
)

METADATA_NAME = "metadata.csv"
_FM_KEY = re.compile(r"([A-Za-z_][\w-]*)\s*:\s?(.*)")
_FM_MAX_LINES = 200


def _front_matter(text: str) -> tuple[dict[str, str], str, str | None]:
    """Split `---`-fenced `key: value` lines off the top; (fields, rest, problem)."""
    if text.split("\n", 1)[0].rstrip() != "---":
        return {}, text, None
    lines = _split_lines(text)
    fields: dict[str, str] = {}
    pos = len(lines[0])
    for line in lines[1:_FM_MAX_LINES]:
        pos += len(line)
        body = line.strip()
        if body in ("---", "..."):
            return fields, text[pos:], None
        if not body or body.startswith("#"):
            continue
        m = _FM_KEY.fullmatch(body)
        if not m:
            return {}, text, "front matter has a line that is not `key: value`; read as text"
        value = m[2].strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        fields[m[1].lower()] = value
    return {}, text, "front matter is not closed by a `---` line; read as text"


class _MetadataRows:
    """A folder's metadata.csv rows by file name, in a private temporary SQLite file.

    A folder of a million articles has a million rows, needed one at a time for the
    whole run: on disk they cost no memory.  SQLite deletes the file when the connection
    closes (on Unix it is unlinked at once, so even a killed run leaves nothing).  A
    later row for the same file replaces an earlier one."""

    def __init__(self) -> None:
        self.db = sqlite3.connect("", check_same_thread=False)
        self.db.execute("CREATE TABLE rows (name TEXT PRIMARY KEY, row TEXT NOT NULL)")

    def put(self, name: str, fields: dict[str, str]) -> None:
        self.db.execute("INSERT OR REPLACE INTO rows VALUES (?, ?)",
                        (_no_surrogates(name), json.dumps(fields, ensure_ascii=True)))

    def row(self, name: str) -> dict[str, str]:
        # A file name that is not valid UTF-8 comes with surrogate escapes, which SQLite
        # cannot take; its row (if any) is under the same name with U+FFFD.
        found = self.db.execute("SELECT row FROM rows WHERE name = ?",
                                (_no_surrogates(name),)).fetchone()
        return json.loads(found[0]) if found else {}

    def close(self) -> None:
        self.db.close()


def _read_metadata_csv(path: Path) -> tuple[_MetadataRows, str | None]:
    """Rows of a folder's metadata.csv by file name, read as a stream; (rows, problem)."""
    rows = _MetadataRows()
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below, after the streamed read
    except OSError as exc:
        return rows, f"{METADATA_NAME}: cannot read ({exc.strerror or exc})"
    _raise_csv_limit()
    with fh:
        head = fh.read(8192)
        if (binary := _binary_kind(head)) is not None:
            return rows, f"{METADATA_NAME} is not a text file ({binary}); ignored"
        wide = _wide_encoding(head[:4])
        fh.seek(0)
        # UTF-16/32 cannot be split at b"\n": decode the stream, still lazily.
        lines = _Lines(io.TextIOWrapper(fh, encoding=wide, errors="replace", newline="")
                       if wide else fh)
        reader = csv.reader(lines)
        try:
            header = next((r for r in reader if any(c.strip() for c in r)), None)
            if header is None:
                return rows, None
            names = [h.strip() for h in header]
            if "file" not in [n.lower() for n in names]:
                return rows, f"{METADATA_NAME} has no `file` column; ignored"
            for row in reader:
                rec = {names[i]: v for i, v in enumerate(row) if i < len(names) and names[i]}
                key = {k.lower(): k for k in rec}.get("file")
                name = rec.get(key, "").strip() if key else ""
                if name:
                    rows.put(name, {k: v for k, v in rec.items() if k != key})
        except csv.Error as exc:
            return rows, (f"{METADATA_NAME}: bad CSV ({exc}); rows after line "
                          f"{reader.line_num} ignored")
        except OSError as exc:
            return rows, f"{METADATA_NAME}: cannot read ({exc.strerror or exc})"
    if lines.fallbacks:
        return rows, (f"{METADATA_NAME} is not valid UTF-8 ({lines.fallbacks} line(s)); "
                      "decoded as cp1252")
    return rows, None
