-- veille store, schema version 1. Every layer has its own table: query columns, plus `data`, the item as JSON
-- (the schema's shape), from which Articles are rebuilt.
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    external_id TEXT,
    input TEXT,
    url TEXT,
    source TEXT,
    title TEXT NOT NULL,
    published TEXT,
    language TEXT,
    text TEXT NOT NULL,
    removed TEXT NOT NULL DEFAULT '[]',
    spans TEXT NOT NULL DEFAULT '{}',
    meta TEXT NOT NULL DEFAULT '{}',
    cluster_id TEXT,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_external_id ON articles(external_id);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_source ON articles(source);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);

CREATE TABLE actors (
    actor_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT,
    country TEXT,
    sector TEXT
);
CREATE INDEX actors_name ON actors(name);

CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles(id),
    idx INTEGER NOT NULL,
    label TEXT,
    canonical TEXT,
    actor_id TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX entities_canonical ON entities(label, canonical);
CREATE INDEX entities_actor ON entities(actor_id);

CREATE TABLE quotes (
    article_id TEXT NOT NULL REFERENCES articles(id),
    idx INTEGER NOT NULL,
    kind TEXT,
    speaker TEXT,
    speaker_actor_id TEXT,
    text TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX quotes_speaker ON quotes(speaker);
CREATE INDEX quotes_actor ON quotes(speaker_actor_id);

CREATE TABLE dates (
    article_id TEXT NOT NULL REFERENCES articles(id),
    idx INTEGER NOT NULL,
    value TEXT,
    granularity TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE places (
    article_id TEXT NOT NULL REFERENCES articles(id),
    idx INTEGER NOT NULL,
    name TEXT,
    country TEXT,
    lat REAL,
    lon REAL,
    geonameid INTEGER,
    data TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX places_name ON places(name);

CREATE TABLE events (
    article_id TEXT NOT NULL REFERENCES articles(id),
    idx INTEGER NOT NULL,
    type TEXT NOT NULL,
    actor_id TEXT,
    actor_name TEXT,
    actor_country TEXT,
    target_id TEXT,
    target_name TEXT,
    target_country TEXT,
    date TEXT,
    event_id TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX events_type_date ON events(type, date);
CREATE INDEX events_event_id ON events(event_id);
CREATE INDEX events_actor ON events(actor_id);
CREATE INDEX events_target ON events(target_id);

CREATE TABLE reuse (
    source_id TEXT NOT NULL REFERENCES articles(id),
    copy_id TEXT NOT NULL REFERENCES articles(id),
    containment REAL NOT NULL,
    relation TEXT,
    data TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (source_id, copy_id)
);
CREATE INDEX reuse_copy ON reuse(copy_id);
