-- Event mentions are merged by type and day (the stated date, else the day of publication) and listed by
-- actor and target, whatever the accents and case of their names.
ALTER TABLE events ADD COLUMN day TEXT;
ALTER TABLE events ADD COLUMN actor_key TEXT;
ALTER TABLE events ADD COLUMN target_key TEXT;
UPDATE events SET day = coalesce(date, (SELECT substr(published, 1, 10) FROM articles WHERE articles.id = events.article_id));
CREATE INDEX events_type_day ON events(type, day);
CREATE INDEX events_day ON events(day);
