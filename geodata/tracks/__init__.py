"""Observed flight tracks (ADS-B and GPS exports) beside the routes the articles report.

fixes (records) · detect (which format a file is) · one reader per format family (readsb,
csvformats for OpenSky and Flightradar24, kml, gpx, geojson) · read (file -> checked FixTable) ·
flights (split into flights, gap bridges) · match (observed flights proposed for reported routes) ·
store (the GeoPackage tables) · importer (`sortie tracks import`: worker processes, batches).
Nothing is imported here: each module loads its own dependencies when first used.
"""
