"""Incidents: claims extracted from each article, grouped across articles.

Per document, `claims` finds the sentences that report an incident (`taxonomy` for the
types and trigger words, `dates` for when, `counts` for how many victims) and `extract`
gives the publication date they are read against; `wirecopies` finds copies of one wire
story.  Across documents, `grouping` decides which claims are one incident, `incident`
builds the incidents, and `corrections` applies the analyst's fixes.
"""
