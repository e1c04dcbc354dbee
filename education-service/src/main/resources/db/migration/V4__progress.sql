-- Progress per cent and the time of the last report, from which the drop-out clock runs (a durable platform timer).
alter table assignments add column progress_percent integer;
alter table assignments add column last_progress_at timestamptz;
