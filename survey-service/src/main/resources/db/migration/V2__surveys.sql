-- Survey definitions, versioned: every change is a new row in survey_versions; surveys points at the current one.
-- A response records the version it answered.
create table surveys (
    id              text        primary key,
    kind            text        not null,
    name            text        not null,
    current_version integer     not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);

create table survey_versions (
    survey_id  text        not null references surveys (id),
    version    integer     not null,
    definition text        not null,   -- the definition as JSON
    created_at timestamptz not null,
    created_by text        not null,
    primary key (survey_id, version)
);

alter table survey_responses add column survey_version integer;
