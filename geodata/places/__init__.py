"""Places: the offline gazetteer (build and read), toponym recognition and resolution, the places layer."""
