-- Complaints, suggestions, praise and questions as received.
create table feedback_items (
    id          text primary key,
    customer_id text        not null,
    kind        text        not null,
    category    text        not null,
    channel     text        not null,
    topic       text,
    text        text,
    severity    text,
    received_at timestamptz not null
);

create index feedback_items_by_customer on feedback_items (customer_id, received_at desc);
