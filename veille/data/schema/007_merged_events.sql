-- One row per merged event, kept up to date by every ingest (in the batch's transaction): listing events costs
-- the page asked for, not a merge of every mention before it.
CREATE TABLE merged_events (
    event_id TEXT PRIMARY KEY,
    day TEXT,
    type TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX merged_events_day ON merged_events(day, event_id);
CREATE INDEX merged_events_type_day ON merged_events(type, day, event_id);
