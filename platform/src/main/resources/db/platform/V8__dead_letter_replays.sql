-- Replays of dead letters (io.journeyline.platform.deadletters). A job replays the dead letters an operator named (by
-- id or by filter), at most journeyline.dead-letters.max-records-per-job of them, in the background; its outcome per
-- record is kept with it. Jobs and their outcomes are kept journeyline.dead-letters.job-retention (30 days).
create table platform_replay_jobs (
    id            uuid        primary key,
    status        text        not null check (status in ('RUNNING', 'DONE', 'FAILED')),
    request       text        not null,   -- what was asked for, as JSON: {"ids": [...]} or the filter
    total         int,                    -- null until the dead letters are selected
    more_match    boolean     not null default false,
    done          int         not null default 0,
    processed     int         not null default 0,
    duplicates    int         not null default 0,
    dead_lettered int         not null default 0,
    skipped       int         not null default 0,
    failure       text,
    created_at    timestamptz not null,
    finished_at   timestamptz
);

create index platform_replay_jobs_by_time on platform_replay_jobs (created_at);

create table platform_replay_job_records (
    job_id         uuid not null references platform_replay_jobs (id) on delete cascade,
    position       int  not null,
    dead_letter_id text not null,   -- <dlq-topic>:<partition>:<offset>
    outcome        text not null,   -- processed, duplicate, dead-lettered, skipped
    reason         text,            -- of a new dead letter
    detail         text,
    primary key (job_id, position)
);

-- Every dead letter ever replayed, by its place in its dead-letter topic: none is replayed twice. A row is written
-- (outcome 'started') before the replay and settled after it; one left 'started' belongs to a replay that was cut
-- off. Coordinates and outcome only, no personal data. Kept journeyline.dead-letters.replay-retention (60 days, longer
-- than the dead-letter topics keep a record).
create table platform_dead_letter_replays (
    dlq_topic     text        not null,
    dlq_partition int         not null,
    dlq_offset    bigint      not null,
    job_id        uuid        not null,
    outcome       text        not null,
    reason        text,
    replayed_at   timestamptz not null,
    primary key (dlq_topic, dlq_partition, dlq_offset)
);

create index platform_dead_letter_replays_by_time on platform_dead_letter_replays (replayed_at);
