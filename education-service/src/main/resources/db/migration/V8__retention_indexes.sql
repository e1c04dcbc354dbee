-- Retention deletes rows by age (io.journeyline.platform.retention.Retention with this service's RetentionPolicy): these let
-- it find them without reading the whole table. A plain build blocks inserts into the table while it runs: on a large
-- table, create the same indexes "concurrently" by hand before upgrading and these statements skip them.
create index if not exists assignments_by_time on assignments (assigned_at);
