-- What the test application's handlers did, committed with the work they did it in.
create table handled_events (
    event_id    text primary key,
    customer_id text not null,
    text        text
);

create table fired_timers (
    kind      text not null,
    timer_key text not null,
    payload   text,
    fired_at  timestamptz not null
);
