"""Collection from the web (`veille watch`) and alerts on what it brings (`veille alerts`).

fetch (polite HTTP) -> sources (what a feed, sitemap or page lists) -> archive (every answer as WARC) -> watch (a
pass: poll, fetch new pages once, read, store, link) with its state in the store (state) -> alerts (saved searches
and what is new for them).
"""
