"""The incremental cache: each document's per-document result, kept between runs.

A re-run over a folder where a few articles are new only parses the new ones.  One
entry is one small JSON file, written atomically (`geo.atomic.atomic_write`), under

    <cache dir>/<kind>/<key[:2]>/<key>.json

The default cache dir is platformdirs' user cache dir for `geo-incidents`
(`~/.cache/geo-incidents` on Linux, `~/Library/Caches/geo-incidents` on macOS,
`%LOCALAPPDATA%\\geo-incidents\\Cache` on Windows); `--cache-dir DIR` (or
`$GEO_CACHE_DIR`) moves it and `--no-cache` bypasses it.  Deleting the folder is always
safe.

The key of an entry is the sha256 of everything the result depends on:

* the document: the sha256 of its text, its id, title, url, outlet and publication date
  (they end up in the output), and for `--gold-spans` the spans it carries;
* the tool: `geo.__version__`, the kind of result (`parse` or `incidents`) and the
  options that change it;
* the gazetteer: its `build_date` (meta), its file size, its imports and the sha256 of
  the `local.tsv` laid over it;
* the rules: the sha256 of the taxonomy file, of the corrections file (pins change
  places) and of the packaged data files (`geo/data/*`: recognizer.json, aliases,
  demonyms, taxonomy).

A changed input, tool, gazetteer or rule file therefore never reuses a stale result; old
entries are simply never read again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from geo import __version__

ENV_CACHE_DIR = "GEO_CACHE_DIR"
FORMAT = 2  # 2: document-level incidents (claims carry quotes, keywords, reviews)


def default_cache_dir() -> Path:
    """`$GEO_CACHE_DIR`, else the platform's user cache dir for `geo-incidents`."""
    env = os.environ.get(ENV_CACHE_DIR)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("geo-incidents"))


def file_sha256(path: Path | str | None) -> str | None:
    """The sha256 of a file's bytes; None when there is no such file."""
    if path is None:
        return None
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def data_files_sha256() -> dict[str, str]:
    """The packaged rule files (recognizer.json, aliases, demonyms, taxonomy)."""
    from importlib.resources import files

    out: dict[str, str] = {}
    for entry in sorted(files("geo").joinpath("data").iterdir(), key=lambda e: e.name):
        if entry.is_file():
            out[entry.name] = hashlib.sha256(entry.read_bytes()).hexdigest()
    return out


@functools.cache
def code_sha256() -> str:
    """The package's own code: a checkout or an upgrade that changes how documents are
    read, parsed or extracted makes earlier results stale, version number or not."""
    from importlib.resources import files

    digest = hashlib.sha256()
    root = files("geo")

    def walk(entry, prefix: str) -> None:
        for child in sorted(entry.iterdir(), key=lambda e: e.name):
            if child.is_dir() and child.name not in ("__pycache__", "data"):
                walk(child, f"{prefix}{child.name}/")
            elif child.is_file() and child.name.endswith(".py"):
                digest.update(f"{prefix}{child.name}\0".encode())
                digest.update(child.read_bytes())

    walk(root, "")
    return digest.hexdigest()


def gazetteer_fingerprint(gaz) -> dict:
    """What identifies the gazetteer build: build date, size, imports and local.tsv."""
    from geo.gazetteer import db

    return {
        "build_date": db.get_meta(gaz.conn, "build_date"),
        "size": gaz.path.stat().st_size,
        "imports": db.get_meta(gaz.conn, "imports", []),
        "local_tsv": file_sha256(gaz.local_path),
    }


def run_context(kind: str, gaz, *, taxonomy_path: Path | None = None,
                corrections_path: Path | None = None, options: dict | None = None) -> str:
    """The part of every key that is the same for all documents of one run."""
    ctx = {
        "format": FORMAT,
        "version": __version__,
        "kind": kind,
        "options": options or {},
        "gazetteer": gazetteer_fingerprint(gaz),
        "taxonomy": file_sha256(taxonomy_path),
        "corrections": file_sha256(corrections_path),
        "data": data_files_sha256(),
        "code": code_sha256(),
    }
    return hashlib.sha256(json.dumps(ctx, sort_keys=True, default=str).encode()).hexdigest()


def document_key(context: str, doc, *, gold_spans: bool = False) -> str:
    """The cache key of one document's result within a run context."""
    fields = [context, doc.sha256, doc.id, doc.title, doc.url, doc.outlet, doc.published,
              doc.source.lower().endswith((".html", ".htm"))]
    if gold_spans:
        fields.append(doc.gold_toponyms)
    return hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()


@dataclass
class Cache:
    """Per-document results on disk, one JSON file per entry."""

    root: Path
    kind: str
    context: str

    def _path(self, key: str) -> Path:
        return self.root / self.kind / key[:2] / f"{key}.json"

    def key(self, doc, *, gold_spans: bool = False) -> str:
        return document_key(self.context, doc, gold_spans=gold_spans)

    def get(self, key: str) -> dict | None:
        """The stored result, or None (missing, unreadable or from another format)."""
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        payload = data.get("result")
        return payload if isinstance(payload, dict) else None

    def put(self, key: str, payload: dict) -> None:
        """Store a result atomically; a cache that cannot be written is not an error."""
        from geo.atomic import atomic_write

        try:
            with atomic_write(self._path(key)) as fh:
                json.dump({"format": FORMAT, "result": payload}, fh, ensure_ascii=False,
                          separators=(",", ":"))
        except OSError:
            pass
