"""Per-document limits, in a module of their own so that the command line can show them
without loading the readers.

Claim extraction spends time per claim that grows with the article's length, so one huge
article (a book-length report, a scraped page that never ends) would stall a run; a
document's text is cut at MAX_CHARS characters (at a sentence or line end when one is
near), with a note and a "truncated" entry in the run report.  Reading is bounded too, so
memory per document is: a text file is read only as far as the limit can need (4 bytes a
character), a saved page up to MAX_HTML_BYTES, and a JSONL/CSV line (one record) up to
MAX_LINE_BYTES, beyond which the record is skipped.  `read_inputs(max_chars=None)` (and
`--max-chars 0`) lifts the text limit.
"""

MAX_CHARS = 500_000
MAX_LINE_BYTES = 64 * 1024 * 1024
MAX_HTML_BYTES = 32 * 1024 * 1024
