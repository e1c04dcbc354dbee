-- Closed-loop cases. topic_key is the topic, or '' when none: one case per customer and topic is open at a time
-- (the partial unique index), and further contacts on it are gathered into that case.
create table cases (
    id               text        primary key,
    customer_id      text        not null,
    topic            text,
    topic_key        text        not null,
    status           text        not null,
    priority         text        not null,
    waiting          boolean     not null default false,
    reopenings       integer     not null default 0,
    outcome          text,
    root_cause       text,
    team             text,
    assignee         text,
    pain_point_id    text,
    intervention_id  text,
    opened_at        timestamptz not null,
    updated_at       timestamptz not null
);

create unique index cases_one_open_per_topic on cases (customer_id, topic_key) where status <> 'CLOSED';
create index cases_queue on cases (status, priority, opened_at desc);
create index cases_by_customer on cases (customer_id, opened_at desc);

-- What brought a case about or was gathered into it: feedback items, journey-service's case requests.
create table case_contacts (
    case_id     text        not null references cases (id),
    kind        text        not null,
    ref_id      text        not null,
    occurred_at timestamptz not null,
    evidence    text,
    primary key (case_id, kind, ref_id)
);

-- Every change of a case, in order.
create table case_history (
    case_id     text        not null references cases (id),
    seq         bigserial   primary key,
    at          timestamptz not null,
    action      text        not null,
    status      text        not null,
    actor       text        not null,
    note        text
);

create index case_history_by_case on case_history (case_id, seq);
