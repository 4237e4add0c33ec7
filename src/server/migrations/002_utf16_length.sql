-- Each article's length in UTF-16 code units (how the app counts offsets; PostgreSQL's length() counts
-- code points): a push checks its spans against it without reading the text.
ALTER TABLE articles ADD COLUMN utf16_length integer;
UPDATE articles SET utf16_length = length(text) + (SELECT count(*) FROM regexp_matches(text, '[\U00010000-\U0010FFFF]', 'g'));
ALTER TABLE articles ALTER COLUMN utf16_length SET NOT NULL;
