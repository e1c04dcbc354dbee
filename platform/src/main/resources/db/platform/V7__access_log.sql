-- Who read or changed what about which customer, append-only: one row per request of a person (a token with a staff
-- role: agent, supervisor, admin, privacy), served or refused. The customer is named only by the HMAC of the id
-- (io.journeyline.platform.privacy.Pseudonyms), so an erasure leaves the log intact and id-free; no query string is
-- kept (an identifier searched for is personal data). Kept journeyline.audit.retention (2 years).
create table platform_access_log (
    seq           bigint      generated always as identity primary key,
    at            timestamptz not null,
    actor         text        not null,
    roles         text        not null,
    method        text        not null,
    resource      text        not null,   -- the path with its parameters named: /api/v1/customers/{customerId}/timeline
    target        text,                   -- the other path parameters: caseId=..., id=...
    customer_hmac text,
    status        integer     not null,
    request_id    text        not null
);

create index platform_access_log_by_customer on platform_access_log (customer_hmac, seq) where customer_hmac is not null;
create index platform_access_log_by_actor on platform_access_log (actor, seq);
create index platform_access_log_by_time on platform_access_log (at);
