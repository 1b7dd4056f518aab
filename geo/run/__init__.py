"""Running the pipeline over many documents.

`pipeline` drives a run (`parse_documents`, `incident_run`, `build_incidents`): it reads
the inputs, has `parallel` do the per-document work (in this process, worker processes
or a Dask cluster), reuses results from `cache`, keeps each document's claims on disk in
`store` until grouping, and counts what was processed and skipped in `report`.
"""
