-- The SLA clocks of each case (ACKNOWLEDGE, RESOLVE): target, clock time used, since when it runs (null while paused
-- or stopped), and what happened. Durable timers (platform) fire the warning and the breach at the due times
-- computed from these rows; a restart recomputes nothing it has not stored.
create table case_sla (
    case_id        text        not null references cases (id),
    clock          text        not null,
    target_ms      bigint      not null,
    used_ms        bigint      not null,
    running_since  timestamptz,
    stopped        boolean     not null default false,
    warned         boolean     not null default false,
    breached       boolean     not null default false,
    due_at         timestamptz,
    primary key (case_id, clock)
);

create index case_sla_breached on case_sla (breached) where breached;
