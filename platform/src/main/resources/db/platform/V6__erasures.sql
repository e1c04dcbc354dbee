-- Tombstones of erased customers: the HMAC of the id with the deployment's secret key (never the id), the erasure
-- that wrote it, and its time: consumers drop the customer's events dated at or before it (io.journeyline.platform.
-- privacy.Tombstones). One row per erased customer; kept journeyline.privacy.tombstone-retention (25 months).
create table platform_erasures (
    customer_hmac text        primary key,
    erasure_id    text        not null,
    erased_before timestamptz not null,
    recorded_at   timestamptz not null
);

create index platform_erasures_by_time on platform_erasures (erased_before);
