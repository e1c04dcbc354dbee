-- Retention deletes rows by age (io.journeyline.platform.retention.Retention): these let it find them without reading
-- the whole table. processed_events' time only grows, so its index is appended to at the right edge.
create index if not exists processed_events_by_time on processed_events (processed_at);
create index if not exists platform_dead_letters_by_time on platform_dead_letters (dead_lettered_at);
