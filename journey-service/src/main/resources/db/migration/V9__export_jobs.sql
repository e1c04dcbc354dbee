-- Subject-access exports run as jobs (a long history makes a large document): the job, its progress in parts (one
-- per service) and, when done, the document. Personal data: deleted with the customer's erasure, and kept
-- journeyline.retention.journey.exports (7 days) otherwise. One row per export asked for.
create table export_jobs (
    id           text        primary key,
    customer_id  text        not null,
    requested_by text        not null,
    requested_at timestamptz not null,
    status       text        not null check (status in ('RUNNING', 'DONE', 'FAILED')),
    parts_done   integer     not null default 0,
    parts_total  integer     not null,
    missing      text,                    -- the services whose part is missing, and why (JSON)
    document     text,                    -- the export, when DONE
    error        text,
    completed_at timestamptz
);

create index export_jobs_by_customer on export_jobs (customer_id);
create index export_jobs_by_time on export_jobs (requested_at);
