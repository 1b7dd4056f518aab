"""The geoparser: find the places an article mentions and resolve each to a gazetteer entry.

`parse` is the entry point (`parse_text`, `parse_document`).  `tokens` splits the text,
`recognize` finds candidate mentions (with `coordinates` for written coordinates and
`demonyms` for nationality words), `recognizer` keeps those the learned filter accepts
(`mentions` holds what both share, `train` fits the filter), `resolve` chooses each
mention's place and `relative` applies phrases such as "25 km south of".  `evaluate`
scores the result against gold corpora.
"""
