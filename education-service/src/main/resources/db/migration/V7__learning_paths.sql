-- Learning paths: each as a JSON document at its current version, every version kept (like the catalog's content).
create table learning_paths (
    id         text        primary key,
    version    integer     not null,
    document   text        not null,   -- the path as JSON
    updated_at timestamptz not null
);

create table learning_path_versions (
    path_id    text        not null references learning_paths (id),
    version    integer     not null,
    document   text        not null,
    changed_at timestamptz not null,
    changed_by text        not null,
    primary key (path_id, version)
);

-- A customer's path assignment: its units as they were when assigned, and where the customer is with each.
alter table assignments add column path_version integer;
create table path_units (
    assignment_id text        not null references assignments (id),
    position      integer     not null,
    content_id    text        not null,
    micro_lesson  boolean     not null,
    prerequisites text        not null,    -- content ids of earlier units, comma-separated ('' for none)
    status        text        not null check (status in ('LOCKED', 'WAITING', 'UNLOCKED', 'COMPLETED')),
    unlocked_at   timestamptz,             -- prerequisites met (a WAITING unit waits for the push cap from here)
    pushed_at     timestamptz,             -- delivered to the customer
    completed_at  timestamptz,
    primary key (assignment_id, position),
    unique (assignment_id, content_id)
);

create index path_units_waiting on path_units (status, unlocked_at) where status = 'WAITING';

-- Every education delivery to a customer: the daily push cap counts them.
create table education_pushes (
    customer_id   text        not null,
    assignment_id text        not null,
    content_id    text        not null,
    pushed_at     timestamptz not null,
    primary key (assignment_id, content_id)
);

create index education_pushes_by_customer on education_pushes (customer_id, pushed_at desc);

-- What education-service knows of a customer to choose content: the journey stage (journey-service's
-- stage-changed) and the language and channel to reach them in (set through the learner API).
create table learners (
    customer_id      text        primary key,
    stage            text,
    stage_changed_at timestamptz,
    language         text,
    channel          text,
    updated_at       timestamptz not null
);

-- The customer's stage when the assignment was made (completion analytics group by it).
alter table assignments add column stage text;
