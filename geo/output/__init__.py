"""What a run hands to people: `exports` writes incidents as GeoJSON, CSV, JSON or KML,
`mapping` draws them as one offline HTML map, and `assets` supplies the map's inlined
scripts, styles and country outlines."""
