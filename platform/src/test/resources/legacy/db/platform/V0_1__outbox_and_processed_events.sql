-- Platform tables every service has. Versions 0.x belong to the platform; service migrations start at V1.

-- Events waiting to be published, written in the same transaction as the change that caused them.
create table outbox_events (
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
create table processed_events (
    source       text        not null,
    event_id     text        not null,
    type         text        not null,
    processed_at timestamptz not null,
    primary key (source, event_id)
);
