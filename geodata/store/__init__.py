"""The store: the GeoPackage on disk, its layer tables, ingest into it and export out of it."""
