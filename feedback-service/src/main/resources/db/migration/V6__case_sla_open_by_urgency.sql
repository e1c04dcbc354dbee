-- Each case's open clocks in order of urgency, for the case lists' "sla" and the queue's order=urgency
-- (SlaRepository.MOST_URGENT_OPEN_CLOCK, whose urgency expression and order this must match word for word): a case's
-- most urgent open clock is the first entry under its id, read without a sort. Partial: only clocks not stopped, so it
-- stays the size of the open work, not of the history. With 1,000,000 cases (100,000 open) the queue by urgency took
-- 0.7-0.9 s with it against 1.4-1.5 s without (PostgreSQL 15, on a busy 2-core machine). A plain build blocks writes
-- to case_sla while it runs: on a large table, create the same index "concurrently" by hand before upgrading and this
-- statement skips it.
create index if not exists case_sla_open_by_urgency on case_sla
    (case_id, (case when breached then 0 when warned and running_since is not null then 1 else 2 end), due_at, clock)
    where not stopped;
