-- Customers as journey-service knows them: created by their first event.
create table customers (
    id            text primary key,
    first_seen_at timestamptz not null,
    last_seen_at  timestamptz not null,
    event_count   bigint      not null
);

-- One row per event of a customer, whatever its topic; read newest first. seq only orders entries of the
-- same instant; it comes from a sequence handed out 50 at a time so a batch's rows insert in JDBC batches.
create sequence timeline_entries_seq increment by 50;

create table timeline_entries (
    seq          bigint primary key,
    customer_id  text        not null references customers (id),
    event_source text        not null,
    event_id     text        not null,
    type         text        not null,
    occurred_at  timestamptz not null,
    channel      text,
    touchpoint   text,
    summary      text        not null,
    data         text        not null,
    extensions   text,
    recorded_at  timestamptz not null,
    unique (event_source, event_id)
);

create index timeline_entries_by_customer on timeline_entries (customer_id, occurred_at desc, seq desc);
