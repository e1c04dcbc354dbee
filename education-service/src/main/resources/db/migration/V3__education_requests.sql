-- Assignments answer journey-service's education requests too: which request (one assignment per intervention),
-- pain point, rule and topic; the chosen level, why it was chosen, channel and language. A held-out or suppressed
-- decision is kept as an assignment without content.
alter table assignments drop constraint assignments_check;
alter table assignments add constraint assignments_content_or_path
    check (status in ('HELD_OUT', 'SUPPRESSED') or ((content_id is null) <> (path_id is null)));
alter table assignments add column intervention_id text unique;
alter table assignments add column pain_point_id   text;
alter table assignments add column rule_id         text;
alter table assignments add column topic           text;
alter table assignments add column level           text;
alter table assignments add column why             text;
alter table assignments add column channel         text;
alter table assignments add column language        text;

-- Consent for the education purpose per channel, from journey-service's journey.consent-changed.
create table education_consents (
    customer_id text        not null,
    channel     text        not null,
    granted     boolean     not null,
    updated_at  timestamptz not null,
    primary key (customer_id, channel)
);
