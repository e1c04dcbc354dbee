-- The case queue pages with a cursor and answers from an index walk, whatever the number of cases (issue 24: 100,000
-- open cases of 1,000,000 took 220-380 ms a page, because every candidate was joined to its clocks and sorted).
--
-- 1. order=urgency needs each case's urgency on its own row, so an index can hold the order. `urgency` (0 breached,
-- 1 at-risk, 2 else) and `urgent_due_at` (its due time; 'infinity' when none counts: no open clock, only paused ones,
-- or the case not open) are the most urgent open clock of SlaRepository.MOST_URGENT_OPEN_CLOCK, kept by
-- SlaRepository.KEEP_URGENCY in the same transaction as every write of a case's clocks (SlaRepository.save) or of its
-- status (CaseRepository.update, the erasure). 'infinity' rather than null: "nulls last" becomes plain ascending order,
-- so a cursor is a row comparison the index can start from. The backfill below is KEEP_URGENCY's computation, run once;
-- FeedbackMigrationTest proves it agrees with MOST_URGENT_OPEN_CLOCK. Adding a column with a constant default rewrites
-- nothing; the backfill touches the open cases only (the others keep the default, which is what they count).
alter table cases
    add column urgency       smallint    not null default 2,
    add column urgent_due_at timestamptz not null default 'infinity';

update cases set (urgency, urgent_due_at) = (
    select coalesce(min(u.urgency), 2), coalesce(min(u.due_at), 'infinity')
    from (select case when s.breached then 0 when s.warned and s.running_since is not null then 1 else 2 end as urgency,
                 s.due_at
          from case_sla s
          where s.case_id = cases.id and not s.stopped
          order by urgency, s.due_at nulls last, s.clock
          limit 1) u)
where status in ('RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'ESCALATED', 'REOPENED');

-- 2. The indexes, each read as a walk that stops after `limit` + 1 rows, a cursor being where the walk starts
-- ("(opened_at, id) < (?, ?)" and "(urgency, urgent_due_at) > (?, ?)" are index conditions, checked with EXPLAIN in
-- CaseQueuePlanTest). Newest first is "opened_at desc, id desc", id breaking ties on the opening time.
--   cases_newest              the queue unfiltered (and the analytics' periods by opened_at).
--   cases_by_status           status = ?, newest first. Replaces cases_queue (status, priority, opened_at desc), which
--                             could not give one status's cases in opening order across priorities (the measured 220 ms).
--   cases_by_urgency          order=urgency unfiltered.
--   cases_by_status_urgency   status = ? by urgency: a status that is not open (RESOLVED, FOLLOW_UP, CLOSED) has all its
--                             cases in the last group, behind every counting case; a walk of cases_by_urgency would read
--                             all of those first.
--   cases_by_topic, cases_by_assignee   topic = ?, assignee = ? (an agent's own cases): many values, each a small share
--                             of the cases, so a walk of the indexes above would read far to find a page. Their range,
--                             newest first, is the page; by urgency PostgreSQL sorts that topic's or agent's cases when
--                             they are few, and walks cases_by_urgency with the filter when they are many (its statistics
--                             say which).
-- Walked with a filter, never indexed: priority (four levels, the rarest still a few percent of the cases: a page reads
-- at most some tens of times `limit` rows), team (a handful of teams, the same), breached (a probe of case_sla's primary
-- key per row read; breached cases are a share of the SLA's misses). Combinations use the index of their most selective
-- column and filter the rest: no index per combination. The trade-off: a walk with a filter reads on until it finds
-- `limit` + 1 matches, so the last page of such a walk (and a filter that matches nothing) reads the rest of the index.
-- A customer's cases: cases_by_customer (V2), a few per customer. Measured on PostgreSQL 15 with 100,000 open cases
-- of 400,000 (seeded as the benchmark seeds them; EXPLAIN ANALYZE of the service's statement, idle server):
-- status=RECEIVED newest first 1.5 ms, a page 25 days deep by its cursor 1.1 ms; priority=HIGH by urgency 1.3 ms
-- (136 rows read for 51); status=CLOSED by urgency 0.6 ms.
-- Cost: each index takes an entry per case and per update that changes an indexed column; a case is inserted once
-- and updated a few times in its life, its urgency only when its clocks or its openness change (KEEP_URGENCY writes
-- nothing when the kept values stand). A plain build blocks writes to cases while it runs: on a large table, create
-- the same indexes "concurrently" by hand before upgrading and these statements skip them.
create index if not exists cases_newest on cases (opened_at desc, id desc);
create index if not exists cases_by_status on cases (status, opened_at desc, id desc);
create index if not exists cases_by_urgency on cases (urgency, urgent_due_at, opened_at desc, id desc);
create index if not exists cases_by_status_urgency on cases (status, urgency, urgent_due_at, opened_at desc, id desc);
create index if not exists cases_by_topic on cases (topic, opened_at desc, id desc) where topic is not null;
create index if not exists cases_by_assignee on cases (assignee, opened_at desc, id desc) where assignee is not null;
drop index if exists cases_queue;
