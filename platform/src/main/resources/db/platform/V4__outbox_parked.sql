-- Outbox rows Kafka refused for a reason that will not pass (too large for the broker, an invalid record): moved here
-- with the error, so the rows behind them go out and nothing is retried forever. An operator retries (back into the
-- outbox) or discards them (GET/POST/DELETE /api/v1/outbox/parked); rows older than journeyline.outbox.parked-retention
-- are deleted by the relay. One row per refused event.
create table platform_outbox_parked (
    seq          bigint      primary key,
    event_id     text        not null,
    source       text        not null,
    type         text        not null,
    topic        text        not null,
    record_key   text        not null,
    occurred_at  timestamptz not null,
    data         text        not null,
    extensions   text,
    created_at   timestamptz not null,
    size_bytes   int         not null,
    error        text        not null,
    parked_at    timestamptz not null
);

create index platform_outbox_parked_by_time on platform_outbox_parked (parked_at);
