-- The customers' consent as journey-service holds it (journey.consent-changed: their whole consent after each change),
-- per purpose and channel ('any' = every channel), for the services that contact customers to honour.
create table platform_consents (
    customer_id text        not null,
    purpose     text        not null,
    channel     text        not null,
    granted     boolean     not null,
    updated_at  timestamptz not null,
    primary key (customer_id, purpose, channel)
);
