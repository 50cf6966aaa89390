-- Speakers are searched by name whatever the accents and case ("Nicolas Maduro" = "nicolas maduro").
ALTER TABLE quotes ADD COLUMN speaker_key TEXT;
CREATE INDEX quotes_speaker_key ON quotes(speaker_key);
