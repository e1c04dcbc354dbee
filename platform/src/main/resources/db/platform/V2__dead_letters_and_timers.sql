-- Records a consumer channel has sent to its dead-letter topic, by their place in the source topic: a record
-- delivered again (a retried batch, a restarted channel) is skipped instead of dead-lettered twice.
create table platform_dead_letters (
    channel          text        not null,
    topic            text        not null,
    record_partition int         not null,
    record_offset    bigint      not null,
    reason           text        not null,
    detail           text        not null,
    dead_lettered_at timestamptz not null,
    primary key (channel, topic, record_partition, record_offset)
);

-- Durable timers: (kind, timer_key) fires at due_at, once, in its own transaction. A timer whose handler keeps
-- failing is retried until the configured attempts, then parked as FAILED with its last error.
create table platform_timers (
    kind         text        not null,
    timer_key    text        not null,
    due_at       timestamptz not null,
    payload      text,
    traceparent  text,
    scheduled_at timestamptz not null,
    attempts     int         not null default 0,
    last_error   text,
    status       text        not null default 'PENDING' check (status in ('PENDING', 'FAILED')),
    primary key (kind, timer_key)
);

create index platform_timers_due on platform_timers (due_at) where status = 'PENDING';
