"""Saved web pages: article text and metadata, extracted offline."""

from __future__ import annotations

from typing import Any


def _extract_html(html: str) -> dict[str, Any] | None:
    """Article text and metadata of a saved web page, offline."""
    # Slow to import (lxml, dateparser); only pages pay for them.
    import htmldate
    import trafilatura

    result = trafilatura.bare_extraction(html, with_metadata=True)
    if result is None:
        return None
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        return None
    # Bytes, not str: htmldate downloads any string that starts with "http".
    published = htmldate.find_date(html.encode("utf-8"), original_date=True)
    record: dict[str, Any] = {
        "text": text,
        "title": data.get("title"),
        "url": data.get("url"),
        "outlet": data.get("sitename") or data.get("hostname"),
        "published": published or data.get("date"),
    }
    for key in ("author", "description", "language", "categories", "tags"):
        value = data.get(key)
        if value:
            record[key] = value
    return record
