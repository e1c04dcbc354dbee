-- Timeline rows are inserted with multi-row statements now: seq takes its value from the sequence itself. (Still
-- incremented by 50: an instance that allocates blocks of 50 from it, as before, never collides with these.)
alter table timeline_entries alter column seq set default nextval('timeline_entries_seq');
