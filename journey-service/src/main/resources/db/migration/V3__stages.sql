-- Each customer's journey stage (the stage model in stages/stage-model.yaml moves it), the stage before it (for
-- transitions back, e.g. out of AT_RISK), when it was entered (event time) and the event that moved it.
alter table customers
    add column stage            text,
    add column stage_entered_at timestamptz,
    add column previous_stage   text,
    add column stage_cause      text;

-- Every stage a customer entered; from_stage is null for the initial stage.
create table stage_changes (
    customer_id    text        not null references customers (id),
    from_stage     text,
    to_stage       text        not null,
    changed_at     timestamptz not null,
    cause_event_id text        not null,
    unique (customer_id, cause_event_id, to_stage)
);

create index stage_changes_by_customer on stage_changes (customer_id, changed_at);
