"""Incidents: what each article reports, grouped across articles.

Per document, `events` reads the article as an analyst does (the incident it is about,
the sentences that are background, other incidents it reports beside it) from the
trigger words of `taxonomy`, the dates of `dates` and the figures of `counts`; `claims`
turns each incident into a `Claim` with the sentences behind its fields, and `extract`
gives the publication date they are read against; `wirecopies` finds copies of one wire
story.  Across documents, `grouping` decides which claims are one incident, `incident`
builds the incidents, `corrections` applies the analyst's fixes and `evaluate` scores
incidents against hand-annotated reports.
"""
