-- Identifiers source systems know a customer by (touchpoints' `identities`: email, phone, deviceId, external ids),
-- as "kind:value". Each belongs to the customer it was first seen with.
create table identities (
    identifier     text        primary key,
    customer_id    text        not null,
    seen_at        timestamptz not null,
    cause_event_id text        not null
);

create index identities_by_customer on identities (customer_id);

-- Customers linked by a shared identifier form a group (group_id: the smallest customer id of the group; null
-- while the customer is linked to no one). Reading any member shows the group's journey.
alter table customers add column group_id text;
create index customers_by_group on customers (group_id) where group_id is not null;

-- Every link made, with the identifier and the event that made it.
create table identity_links (
    customer_id        text        not null,
    linked_customer_id text        not null,
    identifier         text        not null,
    cause_event_id     text        not null,
    linked_at          timestamptz not null,
    primary key (customer_id, linked_customer_id)
);

-- Links the size guard did not apply: they would have grown a group beyond journeyline.identity.max-identifiers.
create table identity_reviews (
    customer_id        text        not null,
    other_customer_id  text        not null,
    identifier         text        not null,
    identifiers_after  integer     not null,
    cause_event_id     text        not null,
    requested_at       timestamptz not null,
    status             text        not null,
    primary key (customer_id, other_customer_id, identifier)
);
