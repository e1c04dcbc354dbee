-- Invitations: every decision, sent or suppressed (with the guard and why). source_key makes the same request twice
-- one invitation. The token is never stored, only its SHA-256; it reaches the customer through delivery.requested.
create table invitations (
    id                 text        primary key,
    customer_id        text        not null,
    survey_id          text        not null,
    survey_version     integer,
    survey_kind        text,
    channel            text        not null,
    language           text,
    reason             text        not null,
    source_key         text        not null unique,
    case_id            text,
    touchpoint         text,
    topic              text,
    status             text        not null,
    suppressed_by      text,
    suppression_reason text,
    token_hash         text        unique,
    answers            text,
    response_id        text,
    created_at         timestamptz not null,
    expires_at         timestamptz,
    completed_at       timestamptz
);

create index invitations_by_customer on invitations (customer_id, created_at desc);
create index invitations_sent on invitations (customer_id, survey_id, created_at desc) where status <> 'SUPPRESSED';

-- What survey-service knows about a customer to honour it: consent for surveys per channel (from journey-service's
-- journey.consent-changed) and open cases (from feedback-service's case events).
create table survey_consents (
    customer_id text        not null,
    channel     text        not null,
    granted     boolean     not null,
    updated_at  timestamptz not null,
    primary key (customer_id, channel)
);

create table open_cases (
    case_id     text        primary key,
    customer_id text        not null,
    opened_at   timestamptz not null
);

create index open_cases_by_customer on open_cases (customer_id);
