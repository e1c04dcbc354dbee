-- Backtests of rule sets over stored history (BacktestService): the request, its progress and, once done, the report.
-- Bounded by journeyline.retention.journey.backtests (90 days by request); a customer's erasure deletes the
-- backtests whose sample or report names them.
create table rule_backtests (
    id              text        primary key,
    status          text        not null,
    requested_by    text        not null,
    requested_at    timestamptz not null,
    period_from     timestamptz not null,
    period_to       timestamptz not null,
    sample          text,
    document        text        not null,
    events_total    bigint      not null,
    events_replayed bigint      not null default 0,
    updated_at      timestamptz not null,
    finished_at     timestamptz,
    cancel_requested boolean    not null default false,
    result          text,
    failure         text
);

create index rule_backtests_by_request on rule_backtests (requested_at);

-- The backtest an admin looked at before activating a version (PUT /api/v1/rules?backtest=<id>).
alter table rule_sets add column backtest_id text;
