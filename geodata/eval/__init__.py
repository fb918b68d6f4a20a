"""`sortie eval`: scoring each stage against gold corpora (places, times, events and routes)."""
