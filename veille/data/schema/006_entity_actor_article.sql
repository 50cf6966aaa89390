-- An actor's articles, read from the index alone (the dashboard's actor page and co-occurrences).
CREATE INDEX entities_actor_article ON entities(actor_id, article_id);
