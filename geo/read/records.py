"""Exports of records: a JSON file (one object, a list of objects, or {"documents":
[...]}), JSON Lines and CSV, the last two read line by line."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any

from geo.read.documents import (
    Document,
    LineTooLong,
    Skipped,
    _build,
    _Lines,
    _raise_csv_limit,
    _short,
    _split_lines,
)


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


def _json_documents(text: str, source: str, default_id: str, rel: str, notes: list[str],
                    *, fall_back_to_jsonl: bool = False) -> Iterator[Document | Skipped]:
    """A JSON file: one object, a list of objects, or {"documents": [...]}."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        if fall_back_to_jsonl:
            # Several objects one per line whose first line was broken: read it as JSONL.
            yield from _jsonl_documents(_Lines(_split_lines(text)), source, rel)
            return
        where = f" (line {exc.lineno}, column {exc.colno})" if isinstance(
            exc, json.JSONDecodeError) else ""
        msg = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
        yield Skipped(source=source, reason=f"invalid JSON: {_short(msg, 100)}{where}")
        return
    except RecursionError:
        yield Skipped(source=source, reason="invalid JSON: nested too deeply")
        return
    if isinstance(data, dict) and "text" not in data and isinstance(data.get("documents"), list):
        data = data["documents"]
    if isinstance(data, dict):
        yield _build(data, source=source, default_id=default_id, notes=notes, with_gold=True)
    elif isinstance(data, list):
        for i, item in enumerate(data, start=1):
            where = f"{source}[{i}]"
            if not isinstance(item, dict):
                yield Skipped(source=where, reason="item is not a JSON object")
                continue
            yield _build(item, source=where, default_id=f"{rel}[{i}]", notes=notes,
                         with_gold=True)
    else:
        yield Skipped(source=source, reason="JSON is neither an object nor a list of objects")


def _jsonl_documents(lines: _Lines, source: str, rel: str) -> Iterator[Document | Skipped]:
    """One object per line; a broken line is skipped and reading goes on."""
    seen = False
    while True:
        before = (lines.fallbacks, lines.nuls)
        try:
            line = next(lines)
        except StopIteration:
            if not seen:  # every input ends in the run report, an empty one too
                yield Skipped(source=source, reason="empty document")
            return
        except UnicodeDecodeError as exc:
            yield Skipped(source=f"{source}:{lines.lineno + 1}",
                          reason=f"cannot decode input: {exc.reason}")
            return
        except LineTooLong as exc:
            seen = True
            yield Skipped(source=f"{source}:{lines.lineno}", reason=str(exc))
            continue
        n = lines.lineno
        if not line.strip():
            continue
        seen = True
        where = f"{source}:{n}"
        try:
            record = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as exc:
            yield Skipped(source=where,
                          reason=f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        except (ValueError, RecursionError) as exc:
            yield Skipped(source=where, reason=f"invalid JSON: {_short(str(exc), 100)}")
            continue
        if not isinstance(record, dict):
            yield Skipped(source=where, reason=f"not a JSON object (a {type(record).__name__})")
            continue
        yield _build(record, source=where, default_id=f"{rel}:{n}",
                     notes=lines.notes_since(*before), with_gold=True)


def _sniff_delimiter(header: str) -> str:
    """Comma, unless the header has none but semicolons (European Excel) or tabs."""
    if "," in header:
        return ","
    if ";" in header and header.count(";") >= header.count("\t"):
        return ";"
    return "\t" if "\t" in header else ","


def _csv_documents(lines: _Lines, source: str, rel: str) -> Iterator[Document | Skipped]:
    """A header row, then one record per row (a quoted field may span lines)."""
    _raise_csv_limit()
    try:
        first = next((line for line in lines if line.strip()), None)
    except UnicodeDecodeError as exc:
        yield Skipped(source=source, reason=f"cannot decode input: {exc.reason}")
        return
    except LineTooLong as exc:
        yield Skipped(source=f"{source}:{lines.lineno}", reason=f"bad CSV header: {exc}")
        return
    if first is None:
        yield Skipped(source=source, reason="empty document")
        return
    header_line = lines.lineno
    delimiter = _sniff_delimiter(first)
    try:
        names = [h.strip() for h in next(csv.reader([first], delimiter=delimiter), [])]
    except csv.Error as exc:
        yield Skipped(source=f"{source}:{header_line}", reason=f"bad CSV header: {exc}")
        return
    if "text" not in (n.lower() for n in names):
        yield Skipped(source=f"{source}:{header_line}", reason="no text column in the CSV header")
        return
    reader = csv.reader(lines, delimiter=delimiter)
    while True:
        before = (lines.fallbacks, lines.nuls)
        start = lines.lineno + 1
        where = f"{source}:{start}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            msg = str(exc)
            if "new-line character" in msg:
                msg = "a line break (CR) inside an unquoted field"
            yield Skipped(source=where, reason=f"bad CSV: {msg}")
            continue
        except UnicodeDecodeError as exc:
            yield Skipped(source=where, reason=f"cannot decode input: {exc.reason}")
            return
        except LineTooLong as exc:
            # The csv reader starts its next row afresh: the rows after this one are read.
            yield Skipped(source=where, reason=str(exc))
            continue
        if not any(cell.strip() for cell in row):
            continue
        record: dict[str, Any] = {}
        for i, value in enumerate(row):
            name = names[i] if i < len(names) else ""
            if not value.strip() and name.lower() != "text":
                continue  # an empty cell says nothing; keep meta free of "" values
            if name:
                record.setdefault(name, value)
            else:
                record.setdefault("_extra", []).append(value)
        yield _build(record, source=where, default_id=f"{rel}:{start}",
                     notes=lines.notes_since(*before))
