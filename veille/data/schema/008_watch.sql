-- Collection state of `veille watch`, kept with the articles so that a killed pass resumes where it stopped.
-- A source is a feed, a sitemap or a site; its validators make the next poll conditional.
CREATE TABLE watch_sources (
    url TEXT PRIMARY KEY,
    name TEXT,
    kind TEXT,
    etag TEXT,
    last_modified TEXT,
    last_poll TEXT,
    last_status TEXT
);

-- One row per normalised article URL ever listed. `state`: 'new' (listed, not fetched), 'fetched' (the response
-- is in the archive, at `warc` / `warc_offset`: a rerun reads it from there instead of fetching again), 'stored'
-- (read and in the store as `article_id`), 'failed' (dead or unreadable: `error` says why).
CREATE TABLE watch_urls (
    url TEXT PRIMARY KEY,
    source TEXT,
    state TEXT NOT NULL,
    first_seen TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    fetched_at TEXT,
    status INTEGER,
    warc TEXT,
    warc_offset INTEGER,
    article_id TEXT,
    error TEXT
);
CREATE INDEX watch_urls_state ON watch_urls(state);

-- Saved searches. `seen_*`: the highest rowid of each table the last `alerts check` reported, so a check lists
-- exactly what is new since the one before.
CREATE TABLE alerts (
    name TEXT PRIMARY KEY,
    query TEXT,
    actor TEXT,
    type TEXT,
    copies_of TEXT,
    created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    seen_article INTEGER NOT NULL DEFAULT 0,
    seen_event INTEGER NOT NULL DEFAULT 0,
    seen_quote INTEGER NOT NULL DEFAULT 0,
    seen_link INTEGER NOT NULL DEFAULT 0
);
