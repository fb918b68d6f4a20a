"""Sortie's pure geodata core: read articles, find and resolve places and times, build map features.

Nothing heavy happens at import: the spaCy model and the gazetteer load on first use.
"""

__version__ = "0.1.0"
