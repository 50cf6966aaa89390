-- "Is this article indexed already?" is asked once per stored article: without an index on the article it
-- scanned the whole republication index, and ingest slowed down as the store grew.
CREATE INDEX reuse_bands_article ON reuse_bands(article_id);
CREATE INDEX reuse_sentences_article ON reuse_sentences(article_id);
