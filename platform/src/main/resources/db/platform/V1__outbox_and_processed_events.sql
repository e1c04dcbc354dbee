-- Platform tables every service has, in the platform's own migration history (platform_schema_history), apart
-- from each service's (flyway_schema_history), so both can grow. Until that split these tables were created by
-- migration 0.1 of the service history; "if not exists" adopts them on such a database, keeping their rows.

-- Events waiting to be published, written in the same transaction as the change that caused them.
create table if not exists outbox_events (
    seq          bigint generated always as identity primary key,
    event_id     text        not null,
    source       text        not null,
    type         text        not null,
    topic        text        not null,
    record_key   text        not null,
    occurred_at  timestamptz not null,
    data         text        not null,
    extensions   text,
    created_at   timestamptz not null
);

-- Events already consumed, keyed by their identity (source, id): a redelivery changes nothing.
create table if not exists processed_events (
    source       text        not null,
    event_id     text        not null,
    type         text        not null,
    processed_at timestamptz not null,
    primary key (source, event_id)
);
