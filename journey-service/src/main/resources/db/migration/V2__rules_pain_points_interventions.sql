-- Rule sets as admins saved them (the shipped defaults are version 1, written at first start). The highest
-- version is the active one; older ones are kept, so every detection's rule-set version can be looked up.
create table rule_sets (
    version  integer     primary key,
    document text        not null,
    saved_at timestamptz not null,
    saved_by text        not null
);

-- What each stateful rule remembers per (customer, key), or per key across customers for aggregates (scope '*'):
-- recent matches and the latest episode, as JSON (RuleState). Read and written set-based per consumed batch.
create table rule_state (
    rule_id    text        not null,
    scope      text        not null,
    state_key  text        not null,
    state      text        not null,
    updated_at timestamptz not null,
    primary key (rule_id, scope, state_key)
);

-- One row per episode of a rule: the id is derived from (rule, scope, key, episode), so evaluating the same events
-- again finds the same row. customer_id is null for aggregates across customers (content gaps).
create table pain_points (
    id                text        primary key,
    customer_id       text,
    rule_id           text        not null,
    rule_version      integer     not null,
    rule_set_version  integer     not null,
    shadow            boolean     not null,
    status            text        not null,
    severity          text        not null,
    state_key         text        not null,
    topic             text,
    touchpoint        text,
    detected_at       timestamptz not null,
    recorded_at       timestamptz not null,
    status_changed_at timestamptz,
    status_changed_by text,
    status_note       text,
    resolution        text
);

create index pain_points_worklist on pain_points (detected_at desc, id desc);
create index pain_points_by_customer on pain_points (customer_id, detected_at desc);

-- The events that make a pain point, in event-time order.
create table pain_point_evidence (
    pain_point_id text        not null references pain_points (id),
    event_id      text        not null,
    occurred_at   timestamptz not null,
    customer_id   text        not null,
    primary key (pain_point_id, event_id)
);

-- Every intervention a pain point asked for: SENT (published on journey.interventions) or SUPPRESSED with the
-- guard that stopped it. decided_at is event time (the firing), so a replay decides the same way.
create table interventions (
    id            text        primary key,
    pain_point_id text        not null references pain_points (id),
    customer_id   text        not null,
    rule_id       text        not null,
    type          text        not null,
    topic         text,
    status        text        not null,
    suppressed_by text,
    reason        text        not null,
    decided_at    timestamptz not null,
    recorded_at   timestamptz not null
);

create index interventions_by_customer on interventions (customer_id, decided_at desc);

-- The customers' cases as feedback-service's case events tell them (no survey while one is open).
create table known_cases (
    case_id     text        primary key,
    customer_id text        not null,
    topic       text,
    status      text        not null,
    updated_at  timestamptz not null
);

create index known_cases_by_customer on known_cases (customer_id);

-- Consent per purpose and channel ('any' = every channel), latest change wins by event time.
create table consents (
    customer_id text        not null,
    purpose     text        not null,
    channel     text        not null,
    granted     boolean     not null,
    changed_at  timestamptz not null,
    cause       text        not null,
    primary key (customer_id, purpose, channel)
);
