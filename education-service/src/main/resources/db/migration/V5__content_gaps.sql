-- Content gaps journey-service found (enough customers misunderstood a topic within a window), kept with their
-- evidence until the topic's content is reviewed after them.
create table content_gaps (
    id           text        primary key,   -- the event's id: the same gap twice is one row
    topic        text        not null,
    category     text,
    customers    integer     not null,
    window_start timestamptz not null,
    window_end   timestamptz not null,
    evidence     text        not null,      -- the evidence event ids, comma-separated
    detected_at  timestamptz not null
);

create index content_gaps_by_topic on content_gaps (topic, detected_at desc);
