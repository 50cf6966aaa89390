-- The republication index: LSH band keys of sentence chunks, and sentence hashes, per article. Ingest links
-- each new batch against it without recomputing anything for articles already stored.
CREATE TABLE reuse_bands (
    band INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id)
);
CREATE INDEX reuse_bands_band ON reuse_bands(band);
CREATE TABLE reuse_sentences (
    hash INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id)
);
CREATE INDEX reuse_sentences_hash ON reuse_sentences(hash);
CREATE INDEX articles_cluster ON articles(cluster_id);
