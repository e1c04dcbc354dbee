-- Retention deletes rows by age (io.journeyline.platform.retention.Retention with this service's RetentionPolicy): these let
-- it find them without reading the whole table. A plain build blocks inserts into the table while it runs: on a large
-- table, create the same indexes "concurrently" by hand before upgrading and these statements skip them.
-- BRIN on the timeline: a few pages that summarise ranges of the table, nearly free to keep up on the hottest insert path
-- (event times arrive roughly in order), enough for deleting what is older than 25 months.
create index if not exists timeline_entries_by_time on timeline_entries using brin (occurred_at);
create index if not exists stage_changes_by_time on stage_changes (changed_at);
