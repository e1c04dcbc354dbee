-- Education assigned to a customer (a content item or a learning path) and how far they got.
create table assignments (
    id            text primary key,
    customer_id   text        not null,
    content_id    text,
    path_id       text,
    reason        text        not null,
    status        text        not null,
    score         numeric,
    assigned_at   timestamptz not null,
    started_at    timestamptz,
    completed_at  timestamptz,
    check ((content_id is null) <> (path_id is null))
);

create index assignments_by_customer on assignments (customer_id, assigned_at desc);
