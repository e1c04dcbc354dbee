-- Retention deletes rows by age (io.journeyline.platform.retention.Retention): these let it find them without reading
-- the whole table. processed_events' time only grows, so its index is appended to at the right edge.
-- A plain build blocks inserts into the table while it runs: on a large processed_events, create the same indexes
-- "concurrently" by hand before upgrading and these statements skip them.
create index if not exists processed_events_by_time on processed_events (processed_at);
create index if not exists platform_dead_letters_by_time on platform_dead_letters (dead_lettered_at);
