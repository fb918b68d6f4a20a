"""Component ids, in one place, so layout, callbacks and browser tests cannot drift apart."""

URL = "url"
MAIN = "main-view"
ARTICLE_VIEW = "article-view"
ARTICLE_BODY = "article-body"
MAP = "map"
MAP_DATA = "map-data"  # {"query": ...}: which features the page fetches from /map-data (dashboard/feed.py)
SLIDER = "time-slider"
SLIDER_LABEL = "time-label"
TIMELINE = "timeline"  # the strip of events per day/week under the map (assets/timeline.js draws it)
FIT = "fit-view"  # the map's "Fit" button (assets/sortie.js handles it)
PLAY = "play"
TICKER = "ticker"
MODE = "time-mode"
UNDATED = "show-undated"
LAYERS = "layers"
LEGEND_EVENTS = "legend-events"
SEARCH = "search"
EVENT_TYPES = "event-types"
ARTICLE_FILTER = "article-filter"
FEATURE_LIST = "feature-list"
FEATURE_COUNT = "feature-count"
# The list's rows, as data the page draws into FEATURE_LIST (assets/sortie.js:renderList), and a row's
# click, set by the page: {"id": <feature id>, "n": <clicks so far>}.
LIST_ROWS = "list-rows"
LIST_DRAWN = "list-drawn"  # output of renderList (nothing reads it)
LIST_PICK = "list-pick"
SELECTED = "selected"
MARKED = "marked"  # output of the page's markSelected (nothing reads it)
PANEL = "panel"
PANEL_FACTS = "panel-facts"  # in PANEL: the selected feature's name and facts
# In PANEL, under the facts: the selected feature's citations, drawn by the page from CITATION_ROWS
# (assets/citations.js); its "Show more" sets CITATION_LIMIT: {"id": <feature id>, "limit": <how many>}.
CITATIONS = "citations"
CITATION_ROWS = "citation-rows"
CITATIONS_DRAWN = "citations-drawn"  # output of the page's render (assets/citations.js; nothing reads it)
CITATION_LIMIT = "citation-limit"
EXPORT_VIEW = "export-view"
EXPORT_ALL = "export-all"
DOWNLOAD = "download"
HIGHLIGHT = "highlight"
DOWNLOAD_ALL = "download-all"
CLEAR = "clear-selection"
SCROLLED = "scrolled"
PAGE_TITLE = "page-title"  # the browser tab's title: which article the full-text view shows
TITLE_SET = "title-set"
# Observed tracks (dashboard/tracks.py, assets/tracks.js)
TRACK_BAR = "track-bar"
TRACK_DATA = "track-data"  # the tracks as columns (vertices thinned), sent once per page load
TRACK_SLIDER = "track-slider"  # minutes since 1970 (the tracks' own time axis)
TRACK_LABEL = "track-label"
TRACK_PLAY = "track-play"
TRACK_TICKER = "track-ticker"
TRACK_COLOR = "track-color"
TRACK_SELECTED = "track-selected"
TRACK_PANEL = "track-panel"
TRACK_DECIDE = "track-decide"  # pattern type: {"type": TRACK_DECIDE, "route", "flight", "decision"}
# Corrections (dashboard/corrections.py, assets/corrections.js)
CORR_PANEL = "corrections-panel"
CORR_VERSION = "corrections-version"  # bumped after each correction: the map, list and panel redraw
CORR_MARKS = "correction-marks"  # where the map rings corrected features (columns)
CORR_DRAWN = "correction-drawn"  # output of the page's ring drawing (nothing reads it)
SHOW_WRONG = "show-wrong"
CORR_MOVE = "correction-move"  # pattern type: {"type": CORR_MOVE, "end": ..., "place": <gazetteer id>}
CORR_WRONG = "correction-wrong"  # pattern types with no other key: present only when a feature is selected
CORR_DATE = "correction-date"
CORR_START = "correction-start"
CORR_END = "correction-end"
CORR_PRECISION = "correction-precision"
CORR_UNDO = "correction-undo"  # pattern type: {"type": CORR_UNDO, "id": <correction id>}
CORR_SEARCH = "correction-search"  # pattern type: {"type": CORR_SEARCH, "feature": ...}, a place name to find
CORR_FIND = "correction-find"
