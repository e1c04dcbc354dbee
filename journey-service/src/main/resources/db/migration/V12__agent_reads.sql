-- What an agent reads about one customer, bounded by what the answer shows rather than by the customer's history
-- (issue 24). A plain build blocks inserts into the timeline while it runs: on a large table, create the same indexes
-- "concurrently" by hand before upgrading and these statements skip them.

-- A customer's entries of one type, newest first: the timeline filtered by type (a customer's survey answers), the
-- decisions' echoes (education, cases, surveys since a decision), the boundary hour of the contact counts below. Without
-- it a by-type read walks the customer's whole history and throws most of it away (a survey answer among 100,000
-- touchpoints). Its cost: one more B-tree entry per timeline row, on the hottest insert path (measured in
-- docs/performance.md, "Agent reads").
create index if not exists timeline_entries_by_customer_type
    on timeline_entries (customer_id, type, occurred_at desc, seq desc);

-- A customer's latest score of each survey kind: one probe per kind, however many answers the customer gave. Partial:
-- only survey answers enter it, so the touchpoints that make most of the timeline do not pay for it.
create index if not exists timeline_entries_latest_scores
    on timeline_entries (customer_id, (data::jsonb ->> 'surveyKind'), occurred_at desc, seq desc)
    where type = 'io.journeyline.survey.responded';

-- Contacts (touchpoints with action "contact") per customer, topic and UTC hour of the event, kept current in the
-- consumer's transaction as each first-seen event is recorded (ContactCounts): the journey view sums the hours inside
-- its window (journeyline.health.contacts-window, 30 days) instead of counting a month of the customer's timeline, and
-- counts the window's first, partial hour from the timeline itself, so the figure is the timeline's to the event.
-- At most one row per contact; kept as long as the timeline it counts (JourneyRetention), erased and exported with the
-- customer.
create table contact_counts (
    customer_id text        not null,
    topic       text        not null,
    hour        timestamptz not null,
    contacts    integer     not null,
    primary key (customer_id, hour, topic)
);
create index contact_counts_by_hour on contact_counts using brin (hour);

insert into contact_counts (customer_id, topic, hour, contacts)
select customer_id, coalesce(data::jsonb ->> 'topic', '(no topic)'),
       date_trunc('hour', occurred_at at time zone 'UTC') at time zone 'UTC', count(*)
from timeline_entries
where type = 'io.journeyline.touchpoint.recorded' and data::jsonb ->> 'action' = 'contact'
group by 1, 2, 3;

-- A customer's open pain points (the journey view's), without reading the closed ones of the customer's past.
create index if not exists pain_points_open_by_customer on pain_points (customer_id, detected_at desc, id desc)
    where status in ('OPEN', 'ACKNOWLEDGED');
