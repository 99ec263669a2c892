"""Anonymous public pages served from the cache, never stale (see `middleware.py`)."""
