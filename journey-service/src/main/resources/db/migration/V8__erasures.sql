-- Erasures a privacy officer asked for, and each service's receipt. They name the customer only by the HMAC of the
-- asked-for id (io.journeyline.platform.privacy.Pseudonyms), never by id: what survives an erasure is id-free.
-- One row per erasure and one per service that answered (four); kept with the tombstones (25 months).
create table erasures (
    id            text        primary key,
    customer_hmac text        not null,
    customers     integer     not null,   -- how many customers it covered (the asked-for one and those linked to it)
    reason        text        not null,
    requested_by  text        not null,
    requested_at  timestamptz not null,
    completed_at  timestamptz              -- when the last of the four receipts arrived
);

create index erasures_pending on erasures (requested_at) where completed_at is null;
create index erasures_by_time on erasures (requested_at);

create table erasure_receipts (
    erasure_id   text        not null,
    service      text        not null,
    counts       text        not null,    -- rows erased or pseudonymised per table, as JSON
    completed_at timestamptz not null,
    recorded_at  timestamptz not null,
    primary key (erasure_id, service)
);
